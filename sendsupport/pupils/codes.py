"""Census SEN codes (DOMAIN.md): provision, need types and their broad areas of need."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Provision(models.TextChoices):
    NONE = "N", "No special educational provision"
    SEN_SUPPORT = "K", "SEN support"
    EHC_PLAN = "E", "EHC plan"


class BroadArea(models.TextChoices):
    COMMUNICATION = "communication", "Communication and interaction"
    COGNITION = "cognition", "Cognition and learning"
    SEMH = "semh", "Social, emotional and mental health"
    SENSORY_PHYSICAL = "sensory_physical", "Sensory and/or physical"
    OTHER = "other", "Other or not yet assessed"


class NeedType(models.TextChoices):
    SPLD = "SPLD", "Specific learning difficulty"
    MLD = "MLD", "Moderate learning difficulty"
    SLD = "SLD", "Severe learning difficulty"
    PMLD = "PMLD", "Profound and multiple learning difficulty"
    SEMH = "SEMH", "Social, emotional and mental health"
    SLCN = "SLCN", "Speech, language and communication needs"
    HI = "HI", "Hearing impairment"
    VI = "VI", "Vision impairment"
    MSI = "MSI", "Multi-sensory impairment"
    PD = "PD", "Physical disability"
    ASD = "ASD", "Autistic spectrum disorder"
    DS = "DS", "Down syndrome"
    OTH = "OTH", "Other difficulty or disability"
    NSA = "NSA", "SEN support but no specialist assessment of type of need"


BROAD_AREA_OF_NEED = {
    NeedType.SLCN: BroadArea.COMMUNICATION,
    NeedType.ASD: BroadArea.COMMUNICATION,
    NeedType.SPLD: BroadArea.COGNITION,
    NeedType.MLD: BroadArea.COGNITION,
    NeedType.SLD: BroadArea.COGNITION,
    NeedType.PMLD: BroadArea.COGNITION,
    NeedType.SEMH: BroadArea.SEMH,
    NeedType.HI: BroadArea.SENSORY_PHYSICAL,
    NeedType.VI: BroadArea.SENSORY_PHYSICAL,
    NeedType.MSI: BroadArea.SENSORY_PHYSICAL,
    NeedType.PD: BroadArea.SENSORY_PHYSICAL,
    NeedType.OTH: BroadArea.OTHER,
    NeedType.NSA: BroadArea.OTHER,
}
# DS (Down syndrome, a census type since January 2025) has no broad area in the DfE's table:
# it shows under "Other" unless the school chooses one (the DS_BROAD_AREA setting).
UNPLACED_NEED_TYPES = (NeedType.DS,)


def broad_areas() -> dict[NeedType, BroadArea]:
    """Every need type's broad area, with the school's choice for the types the DfE places nowhere."""
    chosen = settings.SENDSUPPORT.get("DS_BROAD_AREA", BroadArea.OTHER)
    area = BroadArea(chosen) if chosen in BroadArea.values else BroadArea.OTHER
    return {**BROAD_AREA_OF_NEED, **dict.fromkeys(UNPLACED_NEED_TYPES, area)}


def broad_area(need_type: str) -> BroadArea:
    return BroadArea(broad_areas()[NeedType(need_type)])


def need_types_in_area(area: str) -> list[str]:
    return [str(code) for code, found in broad_areas().items() if found == area]


# Year groups from nursery to post-16; the system does not assume compulsory school age.
YEAR_GROUPS = [("N1", "Nursery 1"), ("N2", "Nursery 2"), ("R", "Reception")] + [
    (str(n), f"Year {n}") for n in range(1, 15)
]
YEAR_GROUP_ORDER = {code: index for index, (code, _) in enumerate(YEAR_GROUPS)}

# The year groups each phase of school teaches, so lists offer a primary school no Year 11.
# Special schools, PRUs and all-through schools may teach any age, so they get every year group.
_NURSERY = ["N1", "N2", "R"]
_ALL_YEARS = [code for code, _ in YEAR_GROUPS]
YEAR_GROUPS_BY_PHASE: dict[str, list[str]] = {
    "nursery": _NURSERY,
    "primary": _NURSERY + [str(n) for n in range(1, 7)],
    "secondary": [str(n) for n in range(7, 14)],
    "college": ["12", "13", "14"],
}


def year_groups_for_phase(phase: str, *, also: set[str] | frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """The year groups (code, label) a school of ``phase`` teaches, plus any in ``also`` (pupils already on roll)."""
    wanted = set(YEAR_GROUPS_BY_PHASE.get(phase, _ALL_YEARS)) | set(also)
    return [(code, label) for code, label in YEAR_GROUPS if code in wanted]
