from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sendsupport.audit.models import AuditEvent
from sendsupport.support.specialists.models import SpecialistInvolvement
from sendsupport.support.specialists.tests.conftest import refer


def test_it_records_a_referral_with_the_parents_consent(pupil, senco):
    involvement = refer(pupil, senco)
    assert involvement.status == SpecialistInvolvement.Status.REFERRED
    assert involvement.consent_recorded_by == senco
    assert involvement.professional_label == "Speech and language therapist"
    assert AuditEvent.objects.filter(
        pupil=pupil, action="created", object_type="specialist involvement", actor=senco
    ).exists()


def test_it_refuses_a_referral_without_consent(pupil, senco):
    with pytest.raises(ValidationError) as error:
        refer(pupil, senco, parental_consent=False, consent_date=None)
    assert error.value.message_dict["parental_consent"] == [
        "A referral can only be recorded with the parents' consent. Ask the parents first, then record the date they agreed."
    ]
    assert SpecialistInvolvement.objects.count() == 0


def test_it_needs_the_date_of_consent(pupil, senco):
    with pytest.raises(ValidationError) as error:
        refer(pupil, senco, consent_date=None)
    assert error.value.message_dict["consent_date"] == ["Enter the date the parents gave their consent."]


def test_consent_comes_before_the_referral(pupil, senco):
    with pytest.raises(ValidationError) as error:
        refer(pupil, senco, consent_date=date(2025, 10, 7))
    assert error.value.message_dict["consent_date"] == [
        "The parents' consent must be given on or before the referral (6 October 2025)."
    ]


def test_it_refuses_a_referral_dated_in_the_future(pupil, senco):
    with pytest.raises(ValidationError) as error:
        refer(pupil, senco, referral_date=date(2025, 11, 21))
    assert error.value.message_dict["referral_date"] == [
        "The date of referral must be today (20 November 2025) or in the past."
    ]
    assert SpecialistInvolvement.objects.count() == 0


def test_another_kind_of_professional_must_be_named(pupil, senco):
    with pytest.raises(ValidationError) as error:
        refer(pupil, senco, professional_type="other")
    assert error.value.message_dict["professional_type_other"] == ["Say what kind of professional this is."]
    assert refer(
        pupil, senco, professional_type="other", professional_type_other="Play therapist"
    ).professional_label == ("Play therapist")


def test_the_database_refuses_a_referral_without_consent(pupil):
    with pytest.raises(IntegrityError), transaction.atomic():
        SpecialistInvolvement.objects.create(
            pupil=pupil, professional_type="camhs", referral_date=date(2025, 1, 1), parental_consent=False
        )
