"""Every evidence pack address, every persona (the shared loop of ``sendsupport.testing.permissions``).

Only the SENCO and head read, prepare, download and send a pack: teachers and TAs who see Maya
(``pupil``) are refused her pack too. The JSON Schema is public (it holds no pupil data).
"""

from __future__ import annotations

import pytest

from sendsupport.core import dates
from sendsupport.statutory.models import EHCRequest, EvidencePack
from sendsupport.statutory.tests import evidence_records
from sendsupport.testing.permissions import Case, Table, changes
from sendsupport.testing.personas import ALL, MANAGERS, NOBODY

PACK = {
    "covering_summary": "Slow progress over two cycles.",
    "parents_involved_on": "2025-11-14",
    "parents_involvement": "Met the SENCO.",
    "parents_view": "",
}


@pytest.fixture
def ben_pack(other_pupil, senco) -> EvidencePack:
    """Ben's pack, parents involved, not yet sent."""
    return evidence_records.pack(other_pupil, senco)


@pytest.fixture
def maya_pack(pupil, senco) -> EvidencePack:
    """Maya's pack: her teacher and TA see her, but not this."""
    return evidence_records.pack(pupil, senco)


def records(w):
    """Every pack and request and the audited changes: a refused post changes none of them."""
    return list(EvidencePack.objects.values()), list(EHCRequest.objects.values()), changes(w)


def ben(*fixtures: str):
    return lambda w: [w.other_pupil.pk, *(getattr(w, name).pk for name in fixtures)]


def maya(*fixtures: str):
    return lambda w: [w.pupil.pk, *(getattr(w, name).pk for name in fixtures)]


def post(name, args, data, **extra) -> Case:
    return Case(name, args, MANAGERS, status=302, method="post", data=data, unchanged=records, **extra)


TABLE = Table(
    "ehc_evidence",
    [
        Case("ehc_evidence:start", ben(), MANAGERS),
        Case("ehc_evidence:start", maya(), MANAGERS, label="a pupil the teacher sees"),
        Case("ehc_evidence:start", ben(), MANAGERS, status=302, label="a pack being prepared", needs=("ben_pack",)),
        Case("ehc_evidence:for_request", ben("ehc_request"), MANAGERS),
        Case("ehc_evidence:for_request", maya("ehc_request"), NOBODY, label="under another pupil"),
        Case("ehc_evidence:pack", ben("ben_pack"), MANAGERS),
        Case("ehc_evidence:pack", maya("maya_pack"), MANAGERS, label="a pupil the teacher sees"),
        Case("ehc_evidence:pack", maya("ben_pack"), NOBODY, label="under another pupil"),
        Case("ehc_evidence:send", ben("ben_pack"), MANAGERS),
        Case("ehc_evidence:pdf", ben("ben_pack"), MANAGERS),
        Case("ehc_evidence:pdf", maya("maya_pack"), MANAGERS, label="a pupil the teacher sees"),
        Case("ehc_evidence:json", ben("ben_pack"), MANAGERS),
        Case("ehc_evidence:json", maya("ben_pack"), NOBODY, label="under another pupil"),
        Case("ehc_evidence:schema", allowed=ALL, signed_out=200),
        post("ehc_evidence:start", ben(), PACK),
        post("ehc_evidence:for_request", ben("ehc_request"), PACK),
        post("ehc_evidence:pack", ben("ben_pack"), PACK),
        post("ehc_evidence:send", ben("ben_pack"), lambda w: {"sent_on": dates.today().isoformat()}),
    ],
)
test_permissions = TABLE.test()
