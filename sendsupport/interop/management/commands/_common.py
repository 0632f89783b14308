"""Shared bits of the data-exchange commands."""

from __future__ import annotations

from django.core.management.base import CommandError

from sendsupport.interop.problems import Report
from sendsupport.schools.models import School


def school_by_urn(urn: str) -> School:
    school = School.objects.select_related("local_authority").filter(urn=urn).first()
    if school is None:
        raise CommandError(f"No school has the URN {urn}.")
    return school


def problem_lines(report: Report) -> list[str]:
    lines = [problem.as_text() for problem in report.problems]
    if report.error_count > len(report.problems):
        lines.append(f"... and {report.error_count - len(report.problems)} more problems.")
    return lines
