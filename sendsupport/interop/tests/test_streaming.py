"""The CTF reader streams: memory does not grow with the number of pupils in the file."""

from __future__ import annotations

import tracemalloc

import pytest

from conftest import TODAY
from sendsupport.interop.services import ctf_import
from sendsupport.interop.tests.samples import write_many

pytestmark = pytest.mark.django_db


def peak_bytes(path, school) -> tuple[int, int]:
    tracemalloc.start()
    try:
        with open(path, "rb") as source:
            report = ctf_import.import_ctf(
                source=source, school=school, by=None, file_name=path.name, dry_run=True, today=TODAY
            )
        return tracemalloc.get_traced_memory()[1], report.pupils_in_file
    finally:
        tracemalloc.stop()


def test_reading_five_times_as_many_pupils_needs_about_the_same_memory(school, tmp_path, monkeypatch):
    # Smaller batches keep the test quick; the bench shows the same at full size (bench/ctf_import.py).
    monkeypatch.setattr(ctf_import, "BATCH_SIZE", 50)
    small, large = tmp_path / "small.xml", tmp_path / "large.xml"
    write_many(small, 200)
    write_many(large, 1000)
    assert large.stat().st_size > 4 * small.stat().st_size
    small_peak, small_count = peak_bytes(small, school)
    large_peak, large_count = peak_bytes(large, school)
    assert (small_count, large_count) == (200, 1000)
    # Only the set of UPNs already seen (to catch duplicates) grows: a few hundred KB for 800 more pupils.
    assert large_peak - small_peak < 400_000, (small_peak, large_peak)
