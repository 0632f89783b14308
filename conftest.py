"""Shared fixtures: a school with the eight personas of DESIGN.md, and builders for pupils.

Personas (names in ``sendsupport.testing.personas``): senco, head, teacher, ta, parent, other_parent,
governor, la_officer, stranger; signed-out visitors are the tenth, ``anonymous``.
The teacher and TA teach class 4A; ``pupil`` is in 4A on SEN support and is ``parent``'s child;
``other_pupil`` is in 5B, not taught by them, and is ``other_parent``'s child.
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from sendsupport.accounts.models import User
from sendsupport.pupils import services as pupil_services
from sendsupport.pupils.models import Contact, Pupil, PupilContact
from sendsupport.pupils.upn import make_upn
from sendsupport.schools.models import (
    AcademicYear,
    Group,
    LocalAuthority,
    LocalAuthorityMembership,
    Role,
    School,
    StaffMembership,
)

# Plain ``assert`` in the shared helpers reports values, as in test modules; must come before their import.
pytest.register_assert_rewrite("sendsupport.testing")
from sendsupport.testing.personas import PERSONAS  # noqa: E402

PASSWORD = "correct-horse-battery"
TODAY = date(2025, 11, 20)

# UPN serials only need to be unique within one test (the database is reset between tests).
_serials = itertools.cycle(range(1, 1000))


def make_user(username: str, **extra) -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.org",
        first_name=username.capitalize(),
        last_name="Person",
        **extra,
    )
    return user


def make_pupil(
    school: School,
    *,
    first: str = "Alex",
    last: str = "Smith",
    year_group: str = "4",
    registration_group: Group | None = None,
    provision: str | None = None,
    needs: list[tuple[str, int]] | None = None,
    serial: int | None = None,
) -> Pupil:
    """A pupil on roll, optionally with an SEN status and needs recorded on 1 September 2024."""
    serial = next(_serials) if serial is None else serial
    pupil = Pupil.objects.create(
        school=school,
        upn=make_upn(school.local_authority.number, school.estab, 24, serial),
        legal_first_name=first,
        legal_last_name=last,
        date_of_birth=date(2016, 3, 1),
        sex="F",
        year_group=year_group,
        registration_group=registration_group,
        on_roll_from=date(2020, 9, 1),
    )
    if provision:
        pupil_services.change_sen_status(
            pupil=pupil,
            provision=provision,
            needs=needs or [],
            start_date=date(2024, 9, 1),
            reason="Test set-up",
            by=None,
            today=TODAY,
        )
    return pupil


def link_parent(pupil: Pupil, user: User, *, responsibility: bool = True) -> PupilContact:
    contact = Contact.objects.create(
        school=pupil.school, first_name=user.first_name, last_name="Parent", email=user.email, user=user
    )
    return PupilContact.objects.create(
        pupil=pupil, contact=contact, relationship="mother", parental_responsibility=responsibility
    )


@pytest.fixture
def la(db) -> LocalAuthority:
    return LocalAuthority.objects.create(number="801", name="Bristol, City of")


@pytest.fixture
def school(la) -> School:
    AcademicYear.objects.get_or_create(start_year=2025, defaults=AcademicYear.default_census_days(2025))
    return School.objects.create(
        urn="100001", local_authority=la, estab="2000", name="Oakfield Primary School", phase=School.Phase.PRIMARY
    )


@pytest.fixture
def other_school(la) -> School:
    return School.objects.create(
        urn="100002", local_authority=la, estab="2001", name="Elm Tree Primary School", phase=School.Phase.PRIMARY
    )


@pytest.fixture
def class_4a(school) -> Group:
    return Group.objects.create(school=school, name="4A", kind=Group.Kind.REGISTRATION)


@pytest.fixture
def class_5b(school) -> Group:
    return Group.objects.create(school=school, name="5B", kind=Group.Kind.REGISTRATION)


def _staff(school: School, username: str, role: str) -> User:
    user = make_user(username)
    StaffMembership.objects.create(user=user, school=school, role=role)
    return user


@pytest.fixture
def senco(school) -> User:
    return _staff(school, "senco", Role.SENCO)


@pytest.fixture
def head(school) -> User:
    return _staff(school, "head", Role.HEAD)


@pytest.fixture
def teacher(school, class_4a) -> User:
    user = _staff(school, "teacher", Role.TEACHER)
    class_4a.staff.add(user)
    return user


@pytest.fixture
def ta(school, class_4a) -> User:
    user = _staff(school, "ta", Role.TA)
    class_4a.staff.add(user)
    return user


@pytest.fixture
def governor(school) -> User:
    return _staff(school, "governor", Role.GOVERNOR)


@pytest.fixture
def la_officer(la) -> User:
    user = make_user("la")
    LocalAuthorityMembership.objects.create(user=user, local_authority=la)
    return user


@pytest.fixture
def stranger(db) -> User:
    return make_user("stranger")


@pytest.fixture
def pupil(school, class_4a) -> Pupil:
    return make_pupil(
        school, first="Maya", last="Evans", registration_group=class_4a, provision="K", needs=[("SLCN", 1), ("SEMH", 2)]
    )


@pytest.fixture
def other_pupil(school, class_5b) -> Pupil:
    return make_pupil(
        school, first="Ben", last="Ward", year_group="5", registration_group=class_5b, provision="E", needs=[("ASD", 1)]
    )


@pytest.fixture
def parent(pupil) -> User:
    user = make_user("parent")
    link_parent(pupil, user)
    return user


@pytest.fixture
def other_parent(other_pupil) -> User:
    user = make_user("otherparent")
    link_parent(other_pupil, user)
    return user


@pytest.fixture
def personas(
    request, senco, head, teacher, ta, parent, other_parent, governor, la_officer, stranger
) -> dict[str, User]:
    """Every signed-in persona, by name, in the order of ``PERSONAS``."""
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.fixture
def login(client):
    def _login(user: User | None):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _empty_cache():
    """The API's throttles count calls in the cache; each test starts with nothing counted. The
    to-do list and the pages remembered by this process go too: a test's database is rolled back
    afterwards, so the next test may reuse the same ids and records versions."""
    from django.core.cache import cache

    from sendsupport.audit.remembered_pages import forget_every_page
    from sendsupport.schools.memo import forget_everything

    cache.clear()
    forget_everything()
    forget_every_page()
    yield
    cache.clear()


@pytest.fixture
def fix_today(monkeypatch):
    """Fix "today" for one test: ``fix_today(date(2026, 10, 5))``.

    Costs are projected from what was delivered up to today, so a test about a pupil who is over the
    element 2 threshold early in the year must say which day it is, or it fails once enough of the
    year has gone by with no sessions recorded.
    """

    def _fix(day: date) -> date:
        monkeypatch.setattr("sendsupport.core.dates.today", lambda: day)
        return day

    return _fix


@pytest.fixture(scope="session", autouse=True)
def _modules_loaded_before_a_test_fixes_today():
    """Load every view and the demo command before any test fixes "today" with monkeypatch.

    A module that does ``from sendsupport.core.dates import today`` while a test has replaced
    ``dates.today`` keeps the replacement after the test ends, so every later test in the process
    would read that fixed date: which tests failed would then depend on the order they ran in.
    """
    import importlib

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every urls module, and with it every view
    importlib.import_module("sendsupport.demo.management.commands.demo")
