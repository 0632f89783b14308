"""A CTF pupil whose SEN record breaks a census rule is imported with everything valid, their
history kept, and each problem listed for the receiving SENCO to fix (DOMAIN.md, census)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse

from conftest import TODAY
from sendsupport.audit.models import AuditEvent
from sendsupport.interop.models import ImportRun, TransferProblem
from sendsupport.interop.services.ctf_import import import_ctf
from sendsupport.interop.services.runs import start_import
from sendsupport.interop.tests.samples import ctf_xml, pupil_xml, upn
from sendsupport.pupils.models import Pupil

pytestmark = pytest.mark.django_db
GOOD = pupil_xml(upn(1), sen=[("2024-09-01", "K")], needs=[("SLCN", "1", None, None)])


def imported(data: bytes, school):
    report = import_ctf(source=io.BytesIO(data), school=school, by=None, file_name="in.xml", today=TODAY)
    assert report.ok, report.problems
    return report


def record_of(upn_value: str) -> tuple[list[tuple[str, str]], list[tuple[str, int, date | None]]]:
    pupil = Pupil.objects.get(upn=upn_value)
    statuses = [(s.start_date.isoformat(), s.provision) for s in pupil.sen_statuses.order_by("start_date")]
    needs = [(n.need_type, n.rank, n.end_date) for n in pupil.sen_needs.order_by("rank", "start_date")]
    return statuses, needs


K = [("2024-09-01", "K")]


@pytest.mark.parametrize(
    ("sen", "needs", "rules", "element", "statuses", "kept_needs"),
    [
        (K, [("MLD", "3", None, None)], ["rank_valid", "need_required"], "SENneed/SENtypeRank", K, []),
        (
            K,
            [("SLCN", "1", None, None), ("MLD", "3", None, None)],
            ["rank_valid"],
            "SENneed/SENtypeRank",
            K,
            [("SLCN", 1, None)],
        ),
        (K, [], ["need_required"], "SENneeds", K, []),
        (K, [("XYZ", "1", None, None)], ["need_type_valid", "need_required"], "SENneed/SENtype", K, []),
        ([("2024-09-01", "Q")], [], ["provision_valid"], "SEN/SENprovision", [], []),
        ([("2010-09-01", "A")], [], ["provision_current"], "SEN/SENprovision", [], []),
        (
            [("2010-09-01", "P"), ("2020-09-01", "K")],
            [("SLCN", "1", None, None)],
            ["provision_current"],
            "SEN/SENprovision",
            [("2020-09-01", "K")],
            [("SLCN", 1, None)],
        ),
        (
            [("2024-09-01", "N")],
            [("MLD", "1", None, None)],
            ["no_needs_with_n"],
            "SENneeds",
            [("2024-09-01", "N")],
            [("MLD", 1, None)],
        ),
        (
            [("2024-09-01", "E")],
            [("NSA", "1", None, None)],
            ["nsa_only_with_k"],
            "SENneeds",
            [("2024-09-01", "E")],
            [("NSA", 1, None)],
        ),
        (K, [("MLD", "2", None, None)], ["single_is_rank_1"], "SENneeds", K, [("MLD", 2, None)]),
        (K, [("MLD", "1", None, None), ("HI", "1", None, None)], ["ranks_distinct"], "SENneeds", K, [("MLD", 1, None)]),
        ([("2024-13-01", "K")], [], ["date_valid"], "SEN/StartDate", [], []),
        ([("2030-01-01", "K")], [], ["date_not_future"], "SEN/StartDate", [], []),
        (K, [("MLD", "1", "2024-09-01", "next week")], ["date_valid", "need_required"], "SENneed/NeedEndDate", K, []),
        (
            K + [("2024-09-01", "E")],
            [("MLD", "1", None, None)],
            ["one_entry_per_date"],
            "SEN/StartDate",
            K,
            [("MLD", 1, None)],
        ),
    ],
)
def test_the_pupil_comes_in_with_what_is_valid_and_the_problem_is_listed(
    sen, needs, rules, element, statuses, kept_needs, school
):
    bad = pupil_xml(upn(3), forename="Ben", surname="Ward", sen=sen, needs=needs)
    report = imported(ctf_xml(GOOD, bad), school)
    assert report.new_pupils == 2 and report.error_count == 0
    assert [p.rule for p in report.to_fix] == rules
    assert {p.where for p in report.to_fix} == {f"Pupil {upn(3)} (Ben Ward)"}
    assert report.to_fix[0].element == element
    assert record_of(upn(3)) == (statuses, kept_needs)
    assert record_of(upn(1)) == (K, [("SLCN", 1, None)]), "nothing else is lost"


def test_a_rank_3_need_imports_the_pupil_with_the_problem_named(school):
    bad = pupil_xml(upn(3), sen=K, needs=[("SLCN", "1", None, None), ("ASD", "3", None, None)])
    [problem] = imported(ctf_xml(bad), school).to_fix
    assert problem.message == (
        "ASD has SENtypeRank '3': it must be 1 (primary) or 2 (secondary). "
        "This need was not imported; record the right need on the pupil's record."
    )


def test_an_old_code_is_listed_with_its_date_so_the_history_is_not_lost(school):
    bad = pupil_xml(
        upn(3),
        dob="2007-01-01",
        year="12",
        sen=[("2012-09-03", "P"), ("2019-09-02", "K")],
        needs=[("MLD", "1", None, None)],
    )
    [problem] = imported(ctf_xml(bad), school).to_fix
    assert "P (School Action Plus) from 2012-09-03 is a historic code" in problem.message


def test_a_statement_is_recoded_as_an_ehc_plan_and_kept(school):
    pupil = pupil_xml(upn(3), dob="2008-03-01", year="11", sen=[("2013-09-02", "S")], needs=[("ASD", "1", None, None)])
    report = imported(ctf_xml(pupil), school)
    assert report.to_fix == [] and any("recoded as E" in warning for warning in report.warnings)
    assert record_of(upn(3)) == ([("2013-09-02", "E")], [("ASD", 1, None)])


def test_a_pupil_on_k_with_no_need_is_imported_to_fix(school):
    report = imported(ctf_xml(pupil_xml(upn(3), sen=[("2024-09-01", "K")])), school)
    assert [(p.rule, p.element) for p in report.to_fix] == [("need_required", "SENneeds")]
    assert record_of(upn(3)) == (K, [])


def test_an_existing_pupil_keeps_their_needs_when_the_file_has_a_bad_rank(school):
    imported(ctf_xml(GOOD), school)
    again = pupil_xml(upn(1), sen=K, needs=[("SLCN", "1", None, None), ("MLD", "3", None, None)])
    report = imported(ctf_xml(again), school)
    assert [p.rule for p in report.to_fix] == ["rank_valid"]
    assert record_of(upn(1)) == (K, [("SLCN", 1, None)])


def test_the_preview_and_the_result_list_the_problems_to_fix_with_a_link(
    school, senco, login, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = pupil_xml(upn(3), forename="Ben", surname="Ward", sen=K, needs=[("MLD", "3", None, None)])
    upload = SimpleUploadedFile("rank3.xml", ctf_xml(GOOD, bad), content_type="application/xml")
    run = start_import(school=school, by=senco, kind="ctf", upload=upload)
    assert run.status == ImportRun.Status.PREVIEWED and run.error_count == 0
    client = login(senco)
    preview = client.get(reverse("interop:run", args=[run.pk])).content.decode()
    assert "SEN records to fix after the import" in preview and "These pupils will still be imported" in preview
    assert "SENtypeRank &#x27;3&#x27;" in preview
    with django_capture_on_commit_callbacks(execute=True):  # the worker imports the file after commit
        response = client.post(reverse("interop:run_confirm", args=[run.pk]))
    page = client.get(response["Location"]).content.decode()
    assert "2 problems in pupils&#x27; SEN records to fix" in page
    ben = Pupil.objects.get(upn=upn(3))
    assert f'href="/pupils/{ben.pk}/"' in page and "These pupils were imported with everything valid" in page
    assert {p.run_id for p in TransferProblem.objects.filter(pupil=ben)} == {run.pk}
    detail = client.get(reverse("pupils:detail", args=[ben.pk])).content.decode()
    assert f'href="/import-export/imports/{run.pk}/"' in detail


def test_the_problems_stay_on_the_pupils_page_until_the_senco_marks_them_fixed(school, senco, teacher, login):
    imported(ctf_xml(pupil_xml(upn(3), sen=K, needs=[("MLD", "3", None, None)])), school)
    ben = Pupil.objects.get(upn=upn(3))
    assert [(p.rule, p.fixed_at) for p in TransferProblem.objects.filter(pupil=ben)] == [
        ("rank_valid", None),
        ("need_required", None),
    ]
    client = login(senco)
    page = client.get(reverse("pupils:detail", args=[ben.pk])).content.decode()
    assert "To fix from the transfer file" in page and "SENtypeRank &#x27;3&#x27;" in page
    teacher_page = login(teacher).get(reverse("pupils:detail", args=[ben.pk])).content.decode()
    assert "To fix from the transfer file" not in teacher_page
    client = login(senco)
    for problem in TransferProblem.objects.filter(pupil=ben):
        url = reverse("interop:transfer_problem_fixed", args=[ben.pk, problem.pk])
        assert client.post(url).status_code == 302
    assert "To fix from the transfer file" not in client.get(reverse("pupils:detail", args=[ben.pk])).content.decode()
    fixed = TransferProblem.objects.filter(pupil=ben)
    assert all(p.fixed_by == senco and p.fixed_at for p in fixed), "kept, with who fixed it"
    assert AuditEvent.objects.filter(pupil_id=ben.pk, action="changed").exists()


def test_only_the_senco_and_head_can_mark_a_problem_fixed(personas, school, login, client):
    imported(ctf_xml(pupil_xml(upn(3), sen=K)), school)
    ben = Pupil.objects.get(upn=upn(3))
    problem = TransferProblem.objects.get(pupil=ben)
    url = reverse("interop:transfer_problem_fixed", args=[ben.pk, problem.pk])
    response = client.post(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for persona, user in personas.items():
        if persona in {"senco", "head"}:
            continue
        assert login(user).get(url).status_code in {404, 405}, persona
        assert login(user).post(url).status_code == 404, persona
    problem.refresh_from_db()
    assert problem.fixed_at is None
    assert login(personas["head"]).get(url).status_code == 405  # a button, never a link
    assert login(personas["head"]).post(url).status_code == 302


def test_a_problem_of_another_pupil_is_not_found(school, senco, pupil, login):
    imported(ctf_xml(pupil_xml(upn(3), sen=K)), school)
    problem = TransferProblem.objects.get()
    url = reverse("interop:transfer_problem_fixed", args=[pupil.pk, problem.pk])
    assert login(senco).post(url).status_code == 404
