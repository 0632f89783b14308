"""Background tasks of the schools app, run by the worker (``sendsupport db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_local_offers(local_authority_id: int | None = None) -> int:
    """Read the service directory of one authority (or of every authority that has one recorded).
    Returns how many directories were read successfully."""
    from sendsupport.schools.models import LocalAuthority
    from sendsupport.schools.services import refresh_local_offer

    authorities = LocalAuthority.objects.exclude(directory_url="")
    if local_authority_id is not None:
        authorities = authorities.filter(pk=local_authority_id)
    return sum(refresh_local_offer(local_authority=la).succeeded for la in authorities)
