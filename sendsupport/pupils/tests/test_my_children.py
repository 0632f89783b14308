"""A parent's list of their own children, with status and main area of need."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import link_parent, make_pupil

pytestmark = pytest.mark.django_db


def test_a_parent_sees_each_of_their_children_and_no_one_else(parent, pupil, other_pupil, school, login, other_school):
    brother = make_pupil(other_school, first="Ravi", last="Evans")  # siblings may be at different schools
    link_parent(brother, parent)
    html = login(parent).get(reverse("pupils:my_children")).content.decode()
    assert "Maya Evans" in html and "Ravi Evans" in html
    assert "Ben Ward" not in html
    assert "SEN support" in html and "Speech, language and communication needs" in html
    assert "Oakfield Primary School" in html and "Elm Tree Primary School" in html


def test_a_child_without_parental_responsibility_is_not_listed(parent, school, login):
    cousin = make_pupil(school, first="Kit", last="Evans")
    link_parent(cousin, parent, responsibility=False)
    html = login(parent).get(reverse("pupils:my_children")).content.decode()
    assert "Kit Evans" not in html
    assert login(parent).get(reverse("pupils:detail", args=[cousin.pk])).status_code == 404
