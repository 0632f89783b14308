"""The inclusion strategy: budgeted costs by funding stream from the provision map, against the
notional SEN budget and Inclusive Mainstream Fund allocation; no pupil on it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.statutory.publishing import selectors
from sendsupport.statutory.publishing.models import Publication
from sendsupport.statutory.publishing.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_costs_come_from_the_provision_map_by_stream(strategy_ready, pupil):
    from sendsupport.provision.selectors import school_costs
    from sendsupport.provision.selectors_funding import day_for_year

    content = selectors.strategy_contents(strategy_ready, today=TODAY)
    planned = sum(
        c.planned_year for c in school_costs(strategy_ready, day=day_for_year(2026, TODAY)).provisions.values()
    )
    assert planned > 0
    assert content["activities"] == [
        {
            "activity": "Phonics catch-up",
            "area": "Cognition and learning",
            "stream": "Inclusive Mainstream Fund",
            "budgeted": f"£{planned // 100:,}.{planned % 100:02d}",
        }
    ]
    streams = {row["stream"]: row for row in content["streams"]}
    assert streams["Inclusive Mainstream Fund"]["allocation"] == "£12,000.00"
    assert streams["Notional SEN budget"]["budgeted"] == "£0.00"
    assert content["allocated_total"] == "£96,000.00"


def test_publishing_without_the_allocation_or_aims_is_refused(funded, senco, login):
    from sendsupport.provision.models import FundingAllocation

    FundingAllocation.objects.all().delete()
    response = login(senco).post(reverse("publishing:publish_strategy"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "What the school aims to achieve for inclusion" in html
    assert "The notional SEN budget and Inclusive Mainstream Fund allocation for 2026 to 2027" in html
    assert not Publication.objects.exists()


def test_the_public_strategy_shows_costs_and_links_to_the_report(published_strategy, published, pupil, login):
    html = login(None).get(reverse("publishing:public_strategy", args=[published.school.urn])).content.decode()
    assert "Inclusion strategy 2026 to 2027" in html
    assert "Phonics catch-up" in html and "£12,000.00" in html
    assert reverse("publishing:public_report", args=[published.school.urn]) in html
    assert pupil.legal_last_name not in html and pupil.upn not in html
    report = login(None).get(reverse("publishing:public_report", args=[published.school.urn])).content.decode()
    assert reverse("publishing:public_strategy", args=[published.school.urn]) in report


def test_element_3_top_up_is_never_on_the_strategy(strategy_ready):
    """Top-up pays for one pupil's costs above the threshold: a line of it would publish that cost."""
    from sendsupport.provision.choices import FundingStream
    from sendsupport.provision.models import Provision

    Provision.objects.filter(school=strategy_ready).update(funding=FundingStream.TOP_UP)
    content = selectors.strategy_contents(strategy_ready, today=TODAY)
    assert content["activities"] == []
    assert "Element 3 top-up from the local authority" not in {row["stream"] for row in content["streams"]}


def test_the_published_pages_may_be_found_by_search_engines_and_the_drafts_not(
    published_strategy, published, senco, login
):
    for name in ("publishing:public_report", "publishing:public_strategy"):
        html = login(None).get(reverse(name, args=[published.school.urn])).content.decode()
        assert '<meta name="robots" content="index, follow">' in html
    draft = login(senco).get(reverse("publishing:report")).content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in draft
