"""Reads for the local authority's side of EHC needs assessment requests.

An LA officer sees a request only while the school's grant (``EHCAccess``) is open *and* they are an
active officer of the authority the pupil's school belongs to: a grant to someone who has moved to
another authority shows nothing. Every list starts from ``granted_requests(user)``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404

from sendsupport.accounts.access import la_ids_for
from sendsupport.audit.services import note_found
from sendsupport.schools.models import LocalAuthority
from sendsupport.statutory.models import EHCAccess, EHCRequest, EvidencePack


def granted_requests(user: Any) -> QuerySet[EHCRequest]:
    """The requests this user holds as an LA officer, with their pupils and schools (one query)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return EHCRequest.objects.none()
    held = EHCAccess.objects.filter(user=user, revoked_at__isnull=True).values("request_id")
    return (
        EHCRequest.objects.filter(pk__in=held, pupil__school__local_authority_id__in=la_ids_for(user))
        .select_related("pupil", "pupil__school")
        .order_by("requested_on", "id")
    )


def get_granted_request(user: Any, request_id: int) -> EHCRequest:
    """The request, if a school has given it to this officer; 404 otherwise (whether or not it exists)."""
    found = granted_requests(user).filter(pk=request_id).first()
    if found is None:
        raise Http404("No such request")
    note_found(found.pupil)  # a page about this pupil: logged as viewed even if the view does not say so
    return found


def sent_evidence(ehc_request: EHCRequest, *, with_documents: bool = False) -> EvidencePack | None:
    """The school's evidence pack sent with this request, if one was (its frozen copies only when a
    download needs them: a page does not read the PDF)."""
    found = EvidencePack.objects.filter(request=ehc_request, sent_on__isnull=False)
    if not with_documents:
        found = found.defer("sent_json", "sent_pdf")
    return found.select_related("pupil").first()


def holds(user: Any, ehc_request: EHCRequest) -> bool:
    return granted_requests(user).filter(pk=ehc_request.pk).exists()


def open_access(ehc_request: EHCRequest) -> QuerySet[EHCAccess]:
    """Who outside the school may see this request now."""
    return EHCAccess.objects.filter(request=ehc_request, revoked_at__isnull=True).select_related("user")


def get_open_access(ehc_request: EHCRequest, access_id: int) -> EHCAccess:
    found = open_access(ehc_request).filter(pk=access_id).first()
    if found is None:
        raise Http404("No such access")
    return found


def officers_for(school: Any) -> QuerySet:
    """The active officers of the school's own local authority: the only people a request can be given to."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            la_memberships__local_authority_id=school.local_authority_id,
            la_memberships__active=True,
        )
        .order_by("first_name", "last_name", "username")
        .distinct()
    )


def authority_for(user: Any) -> LocalAuthority:
    """The officer's authority (the first, for an officer of several): the LA number the SEN2 return is for."""
    found = LocalAuthority.objects.filter(pk__in=la_ids_for(user)).order_by("number").first()
    if found is None:
        raise Http404("Not an officer of a local authority")
    return found
