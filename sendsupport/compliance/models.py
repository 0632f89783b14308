"""What the to-do list remembers between requests, and how it knows when to forget."""

from __future__ import annotations

from django.db import models


class RecordsVersion(models.Model):
    """A token that changes whenever a school's records change ("school:<id>"), or whenever
    something every school shares changes ("all"). The to-do list is worked out from thousands of
    records; each web process remembers it under these tokens and works it out again only when one
    of them has changed (``compliance.memo``)."""

    scope = models.CharField(max_length=40, primary_key=True)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "records version"

    def __str__(self) -> str:
        return f"{self.scope}: {self.token}"
