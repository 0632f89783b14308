"""Writes to a school's own settings: the named SENCO and deputy with the SENCO's qualification, its
policy figures. Keyword-only; one transaction each; all audited through their history.
(Term dates, which have no history, are written by ``staff.services``, which records them in the audit log.)"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendsupport.core import dates
from sendsupport.schools.models import School, SchoolPolicy, SchoolSenco
from sendsupport.schools.selectors import staff_users


@transaction.atomic
def set_senco(
    *,
    school: School,
    by: Any,
    senco: Any | None,
    senco_email: str = "",
    senco_phone: str = "",
    deputy: Any | None = None,
    deputy_email: str = "",
    deputy_phone: str = "",
    qualified_teacher: bool = False,
    induction_completed: bool = False,
    appointed_on: date | None = None,
    npq: str = "",
    npq_achieved_on: date | None = None,
    today: date | None = None,
) -> SchoolSenco:
    """Name the school's SENCO and deputy (members of staff) with their contact details, and record the
    SENCO's qualification. An email left blank is taken from the person's account."""
    today = today or dates.today()
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    staff = staff_users(school)
    for field, person, who in (("senco", senco, "SENCO"), ("deputy", deputy, "deputy SENCO")):
        if person is not None and not staff.filter(pk=person.pk).exists():
            add(field, f"Choose the {who} from the school's active staff.")
    if senco is not None and deputy is not None and senco.pk == deputy.pk:
        add("deputy", "The deputy SENCO must be someone other than the SENCO.")
    senco_email = (senco_email or "").strip() or (senco.email if senco else "")
    deputy_email = (deputy_email or "").strip() or (deputy.email if deputy else "")
    if senco is not None and not senco_email:
        add("senco_email", "Enter the SENCO's email address: letters and plans give it to parents.")
    if deputy is not None and not deputy_email:
        add("deputy_email", "Enter the deputy SENCO's email address.")
    if senco is None and (senco_email or (senco_phone or "").strip()):
        add("senco", "Choose the SENCO before giving their contact details.")
    if deputy is None and ((deputy_email or "") or (deputy_phone or "").strip()):
        add("deputy", "Choose the deputy SENCO before giving their contact details.")
    if appointed_on and appointed_on > today:
        add("appointed_on", "The date appointed as SENCO must be today or in the past.")
    if npq and npq not in SchoolSenco.Npq.values:
        add("npq", "Choose whether the SENCO holds the NPQ for SENCOs.")
    if npq == SchoolSenco.Npq.HELD and npq_achieved_on is None:
        add("npq_achieved_on", "Enter the date the NPQ for SENCOs was awarded.")
    if npq != SchoolSenco.Npq.HELD and npq_achieved_on is not None:
        add("npq_achieved_on", "Leave the date awarded blank unless the SENCO holds the NPQ for SENCOs.")
    if npq_achieved_on and npq_achieved_on > today:
        add("npq_achieved_on", "The date the NPQ was awarded must be today or in the past.")
    if senco is None and (qualified_teacher or induction_completed or appointed_on or npq):
        add("senco", "Choose the SENCO before recording their qualification.")
    if errors:
        raise ValidationError(errors)

    record = SchoolSenco.objects.select_for_update().filter(school=school).first() or SchoolSenco(school=school)
    record.senco = senco
    record.senco_email = senco_email
    record.senco_phone = (senco_phone or "").strip()
    record.deputy = deputy
    record.deputy_email = deputy_email
    record.deputy_phone = (deputy_phone or "").strip()
    record.qualified_teacher = qualified_teacher
    record.induction_completed = induction_completed
    record.appointed_on = appointed_on
    record.npq = npq
    record.npq_achieved_on = npq_achieved_on
    record.full_clean(exclude=["school"])
    record._history_user = by
    record.save()
    return record


POLICY_FIELDS = SchoolPolicy.FIGURES


@transaction.atomic
def save_policy(*, school: School, by: Any, **figures: int) -> SchoolPolicy:
    """Set the school's figures; any not given keep their value (the national default at first)."""
    unknown = set(figures) - set(POLICY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown policy figures: {', '.join(sorted(unknown))}")
    policy = SchoolPolicy.objects.select_for_update().filter(school=school).first() or SchoolPolicy(school=school)
    for name, value in figures.items():
        setattr(policy, name, value)
    policy.full_clean()
    policy._history_user = by
    policy.save()
    return policy


def refresh_local_offer(*, local_authority: Any, now: Any = None) -> Any:
    """Read the authority's service directory and replace its cached SEND services; record the attempt.

    The directory is read before any write, outside a transaction; on any failure the services read
    last time stay as they are and the attempt records why, for the SENCO to see.
    """
    from django.utils import timezone

    from sendsupport.schools import local_offer
    from sendsupport.schools.models import LocalOfferRead, LocalOfferService

    now = now or timezone.now()
    if not local_authority.directory_url:
        return LocalOfferRead.objects.create(
            local_authority=local_authority, attempted_at=now, message="No directory address is recorded."
        )
    try:
        services = local_offer.read_services(local_authority.directory_url)
    except local_offer.DirectoryError as error:
        return LocalOfferRead.objects.create(local_authority=local_authority, attempted_at=now, message=str(error))
    with transaction.atomic():
        LocalOfferService.objects.filter(local_authority=local_authority).delete()
        LocalOfferService.objects.bulk_create(
            LocalOfferService(local_authority=local_authority, **vars(service)) for service in services
        )
        return LocalOfferRead.objects.create(
            local_authority=local_authority, attempted_at=now, succeeded=True, services_found=len(services)
        )


@transaction.atomic
def save_staff_two_factor(*, school: School, by: Any, required: bool) -> SchoolPolicy:
    """Whether every member of staff at the school must use two-factor sign-in (from their next sign-in)."""
    policy = SchoolPolicy.objects.select_for_update().filter(school=school).first() or SchoolPolicy(school=school)
    policy.staff_two_factor = required
    policy.full_clean()
    policy._history_user = by
    policy.save()
    return policy
