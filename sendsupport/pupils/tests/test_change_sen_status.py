"""Changing a pupil's SEN status and needs: a dated history, ranked needs, the census rules on every save."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import TODAY, make_pupil
from sendsupport.audit.models import AuditEvent
from sendsupport.pupils import selectors, services
from sendsupport.pupils.models import SENNeed, SENStatus

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int]:
    return SENStatus.objects.count(), SENNeed.objects.count(), AuditEvent.objects.count()


def test_it_keeps_a_dated_history_of_who_decided_what_and_why(pupil, senco, head):
    services.change_sen_status(
        pupil=pupil,
        provision="E",
        needs=[("ASD", 1), ("SLCN", 2)],
        start_date=date(2025, 3, 3),
        reason="EHC plan issued by the LA.",
        by=senco,
        today=TODAY,
    )
    services.change_sen_status(
        pupil=pupil, provision="N", needs=[], start_date=date(2025, 9, 1), reason="Plan ceased.", by=head, today=TODAY
    )
    history = [(s.provision, s.start_date, s.decided_by, s.reason) for s in selectors.status_history(pupil)]
    assert history == [
        ("N", date(2025, 9, 1), head, "Plan ceased."),
        ("E", date(2025, 3, 3), senco, "EHC plan issued by the LA."),
        ("K", date(2024, 9, 1), None, "Test set-up"),
    ]
    assert selectors.current_provision(pupil) == "N"
    assert selectors.current_needs(pupil) == []


def test_it_ranks_needs_and_derives_the_broad_area(pupil):
    needs = selectors.current_needs(pupil)
    assert [(n.need_type, n.rank, n.get_rank_display(), n.broad_area) for n in needs] == [
        ("SLCN", 1, "Primary", "Communication and interaction"),
        ("SEMH", 2, "Secondary", "Social, emotional and mental health"),
    ]


def test_needs_that_carry_over_keep_their_start_date_and_others_are_dated(pupil, senco):
    services.change_sen_status(
        pupil=pupil,
        provision="K",
        needs=[("SLCN", 1), ("MLD", 2)],
        start_date=date(2025, 4, 1),
        reason="Review: SEMH needs met; learning needs found.",
        by=senco,
        today=TODAY,
    )
    current = {n.need_type: n for n in selectors.current_needs(pupil)}
    assert current["SLCN"].start_date == date(2024, 9, 1)
    assert current["MLD"].start_date == date(2025, 4, 1)
    ended = SENNeed.objects.get(pupil=pupil, need_type="SEMH")
    assert ended.end_date is not None and ended.end_date <= date(2025, 4, 1)
    assert [(n.need_type, n.end_date is None) for n in selectors.need_history(pupil)] == [
        ("MLD", True),
        ("SLCN", True),
        ("SEMH", False),
    ]


def test_swapping_primary_and_secondary_needs_is_allowed(pupil, senco):
    services.change_sen_status(
        pupil=pupil,
        provision="K",
        needs=[("SEMH", 1), ("SLCN", 2)],
        start_date=date(2025, 4, 1),
        reason="SEMH is now the main need.",
        by=senco,
        today=TODAY,
    )
    assert [(n.need_type, n.rank) for n in selectors.current_needs(pupil)] == [("SEMH", 1), ("SLCN", 2)]


@pytest.mark.parametrize(
    ("provision", "needs", "field", "words"),
    [
        ("N", [("SLCN", 1)], "primary_need", "cannot have need types"),
        ("K", [], "primary_need", "need a primary type of need"),
        ("E", [], "primary_need", "need a primary type of need"),
        ("E", [("NSA", 1)], "primary_need", "NSA (no specialist assessment) can only be used"),
        ("K", [("SLCN", 1), ("ASD", 1)], "secondary_need", "different rank"),
        ("K", [("SLCN", 2)], "primary_need", "must be the primary need (rank 1)"),
        ("K", [("SLCN", 1), ("SLCN", 2)], "secondary_need", "must be different from the primary need"),
        ("S", [], "provision", "not a SEN provision code"),
    ],
)
def test_every_save_keeps_the_census_rules(pupil, senco, provision, needs, field, words):
    before = counts()
    with pytest.raises(ValidationError) as caught:
        services.change_sen_status(
            pupil=pupil,
            provision=provision,
            needs=needs,
            start_date=date(2025, 4, 1),
            reason="x",
            by=senco,
            today=TODAY,
        )
    assert any(words in message for message in caught.value.message_dict[field])
    assert counts() == before


def test_nsa_is_allowed_on_sen_support(pupil, senco):
    services.change_sen_status(
        pupil=pupil, provision="K", needs=[("NSA", 1)], start_date=date(2025, 4, 1), reason="x", by=senco, today=TODAY
    )
    assert [n.need_type for n in selectors.current_needs(pupil)] == ["NSA"]


@pytest.mark.parametrize(
    ("start", "words"),
    [
        (date(2024, 8, 31), "cannot be before the current status began (1 September 2024)"),
        (date(2025, 11, 21), "must be today or in the past"),
        (date(2010, 1, 1), "before the pupil's date of birth"),
    ],
)
def test_the_date_must_follow_the_current_status_and_not_be_in_the_future(pupil, senco, start, words):
    before = counts()
    with pytest.raises(ValidationError) as caught:
        services.change_sen_status(
            pupil=pupil, provision="K", needs=[("SLCN", 1)], start_date=start, reason="x", by=senco, today=TODAY
        )
    assert any(words in message for message in caught.value.message_dict["start_date"])
    assert counts() == before


def test_a_pupil_with_no_status_yet_can_be_put_on_the_register(school, senco):
    newcomer = make_pupil(school)
    services.change_sen_status(
        pupil=newcomer,
        provision="K",
        needs=[("SPLD", 1)],
        start_date=date(2025, 1, 6),
        reason="x",
        by=senco,
        today=TODAY,
    )
    assert selectors.current_provision(newcomer) == "K"


# The page ------------------------------------------------------------------------------------------


def post(client, pupil, **data):
    payload = {"provision": "K", "primary_need": "", "secondary_need": "", "start_date": "2025-01-06", "reason": "Why"}
    payload.update(data)
    return client.post(reverse("pupils:sen_status", args=[pupil.pk]), payload)


def test_the_page_offers_the_current_status_and_needs(senco, pupil, login):
    html = login(senco).get(reverse("pupils:sen_status", args=[pupil.pk])).content.decode()
    assert 'value="K" checked' in html
    assert '<option value="SLCN" selected>' in html
    assert '<option value="SEMH" selected>' in html


def test_the_page_records_a_change_and_logs_it(senco, pupil, login):
    client = login(senco)
    response = post(client, pupil, provision="E", primary_need="ASD", secondary_need="SLCN", reason="Plan issued.")
    assert response.status_code == 302
    latest = selectors.status_history(pupil).first()
    assert (latest.provision, latest.decided_by, latest.reason) == ("E", senco, "Plan issued.")
    assert [(n.need_type, n.rank) for n in selectors.current_needs(pupil)] == [("ASD", 1), ("SLCN", 2)]
    logged = AuditEvent.objects.filter(pupil=pupil, actor=senco, action="created")
    assert {event.object_type for event in logged} == {"SEN status", "SEN need"}
    status_event = logged.get(object_type="SEN status")
    assert {"field": "provision", "before": None, "after": "E"} in status_event.changes


@pytest.mark.parametrize(
    ("data", "label", "words"),
    [
        ({"provision": "N", "primary_need": "SLCN"}, "Primary need (rank 1)", "cannot have need types"),
        ({"provision": "K"}, "Primary need (rank 1)", "need a primary type of need"),
        (
            {"provision": "E", "primary_need": "NSA"},
            "Primary need (rank 1)",
            "can only be used for pupils on SEN support",
        ),
        (
            {"primary_need": "SLCN", "secondary_need": "SLCN"},
            "Secondary need (rank 2)",
            "The secondary need must be different from the primary need.",
        ),
        ({"secondary_need": "SLCN"}, "Primary need (rank 1)", "it must be the primary need (rank 1)"),
        (
            {"primary_need": "SLCN", "start_date": "2024-08-31"},
            "Date this starts",
            "cannot be before the current status began",
        ),
        ({"primary_need": "SLCN", "start_date": "2999-01-01"}, "Date this starts", "must be today or in the past"),
        ({"primary_need": "SLCN", "start_date": "2025-02-30"}, "Date this starts", "Enter a real date"),
        ({"primary_need": "SLCN", "reason": ""}, "Why was this decided?", "Say why this was decided"),
        ({"provision": "S", "primary_need": "SLCN"}, "SEN provision", "Select a valid choice"),
    ],
)
def test_the_page_names_the_field_and_rule_and_saves_nothing(senco, pupil, login, data, label, words):
    before = counts()
    response = post(login(senco), pupil, **data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f"{label}: " in html
    assert words in html
    assert counts() == before
