"""The provision map as CSV and as an Excel workbook: the same rows and figures as the page.

Costs appear only when the caller passes ``with_costs`` (the view checks ``provision.view_costs``).
Money is written in pounds with two places from the pence ``selectors.school_costs`` worked out,
so the files agree with the page to the penny. Cells that a spreadsheet would read as a formula
(starting ``=``, ``+``, ``-`` or ``@``) are written as text.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from sendsupport.provision.selectors_map import MapRow, ProvisionMap, pounds

MONEY_FORMAT = '"£"#,##0.00'
BASE_COLUMNS = [
    "Provision",
    "Intervention",
    "Broad area of need",
    "Funding stream",
    "Schedule",
    "Delivered by",
    "Starts on",
    "Ends on",
    "Pupils this year",
    "Year groups",
]
COST_COLUMNS = ["Planned cost to date (£)", "Delivered cost to date (£)", "Projected cost for the year (£)"]
PUPIL_COLUMNS = [
    "Pupil",
    "Year group",
    "Planned cost for the year (£)",
    "Delivered cost to date (£)",
    "Projected cost for the year (£)",
    "Over the element 2 threshold",
]


def columns(with_costs: bool) -> list[str]:
    return BASE_COLUMNS + (COST_COLUMNS if with_costs else [])


def row_values(row: MapRow, with_costs: bool) -> list[Any]:
    values: list[Any] = [
        row.name,
        row.intervention,
        row.area_label,
        row.funding_label,
        row.schedule,
        row.deliverer_label,
        row.starts_on,
        row.ends_on,
        row.pupils,
        row.year_groups_label,
    ]
    if with_costs:
        cost = row.cost
        values += [
            pounds(cost.planned_to_date if cost else 0),
            pounds(cost.delivered_to_date if cost else 0),
            pounds(cost.projected_year if cost else 0),
        ]
    return values


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(_safe(value))


def map_csv(provision_map: ProvisionMap) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns(provision_map.with_costs))
    for row in provision_map.rows:
        writer.writerow([_text(value) for value in row_values(row, provision_map.with_costs)])
    return out.getvalue()


def map_xlsx(provision_map: ProvisionMap) -> bytes:
    """A workbook: the provisions, and with costs a second sheet of each pupil's cost for the year."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Provision map"
    _write(
        sheet,
        columns(provision_map.with_costs),
        [row_values(row, provision_map.with_costs) for row in provision_map.rows],
    )
    if provision_map.with_costs:
        pupils = book.create_sheet("Cost per pupil")
        _write(
            pupils,
            PUPIL_COLUMNS,
            [
                [
                    bar.name,
                    bar.year_label,
                    pounds(bar.planned_year),
                    pounds(bar.delivered_to_date),
                    pounds(bar.projected_year),
                    "Yes" if bar.over else "No",
                ]
                for bar in provision_map.pupil_bars
            ],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write(sheet: Any, headers: list[str], rows: list[list[Any]]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append([_safe(value) for value in values])
        for cell, value in zip(sheet[sheet.max_row], values, strict=True):
            if isinstance(value, Decimal):
                cell.number_format = MONEY_FORMAT
            elif hasattr(value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
