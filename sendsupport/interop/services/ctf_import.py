"""Importing a Common Transfer File: pupils by UPN, their SEN provision history and ranked needs.

The file is read in batches of pupils. Each batch is compared with the database (three queries)
to plan what would change; the plan is written with bulk inserts inside the one transaction that
covers the whole file. Any problem anywhere rolls everything back: all or nothing per file. A dry
run plans every batch and writes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import IO, Any

from django.db import transaction

from sendsupport.core import dates
from sendsupport.core.dates import in_words
from sendsupport.interop.ctf_reader import CTFHeader, CTFPupil, CTFReader, NeedEntry, year_group_for_birth
from sendsupport.interop.models import TransferProblem
from sendsupport.interop.problems import Change, ImportRejected, Report
from sendsupport.interop.services.audit import import_summary, pupil_event, save_events
from sendsupport.interop.services.fast_insert import create_with_history, update_with_history
from sendsupport.pupils.codes import YEAR_GROUPS, NeedType, Provision
from sendsupport.pupils.current_sen import refresh as refresh_current_sen
from sendsupport.pupils.models import Pupil, SENNeed, SENStatus
from sendsupport.schools.memo import records_changed
from sendsupport.schools.models import School

BATCH_SIZE = 500
PUPIL_FIELDS = [
    "legal_first_name",
    "legal_last_name",
    "preferred_first_name",
    "preferred_last_name",
    "date_of_birth",
    "sex",
    "year_group",
]
FIELD_LABELS = {
    "legal_first_name": "Forename",
    "legal_last_name": "Surname",
    "preferred_first_name": "Preferred forename",
    "preferred_last_name": "Preferred surname",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "year_group": "Year group",
}
PROVISION_LABELS = dict(Provision.choices)
YEAR_LABELS = dict(YEAR_GROUPS)
NEED_LABELS = dict(NeedType.choices)
SPECIAL_DESTINATIONS = {"MMM", "XXX", "MMMM", "XXXX"}  # pupil lost, or gone abroad


class _Rollback(Exception):
    """Undo the transaction (a dry run, or a file with problems) without losing the report."""


def _batches(items: Iterable[CTFPupil], size: int) -> Iterator[list[CTFPupil]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _describe_status(entry_provision: str, start: date) -> str:
    return f"{PROVISION_LABELS.get(entry_provision, entry_provision)} ({entry_provision}) from {start:%Y-%m-%d}"


def _describe_need(need: NeedEntry | SENNeed, end: date | None = None) -> str:
    need_type = need.need_type
    rank = "primary" if need.rank == 1 else "secondary"
    until = end if end is not None else need.end_date
    text = f"{NEED_LABELS.get(need_type, need_type)} ({need_type}), {rank}, from {need.start_date:%Y-%m-%d}"
    return text + (f" until {until:%Y-%m-%d}" if until else "")


@dataclass
class _Touched:
    pupil: Pupil
    created: bool
    changes: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Plan:
    new_pupils: list[Pupil] = field(default_factory=list)
    updated_pupils: list[Pupil] = field(default_factory=list)
    new_statuses: list[SENStatus] = field(default_factory=list)
    new_needs: list[SENNeed] = field(default_factory=list)
    ended_needs: list[SENNeed] = field(default_factory=list)
    touched: list[_Touched] = field(default_factory=list)
    # SEN record problems to keep on each pupil for the receiving SENCO (element, rule, message).
    to_fix: list[tuple[Pupil, list[tuple[str, str, str]]]] = field(default_factory=list)


class _Planner:
    """Compares pupils from the file with the database and records what would change."""

    def __init__(self, *, school: School, report: Report, today: date, reader: CTFReader, file_name: str) -> None:
        self.school = school
        self.report = report
        self.today = today
        self.reader = reader
        self.file_name = file_name
        self.seen: set[str] = set()  # UPNs already read from this file

    @property
    def reason(self) -> str:
        reason = f"Imported from the Common Transfer File {self.file_name}".rstrip()
        header = self.reader.header
        if header is not None and header.source_name:
            reason += f", sent by {header.source_name[:100]}"
        return reason

    def plan(self, batch: list[CTFPupil]) -> _Plan:
        plan = _Plan()
        candidates = []
        for record in batch:
            self.report.pupils_in_file += 1
            if not record.valid:
                continue
            if record.upn in self.seen:
                self.report.problem(
                    record.where, "UPN", "upn_unique_in_file", "This UPN appears more than once in the file."
                )
                continue
            self.seen.add(record.upn)
            candidates.append(record)
        if not candidates:
            return plan
        existing = {
            pupil.upn: pupil
            for pupil in Pupil.objects.filter(upn__in=[c.upn for c in candidates]).select_related("school")
        }
        ours = [pupil.pk for pupil in existing.values() if pupil.school_id == self.school.pk]
        statuses: dict[int, set[tuple[date, str]]] = defaultdict(set)
        for pupil_id, provision, start in SENStatus.objects.filter(pupil_id__in=ours).values_list(
            "pupil_id", "provision", "start_date"
        ):
            statuses[pupil_id].add((start, provision))
        needs: dict[int, list[SENNeed]] = defaultdict(list)
        for need in SENNeed.objects.filter(pupil_id__in=ours).order_by("pk"):
            needs[need.pupil_id].append(need)
        for record in candidates:
            pupil = existing.get(record.upn)
            if pupil is None:
                self._plan_new(record, plan)
            elif pupil.school_id != self.school.pk:
                self._elsewhere(record, pupil)
            else:
                self._plan_existing(record, pupil, statuses[pupil.pk], needs[pupil.pk], plan)
        return plan

    def _change(self, touched: _Touched, where: str, kind: str, describe: Callable[[], dict[str, str]]) -> None:
        """Note a change; its words are only worked out when they will be kept or shown."""
        touched.notes.append(kind)
        if self.report.wants_details:
            self.report.change(Change(where, kind, **describe()))
        else:
            self.report.count_change()

    def _elsewhere(self, record: CTFPupil, pupil: Pupil) -> None:
        if pupil.on_roll_until is not None and pupil.on_roll_until < self.today:
            message = (
                f"This pupil's record is held by {pupil.school.name} in this system (they left on "
                f"{in_words(pupil.on_roll_until)}). One record cannot belong to two schools: ask your system "
                "administrator to transfer it."
            )
        else:
            message = (
                f"Already on roll at {pupil.school.name} in this system; that school must record the pupil "
                "as left first."
            )
        self.report.problem(record.where, "UPN", "upn_elsewhere", message)

    def _plan_new(self, record: CTFPupil, plan: _Plan) -> None:
        assert record.date_of_birth is not None
        pupil = Pupil(
            school=self.school,
            upn=record.upn,
            legal_first_name=record.forename,
            legal_last_name=record.surname,
            preferred_first_name=_preferred(record.preferred_forename, record.forename),
            preferred_last_name=_preferred(record.preferred_surname, record.surname),
            date_of_birth=record.date_of_birth,
            sex=record.sex,
            year_group=record.year_group or year_group_for_birth(record.date_of_birth, self.today),
            on_roll_from=self.today,
        )
        touched = _Touched(pupil, created=True)
        touched.changes = [
            {"field": name, "before": None, "after": str(getattr(pupil, name))} for name in ["upn", *PUPIL_FIELDS]
        ]
        self.report.new_pupils += 1
        born = record.date_of_birth
        self._change(
            touched,
            record.where,
            "new_pupil",
            lambda: {"after": f"born {born:%Y-%m-%d}, {YEAR_LABELS.get(pupil.year_group, pupil.year_group)}"},
        )
        plan.new_pupils.append(pupil)
        if record.to_fix:
            plan.to_fix.append((pupil, record.to_fix))
        for entry in sorted(record.sen, key=lambda item: item.start_date):
            plan.new_statuses.append(self._status(pupil, entry.provision, entry.start_date))
            self.report.new_sen_entries += 1
            self._change(
                touched,
                record.where,
                "new_sen_entry",
                lambda e=entry: {"after": _describe_status(e.provision, e.start_date)},
            )
        for need in sorted(record.needs, key=lambda item: (item.start_date, item.rank)):
            plan.new_needs.append(self._need(pupil, need))
            self.report.new_needs += 1
            self._change(touched, record.where, "new_need", lambda n=need: {"after": _describe_need(n)})
        touched.changes.append({"field": "sen_history", "before": None, "after": len(record.sen)})
        touched.changes.append({"field": "sen_needs", "before": None, "after": len(record.needs)})
        plan.touched.append(touched)

    def _plan_existing(
        self,
        record: CTFPupil,
        pupil: Pupil,
        statuses: set[tuple[date, str]],
        needs: list[SENNeed],
        plan: _Plan,
    ) -> None:
        touched = _Touched(pupil, created=False)
        if record.to_fix:
            plan.to_fix.append((pupil, record.to_fix))
        wanted = {
            "legal_first_name": record.forename,
            "legal_last_name": record.surname,
            "date_of_birth": record.date_of_birth,
            "sex": record.sex,
        }
        if record.preferred_forename is not None:
            wanted["preferred_first_name"] = _preferred(record.preferred_forename, record.forename)
        if record.preferred_surname is not None:
            wanted["preferred_last_name"] = _preferred(record.preferred_surname, record.surname)
        if record.year_group:
            wanted["year_group"] = record.year_group
        changed_fields = False
        for name, value in wanted.items():
            before = getattr(pupil, name)
            if before != value:
                setattr(pupil, name, value)
                changed_fields = True
                touched.changes.append({"field": name, "before": str(before), "after": str(value)})
                self._change(
                    touched,
                    record.where,
                    "changed_field",
                    lambda n=name, b=before, v=value: {"field": FIELD_LABELS[n], "before": str(b), "after": str(v)},
                )
        if changed_fields:
            plan.updated_pupils.append(pupil)

        for entry in sorted(record.sen, key=lambda item: item.start_date):
            if (entry.start_date, entry.provision) in statuses:
                continue
            plan.new_statuses.append(self._status(pupil, entry.provision, entry.start_date))
            self.report.new_sen_entries += 1
            described = _describe_status(entry.provision, entry.start_date)
            touched.changes.append({"field": "sen_history", "before": None, "after": described})
            self._change(touched, record.where, "new_sen_entry", lambda d=described: {"after": d})

        latest_here = max((start for start, _ in statuses), default=None)
        file_is_current = record.latest_sen_date is None or latest_here is None or record.latest_sen_date >= latest_here
        by_key = {(need.need_type, need.rank, need.start_date): need for need in needs}
        matched: set[int] = set()
        for entry in sorted(record.needs, key=lambda item: (item.start_date, item.rank)):
            found = by_key.get((entry.need_type, entry.rank, entry.start_date))
            if found is not None:
                matched.add(found.pk)
                if found.end_date != entry.end_date and file_is_current:
                    before = _describe_need(found)
                    found.end_date = entry.end_date
                    plan.ended_needs.append(found)
                    self.report.new_needs += 1
                    touched.changes.append({"field": "sen_need", "before": before, "after": _describe_need(found)})
                    after = _describe_need(found)
                    self._change(
                        touched, record.where, "changed_need", lambda b=before, a=after: {"before": b, "after": a}
                    )
                continue
            if entry.end_date is None and not file_is_current:
                # The file is older than what this school holds; its current needs are not current here.
                continue
            plan.new_needs.append(self._need(pupil, entry))
            self.report.new_needs += 1
            touched.changes.append({"field": "sen_need", "before": None, "after": _describe_need(entry)})
            self._change(touched, record.where, "new_need", lambda e=entry: {"after": _describe_need(e)})
        if file_is_current:
            ends_on = record.latest_sen_date or self.today
            for need in needs:
                if need.end_date is None and need.pk not in matched:
                    before = _describe_need(need)
                    need.end_date = max(ends_on, need.start_date)
                    plan.ended_needs.append(need)
                    self.report.new_needs += 1
                    touched.changes.append({"field": "sen_need", "before": before, "after": _describe_need(need)})
                    after = _describe_need(need)
                    self._change(
                        touched, record.where, "ended_need", lambda b=before, a=after: {"before": b, "after": a}
                    )
        if touched.notes:
            self.report.changed_pupils += 1
            plan.touched.append(touched)
        else:
            self.report.unchanged_pupils += 1

    def _status(self, pupil: Pupil, provision: str, start: date) -> SENStatus:
        return SENStatus(pupil=pupil, provision=provision, start_date=start, reason=self.reason)

    def _need(self, pupil: Pupil, need: NeedEntry) -> SENNeed:
        return SENNeed(
            pupil=pupil, need_type=need.need_type, rank=need.rank, start_date=need.start_date, end_date=need.end_date
        )


def _preferred(preferred: str | None, legal: str) -> str:
    return "" if not preferred or preferred == legal else preferred


def _apply(plan: _Plan, *, by: Any, school: School, file_name: str, run_id: int | None = None) -> None:
    user = by if getattr(by, "is_authenticated", False) else None
    create_with_history(Pupil, plan.new_pupils, user=user)
    update_with_history(Pupil, plan.updated_pupils, PUPIL_FIELDS, user=user)
    create_with_history(SENStatus, plan.new_statuses, user=user)
    # End needs before adding new ones: only one current need per rank is allowed.
    update_with_history(SENNeed, plan.ended_needs, ["end_date"], user=user)
    create_with_history(SENNeed, plan.new_needs, user=user)
    # Raw inserts send no signals: bring the stored current status of every touched pupil up to date.
    refresh_current_sen({obj.pupil_id for obj in (*plan.new_statuses, *plan.ended_needs, *plan.new_needs)})
    # ... and tell the to-do list the school's records changed (it remembers them otherwise).
    records_changed([school.pk])
    TransferProblem.objects.bulk_create(
        TransferProblem(pupil_id=pupil.pk, run_id=run_id, element=element, rule=rule, message=message)
        for pupil, problems in plan.to_fix
        for element, rule, message in problems
    )
    save_events(
        [
            pupil_event(
                by=user,
                school_id=school.pk,
                pupil_id=touched.pupil.pk,
                created=touched.created,
                summary=f"{'Added' if touched.created else 'Changed'} from the Common Transfer File {file_name}: "
                f"{touched.pupil.display_name}",
                changes=touched.changes,
            )
            for touched in plan.touched
        ]
    )


def _check_destination(header: CTFHeader | None, school: School, report: Report) -> None:
    if header is None or not header.dest_lea or header.dest_lea in SPECIAL_DESTINATIONS:
        return
    if (header.dest_lea, header.dest_estab) != (school.local_authority.number, school.estab):
        report.warn(
            f"The file was addressed to establishment {header.dest_lea}/{header.dest_estab}, not to "
            f"{school.name} ({school.laestab}). Check it is the right file."
        )


def import_ctf(
    *,
    source: IO[bytes],
    school: School,
    by: Any,
    file_name: str = "",
    dry_run: bool = False,
    today: date | None = None,
    on_change: Callable[[Change], None] | None = None,
    run_id: int | None = None,
) -> Report:
    """Import (or, with ``dry_run``, only preview) a CTF into ``school``.

    Returns the report of what changed. Raises ImportRejected (with the report) when the file has
    any problem; then nothing at all has been saved.
    """
    today = today or dates.today()
    report = Report(on_change=on_change)
    reader = CTFReader(source, report, today=today)
    planner = _Planner(school=school, report=report, today=today, reader=reader, file_name=file_name)
    try:
        with transaction.atomic():
            for batch in _batches(reader, BATCH_SIZE):
                plan = planner.plan(batch)
                if report.ok and not dry_run:
                    _apply(plan, by=by, school=school, file_name=file_name, run_id=run_id)
            _check_destination(reader.header, school, report)
            if not report.ok or dry_run:
                raise _Rollback
            import_summary(
                by=by,
                school_id=school.pk,
                run_id=run_id,
                what=f"Imported the Common Transfer File {file_name}: {report.new_pupils} new pupils, "
                f"{report.changed_pupils} changed",
                counts=report.counts(),
            )
    except _Rollback:
        pass
    if not report.ok:
        raise ImportRejected(report)
    return report
