"""The page for preparing a meeting: the questions parents ask, what to bring, a companion, SENDIASS."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_gives_the_questions_parents_ask_and_where_to_get_advice(parent, login):
    html = login(parent).get(reverse("portal:preparing")).content.decode()
    for question in (
        "What progress has my child made",
        "What extra support is my child getting?",
        "Who is working with my child?",
        "When does this happen",
        "How can I help at home?",
        "home and school link book",
    ):
        assert question in html
    assert "at least 3 times a year" in html  # the national figure, from the school policy's default
    assert "What to bring" in html
    assert "You can bring someone with you" in html
    assert "SENDIASS" in html
    assert reverse("pupils:local_offer") in html


def test_staff_may_read_it_to_point_parents_to_it(teacher, login):
    assert login(teacher).get(reverse("portal:preparing")).status_code == 200
