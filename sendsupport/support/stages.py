"""The four stages of a cycle as the timeline shows them: a status, a hint and where to go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from sendsupport.support.choices import DECISIONS_THAT_CLOSE, Decision
from sendsupport.support.models import Cycle


@dataclass(frozen=True)
class Stage:
    key: str
    name: str
    status: str
    colour: str  # a GOV.UK tag colour, or "" for plain text
    hint: str = ""
    href: str = ""


def _fmt(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


_MARK = 987654321  # a cycle number no pupil has: where the number goes in a reversed address


class CycleUrls:
    """The addresses of one pupil's cycle pages, reversed once a page rather than three times a cycle
    (``reverse`` costs about as much as working out a cycle's stages)."""

    def __init__(self, pupil_id: int) -> None:
        self._parts = {
            name: reverse(f"support:{name}", args=[pupil_id, _MARK]).rpartition(str(_MARK))
            for name in ("cycle", "plan", "review")
        }

    def __call__(self, name: str, number: int) -> str:
        before, _mark, after = self._parts[name]
        return f"{before}{number}{after}"


def stages(cycle: Cycle, *, today: date, staff: bool, urls: CycleUrls | None = None) -> list[Stage]:
    """Assess, parents told, plan, do, review for one cycle loaded by ``selectors.timeline``.

    Parents see only the plan and the review (with links); staff see every stage. Pass ``urls`` when
    working out the stages of several cycles of one pupil."""
    urls = urls or CycleUrls(cycle.pupil_id)
    cycle_url = urls("cycle", cycle.number) if staff else ""
    assessment = getattr(cycle, "assessment", None)
    plan = getattr(cycle, "plan", None)
    review = getattr(cycle, "review", None)
    notifications = list(cycle.notifications.all())
    result: list[Stage] = []

    if staff:
        if assessment:
            result.append(
                Stage(
                    "assess",
                    "Assess",
                    "Done",
                    "",
                    f"{assessment.get_decision_display()}, {_fmt(assessment.decided_on)}",
                    f"{cycle_url}#assess",
                )
            )
        elif cycle.is_open:
            result.append(Stage("assess", "Assess", "To do", "blue", href=f"{cycle_url}#assess"))
        else:
            result.append(Stage("assess", "Assess", "Not recorded", "grey"))

        if notifications:
            last = notifications[-1]
            result.append(
                Stage(
                    "parents",
                    "Parents told",
                    "Done",
                    "",
                    f"{last.get_method_display()}, {_fmt(last.notified_on)}",
                    f"{cycle_url}#parents",
                )
            )
        elif assessment and assessment.decision == Decision.START:
            result.append(
                Stage(
                    "parents",
                    "Parents told",
                    "Not recorded",
                    "red",
                    "The law says parents must be told.",
                    f"{cycle_url}#parents",
                )
            )
        else:
            result.append(Stage("parents", "Parents told", "None recorded", "grey"))

    plan_url = urls("plan", cycle.number)
    if plan is not None:
        if plan.is_agreed:
            result.append(Stage("plan", "Plan", "Agreed", "green", f"Agreed {_fmt(plan.agreed_on)}", plan_url))
        else:
            result.append(Stage("plan", "Plan", "Draft", "yellow", "Not agreed yet", plan_url))
        if staff:
            notes = getattr(cycle, "note_count", 0)
            outcomes = getattr(cycle, "outcome_count", 0)
            result.append(
                Stage(
                    "do",
                    "Do",
                    f"{notes} note{'s' if notes != 1 else ''}",
                    "",
                    f"Against {outcomes} outcome{'s' if outcomes != 1 else ''}",
                    plan_url,
                )
            )
    elif assessment is not None and assessment.decision in DECISIONS_THAT_CLOSE:
        result.append(Stage("plan", "Plan", "Not needed", "grey", assessment.get_decision_display()))
    elif cycle.is_open:
        result.append(Stage("plan", "Plan", "Not written yet", "blue" if staff else "grey"))
    else:
        result.append(Stage("plan", "Plan", "None", "grey"))

    if review is not None:
        progress = {True: "Expected progress", False: "Less than expected progress"}.get(review.expected_progress, "")
        result.append(
            Stage(
                "review",
                "Review",
                "Done",
                "",
                f"{_fmt(review.held_on)}. {progress}. Next step: {review.get_next_step_display()}",
                urls("review", cycle.number),
            )
        )
    elif plan is not None and cycle.is_open:
        if not plan.is_agreed:
            result.append(Stage("review", "Review", "Not yet", "grey", "The plan is not agreed yet"))
        elif plan.review_date < today:
            result.append(Stage("review", "Review", "Overdue", "red", f"It was due by {_fmt(plan.review_date)}"))
        else:
            result.append(Stage("review", "Review", "Due", "blue", f"By {_fmt(plan.review_date)}"))
    elif assessment is not None and assessment.decision in DECISIONS_THAT_CLOSE:
        result.append(Stage("review", "Review", "Not needed", "grey"))
    else:
        result.append(Stage("review", "Review", "Not held" if not cycle.is_open else "Not yet", "grey"))
    return result
