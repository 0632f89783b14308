"""What a pupil's record holds: UPN, names, date of birth, sex, year, groups, dates on roll, parents."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from conftest import make_pupil
from sendsupport.pupils import services
from sendsupport.pupils.models import Pupil, PupilContact
from sendsupport.schools.models import Group

pytestmark = pytest.mark.django_db

FIELDS = {
    "legal_first_name": "Muhammad",
    "legal_last_name": "Khan",
    "date_of_birth": date(2015, 6, 30),
    "sex": "M",
    "year_group": "5",
    "on_roll_from": date(2019, 9, 1),
}


def test_it_keeps_legal_and_preferred_names(school, senco):
    pupil = services.create_pupil(school=school, by=senco, upn="H801200001001", preferred_first_name="Mo", **FIELDS)
    pupil.refresh_from_db()
    assert pupil.legal_name == "Muhammad Khan"
    assert pupil.display_name == "Mo Khan"
    assert (pupil.date_of_birth, pupil.sex, pupil.get_year_group_display()) == (date(2015, 6, 30), "M", "Year 5")


def test_it_accepts_permanent_and_temporary_upns_and_stores_them_in_capitals(school, senco):
    permanent = services.create_pupil(school=school, by=senco, upn="h801200001001", **FIELDS)
    temporary = services.create_pupil(school=school, by=senco, upn="G80120000101A", **FIELDS)
    assert Pupil.objects.get(pk=permanent.pk).upn == "H801200001001"
    assert Pupil.objects.get(pk=temporary.pk).upn == "G80120000101A"


@pytest.mark.parametrize(
    ("upn", "words"),
    [
        ("A801200001001", "check letter is wrong"),
        ("H80120000100", "13 characters long"),
        ("I801200001001", "cannot contain the letter I"),
        ("H80120000100O", "cannot contain the letter O"),
        ("S801200001001", "cannot contain the letter S"),
    ],
)
def test_it_refuses_an_invalid_upn_and_says_why(school, senco, upn, words):
    with pytest.raises(ValidationError) as caught:
        services.create_pupil(school=school, by=senco, upn=upn, **FIELDS)
    messages = caught.value.message_dict["upn"]
    assert any(words in message for message in messages)
    assert len(messages) == len(set(messages)), "the same message should not be given twice"
    assert Pupil.objects.count() == 0


def test_a_upn_is_unique_across_the_whole_system(school, other_school, senco):
    services.create_pupil(school=school, by=senco, upn="H801200001001", **FIELDS)
    with pytest.raises(ValidationError) as caught:
        services.create_pupil(school=other_school, by=senco, upn="H801200001001", **FIELDS)
    assert "upn" in caught.value.message_dict
    # And the database itself refuses a second copy, whatever path writes it.
    with pytest.raises(IntegrityError), transaction.atomic():
        Pupil.objects.create(school=other_school, upn="H801200001001", **FIELDS)
    assert Pupil.objects.count() == 1


def test_it_refuses_a_date_of_birth_in_the_future(school, senco):
    with pytest.raises(ValidationError) as caught:
        services.create_pupil(
            school=school, by=senco, upn="H801200001001", **{**FIELDS, "date_of_birth": date(2999, 1, 1)}
        )
    assert caught.value.message_dict["date_of_birth"] == ["Date of birth must be today or in the past."]


def test_it_keeps_dates_on_roll_in_order(school, senco):
    with pytest.raises(ValidationError) as caught:
        services.create_pupil(school=school, by=senco, upn="H801200001001", on_roll_until=date(2019, 8, 1), **FIELDS)
    assert "on_roll_until" in caught.value.message_dict
    pupil = services.create_pupil(
        school=school, by=senco, upn="H801200001001", on_roll_until=date(2024, 7, 19), **FIELDS
    )
    assert pupil.on_roll(date(2020, 1, 1))
    assert not pupil.on_roll(date(2019, 8, 31))
    assert not pupil.on_roll(date(2024, 7, 20))


def test_it_links_registration_and_teaching_groups_of_the_same_school_only(school, other_school, senco, class_4a):
    maths = Group.objects.create(school=school, name="4 Maths set 1", kind=Group.Kind.TEACHING)
    elsewhere = Group.objects.create(school=other_school, name="4 Maths", kind=Group.Kind.TEACHING)
    pupil = services.create_pupil(
        school=school, by=senco, upn="H801200001001", registration_group=class_4a, teaching_groups=[maths], **FIELDS
    )
    assert pupil.registration_group == class_4a
    assert list(pupil.teaching_groups.all()) == [maths]
    with pytest.raises(ValidationError) as caught:
        services.update_pupil(pupil=pupil, by=senco, teaching_groups=[elsewhere])
    assert "another school" in caught.value.message_dict["teaching_groups"][0]
    assert list(pupil.teaching_groups.all()) == [maths]
    other_form = Group.objects.create(school=other_school, name="4Z", kind=Group.Kind.REGISTRATION)
    with pytest.raises(ValidationError) as caught:
        services.update_pupil(pupil=pupil, by=senco, registration_group=other_form)
    assert "registration_group" in caught.value.message_dict


def test_it_links_parents_with_parental_responsibility_and_contact_details(school, senco):
    pupil = make_pupil(school)
    mother = services.add_contact(
        pupil=pupil,
        by=senco,
        relationship="mother",
        parental_responsibility=True,
        first_name="Aisha",
        last_name="Smith",
        email="aisha@example.org",
        phone="07700 900123",
        address="1 High Street, Bristol",
    )
    grandad = services.add_contact(
        pupil=pupil,
        by=senco,
        relationship="grandfather",
        parental_responsibility=False,
        first_name="Len",
        last_name="Smith",
    )
    links = {link.relationship: link for link in PupilContact.objects.filter(pupil=pupil).select_related("contact")}
    assert links["mother"].parental_responsibility is True
    assert links["grandfather"].parental_responsibility is False
    assert links["mother"].contact.email == "aisha@example.org"
    assert links["mother"].contact.phone == "07700 900123"
    assert links["mother"].contact.address == "1 High Street, Bristol"
    assert mother.contact.school == grandad.contact.school == school
