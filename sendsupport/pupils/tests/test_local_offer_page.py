"""What a parent and the SENCO see of the Local Offer, and the SENCO's "read it again"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendsupport.schools.models import LocalAuthority, LocalOfferRead, LocalOfferService
from sendsupport.schools.services import refresh_local_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(la):
    la.local_offer_url = "https://localoffer.example.org/"
    la.sendiass_name = "Example SENDIASS"
    la.sendiass_phone = "0117 496 0999"
    la.directory_url = "http://127.0.0.1:9/"  # nothing listens: a read fails, the cache stays
    la.save()
    LocalOfferService.objects.create(
        local_authority=la, service_id="1", name="Short Breaks for Disabled Children", phone="0117 496 0001"
    )
    LocalOfferRead.objects.create(local_authority=la, attempted_at="2026-11-30T08:00:00Z", succeeded=True, services_found=1)
    return la


def test_a_parent_sees_the_contacts_and_the_services_but_not_the_read_button(services, parent, login):
    page = login(parent).get(reverse("pupils:local_offer")).content.decode()
    assert "Example SENDIASS" in page and "0117 496 0999" in page
    assert 'href="https://localoffer.example.org/"' in page
    assert "Short Breaks for Disabled Children" in page
    assert "Read " not in page  # only the SENCO and head ask for a fresh read


def test_the_parents_home_links_to_it(services, parent, login):
    assert reverse("pupils:local_offer") in login(parent).get(reverse("home")).content.decode()


def test_the_senco_sees_when_a_read_failed_and_can_ask_again(services, senco, login):
    client = login(senco)
    response = client.post(reverse("pupils:local_offer_refresh", args=[services.pk]), follow=True)
    page = response.content.decode()
    # In tests the worker's queue runs at once: the read was tried and failed, and the page says why.
    assert "The directory could not be read" in page and "could not be reached" in page
    assert "Short Breaks for Disabled Children" in page  # the last good read stays
    assert LocalOfferRead.objects.filter(local_authority=services, succeeded=False).count() == 1


def test_an_authority_without_a_directory_shows_the_local_offer_link(la, senco, login):
    refresh_local_offer(local_authority=la)
    page = login(senco).get(reverse("pupils:local_offer")).content.decode()
    assert "No service directory address is recorded" in page


def test_parents_see_only_their_own_childrens_authority(services, other_school, other_parent, login):
    elsewhere = LocalAuthority.objects.create(number="999", name="Far Away Council", sendiass_name="Far SENDIASS")
    other_school.local_authority = elsewhere
    other_school.save()
    page = login(other_parent).get(reverse("pupils:local_offer")).content.decode()
    assert "Far SENDIASS" not in page
