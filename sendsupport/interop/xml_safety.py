"""Reading XML that comes from outside, safely: no DTD, no entities, no network, no huge trees.

A Common Transfer File never needs a DOCTYPE, so any file with one is refused before lxml builds
anything from it (that stops XXE and "billion laughs" files), and refused again if lxml sees one
that the byte check missed (for example in a UTF-16 file).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from lxml import etree

# How much of the start of a file to look at for a DOCTYPE before the root element.
PROLOG_BYTES = 64 * 1024
_ROOT_START = re.compile(rb"<[A-Za-z_:]")
_DTD_MARKERS = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# The same markers in UTF-16 (either byte order); lxml's own check below catches anything else.
_UTF16_DTD_MARKERS = re.compile(rb"<\x00!\x00[DE]\x00|\x00<\x00!\x00[DE]")

DTD_MESSAGE = (
    "The file contains a document type declaration (DOCTYPE or ENTITY). Common Transfer Files never need "
    "one, and it can be used to attack the system, so the file has been refused. Ask the sender for a plain CTF."
)


class UnsafeXML(ValueError):
    """The file declares a DTD or entities; nothing in it was read."""


class _PeekedStream:
    """A file-like wrapper that replays the bytes already inspected, then reads the rest."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size < 0:
                data, self._head = self._head + self._rest.read(), b""
                return data
            data, self._head = self._head[:size], self._head[size:]
            return data
        return self._rest.read(size)


def _check_prolog(head: bytes) -> None:
    root = _ROOT_START.search(head)
    prolog = head[: root.start()] if root else head
    if _DTD_MARKERS.search(prolog) or _UTF16_DTD_MARKERS.search(head):
        raise UnsafeXML(DTD_MESSAGE)


def safe_iterparse(source: IO[bytes], *, tag: str | None = None) -> Iterator[tuple[str, etree._Element]]:
    """Stream ("start" | "end", element) events from ``source`` with every unsafe feature off.

    Raises UnsafeXML for a DTD or entity declaration and lxml's XMLSyntaxError for a broken file.
    """
    head = source.read(PROLOG_BYTES)
    if isinstance(head, str):  # a text stream: the check and the parser both need bytes
        raise TypeError("safe_iterparse needs a binary file")
    _check_prolog(head)
    events = etree.iterparse(
        _PeekedStream(head, source),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    checked = False
    for event, element in events:
        if not checked:
            docinfo = element.getroottree().docinfo
            if docinfo.doctype or docinfo.internalDTD is not None or docinfo.system_url:
                raise UnsafeXML(DTD_MESSAGE)
            checked = True
        yield event, element


def release(element: etree._Element) -> None:
    """Free a finished element and the siblings before it, so memory stays flat on big files."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
