"""The fixed choices of the graduated approach, in the words SENCOs and parents use."""

from __future__ import annotations

from django.db import models


def lower_first(label: str) -> str:
    """'Continue SEN support' -> 'continue SEN support': lower case mid-sentence, keeping acronyms."""
    return label[:1].lower() + label[1:]


class CycleStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Decision(models.TextChoices):
    """What the assessment decided. START and END change the register; MONITOR sets it to N."""

    START = "start", "Start SEN support"
    CONTINUE = "continue", "Continue SEN support"
    MONITOR = "monitor", "Monitor without SEN support"
    END = "end", "End SEN support"


# Decisions after which there is no plan: the cycle closes with the assessment.
DECISIONS_THAT_CLOSE = frozenset({Decision.MONITOR, Decision.END})


class Comparison(models.TextChoices):
    """Attainment compared with age-related expectations."""

    WELL_BELOW = "well_below", "Well below age-related expectations"
    BELOW = "below", "Below age-related expectations"
    AT = "at", "In line with age-related expectations"
    ABOVE = "above", "Above age-related expectations"


class NotificationMethod(models.TextChoices):
    LETTER = "letter", "Letter"
    EMAIL = "email", "Email"
    MEETING = "meeting", "In a meeting"
    PHONE = "phone", "Phone call"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed"


class Rating(models.TextChoices):
    NOT_MET = "not_met", "Not met"
    PARTLY_MET = "partly_met", "Partly met"
    MET = "met", "Met"
    EXCEEDED = "exceeded", "Exceeded"


# Outcomes with these ratings are carried into the next cycle's plan.
RATINGS_CARRIED_FORWARD = frozenset({Rating.NOT_MET, Rating.PARTLY_MET})


class NextStep(models.TextChoices):
    CONTINUE = "continue", "Continue SEN support with the same plan"
    REVISE = "revise", "Continue SEN support with a revised plan"
    SPECIALIST = "specialist", "Add specialist involvement"
    EHC_REQUEST = "ehc_request", "Request an EHC needs assessment"
    MONITOR = "monitor", "Step down to monitoring (no SEN support)"
    END = "end", "End SEN support"


# Next steps after which the pupil leaves SEN support: the register changes to N.
NEXT_STEPS_LEAVING_SUPPORT = frozenset({NextStep.MONITOR, NextStep.END})
