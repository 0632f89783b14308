"""Who the token belongs to: the caller's identity, roles and authorities."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from sendsupport.accounts.access import is_parent
from sendsupport.api.auth import caller
from sendsupport.api.schemas import UNAUTHORISED, AuthorityOut
from sendsupport.schools.models import LocalAuthorityMembership, StaffMembership

router = Router(tags=["You"])


class RoleOut(Schema):
    school_id: int
    school_name: str
    role: str
    role_label: str


class TokenInfoOut(Schema):
    name: str
    prefix: str


class MeOut(Schema):
    id: int
    username: str
    name: str
    email: str
    roles: list[RoleOut]
    local_authorities: list[AuthorityOut]
    is_parent: bool
    token: TokenInfoOut


@router.get("", response={200: MeOut, **UNAUTHORISED}, summary="Who you are", operation_id="me")
def me(request: HttpRequest) -> dict:
    """The person this token belongs to, their roles at schools, and any local authority they work for."""
    user = caller(request)
    memberships = StaffMembership.objects.filter(user=user, active=True).select_related("school")
    authorities = LocalAuthorityMembership.objects.filter(user=user, active=True).select_related("local_authority")
    return {
        "id": user.pk,
        "username": user.get_username(),
        "name": user.get_full_name() or user.get_username(),
        "email": user.email,
        "roles": [
            {
                "school_id": m.school_id,
                "school_name": m.school.name,
                "role": m.role,
                "role_label": m.get_role_display(),
            }
            for m in memberships.order_by("school__name", "role")
        ],
        "local_authorities": [
            {"id": a.local_authority_id, "number": a.local_authority.number, "name": a.local_authority.name}
            for a in authorities.order_by("local_authority__name")
        ],
        "is_parent": is_parent(user),
        "token": {"name": request.auth.name, "prefix": request.auth.prefix},
    }
