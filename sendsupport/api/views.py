"""The signed-in person's API tokens: list, make (shown once) and revoke. Plus the API's JSON 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from sendsupport.api import services
from sendsupport.api.forms import TokenForm
from sendsupport.api.selectors import get_own_token, may_use_api, tokens_for
from sendsupport.core.forms import apply_validation_error


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    if not may_use_api(request.user):
        raise Http404("Not found")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.create_token(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            # Shown in this response only: the secret is never stored, not even in the session.
            response = render(request, "api/token_created.html", {"token": token, "secret": secret})
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True)
            return response
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens_for(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    # Revoking stays open to everyone: someone whose role changed can still switch an old token off.
    token = get_own_token(request.user, token_id)
    services.revoke_token(token=token)
    messages.success(request, f"The token “{token.name}” has been revoked. Programs using it can no longer sign in.")
    return redirect("api:tokens" if may_use_api(request.user) else "home")


@csrf_exempt
def api_not_found(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"detail": "Not found"}, status=404)
