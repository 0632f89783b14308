"""Reads for the SEN information report, the inclusion strategy and the accessibility plan.

``report_contents`` and ``strategy_contents`` build what the public page shows, as plain data (text,
numbers already suppressed, dates in words), from the draft and the live records. The staff pages
show them as they would be published now; ``services.publish`` freezes them in a ``Publication``.
Nothing here names a pupil: the register is read as counts through ``pupils.selectors.shareable_figures``
(small counts withheld, exactly as governors see them) and costs as totals by activity and stream.

Callers check ``manage_school`` (edit) or ``view_school_aggregates`` (read) for the school first.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import QuerySet

from sendsupport.core.dates import academic_year_bounds, in_words
from sendsupport.core.suppression import withheld_note
from sendsupport.provision.choices import FundingStream
from sendsupport.provision.costing import pence_in_words
from sendsupport.provision.models import FundingAllocation, Intervention, Provision
from sendsupport.provision.selectors import school_costs
from sendsupport.provision.selectors_funding import day_for_year
from sendsupport.pupils.selectors import shareable_figures
from sendsupport.schools.models import School
from sendsupport.schools.selectors import senco_record
from sendsupport.statutory.publishing.models import (
    WRITTEN_ITEMS,
    AccessibilityAction,
    Publication,
    ReportDraft,
    TrainingRecord,
)

# Training older than this many years is left off the report: it describes the staff's expertise now.
TRAINING_YEARS_SHOWN = 3


def draft_of(school: School) -> ReportDraft:
    """The school's draft, or an empty unsaved one (nothing written yet)."""
    return ReportDraft.objects.filter(school=school).first() or ReportDraft(school=school)


def training_of(school: School) -> QuerySet[TrainingRecord]:
    return TrainingRecord.objects.filter(school=school)


def get_training(school: School, record_id: int) -> TrainingRecord:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(TrainingRecord, school=school, pk=record_id)


def actions_of(school: School) -> QuerySet[AccessibilityAction]:
    return AccessibilityAction.objects.filter(school=school)


def get_action(school: School, action_id: int) -> AccessibilityAction:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(AccessibilityAction, school=school, pk=action_id)


def publications_of(school: School, kind: str) -> QuerySet[Publication]:
    return Publication.objects.filter(school=school, kind=kind).select_related("published_by")


def latest_publication(school: School, kind: str) -> Publication | None:
    return publications_of(school, kind).first()


def get_publication(school: School, kind: str, number: int) -> Publication:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Publication, school=school, kind=kind, number=number)


