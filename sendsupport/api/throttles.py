"""How many calls the API accepts: per token, and failed sign-ins (bad tokens) per address.

django-ninja's throttles count in Django's default cache (see ``CACHES`` in settings). Rates come
from settings, so an installation can change them without code.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import AnonRateThrottle, AuthRateThrottle


class TokenRateThrottle(AuthRateThrottle):
    """Calls per token. Keyed on the token's stored hash: unique, and not the secret itself."""

    def __init__(self) -> None:
        super().__init__(settings.API_RATE_PER_TOKEN)

    def allow_request(self, request: HttpRequest) -> bool:
        # Read the rate on each call (the API's throttle is made once, at import) so settings rule.
        self.rate = settings.API_RATE_PER_TOKEN
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        return self.cache_format % {"scope": self.scope, "ident": request.auth.key_hash}


class FailedSignInThrottle(AnonRateThrottle):
    """Failed sign-ins (a missing, wrong, revoked or expired token) per address, so guessing is slow.

    ninja checks throttles only after authentication succeeds, so ``ApiTokenAuth`` counts failures itself.
    """

    scope = "failed_sign_in"

    def __init__(self) -> None:
        super().__init__(settings.API_RATE_FAILED_SIGN_INS)
