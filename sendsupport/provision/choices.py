"""The fixed lists the provision map uses."""

from django.db import models


class DelivererRole(models.TextChoices):
    """Who delivers an intervention. Each has an hourly cost per school (``StaffRoleCost``)."""

    TA = "ta", "Teaching assistant"
    TEACHER = "teacher", "Teacher"
    SENCO = "senco", "SENCO"
    SPECIALIST_TEACHER = "specialist_teacher", "Specialist teacher"
    THERAPIST = "therapist", "Therapist (for example speech and language)"
    MENTOR = "mentor", "Learning mentor or counsellor"
    EXTERNAL = "external", "Service from outside the school"


# Roles a school pays an hourly cost for: a zero cost for one of these is refused.
PAID_ROLES = frozenset(DelivererRole.values)


class FundingStream(models.TextChoices):
    NOTIONAL_SEN = "notional_sen", "Notional SEN budget"
    IMF = "imf", "Inclusive Mainstream Fund"
    PUPIL_PREMIUM = "pupil_premium", "Pupil premium"
    TOP_UP = "top_up", "Element 3 top-up from the local authority"
    OTHER = "other", "Other"


class Attendance(models.TextChoices):
    PRESENT = "present", "Present"
    ABSENT = "absent", "Absent"


class Recurrence(models.TextChoices):
    ONE_OFF = "one_off", "Once"
    WEEKLY = "weekly", "Every teaching week"


class MeasureKind(models.TextChoices):
    ENTRY = "entry", "Entry (before)"
    EXIT = "exit", "Exit (after)"


class TopUpStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    AGREED = "agreed", "Agreed"
    REFUSED = "refused", "Refused"
