"""The words of the email telling parents that their child cannot take part in an activity.

Never only "you have new information": the email says what was decided, why, what was considered,
and where to see it and ask about it.
"""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

from sendsupport.statutory.inclusion.models import ActivityDecision


def parent_page(pupil: Any) -> str:
    """The parent's page about their child: the portal's when it exists, else "Your children"."""
    try:
        return reverse("portal:child", args=[pupil.pk])
    except NoReverseMatch:
        return reverse("pupils:my_children")


def decision(item: ActivityDecision, contact: Any, base_url: str) -> tuple[str, str]:
    pupil, activity = item.pupil, item.activity
    school = pupil.school.name
    link = base_url.rstrip("/") + parent_page(pupil)
    subject = f"{pupil.display_name} and {activity.name}: a decision about taking part"
    body = (
        f"Dear {contact},\n\n"
        f"{school} has decided that {pupil.display_name} cannot take part in {activity.name} "
        f"({activity.dates_text}).\n\n"
        f"The law asks schools to include every child with special educational needs in activities with "
        f"other children as far as is reasonably practicable. A school may decide otherwise only for one of "
        f"the reasons in section 35 of the Children and Families Act 2014. The reason given is:\n"
        f"{item.get_reason_display()}.\n\n"
        f"Why: {item.explanation}\n\n"
        f"The changes (reasonable adjustments) the school considered so that {pupil.display_name} could take "
        f"part:\n{item.adjustments_considered}\n\n"
        f"If you would like to talk about this decision, please contact the school's SENCO. You can also get "
        f"free, impartial advice from your local SENDIASS.\n\n"
        f"You can see this decision on your page about {pupil.display_name} (sign in first):\n{link}\n\n"
        f"{school}\n"
    )
    return subject, body
