"""Every successful read of a pupil's record is logged, whether or not the view remembers to.

A page or API route finds its pupil through ``pupils.lookup`` (the one way to), which notes the
pupil; a view that logs its own, better-worded "viewed" or "exported" entry notes that too. After
a successful GET this middleware logs a "viewed" entry for every pupil found and not yet logged,
named after the page's title (or the API address). So auditing reads is not opt-in: a new page is
audited from its first line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from sendsupport.audit.services import begin_reads, end_reads, record_view

TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
SUFFIX = " – sendsupport"


def _what(request: HttpRequest, response: HttpResponse) -> str:
    if not response.streaming and "html" in response.get("Content-Type", ""):
        match = TITLE.search(response.content[:4096])
        if match:
            title = " ".join(html.unescape(match.group(1).decode(errors="replace")).split())
            return f"Viewed the page “{title.removesuffix(SUFFIX)}”"
    if request.path.startswith("/api/"):
        return f"Read through the API: {request.path}"
    return f"Opened {request.path}"


class PupilReadAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = begin_reads()
        try:
            response = self.get_response(request)
        finally:
            reads = end_reads(token)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            missing = [pupil for pk, pupil in reads.found.items() if pk not in reads.logged]
            if missing:
                what = _what(request, response)
                for pupil in missing:
                    record_view(user=request.user, pupil=pupil, what=what)
        return response
