"""PDFs of our own pages, made by WeasyPrint from our templates, and the response that carries one.

Styles are embedded in the PDF templates and every outside fetch is refused, so making a PDF of a
pupil's record never reaches the network or the disk. The one way to make and send a PDF.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class NoFetching(URLFetcher):
    """Refuse every URL (http, file, data ...): a PDF of pupil data must not reach the network or disk."""

    def fetch(self, url: str, headers: dict | None = None) -> Any:
        raise ValueError(f"Fetching {url} is not allowed when making a PDF.")


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, context)
    return HTML(string=html, base_url=None, url_fetcher=NoFetching()).write_pdf()


def css_text(value: str) -> SafeString:
    """``value`` made safe to put in a CSS string in a PDF template's ``<style>`` (a page footer's
    ``content: "..."``), where HTML escaping does not apply: quotes, backslashes and angle brackets
    go, so nothing in a name can end the string or the style element."""
    return mark_safe(re.sub(r'[\\"<>\n\r]', "", value))  # noqa: S308 - nothing that can end the string is left


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """A download of ``pdf`` named ``filename``, never kept by a shared cache or the browser."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
