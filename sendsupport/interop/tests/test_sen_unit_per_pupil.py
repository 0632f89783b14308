"""The SEN unit and resourced provision census indicators are per pupil: recorded on the pupil's
record by the SENCO or head, allowed only where the school has such provision."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sendsupport.audit.models import AuditEvent
from sendsupport.interop.models import CensusSettings
from sendsupport.interop.services.runs import save_census_settings
from sendsupport.pupils.services import set_provision_membership

pytestmark = pytest.mark.django_db
MANAGERS = {"senco", "head"}


def errors_of(response) -> str:
    return response.content.decode()


def test_a_pupil_cannot_be_a_member_of_a_unit_the_school_does_not_have(pupil):
    with pytest.raises(ValidationError) as error:
        set_provision_membership(pupil=pupil, by=None, in_sen_unit=True, in_resourced_provision=False)
    assert "does not have a SEN unit recorded" in error.value.message_dict["in_sen_unit"][0]
    pupil.refresh_from_db()
    assert not pupil.in_sen_unit


def test_the_page_refuses_a_flag_in_a_school_without_the_provision_and_saves_nothing(pupil, senco, school, login):
    save_census_settings(school=school, by=senco, has_sen_unit=True, has_resourced_provision=False)
    url = reverse("pupils:provision_membership", args=[pupil.pk])
    response = login(senco).post(url, {"in_sen_unit": "on", "in_resourced_provision": "on"})
    assert response.status_code == 400
    page = errors_of(response)
    assert "does not have resourced provision recorded, so no pupil can be a member of it" in page
    assert "govuk-error-summary" in page
    pupil.refresh_from_db()
    assert not pupil.in_sen_unit and not pupil.in_resourced_provision


def test_the_senco_marks_a_member_on_the_pupils_record(pupil, senco, school, login):
    save_census_settings(school=school, by=senco, has_sen_unit=True, has_resourced_provision=False)
    client = login(senco)
    detail = client.get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert "Change SEN unit and resourced provision" in detail and "Not a member" in detail
    response = client.post(reverse("pupils:provision_membership", args=[pupil.pk]), {"in_sen_unit": "on"})
    assert response.status_code == 302
    pupil.refresh_from_db()
    assert pupil.in_sen_unit and not pupil.in_resourced_provision
    assert AuditEvent.objects.filter(pupil_id=pupil.pk, action="changed").exists()
    assert "Member" in client.get(reverse("pupils:detail", args=[pupil.pk])).content.decode()


def test_the_school_cannot_say_it_has_no_unit_while_pupils_are_members(pupil, senco, school, login):
    save_census_settings(school=school, by=senco, has_sen_unit=True, has_resourced_provision=False)
    set_provision_membership(pupil=pupil, by=senco, in_sen_unit=True, in_resourced_provision=False)
    response = login(senco).post(reverse("interop:census_settings"), {"has_resourced_provision": ""})
    assert response.status_code == 400
    assert "1 pupil is recorded as a member of the SEN unit" in errors_of(response)
    school.refresh_from_db()
    assert school.has_sen_unit


def test_the_census_page_shows_the_one_time_notice_until_the_senco_has_checked(school, senco, login):
    CensusSettings.objects.create(school=school, per_pupil_notice=True)
    client = login(senco)
    notice = "Unit and resourced provision are now recorded pupil by pupil; check the pupils who are members"
    assert notice in client.get(reverse("interop:census")).content.decode()
    assert client.post(reverse("interop:census_notice_dismiss")).status_code == 302
    assert notice not in client.get(reverse("interop:census")).content.decode()
    assert not CensusSettings.objects.get(school=school).per_pupil_notice


def test_the_census_page_counts_the_members(school, senco, pupil, other_pupil, login):
    save_census_settings(school=school, by=senco, has_sen_unit=True, has_resourced_provision=True)
    set_provision_membership(pupil=pupil, by=senco, in_sen_unit=True, in_resourced_provision=False)
    page = login(senco).get(reverse("interop:census"), {"term": "spring", "year": "2026"}).content.decode()
    assert "SEN unit: yes, 1 pupil recorded as member." in page
    assert "Resourced provision: yes, 0 pupils recorded as members" in page


def test_only_the_senco_and_head_can_open_or_post_the_membership_page(personas, pupil, school, login):
    save_census_settings(school=school, by=None, has_sen_unit=True, has_resourced_provision=False)
    url = reverse("pupils:provision_membership", args=[pupil.pk])
    for persona, user in personas.items():
        client = login(user)
        expected = 200 if persona in MANAGERS else 404
        assert client.get(url).status_code == expected, persona
        if persona not in MANAGERS:
            assert client.post(url, {"in_sen_unit": "on"}).status_code == 404, persona
    pupil.refresh_from_db()
    assert not pupil.in_sen_unit


def test_only_the_senco_and_head_can_dismiss_the_notice(personas, school, login):
    CensusSettings.objects.create(school=school, per_pupil_notice=True)
    for persona, user in personas.items():
        if persona in MANAGERS:
            continue
        assert login(user).post(reverse("interop:census_notice_dismiss")).status_code == 404, persona
    assert CensusSettings.objects.get(school=school).per_pupil_notice
    assert login(personas["head"]).post(reverse("interop:census_notice_dismiss")).status_code == 302


def test_signed_out_visitors_are_sent_to_sign_in(pupil, client):
    for url in (reverse("pupils:provision_membership", args=[pupil.pk]), reverse("interop:census_notice_dismiss")):
        response = client.post(url) if "notice" in url else client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
