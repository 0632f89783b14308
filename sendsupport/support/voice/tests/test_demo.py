"""The demo shows views before reviews: parents' views, pupils' views with faces, a pupil's own sign-in."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sendsupport.accounts.tests.helpers import sign_in
from sendsupport.support.voice.models import ParentViews, PupilAccount, PupilViews

pytestmark = pytest.mark.django_db


def test_the_demo_pupil_signs_in_to_their_own_views_page_only():
    call_command("demo", "--no-serve", "--bare")
    account = PupilAccount.objects.select_related("pupil", "user").get(user__username="pupil")
    assert account.pupil.contact_links.filter(contact__user__username="parent").exists()
    client = Client()
    sign_in(client, "pupil", "demo-password")
    page = client.get(reverse("home"), follow=True)
    assert page.redirect_chain[-1][0] == reverse("voice:my_views")
    assert "What I said before" in page.content.decode()
    assert PupilViews.objects.filter(pupil=account.pupil, by_pupil=True).exists()
    assert client.get(reverse("pupils:detail", args=[account.pupil.pk])).status_code == 404


def test_the_lived_in_demo_has_views_before_recent_reviews(monkeypatch):
    monkeypatch.setattr("sendsupport.demo.management.commands.demo.today", lambda: date(2026, 12, 1))
    call_command("demo", "--no-serve")
    assert ParentViews.objects.count() >= 5
    assert ParentViews.objects.filter(cycle__review__isnull=False).count() == ParentViews.objects.count()
    assert PupilViews.objects.values("pupil").distinct().count() >= 6
    assert PupilViews.objects.filter(going_well_face__isnull=False).count() == PupilViews.objects.count()
