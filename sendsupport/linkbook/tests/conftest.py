from __future__ import annotations

import pytest

from sendsupport.linkbook import services
from sendsupport.linkbook.models import LinkBookEntry

BASE = "http://testserver"


def write(pupil, by, *, side="home", kind="positive", text="Maya read a whole page to her brother tonight.", **extra):
    return services.write_entry(pupil=pupil, by=by, side=side, kind=kind, text=text, base_url=BASE, **extra)


@pytest.fixture
def chosen_teacher(pupil, senco, teacher):
    """The SENCO chose the class teacher (not the TA) to read Maya's link book."""
    services.choose_readers(pupil=pupil, by=senco, users=[teacher])
    return teacher


@pytest.fixture
def entry(pupil, parent, chosen_teacher) -> LinkBookEntry:
    return write(pupil, parent)


@pytest.fixture
def other_entry(other_pupil, other_parent) -> LinkBookEntry:
    return write(other_pupil, other_parent, kind="difficulty", text="Ben was upset about swimming.")
