"""Demo: EHC needs assessment requests with their clocks running, as a school a year into using them.

1. The demo parent's child: the school asked about 5 weeks ago, with the parents; the local authority's
   decision whether to assess is due next week. Shared with the demo LA officer (``la``), so the parent's
   portal page shows the timeline and the officer's list shows the request.
2. Another pupil further along: agreed at week 5, the school's advice asked for and sent on time, the
   draft issued at week 16 and the parents' 15 days for representations running. Shared with ``la``.
3. A third pupil whose authority works on paper: the SENCO recorded the decision to assess and the
   request for the school's advice, which falls due in 10 days: it is on the SENCO's to-do list.
Every step goes through the services, so the history and audit log read as if people had done it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sendsupport.pupils.codes import Provision
from sendsupport.pupils.models import Pupil
from sendsupport.pupils.selectors import with_current_sen
from sendsupport.schools.models import School
from sendsupport.statutory import services as statutory_services
from sendsupport.statutory.evidence import services as evidence_services
from sendsupport.statutory.la import services as la_services


def add_ehc_clocks(*, school: School, child: Pupil, users: dict[str, Any], today: date) -> None:
    senco, officer = users["senco"], users["la"]
    others = list(
        with_current_sen(Pupil.objects.filter(school=school))
        .filter(current_provision=Provision.SEN_SUPPORT)
        .exclude(pk=child.pk)
        .order_by("year_group", "pk")[:2]
    )

    def request(pupil: Pupil, days_ago: int, notes: str) -> Any:
        return statutory_services.save_request(
            pupil=pupil,
            by=senco,
            requested_on=today - timedelta(days=days_ago),
            requested_by="school",
            notes=notes,
            today=today,
        )

    def step(row: Any, name: str, days_ago: int, by: Any, outcome: str = "") -> Any:
        return la_services.record_step(
            ehc_request=row, step=name, by=by, on=today - timedelta(days=days_ago), outcome=outcome, today=today
        )

    first = request(
        child,
        35,
        "Two cycles of SEN support with less than expected progress in speech and language, after the speech "
        "and language therapist's advice was put in place. Discussed with Mrs Patel at the spring review: she "
        "agrees with the request and has written her views for it.",
    )
    # The school's evidence went with it, so the officer reads the pack as it was sent.
    pack = evidence_services.save_pack(
        pupil=child,
        by=senco,
        covering_summary=(
            "Two cycles of SEN support with the speech and language therapist's advice in place have not "
            f"brought the progress hoped for: the support {child.display_name} now needs goes beyond what the "
            "school can provide from its own resources."
        ),
        parents_involved_on=first.requested_on - timedelta(days=6),
        parents_involvement="Mrs Patel met the SENCO, read the evidence with her and agreed the request.",
        parents_view="We want our child's needs assessed so that the right help comes, to talk and learn with friends.",
        for_request=first,
        today=today,
    )
    evidence_services.send_pack(pack=pack, by=senco, sent_on=first.requested_on, today=today)
    la_services.grant_access(ehc_request=first, officer=officer, by=senco)
    if not others:
        return

    second = request(
        others[0],
        119,
        "Social, emotional and mental health needs: support through three cycles, and the educational "
        "psychologist's advice. The parents asked the school to make the request and took part in it.",
    )
    la_services.grant_access(ehc_request=second, officer=officer, by=senco)
    step(second, "decision", 84, officer, "agreed")  # week 5
    step(second, "advice_requested", 82, officer)
    step(second, "advice_sent", 50, senco)  # 32 days after being asked: on time
    step(second, "draft", 7, officer)  # week 16; representations run to day 15

    if len(others) < 2:
        return
    third = request(
        others[1],
        70,
        "Cognition and learning needs well below age expectations despite targeted support over two years. "
        "The parents agree; the local authority writes to the school by letter.",
    )
    step(third, "decision", 34, senco, "agreed")
    step(third, "advice_requested", 32, senco)  # due in 10 days: on the SENCO's to-do list
