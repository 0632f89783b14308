"""The Local Offer page: where families turn for help (SENDIASS, the Local Offer) and the SEND services
in the local authority's directory, as the worker last read them. Never reads the directory itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sendsupport.pupils.selectors import local_authorities_for, managed_local_authority_ids


@login_required
def local_offer(request: HttpRequest) -> HttpResponse:
    authorities = local_authorities_for(request.user)
    if not authorities:
        raise Http404("Not found")
    return render(
        request,
        "pupils/local_offer.html",
        {"authorities": authorities, "managed": managed_local_authority_ids(request.user)},
    )


@login_required
@require_POST
def local_offer_refresh(request: HttpRequest, la_id: int) -> HttpResponse:
    """The SENCO or head asks the worker to read the directory again; the page never waits for it."""
    from sendsupport.schools.tasks import refresh_local_offers

    if la_id not in managed_local_authority_ids(request.user):
        raise Http404("Not found")
    refresh_local_offers.enqueue(la_id)
    messages.success(
        request, "The directory will be read again in the next few minutes. Come back to see what it holds."
    )
    return redirect("pupils:local_offer")
