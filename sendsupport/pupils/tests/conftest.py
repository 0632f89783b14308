"""Fixtures for the pupils pages: a school with a SEN unit."""

from __future__ import annotations

import pytest

from sendsupport.pupils import services
from sendsupport.schools.models import School


@pytest.fixture
def sen_unit(school) -> School:
    """The school has a SEN unit recognised by the local authority (no resourced provision), so a
    pupil can be recorded as a member of it."""
    return services.set_school_provision(school=school, by=None, has_sen_unit=True, has_resourced_provision=False)
