"""API fixtures: a token for each persona and a client that sends it as a bearer token."""

from __future__ import annotations

from itertools import count

import pytest

from conftest import make_pupil
from sendsupport.api import services
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.upn import make_upn


@pytest.fixture
def make_token(db):
    def _make(user, name: str = "Test token") -> str:
        _, secret = services.create_token(user=user, name=name)
        return secret

    return _make


@pytest.fixture
def tokens(personas, make_token) -> dict[str, str]:
    """persona name → a live token for that persona."""
    return {name: make_token(user) for name, user in personas.items()}


@pytest.fixture
def api_get(client):
    """GET an API path with an optional bearer token; returns the response."""

    def _get(path: str, token: str | None = None, **params):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return client.get(path, params, headers=headers)

    return _get


@pytest.fixture
def add_pupil(db):
    """``make_pupil`` with serials of this test's own, skipping any UPN already used in it.

    The shared ``make_pupil`` draws from one counter of 999 serials for the whole session; these
    tests make many pupils, so they leave that counter to the shared fixtures.
    """
    serials = count(1)

    def _add(school, **kwargs) -> Pupil:
        while True:
            serial = next(serials)
            upn = make_upn(school.local_authority.number, school.estab, 24, serial)
            if not Pupil.objects.filter(upn=upn).exists():
                return make_pupil(school, serial=serial, **kwargs)

    return _add


@pytest.fixture
def cycles(pupil, senco, teacher):
    """Maya's cycle 1, reviewed and closed, and cycle 2, open with a draft plan whose outcome is vague."""
    from datetime import date

    from sendsupport.support.tests import helpers

    first = helpers.reviewed_cycle(pupil, senco, teacher)
    second = helpers.start(pupil, senco, opened_on=date(2025, 11, 19), teacher=teacher)
    helpers.assess(second, senco, decided_on=date(2025, 11, 19))
    draft = helpers.plan(second, senco, created_on=date(2025, 11, 19), review_date=date(2026, 2, 13))
    helpers.outcome(draft, senco, **helpers.VAGUE_OUTCOME)
    return {"first": first, "second": second}


@pytest.fixture
def meetings(pupil, parent, senco):
    """One meeting shared with Maya's parents (with a correction), and one not yet shared."""
    from datetime import timedelta

    from django.utils import timezone

    from sendsupport.meetings import services as meeting_services
    from sendsupport.pupils.models import Contact

    def record(days_ago: int, discussed: str):
        return meeting_services.record_meeting(
            pupil=pupil,
            by=senco,
            held_on=timezone.localdate() - timedelta(days=days_ago),
            kind="review",
            discussed=discussed,
            agreed="Maya will have two short sessions a week with the TA.",
            actions="Mrs Evans will practise the word cards at home.",
            parents_attended=list(Contact.objects.filter(pupil_links__pupil=pupil)),
            staff_attendees=[senco],
        )

    shared = meeting_services.share_with_parents(meeting=record(14, "How Maya is getting on."), by=senco)
    meeting_services.add_correction(
        meeting=shared, by=senco, part="agreed", correction="Three sessions a week.", reason="A typing slip."
    )
    private = record(3, "Staff-only draft notes.")
    return {"shared": shared, "private": private}


@pytest.fixture
def carer(pupil):
    """Maya's second carer with parental responsibility, who has an account (not a persona)."""
    from conftest import link_parent, make_user

    user = make_user("carer")
    link_parent(pupil, user)
    return user


