"""PDFs of pages, made by WeasyPrint from our own templates, with every outside fetch refused."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class NoFetching(URLFetcher):
    """Refuse every URL (http, file, data...): a PDF of pupil data must not reach the network or disk."""

    def fetch(self, url: str, headers: dict | None = None) -> Any:
        raise ValueError(f"Fetching {url} is not allowed when making a PDF.")


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, context)
    return HTML(string=html, base_url=None, url_fetcher=NoFetching()).write_pdf()
