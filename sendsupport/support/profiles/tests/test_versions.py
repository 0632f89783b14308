from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from sendsupport.audit.models import AuditEvent
from sendsupport.support.profiles.models import PupilProfile, VersionLockedError
from sendsupport.support.profiles.tests.conftest import TEXT, write


def test_it_saves_the_first_version(pupil, senco):
    profile = write(pupil, senco, today=date(2025, 11, 3))
    assert (profile.version, profile.created_on, profile.created_by) == (1, date(2025, 11, 3), senco)
    assert profile.sections()[0] == ("What people like and admire about me", TEXT["liked_and_admired"])


def test_each_edit_makes_a_new_version_and_keeps_the_old_one(passport, pupil, senco):
    second = write(pupil, senco, strategies="Movement breaks every 20 minutes.", changes_made="New strategy.")
    assert second.version == 2
    passport.refresh_from_db()
    assert passport.strategies == TEXT["strategies"]
    assert list(pupil.profiles.order_by("version").values_list("version", flat=True)) == [1, 2]


def test_a_saved_version_cannot_be_changed(passport):
    passport.strategies = "Rewritten history"
    with pytest.raises(VersionLockedError):
        passport.save()
    assert PupilProfile.objects.get(pk=passport.pk).strategies == TEXT["strategies"]


def test_it_names_each_missing_section(pupil, senco):
    with pytest.raises(ValidationError) as error:
        write(pupil, senco, important_to_me=" ", pupil_contributed="")
    assert error.value.message_dict == {
        "important_to_me": ["Write what is important to Maya Evans."],
        "pupil_contributed": ["Say how Maya Evans's views were gathered, or why they could not be."],
    }
    assert PupilProfile.objects.count() == 0


def test_it_makes_no_version_when_nothing_changed(passport, pupil, senco):
    with pytest.raises(ValidationError) as error:
        write(pupil, senco, changes_made="Nothing really")
    assert error.value.message_dict[NON_FIELD_ERRORS] == [
        "Nothing has changed since version 1, so no new version was saved."
    ]
    assert PupilProfile.objects.count() == 1


def test_versions_are_numbered_per_pupil(passport, other_pupil, senco):
    assert write(other_pupil, senco).version == 1


def test_it_writes_the_new_version_to_the_audit_log(passport, pupil, senco):
    assert AuditEvent.objects.filter(
        pupil=pupil, action="created", object_type="pupil passport", object_id=str(passport.pk), actor=senco
    ).exists()
