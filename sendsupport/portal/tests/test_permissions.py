"""Every portal page, every persona (the shared loop of ``sendsupport.testing.permissions``).

A child's page is for that child's own parents only: staff have the pupil's record page, and a
parent of another child gets 404 exactly as for a child that does not exist.
"""

from __future__ import annotations

from sendsupport.schools.models import School
from sendsupport.testing.permissions import Case, Table
from sendsupport.testing.personas import MANAGERS, PARENTS, STAFF


def report_urls(w) -> list[str]:
    return list(School.objects.order_by("pk").values_list("sen_information_report_url", flat=True))


TABLE = Table(
    "portal",
    [
        Case("portal:child", lambda w: [w.pupil.pk], {"parent"}, needs=("family",)),
        Case("portal:child", lambda w: [w.other_pupil.pk], {"other_parent"}, label="other pupil"),
        Case("portal:preparing", allowed=PARENTS | STAFF),
        Case("portal:sen_report_edit", allowed=MANAGERS),
        Case(
            "portal:sen_report_edit",
            allowed=MANAGERS,
            status=302,
            method="post",
            data={"url": "https://oakfield.example/send"},
            unchanged=report_urls,
        ),
    ],
)
test_permissions = TABLE.test()
