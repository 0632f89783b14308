"""The support section on the pupil's page: a short summary and a link to the timeline."""

from __future__ import annotations

from django.urls import reverse


def test_staff_see_the_current_cycle_plan_and_next_review(running, teacher, login):
    content = login(teacher).get(reverse("pupils:detail", args=[running.pupil_id])).content.decode()
    assert "SEN support: assess, plan, do, review" in content
    assert "Current cycle" in content and "Cycle 1" in content
    assert "Agreed on" in content
    assert reverse("support:timeline", args=[running.pupil_id]) in content


def test_staff_are_warned_when_the_parents_were_never_told(pupil, senco, login):
    content = login(senco).get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert "no record that the parents were told" in content
    assert "No cycles of SEN support have been recorded." in content


def test_a_parent_sees_a_plain_summary_and_a_link_to_the_plan(running, parent, login):
    content = login(parent).get(reverse("pupils:detail", args=[running.pupil_id])).content.decode()
    assert "plan was agreed on" in content
    assert reverse("support:plan", args=[running.pupil_id, 1]) in content
    assert "no record that the parents were told" not in content
