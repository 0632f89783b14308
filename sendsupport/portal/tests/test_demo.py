"""The demo parent's portal page is believable: a shared plan with outcomes, support with a named
member of staff, a past review, the SENCO's contact, the SEN information report and the Local Offer."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sendsupport.accounts.models import User
from sendsupport.pupils.selectors import children_of

pytestmark = pytest.mark.django_db


def test_the_demo_parent_sees_a_full_page():
    call_command("demo", "--no-serve", "--bare")
    parent = User.objects.get(username="parent")
    child = children_of(parent).get()
    client = Client()
    client.force_login(parent)
    html = client.get(reverse("portal:child", args=[child.pk])).content.decode()
    assert "What " in html and "is working towards" in html
    assert "Year 4 Talk Boost group" in html or "Who</dt>" in html
    assert User.objects.get(username="ta").get_full_name() in html
    assert "Partly achieved" in html
    assert "0117 496 0123" in html  # the SENCO's phone
    assert "sen-information-report" in html
    assert "Autism advice line for families" in html
    assert "See all the services and advice for families" in html
    assert "Record of the review meeting" in html
    # Running it again adds nothing twice.
    call_command("demo", "--no-serve", "--bare")
    from sendsupport.meetings.models import Meeting

    assert Meeting.objects.filter(pupil=child).count() == 1
