"""The school names its SENCO and deputy on one page, set by the head or the SENCO."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import make_user
from sendsupport.audit.models import AuditEvent
from sendsupport.schools import services
from sendsupport.schools.models import Role, SchoolSenco, StaffMembership
from sendsupport.schools.selectors import named_deputy, named_senco, npq_due_on

pytestmark = pytest.mark.django_db

MANAGERS = {"senco", "head"}


def test_only_the_head_and_senco_may_open_the_senco_page(personas, login, client):
    url = reverse("schools:senco")
    for persona, user in personas.items():
        status = login(user).get(url).status_code
        assert status == (200 if persona in MANAGERS else 404), persona
        assert login(user).post(url, {}).status_code in ({200, 302, 400} if persona in MANAGERS else {404})
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("login"))


def test_the_staff_page_and_home_page_link_to_the_senco_page(senco, login):
    client = login(senco)
    link = f'href="{reverse("schools:senco")}"'
    assert link in client.get(reverse("schools:staff")).content.decode()
    assert link in client.get(reverse("home")).content.decode()


def test_with_no_senco_named_the_page_says_so_plainly(senco, login):
    content = login(senco).get(reverse("schools:senco")).content.decode()
    assert "No SENCO is named for this school" in content


def test_the_head_names_the_senco_and_deputy_with_contact_details(school, head, senco, teacher, login):
    response = login(head).post(
        reverse("schools:senco"),
        {
            "senco": senco.pk,
            "senco_email": "",
            "senco_phone": "0117 496 0123",
            "deputy": teacher.pk,
            "deputy_email": "deputy@school.example",
            "qualified_teacher": "on",
            "induction_completed": "on",
            "appointed_on": "2024-09-01",
            "npq": "working_towards",
        },
    )
    assert response.status_code == 302
    record = SchoolSenco.objects.get(school=school)
    assert (record.senco, record.senco_email, record.senco_phone) == (senco, "senco@example.org", "0117 496 0123")
    assert named_senco(school).name == "Senco Person"
    assert named_deputy(school).email == "deputy@school.example"
    assert npq_due_on(record) == date(2027, 9, 1)
    assert AuditEvent.objects.filter(school_id=school.pk, object_type="school's SENCO").exists()
    page = login(head).get(reverse("schools:senco")).content.decode()
    assert "Not held yet: due by 1 September 2027" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"deputy": "SENCO"}, "deputy", "someone other than the SENCO"),
        ({"senco": "GOVERNOR"}, "senco", "Select a valid choice"),
        ({"npq": "held"}, "npq_achieved_on", "Enter the date the NPQ for SENCOs was awarded"),
        ({"npq_achieved_on": "2025-01-01"}, "npq_achieved_on", "Leave the date awarded blank"),
        ({"appointed_on": "2030-01-01"}, "appointed_on", "must be today or in the past"),
        ({"senco": "", "senco_phone": "0117"}, "senco", "Choose the SENCO before giving their contact details"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(school, senco, governor, login, overrides, field, message):
    data = {"senco": senco.pk, "npq": "working_towards", "appointed_on": "2024-09-01"}
    for key, value in overrides.items():
        data[key] = {"SENCO": senco.pk, "GOVERNOR": governor.pk}.get(value, value)
    response = login(senco).post(reverse("schools:senco"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert not SchoolSenco.objects.filter(school=school).exists()


def test_a_switched_off_member_of_staff_cannot_be_named(school, senco):
    leaver = make_user("leaver")
    StaffMembership.objects.create(user=leaver, school=school, role=Role.TEACHER, active=False)
    with pytest.raises(Exception, match="active staff"):
        services.set_senco(school=school, by=senco, senco=leaver, today=date(2025, 11, 20))


def test_the_npq_falls_due_three_years_after_appointment_or_the_set_figure(school, senco, settings):
    record = SchoolSenco(school=school, senco=senco, appointed_on=date(2024, 2, 29))
    assert npq_due_on(record) == date(2027, 2, 28)
    settings.SENDSUPPORT = {**settings.SENDSUPPORT, "SENCO_NPQ_YEARS": 2}
    record.appointed_on = date(2024, 9, 2)
    assert npq_due_on(record) == date(2026, 9, 2)
