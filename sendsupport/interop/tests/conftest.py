"""Fixtures for the data-exchange tests: uploads kept in a temporary folder, and a second school."""

from __future__ import annotations

import pytest

from sendsupport.schools.models import LocalAuthority, School


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def receiving_school(db) -> School:
    """A school in another local authority, that pupils move to."""
    la, _ = LocalAuthority.objects.get_or_create(number="330", defaults={"name": "Birmingham"})
    return School.objects.create(
        urn="103001", local_authority=la, estab="2100", name="Hill Top Primary School", phase=School.Phase.PRIMARY
    )
