"""The child's page: the plan now, the support and who gives it, past reviews, documents, contacts."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.portal.tests.conftest import SECOND_OUTCOME, open_second_cycle
from sendsupport.support.tests import helpers

pytestmark = pytest.mark.django_db


def page(login, user, pupil) -> str:
    response = login(user).get(reverse("portal:child", args=[pupil.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_agreed_plan_outcomes_and_review_date(family, parent, pupil, login):
    html = page(login, parent, pupil)
    assert SECOND_OUTCOME in html
    assert "13 February 2026" in html  # the next review
    assert "Play &#x27;Simon says&#x27;" in html or "Play 'Simon says'" in html  # how to help at home
    assert reverse("support:plan_parent", args=[pupil.pk, 2]) in html


def test_it_hides_a_draft_plan_until_it_is_shared(pupil, parent, senco, teacher, login):
    helpers.reviewed_cycle(pupil, senco, teacher)
    open_second_cycle(pupil, senco, agree=False)
    html = page(login, parent, pupil)
    assert SECOND_OUTCOME not in html
    assert "writing a new plan" in html
    assert reverse("support:plan_parent", args=[pupil.pk, 2]) not in html


def test_it_shows_a_draft_once_the_parents_were_consulted(pupil, parent, senco, teacher, login):
    second = open_second_cycle(pupil, senco, agree=False)
    type(second.plan).objects.filter(pk=second.plan.pk).update(parents_consulted_on="2025-11-19")
    assert SECOND_OUTCOME in page(login, parent, pupil)


def test_it_names_who_gives_the_support_and_when(family, parent, pupil, ta, login):
    html = page(login, parent, pupil)
    assert "Talk Boost group" in html
    assert ta.get_full_name() in html
    assert "20 minutes, 3 times a week" in html
    assert "The library" in html


def test_it_leaves_out_support_the_child_has_left(family, parent, pupil, login):
    from django.utils import timezone

    family["group"].members.update(left_on=timezone.localdate().replace(year=2024))
    assert "The library" not in page(login, parent, pupil)


def test_it_shows_each_past_review_in_parents_words(family, parent, pupil, login):
    html = page(login, parent, pupil)
    assert "Review on 18 November 2025" in html
    assert "Partly achieved" in html
    assert "6 out of 10" in html
    assert "less than we hoped for" in html
    assert reverse("support:review", args=[pupil.pk, 1]) in html


def test_it_lists_shared_documents_only(family, parent, pupil, login):
    html = page(login, parent, pupil)
    assert reverse("meetings:copy", args=[pupil.pk, family["shared"].pk]) in html
    assert reverse("meetings:copy", args=[pupil.pk, family["private"].pk]) not in html
    assert reverse("support:plan_pdf_parent", args=[pupil.pk, 1]) in html


def test_it_gives_the_senco_and_how_to_reach_them(family, parent, pupil, senco, login):
    html = page(login, parent, pupil)
    assert senco.get_full_name() in html
    assert "mailto:senco@school.example" in html
    assert "0117 496 0123" in html


def test_it_links_the_sen_information_report_when_the_school_has_one(family, parent, pupil, school, login):
    assert "Ask the school where it publishes its SEN information report" in page(login, parent, pupil)
    school.sen_information_report_url = "https://oakfield.example/send-report"
    school.save()
    assert 'href="https://oakfield.example/send-report"' in page(login, parent, pupil)


def test_it_shows_the_local_offer_and_sendiass(family, parent, pupil, login):
    html = page(login, parent, pupil)
    assert "https://example.org/local-offer" in html
    assert "Bristol SENDIASS" in html
    assert "Speech and language drop-in" in html


def test_it_works_for_a_child_with_nothing_recorded_yet(parent, pupil, login):
    html = page(login, parent, pupil)
    assert "There is no support plan" in html
    assert "No plan for Maya has been reviewed yet" in html
    assert "has not shared any documents" in html


def test_it_records_that_the_parent_read_the_page(family, parent, pupil, login):
    page(login, parent, pupil)
    event = AuditEvent.objects.filter(action="viewed", pupil_id=pupil.pk, actor=parent).latest("id")
    assert "parent portal" in event.summary


@override_settings(PORTAL_SECTIONS=["portal/_preparing_section.html", "portal/_preparing_section.html"])
def test_it_includes_the_sections_other_apps_add(parent, pupil, login):
    html = page(login, parent, pupil)
    assert html.count("Meeting the school about Maya?") == 2


def test_it_refuses_a_contact_without_parental_responsibility(pupil, login):
    from conftest import link_parent, make_user

    carer = make_user("carer")
    link_parent(pupil, carer, responsibility=False)
    assert login(carer).get(reverse("portal:child", args=[pupil.pk])).status_code == 404


def test_the_childrens_list_and_the_home_page_lead_to_it(parent, pupil, login):
    url = reverse("portal:child", args=[pupil.pk])
    client = login(parent)
    assert url in client.get(reverse("pupils:my_children")).content.decode()
    assert url in client.get(reverse("home")).content.decode()
    assert reverse("portal:preparing") in page(login, parent, pupil)


def test_it_says_when_the_review_is_due_and_when_it_is_late(family, parent, pupil, login, monkeypatch):
    from datetime import date

    from sendsupport.portal import views

    monkeypatch.setattr(views, "today", lambda: date(2026, 1, 10))
    assert "We will look at progress together by <strong>13 February 2026</strong>" in page(login, parent, pupil)
    monkeypatch.setattr(views, "today", lambda: date(2026, 2, 20))
    assert "the school will arrange the review with you" in page(login, parent, pupil)


def test_staff_notes_never_reach_the_page(family, parent, pupil, ta, login):
    from datetime import date

    from sendsupport.support import services

    outcome = family["second"].plan.outcomes.first()
    services.add_note(
        outcome=outcome,
        by=ta,
        text="Staff only: upset after lunch.",
        written_on=date(2025, 11, 20),
        today=date(2025, 11, 20),
    )
    assert "upset after lunch" not in page(login, parent, pupil)


def test_every_link_in_the_contents_list_leads_to_a_part_of_the_page(family, parent, pupil, login):
    page = login(parent).get(reverse("portal:child", args=[pupil.pk])).content.decode()
    contents = page.split('<nav aria-label="On this page">', 1)[1].split("</nav>", 1)[0]
    anchors = re.findall(r'href="#([^"]+)"', contents)
    assert "meetings" in anchors
    for anchor in anchors:
        assert f'id="{anchor}"' in page, anchor
