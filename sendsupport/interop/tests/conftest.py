"""Fixtures for the data-exchange tests: uploads kept in a temporary folder, and a second school."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sendsupport.interop.models import CensusSettings, TransferProblem
from sendsupport.interop.services.runs import start_import
from sendsupport.interop.tests.samples import ctf_xml, pupil_xml, upn
from sendsupport.schools.models import LocalAuthority, School

GOOD_CTF = ctf_xml(pupil_xml(upn(1), sen=[("2024-09-01", "K")], needs=[("SLCN", "1", None, None)]))
CSV = b"UPN,Surname,Forename,DOB,Sex,Year\r\n" + f"{upn(2)},Evans,Maya,2016-03-01,F,4\r\n".encode()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def receiving_school(db) -> School:
    """A school in another local authority, that pupils move to."""
    la, _ = LocalAuthority.objects.get_or_create(number="330", defaults={"name": "Birmingham"})
    return School.objects.create(
        urn="103001", local_authority=la, estab="2100", name="Hill Top Primary School", phase=School.Phase.PRIMARY
    )


@pytest.fixture
def ctf_run(school, senco):
    """A CTF uploaded by the SENCO and previewed, not yet confirmed: one new pupil, ``upn(1)``."""
    return start_import(school=school, by=senco, kind="ctf", upload=upload("joiners.xml", GOOD_CTF))


@pytest.fixture
def csv_run(school, senco):
    """A CSV uploaded by the SENCO, waiting for its columns to be matched."""
    return start_import(school=school, by=senco, kind="csv", upload=upload("pupils.csv", CSV))


@pytest.fixture
def census_notice(school) -> CensusSettings:
    """The census page's one-time notice that unit membership is now recorded pupil by pupil, not yet dismissed."""
    return CensusSettings.objects.create(school=school, per_pupil_notice=True)


@pytest.fixture
def transfer_problem(pupil) -> TransferProblem:
    """A problem Maya's transfer file left in her SEN record, not yet fixed."""
    return TransferProblem.objects.create(
        pupil=pupil, element="SENtypeRank", rule="rank_valid", message="SENtypeRank '3' is not 1 or 2."
    )
