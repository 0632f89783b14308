from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sendsupport.meetings import services
from sendsupport.meetings.models import Meeting


def record(pupil, by, *, days_ago: int = 7, parents=None, **extra) -> Meeting:
    """A meeting recorded through the service, dated relative to the real today (views use it)."""
    fields = {
        "held_on": timezone.localdate() - timedelta(days=days_ago),
        "kind": Meeting.Kind.REVIEW,
        "discussed": "How Maya is getting on with her speech and language targets.",
        "agreed": "Maya will have two short sessions a week with the TA.",
        "actions": "Mrs Evans will practise the word cards at home.",
        "parents_attended": list(pupil.contact_links.values_list("contact", flat=True)) if parents is None else parents,
    }
    fields.update(extra)
    if fields["parents_attended"] and not hasattr(fields["parents_attended"][0], "pk"):
        from sendsupport.pupils.models import Contact

        fields["parents_attended"] = list(Contact.objects.filter(pk__in=fields["parents_attended"]))
    return services.record_meeting(pupil=pupil, by=by, **fields)


@pytest.fixture
def meeting(pupil, parent, senco) -> Meeting:
    return record(pupil, senco, staff_attendees=[senco])


@pytest.fixture
def shared_meeting(pupil, parent, senco) -> Meeting:
    meeting = record(pupil, senco, days_ago=14, staff_attendees=[senco])
    return services.share_with_parents(meeting=meeting, by=senco)


BASE_URL = "http://testserver/"


def plan_meeting(pupil, by, *, days_ahead: int = 10, **extra):
    """A meeting confirmed through the service, ``days_ahead`` from now at 15:30, every parent invited."""
    from datetime import time

    from sendsupport.meetings import planning

    fields = {
        "on": timezone.localdate() + timedelta(days=days_ahead),
        "starts": time(15, 30),
        "ends": time(16, 15),
        "place": "The SENCO's office",
        "video_link": "",
        "invited": list(planning.invitable_parents(pupil)),
        "staff": [by],
        "base_url": BASE_URL,
    }
    fields.update(extra)
    return planning.confirm_meeting(pupil=pupil, by=by, **fields)


@pytest.fixture
def planned(pupil, parent, senco):
    return plan_meeting(pupil, senco)
