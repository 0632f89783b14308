"""Remembering the to-do list between requests, and forgetting it the moment a record changes.

Working out the to-do list reads every pupil's records (about 40 queries and 2,000 objects for a
school of 2,000 pupils), and the home page, the to-do list and every pupil page ask for it. Each web
process keeps the answer for a while under a key that includes the school's *records version*: a
token that any saved or deleted record of that school changes, in the same transaction as the
change (the signals below, and ``records_changed`` for code that writes in bulk). The version is
read with one query per request, so a change made through any process is seen by every process at
once; the answer is also dropped after ``REMEMBER_LISTS_SECONDS`` as a safety net for changes made
outside the application.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.db.models.signals import m2m_changed, post_delete, post_save

from sendsupport.core import prepared
from sendsupport.schools.models import RecordsVersion, School

T = TypeVar("T")

EVERY_SCHOOL = "all"
# The apps whose records the to-do list reads. Accounts (a sign-in saves the user), the audit log
# (every page view writes to it) and API tokens are left out on purpose: they never change a gap.
WATCHED_APPS = (
    "sendsupport.pupils.",
    "sendsupport.schools.",
    "sendsupport.support.",
    "sendsupport.meetings.",
    "sendsupport.provision.",
    "sendsupport.statutory.",
    "sendsupport.staff.",
    "sendsupport.interop.",
    "sendsupport.compliance.",
)
# The year's provision costs read only the provision records and the school's calendar and policy
# (term dates, teaching weeks). They are remembered under a narrower token, "school:<id>:costs",
# that only changes to records of these apps move: a note, a plan or a meeting saved leaves the
# year's costs standing, and the to-do list worked out again after it does not cost the year again.
COSTS_APPS = ("sendsupport.provision.", "sendsupport.schools.")
# A remembered page (``audit.remembered_pages``) shows more than the to-do list reads: people's
# names, the link book, emails sent. Changes to records outside ``WATCHED_APPS`` move this one token,
# shared by every school, so that no remembered page outlives them. Only bookkeeping that no page
# shows is left out (``NOT_ON_ANY_PAGE``).
PAGES = "pages"
MAX_ENTRIES = 32  # schools x people x pages at once in one process; the least recently used goes first

_lock = threading.Lock()
_remembered: OrderedDict[tuple, tuple[float, Any]] = OrderedDict()
_paths: dict[type[models.Model], tuple[str, ...] | None] = {}


SCHOOL_SCOPE_PREFIX = "school:"


def school_scope(school_id: int) -> str:
    return f"{SCHOOL_SCOPE_PREFIX}{school_id}"


def costs_scope(school_id: int) -> str:
    return f"school:{school_id}:costs"


def records_version(school_id: int) -> tuple[str, ...]:
    """The tokens that must be unchanged for a remembered answer about this school to stand. One query."""
    return records_versions([school_id])


def records_versions(school_ids: Iterable[int]) -> tuple[str, ...]:
    """The same for an answer about several schools (an authority's figures). One query."""
    return _tokens([EVERY_SCHOOL, *(school_scope(school_id) for school_id in school_ids)])


def page_versions(school_ids: Iterable[int]) -> tuple[str, ...]:
    """The tokens that must be unchanged for a remembered page about these schools to stand: their
    records versions and ``PAGES``, which every other change moves (a user's name, a link book entry,
    an email sent). One query."""
    return _tokens(page_scopes(school_ids))


def page_scopes(school_ids: Iterable[int]) -> list[str]:
    """The scopes whose tokens ``page_versions`` reads, in the order it gives them."""
    return [EVERY_SCHOOL, PAGES, *(school_scope(school_id) for school_id in sorted(set(school_ids)))]


def tokens_in_order(scopes: list[str], found: dict[str, str | None]) -> tuple[str, ...]:
    """The tokens of ``scopes`` from ``found`` (scope: token, read by the caller), as ``_tokens``
    gives them: "" for a scope that has none yet."""
    return tuple(found.get(scope) or "" for scope in scopes)


def costs_version(school_id: int) -> tuple[str, ...]:
    """The tokens that must be unchanged for the school's remembered costs to stand: only changes to
    provision records and to the school's calendar and policy move them (``COSTS_APPS``). One query."""
    return _tokens([EVERY_SCHOOL, costs_scope(school_id)])


def _tokens(scopes: list[str]) -> tuple[str, ...]:
    # Written as SQL: every remembered page reads its versions, and the ORM took ten times as long
    # to build this query as the database took to answer it.
    table = connection.ops.quote_name(RecordsVersion._meta.db_table)
    placeholders = ", ".join(["%s"] * len(scopes))
    with prepared.cursor() as cursor:
        cursor.execute(f"SELECT scope, token FROM {table} WHERE scope IN ({placeholders})", scopes)  # noqa: S608
        found = dict(cursor.fetchall())
    return tokens_in_order(scopes, found)


def records_changed(school_ids: Iterable[int | None], *, costs: bool = True) -> None:
    """Mark these schools' records as changed (None: something every school shares). One query.

    Called by the signals below for every saved or deleted record, and directly by code that
    writes in bulk (``bulk_create`` and ``update`` send no signals). ``costs=False`` says the change
    cannot alter the provision costs (a record of an app outside ``COSTS_APPS``); bulk writers keep
    the default, which moves both tokens."""
    scopes: set[str] = set()
    for school_id in school_ids:
        if school_id is None:
            scopes.add(EVERY_SCHOOL)
            continue
        scopes.add(school_scope(school_id))
        if costs:
            scopes.add(costs_scope(school_id))
    if not scopes:
        return
    token = secrets.token_hex(8)
    RecordsVersion.objects.bulk_create(
        [RecordsVersion(scope=scope, token=token) for scope in sorted(scopes)],
        update_conflicts=True,
        unique_fields=["scope"],
        update_fields=["token"],
    )


def remembered(key: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, or the answer this process already has for ``key`` (which must include
    ``records_version``). Answers are shared between requests: callers must not change them."""
    seconds = settings.REMEMBER_LISTS_SECONDS
    if seconds <= 0:
        return compute()
    now = time.monotonic()
    with _lock:
        hit = _remembered.get(key)
        if hit is not None and now - hit[0] < seconds:
            _remembered.move_to_end(key)
            return hit[1]
    value = compute()
    with _lock:
        _remembered[key] = (now, value)
        _remembered.move_to_end(key)
        while len(_remembered) > MAX_ENTRIES:
            _remembered.popitem(last=False)
    return value


def already_known(key: tuple) -> Any | None:
    """The answer this process has for ``key``, or None; never works anything out."""
    with _lock:
        hit = _remembered.get(key)
    if hit is None or time.monotonic() - hit[0] >= settings.REMEMBER_LISTS_SECONDS:
        return None
    return hit[1]


def forget_everything() -> None:
    """Drop every remembered answer in this process (tests start each from nothing)."""
    with _lock:
        _remembered.clear()


# -- Which school a changed record belongs to -------------------------------------------------------


def path_to_school(model: type[models.Model]) -> tuple[str, ...] | None:
    """The shortest chain of foreign keys from ``model`` to its school, e.g. ("cycle", "pupil",
    "school"); () for a school; None when the record belongs to no one school."""
    if model not in _paths:
        _paths[model] = _shortest_path(model, School)
    return _paths[model]


def _shortest_path(model: type[models.Model], school: type[models.Model]) -> tuple[str, ...] | None:
    if model is school:
        return ()
    queue: deque[tuple[type[models.Model], tuple[str, ...]]] = deque([(model, ())])
    seen = {model}
    while queue:
        current, path = queue.popleft()
        for field in current._meta.concrete_fields:
            if not (field.many_to_one or field.one_to_one):
                continue
            target = field.related_model
            if target is school:
                return (*path, field.name)
            if target not in seen and len(path) < 3 and target.__module__.startswith(WATCHED_APPS):
                seen.add(target)
                queue.append((target, (*path, field.name)))
    return None


def school_of(instance: models.Model) -> int | None:
    """The id of the school ``instance`` belongs to, following loaded objects where it can and one
    query where it cannot; None when it belongs to every school or its school cannot be found."""
    path = path_to_school(type(instance))
    if path is None:
        return None
    if not path:
        return instance.pk
    current: models.Model = instance
    for index, name in enumerate(path):
        field = current._meta.get_field(name)
        raw = getattr(current, field.attname)
        if raw is None:
            return None
        if index == len(path) - 1:
            return raw
        if field.is_cached(current):
            current = getattr(current, name)
            continue
        rest = "__".join(path[index + 1 :])
        found = field.related_model._base_manager.filter(pk=raw).values_list(f"{rest}_id", flat=True).first()
        return found
    return None


def _on_save_or_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    records_changed([school_of(instance)], costs=_moves_costs(sender))


def _on_m2m(sender: type[models.Model], instance: models.Model, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        # The link table's own app decides: a provision's deliverers are provision records.
        records_changed([school_of(instance)], costs=_moves_costs(sender) or _moves_costs(type(instance)))


def _moves_costs(model: type[models.Model]) -> bool:
    return model.__module__.startswith(COSTS_APPS)


# Records kept in step with others, which change only when those do: the stored current SEN status
# (from the status history), a record of someone reading the local offer, and the history tables.
UNWATCHED = ("schools.RecordsVersion", "pupils.CurrentSEN", "schools.LocalOfferRead")


# Written on every request or sign-in, or kept for the system's own use, and shown on no remembered
# page: moving the pages token for them would forget every page on every sign-in.
NOT_ON_ANY_PAGE = (
    "admin.LogEntry",
    "auth.Permission",
    "contenttypes.ContentType",
    "sessions.Session",
    "accounts.UserSession",
    "axes.AccessFailureLog",
    "axes.AccessAttempt",
    "axes.AccessAttemptExpiration",
    "axes.AccessLog",
    "otp_totp.TOTPDevice",
    "otp_static.StaticDevice",
    "otp_static.StaticToken",
    "django_tasks_database.DBTaskResult",
    "audit.AuditEvent",
    # Kept in step with records whose own changes move a version.
    "schools.RecordsVersion",
    "pupils.CurrentSEN",
)
# A save that changes only these fields of a user is a sign-in (Django's ``update_last_login``).
SIGN_IN_FIELDS = frozenset({"last_login"})


def page_only_models() -> list[type[models.Model]]:
    """Models whose changes move only the pages token: every model neither watched nor left out. History
    tables are left out too: a history row is written with its record (or link), whose own signal
    moves a version."""
    watched = set(watched_models())
    return [
        model
        for model in apps.get_models()
        if model not in watched
        and model._meta.label not in NOT_ON_ANY_PAGE
        and not any(field.name in ("history_id", "m2m_history_id") for field in model._meta.fields)
    ]


def pages_changed() -> None:
    """Forget every remembered page, in every process (one query)."""
    RecordsVersion.objects.bulk_create(
        [RecordsVersion(scope=PAGES, token=secrets.token_hex(8))],
        update_conflicts=True,
        unique_fields=["scope"],
        update_fields=["token"],
    )


def _on_page_only_change(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and frozenset(update_fields) <= SIGN_IN_FIELDS:
        return
    if kwargs.get("action", "post_").startswith("post_"):
        pages_changed()


def watched_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith(WATCHED_APPS)
        and model._meta.label not in UNWATCHED
        and not any(field.name == "history_id" for field in model._meta.fields)
    ]


def connect() -> None:
    """Listen for changes to every watched model (called once, when the app loads). Receivers are
    connected per model, not for all senders, so that deleting unwatched records stays a fast delete."""
    for model in watched_models():
        _listen(model, f"records-version-{model._meta.label}", _on_save_or_delete, _on_m2m)
    for model in page_only_models():
        _listen(model, f"pages-version-{model._meta.label}", _on_page_only_change, _on_page_only_change)


def _listen(model: type[models.Model], uid: str, on_change: Callable, on_links: Callable) -> None:
    post_save.connect(on_change, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(on_change, sender=model, dispatch_uid=uid, weak=False)
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(on_links, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}", weak=False)
