"""Common kinds of intervention, described in our own plain words, for a school starting its library.

The evidence text is deliberately general: we do not claim effects for any named programme. A school
adds its own evidence and link when it picks a programme. ``services.library.add_common_interventions``
adds the ones a school does not have yet (matched by name).
"""

from __future__ import annotations

from typing import Any

from sendsupport.provision.choices import DelivererRole

_GENERAL_EVIDENCE = (
    "Small-group and one-to-one support of this kind can help when it is short, regular, well planned, "
    "linked to class teaching and checked with a measure before and after. Record your own entry and "
    "exit measures to see whether it works for your pupils."
)

COMMON_INTERVENTIONS: list[dict[str, Any]] = [
    {
        "name": "Phonics catch-up",
        "area": "cognition",
        "description": "Short, frequent practice of the letter sounds and blending the pupil has not yet secured, "
        "in a small group, following the school's phonics scheme.",
        "group_size": 4,
        "session_minutes": 20,
        "sessions_per_week": 4,
        "delivered_by": DelivererRole.TA,
    },
    {
        "name": "Reading fluency",
        "area": "cognition",
        "description": "Reading a short text aloud several times with an adult who models it, so that reading "
        "becomes quicker, smoother and better understood.",
        "group_size": 3,
        "session_minutes": 20,
        "sessions_per_week": 3,
        "delivered_by": DelivererRole.TA,
    },
    {
        "name": "Precision teaching",
        "area": "cognition",
        "description": "A few minutes a day on a small set of words, facts or sounds, with a one-minute timed "
        "check each day to see what the pupil has learnt.",
        "group_size": 1,
        "session_minutes": 10,
        "sessions_per_week": 5,
        "delivered_by": DelivererRole.TA,
    },
    {
        "name": "Maths number sense",
        "area": "cognition",
        "description": "Hands-on work with objects and pictures on counting, place value and number facts, "
        "filling the gaps that hold the pupil back in class maths.",
        "group_size": 4,
        "session_minutes": 30,
        "sessions_per_week": 3,
        "delivered_by": DelivererRole.TA,
    },
    {
        "name": "Speech and language group",
        "area": "communication",
        "description": "Games and activities on listening, vocabulary and putting sentences together, following "
        "targets set by a speech and language therapist where there is one.",
        "group_size": 4,
        "session_minutes": 30,
        "sessions_per_week": 2,
        "delivered_by": DelivererRole.TA,
    },
    {
        "name": "Social skills group",
        "area": "communication",
        "description": "A small group practising turn-taking, joining in, sharing and sorting out disagreements, "
        "through games, role play and talk.",
        "group_size": 5,
        "session_minutes": 30,
        "sessions_per_week": 1,
        "delivered_by": DelivererRole.TA,
    },
    {
        "name": "Emotional literacy support",
        "area": "semh",
        "description": "Regular time with a trained adult to name and understand feelings, manage worries or "
        "anger, and build friendships and self-esteem.",
        "group_size": 1,
        "session_minutes": 30,
        "sessions_per_week": 1,
        "delivered_by": DelivererRole.MENTOR,
    },
    {
        "name": "Fine motor skills",
        "area": "sensory_physical",
        "description": "Activities that strengthen the hands and fingers and their control: threading, cutting, "
        "pinching, building and tracing.",
        "group_size": 4,
        "session_minutes": 15,
        "sessions_per_week": 3,
        "delivered_by": DelivererRole.TA,
    },
    {
        "name": "Handwriting",
        "area": "sensory_physical",
        "description": "Practice of letter formation, joining, sizing and spacing, with attention to posture and "
        "pencil grip.",
        "group_size": 4,
        "session_minutes": 15,
        "sessions_per_week": 3,
        "delivered_by": DelivererRole.TA,
    },
    {
        "name": "Touch typing",
        "area": "cognition",
        "description": "Learning to type without looking at the keys, so that a pupil for whom handwriting is hard "
        "can record their work on a computer.",
        "group_size": 4,
        "session_minutes": 20,
        "sessions_per_week": 3,
        "delivered_by": DelivererRole.TA,
        "extra_costs": "A typing programme's licence, if the school uses one.",
    },
    {
        "name": "One-to-one TA support",
        "area": "other",
        "description": "A teaching assistant working with one pupil for part of the week, in class or out of it, "
        "to help them take part and learn as independently as they can.",
        "group_size": 1,
        "session_minutes": 60,
        "sessions_per_week": 5,
        "delivered_by": DelivererRole.TA,
    },
    {
        "name": "Sensory circuits",
        "area": "sensory_physical",
        "description": "A short sequence of movement activities, often at the start of the day, to help pupils "
        "feel calm and ready to learn.",
        "group_size": 6,
        "session_minutes": 15,
        "sessions_per_week": 5,
        "delivered_by": DelivererRole.TA,
    },
]

for _entry in COMMON_INTERVENTIONS:
    _entry.setdefault("evidence", _GENERAL_EVIDENCE)
    _entry.setdefault("extra_costs", "")
