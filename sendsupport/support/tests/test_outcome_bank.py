"""The outcome bank: shared examples by broad area, and each school's own versions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.pupils.codes import BroadArea
from sendsupport.support import selectors, services
from sendsupport.support.models import OutcomeBankEntry
from sendsupport.support.smart import check_outcome
from sendsupport.support.tests.helpers import TODAY


def shared():
    return OutcomeBankEntry.objects.filter(school__isnull=True)


@pytest.mark.django_db
def test_five_examples_are_seeded_for_each_broad_area():
    counts = {area: shared().filter(area=area).count() for area in BroadArea.values if area != BroadArea.OTHER}
    assert counts == {"communication": 5, "cognition": 5, "semh": 5, "sensory_physical": 5}


@pytest.mark.django_db
def test_every_example_passes_the_smart_check_once_it_has_a_date():
    for entry in shared():
        problems = check_outcome(
            description=entry.text,
            baseline=entry.example_baseline,
            target=entry.example_target,
            measure=entry.example_measure,
            due_date=TODAY,
            review_date=TODAY,
        )
        assert problems == [], f"{entry.text}: {[p.message for p in problems]}"


def test_changing_an_example_saves_the_schools_own_version(school, other_school, senco):
    example = OutcomeBankEntry.objects.create(area="semh", text="Name 3 feelings.")
    mine = services.save_bank_entry(
        school=school, by=senco, entry=example, area="semh", text="Our wording", example_target="3 of 5 days"
    )
    assert mine.based_on == example and mine.school == school
    example.refresh_from_db()
    assert example.text != "Our wording"
    ours = selectors.outcome_bank(school, area="semh")
    assert mine in ours and example not in ours
    assert example in selectors.outcome_bank(other_school, area="semh")
    again = services.save_bank_entry(school=school, by=senco, entry=example, area="semh", text="Second go")
    assert again.pk == mine.pk


def test_removing_an_entry_hides_it_for_the_school_only(school, other_school, senco):
    example = OutcomeBankEntry.objects.create(area="semh", text="Name 3 feelings.")
    services.remove_bank_entry(school=school, by=senco, entry=example)
    assert example not in selectors.outcome_bank(school)
    assert example in selectors.outcome_bank(other_school)
    own = services.save_bank_entry(school=school, by=senco, area="cognition", text="Count to 20")
    services.remove_bank_entry(school=school, by=senco, entry=own)
    assert own not in selectors.outcome_bank(school)


def test_a_bank_entry_needs_an_area_and_text(school, senco):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.save_bank_entry(school=school, by=senco, area="nonsense", text=" ")
    assert set(error.value.message_dict) == {"area", "text"}


def test_another_schools_entry_cannot_be_opened(school, other_school, senco, login):
    theirs = OutcomeBankEntry.objects.create(school=other_school, area="semh", text="Theirs")
    assert login(senco).get(reverse("support:bank_edit", args=[theirs.pk])).status_code == 404


def test_the_bank_page_lists_entries_by_area_and_saves_changes(school, senco, login):
    client = login(senco)
    OutcomeBankEntry.objects.create(area="cognition", text="Count to 20 without help.")
    OutcomeBankEntry.objects.create(area="communication", text="Take turns in a conversation.")
    page = client.get(reverse("support:bank") + "?area=cognition").content.decode()
    assert "Count to 20 without help." in page
    assert "Take turns in a conversation." not in page
    response = client.post(
        reverse("support:bank_new"), {"area": "semh", "text": "Ask for a break using the break card."}
    )
    assert response.status_code == 302
    assert OutcomeBankEntry.objects.filter(school=school, text__startswith="Ask for a break").exists()
    bad = client.post(reverse("support:bank_new"), {"area": "", "text": ""})
    assert bad.status_code == 400
