"""What every page needs to draw the navigation for the person signed in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from sendsupport.accounts.access import STAFF_ROLES, is_la_officer, is_parent, roles_at, works_at_several
from sendsupport.accounts.school_context import current_school
from sendsupport.schools.models import CLASSROOM_STAFF, REGISTER_MANAGERS, Role


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    school = current_school(request)
    roles = roles_at(user, school)
    items = [("Home", reverse("home"))]
    if roles & REGISTER_MANAGERS:
        items.append(("To-do", reverse("compliance:todo")))
    if roles & (REGISTER_MANAGERS | CLASSROOM_STAFF):
        items.append(("SEN register", reverse("pupils:register")))
        items.append(("Provision", reverse("provision:provisions")))
    if roles & CLASSROOM_STAFF:
        items.append(("Passports to read", reverse("profiles:to_read")))
    if roles & REGISTER_MANAGERS:
        items += [
            ("Staff", reverse("schools:staff")),
            ("Groups", reverse("schools:groups")),
            ("Outcome bank", reverse("support:bank")),
            ("Import and export", reverse("interop:hub")),
            ("Audit log", reverse("audit:school_log")),
        ]
    if roles & (REGISTER_MANAGERS | {Role.GOVERNOR}):
        items.append(("Overview", reverse("schools:overview")))
    in_la = is_la_officer(user)
    if in_la:
        items.append(("Schools in your area", reverse("schools:la_overview")))
        items.append(("EHC requests", reverse("ehc:la_requests")))
    if is_parent(user):
        items.append(("Your children", reverse("pupils:my_children")))
    path = request.path
    nav = [
        {"text": text, "href": href, "active": path == href or (href != "/" and path.startswith(href))}
        for text, href in items
    ]
    # The same people api.selectors.may_use_api lets in, read from what is already known (no extra query).
    can_use_api = bool(roles & STAFF_ROLES) or in_la
    # Staff find any pupil on roll they may see from every page; parents, governors and LA officers do not.
    pupil_search = bool(roles & (REGISTER_MANAGERS | CLASSROOM_STAFF))
    return {
        "nav_items": nav,
        "current_school": school,
        "current_roles": roles,
        "can_use_api": can_use_api,
        "pupil_search": pupil_search,
        "can_change_school": school is not None and works_at_several(user),
    }
