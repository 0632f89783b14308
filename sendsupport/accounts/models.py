"""People who sign in. What they may do comes from their memberships, not from the user row."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who signs in: staff, parent or carer, governor, LA officer or system administrator.

    ``is_superuser`` marks a system administrator, who works in the Django admin.
    """

    email = models.EmailField("email address", blank=True)

    def __str__(self) -> str:
        return self.get_full_name() or self.username
