"""Checking each row of a spreadsheet (CSV) and working out what it would change: the preview.

Reads only; ``services.csv_import`` does the writing, through the pupil services.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from sendsupport.core.dates import in_words
from sendsupport.core.numbers import ascii_int
from sendsupport.interop.csv_reader import FIELD_LABELS, CSVProblem, read_table
from sendsupport.interop.problems import Change, Report
from sendsupport.pupils.census_rules import check_sen_record
from sendsupport.pupils.codes import YEAR_GROUPS, NeedType, Provision
from sendsupport.pupils.models import Pupil, PupilContact, SENNeed, SENStatus
from sendsupport.pupils.upn import UPNError, validate_upn
from sendsupport.schools.models import Group, School

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
YEAR_CODES = {code for code, _ in YEAR_GROUPS}
PROVISION_WORDS = {
    "N": "N",
    "NONE": "N",
    "NO SEN": "N",
    "K": "K",
    "SEN SUPPORT": "K",
    "E": "E",
    "EHC PLAN": "E",
    "EHCP": "E",
    "EHC": "E",
    "S": "E",  # a statement, recoded as an EHC plan (DOMAIN.md)
}
HISTORIC_PROVISION = {"A": "School Action", "P": "School Action Plus"}
YES = {"Y", "YES", "TRUE", "1"}
NO = {"N", "NO", "FALSE", "0"}
PUPIL_FIELDS = (
    "legal_last_name",
    "legal_first_name",
    "preferred_last_name",
    "preferred_first_name",
    "date_of_birth",
    "sex",
    "year_group",
    "on_roll_from",
)
REQUIRED_FOR_NEW = ("legal_last_name", "legal_first_name", "date_of_birth", "sex", "year_group")
CONTACT_FIELDS = ("first_name", "last_name", "email", "phone")


@dataclass
class ContactPlan:
    fields: dict[str, str]
    relationship: str
    parental_responsibility: bool
    link: PupilContact | None = None


@dataclass
class RowPlan:
    row: int
    upn: str
    where: str
    pupil: Pupil | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # new values (all for a new pupil, changed ones otherwise)
    registration_group: str | None = None
    sen: tuple[str, list[tuple[str, int]], date] | None = None
    contacts: list[ContactPlan] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    problems: int = 0
    problem_fields: set[str] = field(default_factory=set)

    @property
    def is_new(self) -> bool:
        return self.pupil is None


def parse_date(value: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def parse_year_group(value: str) -> str | None:
    text = re.sub(r"^(YEAR|YR|Y)\s*", "", value.strip().upper())
    if text in {"RECEPTION", "REC"}:
        text = "R"
    text = {"NURSERY 1": "N1", "NURSERY 2": "N2"}.get(text, text)
    number = ascii_int(text)
    if number is not None:
        text = str(number)
    return text if text in YEAR_CODES else None


class _RowChecker:
    def __init__(self, *, school: School, report: Report, columns: dict[str, str], headers: list[str], today: date):
        self.school = school
        self.report = report
        self.today = today
        self.index = {name: headers.index(heading) for name, heading in columns.items() if heading in headers}

    def cell(self, cells: list[str], name: str) -> str:
        position = self.index.get(name)
        if position is None or position >= len(cells):
            return ""
        return cells[position].strip()

    def mapped(self, name: str) -> bool:
        return name in self.index

    def problem(self, plan: RowPlan, name: str, rule: str, message: str) -> None:
        plan.problems += 1
        plan.problem_fields.add(name)
        self.report.problem(plan.where, FIELD_LABELS.get(name, name), rule, message)


def _current_sen(pupil_ids: Sequence[int]) -> tuple[dict[int, tuple[str, date]], dict[int, list[tuple[str, int]]]]:
    latest: dict[int, tuple[str, date]] = {}
    for pupil_id, provision, start in (
        SENStatus.objects.filter(pupil_id__in=pupil_ids)
        .order_by("pupil_id", "-start_date", "-id")
        .values_list("pupil_id", "provision", "start_date")
    ):
        latest.setdefault(pupil_id, (provision, start))
    needs: dict[int, list[tuple[str, int]]] = {}
    for pupil_id, need_type, rank in (
        SENNeed.objects.filter(pupil_id__in=pupil_ids, end_date__isnull=True)
        .order_by("rank")
        .values_list("pupil_id", "need_type", "rank")
    ):
        needs.setdefault(pupil_id, []).append((need_type, rank))
    return latest, needs


def plan_csv(*, data: bytes, school: School, columns: dict[str, str], report: Report, today: date) -> list[RowPlan]:
    """Check every row and work out what it would change. Problems go into ``report``."""
    try:
        headers, rows = read_table(data)
    except CSVProblem as error:
        report.problem(f"Row {error.row}" if error.row else "File", "File", error.rule, str(error))
        return []
    missing = [heading for heading in columns.values() if heading and heading not in headers]
    if missing:
        report.problem(
            "Row 1",
            ", ".join(m[:40] for m in missing[:5]),
            "columns_present",
            "The file has no column with this heading; match the columns again.",
        )
        return []
    checker = _RowChecker(school=school, report=report, columns=columns, headers=headers, today=today)
    if not checker.mapped("upn"):
        report.problem("Row 1", "UPN", "upn_column", "No column is matched to the UPN, so pupils cannot be found.")
        return []
    upns = []
    for cells in rows:
        try:
            upns.append(validate_upn(checker.cell(cells, "upn")))
        except UPNError:
            continue
    existing = {p.upn: p for p in Pupil.objects.filter(upn__in=upns).select_related("school", "registration_group")}
    ours = [p.pk for p in existing.values() if p.school_id == school.pk]
    latest, current_needs = _current_sen(ours)
    links: dict[tuple[int, str, str], PupilContact] = {}
    for link in PupilContact.objects.filter(pupil_id__in=ours).select_related("contact"):
        links[(link.pupil_id, link.contact.first_name.lower(), link.contact.last_name.lower())] = link
    groups = {g.name.lower(): g.name for g in Group.objects.filter(school=school, kind=Group.Kind.REGISTRATION)}

    plans: list[RowPlan] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows, start=2):
        if not any(cells):
            continue
        raw_upn = checker.cell(cells, "upn").upper()
        report.pupils_in_file += 1
        plan = RowPlan(row=number, upn=raw_upn, where=f"Row {number}" + (f" (UPN {raw_upn[:13]})" if raw_upn else ""))
        plans.append(plan)
        try:
            plan.upn = validate_upn(raw_upn)
        except UPNError as error:
            checker.problem(plan, "upn", "upn_valid", str(error) if raw_upn else "The UPN is missing.")
            continue
        if plan.upn in seen:
            checker.problem(plan, "upn", "upn_unique_in_file", f"This UPN is also on row {seen[plan.upn]}.")
            continue
        seen[plan.upn] = number
        pupil = existing.get(plan.upn)
        if pupil is not None and pupil.school_id != school.pk:
            checker.problem(
                plan,
                "upn",
                "upn_elsewhere",
                f"Already on roll at {pupil.school.name} in this system; that school must record the pupil as left first.",
            )
            continue
        plan.pupil = pupil
        _plan_pupil(checker, plan, cells, groups)
        _plan_sen(
            checker,
            plan,
            cells,
            latest.get(pupil.pk) if pupil else None,
            current_needs.get(pupil.pk, []) if pupil else [],
        )
        _plan_contacts(checker, plan, cells, links)
        if plan.problems:
            continue
        for change in plan.changes:
            report.change(change)
        if plan.is_new:
            report.new_pupils += 1
        elif plan.changes:
            report.changed_pupils += 1
        else:
            report.unchanged_pupils += 1
        if plan.sen:
            report.new_sen_entries += 1
            report.new_needs += len(plan.sen[1])
        report.new_contacts += sum(1 for contact in plan.contacts if contact.link is None)
    return plans


def _plan_pupil(checker: _RowChecker, plan: RowPlan, cells: list[str], groups: dict[str, str]) -> None:
    values: dict[str, Any] = {}
    for name in PUPIL_FIELDS:
        raw = checker.cell(cells, name)
        if not raw:
            continue
        if name in ("date_of_birth", "on_roll_from"):
            parsed = parse_date(raw)
            if parsed is None:
                checker.problem(
                    plan, name, "date_valid", f"{raw[:30]!r} is not a date: write it like 27/03/2016 or 2016-03-27."
                )
                continue
            if parsed > checker.today and name == "date_of_birth":
                checker.problem(plan, name, "date_not_future", "The date of birth is in the future.")
                continue
            values[name] = parsed
        elif name == "sex":
            text = raw.upper()
            sex = "M" if text in {"M", "MALE", "BOY"} else "F" if text in {"F", "FEMALE", "GIRL"} else None
            if sex is None:
                checker.problem(plan, name, "sex_valid", f"{raw[:20]!r} is not a sex: use M or F.")
                continue
            values[name] = sex
        elif name == "year_group":
            year = parse_year_group(raw)
            if year is None:
                checker.problem(
                    plan, name, "year_group_valid", f"{raw[:20]!r} is not a year group (use R, 1 to 14, N1 or N2)."
                )
                continue
            values[name] = year
        else:
            if len(raw) > 100:
                checker.problem(plan, name, "too_long", "This is longer than 100 characters.")
                continue
            values[name] = raw
    group = checker.cell(cells, "registration_group")
    if plan.is_new:
        for name in REQUIRED_FOR_NEW:
            if name not in values and name not in plan.problem_fields:
                rule = "column_missing" if not checker.mapped(name) else "value_missing"
                why = "no column is matched to it" if not checker.mapped(name) else "the cell is blank"
                checker.problem(plan, name, rule, f"A new pupil needs this, but {why}.")
        values.setdefault("on_roll_from", checker.today)
        plan.fields = values
        if plan.problems:
            return
        name = f"{values['legal_first_name']} {values['legal_last_name']}"
        plan.changes.append(Change(plan.where, "new_pupil", after=f"{name}, born {values['date_of_birth']:%Y-%m-%d}"))
    else:
        pupil = plan.pupil
        assert pupil is not None
        for name, value in values.items():
            before = getattr(pupil, name)
            if before != value:
                plan.fields[name] = value
                plan.changes.append(
                    Change(plan.where, "changed_field", field=FIELD_LABELS[name], before=str(before), after=str(value))
                )
    if group:
        current = plan.pupil.registration_group.name if plan.pupil and plan.pupil.registration_group else ""
        name = groups.get(group.lower(), group)
        if name != current:
            plan.registration_group = name
            if group.lower() not in groups:
                plan.changes.append(Change(plan.where, "new_registration_group", after=name))
            plan.changes.append(
                Change(plan.where, "changed_field", field="Registration group", before=current, after=name)
            )


def _plan_sen(
    checker: _RowChecker,
    plan: RowPlan,
    cells: list[str],
    latest: tuple[str, date] | None,
    current_needs: list[tuple[str, int]],
) -> None:
    raw = checker.cell(cells, "sen_provision").upper()
    provision = latest[0] if latest else None
    if raw:
        if raw in HISTORIC_PROVISION:
            checker.problem(
                plan,
                "sen_provision",
                "provision_current",
                f"{raw} ({HISTORIC_PROVISION[raw]}) is a historic code: use K or N.",
            )
            return
        provision = PROVISION_WORDS.get(raw)
        if provision is None:
            checker.problem(
                plan, "sen_provision", "provision_valid", f"{raw[:20]!r} is not a SEN provision code: use N, K or E."
            )
            return
    if provision is None:
        return
    # Need cells, when any is filled in, say exactly what the needs are; all blank leaves them as they are.
    need_cells = [
        (checker.cell(cells, name).upper(), name, rank) for name, rank in (("primary_need", 1), ("secondary_need", 2))
    ]
    if not raw and not any(code for code, _, _ in need_cells):
        return
    if any(code for code, _, _ in need_cells):
        needs = []
        for code, name, rank in need_cells:
            if not code:
                continue
            if code not in NeedType.values:
                checker.problem(plan, name, "need_type_valid", f"{code[:10]!r} is not a census SEN type code.")
                return
            needs.append((code, rank))
        if len(needs) == 1 and needs[0][1] == 2:
            checker.problem(
                plan,
                "secondary_need",
                "single_is_rank_1",
                "A secondary need without a primary need: put it in the primary need column.",
            )
            return
    else:
        needs = [] if provision == Provision.NONE else list(current_needs)
    if latest is None and provision == Provision.NONE and not needs:
        return
    if latest is not None and (provision, sorted(needs)) == (latest[0], sorted(current_needs)):
        return
    for rule_break in check_sen_record(provision, needs):
        name = {"provision": "sen_provision", "secondary_need": "secondary_need"}.get(rule_break.field, "primary_need")
        checker.problem(plan, name, rule_break.rule, rule_break.message)
    raw_start = checker.cell(cells, "sen_start_date")
    start = parse_date(raw_start) if raw_start else None
    if not raw_start:
        checker.problem(
            plan,
            "sen_start_date",
            "sen_start_required",
            "The SEN provision or needs change on this row, so give the date it starts.",
        )
    elif start is None:
        checker.problem(plan, "sen_start_date", "date_valid", f"{raw_start[:30]!r} is not a date.")
    elif start > checker.today:
        checker.problem(plan, "sen_start_date", "date_not_future", "The SEN start date is in the future.")
    elif latest is not None and start < latest[1]:
        checker.problem(
            plan,
            "sen_start_date",
            "after_current_status",
            f"The date cannot be before the current status began ({in_words(latest[1])}).",
        )
    else:
        born = plan.fields.get("date_of_birth") or (plan.pupil.date_of_birth if plan.pupil else None)
        if born and start < born:
            checker.problem(plan, "sen_start_date", "after_birth", "The SEN start date is before the date of birth.")
    if plan.problems or start is None:
        return
    plan.sen = (provision, needs, start)
    label = dict(Provision.choices)[provision]
    need_text = ", ".join(f"{code} (rank {rank})" for code, rank in needs) or "no types of need"
    plan.changes.append(
        Change(plan.where, "new_sen_entry", after=f"{label} ({provision}) from {start:%Y-%m-%d}; {need_text}")
    )


def _plan_contacts(checker: _RowChecker, plan: RowPlan, cells: list[str], links: dict) -> None:
    for number in (1, 2):
        prefix = f"contact{number}_"
        values = {name: checker.cell(cells, prefix + name) for name in CONTACT_FIELDS}
        relationship = checker.cell(cells, prefix + "relationship")
        responsibility = checker.cell(cells, prefix + "parental_responsibility").upper()
        if not any(values.values()) and not relationship:
            continue
        ok = True
        for name in ("first_name", "last_name"):
            if not values[name]:
                checker.problem(plan, prefix + name, "value_missing", "A parent or carer needs a first and last name.")
                ok = False
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                checker.problem(
                    plan, prefix + "email", "email_valid", f"{values['email'][:60]!r} is not an email address."
                )
                ok = False
        if responsibility and responsibility not in YES | NO:
            checker.problem(plan, prefix + "parental_responsibility", "yes_or_no", "Write yes or no.")
            ok = False
        if any(len(v) > 100 for v in values.values()) or len(relationship) > 60:
            checker.problem(plan, prefix + "first_name", "too_long", "A parent or carer's details are too long.")
            ok = False
        if not ok:
            continue
        has_responsibility = responsibility not in NO
        key = (plan.pupil.pk, values["first_name"].lower(), values["last_name"].lower()) if plan.pupil else None
        link = links.get(key) if key else None
        contact = ContactPlan(
            {k: v for k, v in values.items()}, relationship or "parent or carer", has_responsibility, link
        )
        name = f"{values['first_name']} {values['last_name']}"
        if link is None:
            plan.contacts.append(contact)
            plan.changes.append(Change(plan.where, "new_contact", after=f"{name} ({contact.relationship})"))
            continue
        current = {k: getattr(link.contact, k) for k in CONTACT_FIELDS}
        current_extra = (link.relationship, link.parental_responsibility)
        wanted = {k: (v or current[k]) for k, v in values.items()}
        contact.fields = wanted
        contact.relationship = relationship or link.relationship
        if not responsibility:
            contact.parental_responsibility = link.parental_responsibility
        if wanted != current or (contact.relationship, contact.parental_responsibility) != current_extra:
            plan.contacts.append(contact)
            for k in CONTACT_FIELDS:
                if wanted[k] != current[k]:
                    plan.changes.append(
                        Change(
                            plan.where,
                            "changed_field",
                            field=f"{name}: {k.replace('_', ' ')}",
                            before=current[k],
                            after=wanted[k],
                        )
                    )
            if contact.relationship != link.relationship:
                plan.changes.append(
                    Change(
                        plan.where,
                        "changed_field",
                        field=f"{name}: relationship",
                        before=link.relationship,
                        after=contact.relationship,
                    )
                )
            if contact.parental_responsibility != link.parental_responsibility:
                plan.changes.append(
                    Change(
                        plan.where,
                        "changed_field",
                        field=f"{name}: parental responsibility",
                        before=str(link.parental_responsibility),
                        after=str(contact.parental_responsibility),
                    )
                )