def published_school(urn: str) -> School:
    """The school of a public page (anyone may read what a school has published)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(School.objects.select_related("local_authority"), urn=urn)


def _sendiass(school: School, draft: ReportDraft) -> dict[str, str]:
    la = school.local_authority
    found = {"name": la.sendiass_name, "phone": la.sendiass_phone, "email": la.sendiass_email, "url": la.sendiass_url}
    found["note"] = draft.sendiass_contact.strip()
    return found


def report_contents(school: School, *, today: date) -> dict[str, Any]:
    """The SEN information report as it would be published today: every Schedule 1 item in order."""
    draft = draft_of(school)
    figures = shareable_figures(school)
    record = senco_record(school)
    senco = None
    if record is not None and record.senco_id is not None:
        senco = {
            "name": record.senco.get_full_name() or record.senco.get_username(),
            "email": record.senco_email or record.senco.email,
            "phone": record.senco_phone,
            "npq": record.get_npq_display() if record.npq else "",
        }
    since = date(today.year - TRAINING_YEARS_SHOWN, today.month, min(today.day, 28))  # 29 February has no twin
    training = [
        {"course": t.course, "who": t.attended_by, "when": f"{t.completed_on:%B %Y}"}
        for t in training_of(school).filter(completed_on__gte=since, completed_on__lte=today)
    ]
    interventions = [
        {"name": i.name, "area": i.get_area_display(), "description": i.description}
        for i in Intervention.objects.filter(school=school, active=True).order_by("area", "name")
    ]
    actions = [
        {
            "area": a.get_area_display(),
            "action": a.action,
            "owner": a.owner,
            "target": in_words(a.target_on),
            "status": a.get_status_display(),
        }
        for a in actions_of(school)
    ]
    return {
        "school": school.name,
        "urn": school.urn,
        "written": {name: getattr(draft, name).strip() for name, _, _ in WRITTEN_ITEMS},
        "figures": {
            "on_roll": str(figures.on_roll),
            "sen_support": str(figures.sen_support),
            "ehc_plan": str(figures.ehc_plan),
            "by_area": [[label, str(count)] for _, label, count in figures.by_area],
            "note": withheld_note(),
        },
        "interventions": interventions,
        "training": training,
        "senco": senco,
        "local_offer_url": draft.local_offer_url.strip() or school.local_authority.local_offer_url,
        "local_authority": school.local_authority.name,
        "sendiass": _sendiass(school, draft),
        "accessibility": {
            "from": in_words(draft.plan_starts_on) if draft.plan_starts_on else "",
            "to": in_words(draft.plan_ends_on) if draft.plan_ends_on else "",
            "review_on": in_words(draft.plan_review_on) if draft.plan_review_on else "",
            "actions": actions,
        },
    }


def missing_report_items(content: dict[str, Any]) -> list[str]:
    """Each item the report still lacks, in the Schedule's order, named as the SENCO would look for it.
    Publishing refuses while any is missing; saving the draft never does."""
    written = content["written"]
    missing: list[str] = []
    for name, number, heading in WRITTEN_ITEMS:
        if name == "expertise":
            missing.extend(_senco_missing(content))  # item 4 comes before item 5
        if name == "transition":
            missing.extend(_sendiass_missing(content))  # item 11 comes before item 12
        if not written.get(name):
            missing.append(f"Item {number}: {heading}" if number else heading)
        if name == "transition":
            missing.extend(_local_offer_missing(content))  # item 13 after item 12
    accessibility = content["accessibility"]
    if not accessibility["actions"]:
        missing.append("Accessibility plan: at least one action")
    if not accessibility["review_on"]:
        missing.append("Accessibility plan: the date it is next reviewed")
    return missing


def _senco_missing(content: dict[str, Any]) -> list[str]:
    senco = content["senco"]
    if not senco:
        return ["Item 4: The SENCO's name (name the SENCO on the SENCO page)"]
    if not (senco["email"] or senco["phone"]):
        return ["Item 4: How to contact the SENCO (an email address or phone number)"]
    return []


def _sendiass_missing(content: dict[str, Any]) -> list[str]:
    found = content["sendiass"]
    if found["phone"] or found["email"] or found["url"] or found["note"]:
        return []
    return ["Item 11: Contact details of the SEND information, advice and support service (SENDIASS)"]


def _local_offer_missing(content: dict[str, Any]) -> list[str]:
    return [] if content["local_offer_url"] else ["Item 13: Where the local authority's Local Offer is published"]


def strategy_year(draft: ReportDraft, today: date) -> int:
    return draft.strategy_start_year or academic_year_bounds(today)[0].year


def strategy_contents(school: School, *, today: date) -> dict[str, Any]:
    """The inclusion strategy as it would be published today: the activities the school funds, with
    their budgeted cost for the year by funding stream (from the provision map's costing), against
    the notional SEN budget and the Inclusive Mainstream Fund allocation. Totals by activity only."""
    draft = draft_of(school)
    year = strategy_year(draft, today)
    costs = school_costs(school, day=day_for_year(year, today))
    provisions = Provision.objects.filter(pk__in=list(costs.provisions)).select_related("intervention")
    labels = dict(FundingStream.choices)
    by_activity: dict[tuple[str, str, str], int] = defaultdict(int)
    by_stream: dict[str, int] = defaultdict(int)
    for provision in provisions:
        if provision.funding == FundingStream.TOP_UP:
            # Element 3 is the LA's money for one named pupil's costs above the threshold: not the
            # school's budgeted activity, and a line of it would publish one child's support cost.
            continue
        budgeted = costs.provisions[provision.pk].planned_year
        by_activity[(provision.intervention.name, provision.intervention.get_area_display(), provision.funding)] += (
            budgeted
        )
        by_stream[provision.funding] += budgeted
    allocation = FundingAllocation.objects.filter(school=school, start_year=year).first()
    allocated = {
        FundingStream.NOTIONAL_SEN: allocation.notional_sen_pence if allocation else None,
        FundingStream.IMF: allocation.imf_pence if allocation else None,
    }
    streams = []
    for value, label in FundingStream.choices:
        if value not in by_stream and value not in allocated:
            continue
        given = allocated.get(value)
        streams.append(
            {
                "stream": label,
                "budgeted": pence_in_words(by_stream.get(value, 0)),
                "allocation": pence_in_words(given) if given is not None else "",
            }
        )
    total = sum(by_stream.values())
    allocated_total = (allocation.notional_sen_pence + allocation.imf_pence) if allocation else None
    return {
        "school": school.name,
        "urn": school.urn,
        "year": f"{year} to {year + 1}",
        "start_year": year,
        "aims": draft.strategy_aims.strip(),
        "review": draft.strategy_review.strip(),
        "activities": [
            {"activity": name, "area": area, "stream": labels[stream], "budgeted": pence_in_words(pence)}
            for (name, area, stream), pence in sorted(by_activity.items())
        ],
        "streams": streams,
        "total": pence_in_words(total),
        "has_allocation": allocation is not None,
        "allocated_total": pence_in_words(allocated_total) if allocated_total is not None else "",
        "difference": (pence_in_words(abs(allocated_total - total)) if allocated_total is not None else ""),
        "over": allocated_total is not None and total > allocated_total,
        "uncosted": len(costs.uncosted),
    }


def missing_strategy_items(content: dict[str, Any]) -> list[str]:
    missing = []
    if not content["aims"]:
        missing.append("What the school aims to achieve for inclusion")
    if not content["review"]:
        missing.append("How the strategy is reviewed")
    if not content["has_allocation"]:
        missing.append(
            f"The notional SEN budget and Inclusive Mainstream Fund allocation for {content['year']} "
            "(record them on the costs and funding page)"
        )
    if not content["activities"]:
        missing.append(f"At least one activity on the provision map in {content['year']}")
    return missing


def last_report_published_on(school: School) -> date | None:
    """When the SEN information report was last published here (the to-do list's yearly reminder)."""
    return (
        Publication.objects.filter(school=school, kind=Publication.Kind.REPORT)
        .order_by("-published_on")
        .values_list("published_on", flat=True)
        .first()
    )
