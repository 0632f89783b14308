"""The stylesheet's print rules hide the website around a record (checked in a browser in tests/browser/test_print.py)."""

from __future__ import annotations

import re
from pathlib import Path

SCSS = Path(__file__).resolve().parents[2] / "assets" / "sendsupport.scss"


def print_block() -> str:
    source = SCSS.read_text()
    start = source.index("@media print")
    return source[start:]


def test_print_hides_header_menu_footer_buttons_and_forms():
    hidden = print_block().split("display: none !important")[0]
    for selector in (".app-header", ".govuk-service-navigation", ".govuk-footer", ".govuk-button", "main form"):
        assert selector in hidden, selector


def test_print_drops_link_addresses_and_keeps_cards_and_rows_whole():
    block = print_block()
    assert re.search(r'\.govuk-link\[href\^="/"\]::after[^{]*\{\s*content: none !important;', block)
    assert re.search(r"\.govuk-summary-card,[^{]*\{\s*break-inside: avoid;", block)
    assert "break-after: avoid" in block
