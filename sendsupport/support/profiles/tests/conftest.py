from __future__ import annotations

import pytest

from sendsupport.support.profiles import services
from sendsupport.support.profiles.models import PupilProfile

TEXT = {
    "liked_and_admired": "Maya is kind, funny and brilliant with animals.",
    "important_to_me": "My cat Biscuit, drawing, and knowing what comes next.",
    "how_to_support_me": "Give me time to answer; show me as well as tell me.",
    "strategies": "Visual timetable; pre-teach new words; a quiet space after lunch.",
    "pupil_contributed": "Maya talked with her TA using picture cards.",
}


def write(pupil, by, **overrides) -> PupilProfile:
    return services.save_new_version(pupil=pupil, by=by, **{**TEXT, **overrides})


@pytest.fixture
def passport(pupil, senco) -> PupilProfile:
    return write(pupil, senco)
