"""Inclusion in the demo: a year of trips, clubs and events with the adjustments made for pupils on
the register, two lawful decisions that a pupil could not take part (parents told), adjustments and
aids for several pupils (the demo parent's child among them, on their passport), and the Year 6
access arrangements for the Key Stage 2 tests, each with its evidence.

Rows are written directly, as a school's year of records would stand: the parents' emails went out
at the time, so none is queued now.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sendsupport.core import dates
from sendsupport.pupils.codes import Provision
from sendsupport.pupils.models import Pupil, PupilContact
from sendsupport.pupils.selectors import with_current_sen
from sendsupport.statutory.inclusion.models import (
    AccessArrangement,
    Activity,
    ActivityDecision,
    ActivityPlace,
    Adjustment,
    Arrangement,
    Section35Reason,
)

PLACE_WORDS = [
    "A familiar teaching assistant with them all day, and a photo story of the day shared the week before.",
    "Ear defenders, and a quiet space agreed with the venue for breaks.",
    "A visual timetable of the day, and a named adult to go to.",
    "Seated near the front of the coach; medicines carried by a trained member of staff.",
    "Jobs given a day ahead, and a buddy chosen with them.",
    "Extra time to change, and instructions shown as well as said.",
]
ADJUSTMENTS = [
    (Adjustment.Kind.AID, "A writing slope and a pencil grip in every lesson."),
    (Adjustment.Kind.ADJUSTMENT, "Leaves lessons five minutes early to move around the school when it is quiet."),
    (Adjustment.Kind.AID, "Ear defenders, and a coloured overlay for reading."),
    (Adjustment.Kind.SERVICE, "A teaching assistant reads instructions aloud in tests and class work."),
    (Adjustment.Kind.ADJUSTMENT, "A movement break every 20 minutes, agreed with every teacher."),
    (Adjustment.Kind.AID, "A radio aid worn by the teacher, checked each morning."),
]
EVIDENCE = [
    "Reading well below age-related expectations in the school's standardised tests; a reader is "
    "{name}'s normal way of working in class.",
    "Slow processing speed (standard score 78); {name} has had extra time in class tests since Year 4.",
    "Handwriting is slow and hard to read; {name} has used a word processor in lessons since Year 5.",
    "Anxiety in busy rooms, recorded in the SEN support plan; {name} works in a small group room every day.",
]


def _school_day(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _register(school: Any, year_group: str) -> list[Pupil]:
    return list(
        with_current_sen(Pupil.objects.filter(school=school, year_group=year_group))
        .filter(current_provision__in=[Provision.SEN_SUPPORT, Provision.EHC_PLAN])
        .order_by("pk")
    )


def _told(pupil: Pupil, day: date) -> date | None:
    has_email = (
        PupilContact.objects.filter(pupil=pupil, parental_responsibility=True).exclude(contact__email="").exists()
    )
    return day if has_email else None


def add_inclusion(*, school: Any, child: Pupil, users: dict[str, Any], today: date) -> None:
    rng = random.Random("sendsupport-demo-inclusion")
    senco, head, teacher, ta = users["senco"], users["head"], users["teacher"], users["ta"]
    year_start = dates.academic_year_bounds(today)[0]
    year_6, year_5, year_4 = _register(school, "6"), _register(school, "5"), _register(school, "4")

    def activity(name: str, kind: str, starts: date, ends: date | None, lead: Any, details: str) -> Activity:
        found = Activity(
            school=school, name=name, kind=kind, starts_on=starts, ends_on=ends, lead=lead, details=details
        )
        found.created_by = senco
        found.save()
        return found

    # Last summer's sports day, this year's clubs and trips, and the Year 6 residential to come.
    sports_day = activity(
        "Sports day",
        Activity.Kind.SPORT,
        _school_day(year_start - timedelta(days=50)),
        None,
        head,
        "Whole-school sports day on the field.",
    )
    football = activity(
        "Thursday football club",
        Activity.Kind.CLUB,
        year_start + timedelta(days=10),
        year_start + timedelta(days=110),
        teacher,
        "After school, 3:30 to 4:30, Years 3 to 6.",
    )
    lego = activity(
        "Lunchtime Lego club", Activity.Kind.CLUB, year_start + timedelta(days=7), None, ta, "In the library."
    )
    museum = activity(
        "Year 4 trip to the M Shed museum",
        Activity.Kind.TRIP,
        _school_day(today - timedelta(days=30)),
        None,
        teacher,
        "Coach to the museum for the Bristol history topic.",
    )
    gala = activity(
        "Year 5 swimming gala",
        Activity.Kind.EVENT,
        _school_day(today - timedelta(days=12)),
        None,
        head,
        "At the leisure centre pool against three local schools.",
    )
    residential = activity(
        "Year 6 residential to Condover Hall",
        Activity.Kind.RESIDENTIAL,
        _school_day(today + timedelta(days=150)),
        _school_day(today + timedelta(days=150)) + timedelta(days=2),
        senco,
        "Three days and two nights of outdoor activities.",
    )

    places = []
    for found, pupils in [
        (sports_day, year_5[:3] + year_4[:2]),
        (football, year_5[3:5] + year_6[:2]),
        (lego, year_4[2:5]),
        (museum, [child, *[p for p in year_4[:4] if p.pk != child.pk]]),
        (gala, year_5[:3]),
        (residential, year_6[2:7]),
    ]:
        for pupil in pupils:
            place = ActivityPlace(
                activity=found, pupil=pupil, adjustments=rng.choice(PLACE_WORDS), recorded_by=found.lead or senco
            )
            places.append(place)
    ActivityPlace.objects.bulk_create(places, ignore_conflicts=True)

    # Two decisions this year, each with its lawful reason and the adjustments considered; parents told.
    if year_6[7:8]:
        pupil, day = year_6[7], _school_day(today - timedelta(days=20))
        ActivityDecision.objects.create(
            activity=residential,
            pupil=pupil,
            reason=Section35Reason.PROVISION,
            explanation="The nights away: daily physiotherapy and overnight care set out in the EHC plan cannot "
            "be given at the centre, which has no suitable room or trained staff at night.",
            adjustments_considered="An accessible room at the centre (none available); a trained member of staff "
            "overnight (none qualified). Agreed instead with the family: all three days' activities, with a "
            "familiar adult, going home each evening by taxi paid for by the school.",
            decided_on=day,
            decided_by=senco,
            parents_told_on=_told(pupil, day),
        )
    if year_5[3:4]:
        pupil, day = year_5[3], _school_day(today - timedelta(days=26))
        ActivityDecision.objects.create(
            activity=gala,
            pupil=pupil,
            reason=Section35Reason.RESOURCES,
            explanation="The leisure centre's pool hoist was out of use on the day of the gala.",
            adjustments_considered="Another pool (none free that week); moving the gala (the other schools could "
            "not). A swimming session with the hoist was arranged for the week after, with the same medals.",
            decided_on=day,
            decided_by=head,
            parents_told_on=_told(pupil, day),
        )

    # Reasonable adjustments and auxiliary aids: the demo child (on their passport) and a dozen more.
    adjustments = [
        Adjustment(
            pupil=child,
            kind=Adjustment.Kind.AID,
            description="Ear defenders and a wobble cushion, kept in the classroom.",
            since=year_start + timedelta(days=3),
            review_on=today + timedelta(days=60),
            recorded_by=senco,
        ),
        Adjustment(
            pupil=child,
            kind=Adjustment.Kind.ADJUSTMENT,
            description="Goes in five minutes before the bell to settle in a calm classroom.",
            since=year_start - timedelta(days=200),
            review_on=today + timedelta(days=30),
            recorded_by=senco,
        ),
    ]
    for index, pupil in enumerate((year_6 + year_5 + year_4)[:14]):
        if pupil.pk == child.pk:
            continue
        kind, words = ADJUSTMENTS[index % len(ADJUSTMENTS)]
        since = year_start - timedelta(days=rng.randint(0, 300))
        adjustments.append(
            Adjustment(
                pupil=pupil,
                kind=kind,
                description=words,
                since=since,
                review_on=today + timedelta(days=rng.randint(-10, 120)),
                recorded_by=senco,
            )
        )
    Adjustment.objects.bulk_create(adjustments)

    # The Year 6 pupils' access arrangements for the Key Stage 2 tests next May.
    tests_year = today.year + 1 if today.month >= 9 else today.year
    series = f"Key Stage 2 tests May {tests_year}"
    arrangements = []
    for index, pupil in enumerate(year_6[:8]):
        name = pupil.display_name
        choices = [
            (Arrangement.EXTRA_TIME, 25, EVIDENCE[1]),
            (Arrangement.READER, None, EVIDENCE[0]),
            (Arrangement.WORD_PROCESSOR, None, EVIDENCE[2]),
            (Arrangement.SEPARATE_ROOM, None, EVIDENCE[3]),
            (Arrangement.REST_BREAKS, None, EVIDENCE[3]),
        ]
        for arrangement, percent, evidence in rng.sample(choices, 2 if index % 3 else 1):
            assessed = index % 2 == 0 and arrangement == Arrangement.EXTRA_TIME
            arrangements.append(
                AccessArrangement(
                    pupil=pupil,
                    series=series,
                    arrangement=arrangement,
                    extra_time_percent=percent,
                    evidence=evidence.format(name=name),
                    assessor="Dr Hannah Reed, specialist assessor" if assessed else "",
                    assessed_on=min(year_start + timedelta(days=30), today) if assessed else None,
                    recorded_by=senco,
                )
            )
    AccessArrangement.objects.bulk_create(arrangements)
