"""The interactive API documentation (Swagger UI) under our strict content security policy.

django-ninja ships Swagger UI's files and an init script (``swagger-ui-init.js``) that reads its
settings from a JSON ``<script type="application/json">`` block, so the page needs no inline script
or style and keeps the site-wide CSP unchanged: no per-view relaxation. The files are ninja's static
files, served like ours by WhiteNoise, which needs ``"ninja"`` in ``INSTALLED_APPS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse
    from ninja import NinjaAPI


class SwaggerDocs(DocsBase):
    """Swagger UI inside our own page layout (skip link, one heading, navigation, footer)."""

    settings: dict[str, Any] = {
        "layout": "BaseLayout",
        # Deep links put a link inside each operation's expand button: nested controls that screen
        # readers and axe reject. Without them the path is plain text inside the button.
        "deepLinking": False,
        # Never send our schema's address to the public Swagger validator (and CSP would block it).
        "validatorUrl": None,
        "defaultModelsExpandDepth": 0,
    }

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, "api/docs.html", {"api": api, "swagger_settings": settings})
