"""The register on a phone, "My groups" and the sessions list, as the TA who delivers the phonics
group uses them. Today is Wednesday 16 September 2026."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sendsupport.provision.models import DeliveredSession, Provision, ProvisionMember

TODAY = date(2026, 9, 16)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("sendsupport.core.dates.today", lambda: TODAY)


def add_url(provision) -> str:
    return reverse("provision:sessions_add", args=[provision.pk])


def answers(pupil, other_pupil, **extra) -> dict:
    return {
        "held_on": "2026-09-15",
        "minutes": "30",
        f"attendance_{pupil.pk}": "present",
        f"attendance_{other_pupil.pk}": "absent",
        **extra,
    }


@pytest.mark.django_db
def test_the_tas_home_page_links_to_their_groups(client, ta):
    client.force_login(ta)
    assert reverse("provision:sessions_my_groups") in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_my_groups_shows_each_running_group_with_its_last_session(client, ta, delivered_session):
    client.force_login(ta)
    page = client.get(reverse("provision:sessions_my_groups")).content.decode()
    assert "Phonics group A" in page
    assert "Not registered yet" in page
    assert "Tuesday 8 September 2026" in page
    assert "Maya Evans, Ben Ward" in page
    assert add_url(delivered_session.provision) in page


@pytest.mark.django_db
def test_my_groups_puts_groups_still_to_register_today_first(client, ta, provision, intervention, school, pupil):
    done = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Another group",
        deliverer_role="ta",
        sessions_per_week=1,
        session_minutes=20,
        starts_on=date(2026, 9, 7),
        funding="imf",
    )
    done.deliverers.add(ta)
    ProvisionMember.objects.create(provision=done, pupil=pupil, joined_on=date(2026, 9, 7))
    DeliveredSession.objects.create(provision=done, held_on=TODAY, minutes=20, recorded_by=ta)
    client.force_login(ta)
    page = client.get(reverse("provision:sessions_my_groups")).content.decode()
    assert page.index("Phonics group A") < page.index("Another group")
    assert "Registered</strong>" in page


@pytest.mark.django_db
def test_my_groups_leaves_out_groups_that_have_ended_or_others_deliver(client, ta, teacher, provision):
    provision.ends_on = date(2026, 9, 15)
    provision.save()
    client.force_login(ta)
    assert "Phonics group A" not in client.get(reverse("provision:sessions_my_groups")).content.decode()
    client.force_login(teacher)
    assert "You do not deliver any group" in client.get(reverse("provision:sessions_my_groups")).content.decode()


@pytest.mark.django_db
def test_the_register_starts_with_today_the_usual_length_and_large_radios_for_each_member(client, ta, provision):
    client.force_login(ta)
    page = client.get(add_url(provision)).content.decode()
    assert 'name="held_on" value="2026-09-16"' in page and 'name="minutes" value="30"' in page
    assert page.count('type="radio"') == 4  # present and absent for Maya and Ben
    assert "govuk-radios--small" not in page
    assert "<legend" in page and "Ben Ward" in page


@pytest.mark.django_db
def test_registering_a_session_offers_the_next_one(client, ta, provision, pupil, other_pupil):
    client.force_login(ta)
    response = client.post(add_url(provision), answers(pupil, other_pupil), follow=True)
    session = DeliveredSession.objects.get()
    assert dict(session.attendance.values_list("pupil_id", "status")) == {pupil.pk: "present", other_pupil.pk: "absent"}
    page = response.content.decode()
    assert "The session on 15 September 2026 has been registered." in page
    assert f"{add_url(provision)}?date=2026-09-16" in page
    assert "Register the next session, on Wednesday 16 September 2026" in page
    assert 'name="held_on" value="2026-09-16"' in client.get(f"{add_url(provision)}?date=2026-09-16").content.decode()


@pytest.mark.django_db
def test_no_next_session_is_offered_before_it_has_come(client, ta, provision, pupil, other_pupil):
    client.force_login(ta)
    page = client.post(add_url(provision), answers(pupil, other_pupil, held_on="2026-09-16"), follow=True)
    assert "Register the next session" not in page.content.decode()


@pytest.mark.django_db
def test_a_member_left_without_an_answer_is_named_and_nothing_is_saved(client, ta, provision, pupil, other_pupil):
    client.force_login(ta)
    data = answers(pupil, other_pupil)
    del data[f"attendance_{other_pupil.pk}"]
    response = client.post(add_url(provision), data)
    assert response.status_code == 400
    assert "Say whether Ben Ward was present or absent." in response.content.decode()
    assert not DeliveredSession.objects.exists()


@pytest.mark.django_db
def test_a_date_outside_the_provision_is_refused_naming_the_field(client, ta, provision, pupil, other_pupil):
    client.force_login(ta)
    response = client.post(add_url(provision), answers(pupil, other_pupil, held_on="2026-09-01"))
    assert response.status_code == 400
    assert "Date of the session: The date must be within the provision&#x27;s dates" in response.content.decode()
    assert not DeliveredSession.objects.exists()


@pytest.mark.django_db
def test_changing_the_date_shows_who_was_a_member_then(client, ta, provision, pupil, other_pupil):
    ProvisionMember.objects.filter(pupil=other_pupil).update(joined_on=date(2026, 9, 14))
    client.force_login(ta)
    response = client.get(f"{add_url(provision)}?date=2026-09-10")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Maya Evans" in page and "Ben Ward" not in page
    assert not DeliveredSession.objects.exists()


@pytest.mark.django_db
def test_a_session_that_did_not_take_place_drops_any_answers(client, ta, provision, pupil, other_pupil):
    client.force_login(ta)
    client.post(add_url(provision), answers(pupil, other_pupil, cancelled="on", cancelled_reason="Covering a class"))
    session = DeliveredSession.objects.get()
    assert session.cancelled and session.cancelled_reason == "Covering a class"
    assert not session.attendance.exists()


@pytest.mark.django_db
def test_the_ta_corrects_a_session_they_registered(client, ta, provision, delivered_session, pupil, other_pupil):
    client.force_login(ta)
    url = reverse("provision:sessions_edit", args=[provision.pk, delivered_session.pk])
    page = client.get(url).content.decode()
    assert 'name="held_on" value="2026-09-08"' in page
    assert f'name="attendance_{pupil.pk}" type="radio" value="present" checked' in page
    client.post(url, answers(pupil, other_pupil, held_on="2026-09-08", minutes="25"))
    delivered_session.refresh_from_db()
    assert delivered_session.minutes == 25


@pytest.mark.django_db
def test_the_sessions_list_shows_attendance_and_who_may_correct(client, ta, senco, provision, delivered_session):
    client.force_login(ta)
    page = client.get(reverse("provision:sessions_list", args=[provision.pk])).content.decode()
    assert "Tuesday 8 September 2026" in page
    assert page.index("Present") < page.index("Maya Evans") < page.index("Absent") < page.index("Ben Ward")
    assert reverse("provision:sessions_edit", args=[provision.pk, delivered_session.pk]) in page


@pytest.mark.django_db
def test_the_sessions_list_comes_twenty_to_a_page(client, ta, provision):
    for day in range(7, 30):
        DeliveredSession.objects.create(provision=provision, held_on=date(2026, 9, day), minutes=30, recorded_by=ta)
    client.force_login(ta)
    url = reverse("provision:sessions_list", args=[provision.pk])
    first = client.get(url).content.decode()
    assert "Tuesday 29 September 2026" in first and "Page 1 of 2" in first
    assert "Monday 7 September 2026" in client.get(f"{url}?page=2").content.decode()
