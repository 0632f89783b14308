"""Every import and export page and form, every persona (the shared loop of ``sendsupport.testing.permissions``).

Only the SENCO and the head exchange data. ``ctf_run`` and ``csv_run`` are uploads waiting (``conftest.py``).
"""

from __future__ import annotations

from sendsupport.audit.models import AuditEvent
from sendsupport.interop.models import CensusSettings, ImportRun, TransferProblem
from sendsupport.interop.tests.conftest import CSV, GOOD_CTF, upload
from sendsupport.interop.tests.samples import upn
from sendsupport.pupils.models import Pupil
from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import MANAGERS, NOBODY

UPLOADS = ("pupil", "ctf_run", "csv_run")  # the old page loop had these in place for every page


def page(name: str, args=lambda w: [], **kwargs) -> Case:
    return Case(name, args, MANAGERS, needs=UPLOADS, **kwargs)


def nothing_imported(w):
    """The waiting CTF's status, and whether its pupil exists: a refused confirm or cancel changes neither."""
    return ImportRun.objects.get(pk=w.ctf_run.pk).status, Pupil.objects.filter(upn=upn(1)).exists()


def runs(w) -> int:
    return ImportRun.objects.count()


def exports(w) -> int:
    return AuditEvent.objects.filter(action="exported").count()


def census_settings(w):
    return list(CensusSettings.objects.values())


def notice_shown(w) -> bool:
    return CensusSettings.objects.get(pk=w.census_notice.pk).per_pupil_notice


def problem_fixed(w):
    return TransferProblem.objects.filter(pk=w.transfer_problem.pk).values_list("fixed_at", "fixed_by").get()


def ctf_run(w):
    return [w.ctf_run.pk]


TABLE = Table(
    "interop",
    [
        page("interop:hub"),
        page("interop:ctf_upload"),
        page("interop:csv_upload"),
        page("interop:runs"),
        page("interop:run", ctf_run),
        page("interop:csv_columns", lambda w: [w.csv_run.pk]),
        page("interop:census"),
        page("interop:census_settings"),
        page("interop:pupil_transfer", lambda w: [w.pupil.pk]),
        page("interop:census_download", data={"term": "spring", "year": "2026"}),
        page("interop:run_confirm", ctf_run, status=302, method="post", unchanged=nothing_imported),
        page("interop:run_cancel", ctf_run, status=302, method="post", unchanged=nothing_imported),
        page(
            "interop:pupil_transfer",
            lambda w: [w.pupil.pk],
            method="post",
            data={"dest_lea": "330", "dest_estab": "2100"},
            unchanged=exports,
        ),
        page("interop:census_notice_dismiss", status=302, method="post", unchanged=notice_shown),
        page(
            "interop:transfer_problem_fixed",
            lambda w: [w.pupil.pk, w.transfer_problem.pk],
            status=302,
            method="post",
            unchanged=problem_fixed,
        ),
        Case(
            "interop:transfer_problem_fixed",
            lambda w: [w.other_pupil.pk, w.transfer_problem.pk],
            NOBODY,
            method="post",
            label="under another pupil",
            unchanged=problem_fixed,
        ),
        page(
            "interop:census_settings",
            status=302,
            method="post",
            data={"has_sen_unit": "on"},
            unchanged=census_settings,
        ),
        page(
            "interop:ctf_upload",
            status=302,
            method="post",
            data=lambda w: {"file": upload("x.xml", GOOD_CTF)},
            unchanged=runs,
        ),
        page(
            "interop:csv_upload",
            status=302,
            method="post",
            data=lambda w: {"file": upload("x.csv", CSV)},
            unchanged=runs,
        ),
    ],
)
test_permissions = TABLE.test()
