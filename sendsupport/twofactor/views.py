"""Two-factor sign-in pages: set up an authenticator app, enter a code at sign-in, and the account page."""

from __future__ import annotations

from base64 import b32encode
from typing import Any
from urllib.parse import urlencode

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from sendsupport.core.views import form_page, try_service
from sendsupport.twofactor import services
from sendsupport.twofactor.forms import CodeForm
from sendsupport.twofactor.middleware import SESSION_KEY
from sendsupport.twofactor.selectors import app_device, recovery_codes_left, required_for


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return reverse("home")


def _axes_credentials(user: Any) -> dict[str, str]:
    """Wrong codes are counted under their own name in django-axes: a right password resets the count of
    wrong passwords, and must not reset the count of wrong codes, or signing in again would give more tries."""
    return {"username": f"second factor: {user.get_username()}"}


def _locked_out(request: HttpRequest) -> HttpResponse:
    """Sign the person out; django-axes's middleware answers with the locked-out page (429)."""
    credentials = _axes_credentials(request.user)
    logout(request)
    request.axes_locked_out = True
    request.axes_credentials = credentials
    return render(request, "registration/locked_out.html", status=429)


def _secret_in_groups(device: Any) -> str:
    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _qr_svg(device: Any) -> str:
    # Inline SVG: no image library and no request for an image that would carry the secret in its address.
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, svgclass="app-qr-code", border=4)
    # An image to assistive technology, named; the key is given as text under it for those who cannot scan.
    return svg.replace("<svg ", '<svg role="img" aria-label="QR code for your authenticator app" ', 1)


def _codes_page(request: HttpRequest, codes: list[str], *, title: str, next_url: str) -> HttpResponse:
    return render(
        request,
        "twofactor/recovery_codes.html",
        {"codes": [f"{code[:4]}-{code[4:]}" for code in codes], "page_title": title, "next": next_url},
    )


@login_required
@require_http_methods(["GET", "POST"])
def set_up(request: HttpRequest) -> HttpResponse:
    user = request.user
    if app_device(user) is not None:
        messages.info(request, "Two-factor sign-in is already set up for your account.")
        return redirect("twofactor:account")
    device = services.start_set_up(user=user)
    form = CodeForm(request.POST or None, help_text="The 6-digit code your app shows now.")
    if request.method == "POST" and form.is_valid():
        codes = try_service(
            form, lambda: services.confirm_set_up(user=user, device=device, code=form.cleaned_data["code"])
        )
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)
            request.session[SESSION_KEY] = True
            return _codes_page(request, codes, title="Two-factor sign-in is set up", next_url=_next_url(request))
    return form_page(
        request,
        form,
        "twofactor/set_up.html",
        page_title="Set up two-factor sign-in",
        submit_label="Check the code",
        required=required_for(user),
        qr_svg=_qr_svg(device),
        secret=_secret_in_groups(device),
        next=_next_url(request),
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if app_device(user) is None:
        return redirect(f"{reverse('twofactor:set_up')}?{urlencode({'next': _next_url(request)})}")
    credentials = _axes_credentials(user)
    if AxesProxyHandler.is_locked(request, credentials):
        return _locked_out(request)
    form = CodeForm(request.POST or None, help_text="The 6-digit code from your app, or one of your recovery codes.")
    if request.method == "POST" and form.is_valid():
        device = services.check_code(user=user, code=form.cleaned_data["code"])
        if device is not None:
            request.session.cycle_key()
            otp_login(request, device)
            AxesProxyHandler.reset_attempts(username=credentials["username"])
            left = recovery_codes_left(user)
            if device.name == services.RECOVERY_DEVICE:
                messages.warning(
                    request,
                    f"You used a recovery code. You have {left} left. Make new ones on your account page if you are running out.",
                )
            return redirect(_next_url(request))
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False) or AxesProxyHandler.is_locked(request, credentials):
            return _locked_out(request)
        form.add_error("code", services.WRONG_CODE)
    return form_page(
        request,
        form,
        page_title="Enter your sign-in code",
        intro="Open the authenticator app on your phone and enter the code it shows for sendsupport. "
        "If you do not have your phone, enter one of your recovery codes instead.",
        submit_label="Continue",
    )


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "twofactor/account.html",
        {
            "device": app_device(user),
            "codes_left": recovery_codes_left(user),
            "required": required_for(user),
        },
    )


@login_required
@require_POST
def new_codes(request: HttpRequest) -> HttpResponse:
    if app_device(request.user) is None:
        return redirect("twofactor:set_up")
    codes = services.new_recovery_codes(user=request.user)
    return _codes_page(request, codes, title="Your new recovery codes", next_url=reverse("twofactor:account"))


@login_required
@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    if app_device(request.user) is None:
        return redirect("twofactor:account")
    if required_for(request.user):
        messages.error(request, "Two-factor sign-in is required for your role, so it cannot be turned off.")
        return redirect("twofactor:account")
    services.turn_off(user=request.user)
    request.session[SESSION_KEY] = False
    request.session.pop("otp_device_id", None)
    messages.success(request, "Two-factor sign-in is turned off. You will sign in with your password alone.")
    return redirect("twofactor:account")
