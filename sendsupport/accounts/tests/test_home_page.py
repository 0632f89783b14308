"""Each person's home page shows what their role allows, and nothing more."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_senco_sees_register_counts_and_links(senco, pupil, other_pupil, login):
    html = login(senco).get(reverse("home")).content.decode()
    assert '<span class="app-count">1</span> on SEN support' in html
    assert '<span class="app-count">1</span> with an EHC plan' in html
    for name in ("pupils:register", "pupils:add", "schools:staff", "audit:school_log"):
        assert f'href="{reverse(name)}"' in html


def test_a_teacher_sees_their_pupils_on_the_register(teacher, pupil, other_pupil, login):
    html = login(teacher).get(reverse("home")).content.decode()
    assert "Maya Evans" in html and "SLCN" in html and "4A" in html
    assert "Ben Ward" not in html
    assert f'href="{reverse("schools:staff")}"' not in html


def test_a_governor_sees_a_link_to_figures_and_no_names(governor, pupil, login):
    html = login(governor).get(reverse("home")).content.decode()
    assert f'href="{reverse("schools:overview")}"' in html
    assert "Maya" not in html and pupil.upn not in html


def test_a_parent_sees_their_child(parent, pupil, other_pupil, login):
    html = login(parent).get(reverse("home")).content.decode()
    assert "Maya Evans" in html and "Ben Ward" not in html


def test_someone_with_no_role_is_told_to_ask_the_senco(stranger, login):
    html = login(stranger).get(reverse("home")).content.decode()
    assert "Your account is not linked to a school yet" in html


def test_a_person_at_two_schools_chooses_where_they_work(senco, school, other_school, login):
    from sendsupport.schools.models import Role, StaffMembership

    StaffMembership.objects.create(user=senco, school=other_school, role=Role.SENCO)
    client = login(senco)
    assert "Change school" in client.get(reverse("home")).content.decode()
    response = client.post(reverse("choose_school"), {"school": other_school.pk})
    assert response.status_code == 302
    assert "Elm Tree Primary School" in client.get(reverse("pupils:register")).content.decode()
    refused = client.post(reverse("choose_school"), {"school": 999999})
    assert refused.status_code == 400
    assert "Choose one of your schools." in refused.content.decode()
