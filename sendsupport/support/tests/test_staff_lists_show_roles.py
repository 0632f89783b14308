"""Lists of staff to choose from name each person's role, classroom staff first (not 24 bare names)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sendsupport.schools.models import StaffMembership

pytestmark = pytest.mark.django_db


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [label.strip() for label in re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", select)]


def test_the_member_of_staff_responsible_is_listed_with_role_classroom_staff_first(running, personas, login):
    StaffMembership.objects.filter(user=personas["teacher"]).update(job_title="Class teacher, 4A")
    html = login(personas["senco"]).get(reverse("support:outcome_new", args=[running.pupil_id, 1])).content.decode()
    listed = options(html, "responsible")
    assert listed == [
        "Teacher Person (class teacher, 4A)",
        "Ta Person (teaching assistant)",
        "Senco Person (SENCO)",
        "Head Person (head teacher)",
    ]


def test_the_class_teacher_list_for_a_new_cycle_shows_roles(newcomer, personas, login):
    html = login(personas["senco"]).get(reverse("support:cycle_new", args=[newcomer.pk])).content.decode()
    assert options(html, "class_teacher")[0] == "Teacher Person (teacher)"
    assert "Governor Person" not in html


def test_meeting_attendees_show_roles(pupil, personas, login):
    html = login(personas["senco"]).get(reverse("meetings:add", args=[pupil.pk])).content.decode()
    assert "Teacher Person (teacher)" in html and "Senco Person (SENCO)" in html
