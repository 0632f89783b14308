"""Main pages remembered whole, for the same person, until anything they show changes.

A SENCO moves between the register, the to-do list and a pupil's pages all day, and most visits
find nothing changed since the last one. Working such a page out again costs ten to twenty times
an empty signed-in page (queries, thousands of objects, templates). A view marked with
``remember_page`` is kept, as the bytes it sent, in each web process, under a key made of:

- the address with its query string and host, and the day;
- the person, everything that decides what they may see and what their menu shows (their roles by
  school, whether they are a parent or an LA officer, read afresh on every request, so a role taken
  away takes effect at once), the school they are working in and whether they have given their
  second factor;
- the browser's CSRF secret, so the forms on the page keep working;
- the versions of the records it shows (``schools.memo.page_versions``): every saved or deleted
  record of those schools, and every change to records outside them (names, the link book), moves a
  version, in the same transaction as the change, so a change made through any process is seen at
  once by every process.

Serving a remembered page still writes its audit entries, as the page wrote them the first time
(``audit.services.write_again``): every read of a pupil's record is logged, remembered or not.
Only successful GETs are kept, never a page that showed a message, set a cookie of its own or was
drawn without the browser's CSRF secret. Pages are dropped after ``REMEMBER_LISTS_SECONDS`` as a
safety net for changes made outside the application, and the least recently used go first beyond
``REMEMBER_PAGES_BYTES`` per process.
"""

from __future__ import annotations

import functools
import inspect
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from sendsupport.accounts.access import memoised_page_versions, memoised_school_ids, reach
from sendsupport.accounts.school_context import current_school
from sendsupport.audit.services import Written, begin_capture, end_capture, write_again
from sendsupport.core import dates
from sendsupport.schools.memo import page_versions

PENDING_ATTR = "_sendsupport_page_to_remember"


@dataclass(frozen=True)
class RememberedPage:
    status: int
    content: bytes
    headers: tuple[tuple[str, str], ...]
    written: Written
    used_csrf: bool


_lock = threading.Lock()
_pages: OrderedDict[tuple, tuple[float, RememberedPage]] = OrderedDict()
_size = 0


def their_schools(request: HttpRequest, user: Any) -> Iterable[int] | None:
    """The schools where the user holds a role. None (not remembered) for a parent or an LA officer,
    whose pages also show records of schools they hold no role at (their children's, their area's):
    a view for them names those schools itself."""
    _roles, parent, la_officer = reach(user) or ((), True, True)
    if parent or la_officer:
        return None
    return memoised_school_ids(user)


def remember_page(
    view: Callable | None = None,
    *,
    schools: Callable[[HttpRequest, Any], Iterable[int] | None] = their_schools,
    who: Callable[[HttpRequest], Any] | None = None,
) -> Callable:
    """Serve this GET view from memory when the same person asked for the same page and nothing it
    shows has changed. ``schools(request, user)`` names the schools whose records the page shows
    (``their_schools`` by default), or None not to remember the page for this user; ``who(request)``
    names the person (by default ``request.user``; the API's caller for an API route)."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            user = who(request) if who is not None else request.user
            key = _key(request, user, schools) if request.method == "GET" else None
            if key is None:
                return view(request, *args, **kwargs)
            page = _recall(key)
            if page is not None:
                return _serve(request, user, page)
            # The browser's secret as it came (the one in the key), read before the view: drawing a
            # form for a browser with none makes one, and that page must not be kept.
            secret_sent = request.META.get("CSRF_COOKIE")
            token = begin_capture()
            try:
                result = view(request, *args, **kwargs)
            finally:
                written = end_capture(token)
            setattr(request, PENDING_ATTR, (key, written, secret_sent))
            return result

        # The API reads a route's parameters from its signature: give it the view's, with the
        # annotations read in the view's own module.
        wrapper.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
        return wrapper

    return decorate(view) if view is not None else decorate


def _key(request: HttpRequest, user: Any, schools: Callable[[HttpRequest, Any], Iterable[int] | None]) -> tuple | None:
    if settings.REMEMBER_LISTS_SECONDS <= 0 or settings.REMEMBER_PAGES_BYTES <= 0:
        return None
    if user is None or not user.is_authenticated or _messages_waiting(request):
        return None
    who = reach(user)
    shown = schools(request, user) if who is not None else None
    if shown is None:
        return None
    school = current_school(request) if getattr(request, "user", None) is user else None
    verified = getattr(user, "is_verified", None)
    return (
        request.build_absolute_uri(),  # the address with its query string, and the host it was asked of
        dates.today(),
        user.pk,
        who,
        school.pk if school is not None else None,
        bool(verified()) if callable(verified) else None,
        request.META.get("CSRF_COOKIE"),
        _versions(user, shown),
    )


def _versions(user: Any, shown: Iterable[int]) -> tuple[str, ...]:
    """The versions of the records of ``shown``: read with the user's roles when those are their schools
    (most pages), otherwise in a query of their own."""
    shown = tuple(shown)
    known = memoised_page_versions(user, shown)
    return known if known is not None else page_versions(shown)


def _messages_waiting(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _recall(key: tuple) -> RememberedPage | None:
    with _lock:
        found = _pages.get(key)
        if found is None:
            return None
        if time.monotonic() - found[0] >= settings.REMEMBER_LISTS_SECONDS:
            _drop(key)
            return None
        _pages.move_to_end(key)
        return found[1]


def _serve(request: HttpRequest, user: Any, page: RememberedPage) -> HttpResponse:
    write_again(user=user, written=page.written)
    if page.used_csrf:
        # The page's forms carry a token: send the cookie again with a fresh expiry, as drawing the
        # page did. This is what ``get_token`` does when the browser has a secret (a page that used
        # one is only kept when the browser sent it, and the key holds it, so this one sent it too),
        # without masking a new token nobody reads (about 0.06 ms).
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    response = HttpResponse(page.content, status=page.status)
    for name, value in page.headers:
        response[name] = value
    return response


def _drop(key: tuple) -> None:
    global _size
    _time, page = _pages.pop(key)
    _size -= len(page.content)


def keep(request: HttpRequest, response: Any) -> None:
    """After the response is made (``RememberPagesMiddleware``): keep it if it may be served again."""
    global _size
    pending = getattr(request, PENDING_ATTR, None)
    if pending is None or not _may_keep(request, response):
        return
    key, written, csrf_secret = pending
    used_csrf = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
    if used_csrf and csrf_secret is None:
        # Drawn with a CSRF secret made just now for a browser that sent none: the page's forms are
        # for that secret only, and the next browser with none (the same key) would get them.
        return
    page = RememberedPage(
        status=response.status_code,
        content=response.content,
        headers=tuple(response.items()),
        written=written,
        used_csrf=used_csrf,
    )
    budget = settings.REMEMBER_PAGES_BYTES
    if len(page.content) > budget // 4:
        return
    with _lock:
        if key in _pages:
            _drop(key)
        _pages[key] = (time.monotonic(), page)
        _size += len(page.content)
        while _size > budget:
            _drop(next(iter(_pages)))


def _may_keep(request: HttpRequest, response: Any) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    return not _messages_waiting(request)  # a page that showed a message is never shown again


def forget_every_page() -> None:
    """Drop every remembered page in this process (tests start from nothing)."""
    global _size
    with _lock:
        _pages.clear()
        _size = 0


class RememberPagesMiddleware:
    """Keeps the responses of views marked with ``remember_page``. It sits next to the views, so it
    keeps a response as the view made it; the headers every response gets (security, no-store) are
    added again on the way out each time."""

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        response = self.get_response(request)
        keep(request, response)
        return response
