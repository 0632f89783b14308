"""Two-factor sign-in pages, every persona (the shared loop of ``sendsupport.testing.permissions``).

The personas have no second factor and the installation does not require one (test mode): everyone
signed in may open their own account page and start setting up; the code page and the buttons send a
person without an app on to set-up or their account page, changing nothing.
"""

from __future__ import annotations

from sendsupport.testing.permissions import Case, Table, changes
from sendsupport.testing.personas import ALL

TABLE = Table(
    "twofactor",
    [
        Case("twofactor:account", allowed=ALL),
        Case("twofactor:set_up", allowed=ALL),
        Case("twofactor:set_up", allowed=ALL, method="post", status=400, data={"code": "000000"}, unchanged=changes),
        Case("twofactor:verify", allowed=ALL, status=302, label="no app set up: sent to set-up"),
        Case("twofactor:new_codes", allowed=ALL, method="post", status=302, unchanged=changes),
        Case("twofactor:turn_off", allowed=ALL, method="post", status=302, unchanged=changes),
    ],
)
test_permissions = TABLE.test()
