"""The demo school's SEN information report, inclusion strategy and accessibility plan.

Oakfield published last year's report about eleven months ago (so the to-do list's reminder to review
it shows within the month) and this year's inclusion strategy from the provision map; this year's
draft of the report is written except for one item, so the check shows what is left. The accessibility
plan runs for three years with a few actions, some done; staff have a year or two of SEND training.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sendsupport.compliance.school_duties import months_before
from sendsupport.core.dates import academic_year_bounds
from sendsupport.statutory.publishing import services
from sendsupport.statutory.publishing.models import AccessibilityAction, Publication

# ``make demo`` serves on this address; the parent portal's link to the report points here.
DEMO_BASE_URL = "http://127.0.0.1:8000"

WRITTEN = {
    "identifying": "Class teachers watch for pupils who are not making the progress we expect, using our termly "
    "assessments, what parents tell us and what pupils say. The class teacher talks to the SENCO, who may observe "
    "the pupil, use a screening check or ask for advice from a specialist. We always talk with parents before a "
    "pupil is placed on the SEN register, and we write to them when SEN support starts.",
    "evaluating": "Every intervention has an entry and an exit measure, and the SENCO looks at the results each term "
    "with the head. Interventions that do not help are changed or stopped. Governors see the figures every term.",
    "progress": "Each pupil on SEN support has a plan with outcomes and a review date, at least once a term. At the "
    "review we look at progress against each outcome with the pupil and their parents and agree what happens next.",
    "teaching": "High-quality teaching comes first: clear explanations, modelling, checking understanding, and "
    "adapting tasks. Teachers know each pupil's needs from their pupil passport.",
    "adapting": "We use visual timetables, word mats, coloured overlays, movement breaks and quiet work spaces, and "
    "adapt resources and the pace of lessons so that every pupil can take part.",
    "additional_support": "Some pupils take part in small-group or one-to-one interventions, led by teaching "
    "assistants or teachers trained in them. The interventions we offer now are listed below.",
    "activities": "Every club, trip and residential is open to every pupil. We plan adjustments with parents before "
    "each trip so that pupils with SEN take part alongside their friends.",
    "wellbeing": "Our learning mentor runs nurture groups and check-ins. Pupils can talk to a trusted adult every day, "
    "and we work with the mental health support team.",
    "expertise": "Our SENCO is working towards the National Professional Qualification for SENCOs. Teachers and "
    "teaching assistants take SEND training every year, listed below. We buy in an educational psychologist and a "
    "speech and language therapist, and ask the local authority's specialist teachers for advice.",
    "equipment": "We buy equipment a pupil needs from our SEN budget, and ask the local authority or health services "
    "for specialist equipment.",
    "parents": "We meet parents of pupils on SEN support at least three times a year. Parents can also contact the "
    "SENCO or class teacher at any time, and share news through the home-school link book.",
    "pupils": "Pupils give their views before every review, in words or with picture cards, and come to their "
    "review meeting when they want to.",
    "complaints": "Please talk first to your child's class teacher or the SENCO. If you are still not happy, follow "
    "the school's complaints policy on our website; the governing body hears complaints it cannot settle otherwise.",
    "partners": "The SEN governor meets the SENCO each term. The governing body makes sure the school works with "
    "health services, social care, the local authority's support services and local charities.",
    "transition": "We visit nurseries before pupils join us, and plan extra visits to secondary schools for Year 6 "
    "pupils with SEN. The SENCO passes records on and meets the new school's SENCO.",
    "admissions": "We admit disabled pupils on the same terms as others, following the local authority's admissions "
    "arrangements. Pupils with an EHC plan naming the school are admitted.",
    "less_favourable": "We make reasonable adjustments, including auxiliary aids, and plan ahead so that disabled "
    "pupils are not treated less favourably in lessons, clubs, trips or anything else the school does.",
    "access_facilities": "The school is on one level with ramps to each entrance, an accessible toilet and a hygiene "
    "room, and a hearing loop in the hall.",
}

TRAINING = [
    ("Autism awareness (local authority outreach team)", "All teaching assistants", 300),
    ("Precision teaching", "Year 3 and 4 teaching assistants", 240),
    ("Trauma-informed practice", "All staff", 150),
    ("Makaton level 1", "Reception and Year 1 staff", 60),
    ("Supporting pupils with dyslexia", "All teachers", 20),
]

ACTIONS = [
    (
        AccessibilityAction.Area.PHYSICAL,
        "Fit a ramp and handrail to the Year 3 outdoor classroom",
        "Site manager",
        200,
        "done",
    ),
    (
        AccessibilityAction.Area.CURRICULUM,
        "Buy tablets with text-to-speech for pupils with dyslexia",
        "SENCO",
        120,
        "done",
    ),
    (
        AccessibilityAction.Area.INFORMATION,
        "Offer letters home in large print and in the main home languages",
        "Office manager",
        -60,
        "underway",
    ),
    (
        AccessibilityAction.Area.PHYSICAL,
        "Make a quiet sensory room from the old library store",
        "Head teacher",
        -200,
        "planned",
    ),
    (
        AccessibilityAction.Area.CURRICULUM,
        "Train PE staff to adapt games for pupils with physical disabilities",
        "PE lead",
        -300,
        "planned",
    ),
]


def add_publishing(*, school: Any, senco: Any, today: date) -> None:
    """Training records, the accessibility plan, last year's published report, this year's strategy and draft."""
    for course, who, days_ago in TRAINING:
        services.add_training(
            school=school,
            by=senco,
            course=course,
            attended_by=who,
            completed_on=today - timedelta(days=days_ago),
            today=today,
        )
    year_start, _ = academic_year_bounds(today)
    plan_start = date(year_start.year - 1, 9, 1)
    services.save_draft(
        school=school,
        by=senco,
        plan_starts_on=plan_start,
        plan_ends_on=date(plan_start.year + 3, 8, 31),
        plan_review_on=date(year_start.year + 1, 7, 1),
        **WRITTEN,
    )
    for area, action, owner, days_ago, status in ACTIONS:
        services.save_action(
            school=school,
            by=senco,
            area=area,
            action=action,
            owner=owner,
            target_on=today - timedelta(days=days_ago),
            status=status,
        )
    last_year = months_before(today, 11)
    services.publish(school=school, kind=Publication.Kind.REPORT, by=senco, today=last_year, base_url=DEMO_BASE_URL)
    services.save_draft(
        school=school,
        by=senco,
        strategy_start_year=year_start.year,
        strategy_aims="Every pupil at Oakfield takes part in the whole life of the school. This year we fund small-group "
        "interventions in reading, language and emotional well-being, a learning mentor, and training so that "
        "teachers adapt lessons for every pupil.",
        strategy_review="The head, the SENCO and the SEN governor review the strategy every July, using the provision "
        "map's impact measures and what parents and pupils tell us, and publish the new one each autumn.",
    )
    services.publish(school=school, kind=Publication.Kind.STRATEGY, by=senco, today=today, base_url=DEMO_BASE_URL)
    # This year's draft: updated, with one item still to write before it can be published again.
    services.save_draft(
        school=school,
        by=senco,
        transition="",
        wellbeing=WRITTEN["wellbeing"] + " From this year a school counsellor is in school one day a week.",
    )
