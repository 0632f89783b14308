"""Reading a local authority's Local Offer from its Open Referral UK service directory.

Local authorities publish their service directories through the Open Referral UK API: an open JSON
API whose ``/services`` list is paged. Two shapes are in use and both are read: the original UK
profile (``content``, ``totalPages``, ``last``, taxonomies in ``service_taxonomys``) and the HSDS 3.0
UK profile (``contents``, ``total_pages``, ``last_page``, taxonomies in ``attributes``).

This runs in the background worker or a command, never on a page request: every read has a time-out,
a size limit and a page limit, and anything unexpected becomes a ``DirectoryError`` with a message in
plain English. Only services about special educational needs and disabilities are kept.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.utils.html import strip_tags

TIMEOUT_SECONDS = 10
MAX_PAGES = 20
PER_PAGE = 100
MAX_BYTES = 5 * 1024 * 1024

# Words that mark a service as part of the SEND Local Offer, in its name, description or topics.
SEND_WORDS = re.compile(
    r"\b(?:send|sen|sendiass|iass|special educational|special needs|additional needs|disab\w*|autis\w*|adhd"
    r"|dyslexi\w*|dyspraxi\w*|speech and language|deaf\w*|visual impairment|sensory|learning difficult\w*"
    r"|ehc|education,? health and care|short breaks?|portage)\b",
    re.IGNORECASE,
)


class DirectoryError(Exception):
    """The directory could not be read; the message says why, in plain English."""


@dataclass(frozen=True)
class DirectoryService:
    service_id: str
    name: str
    description: str = ""
    url: str = ""
    email: str = ""
    phone: str = ""
    organisation: str = ""
    topics: str = ""

    @property
    def is_send(self) -> bool:
        return bool(SEND_WORDS.search(" ".join((self.name, self.description, self.topics))))


def _get_json(url: str, timeout: float) -> Any:
    # The scheme is checked in read_services: only http and https reach here.
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "sendsupport"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, checked
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise DirectoryError(f"The directory answered with an error (HTTP {error.code}).") from error
    except TimeoutError as error:
        raise DirectoryError(f"The directory did not answer within {timeout:g} seconds.") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError | socket.timeout):
            raise DirectoryError(f"The directory did not answer within {timeout:g} seconds.") from error
        raise DirectoryError("The directory could not be reached.") from error
    except OSError as error:
        raise DirectoryError("The directory could not be reached.") from error
    if len(body) > MAX_BYTES:
        raise DirectoryError("The directory sent more than 5 MB for one page; it was not read.")
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise DirectoryError("The directory's answer was not valid JSON.") from error


def _text(value: Any, limit: int) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(strip_tags(value).split())[:limit]


def _web_address(value: Any) -> str:
    """Only http and https addresses are shown to parents as links."""
    text = _text(value, 500)
    return text if urllib.parse.urlsplit(text).scheme in {"http", "https"} else ""


def _topics(item: dict) -> str:
    names = []
    for link in item.get("service_taxonomys") or []:  # the original UK profile
        taxonomy = link.get("taxonomy") if isinstance(link, dict) else None
        if isinstance(taxonomy, dict):
            names.append(_text(taxonomy.get("name"), 100))
    for attribute in item.get("attributes") or []:  # HSDS 3.0
        term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
        if isinstance(term, dict):
            names.append(_text(term.get("name"), 100))
    return ", ".join(dict.fromkeys(name for name in names if name))[:500]


def _phone(item: dict) -> str:
    for source in [item, *[c for c in item.get("contacts") or [] if isinstance(c, dict)]]:
        for phone in source.get("phones") or []:
            if isinstance(phone, dict) and _text(phone.get("number"), 60):
                return _text(phone.get("number"), 60)
    return ""


def parse_service(item: Any) -> DirectoryService | None:
    """One service from a page, or None when it lacks an id or a name, or is not active."""
    if not isinstance(item, dict):
        return None
    service_id = item.get("id")
    name = _text(item.get("name"), 300)
    if not isinstance(service_id, str | int) or not str(service_id).strip() or not name:
        return None
    status = item.get("status")
    if isinstance(status, str) and status.strip().lower() not in {"active", ""}:
        return None
    organisation = item.get("organization")
    return DirectoryService(
        service_id=str(service_id).strip()[:200],
        name=name,
        description=_text(item.get("description"), 2000),
        url=_web_address(item.get("url")),
        email=_text(item.get("email"), 254),
        phone=_phone(item),
        organisation=_text(organisation.get("name"), 300) if isinstance(organisation, dict) else "",
        topics=_topics(item),
    )


def _page_items(page: Any) -> tuple[list, bool]:
    """The services on a page and whether it is the last one."""
    if not isinstance(page, dict):
        raise DirectoryError("The directory's answer was not a page of services.")
    items = page.get("content", page.get("contents"))
    if not isinstance(items, list):
        raise DirectoryError("The directory's answer had no list of services.")
    last = page.get("last", page.get("last_page"))
    number = page.get("number", page.get("page_number"))
    total = page.get("totalPages", page.get("total_pages"))
    if last is None and isinstance(number, int) and isinstance(total, int):
        last = number >= total
    return items, bool(last) or not items


def read_services(
    base_url: str, *, timeout: float = TIMEOUT_SECONDS, max_pages: int = MAX_PAGES
) -> list[DirectoryService]:
    """Every active SEND service in the directory at ``base_url``; raises ``DirectoryError``."""
    if urllib.parse.urlsplit(base_url).scheme not in {"http", "https"}:
        raise DirectoryError("The directory address must start with https:// (or http://).")
    found: dict[str, DirectoryService] = {}
    for number in range(1, max_pages + 1):
        query = urllib.parse.urlencode({"page": number, "per_page": PER_PAGE})
        items, last = _page_items(_get_json(f"{base_url.rstrip('/')}/services?{query}", timeout))
        for item in items:
            service = parse_service(item)
            if service is not None and service.is_send:
                found.setdefault(service.service_id, service)
        if last:
            break
    return list(found.values())
