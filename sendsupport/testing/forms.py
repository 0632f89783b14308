"""Read a page's form as a browser would submit it, so a test can post back exactly what a person
who loaded the page would (hidden fields included)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_post_form = False
        self.forms: list[dict[str, list[str]]] = []
        self.values: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._option: str | None = None
        self._text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form" and found.get("method", "").lower() == "post":
            self.in_post_form = True
            self.values = {}
            self.forms.append(self.values)
            return
        if not self.in_post_form:
            return
        name = found.get("name", "")
        if tag == "input" and name and "disabled" not in found:
            kind = found.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in found:
                    self._add(name, found.get("value", "on"))
            elif kind not in ("submit", "button", "file"):
                self._add(name, found.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select is not None and "selected" in found:
            self._add(self._select, found.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.in_post_form:
            self.in_post_form = False
        elif tag == "textarea" and self._textarea is not None:
            # The HTML parser keeps the newline browsers drop after <textarea>.
            self._add(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)


def form_data(html: str | bytes) -> dict[str, Any]:
    """The fields of the page's main POST form (the one with most fields, not the sign-out button), as
    the test client posts them (lists for repeated names)."""
    reader = _FormReader()
    reader.feed(html.decode() if isinstance(html, bytes) else html)
    main = max(reader.forms, key=len, default={})
    return {name: values if len(values) > 1 else values[0] for name, values in main.items()}
