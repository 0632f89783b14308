"""Fast builders for many pupils (bulk inserts, no history), for tests that check query counts."""

from __future__ import annotations

from datetime import date

from sendsupport.pupils.current_sen import refresh as refresh_current_sen
from sendsupport.pupils.models import Contact, Pupil, PupilContact, SENNeed, SENStatus
from sendsupport.pupils.upn import make_upn
from sendsupport.schools.models import Group, School

NEEDS = ["SLCN", "SEMH", "MLD", "SPLD", "ASD", "PD"]


def bulk_register(school: School, count: int, *, group: Group | None = None, first_serial: int = 0) -> list[Pupil]:
    """``count`` pupils in ``group``, every one on the register (K or E) with a primary and secondary need."""
    pupils = Pupil.objects.bulk_create(
        [
            Pupil(
                school=school,
                upn=make_upn(school.local_authority.number, school.estab, 10 + n // 1000, n % 1000),
                legal_first_name=f"Bulk{n}",
                legal_last_name=f"Pupil{n:04d}",
                date_of_birth=date(2016, 1, 1),
                sex="M" if n % 2 else "F",
                year_group="4",
                registration_group=group,
                on_roll_from=date(2021, 9, 1),
            )
            for n in range(first_serial, first_serial + count)
        ]
    )
    SENStatus.objects.bulk_create(
        [
            SENStatus(pupil=p, provision="E" if n % 4 == 0 else "K", start_date=date(2024, 9, 1), reason="Bulk")
            for n, p in enumerate(pupils)
        ]
    )
    SENNeed.objects.bulk_create(
        [
            SENNeed(pupil=p, need_type=NEEDS[n % len(NEEDS)], rank=1, start_date=date(2024, 9, 1))
            for n, p in enumerate(pupils)
        ]
        + [
            SENNeed(pupil=p, need_type=NEEDS[(n + 1) % len(NEEDS)], rank=2, start_date=date(2024, 9, 1))
            for n, p in enumerate(pupils)
        ]
    )
    refresh_current_sen([p.pk for p in pupils])  # bulk_create sends no signals
    return pupils


def bulk_history(pupil: Pupil, count: int, *, user=None) -> None:
    """Give ``pupil`` ``count`` dated statuses (with who decided) and ``count`` parents and carers."""
    SENStatus.objects.bulk_create(
        [
            SENStatus(
                pupil=pupil,
                provision="K" if n % 2 else "N",
                start_date=date(2021, 1, 1).replace(day=1 + n % 28),
                reason=f"Review {n}",
                decided_by=user,
            )
            for n in range(count)
        ]
    )
    SENNeed.objects.bulk_create(
        [
            SENNeed(
                pupil=pupil,
                need_type=NEEDS[n % len(NEEDS)],
                rank=1 + n % 2,
                start_date=date(2020, 1, 1),
                end_date=date(2020, 12, 1),
            )
            for n in range(count)
        ]
    )
    refresh_current_sen([pupil.pk])
    contacts = Contact.objects.bulk_create(
        [
            Contact(school=pupil.school, first_name=f"Carer{n}", last_name="Bulk", email=f"carer{n}@example.org")
            for n in range(count)
        ]
    )
    PupilContact.objects.bulk_create(
        [PupilContact(pupil=pupil, contact=contact, relationship="carer") for contact in contacts]
    )
