"""The SEN information report: drafts save whatever is missing, publishing refuses until every item
is there, and a published version is frozen on a public page that names no pupil."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from conftest import make_pupil
from sendsupport.statutory.publishing import selectors, services
from sendsupport.statutory.publishing.models import Publication, ReportDraft, TrainingRecord
from sendsupport.statutory.publishing.tests.conftest import BASE, TODAY, write_everything

pytestmark = pytest.mark.django_db


def missing_on_page(html: str) -> list[str]:
    return re.findall(r'<li><a href="#missing">(.*?)</a></li>', html)


def test_a_draft_with_items_missing_is_saved(senco, school, login):
    response = login(senco).post(reverse("publishing:report_edit"), {"identifying": "We watch, listen and assess."})
    assert response.status_code == 302
    assert ReportDraft.objects.get(school=school).identifying == "We watch, listen and assess."


def test_a_local_offer_address_that_is_not_one_is_refused_and_nothing_saved(senco, school, login):
    data = {"identifying": "We watch.", "local_offer_url": "the council website"}
    response = login(senco).post(reverse("publishing:report_edit"), data)
    assert response.status_code == 400
    assert "Enter the Local Offer address as a web address" in response.content.decode()
    assert not ReportDraft.objects.filter(school=school).exists()


def test_publishing_with_items_missing_names_each_and_publishes_nothing(senco, school, login):
    write_everything(school, senco, complaints="", transition="")
    response = login(senco).post(reverse("publishing:publish_report"))
    assert response.status_code == 400
    errors = missing_on_page(response.content.decode())
    assert any("Item 4: The SENCO&#x27;s name" in e for e in errors)
    assert any("Item 9: Complaints about SEN provision" in e for e in errors)
    assert any("Item 11:" in e for e in errors)
    assert any("Item 12: Moving between phases" in e for e in errors)
    assert any("Item 13:" in e for e in errors)
    assert any("Accessibility plan: at least one action" in e for e in errors)
    assert not any("Item 2:" in e for e in errors)  # written
    assert not Publication.objects.exists()
    school.refresh_from_db()
    assert school.sen_information_report_url == ""


def test_the_missing_items_come_in_the_schedules_order(school, senco):
    missing = selectors.missing_report_items(selectors.report_contents(school, today=TODAY))
    numbers = [m.split(":")[0] for m in missing if m.startswith("Item ")]
    assert numbers == [
        "Item 2", "Item 3a", "Item 3b", "Item 3c", "Item 3d", "Item 3e", "Item 3f", "Item 3g", "Item 4", "Item 5",
        "Item 6", "Item 7", "Item 8", "Item 9", "Item 10", "Item 11", "Item 12", "Item 13",
    ]  # fmt: skip


def test_publishing_freezes_a_version_and_points_the_portal_link_at_it(complete, senco, login, client):
    response = login(senco).post(reverse("publishing:publish_report"))
    assert response.status_code == 302
    publication = Publication.objects.get(school=complete)
    assert (publication.number, publication.published_on) == (1, TODAY)
    complete.refresh_from_db()
    # The test client's host has no domain, so the address is set when published from a real one.
    assert complete.sen_information_report_url == ""
    services.publish(school=complete, kind="report", by=senco, today=TODAY, base_url=BASE)
    complete.refresh_from_db()
    assert complete.sen_information_report_url == f"{BASE}/schools/{complete.urn}/sen-information-report/"

    services.save_draft(school=complete, by=senco, complaints="A new complaints text.")
    html = login(None).get(reverse("publishing:public_report", args=[complete.urn])).content.decode()
    assert "What we do about complaints." in html and "A new complaints text." not in html
    assert "Last updated: 20 November 2026" in html
    assert 'class="govuk-service-navigation__list"' not in html  # no menu for a signed-out reader


def test_a_school_with_its_own_address_keeps_it(complete, senco):
    complete.sen_information_report_url = "https://oakfield.example/send"
    complete.save()
    services.publish(school=complete, kind="report", by=senco, today=TODAY, base_url=BASE)
    complete.refresh_from_db()
    assert complete.sen_information_report_url == "https://oakfield.example/send"


def test_small_counts_are_withheld_and_no_pupil_is_named(complete, senco, class_4a, login):
    pupils = [
        make_pupil(
            complete,
            first=f"Zebedee{i}",
            last="Quintrell",
            registration_group=class_4a,
            provision="K",
            needs=[("SLCN", 1)],
        )
        for i in range(6)
    ]
    make_pupil(complete, first="Ottoline", last="Vavasour", provision="E", needs=[("PD", 1)])
    services.publish(school=complete, kind="report", by=senco, today=TODAY, base_url=BASE)
    html = login(None).get(reverse("publishing:public_report", args=[complete.urn])).content.decode()
    assert "Pupils on SEN support: 6" in html
    assert "Pupils with an education, health and care (EHC) plan: withheld" in html
    for pupil in pupils[:1]:
        assert pupil.legal_last_name not in html and pupil.upn not in html
    assert "Vavasour" not in html


def test_the_live_data_fill_the_report(complete, senco, training_record, login):
    html = login(senco).get(reverse("publishing:report")).content.decode()
    assert "Our special educational needs co-ordinator (SENCO) is" in html and "senco@oakfield.example" in html
    assert "Autism awareness" in html and "All teaching assistants" in html
    assert "https://www.bristol.example/local-offer" in html and "0117 903 8790" in html
    assert "Fit a ramp to the Year 3 classroom door" in html
    assert "Every item is filled in" in html


def test_a_governor_reads_the_draft_but_cannot_change_it(complete, governor, login):
    html = login(governor).get(reverse("publishing:report")).content.decode()
    assert "The report as it would be published today" in html
    assert reverse("publishing:report_edit") not in html and "Publish the report" not in html


def test_training_in_the_future_is_refused_and_nothing_saved(senco, login):
    data = {"course": "Makaton", "attended_by": "Reception staff", "completed_on": "2027-01-01"}
    response = login(senco).post(reverse("publishing:training"), data)
    assert response.status_code == 400
    assert "The date completed cannot be in the future." in response.content.decode()
    assert not TrainingRecord.objects.exists()


def test_a_plan_that_ends_before_it_starts_is_refused(senco, school, login):
    data = {"plan_starts_on": "2026-09-01", "plan_ends_on": "2026-08-01", "plan_review_on": "2027-07-01"}
    response = login(senco).post(reverse("publishing:accessibility_dates"), data)
    assert response.status_code == 400
    assert "The date the plan runs to must be after the date it runs from." in response.content.decode()
    assert not ReportDraft.objects.filter(school=school).exists()


def test_publishing_is_audited(complete, senco):
    from sendsupport.audit.models import AuditEvent

    services.publish(school=complete, kind="report", by=senco, today=TODAY, base_url=BASE)
    assert AuditEvent.objects.filter(actor=senco, object_type="publication", action="created").exists()


@pytest.mark.parametrize("rows", [1, 12])
def test_the_report_page_query_count_is_fixed(complete, senco, login, rows, django_assert_num_queries):
    from sendsupport.provision.models import Intervention

    for index in range(rows):
        services.add_training(
            school=complete,
            by=senco,
            course=f"Course {index}",
            attended_by="TAs",
            completed_on=date(2026, 1, 5),
            today=TODAY,
        )
        Intervention.objects.create(
            school=complete, name=f"Intervention {index}", area="cognition", description="x", delivered_by="ta"
        )
    services.publish(school=complete, kind="report", by=senco, today=TODAY, base_url=BASE)
    client = login(senco)
    with django_assert_num_queries(REPORT_PAGE_QUERIES):
        assert client.get(reverse("publishing:report")).status_code == 200
    client = login(None)
    with django_assert_num_queries(PUBLIC_PAGE_QUERIES):
        assert client.get(reverse("publishing:public_report", args=[complete.urn])).status_code == 200


REPORT_PAGE_QUERIES = 12  # the session with its user (one query), roles with their schools and the menu's parent and LA checks (one query), the draft, the register counts, SENCO, training, library, actions, publications
PUBLIC_PAGE_QUERIES = 3  # the school, the report, the strategy (whether to link it)
