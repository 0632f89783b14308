"""Every successful read of a pupil's data writes a "viewed" (or "exported") audit entry.

The permission-table loop (``testing.permissions.run``) calls ``assert_read_audited`` after each
successful GET by a persona the row lets in, so every page and API operation in a table is walked:

- an address about one pupil (its URL has ``pupil_id``) must log an entry for that pupil;
- a list page (``LIST_PAGES``) must log an entry for each pupil it names (by name or UPN) among
  those the persona may see.
"""

from __future__ import annotations

from typing import Any

from django.urls import resolve

# Pages and API operations that list pupils rather than show one.
LIST_PAGES = frozenset(
    {
        "home",
        "pupils:register",
        "pupils:class_list",
        "pupils:my_children",
        "compliance:todo",
        "profiles:to_read",
        "api:list_pupils",
        "api:get_pupil_by_upn",
    }
)
READS = ("viewed", "exported")


def last_event_id() -> int:
    from sendsupport.audit.models import AuditEvent

    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _logged_since(mark: int) -> set[int]:
    from sendsupport.audit.models import AuditEvent

    return set(
        AuditEvent.objects.filter(id__gt=mark, action__in=READS, pupil_id__isnull=False).values_list(
            "pupil_id", flat=True
        )
    )


def assert_read_audited(name: str, url: str, response: Any, user: Any, mark: int, where: str) -> None:
    """Fail when the request just made (after audit entry ``mark``) read pupil data without logging it."""
    from sendsupport.pupils.models import Pupil

    kwargs = resolve(url.split("?")[0]).kwargs
    logged = _logged_since(mark)
    if "pupil_id" in kwargs:
        assert int(kwargs["pupil_id"]) in logged, f"{where}: shows pupil {kwargs['pupil_id']} but logged no view of it"
    if name in LIST_PAGES and not response.streaming:
        content = response.content.decode(errors="replace")
        named = {
            pupil.pk
            for pupil in Pupil.objects.visible_to(user)
            if pupil.display_name in content or pupil.upn in content
        }
        assert named <= logged, f"{where}: names pupils {sorted(named - logged)} but logged no view of them"
