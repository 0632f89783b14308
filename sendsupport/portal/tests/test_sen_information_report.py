"""Where the school publishes its SEN information report: set on the school settings, shown to parents."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = reverse("portal:sen_report_edit")


def test_it_saves_the_address_and_logs_the_change(senco, school, login):
    response = login(senco).post(URL, {"url": "https://oakfield.example/send"})
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.sen_information_report_url == "https://oakfield.example/send"
    event = AuditEvent.objects.filter(action="changed", object_type="school").latest("id")
    assert event.changes == [
        {"field": "sen_information_report_url", "before": "", "after": "https://oakfield.example/send"}
    ]


def test_it_shows_on_the_school_settings_page(senco, school, login):
    school.sen_information_report_url = "https://oakfield.example/send"
    school.save()
    html = login(senco).get(reverse("schools:settings")).content.decode()
    assert "https://oakfield.example/send" in html
    assert URL in html


def test_it_refuses_an_address_that_is_not_a_web_address(senco, school, login):
    response = login(senco).post(URL, {"url": "not a web address"})
    assert response.status_code == 400
    assert "Enter the web address of the report" in response.content.decode()
    school.refresh_from_db()
    assert school.sen_information_report_url == ""
    assert not AuditEvent.objects.filter(object_type="school").exists()


def test_it_can_be_cleared(senco, school, login):
    school.sen_information_report_url = "https://oakfield.example/send"
    school.save()
    assert login(senco).post(URL, {"url": ""}).status_code == 302
    school.refresh_from_db()
    assert school.sen_information_report_url == ""
