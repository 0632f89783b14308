"""The signed-in person's API tokens: list, make (shown once) and revoke. Plus the API's JSON 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from sendsupport.api import services
from sendsupport.api.forms import TokenForm
from sendsupport.api.selectors import get_own_token, may_use_api, tokens_for
from sendsupport.core.views import form_page, try_service


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    if not may_use_api(request.user):
        raise Http404("Not found")
    form = TokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        created = try_service(
            form,
            lambda: services.create_token(
                user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
            ),
        )
        if created:
            token, secret = created
            # Shown in this response only: the secret is never stored, not even in the session.
            response = render(request, "api/token_created.html", {"token": token, "secret": secret})
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True)
            return response
    return form_page(request, form, "api/tokens.html", tokens=tokens_for(request.user))


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