@pytest.fixture
def planned_meetings(pupil, parent, carer, senco):
    """Maya's meetings planned ahead: one confirmed for next week, which the parent and the carer have
    answered, one confirmed and then cancelled, and one planned but not yet sent to the parents."""
    from datetime import time, timedelta

    from django.utils import timezone

    from sendsupport.meetings import planning
    from sendsupport.meetings.models import PlannedMeeting
    from sendsupport.pupils.models import Contact

    def confirm(days_ahead: int, place: str, video_link: str = "") -> PlannedMeeting:
        return planning.confirm_meeting(
            pupil=pupil,
            by=senco,
            on=timezone.localdate() + timedelta(days=days_ahead),
            starts=time(15, 30),
            ends=time(16, 15),
            place=place,
            video_link=video_link,
            invited=list(planning.invitable_parents(pupil)),
            staff=[senco],
            base_url="http://testserver/",
        )

    upcoming = confirm(7, "The SENCO's office", "https://meet.example.org/maya")
    parents_contact = Contact.objects.get(user=parent)
    carers_contact = Contact.objects.get(user=carer)
    planning.reply(planned=upcoming, contact=parents_contact, answer="yes", base_url="http://testserver/")
    planning.reply(
        planned=upcoming,
        contact=carers_contact,
        answer="other_time",
        message="Carer's private note: I work late on Tuesdays.",
        base_url="http://testserver/",
    )
    cancelled = confirm(3, "The library")
    cancelled = planning.cancel_meeting(
        planned=cancelled, by=senco, reason="The SENCO is ill.", base_url="http://testserver/"
    )
    draft = PlannedMeeting.objects.create(
        pupil=pupil,
        starts_at=timezone.now() + timedelta(days=20),
        ends_at=timezone.now() + timedelta(days=20, minutes=45),
        place="Staff-only draft room",
        uid="draft@sendsupport",
        created_by=senco,
    )
    return {"upcoming": upcoming, "cancelled": cancelled, "draft": draft}


@pytest.fixture
def chosen_teacher(pupil, senco, teacher):
    """The SENCO chose the class teacher (not the TA) to read Maya's link book."""
    from sendsupport.linkbook import services as linkbook_services

    linkbook_services.choose_readers(pupil=pupil, by=senco, users=[teacher])
    return teacher


@pytest.fixture
def link_book(pupil, parent, senco, chosen_teacher):
    """Maya's book: an entry from home with the SENCO's reply, then a newer entry from school."""
    from sendsupport.linkbook import services as linkbook_services

    base = "http://testserver"
    home = linkbook_services.write_entry(
        pupil=pupil, by=parent, side="home", kind="positive", text="Maya read a whole page tonight.", base_url=base
    )
    linkbook_services.reply(thread=home, by=senco, side="school", text="Wonderful, thank you.", base_url=base)
    school_entry = linkbook_services.write_entry(
        pupil=pupil, by=chosen_teacher, side="school", kind="difficulty", text="A hard day at swimming.", base_url=base
    )
    return {"home": home, "school": school_entry}


@pytest.fixture
def views_given(pupil, parent, carer, senco, teacher, ta):
    """Views before the review of Maya's open cycle: the parent's, the carer's, and Maya's own (with the TA)."""
    from datetime import date

    from conftest import TODAY
    from sendsupport.support.choices import CycleStatus
    from sendsupport.support.models import Cycle
    from sendsupport.support.tests import helpers
    from sendsupport.support.voice import services as voice_services
    from sendsupport.support.voice.models import Face

    # The open cycle if another fixture made one (``cycles``), or cycle 1 with its plan agreed.
    cycle = Cycle.objects.filter(pupil=pupil, status=CycleStatus.OPEN).first() or helpers.running_cycle(
        pupil, senco, teacher
    )
    parents = voice_services.send_parent_views(
        pupil=pupil, cycle_id=cycle.pk, by=parent, going_well="She loves reading.", worries="Homework takes hours."
    )
    carers = voice_services.send_parent_views(
        pupil=pupil, cycle_id=cycle.pk, by=carer, worries="Carer's own worry about friendships."
    )
    own = voice_services.record_pupil_views(
        pupil=pupil,
        by=ta,
        given_on=date(2025, 11, 19),
        how_gathered="With the face cards",
        going_well_face=Face.VERY_HAPPY,
        going_well="Reading time",
        hard_face=Face.SAD,
        today=TODAY,
    )
    return {"cycle": cycle, "parent": parents, "carer": carers, "pupil": own}
