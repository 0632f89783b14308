"""DS (Down syndrome) is a census SEN type since January 2025: the rules, the broad area and the form accept it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.pupils import selectors
from sendsupport.pupils.census_rules import check_sen_record
from sendsupport.pupils.codes import BroadArea, broad_area, need_types_in_area

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("provision", ["K", "E"])
def test_the_census_rules_accept_ds(provision):
    assert check_sen_record(provision, [("DS", 1)]) == []
    assert check_sen_record(provision, [("DS", 1), ("SLCN", 2)]) == []


def test_ds_shows_under_other_unless_the_school_chooses(settings):
    assert broad_area("DS") == BroadArea.OTHER
    assert "DS" in need_types_in_area("other")
    settings.SENDSUPPORT = {**settings.SENDSUPPORT, "DS_BROAD_AREA": "cognition"}
    assert broad_area("DS") == BroadArea.COGNITION
    assert "DS" in need_types_in_area("cognition") and "DS" not in need_types_in_area("other")


def test_the_sen_status_form_offers_and_saves_ds(senco, pupil, login):
    client = login(senco)
    html = client.get(reverse("pupils:sen_status", args=[pupil.pk])).content.decode()
    assert '<option value="DS">DS – Down syndrome</option>' in html
    response = client.post(
        reverse("pupils:sen_status", args=[pupil.pk]),
        {"provision": "K", "primary_need": "DS", "secondary_need": "", "start_date": "2025-01-06", "reason": "Why"},
    )
    assert response.status_code == 302
    assert [(n.need_type, n.rank) for n in selectors.current_needs(pupil)] == [("DS", 1)]
    page = client.get(reverse("pupils:detail", args=[pupil.pk])).content.decode()
    assert "Down syndrome (DS)" in page
