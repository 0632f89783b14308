"""Every page of the provision map, its exports, impact and staff views, for every persona.

Staff of the school read the map and impact pages; costs (and pupils' names beside them) reach the
SENCO and head only, on the page and in both exports. Entry and exit measures are recorded by the
SENCO, the head and the provision's deliverers (the TA delivers ``provision``). The view of one
member of staff's groups, with their cost, is the SENCO's and head's.
"""

from __future__ import annotations

import io

from openpyxl import load_workbook

from sendsupport.provision.models import ImpactMeasure
from sendsupport.testing.permissions import Case, Table, changes
from sendsupport.testing.personas import MANAGERS, NOBODY, STAFF

MEASURE = {"score": "85", "scale": "Standardised reading score", "measured_on": "2026-09-07"}
COSTED = ("role_costs", "delivered_session")


def no_costs_unless_manager(response, persona: str, w) -> None:
    """Nobody but the SENCO and head sees a pound sign: not on the page, not in a file."""
    if response.status_code != 200:
        return
    if response["Content-Type"].startswith("application/vnd.openxml"):
        book = load_workbook(io.BytesIO(response.content))
        text = " ".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row)
        number_formats = " ".join(cell.number_format for sheet in book for row in sheet.iter_rows() for cell in row)
        text += number_formats
    else:
        text = response.content.decode()
    assert ("£" in text) == (persona in MANAGERS), f"{persona}: money shown wrongly"


def measures(w):
    return list(ImpactMeasure.objects.values()), changes(w)


def measure_args(kind: str = "entry"):
    return lambda w: [w.provision.pk, w.pupil.pk, kind]


TABLE = Table(
    "provision map",
    [
        Case("provision:map", allowed=STAFF, needs=COSTED, check=no_costs_unless_manager),
        Case("provision:map_csv", allowed=STAFF, needs=COSTED, check=no_costs_unless_manager),
        Case("provision:map_xlsx", allowed=STAFF, needs=COSTED, check=no_costs_unless_manager),
        Case("provision:map_impact", allowed=STAFF, needs=COSTED, check=no_costs_unless_manager),
        Case("provision:map_provision_impact", lambda w: [w.provision.pk], MANAGERS | {"ta"}),
        Case("provision:map_measure", measure_args(), MANAGERS | {"ta"}),
        Case("provision:map_measure", measure_args("sideways"), NOBODY, label="not entry or exit"),
        Case(
            "provision:map_measure",
            lambda w: [w.provision.pk, w.governor.pk, "entry"],
            NOBODY,
            label="not a pupil of the group",
        ),
        Case(
            "provision:map_measure",
            measure_args(),
            MANAGERS | {"ta"},
            status=302,
            method="post",
            data=MEASURE,
            unchanged=measures,
        ),
        Case("provision:map_staff", lambda w: [w.ta.pk], MANAGERS, needs=COSTED),
        Case("provision:map_staff", lambda w: [w.stranger.pk], NOBODY, label="not staff at the school"),
    ],
)
test_permissions = TABLE.test()
