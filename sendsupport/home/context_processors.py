"""What every page needs to draw the navigation for the person signed in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse

from sendsupport.accounts.access import STAFF_ROLES, is_la_officer, is_parent, roles_at, works_at_several
from sendsupport.accounts.school_context import current_school
from sendsupport.schools.models import CLASSROOM_STAFF, REGISTER_MANAGERS, Role

# Every page draws the menu: its links are worked out once per process, not with a reverse() per
# item per request. The script prefix and URLconf are part of the key, as they are of reverse().
_links: dict[tuple[str, Any, str], str] = {}


def link(name: str) -> str:
    """``reverse(name)`` for a page that takes no arguments, remembered."""
    key = (get_script_prefix(), get_urlconf(settings.ROOT_URLCONF), name)
    found = _links.get(key)
    if found is None:
        found = _links[key] = reverse(name)
    return found


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    school = current_school(request)
    roles = roles_at(user, school)
    items = [("Home", link("home"))]
    if roles & REGISTER_MANAGERS:
        items.append(("To-do", link("compliance:todo")))
    if roles & (REGISTER_MANAGERS | CLASSROOM_STAFF):
        items.append(("SEN register", link("pupils:register")))
        items.append(("Provision", link("provision:provisions")))
    if roles & CLASSROOM_STAFF:
        items.append(("Passports to read", link("profiles:to_read")))
    if roles & REGISTER_MANAGERS:
        items += [
            ("Staff", link("schools:staff")),
            ("Groups", link("schools:groups")),
            ("Outcome bank", link("support:bank")),
            ("Import and export", link("interop:hub")),
            ("Audit log", link("audit:school_log")),
        ]
    if roles & (REGISTER_MANAGERS | {Role.GOVERNOR}):
        items.append(("Overview", link("schools:overview")))
    in_la = is_la_officer(user)
    if in_la:
        items.append(("Schools in your area", link("schools:la_overview")))
        items.append(("EHC requests", link("ehc:la_requests")))
    if is_parent(user):
        items.append(("Your children", link("pupils:my_children")))
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
