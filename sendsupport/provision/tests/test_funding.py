"""Costs and funding pages: bad input refused with a message naming the field and nothing saved;
good input saved and audited; the funding page's figures are ``school_costs``'s to the penny; and no
teacher, TA, parent or governor sees a cost anywhere on these pages or on the pupil page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.core import dates
from sendsupport.provision.choices import DelivererRole, FundingStream
from sendsupport.provision.models import (
    ExtraCost,
    FundingAllocation,
    Provision,
    ProvisionMember,
    StaffMemberCost,
    StaffRoleCost,
    TopUp,
)
from sendsupport.provision.selectors import school_costs
from sendsupport.provision.tests.funding_fixtures import *  # noqa: F403 (the fixtures)

pytestmark = pytest.mark.django_db

# The fixtures' year is 2026 to 2027. Early in the autumn term Maya's one-to-one, with nothing yet
# delivered, is projected over the element 2 threshold.
AUTUMN_DAY = date(2026, 10, 5)


@pytest.fixture(autouse=True)
def _in_the_autumn_term(fix_today):
    fix_today(AUTUMN_DAY)


def _refused(response, field: str, message: str) -> None:
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html, html
    assert f'id="{field}-error"' in html or f"#id_{field}" in html


def _changes() -> int:
    return AuditEvent.objects.exclude(action="viewed").count()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0.00", "The hourly cost of a teaching assistant must be more than £0.00."),
        ("-4.00", "The cost of an hour cannot be negative."),
        ("eighteen", "Enter the cost of an hour as an amount of money, for example 12.50."),
        ("18.505", "Enter the cost of an hour in pounds and whole pence, for example 12.50."),
        ("", "Enter the cost of an hour."),
    ],
)
def test_it_refuses_an_hourly_cost_that_is_not_a_positive_amount(typed, message, senco, login):
    before = _changes()
    response = login(senco).post(reverse("provision:costs_role", args=["ta"]), {"hourly_pence": typed})
    _refused(response, "hourly_pence", message)
    assert not StaffRoleCost.objects.exists() and _changes() == before


def test_it_saves_an_hourly_cost_in_pence_and_audits_it(senco, school, login):
    response = login(senco).post(reverse("provision:costs_role", args=["ta"]), {"hourly_pence": "£18.50"})
    assert response.status_code == 302
    assert StaffRoleCost.objects.get(school=school, role="ta").hourly_pence == 1850
    event = AuditEvent.objects.get(object_type="staff role cost", action="created")
    assert event.actor == senco and event.school_id == school.pk
    login(senco).post(reverse("provision:costs_role", args=["ta"]), {"hourly_pence": "19"})
    assert StaffRoleCost.objects.get(school=school, role="ta").hourly_pence == 1900


def test_a_named_staff_cost_must_be_for_someone_at_the_school(senco, stranger, login):
    response = login(senco).post(reverse("provision:costs_staff_add"), {"user": stranger.pk, "hourly_pence": "20.00"})
    _refused(response, "user", "Choose a member of staff from the list.")
    assert not StaffMemberCost.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"amount_pence": "-12.50"}, "amount_pence", "The amount cannot be negative."),
        ({"amount_pence": "twelve"}, "amount_pence", "Enter the amount as an amount of money, for example 12.50."),
        ({"on_date": "2026-09-01"}, "on_date", "The date must be within the provision&#x27;s dates"),
        ({"recurrence": "daily"}, "recurrence", "Select a valid choice."),
        ({"description": ""}, "description", "Say what the cost is for."),
    ],
)
def test_it_refuses_a_bad_extra_cost_and_saves_nothing(data, field, message, senco, provision, login):
    good = {"description": "Licence", "amount_pence": "12.50", "recurrence": "weekly", "on_date": "2026-09-14"}
    before = _changes()
    response = login(senco).post(reverse("provision:costs_provision", args=[provision.pk]), {**good, **data})
    _refused(response, field, message)
    assert not ExtraCost.objects.exists() and _changes() == before


def test_it_adds_and_removes_an_extra_cost_and_audits_both(senco, school, provision, login):
    client = login(senco)
    good = {"description": "Licence", "amount_pence": "12.50", "recurrence": "weekly", "on_date": "2026-09-14"}
    assert client.post(reverse("provision:costs_provision", args=[provision.pk]), good).status_code == 302
    extra = ExtraCost.objects.get(provision=provision)
    assert (extra.amount_pence, extra.recurrence) == (1250, "weekly")
    remove = reverse("provision:costs_extra_remove", args=[provision.pk, extra.pk])
    assert client.post(remove).status_code == 302
    assert not ExtraCost.objects.exists()
    actions = set(
        AuditEvent.objects.filter(object_type="extra cost", school_id=school.pk).values_list("action", flat=True)
    )
    assert actions == {"created", "deleted"}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"amount_pence": "-1.00"}, "amount_pence", "Amount a year cannot be negative."),
        ({"status": "agreed"}, "decided_on", "Enter the date it was decided."),
        (
            {"status": "agreed", "decided_on": "2026-09-01"},
            "decided_on",
            "The decision cannot come before the request (2 October 2026).",
        ),
        ({"source": ""}, "source", "Say where the money comes from."),
        ({"start_year": "1999"}, "start_year", "Enter a year from 2000 to 2100."),
    ],
)
def test_it_refuses_a_bad_top_up_and_saves_nothing(data, field, message, senco, pupil, login):
    good = {
        "start_year": "2026",
        "amount_pence": "3000.00",
        "status": "requested",
        "requested_on": "2026-10-02",
        "source": "The local authority",
    }
    before = _changes()
    response = login(senco).post(reverse("provision:top_up_add", args=[pupil.pk]), {**good, **data})
    _refused(response, field, message)
    assert not TopUp.objects.exists() and _changes() == before


def test_a_top_up_cannot_be_dated_in_the_future(senco, pupil, login):
    tomorrow = (dates.today() + timedelta(days=1)).isoformat()
    data = {"start_year": "2026", "amount_pence": "30", "status": "requested", "requested_on": tomorrow, "source": "LA"}
    response = login(senco).post(reverse("provision:top_up_add", args=[pupil.pk]), data)
    _refused(response, "requested_on", "The date requested must be today")


def test_it_records_a_top_up_on_the_pupils_audit_log(senco, pupil, login):
    data = {
        "start_year": "2026",
        "amount_pence": "4,500.00",
        "status": "requested",
        "requested_on": "2026-10-02",
        "source": "The local authority",
    }
    assert login(senco).post(reverse("provision:top_up_add", args=[pupil.pk]), data).status_code == 302
    assert TopUp.objects.get(pupil=pupil).amount_pence == 450_000
    assert AuditEvent.objects.filter(pupil=pupil, object_type="top up", action="created").exists()


def test_it_refuses_a_second_allocation_for_the_same_year(senco, allocation, login):
    data = {"start_year": "2026", "notional_sen_pence": "1.00", "imf_pence": "0"}
    response = login(senco).post(reverse("provision:funding_allocation_add"), data)
    _refused(response, "start_year", "The figures for 2026 to 2027 are already recorded: change those.")
    assert FundingAllocation.objects.count() == 1


def test_a_review_must_say_what_it_found(senco, provision, login):
    data = {"reviewed_on": "2026-11-02", "review_note": "  "}
    response = login(senco).post(reverse("provision:costs_review", args=[provision.pk]), data)
    _refused(response, "review_note", "Say what the review found.")
    provision.refresh_from_db()
    assert provision.reviewed_on is None


@pytest.fixture
def one_to_one(school, intervention, pupil, role_costs) -> Provision:
    """A teacher one-to-one, an hour a day all year for Maya: £45 x 5 x 39 = £8,775.00 planned."""
    start, _ = dates.academic_year_bounds(dates.today())
    support = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Maya 1:1",
        one_to_one=True,
        deliverer_role=DelivererRole.TEACHER,
        sessions_per_week=5,
        session_minutes=60,
        starts_on=start,
        funding=FundingStream.IMF,
    )
    ProvisionMember.objects.create(provision=support, pupil=pupil, joined_on=start)
    return support


def test_the_funding_page_agrees_with_the_school_costs_to_the_penny(
    senco, school, pupil, other_pupil, provision, one_to_one, allocation, login
):
    response = login(senco).get(
        reverse("provision:funding"), {"year": dates.academic_year_bounds(dates.today())[0].year}
    )
    html = response.content.decode()
    costs = school_costs(school)
    from sendsupport.provision.costing import pence_in_words

    assert pence_in_words(costs.total("projected_year")) in html
    assert pence_in_words(costs.pupil_total(pupil.pk, "projected_year")) in html
    assert costs.pupil_total(pupil.pk, "projected_year") > 600_000
    assert "£6,000.00" in html and pupil.display_name in html
    # Ben's share of the phonics group is far under the threshold: not listed.
    assert other_pupil.display_name not in html
    # The Inclusive Mainstream Fund line shows the one-to-one's projected cost.
    assert pence_in_words(costs.provisions[one_to_one.pk].projected_year) in html


def test_the_pupils_top_up_page_shows_the_same_projected_cost(senco, school, pupil, one_to_one, login):
    html = login(senco).get(reverse("provision:top_ups", args=[pupil.pk])).content.decode()
    from sendsupport.provision.costing import pence_in_words

    assert pence_in_words(school_costs(school).pupil_total(pupil.pk, "projected_year")) in html
    assert "Over the threshold" in html


COST_PAGES = [
    ("provision:costs", lambda w: []),
    ("provision:costs_role", lambda w: ["ta"]),
    ("provision:costs_staff_add", lambda w: []),
    ("provision:costs_provision", lambda w: [w["provision"].pk]),
    ("provision:costs_review", lambda w: [w["provision"].pk]),
    ("provision:funding", lambda w: []),
    ("provision:funding_allocation_add", lambda w: []),
    ("provision:funding_allocation_edit", lambda w: [w["allocation"].start_year]),
    ("provision:top_ups", lambda w: [w["pupil"].pk]),
    ("provision:top_up_add", lambda w: [w["pupil"].pk]),
    ("provision:top_up_edit", lambda w: [w["pupil"].pk, w["top_up"].pk]),
]


@pytest.mark.parametrize("persona", ["teacher", "ta", "parent", "governor"])
def test_no_teacher_ta_parent_or_governor_sees_a_cost(
    persona, personas, pupil, provision, one_to_one, extra_cost, staff_cost, allocation, top_up, login
):
    client = login(personas[persona])
    w = {"pupil": pupil, "provision": provision, "allocation": allocation, "top_up": top_up}
    for name, args in COST_PAGES:
        response = client.get(reverse(name, args=args(w)))
        assert response.status_code == 404, name
        assert "£" not in response.content.decode(), name
    page = client.get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert "£" not in page and reverse("provision:top_ups", args=[pupil.pk]) not in page


def test_the_senco_reaches_costs_and_funding_from_home_and_the_pupil_page(senco, pupil, login):
    client = login(senco)
    home = client.get(reverse("home")).content.decode()
    assert reverse("provision:funding") in home and reverse("provision:costs") in home
    page = client.get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert reverse("provision:top_ups", args=[pupil.pk]) in page


def test_the_costs_page_lists_each_roles_cost_and_the_teaching_weeks(senco, role_costs, staff_cost, login):
    html = login(senco).get(reverse("provision:costs")).content.decode()
    assert "£18.00 an hour" in html and "£45.00 an hour" in html and "£21.40 an hour" in html
    assert "39 teaching weeks" in html
