"""Any Unicode in the register's and the new-outcome page's parameters gives an answer, never a
server error (issue 12, item 11): a search of 1,000 words, ``?from_bank=²``, look-alike digits."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sendsupport.support.tests import helpers

pytestmark = pytest.mark.django_db
PROPERTY = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
# Any character a browser could send in a query string (no lone surrogates: they cannot be encoded).
anything = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300)
REGISTER_PARAMETERS = ["q", "show", "status", "need", "area", "year_group", "group", "page", "sort"]


@pytest.fixture
def outcome_url(pupil, senco, teacher) -> str:
    cycle = helpers.start(pupil, senco, teacher=teacher)
    helpers.assess(cycle, senco)
    helpers.plan(cycle, senco)
    return reverse("support:outcome_new", args=[pupil.pk, cycle.number])


def test_a_search_of_a_thousand_words_is_answered(senco, pupil, login):
    words = " ".join(f"word{n}" for n in range(1000))
    response = login(senco).get(reverse("pupils:register"), {"q": "Maya " + words})
    assert response.status_code == 200


def test_a_search_uses_only_its_first_words(senco, pupil, login):
    from sendsupport.pupils.filters import search_words

    assert len(search_words(" ".join(["Maya"] * 50))) <= 10
    assert sum(len(word) for word in search_words("x" * 5000)) <= 100
    html = login(senco).get(reverse("pupils:register"), {"q": "Maya Evans " + "zzz " * 200}).content.decode()
    assert "Maya" in html


@pytest.mark.parametrize("value", ["²", "٢", "1²", "99999999999999999999999", "-1", " 7 "])
def test_a_bank_entry_number_that_is_not_ascii_digits_is_ignored(value, outcome_url, senco, login):
    response = login(senco).get(outcome_url, {"from_bank": value})
    assert response.status_code in {200, 404}


@PROPERTY
@given(parameter=st.sampled_from(REGISTER_PARAMETERS), value=anything)
@example(parameter="q", value=" ".join(["a"] * 1000))
@example(parameter="page", value="٢")
@example(parameter="q", value="\x00")
def test_the_register_never_fails_on_any_parameter(parameter, value, senco, pupil, client):
    client.force_login(senco)
    assert client.get(reverse("pupils:register"), {parameter: value}).status_code < 500


@PROPERTY
@given(parameter=st.sampled_from(["from_bank", "area", "next"]), value=anything)
@example(parameter="from_bank", value="²")
def test_the_new_outcome_page_never_fails_on_any_parameter(parameter, value, outcome_url, senco, client):
    client.force_login(senco)
    assert client.get(outcome_url, {parameter: value}).status_code < 500


@PROPERTY
@given(
    fields=st.dictionaries(
        st.sampled_from(["description", "baseline", "target", "measure", "area", "due_date", "responsible"]),
        anything,
        max_size=7,
    )
)
def test_posting_any_text_to_the_new_outcome_page_never_fails(fields, outcome_url, senco, client):
    client.force_login(senco)
    assert client.post(outcome_url, fields).status_code < 500
