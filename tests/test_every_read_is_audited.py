"""Every page and API operation that shows a pupil's data is walked by the read-audit check.

The check itself runs inside the permission-table loop (``sendsupport/testing/read_audit.py``):
after each successful GET by a persona a row lets in, it fails unless a "viewed" (or "exported")
audit entry was written for the pupil shown, or for each pupil a list page names. This meta-test
makes sure the loop reaches every such address: each URL with a ``pupil_id`` and each list page
has a GET row that lets someone in, unless it only accepts POST (listed below, each a form's target).
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from sendsupport.testing.permissions import TABLES
from sendsupport.testing.read_audit import LIST_PAGES
from tests.test_every_url_is_in_a_permission_table import covered

# Addresses about a pupil that only take a POST (a button's or a form's target): they show nothing.
POST_ONLY = {
    "pupils:contact_remove",
    "support:outcome_remove",
    "support:letter_email",
    "profiles:acknowledge",
    "meetings:share",
    "interop:transfer_problem_fixed",
    "voice:pupil_account_stop",
    "ehc:access_revoke",
}


def routes(resolver: URLResolver | None = None, namespace: str = "", prefix: str = ""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", prefix + str(pattern.pattern)


def pupil_data_addresses() -> set[str]:
    return {name for name, route in routes() if "pupil_id" in route} | set(LIST_PAGES)


def walked() -> set[str]:
    """URL names with a GET row that lets some persona in (so the loop checks the audit log)."""
    covered()  # imports every table
    return {
        case.name
        for table in TABLES
        for case in table.cases
        if case.method == "get" and case.status == 200 and case.allowed
    }


def test_every_read_of_a_pupils_data_is_walked_by_the_audit_check():
    missing = sorted(pupil_data_addresses() - walked() - POST_ONLY)
    assert not missing, f"give these a GET row in their permission table, or list them as POST_ONLY: {missing}"


def test_the_post_only_list_names_addresses_that_exist_and_are_not_read():
    assert pupil_data_addresses() >= POST_ONLY
    assert not POST_ONLY & walked(), "an address with a GET row is read: take it off POST_ONLY"


def test_the_list_pages_exist():
    assert set(LIST_PAGES) <= {name for name, _ in routes()}
