"""Every passport page, every persona (the shared loop of ``sendsupport.testing.permissions``)."""

from __future__ import annotations

import pytest

from sendsupport.support.profiles.models import ProfileAcknowledgement
from sendsupport.support.profiles.tests.conftest import write
from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import CLASS_STAFF, FAMILY, MANAGERS, NOBODY, SEES_OTHER_PUPIL, STAFF


@pytest.fixture
def other_passport(other_pupil, senco):
    return write(other_pupil, senco)


def acknowledgements(w) -> int:
    return ProfileAcknowledgement.objects.count()


def acknowledged_if_allowed(response, persona, w) -> None:
    mine = ProfileAcknowledgement.objects.filter(user__username=response.wsgi_request.user.username)
    assert mine.exists() == (persona in CLASS_STAFF), persona


def pupil(*rest):
    return lambda w: [w.pupil.pk, *rest]


def other_pupil(w):
    return [w.other_pupil.pk]


TABLE = Table(
    "profiles",
    [
        Case("profiles:passport", pupil(), FAMILY, needs=("passport",)),
        Case("profiles:passport", other_pupil, SEES_OTHER_PUPIL, label="other pupil", needs=("passport",)),
        Case("profiles:edit", pupil(), MANAGERS),
        Case("profiles:edit", other_pupil, MANAGERS, label="other pupil"),
        Case("profiles:versions", pupil(), STAFF, needs=("passport", "other_passport")),
        Case("profiles:versions", other_pupil, MANAGERS, label="other pupil", needs=("passport", "other_passport")),
        Case("profiles:version", pupil(1), STAFF, needs=("passport", "other_passport")),
        Case("profiles:version", pupil(9), NOBODY, label="missing", needs=("passport",)),
        Case("profiles:to_read", allowed=CLASS_STAFF),
        Case(
            "profiles:acknowledge",
            pupil(),
            CLASS_STAFF,
            status=302,
            method="post",
            data=lambda w: {"version": w.passport.version},
            unchanged=acknowledgements,
            check=acknowledged_if_allowed,
        ),
    ],
)
test_permissions = TABLE.test()
