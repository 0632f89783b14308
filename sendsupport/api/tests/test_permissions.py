"""Every API route and the token pages, every persona (the shared loop of ``sendsupport.testing.permissions``).

The API answers each persona as the pages would: 200 for what they may see, a JSON 404 that reveals
nothing for the rest, and 401 with no token, a revoked one or a forged one. ``cycles``,
``meetings``, ``planned_meetings``, ``link_book`` and ``views_given`` are Maya's (``conftest.py``).
"""

from __future__ import annotations

from conftest import PASSWORD
from sendsupport.api import services
from sendsupport.api.models import ApiToken
from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import ALL, FAMILY, MANAGERS, NOBODY, SCHOOL_STAFF, SEES_OTHER_PUPIL, STAFF

MAYA, BEN = "pupil", "other_pupil"
MAY_USE_API = STAFF | {"la_officer"}


def of(fixture: str, attr: str = "pk", *rest):
    return lambda w: [getattr(getattr(w, fixture), attr), *rest]


def meeting(pupil: str, which: str, plus: int = 0):
    return lambda w: [getattr(w, pupil).pk, w.meetings[which].pk + plus]


ROUTES = Table(
    "api",
    [
        Case("api:me", allowed=ALL),
        Case("api:list_schools", allowed=ALL),
        Case("api:get_school", of("school"), SCHOOL_STAFF | {"la_officer"}),
        Case("api:get_school", of("other_school"), {"la_officer"}, label="other school"),
        Case("api:get_school_figures", of("school"), MANAGERS | {"governor"}),
        Case("api:get_school_figures", of("other_school"), NOBODY, label="other school"),
        Case("api:list_pupils", allowed=ALL),
        Case("api:get_pupil", of(MAYA), FAMILY),
        Case("api:get_pupil", of(BEN), SEES_OTHER_PUPIL, label="other pupil"),
        Case("api:get_pupil_by_upn", of(MAYA, "upn"), FAMILY),
        Case("api:get_pupil_by_upn", of(BEN, "upn"), SEES_OTHER_PUPIL, label="other pupil"),
        Case("api:list_sen_statuses", of(MAYA), FAMILY),
        Case("api:list_sen_statuses", of(BEN), SEES_OTHER_PUPIL, label="other pupil"),
        Case("api:list_needs", of(MAYA), FAMILY),
        Case("api:list_needs", of(BEN), SEES_OTHER_PUPIL, label="other pupil"),
        Case("api:list_cycles", of(MAYA), FAMILY, needs=("cycles",)),
        Case("api:list_cycles", of(BEN), SEES_OTHER_PUPIL, label="other pupil", needs=("cycles",)),
        Case("api:get_cycle", of(MAYA, "pk", 1), FAMILY, label="reviewed", needs=("cycles",)),
        Case("api:get_cycle", of(MAYA, "pk", 2), FAMILY, label="open", needs=("cycles",)),
        Case("api:get_cycle", of(MAYA, "pk", 3), NOBODY, label="missing", needs=("cycles",)),
        Case("api:get_cycle", of(BEN, "pk", 1), NOBODY, label="under another pupil", needs=("cycles",)),
        Case("api:list_meetings", of(MAYA), FAMILY, needs=("meetings",)),
        Case("api:list_meetings", of(BEN), SEES_OTHER_PUPIL, label="other pupil", needs=("meetings",)),
        Case("api:get_meeting", meeting(MAYA, "shared"), FAMILY, label="shared"),
        Case("api:get_meeting", meeting(MAYA, "private"), STAFF, label="not shared"),
        Case("api:get_meeting", meeting(BEN, "shared"), NOBODY, label="under another pupil"),
        Case("api:get_meeting", meeting(MAYA, "private", 1000), NOBODY, label="missing"),
        Case("api:list_planned_meetings", of(MAYA), FAMILY, needs=("planned_meetings",)),
        Case("api:list_planned_meetings", of(BEN), SEES_OTHER_PUPIL, label="other pupil", needs=("planned_meetings",)),
        # The SENCO and the head always read the link book; the teacher was chosen for Maya, the TA was not.
        Case("api:list_link_book", of(MAYA), MANAGERS | {"teacher", "parent"}, needs=("link_book",)),
        Case("api:list_link_book", of(BEN), MANAGERS | {"other_parent"}, label="other pupil", needs=("link_book",)),
        Case("api:list_parent_views", of(MAYA), FAMILY, needs=("views_given",)),
        Case("api:list_parent_views", of(BEN), SEES_OTHER_PUPIL, label="other pupil", needs=("views_given",)),
        # The pupil's own views are for staff: no parent reads them.
        Case("api:list_pupil_views", of(MAYA), STAFF, needs=("views_given",)),
        Case("api:list_pupil_views", of(BEN), MANAGERS, label="other pupil", needs=("views_given",)),
    ],
    auth="token",
)
test_routes = ROUTES.test()


# Every persona signs in with the shared test password, so the same form works for each.
NEW_TOKEN = {"name": "My script", "days": "30", "password": PASSWORD}


def sencos_token(w) -> list[int]:
    token, _ = services.create_token(user=w.senco, name="Reports")
    return [token.pk]


def revoked(w) -> list:
    return list(ApiToken.objects.filter(revoked_at__isnull=False).values_list("pk", flat=True))


def tokens(w) -> list:
    return list(ApiToken.objects.values_list("user__username", "name"))


PAGES = Table(
    "api pages",
    [
        # Tokens are for staff who work with pupils and LA officers: parents, governors and strangers have
        # no program to connect, so the page is not there for them.
        Case("api:tokens", allowed=MAY_USE_API),
        Case("api:tokens", allowed=MAY_USE_API, method="post", data=NEW_TOKEN, unchanged=tokens),
        Case(
            "api:token_revoke",
            sencos_token,
            {"senco"},
            status=302,
            method="post",
            label="the SENCO's own token",
            unchanged=revoked,
        ),
        # The documentation is public, as the API's description is no secret; its data needs a token.
        Case("api:root", allowed=ALL, status=302, signed_out=302),
        Case("api:openapi-json", allowed=ALL, signed_out=200),
        Case("api:openapi-view", allowed=ALL, signed_out=200),
    ],
)
test_pages = PAGES.test()
