"""The SENCO adds a pupil; bad input is named field by field, answered with 400, and saves nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.pupils.models import Pupil

pytestmark = pytest.mark.django_db

URL = reverse("pupils:add")


def form_data(**overrides) -> dict:
    data = {
        "upn": "H801200001001",
        "legal_first_name": "Zain",
        "legal_last_name": "Ahmed",
        "preferred_first_name": "",
        "preferred_last_name": "",
        "date_of_birth": "2016-05-04",
        "sex": "M",
        "year_group": "4",
        "registration_group": "",
        "on_roll_from": "2021-09-01",
        "on_roll_until": "",
    }
    data.update(overrides)
    return data


def error_summary(response) -> str:
    html = response.content.decode()
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert match, "the page has no error summary"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0)))


def test_it_adds_a_pupil_with_groups_and_shows_their_page(senco, class_4a, login, school):
    from sendsupport.schools.models import Group

    maths = Group.objects.create(school=school, name="Maths set 2", kind=Group.Kind.TEACHING)
    client = login(senco)
    assert client.get(URL).status_code == 200
    response = client.post(
        URL, form_data(registration_group=class_4a.pk, teaching_groups=[maths.pk], preferred_first_name="Zed")
    )
    pupil = Pupil.objects.get(upn="H801200001001")
    assert response.status_code == 302
    assert response["Location"] == reverse("pupils:detail", args=[pupil.pk])
    assert pupil.school == school
    assert pupil.registration_group == class_4a
    assert list(pupil.teaching_groups.all()) == [maths]
    page = client.get(response["Location"])
    assert "Zed Ahmed has been added." in page.content.decode()
    created = AuditEvent.objects.get(action="created", object_type="pupil", pupil=pupil)
    assert created.actor == senco


@pytest.mark.parametrize(
    ("field", "value", "label", "words"),
    [
        (
            "upn",
            "A801200001001",
            "Unique pupil number (UPN)",
            "The check letter is wrong: for these digits it should be H",
        ),
        ("upn", "H80120000100", "Unique pupil number (UPN)", "A UPN must be 13 characters long; this one has 12."),
        ("upn", "H8012000010011", "Unique pupil number (UPN)", "A UPN must be 13 characters long; this one has 14."),
        ("upn", "I801200001001", "Unique pupil number (UPN)", "cannot contain the letter I"),
        ("upn", "H80120000100O", "Unique pupil number (UPN)", "cannot contain the letter O"),
        ("upn", "S801200001001", "Unique pupil number (UPN)", "cannot contain the letter S"),
        ("date_of_birth", "2999-01-01", "Date of birth", "Date of birth must be today or in the past."),
        ("date_of_birth", "2016-02-30", "Date of birth", "Enter the date of birth as a real date"),
        ("legal_last_name", "", "Legal last name", "required"),
        ("on_roll_until", "2020-01-01", "Left the school on", "on or after the date they joined"),
    ],
)
def test_it_names_the_field_and_the_rule_and_saves_nothing(senco, login, field, value, label, words):
    client = login(senco)
    before = (Pupil.objects.count(), AuditEvent.objects.count())
    response = client.post(URL, form_data(**{field: value}))
    assert response.status_code == 400
    summary = error_summary(response)
    assert f"{label}:" in summary
    assert words in summary
    assert summary.count(words) == 1, "each problem is said once"
    assert (Pupil.objects.count(), AuditEvent.objects.count()) == before


def test_it_refuses_a_upn_another_pupil_has_even_at_another_school(senco, login, other_school):
    Pupil.objects.create(
        school=other_school,
        upn="H801200001001",
        legal_first_name="First",
        legal_last_name="Holder",
        date_of_birth="2016-01-01",
        sex="F",
        year_group="4",
        on_roll_from="2020-09-01",
    )
    response = login(senco).post(URL, form_data(upn="h801200001001"))
    assert response.status_code == 400
    assert "Unique pupil number (UPN): Another pupil already has this UPN." in error_summary(response)
    assert Pupil.objects.count() == 1
    # The page does not reveal who holds it or where.
    assert "Holder" not in response.content.decode()


def test_it_only_offers_groups_from_the_users_school(senco, login, class_4a, other_school):
    from sendsupport.schools.models import Group

    foreign = Group.objects.create(school=other_school, name="Foreign 9Z", kind=Group.Kind.REGISTRATION)
    client = login(senco)
    assert "Foreign 9Z" not in client.get(URL).content.decode()
    response = client.post(URL, form_data(registration_group=foreign.pk))
    assert response.status_code == 400
    assert "Registration group" in error_summary(response)
    assert Pupil.objects.count() == 0
