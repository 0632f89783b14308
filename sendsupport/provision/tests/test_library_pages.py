"""The library and provision pages as people use them: the SENCO fills the library and starts a group
from it; bad input answers 400 and saves nothing; the pupil page and the plan page show what the pupil
receives, with costs for the SENCO only; a provision's page logs a view for each pupil shown."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.provision import selectors
from sendsupport.provision.costing import pence_in_words
from sendsupport.provision.library_seed import COMMON_INTERVENTIONS
from sendsupport.provision.models import Intervention, Provision
from sendsupport.provision.services import provisions as services
from sendsupport.support.tests import helpers

pytestmark = pytest.mark.django_db


def test_the_senco_adds_the_common_interventions_from_the_library_page(school, senco, teacher, login):
    page = login(senco).get(reverse("provision:library")).content.decode()
    assert "Add the common interventions" in page
    response = login(senco).post(reverse("provision:library_add_common"), follow=True)
    assert f"{len(COMMON_INTERVENTIONS)} common interventions added" in response.content.decode()
    assert Intervention.objects.filter(school=school).count() == len(COMMON_INTERVENTIONS)
    assert "Add the common interventions" not in login(teacher).get(reverse("provision:library")).content.decode()


def test_the_senco_starts_a_group_from_the_library_and_links_outcomes(senco, ta, teacher, pupil, intervention, login):
    outcome = helpers.running_cycle(pupil, senco, teacher).plan.outcomes.get()
    client = login(senco)
    form = client.get(reverse("provision:provision_add", args=[intervention.pk, "group"])).content.decode()
    assert 'value="Phonics catch-up"' in form and pupil.display_name in form  # pre-filled from the library
    response = client.post(
        reverse("provision:provision_add", args=[intervention.pk, "group"]),
        {
            "name": "Year 4 phonics",
            "deliverer_role": "ta",
            "deliverers": [ta.pk],
            "sessions_per_week": "3",
            "session_minutes": "20",
            "starts_on": "2026-09-14",
            "funding": "imf",
            "members": [pupil.pk],
        },
    )
    made = Provision.objects.get(name="Year 4 phonics")
    assert response.url == reverse("provision:provision_outcomes", args=[made.pk])
    client.post(response.url, {"outcomes": [outcome.pk]})
    assert list(made.outcomes.all()) == [outcome]
    detail = client.get(reverse("provision:provision_detail", args=[made.pk])).content.decode()
    assert pupil.display_name in detail and outcome.description[:30] in detail and "14 Sep 2026" in detail


def test_a_group_with_no_members_answers_400_and_saves_nothing(senco, ta, intervention, login):
    response = login(senco).post(
        reverse("provision:provision_add", args=[intervention.pk, "group"]),
        {
            "name": "Empty",
            "deliverer_role": "ta",
            "deliverers": [ta.pk],
            "sessions_per_week": "3",
            "session_minutes": "20",
            "starts_on": "2026-09-14",
            "funding": "imf",
        },
    )
    assert response.status_code == 400
    assert "a group with no members cannot run" in response.content.decode()
    assert not Provision.objects.exists()


def test_one_to_one_support_is_entered_in_hours_a_week(senco, ta, pupil, intervention, login):
    response = login(senco).post(
        reverse("provision:provision_add", args=[intervention.pk, "one-to-one"]),
        {
            "name": "Maya's mornings",
            "deliverer_role": "ta",
            "deliverers": [ta.pk],
            "hours_per_week": "16.25",
            "days_per_week": "5",
            "starts_on": "2026-09-14",
            "funding": "notional_sen",
            "member": pupil.pk,
        },
    )
    assert response.status_code == 302
    made = Provision.objects.get()
    assert (made.one_to_one, made.sessions_per_week, made.session_minutes, made.weekly_hours) == (True, 5, 195, 16.25)


def test_the_pupil_page_shows_provision_and_cost_against_the_threshold_to_the_senco_only(
    pupil, senco, teacher, provision, role_costs, delivered_session, login
):
    costs = selectors.pupil_costs(pupil)
    projected = pence_in_words(costs.pupil_total(pupil.pk, "projected_year"))
    senco_page = login(senco).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert "Phonics group A" in senco_page
    assert f"{projected} of £6,000.00" in senco_page
    teacher_page = login(teacher).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert "Phonics group A" in teacher_page and "Since 7 Sep 2026" in teacher_page
    assert "£" not in teacher_page


def test_the_plan_page_lists_the_provisions_with_the_outcomes_they_serve(pupil, senco, teacher, provision, login):
    cycle = helpers.running_cycle(pupil, senco, teacher)
    outcome = cycle.plan.outcomes.get()
    services.set_outcomes(provision=provision, by=senco, outcomes=[outcome])
    # The plan runs in 2025; make the provision start within it so it is listed.
    Provision.objects.filter(pk=provision.pk).update(starts_on=date(2025, 9, 1))
    provision.members.update(joined_on=date(2025, 9, 1))
    page = login(senco).get(reverse("support:plan", args=[pupil.pk, cycle.number])).content.decode()
    section = page.split("Provisions during this plan", 1)[1]
    assert "Phonics group A" in section and outcome.description[:30] in section
    assert "Support and interventions" in page  # the free text stays beside it


def test_staff_find_provision_from_the_navigation(teacher, parent, login):
    assert reverse("provision:provisions") in login(teacher).get(reverse("home")).content.decode()
    assert reverse("provision:provisions") not in login(parent).get(reverse("home")).content.decode()


def test_a_provisions_page_logs_a_view_of_each_pupil_shown(provision, pupil, other_pupil, teacher, senco, login):
    login(senco).get(reverse("provision:provision_detail", args=[provision.pk]))
    assert set(AuditEvent.objects.filter(action="viewed", actor=senco).values_list("pupil_id", flat=True)) == {
        pupil.pk,
        other_pupil.pk,
    }
    # The teacher sees the group through Maya, and only Maya of its members.
    page = login(teacher).get(reverse("provision:provision_detail", args=[provision.pk])).content.decode()
    assert pupil.display_name in page and other_pupil.display_name not in page


def test_a_trust_shares_interventions_that_others_use_but_cannot_change(school, other_school, senco, login):
    from sendsupport.schools.models import Trust

    trust = Trust.objects.create(name="Riverside Learning Trust")
    for member in (school, other_school):
        member.trust = trust
        member.save()
    theirs = Intervention.objects.create(
        school=other_school, name="Elm Tree reading club", area="cognition", description="Reading.", delivered_by="ta"
    )
    client = login(senco)
    assert "Elm Tree reading club" not in client.get(reverse("provision:library")).content.decode()
    Intervention.objects.filter(pk=theirs.pk).update(shared_with_trust=True)
    library = client.get(reverse("provision:library")).content.decode()
    assert "Elm Tree reading club" in library and "Shared by Elm Tree Primary School" in library
    assert client.get(reverse("provision:provision_add", args=[theirs.pk, "group"])).status_code == 200
    assert client.get(reverse("provision:library_edit", args=[theirs.pk])).status_code == 404


def test_starting_one_to_one_past_the_cap_warns_on_the_next_page(school, senco, ta, pupil, intervention, login):
    services.create_provision(
        school=school,
        by=senco,
        intervention=intervention,
        name="Mornings",
        one_to_one=True,
        deliverer_role="ta",
        deliverers=[ta],
        sessions_per_week=5,
        session_minutes=180,
        starts_on=date(2026, 9, 7),
        funding="notional_sen",
        members=[pupil],
    )
    response = login(senco).post(
        reverse("provision:provision_add", args=[intervention.pk, "one-to-one"]),
        {
            "name": "Afternoons",
            "deliverer_role": "ta",
            "deliverers": [ta.pk],
            "hours_per_week": "5",
            "days_per_week": "5",
            "starts_on": "2026-09-07",
            "funding": "notional_sen",
            "member": pupil.pk,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Which outcomes does it serve?" in page
    assert "20.00 hours a week of one-to-one support, more than the school&#x27;s limit of 16.25 hours" in page
    assert Provision.objects.filter(name="Afternoons").exists()  # a warning, not a block
