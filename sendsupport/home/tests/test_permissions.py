"""The home page, signing in and out, and the account pages, every persona (the shared loop of
``sendsupport.testing.permissions``)."""

from __future__ import annotations

from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import ALL, SCHOOL_STAFF

TABLE = Table(
    "home",
    [
        Case("home", allowed=ALL),
        Case("change_password", allowed=ALL),
        Case("choose_school", allowed=SCHOOL_STAFF),
        Case("login", allowed=ALL, status=302, signed_out=200, label="signed in: sent on to the home page"),
        Case("logout", allowed=ALL, status=302, method="post", signed_out=302),
        Case(
            "accept_invitation",
            lambda w: ["not-a-token"],
            allowed=ALL,
            status=410,
            signed_out=410,
            label="a link that does not work",
        ),
    ],
)
test_permissions = TABLE.test()
