"""What went wrong in a file, said so a SENCO can find it: which pupil (or row), which element, which rule."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

# Enough to fix a file by; the count says how many more there were.
MAX_LISTED = 1000
MAX_LISTED_CHANGES = 500


@dataclass(frozen=True)
class Problem:
    where: str  # "Pupil H801200001001", "Row 5", "Header" or "File"
    element: str  # the XML element or CSV column
    rule: str  # a short rule name, stable for tests and reports
    message: str  # plain English

    def as_text(self) -> str:
        return f"{self.where}, {self.element}: {self.message} [{self.rule}]"


@dataclass(frozen=True)
class Change:
    """One thing that would change: a new pupil, a field from/to, a new SEN history entry."""

    where: str  # "Pupil H801200001001 (Maya Evans)" or "Row 5 ..."
    kind: str  # new_pupil, changed_field, new_sen_entry, new_need, ended_need, new_contact, ...
    field: str = ""
    before: str = ""
    after: str = ""

    def as_text(self) -> str:
        if self.kind == "changed_field":
            return f"{self.where}: {self.field} changes from {self.before or '(blank)'} to {self.after or '(blank)'}"
        label = self.kind.replace("_", " ")
        detail = f" {self.field}" if self.field else ""
        return f"{self.where}: {label}{detail}{(': ' + self.after) if self.after else ''}"


@dataclass
class Report:
    """Counts, changes (capped) and problems (capped) from a preview or an import."""

    pupils_in_file: int = 0
    new_pupils: int = 0
    changed_pupils: int = 0
    unchanged_pupils: int = 0
    new_sen_entries: int = 0
    new_needs: int = 0
    new_contacts: int = 0
    skipped_rows: int = 0
    error_count: int = 0
    change_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    # Problems in a pupil's SEN record that do not stop the import: the pupil comes in with what
    # is valid, and the receiving SENCO fixes the rest (DOMAIN.md: a CTF that breaks a census rule
    # is still imported). They are not errors: a file with only these is imported.
    to_fix: list[Problem] = field(default_factory=list)
    fix_count: int = 0
    changes: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Called with each change as it is found (the command line prints them without keeping them).
    on_change: Any = None

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def problem(self, where: str, element: str, rule: str, message: str) -> None:
        self.error_count += 1
        if len(self.problems) < MAX_LISTED:
            self.problems.append(Problem(where, element, rule, message))

    def fix(self, where: str, element: str, rule: str, message: str) -> None:
        self.fix_count += 1
        if len(self.to_fix) < MAX_LISTED:
            self.to_fix.append(Problem(where, element, rule, message))

    @property
    def wants_details(self) -> bool:
        """Whether a change's text will be kept or shown (past the cap, only the count matters)."""
        return self.on_change is not None or len(self.changes) < MAX_LISTED_CHANGES

    def count_change(self) -> None:
        self.change_count += 1

    def change(self, change: Change) -> None:
        self.change_count += 1
        if self.on_change is not None:
            self.on_change(change)
        if len(self.changes) < MAX_LISTED_CHANGES:
            self.changes.append(change)

    def warn(self, message: str) -> None:
        if len(self.warnings) < MAX_LISTED:
            self.warnings.append(message)

    def counts(self) -> dict[str, int]:
        return {
            "pupils_in_file": self.pupils_in_file,
            "new_pupils": self.new_pupils,
            "changed_pupils": self.changed_pupils,
            "unchanged_pupils": self.unchanged_pupils,
            "new_sen_entries": self.new_sen_entries,
            "new_needs": self.new_needs,
            "new_contacts": self.new_contacts,
            "error_count": self.error_count,
        }

    def as_json(self) -> dict[str, Any]:
        return {
            **self.counts(),
            "skipped_rows": self.skipped_rows,
            "change_count": self.change_count,
            "problems": [asdict(problem) for problem in self.problems],
            "fix_count": self.fix_count,
            "to_fix": [asdict(problem) for problem in self.to_fix],
            "changes": [asdict(change) for change in self.changes],
            "warnings": list(self.warnings),
        }

    def summary_lines(self) -> list[str]:
        return [
            f"Pupils in the file: {self.pupils_in_file}",
            f"New pupils: {self.new_pupils}",
            f"Pupils with changes: {self.changed_pupils}",
            f"Pupils unchanged: {self.unchanged_pupils}",
            f"New SEN history entries: {self.new_sen_entries}",
            f"New or changed needs: {self.new_needs}",
            f"New parents and carers: {self.new_contacts}",
            f"Problems: {self.error_count}",
            f"SEN records to fix after the import: {self.fix_count}",
        ]


class ImportRejected(ValidationError):
    """A file that cannot be imported. Nothing was saved; ``report`` says why, problem by problem."""

    def __init__(self, report: Report) -> None:
        self.report = report
        messages = [problem.as_text() for problem in report.problems[:50]] or ["The file could not be imported."]
        super().__init__({"file": messages})
