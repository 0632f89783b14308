"""The Local Offer read from an authority's Open Referral UK directory: the real client against a local
HTTP server serving recorded directory pages (no outside network), and what a bad directory leaves."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from sendsupport.schools import local_offer
from sendsupport.schools.models import LocalOfferRead, LocalOfferService
from sendsupport.schools.services import refresh_local_offer

RECORDED = Path(__file__).parent / "openreferral"


class Directory(BaseHTTPRequestHandler):
    """``/v1`` (two pages, the original UK profile), ``/v3`` (HSDS 3.0), and directories that fail."""

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        parts = urlsplit(self.path)
        page = parse_qs(parts.query).get("page", ["1"])[0]
        kind = parts.path.split("/")[1]
        if kind == "slow":
            time.sleep(1.5)
            return self._send(200, b'{"content": [], "last": true}')
        if kind == "error":
            return self._send(500, b"Internal Server Error")
        if kind == "broken":
            return self._send(200, b'{"content": [ {"id": ')
        if kind == "wrong":
            return self._send(200, b'{"services": 3}')
        file = RECORDED / f"{kind}_page{page}.json"
        if not file.exists():
            return self._send(404, b"{}")
        return self._send(200, file.read_bytes())

    def _send(self, status: int, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except BrokenPipeError:
            pass  # the slow directory's client gave up waiting, as it should

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def directory() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Directory)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_it_reads_every_page_and_keeps_only_active_send_services(directory):
    services = {s.name: s for s in local_offer.read_services(f"{directory}/v1")}
    assert sorted(services) == [
        "Autism Family Support Group",
        "Families SEND Information, Advice and Support Service",
        "Short Breaks for Disabled Children",
    ]  # the swimming club is not SEND; the drop-in is inactive
    advice = services["Families SEND Information, Advice and Support Service"]
    assert advice.description.startswith("Free, confidential and impartial advice")  # markup removed
    assert advice.phone == "0117 496 0000"
    assert advice.organisation == "Example City Council"
    assert advice.topics == "SEND advice"
    assert services["Autism Family Support Group"].url == ""  # a javascript: address is never a link


def test_it_reads_the_hsds_3_shape_too(directory):
    (portage,) = local_offer.read_services(f"{directory}/v3")
    assert (portage.name, portage.phone, portage.topics) == ("Portage Home Visiting", "0117 496 0555", "Early years SEND")


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("error", "The directory answered with an error (HTTP 500)."),
        ("broken", "The directory's answer was not valid JSON."),
        ("wrong", "The directory's answer had no list of services."),
    ],
)
def test_a_bad_directory_gives_a_clear_reason(directory, kind, message):
    with pytest.raises(local_offer.DirectoryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        local_offer.read_services(f"{directory}/{kind}")


def test_a_slow_directory_times_out(directory):
    with pytest.raises(local_offer.DirectoryError, match="did not answer within 0.5 seconds"):
        local_offer.read_services(f"{directory}/slow", timeout=0.5)


def test_a_directory_that_is_down_cannot_be_reached():
    with pytest.raises(local_offer.DirectoryError, match="could not be reached"):
        local_offer.read_services("http://127.0.0.1:9/")  # the discard port: nothing listens


def test_only_web_addresses_are_read():
    with pytest.raises(local_offer.DirectoryError, match="must start with https://"):
        local_offer.read_services("file:///etc/passwd")


@pytest.mark.django_db
def test_a_successful_read_replaces_the_cache_and_a_failed_one_keeps_it(directory, la):
    la.directory_url = f"{directory}/v1"
    la.save()
    read = refresh_local_offer(local_authority=la)
    assert (read.succeeded, read.services_found) == (True, 3)
    assert LocalOfferService.objects.filter(local_authority=la).count() == 3

    la.directory_url = f"{directory}/broken"
    la.save()
    failed = refresh_local_offer(local_authority=la)
    assert (failed.succeeded, failed.message) == (False, "The directory's answer was not valid JSON.")
    # Nothing half-saved: families still see what was read last time.
    assert LocalOfferService.objects.filter(local_authority=la).count() == 3
    assert LocalOfferRead.objects.filter(local_authority=la).count() == 2

    la.directory_url = f"{directory}/v3"
    la.save()
    refresh_local_offer(local_authority=la)
    assert list(LocalOfferService.objects.filter(local_authority=la).values_list("name", flat=True)) == [
        "Portage Home Visiting"
    ]
