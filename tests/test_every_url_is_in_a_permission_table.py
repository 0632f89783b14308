"""Every URL name is in some app's permission table, so no page ships without its persona tests.

The tables are the ``test_permissions*.py`` modules under ``sendsupport`` (how to add a row:
``sendsupport/testing/permissions.py``). A URL that cannot sensibly be in a table is exempt below,
each with its reason; keep the list short.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

import sendsupport
from sendsupport.testing.permissions import TABLES

EXEMPT = {
    # Public by design and holds no data; the load balancer calls it (tests/test_security_baseline.py).
    "health": "the health check",
    # django-ninja's own name for /api/v1/, which ``api:root`` (in the API table) answers first.
    "api:api-root": "shadowed by api:root",
    # The catch-all for unknown API addresses: reverse() gives /api/v1/, which ``api:root`` answers,
    # so a row could not reach it. sendsupport/api/tests/test_errors.py tries unknown addresses.
    "api:not_found": "catch-all, not reversible to itself",
}
# Django's admin is for system administrators only: sendsupport/accounts/tests/test_admin_access.py
# sends every persona to the admin's own sign-in, and tests/test_permissions_matrix.py checks a
# superuser gets no free pass to pupil pages.
EXEMPT_NAMESPACES = {"admin"}


def url_names(resolver: URLResolver | None = None, namespace: str = "", prefix: str = "") -> Iterator[str]:
    """Every URL name in the URLconf, namespaced (``pupils:detail``); a nameless pattern by its route."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<no name: {prefix}{pattern.pattern}>"


def covered() -> set[str]:
    package = Path(sendsupport.__file__).parent
    for path in sorted(package.rglob("tests/test_permissions*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        importlib.import_module(".".join(parts))
    return set().union(*(table.url_names for table in TABLES))


def exempt(name: str) -> bool:
    return name in EXEMPT or name.split(":")[0] in EXEMPT_NAMESPACES


def test_every_url_name_is_in_a_permission_table():
    names = set(url_names())
    missing = sorted(name for name in names - covered() if not exempt(name))
    assert not missing, (
        "These URLs are in no permission table; add a row to the app's tests/test_permissions.py "
        f"(see sendsupport/testing/permissions.py): {missing}"
    )


def test_every_row_and_exemption_names_a_url_that_exists():
    names = set(url_names())
    tables = covered()
    assert sorted(tables - names) == []
    assert sorted(set(EXEMPT) - names) == []
    assert sorted(set(EXEMPT) & tables) == [], "a URL in a table needs no exemption"


def test_the_tables_are_found(settings):
    """The meta-test would pass vacuously if it found no table."""
    assert {"home", "pupils", "support", "api"} <= {table.app for table in TABLES}
