"""The EHC plan: issuing one moves the SEN register to E through the census rules, ceasing one moves it
where the SENCO chooses, and the plan's sections are rows with provision linked to the provision map."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import TODAY, make_pupil
from sendsupport.audit.models import AuditEvent
from sendsupport.pupils.selectors import current_needs, current_provision
from sendsupport.statutory import services
from sendsupport.statutory.models import EHCPlan, PlanEntry

pytestmark = pytest.mark.django_db

# The EHC page with a plan whose provision is linked: the pupil and rules, requests, plans with their lines,
# reviews and advice, and the provision app's costing (eight queries, whatever the number of provisions).
# -1: the roles, whether a parent or an LA officer are one query (accounts.access).
# -1: the session is read with its user, in one query (accounts.sessions).
QUERIES = 19


def test_it_moves_a_pupil_on_sen_support_to_e_from_the_issue_date_with_their_needs(pupil, senco):
    plan = services.save_plan(pupil=pupil, by=senco, issued_on=date(2025, 10, 1), today=TODAY)
    status = pupil.sen_statuses.order_by("-start_date", "-id").first()
    assert (status.provision, status.start_date) == ("E", date(2025, 10, 1))
    assert "EHC plan issued" in status.reason and "1 October 2025" in status.reason
    assert [(n.need_type, n.rank) for n in current_needs(pupil)] == [("SLCN", 1), ("SEMH", 2)]
    assert plan.history.first().history_user == senco


def test_a_pupil_already_on_e_is_not_moved_again(other_pupil, senco):
    before = other_pupil.sen_statuses.count()
    services.save_plan(pupil=other_pupil, by=senco, issued_on=date(2025, 10, 1), today=TODAY)
    assert other_pupil.sen_statuses.count() == before


def test_when_the_census_rules_refuse_the_move_nothing_is_saved_and_the_message_says_why(school, senco):
    # NSA (no specialist assessment) is allowed only with SEN support, never with an EHC plan.
    child = make_pupil(school, provision="K", needs=[("NSA", 1)])
    with pytest.raises(ValidationError) as error:
        services.save_plan(pupil=child, by=senco, issued_on=date(2025, 10, 1), today=TODAY)
    message = " ".join(error.value.messages)
    assert "cannot move to EHC plan (E)" in message and "nothing was saved" in message
    assert not EHCPlan.objects.filter(pupil=child).exists()
    assert current_provision(child) == "K"


def test_the_form_shows_the_refusal_with_status_400(school, senco, login):
    child = make_pupil(school, provision="K", needs=[("NSA", 1)])
    response = login(senco).post(reverse("statutory:plan_add", args=[child.pk]), {"issued_on": "2025-10-01"})
    assert response.status_code == 400
    assert "cannot move to EHC plan (E)" in response.content.decode()
    assert not EHCPlan.objects.filter(pupil=child).exists()


def test_ceasing_a_plan_asks_where_the_pupil_goes_and_never_guesses(other_pupil, senco):
    plan = services.save_plan(pupil=other_pupil, by=senco, issued_on=date(2024, 6, 1), today=TODAY)
    with pytest.raises(ValidationError) as error:
        services.save_plan(
            pupil=other_pupil, by=senco, issued_on=date(2024, 6, 1), ceased_on=date(2025, 9, 30), plan=plan, today=TODAY
        )
    assert "after_cease" in error.value.message_dict
    plan.refresh_from_db()
    assert plan.ceased_on is None and current_provision(other_pupil) == "E"


@pytest.mark.parametrize(("choice", "needs"), [("K", [("ASD", 1)]), ("N", [])])
def test_ceasing_moves_the_pupil_where_the_senco_chose(other_pupil, senco, choice, needs):
    plan = services.save_plan(pupil=other_pupil, by=senco, issued_on=date(2024, 6, 1), today=TODAY)
    services.save_plan(
        pupil=other_pupil,
        by=senco,
        issued_on=date(2024, 6, 1),
        ceased_on=date(2025, 9, 30),
        after_cease=choice,
        plan=plan,
        today=TODAY,
    )
    status = other_pupil.sen_statuses.order_by("-start_date", "-id").first()
    assert (status.provision, status.start_date) == (choice, date(2025, 9, 30))
    assert [(n.need_type, n.rank) for n in current_needs(other_pupil)] == needs


def test_a_line_of_the_plan_is_added_changed_and_removed_with_history(other_pupil, ehc_plan, senco, login):
    client = login(senco)
    url = reverse("statutory:entry_add", args=[other_pupil.pk, ehc_plan.pk, "B"])
    assert client.post(url, {"text": "  Ben finds noisy rooms hard.  "}).status_code == 302
    entry = PlanEntry.objects.get()
    assert (entry.section, entry.text, entry.pupil_id) == ("B", "Ben finds noisy rooms hard.", other_pupil.pk)
    edit = reverse("statutory:entry_edit", args=[other_pupil.pk, ehc_plan.pk, entry.pk])
    assert client.post(edit, {"text": "Ben finds noisy rooms very hard."}).status_code == 302
    remove = reverse("statutory:entry_delete", args=[other_pupil.pk, ehc_plan.pk, entry.pk])
    assert client.post(remove).status_code == 302
    assert not PlanEntry.objects.exists()
    assert [h.history_type for h in PlanEntry.history.order_by("history_id")] == ["+", "~", "-"]
    assert PlanEntry.history.filter(history_user=senco).count() == 3


def test_an_empty_line_is_refused_with_a_message_naming_the_field(other_pupil, ehc_plan, senco, login):
    url = reverse("statutory:entry_add", args=[other_pupil.pk, ehc_plan.pk, "E"])
    response = login(senco).post(url, {"text": "   "})
    assert response.status_code == 400
    assert "Enter what the plan says." in response.content.decode()
    assert not PlanEntry.objects.exists()


def test_provision_is_linked_only_to_the_pupils_own_provisions(other_pupil, pupil, ehc_plan, bens_group, senco):
    entry = services.save_plan_entry(
        plan=ehc_plan, by=senco, section="F", text="Talk boost, 3 times a week.", provision=bens_group
    )
    assert entry.provision == bens_group
    bens_group.members.all().delete()  # Ben leaves the group: it is no longer his to link
    with pytest.raises(ValidationError) as error:
        services.save_plan_entry(plan=ehc_plan, by=senco, section="F", text="Talk boost", provision=bens_group)
    assert "provision" in error.value.message_dict


def test_the_form_offers_only_the_pupils_provisions(other_pupil, ehc_plan, bens_group, senco, login, school):
    url = reverse("statutory:entry_add", args=[other_pupil.pk, ehc_plan.pk, "F"])
    response = login(senco).post(url, {"text": "Group work", "provision": "999999"})
    assert response.status_code == 400
    assert "Choose one of the pupil&#x27;s provisions" in response.content.decode()
    assert "Talk boost group" in login(senco).get(url).content.decode()


def test_a_needs_line_cannot_be_linked_to_a_provision(ehc_plan, bens_group, senco):
    entry = services.save_plan_entry(plan=ehc_plan, by=senco, section="B", text="Needs", provision=bens_group)
    assert entry.provision is None


def test_the_ehc_page_shows_the_sections_and_the_linked_provisions_cost(
    other_pupil, ehc_plan, bens_group, senco, login
):
    PlanEntry.objects.create(plan=ehc_plan, pupil=other_pupil, section="B", text="Ben finds noisy rooms hard.")
    PlanEntry.objects.create(
        plan=ehc_plan, pupil=other_pupil, section="F", text="Talk boost three times a week.", provision=bens_group
    )
    page = login(senco).get(reverse("statutory:pupil", args=[other_pupil.pk])).content.decode()
    assert "What Ben needs" in page and "Outcomes" in page and "Support the plan sets out" in page
    assert "Ben finds noisy rooms hard." in page
    assert "On the provision map:" in page and "Talk boost group" in page
    assert "projected for the year" in page and "£" in page
    assert AuditEvent.objects.filter(pupil=other_pupil, action="viewed").exists()


def test_staff_who_may_not_see_costs_see_the_link_but_no_money(pupil, maya_plan, senco, teacher, login, school):
    from sendsupport.provision.models import ProvisionMember

    # Maya's teacher sees her EHC page; costs are for the SENCO and head.
    group = _group_for(school, pupil)
    PlanEntry.objects.create(plan=maya_plan, pupil=pupil, section="F", text="Phonics daily.", provision=group)
    page = login(teacher).get(reverse("statutory:pupil", args=[pupil.pk])).content.decode()
    assert group.name in page and "projected for the year" not in page
    assert ProvisionMember.objects.filter(pupil=pupil).exists()


def _group_for(school, child):
    from sendsupport.provision.models import Intervention, Provision, ProvisionMember

    intervention = Intervention.objects.create(
        school=school, name="Phonics", area="cognition", description="-", group_size=4, session_minutes=20,
        sessions_per_week=5, delivered_by="ta",
    )  # fmt: skip
    group = Provision.objects.create(
        school=school, intervention=intervention, name="Phonics group B", deliverer_role="ta", sessions_per_week=5,
        session_minutes=20, starts_on=date(2026, 9, 7), funding="notional_sen",
    )  # fmt: skip
    ProvisionMember.objects.create(provision=group, pupil=child, joined_on=date(2026, 9, 7))
    return group


@pytest.mark.parametrize("lines", [1, 6])
def test_the_ehc_page_takes_a_fixed_number_of_queries(
    other_pupil, ehc_plan, annual_review, advice, bens_group, senco, login, django_assert_num_queries, lines
):
    for number in range(lines):
        PlanEntry.objects.create(plan=ehc_plan, pupil=other_pupil, section="E", text=f"Outcome {number}")
        PlanEntry.objects.create(plan=ehc_plan, pupil=other_pupil, section="F", text="Talk", provision=bens_group)
    client = login(senco)
    url = reverse("statutory:pupil", args=[other_pupil.pk])
    client.get(url)  # warm the session and per-request caches the count is not about
    with django_assert_num_queries(QUERIES):
        assert client.get(url).status_code == 200


def test_recording_a_past_plan_that_ceased_leaves_the_plan_in_force_alone(other_pupil, ehc_plan, senco):
    services.save_plan(pupil=other_pupil, by=senco, issued_on=date(2021, 6, 1), ceased_on=date(2023, 6, 1), today=TODAY)
    assert current_provision(other_pupil) == "E"


def test_the_parent_sees_the_plans_sections_on_their_childs_page(other_pupil, ehc_plan, other_parent, parent, login):
    PlanEntry.objects.create(plan=ehc_plan, pupil=other_pupil, section="B", text="Ben finds noisy rooms hard.")
    PlanEntry.objects.create(plan=ehc_plan, pupil=other_pupil, section="F", text="Talk boost, 3 times a week.")
    page = login(other_parent).get(reverse("portal:child", args=[other_pupil.pk])).content.decode()
    assert "The EHC plan" in page and "What Ben needs" in page
    assert "Ben finds noisy rooms hard." in page and "Talk boost, 3 times a week." in page
    assert login(parent).get(reverse("portal:child", args=[other_pupil.pk])).status_code == 404


def test_a_child_without_a_plan_has_no_plan_section(pupil, parent, login):
    page = login(parent).get(reverse("portal:child", args=[pupil.pk])).content.decode()
    assert "The EHC plan" not in page
