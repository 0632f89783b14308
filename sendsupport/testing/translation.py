"""A check that every user-facing string in a template is marked for translation.

``find_unmarked(name)`` loads a template's own source (not the templates it extends or includes),
walks Django's template Lexer tokens and returns the text a user would read that is not marked:

- text between ``{% blocktranslate %}`` (or ``{% blocktrans %}``) and its end tag is marked;
- ``{% translate "..." %}``, ``{{ variables }}``, other tags and ``{# comments #}`` are not text;
  text inside ``{% comment %}`` ... ``{% endcomment %}`` is ignored;
- the template is rebuilt with every non-text token replaced by a neutral placeholder (no letters,
  no line breaks, so line numbers stay those of the source) and parsed with ``html.parser``; every
  piece of text that still has letters is reported, and so is every user-facing attribute value
  (alt, title, aria-label, placeholder, and the value of an ``<input type="submit|button">``) that
  has letters. ``<script>``/``<style>`` content and HTML comments are skipped;
- a string literal inside a tag or variable that a user reads is reported too unless written
  ``_("...")``: the argument of ``default``/``default_if_none``, a literal ``{{ "..." }}``, and a
  keyword argument of ``{% include ... with %}``/``{% with %}`` whose value has a space or starts
  with a capital letter (template names, URL names and formats like "j F Y" do not).

``assert_all_marked(names)`` fails with one line per string: template, line and text, so a
developer can find and fix each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

from django.template import loader
from django.template.base import Lexer, TokenType

# Stands for a tag or variable in the rebuilt template: not a letter, not whitespace, not markup.
PLACEHOLDER = "\ufffc"

USER_FACING_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder"})
BUTTON_INPUT_TYPES = frozenset({"submit", "button", "reset"})
BLOCK_TRANSLATE = frozenset({"blocktranslate", "blocktrans"})
END_BLOCK_TRANSLATE = frozenset({"endblocktranslate", "endblocktrans"})

_LETTER = re.compile(r"[^\W\d_]")
_MARKUP = re.compile(r"<[^>]*>?")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
# A string literal not wrapped in _( ), in a tag's or a variable's contents.
_DEFAULT_ARG = re.compile(r"\|\s*(?:default|default_if_none)\s*:\s*(\"[^\"]*\"|'[^']*')")
_KWARG = re.compile(r"(?<![\w.])(\w+)=(\"[^\"]*\"|'[^']*')")
_LITERAL_VAR = re.compile(r"^\s*(\"[^\"]*\"|'[^']*')")


@dataclass(frozen=True)
class Unmarked:
    template: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.template}, line {self.line}: {self.text!r}"


def has_letters(text: str) -> bool:
    return bool(_LETTER.search(text))


def _blank_letters(text: str) -> str:
    return _LETTER.sub("_", text)


def _neutralise_marked(text: str) -> str:
    """Marked text keeps its markup (so the HTML around it still parses) with its words blanked."""

    def tag(match: re.Match[str]) -> str:
        return _QUOTED.sub(lambda quoted: _blank_letters(quoted.group(0)), match.group(0))

    pieces = []
    position = 0
    for match in _MARKUP.finditer(text):
        pieces.append(_blank_letters(text[position : match.start()]))
        pieces.append(tag(match))
        position = match.end()
    pieces.append(_blank_letters(text[position:]))
    return "".join(pieces)


def _shown(text: str) -> str:
    """The text as a developer would find it in the source: each run of tags and variables as {…}."""
    return " ".join(re.sub(f"{PLACEHOLDER}(\\s*{PLACEHOLDER})*", "{…}", text).split())


def _reads_as_words(literal: str) -> bool:
    value = literal[1:-1]
    return has_letters(value) and (any(c.isspace() for c in value) or value[:1].isupper())


def _unmarked_literals(token_type: TokenType, contents: str) -> list[str]:
    """String literals in a tag or variable that a user would read, not wrapped in _( )."""
    found = []
    if token_type == TokenType.VAR:
        literal = _LITERAL_VAR.match(contents)
        if literal and has_letters(literal.group(1)):
            found.append(literal.group(1))
    for match in _DEFAULT_ARG.finditer(contents):
        if has_letters(match.group(1)):
            found.append(match.group(1))
    if token_type == TokenType.BLOCK and contents.split()[:1] in (["include"], ["with"]):
        found.extend(match.group(2) for match in _KWARG.finditer(contents) if _reads_as_words(match.group(2)))
    return found


class _TextFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.skipping: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skipping = tag
        values = dict(attrs)
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None or not has_letters(value):
                continue
            is_button_label = (
                tag == "input" and name == "value" and (values.get("type") or "").lower() in BUTTON_INPUT_TYPES
            )
            if name in USER_FACING_ATTRIBUTES or is_button_label:
                self.found.append((line, f'{name}="{_shown(value)}"'))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == self.skipping:
            self.skipping = None

    def handle_data(self, data: str) -> None:
        if self.skipping or not has_letters(data):
            return
        line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        self.found.append((line, _shown(data)))


def find_unmarked_in_source(source: str, name: str = "<template>") -> list[Unmarked]:
    """The user-facing strings of a template's source that are not marked for translation."""
    rebuilt = []
    found: list[Unmarked] = []
    in_block_translate = False
    in_comment = False
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.TEXT:
            if in_comment:
                rebuilt.append("\n" * token.contents.count("\n"))
            elif in_block_translate:
                rebuilt.append(_neutralise_marked(token.contents))
            else:
                rebuilt.append(token.contents)
            continue
        rebuilt.append(PLACEHOLDER)
        if token.token_type == TokenType.COMMENT:
            continue
        word = (token.split_contents()[:1] or [""])[0] if token.token_type == TokenType.BLOCK else ""
        if word in BLOCK_TRANSLATE:
            in_block_translate = True
        elif word in END_BLOCK_TRANSLATE:
            in_block_translate = False
        elif word == "comment":
            in_comment = True
        elif word == "endcomment":
            in_comment = False
        elif not in_comment:
            for literal in _unmarked_literals(token.token_type, token.contents):
                tag = (
                    f"{{{{ {token.contents} }}}}" if token.token_type == TokenType.VAR else f"{{% {token.contents} %}}"
                )
                found.append(Unmarked(name, token.lineno, f"{literal} in {tag}"))
    parser = _TextFinder()
    parser.feed("".join(rebuilt))
    parser.close()
    found.extend(Unmarked(name, line, text) for line, text in parser.found)
    return sorted(found, key=lambda unmarked: unmarked.line)


def find_unmarked(name: str) -> list[Unmarked]:
    """The user-facing strings of the template called ``name`` (its own source only) not marked."""
    return find_unmarked_in_source(loader.get_template(name).template.source, name)


def assert_all_marked(names: Iterable[str]) -> None:
    unmarked = [item for name in names for item in find_unmarked(name)]
    assert not unmarked, (
        "User-facing text not marked for translation (use {% translate %} or "
        '{% blocktranslate trimmed %}; _("...") inside tags):\n' + "\n".join(str(item) for item in unmarked)
    )
