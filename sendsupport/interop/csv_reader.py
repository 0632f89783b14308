"""Reading a spreadsheet (CSV) exported from a school's MIS: its text encoding, columns and rows.

SIMS, Arbor and Bromcom export UTF-8 (sometimes with a byte-order mark) or Windows-1252. A file
that mixes the two (rows pasted in from another export) is refused, naming the first odd row.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

MAX_COLUMNS = 200
NOT_IN_FILE = ""


@dataclass(frozen=True)
class CSVField:
    name: str
    label: str
    synonyms: tuple[str, ...] = ()
    group: str = "Pupil"


def _contact_fields(number: int) -> list[CSVField]:
    prefix = f"contact{number}_"
    group = f"Parent or carer {number}"
    words = [f"contact {number}", f"contact{number}", f"parent {number}", f"parent{number}", f"carer {number}"]
    return [
        CSVField(
            prefix + "first_name",
            "First name",
            tuple(f"{w} forename" for w in words) + tuple(f"{w} first name" for w in words),
            group,
        ),
        CSVField(
            prefix + "last_name",
            "Last name",
            tuple(f"{w} surname" for w in words) + tuple(f"{w} last name" for w in words),
            group,
        ),
        CSVField(prefix + "relationship", "Relationship", tuple(f"{w} relationship" for w in words), group),
        CSVField(prefix + "email", "Email address", tuple(f"{w} email" for w in words), group),
        CSVField(
            prefix + "phone",
            "Phone number",
            tuple(f"{w} phone" for w in words) + tuple(f"{w} telephone" for w in words),
            group,
        ),
        CSVField(
            prefix + "parental_responsibility",
            "Has parental responsibility (yes or no)",
            tuple(f"{w} parental responsibility" for w in words),
            group,
        ),
    ]


FIELDS: list[CSVField] = [
    CSVField("upn", "UPN", ("upn", "unique pupil number")),
    CSVField("legal_last_name", "Legal surname", ("legal surname", "surname", "last name", "family name")),
    CSVField("legal_first_name", "Legal forename", ("legal forename", "forename", "first name", "given name")),
    CSVField("preferred_last_name", "Preferred surname", ("preferred surname", "preferred last name")),
    CSVField("preferred_first_name", "Preferred forename", ("preferred forename", "preferred first name", "known as")),
    CSVField("date_of_birth", "Date of birth", ("date of birth", "dob", "birth date")),
    CSVField("sex", "Sex", ("sex", "gender")),
    CSVField("year_group", "Year group", ("year group", "year", "nc year", "ncyearactual", "national curriculum year")),
    CSVField(
        "registration_group", "Registration group", ("registration group", "reg group", "form", "class", "tutor group")
    ),
    CSVField("on_roll_from", "On roll from", ("on roll from", "admission date", "entry date", "date of admission")),
    CSVField("sen_provision", "SEN provision (N, K or E)", ("sen provision", "sen status", "senprovision")),
    CSVField(
        "sen_start_date",
        "SEN provision start date",
        ("sen start date", "sen status start date", "sen provision start date"),
    ),
    CSVField("primary_need", "Primary need", ("primary need", "sen need 1", "sen type 1", "primary sen need")),
    CSVField("secondary_need", "Secondary need", ("secondary need", "sen need 2", "sen type 2", "secondary sen need")),
    *_contact_fields(1),
    *_contact_fields(2),
]
FIELD_NAMES = [f.name for f in FIELDS]
FIELD_LABELS = {f.name: (f.label if f.group == "Pupil" else f"{f.group}: {f.label.lower()}") for f in FIELDS}


class CSVProblem(ValueError):
    """The file as a whole cannot be read; ``row`` names where (1 is the header row)."""

    def __init__(self, message: str, *, row: int | None = None, rule: str = "file_readable") -> None:
        super().__init__(message)
        self.row = row
        self.rule = rule


def decode(data: bytes) -> str:
    """The file's text. UTF-8 (with or without BOM) or Windows-1252; never a mixture of both."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        row = data[: data.index(b"\x00")].count(b"\n") + 1
        raise CSVProblem(
            f"Row {row} contains a zero byte: the file may be a spreadsheet saved in another format "
            "(such as UTF-16 or .xlsx). Save it as 'CSV UTF-8'.",
            row=row,
            rule="encoding",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    first_utf8 = first_ansi = None
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            first_utf8 = first_utf8 or number
        except UnicodeDecodeError:
            try:
                line.decode("cp1252")
            except UnicodeDecodeError as error:
                raise CSVProblem(
                    f"Row {number} contains a byte ({line[error.start]:#04x}) that is not text in UTF-8 or Windows-1252.",
                    row=number,
                    rule="encoding",
                ) from None
            first_ansi = first_ansi or number
        if first_utf8 and first_ansi:
            raise CSVProblem(
                f"The file mixes text encodings: row {first_utf8} is UTF-8 but row {first_ansi} is Windows-1252 "
                "(for example an accented name typed in a different program). Save the whole file again as "
                "'CSV UTF-8' and upload it again.",
                row=max(first_utf8, first_ansi),
                rule="encoding_mixed",
            )
    return data.decode("cp1252")


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_table(data: bytes) -> tuple[list[str], list[list[str]]]:
    """The header row and the data rows (blank rows dropped). Raises CSVProblem if unreadable."""
    text = decode(data)
    if not text.strip():
        raise CSVProblem("The file is empty.", row=1, rule="not_empty")
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text[:4096]))
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append([cell.strip() for cell in row])
    except csv.Error as error:
        raise CSVProblem(f"Row {reader.line_num} cannot be read: {error}.", row=reader.line_num) from None
    header = rows[0] if rows else []
    if not any(header):
        raise CSVProblem("The first row should hold the column headings, but it is blank.", row=1, rule="header_row")
    if len(header) > MAX_COLUMNS:
        raise CSVProblem(f"The file has more than {MAX_COLUMNS} columns.", row=1, rule="header_row")
    seen: set[str] = set()
    for heading in header:
        if heading and heading in seen:
            raise CSVProblem(f"Two columns are both headed {heading[:60]!r}; rename one.", row=1, rule="header_unique")
        seen.add(heading)
    return header, rows[1:]


def _normal(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", heading.lower()).strip()


def guess_columns(headers: list[str], saved: dict[str, str]) -> dict[str, str]:
    """A column for each field: the school's saved choice if the file has it, else a heading that matches."""
    available = [h for h in headers if h]
    normal = {_normal(h): h for h in available}
    columns: dict[str, str] = {}
    used: set[str] = set()
    for f in FIELDS:
        choice = saved.get(f.name)
        if choice and choice in available:
            columns[f.name] = choice
            used.add(choice)
    for f in FIELDS:
        if f.name in columns or saved.get(f.name) == NOT_IN_FILE:
            continue
        for candidate in (f.name.replace("_", " "), _normal(f.label), *f.synonyms):
            heading = normal.get(_normal(candidate))
            if heading and heading not in used:
                columns[f.name] = heading
                used.add(heading)
                break
    return columns
