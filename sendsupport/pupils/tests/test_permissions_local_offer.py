"""The Local Offer page, every persona: families and staff see their authorities' offer; the SENCO and
head ask for a fresh read of the directory. Governors (who are not staff) and strangers get 404."""

from __future__ import annotations

import pytest

from sendsupport.schools.models import LocalAuthority
from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import ALL, MANAGERS


@pytest.fixture
def other_la(db) -> LocalAuthority:
    return LocalAuthority.objects.create(number="998", name="Another Council", directory_url="http://127.0.0.1:9/")


TABLE = Table(
    "pupils (Local Offer)",
    [
        Case("pupils:local_offer", allowed=ALL - {"governor", "stranger"}),
        Case(
            "pupils:local_offer_refresh",
            lambda w: [w.school.local_authority_id],
            MANAGERS,
            status=302,
            method="post",
        ),
        Case(
            "pupils:local_offer_refresh",
            lambda w: [w.other_la.pk],
            label="another authority",
            method="post",
            needs=("other_la",),
        ),
    ],
)
test_permissions = TABLE.test()
