"""The import and export pages: the upload, preview and confirm journeys (who may use them: ``test_permissions.py``)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from lxml import etree

from conftest import make_pupil, make_user
from sendsupport.audit.models import AuditEvent
from sendsupport.interop.models import CSVColumnMapping, ImportRun
from sendsupport.interop.services.runs import start_import
from sendsupport.interop.tests.conftest import CSV, GOOD_CTF, upload
from sendsupport.interop.tests.samples import ctf_xml, pupil_xml, upn
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import Role, StaffMembership

pytestmark = pytest.mark.django_db


def test_another_schools_import_is_not_found(other_school, ctf_run, login):
    other_senco = make_user("othersenco")
    StaffMembership.objects.create(user=other_senco, school=other_school, role=Role.SENCO)
    client = login(other_senco)
    assert client.get(reverse("interop:run", args=[ctf_run.pk])).status_code == 404
    assert client.post(reverse("interop:run_confirm", args=[ctf_run.pk])).status_code == 404


def test_the_senco_uploads_previews_and_confirms_a_ctf(
    senco, school, login, media_root, django_capture_on_commit_callbacks
):
    client = login(senco)
    with django_capture_on_commit_callbacks(execute=True):  # the worker checks the file after commit
        response = client.post(reverse("interop:ctf_upload"), {"file": upload("joiners.xml", GOOD_CTF)})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("interop:run", args=[run.pk])
    stored = Path(media_root) / run.stored_file
    assert stored.is_file() and stored.name != "joiners.xml"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Check what will change" in html and "New SEN history entry" in html and "New pupil" in html
    assert not Pupil.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("interop:run_confirm", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == "imported" and run.created_by == senco and run.new_pupils == 1
    assert not stored.exists() and run.stored_file == ""
    assert Pupil.objects.get().school == school
    assert "File imported" in client.get(reverse("interop:run", args=[run.pk])).content.decode()
    # A second confirm (a double click) changes nothing and says why.
    client.post(reverse("interop:run_confirm", args=[run.pk]))
    assert Pupil.objects.count() == 1


def test_cancelling_deletes_the_file_and_changes_nothing(senco, ctf_run, login, media_root):
    stored = Path(media_root) / ctf_run.stored_file
    response = login(senco).post(reverse("interop:run_cancel", args=[ctf_run.pk]))
    assert response.status_code == 302
    ctf_run.refresh_from_db()
    assert ctf_run.status == "cancelled" and not stored.exists() and not Pupil.objects.exists()


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><CTfile>&a;</CTfile>',
            "document type declaration",
        ),
        (b"<CTfile><Header>", "not well-formed XML"),
        (b"\xff\xfe\x00garbage", "not well-formed XML"),
        (ctf_xml(pupil_xml("A801300018001")), "check letter is wrong"),
    ],
)
def test_a_bad_ctf_is_shown_problem_by_problem_never_a_500(
    data, text, senco, login, media_root, django_capture_on_commit_callbacks
):
    client = login(senco)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interop:ctf_upload"), {"file": upload("bad.xml", data)})
    response = client.get(response["Location"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "This file was not imported" in html and text in html
    run = ImportRun.objects.get()
    assert run.status == "rejected" and not list((Path(media_root) / "interop-uploads").iterdir())
    assert not Pupil.objects.exists()


def test_an_empty_upload_is_refused_with_a_message(senco, login):
    response = login(senco).post(reverse("interop:ctf_upload"), {"file": upload("empty.xml", b"")})
    assert response.status_code == 400 and "The file is empty" in response.content.decode()
    response = login(senco).post(reverse("interop:ctf_upload"), {})
    assert response.status_code == 400 and "Choose a file to upload" in response.content.decode()


def test_the_senco_matches_columns_previews_and_imports_a_csv(senco, school, login, django_capture_on_commit_callbacks):
    client = login(senco)
    data = CSV + f"{upn(3)},Ward,Ben,not a date,M,5\r\n".encode()
    response = client.post(reverse("interop:csv_upload"), {"file": upload("sims.csv", data)})
    run = ImportRun.objects.get()
    assert response["Location"] == reverse("interop:csv_columns", args=[run.pk])
    page = client.get(response["Location"]).content.decode()
    assert '<option value="DOB" selected>DOB</option>' in page
    columns = {
        "upn": "UPN",
        "legal_last_name": "Surname",
        "legal_first_name": "Forename",
        "date_of_birth": "DOB",
        "sex": "Sex",
        "year_group": "Year",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interop:csv_columns", args=[run.pk]), columns)
    assert response.status_code == 302
    assert CSVColumnMapping.objects.get(school=school).columns["date_of_birth"] == "DOB"
    html = client.get(reverse("interop:run", args=[run.pk])).content.decode()
    assert "Row 3 (UPN" in html and "A date must be a real date" in html and "Import only the valid rows" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interop:run_confirm", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == "rejected" and not Pupil.objects.exists()


def test_the_senco_can_choose_to_import_only_the_valid_rows(senco, login, django_capture_on_commit_callbacks):
    client = login(senco)
    data = CSV + f"{upn(3)},Ward,Ben,not a date,M,5\r\n".encode()
    client.post(reverse("interop:csv_upload"), {"file": upload("sims.csv", data)})
    run = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("interop:csv_columns", args=[run.pk]),
            {
                "upn": "UPN",
                "legal_last_name": "Surname",
                "legal_first_name": "Forename",
                "date_of_birth": "DOB",
                "sex": "Sex",
                "year_group": "Year",
            },
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("interop:run_confirm", args=[run.pk]), {"only_valid": "on"})
    run.refresh_from_db()
    assert run.status == "imported" and run.only_valid_rows
    assert list(Pupil.objects.values_list("upn", flat=True)) == [upn(2)]


def test_the_column_page_needs_a_upn_and_distinct_columns(senco, csv_run, login):
    response = login(senco).post(
        reverse("interop:csv_columns", args=[csv_run.pk]),
        {"upn": "", "legal_last_name": "Surname", "legal_first_name": "Surname"},
    )
    html = response.content.decode()
    assert response.status_code == 400 and "Choose the column that holds the UPN" in html and "already matched" in html


def test_a_csv_with_mixed_encodings_is_refused_on_upload_naming_the_row(senco, login):
    data = "UPN,Surname\r\nX,Zoë\r\n".encode() + "Y,Renée\r\n".encode("cp1252")
    response = login(senco).post(reverse("interop:csv_upload"), {"file": upload("mixed.csv", data)}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "mixes text encodings" in html and "row 3 is Windows-1252" in html


def test_the_census_page_reports_and_downloads(senco, school, login):
    pupil = make_pupil(school, first="Kay", last="One", provision="K", needs=[("MLD", 1)])
    pupil.sen_needs.all().delete()
    client = login(senco)
    html = client.get(reverse("interop:census"), {"term": "spring", "year": "2026"}).content.decode()
    assert "Pupils on SEN support or with an EHC plan need a primary type of need" in html
    assert "need_required" not in html and f'href="/pupils/{pupil.pk}/"' in html
    response = client.get(reverse("interop:census_download"), {"term": "spring", "year": "2026"})
    assert response["Content-Type"] == "application/xml" and "attachment" in response["Content-Disposition"]
    assert etree.fromstring(response.content).findtext("Pupils/Pupil/UPN") == pupil.upn
    assert AuditEvent.objects.filter(action="exported", actor=senco).exists()


def test_the_census_page_names_a_bad_year(senco, login):
    response = login(senco).get(reverse("interop:census"), {"term": "winter", "year": "26"})
    assert response.status_code == 400 and "Choose the autumn, spring or summer census" in response.content.decode()
    assert login(senco).get(reverse("interop:census_download"), {"term": "spring"}).status_code == 404


def test_the_senco_can_set_the_census_indicators(senco, school, login):
    response = login(senco).post(reverse("interop:census_settings"), {"has_sen_unit": "on"})
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.has_sen_unit and not school.has_resourced_provision


def test_the_senco_downloads_a_leaving_pupils_ctf(senco, pupil, login):
    client = login(senco)
    assert "Send a Common Transfer File" in client.get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    url = reverse("interop:pupil_transfer", args=[pupil.pk])
    bad = client.post(url, {"dest_lea": "33", "dest_estab": "2100"})
    assert bad.status_code == 400 and "three digits" in bad.content.decode()
    response = client.post(url, {"dest_lea": "330", "dest_estab": "2100"})
    assert response["Content-Type"] == "application/xml"
    root = etree.fromstring(response.content)
    assert root.findtext("CTFpupilData/Pupil/UPN") == pupil.upn
    assert root.findtext("Header/DestSchool/Estab") == "2100"
    event = AuditEvent.objects.get(action="exported")
    assert (event.actor, event.pupil) == (senco, pupil)


def test_staff_who_do_not_manage_see_no_transfer_link(teacher, pupil, login):
    assert (
        "Send a Common Transfer File"
        not in login(teacher).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    )


def test_an_upload_left_waiting_a_day_is_cancelled_and_its_file_deleted(school, senco, ctf_run, media_root):
    stored = Path(media_root) / ctf_run.stored_file
    ImportRun.objects.filter(pk=ctf_run.pk).update(created_at=ctf_run.created_at - timedelta(hours=25))
    start_import(school=school, by=senco, kind="ctf", upload=upload("next.xml", GOOD_CTF))
    ctf_run.refresh_from_db()
    assert ctf_run.status == "cancelled" and not stored.exists()


def test_a_large_import_runs_in_the_worker_and_the_page_says_so_until_it_is_done(
    senco, school, login, media_root, settings, django_capture_on_commit_callbacks
):
    """With the database queue (as in production) the request only saves the file and asks the worker."""
    from django_tasks_db.models import DBTaskResult

    from sendsupport.interop.services.runs import confirm_import_task, preview_ctf_task

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = login(senco)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interop:ctf_upload"), {"file": upload("joiners.xml", GOOD_CTF)})
    run = ImportRun.objects.get()
    assert run.status == "checking"
    assert "The file is being checked" in client.get(response["Location"]).content.decode()
    queued = DBTaskResult.objects.get(status="READY")
    assert queued.task_path.endswith("preview_ctf_task")
    preview_ctf_task.call(*queued.args_kwargs["args"])  # what the worker does
    run.refresh_from_db()
    assert run.status == "previewed"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interop:run_confirm", args=[run.pk]), follow=True)
    html = response.content.decode()
    assert "joiners.xml is being imported" in html and "The file is being imported" in html
    assert not Pupil.objects.exists()  # nothing saved in the request
    queued = DBTaskResult.objects.filter(status="READY").order_by("-enqueued_at").first()
    confirm_import_task.call(*queued.args_kwargs["args"])
    run.refresh_from_db()
    assert run.status == "imported" and Pupil.objects.get().school == school
    assert "File imported" in client.get(reverse("interop:run", args=[run.pk])).content.decode()
