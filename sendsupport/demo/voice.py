"""Views before reviews in the demo: parents' views sent before recent reviews, pupils' views with
the picture scale, and one pupil (the demo parent's child) with their own sign-in, ``pupil``."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from sendsupport.pupils.models import Pupil, PupilContact
from sendsupport.schools.models import SchoolPolicy
from sendsupport.support.choices import CycleStatus
from sendsupport.support.models import Cycle, Review
from sendsupport.support.voice.models import Face, ParentViews, PupilAccount, PupilViews

GOING_WELL = [
    "Reading at home every night, and enjoying it.",
    "Making friends in the playground.",
    "Much happier coming to school in the mornings.",
    "Maths games with the teaching assistant.",
    "Football club on Thursdays.",
]
WORRIES = [
    "Homework takes a very long time and ends in tears.",
    "Gets anxious about spelling tests.",
    "Finds lunchtimes noisy and hard.",
    "Not sure the writing support is helping yet.",
    "",
]
NEXT = [
    "More help with writing, and ideas we can use at home.",
    "A quiet place to go at lunchtime.",
    "Keep the reading group going.",
    "Let us know which words to practise each week.",
    "",
]
PUPIL_WORDS = {
    "going_well": ["Reading with Mr Nowak", "Playtime", "Maths games", "Art", "My friends"],
    "hard": ["Writing a lot", "Spelling", "When it is noisy", "Times tables", "Lining up"],
    "helps": ["My word mat", "A quiet table", "Ear defenders", "Pictures of what happens next", "A movement break"],
}
HOW = [
    "With the face cards, with the teaching assistant",
    "Talking with the teaching assistant in the quiet room",
    "At the review, with a parent",
]


def _school_day(day: date) -> date:
    """The Friday before a weekend day, and a July day for one in the summer holiday: pupils give
    their views at school."""
    if day.month == 8 or (day.month == 7 and day.day > 20):
        day = date(day.year, 7, 16)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(19, 30)))


def add_voice(*, school: Any, child: Pupil, users: dict[str, Any], today: date) -> None:
    """The school lets pupils from Year 3 sign in; the demo child signs in as ``pupil``."""
    rng = random.Random("sendsupport-demo-voice")
    senco, ta = users["senco"], users["ta"]
    policy = SchoolPolicy.objects.filter(school=school).first() or SchoolPolicy(school=school)
    policy.pupils_may_sign_in = True
    policy.pupil_sign_in_from_year = 3
    policy.save()

    pupil_user = users.get("pupil")
    if pupil_user is not None and not PupilAccount.objects.filter(pupil=child).exists():
        pupil_user.first_name = child.preferred_first_name or child.legal_first_name
        pupil_user.last_name = child.preferred_last_name or child.legal_last_name
        pupil_user.email = ""
        pupil_user.save()
        PupilAccount.objects.create(pupil=child, user=pupil_user, created_by=senco)

    # Parents' and pupils' views before the reviews of the last two terms (the demo child's too).
    reviews = list(
        Review.objects.filter(pupil__school=school, held_on__gte=today - timedelta(days=200))
        .select_related("cycle")
        .order_by("held_on", "id")
    )
    contacts = {}
    for link in PupilContact.objects.filter(pupil_id__in=[r.pupil_id for r in reviews], parental_responsibility=True):
        contacts.setdefault(link.pupil_id, link.contact)
    parent_rows, pupil_rows = [], []
    for index, review in enumerate(reviews):
        contact = contacts.get(review.pupil_id)
        if contact is not None and (index % 3 != 2 or review.pupil_id == child.pk):  # two in three families
            parent_rows.append(
                ParentViews(
                    pupil_id=review.pupil_id,
                    cycle_id=review.cycle_id,
                    sent_by=contact.user,
                    sent_by_name=f"{contact.first_name} {contact.last_name}",
                    going_well=rng.choice(GOING_WELL),
                    worries=rng.choice(WORRIES),
                    next_steps=rng.choice(NEXT),
                    sent_at=_at(review.held_on - timedelta(days=rng.randint(2, 9))),
                )
            )
        if index % 2 == 0:
            pupil_rows.append(
                _pupil_views(rng, review.pupil_id, review.cycle_id, _school_day(review.held_on - timedelta(days=4)), ta)
            )
    # This term: the pupil's views gathered for a few reviews still to come, and the child's own.
    open_cycles = list(
        Cycle.objects.filter(pupil__school=school, status=CycleStatus.OPEN).exclude(pupil=child).order_by("pk")[:6]
    )
    for cycle in open_cycles:
        pupil_rows.append(
            _pupil_views(rng, cycle.pupil_id, cycle.pk, _school_day(today - timedelta(days=rng.randint(3, 20))), ta)
        )
    child_cycle = Cycle.objects.filter(pupil=child, status=CycleStatus.OPEN).first()
    own = _pupil_views(
        rng, child.pk, child_cycle.pk if child_cycle else None, _school_day(today - timedelta(days=6)), pupil_user
    )
    own.by_pupil, own.how_gathered = True, ""
    pupil_rows.append(own)
    pupil_rows.append(_pupil_views(rng, child.pk, None, _school_day(today - timedelta(days=100)), ta))
    ParentViews.objects.bulk_create(parent_rows)
    PupilViews.objects.bulk_create(pupil_rows)


def _pupil_views(rng: random.Random, pupil_id: int, cycle_id: int | None, given_on: date, by: Any) -> PupilViews:
    return PupilViews(
        pupil_id=pupil_id,
        cycle_id=cycle_id,
        given_on=given_on,
        recorded_by=by,
        how_gathered=rng.choice(HOW),
        going_well_face=rng.choice([Face.HAPPY, Face.VERY_HAPPY]),
        going_well=rng.choice(PUPIL_WORDS["going_well"]),
        hard_face=rng.choice([Face.SAD, Face.OK, Face.VERY_SAD]),
        hard=rng.choice(PUPIL_WORDS["hard"]),
        helps_face=rng.choice([Face.HAPPY, Face.VERY_HAPPY, Face.OK]),
        helps=rng.choice(PUPIL_WORDS["helps"]),
    )
