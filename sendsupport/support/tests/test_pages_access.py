"""Support pages beyond the permission table (``test_permissions.py``): what is hidden, and from whom."""

from __future__ import annotations

from datetime import date

from django.urls import reverse


def test_a_cycle_of_another_pupil_or_a_missing_one_is_not_found(record, senco, login):
    client = login(senco)
    assert client.get(reverse("support:cycle", args=[record["p"], 3])).status_code == 404
    outcome_of_ben = record["ben"].plan.outcomes.get().pk
    assert client.get(reverse("support:outcome_edit", args=[record["p"], 2, outcome_of_ben])).status_code == 404
    assert client.get(reverse("support:review", args=[record["p"], 2])).status_code == 404  # not reviewed yet


def test_a_parent_sees_the_parents_version_not_the_staff_record(record, parent, login):
    response = login(parent).get(reverse("support:plan", args=[record["p"], 2]))
    assert response.templates[0].name == "support/plan_parent.html"
    content = response.content.decode()
    assert "What we want Maya to achieve" in content
    assert "Not SMART" not in content and "Add a note" not in content


def test_a_parent_does_not_see_concerns_or_the_assessment_on_the_timeline(record, parent, teacher, login):
    from conftest import TODAY
    from sendsupport.support import services

    pupil = record["first"].pupil
    services.raise_concern(pupil=pupil, by=teacher, noticed="Secret staff worry", since=date(2025, 9, 1), today=TODAY)
    content = login(parent).get(reverse("support:timeline", args=[pupil.pk])).content.decode()
    assert "Secret staff worry" not in content
    assert "Assess" not in content
    staff_content = login(teacher).get(reverse("support:timeline", args=[pupil.pk])).content.decode()
    assert "Secret staff worry" in staff_content
