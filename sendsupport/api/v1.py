"""API v1: the NinjaAPI instance, its routers (one module per resource) and its error handling.

To add a resource (provisions, delivered sessions): write ``routers/<resource>.py`` with a ``router``
that reads through the app's own selectors, scoped by ``caller(request)``, and add it below.
"""

from __future__ import annotations

from ninja import NinjaAPI

from sendsupport.api import errors
from sendsupport.api.auth import ApiTokenAuth
from sendsupport.api.docs import SwaggerDocs
from sendsupport.api.routers import (
    cycles,
    linkbook,
    me,
    meetings,
    planned_meetings,
    provision,
    pupils,
    schools,
    sen,
    voice,
)
from sendsupport.api.throttles import TokenRateThrottle

DESCRIPTION = """
The sendsupport API gives programs the same view of the SEN register that their owner has on the
website: every call is limited by the owner's roles, answers 404 for anything they may not see, and
is written to the school's audit log.

**Tokens.** Make a token on your account's *API tokens* page (or with `sendsupport create-token
USERNAME`) and send it as `Authorization: Bearer <token>`. Session cookies are not accepted.
Making a token on the website asks for your password again. A token works for the number of days
chosen when it was made (7, 30 or 90, up to the installation's maximum), and stops working at once
when it is revoked, when its owner's password changes, or when its owner no longer works at any
school (or is no longer linked to a child). The tokens page shows when each was last used.

**Limits.** Each token may make a set number of calls a minute (600 unless the installation
changes it), and one address may send only a few bad tokens a minute. Past a limit the answer is
429 `{"detail": "Too many requests: …"}` with a `Retry-After` header giving the seconds to wait.

**Errors** are JSON. A missing, expired or revoked token gets 401, something you may not see (or that does
not exist) gets 404 `{"detail": "Not found"}`, and bad input gets 422 with one entry for each
parameter: `{"detail": [{"field": "upn", "location": "path", "message": "…"}]}`.

**Lists** come a page at a time: `page` (from 1) and `page_size` (at most 100); the answer gives
`count`, `page`, `page_size`, `pages` and `items`.
"""

api = NinjaAPI(
    title="sendsupport API",
    version="1",
    description=DESCRIPTION.strip(),
    urls_namespace="api",
    auth=ApiTokenAuth(),
    docs=SwaggerDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[TokenRateThrottle()],
)
errors.install(api)

api.add_router("/me", me.router)
api.add_router("/schools", schools.router)
api.add_router("/pupils", pupils.router)
api.add_router("/pupils", sen.router)
api.add_router("/pupils", cycles.router)
api.add_router("/pupils", meetings.router)
api.add_router("/pupils", planned_meetings.router)
api.add_router("/pupils", linkbook.router)
api.add_router("/pupils", voice.router)
api.add_router("", provision.router)
