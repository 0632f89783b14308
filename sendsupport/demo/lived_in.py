"""A school that has used sendsupport for a year: the records a careful SENCO keeps, and a handful of gaps.

Every pupil on SEN support gets last term's reviewed cycle and this term's running one (assessment,
parents told, an agreed plan with outcomes that fit their primary need, progress notes), the year's
meetings with parents, and a pupil passport read by the staff who teach them. Pupils with EHC plans
get a passport too. Then a few things are left undone, each a few days or weeks old and spread across
the duties, as in any real school: a new pupil on SEN support whose parents have not yet been told, two
reviews a little overdue, a draft plan, a passport a new teaching assistant has not read, and pupils whose progress calls for specialists. The SENCO's to-do list
therefore opens on a short, believable list rather than hundreds of items.

Everything is written through the services, so the records are exactly what the pages would have
made; the choices are deterministic (seeded), so every demo looks the same.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q

from sendsupport.meetings import services as meeting_services
from sendsupport.meetings.models import Meeting
from sendsupport.pupils.codes import BROAD_AREA_OF_NEED, BroadArea, Provision
from sendsupport.pupils.models import Pupil, PupilContact, SENNeed, SENStatus
from sendsupport.pupils.selectors import with_current_sen
from sendsupport.schools.models import Group, Role, StaffMembership
from sendsupport.statutory import services as statutory_services
from sendsupport.support import services
from sendsupport.support.choices import Decision, NextStep, NotificationMethod, Rating
from sendsupport.support.profiles import services as profile_services
from sendsupport.support.specialists import services as specialist_services


@dataclass(frozen=True)
class OutcomeTemplate:
    description: str
    baseline: str
    target: str
    measure: str


# Two or three outcomes a SENCO might agree for each broad area, each with a measure that fits it.
OUTCOMES: dict[str, list[OutcomeTemplate]] = {
    BroadArea.COMMUNICATION: [
        OutcomeTemplate(
            "Follow a two-step spoken instruction in class without a picture prompt.",
            "Follows two-step instructions without a prompt 4 out of 10 times.",
            "Follows two-step instructions without a prompt 8 out of 10 times.",
            "A weekly tally of 10 instructions by the teaching assistant.",
        ),
        OutcomeTemplate(
            "Take turns in a small-group conversation, waiting for a gap before speaking.",
            "Waits for a gap before speaking in 3 of 10 observed turns.",
            "Waits for a gap before speaking in 7 of 10 observed turns.",
            "A fortnightly 10-minute observation in the Talk Boost group.",
        ),
        OutcomeTemplate(
            "Use time words (first, next, then) to retell a familiar story.",
            "Uses 1 time word when retelling a 4-part story.",
            "Uses at least 3 time words when retelling a 4-part story.",
            "A retell recorded by the class teacher every 3 weeks.",
        ),
    ],
    BroadArea.COGNITION: [
        OutcomeTemplate(
            "Read the first 100 high-frequency words on sight.",
            "Reads 35 of the first 100 high-frequency words.",
            "Reads 80 of the first 100 high-frequency words.",
            "A word-card check every 3 weeks.",
        ),
        OutcomeTemplate(
            "Recall number bonds to 10 quickly and accurately.",
            "Recalls 4 of the 11 number bonds to 10 within 3 seconds each.",
            "Recalls all 11 number bonds to 10 within 3 seconds each.",
            "A timed check at the end of each precision-teaching block.",
        ),
        OutcomeTemplate(
            "Spell common exception words from the year's list in independent writing.",
            "Spells 12 of 40 words correctly in a dictation.",
            "Spells 30 of 40 words correctly in a dictation.",
            "A half-termly dictation of the 40 words.",
        ),
    ],
    BroadArea.SEMH: [
        OutcomeTemplate(
            "Use the calm-down plan to return to learning after a difficult moment.",
            "Returns to learning within 10 minutes in 2 of 10 recorded incidents.",
            "Returns to learning within 10 minutes in 7 of 10 recorded incidents.",
            "The class incident log, reviewed weekly with the SENCO.",
        ),
        OutcomeTemplate(
            "Join a structured playground game with peers at lunchtime.",
            "Joins a game on 1 of 5 lunchtimes a week.",
            "Joins a game on 4 of 5 lunchtimes a week.",
            "A lunchtime supervisor's weekly tally.",
        ),
    ],
    BroadArea.SENSORY_PHYSICAL: [
        OutcomeTemplate(
            "Form lower-case letters correctly on the line when copying a sentence.",
            "Forms 9 of 26 lower-case letters correctly.",
            "Forms 22 of 26 lower-case letters correctly.",
            "A handwriting sample taken every 3 weeks.",
        ),
        OutcomeTemplate(
            "Get ready for PE independently within the class's usual time.",
            "Changes for PE in 12 minutes with adult help.",
            "Changes for PE in 6 minutes without adult help.",
            "Timed by the teaching assistant each PE lesson.",
        ),
    ],
    BroadArea.OTHER: [
        OutcomeTemplate(
            "Start an independent task within two minutes of the class starting.",
            "Starts within two minutes in 3 of 10 observed lessons.",
            "Starts within two minutes in 8 of 10 observed lessons.",
            "A weekly tally by the class teacher.",
        ),
    ],
}

STRATEGIES = {
    BroadArea.COMMUNICATION: "Give instructions one step at a time with a picture prompt; allow thinking time.",
    BroadArea.COGNITION: "Pre-teach key words; break tasks into small steps with a checklist; use concrete apparatus.",
    BroadArea.SEMH: "Greet at the door; warn before changes; use the calm-down card and a named safe adult.",
    BroadArea.SENSORY_PHYSICAL: "Seat near the front; use a writing slope and pencil grip; allow extra time to move.",
    BroadArea.OTHER: "Check understanding after instructions; give a visual timetable and a task checklist.",
}
SUPPORT = {
    BroadArea.COMMUNICATION: "Talk Boost group with the teaching assistant, 3 times a week for 20 minutes.",
    BroadArea.COGNITION: "Precision teaching, 4 times a week for 10 minutes, and a daily reading with an adult.",
    BroadArea.SEMH: "A weekly session with the learning mentor and a lunchtime club twice a week.",
    BroadArea.SENSORY_PHYSICAL: "A fine-motor skills group twice a week for 15 minutes.",
    BroadArea.OTHER: "Small-group work with the teaching assistant in English and maths.",
}
PUPIL_VIEWS = [
    "I like working in the small group because it is quiet.",
    "Reading is getting easier. I want to read a chapter book.",
    "I don't like it when it is noisy at lunch.",
    "The picture cards help me know what to do next.",
]
PARENT_VIEWS = [
    "We can see more confidence at home, especially with reading.",
    "Mornings are still hard; the visual timetable is helping.",
    "Happy with the group; would like ideas for practising at home.",
    "Homework is a struggle; shorter tasks work better.",
]


def _area(pupil: Pupil, needs: dict[int, list[str]]) -> str:
    codes = needs.get(pupil.pk) or ["NSA"]
    return str(BROAD_AREA_OF_NEED.get(codes[0], BroadArea.OTHER))


class _Year:
    """Writes one school's year of records. ``today`` is the demo's date; dates are counted back from it."""

    def __init__(self, *, school: Any, senco: Any, today: date, skip: set[int]) -> None:
        self.school = school
        self.senco = senco
        self.today = today
        self.rng = random.Random("sendsupport-demo-year")
        self.skip = skip
        register = with_current_sen(Pupil.objects.filter(school=school, on_roll_until__isnull=True)).filter(
            current_provision__in=[Provision.SEN_SUPPORT, Provision.EHC_PLAN]
        )
        self.pupils = list(register.select_related("registration_group").order_by("pk"))
        self.needs: dict[int, list[str]] = {}
        for pupil_id, code in (
            SENNeed.objects.filter(pupil__in=self.pupils, end_date__isnull=True)
            .order_by("pupil_id", "rank")
            .values_list("pupil_id", "need_type")
        ):
            self.needs.setdefault(pupil_id, []).append(code)
        self.support_started: dict[int, date] = {}
        for pupil_id, started in (
            SENStatus.objects.filter(pupil__in=self.pupils, provision=Provision.SEN_SUPPORT)
            .order_by("pupil_id", "start_date")
            .values_list("pupil_id", "start_date")
        ):
            self.support_started.setdefault(pupil_id, started)
        self.parents: dict[int, Any] = {}
        for link in PupilContact.objects.filter(pupil__in=self.pupils, parental_responsibility=True).select_related(
            "contact"
        ):
            self.parents.setdefault(link.pupil_id, link.contact)
        self.staff_of_group: dict[int, list[Any]] = {}
        for group in Group.objects.filter(school=school).prefetch_related("staff"):
            self.staff_of_group[group.pk] = list(group.staff.all())

    def class_teacher(self, pupil: Pupil) -> Any:
        staff = self.staff_of_group.get(pupil.registration_group_id or 0, [])
        teachers = [
            person
            for person in staff
            if StaffMembership.objects.filter(user=person, school=self.school, role=Role.TEACHER).exists()
        ]
        return teachers[0] if teachers else self.senco

    def cycle(
        self, pupil: Pupil, *, opened: date, review: date, draft: bool = False, decision: str = Decision.CONTINUE
    ) -> tuple[Any, Any]:
        area = _area(pupil, self.needs)
        codes = self.needs.get(pupil.pk) or []
        cycle = services.start_cycle(
            pupil=pupil, by=self.senco, opened_on=opened, class_teacher=self.class_teacher(pupil), today=self.today
        )
        services.record_assessment(
            cycle=cycle,
            by=self.senco,
            decision=decision,
            decided_on=opened + timedelta(days=3),
            primary_need=codes[0] if codes else "SLCN",
            secondary_need=codes[1] if len(codes) > 1 else "",
            teacher_assessment="Working below the expected standard; progress slower than peers despite "
            "adapted teaching in class.",
            attainment="Below age-related expectations in reading and writing.",
            pupil_views=self.rng.choice(PUPIL_VIEWS),
            parent_views=self.rng.choice(PARENT_VIEWS),
            today=self.today,
        )
        plan = services.create_plan(
            cycle=cycle,
            by=self.senco,
            review_date=review,
            created_on=opened + timedelta(days=7),
            strategies=STRATEGIES[area],
            support=SUPPORT[area],
            at_home="Ten minutes of the same practice at home, three times a week.",
            today=self.today,
        )
        if not plan.outcomes.exists():
            for template in self.rng.sample(OUTCOMES[area], k=min(2, len(OUTCOMES[area]))):
                services.add_outcome(
                    plan=plan,
                    by=self.senco,
                    area=area,
                    due_date=review,
                    responsible=cycle.class_teacher,
                    description=template.description,
                    baseline=template.baseline,
                    target=template.target,
                    measure=template.measure,
                )
        if not draft:
            agreed = opened + timedelta(days=10)
            services.agree_plan(
                plan=plan,
                by=self.senco,
                agreed_on=agreed,
                parent_agreed_on=agreed,
                parents_consulted_on=agreed - timedelta(days=3),
                pupil_agreed_on=agreed,
                today=self.today,
            )
        return cycle, plan

    def notify(self, pupil: Pupil, cycle: Any, on: date) -> None:
        services.record_notification(
            pupil=pupil,
            cycle=cycle,
            by=self.senco,
            notified_on=on,
            method=self.rng.choice([NotificationMethod.MEETING, NotificationMethod.LETTER, NotificationMethod.EMAIL]),
            contact=self.parents.get(pupil.pk),
            today=self.today,
        )

    def review(self, pupil: Pupil, plan: Any, *, held: date, expected: bool) -> None:
        parent = self.parents.get(pupil.pk)
        services.record_review(
            plan=plan,
            by=self.senco,
            held_on=held,
            expected_progress=expected,
            attendees="SENCO, class teacher, parent, pupil",
            next_step=NextStep.REVISE,
            parents_attended=parent is not None,
            ratings=[
                services.RatingInput(
                    outcome_id=outcome.pk,
                    rating=Rating.MET if expected else Rating.PARTLY_MET,
                    evidence="Weekly tallies and the end-of-block checks.",
                    latest_measure=outcome.target if expected else outcome.baseline,
                )
                for outcome in plan.outcomes.all()
            ],
            progress_summary="Good progress; new, harder outcomes agreed."
            if expected
            else "Some progress, slower than hoped; outcomes kept with more support.",
            pupil_views=self.rng.choice(PUPIL_VIEWS),
            parent_views=self.rng.choice(PARENT_VIEWS) if parent else "",
            parent_views_absent_reason="" if parent else "No parent with parental responsibility is recorded.",
            today=self.today,
        )
        if parent is not None:
            self.meeting(pupil, held, Meeting.Kind.REVIEW, "The review of the plan and the next outcomes.")

    def meeting(self, pupil: Pupil, held: date, kind: str, discussed: str, *, share: bool = True) -> None:
        parent = self.parents.get(pupil.pk)
        meeting = meeting_services.record_meeting(
            pupil=pupil,
            by=self.senco,
            held_on=held,
            kind=kind,
            discussed=discussed,
            agreed="Keep the current support; the class teacher sends a weekly note home.",
            parents_attended=[parent] if parent else [],
            staff_attendees=[self.senco],
            today=self.today,
        )
        if share:
            meeting_services.share_with_parents(meeting=meeting, by=self.senco, today=self.today)

    def passport(self, pupil: Pupil, *, read: bool = True) -> Any:
        area = _area(pupil, self.needs)
        profile = profile_services.save_new_version(
            pupil=pupil,
            by=self.senco,
            liked_and_admired="Kind to others, loves drawing and knows everything about dinosaurs.",
            important_to_me="My family, my dog and knowing what is happening next.",
            how_to_support_me="Tell me one thing at a time and show me what to do.",
            strategies=STRATEGIES[area],
            pupil_contributed="Talked it through with the teaching assistant and chose the pictures.",
            today=self.today - timedelta(days=60),
        )
        if read:
            for person in self.staff_of_group.get(pupil.registration_group_id or 0, []):
                profile_services.acknowledge(profile=profile, by=person)
        return profile


def add_school_year(*, school: Any, senco: Any, today: date, skip: set[int]) -> None:
    """A year of records for every pupil on the register except those in ``skip`` (the demo journeys)."""
    year = _Year(school=school, senco=senco, today=today, skip=skip)
    sen_support = [p for p in year.pupils if p.current_provision == Provision.SEN_SUPPORT and p.pk not in skip]
    with_plans = [p for p in year.pupils if p.current_provision == Provision.EHC_PLAN and p.pk not in skip]
    last_opened = today - timedelta(days=230)
    # The few things left undone, chosen by position among pupils with a full year of records, so
    # every demo shows the same handful, each a few days or weeks old.
    settled = [p for p in sen_support if _support_start(year, p) <= last_opened - timedelta(days=5)]
    overdue = {p.pk: days for p, days in zip(settled[0:2], (4, 11), strict=False)}
    draft = {p.pk for p in settled[2:3]}
    slow = [p.pk for p in settled[3:5]]
    unshared = {p.pk for p in settled[5:6]}
    unread = {p.pk for p in settled[7:9]}

    for pupil in sen_support:
        k_start = _support_start(year, pupil)
        if k_start > last_opened - timedelta(days=5):
            # On SEN support only since this year: this term's cycle, the parents told when it started.
            opened = max(k_start, today - timedelta(days=80), pupil.on_roll_from)
            _cycle_now, _plan = year.cycle(pupil, opened=opened, review=opened + timedelta(days=84 + pupil.pk % 21))
            year.notify(pupil, _cycle_now, min(max(k_start, opened) + timedelta(days=4), today))
            year.passport(pupil)
            continue
        if pupil.pk in slow:
            # A term before last, also less than expected progress: two reviews in a row.
            first_opened = today - timedelta(days=330)
            cycle, plan = year.cycle(pupil, opened=first_opened, review=today - timedelta(days=250))
            year.notify(pupil, cycle, max(first_opened, k_start) + timedelta(days=4))
            year.review(pupil, plan, held=today - timedelta(days=250), expected=False)
        cycle, plan = year.cycle(pupil, opened=last_opened, review=today - timedelta(days=152))
        if pupil.pk not in slow:
            year.notify(pupil, cycle, max(last_opened, k_start) + timedelta(days=4))
        year.review(
            pupil,
            plan,
            held=today - timedelta(days=152),
            expected=pupil.pk not in slow,
        )
        if pupil.pk in draft:
            # Reassessed five weeks ago after a change of class: the new plan is still a draft.
            year.cycle(pupil, opened=today - timedelta(days=35), review=today + timedelta(days=55), draft=True)
        else:
            # Reviews fall due through the spring term's first weeks, about a term after the plan began.
            review_in = -overdue[pupil.pk] if pupil.pk in overdue else 5 + (pupil.pk % 26)
            _cycle, plan = year.cycle(
                pupil, opened=today - timedelta(days=80), review=today + timedelta(days=review_in)
            )
            for outcome in plan.outcomes.all():
                services.add_note(
                    outcome=outcome,
                    by=year.senco,
                    text="Worked on this in the group this week; steady progress.",
                    written_on=today - timedelta(days=20),
                    today=today,
                )
        year.meeting(
            pupil,
            today - timedelta(days=20) if pupil.pk in unshared else today - timedelta(days=40 + pupil.pk % 20),
            Meeting.Kind.OTHER,
            "How the autumn term has started and the support in class.",
            share=pupil.pk not in unshared,
        )
        year.passport(pupil, read=pupil.pk not in unread)
    moving = [p.pk for p in with_plans if p.year_group == "6"]
    for index, pupil in enumerate(with_plans):
        year.passport(pupil)
        # Half the Year 6 transfer reviews were held in November; the rest are booked for January.
        _ehc_plan(year, pupil, index, transfer_held=pupil.pk in moving[::2])
    if slow:
        _specialist_for(year, next(p for p in sen_support if p.pk == slow[0]))
    _new_to_support(year)


def _support_start(year: _Year, pupil: Pupil) -> date:
    return year.support_started.get(pupil.pk) or pupil.on_roll_from


def _ehc_plan(year: _Year, pupil: Pupil, index: int, *, transfer_held: bool) -> None:
    """The plan's dates and this year's annual review, held with two weeks' notice and advice.

    The first pupil's review falls due in three weeks with no meeting booked yet (a current gap); a
    Year 6 pupil moving to secondary school next September has the transfer review booked for January.
    """
    today = year.today
    issued = today - timedelta(days=400 + (pupil.pk * 37) % 900)
    moving = pupil.year_group == "6"
    plan = statutory_services.save_plan(
        pupil=pupil,
        by=year.senco,
        issued_on=issued,
        next_transfer_on=date(today.year + 1 if today.month >= 9 else today.year, 9, 1) if moving else None,
        today=today,
    )
    last = today - timedelta(days=345) if index == 0 else today - timedelta(days=40 + (pupil.pk * 13) % 280)
    statutory_services.save_annual_review(
        plan=plan,
        by=year.senco,
        meeting_on=last,
        invitations_sent_on=last - timedelta(days=21),
        advice_circulated_on=last - timedelta(days=16),
        held=True,
        today=today,
    )
    year.meeting(
        pupil, last, Meeting.Kind.ANNUAL_REVIEW, "The annual review of the EHC plan: progress towards its outcomes."
    )
    if moving:
        booked = today - timedelta(days=12) if transfer_held else date(today.year + (today.month >= 9), 1, 20)
        statutory_services.save_annual_review(
            plan=plan,
            by=year.senco,
            meeting_on=booked,
            invitations_sent_on=booked - timedelta(days=21) if transfer_held else None,
            advice_circulated_on=booked - timedelta(days=16) if transfer_held else None,
            held=transfer_held,
            today=today,
        )


def _new_to_support(year: _Year) -> None:
    """A Year 2 pupil assessed nine days ago and started on SEN support; the parents are not told yet."""
    pupil = (
        with_current_sen(Pupil.objects.filter(school=year.school, on_roll_until__isnull=True, year_group="2"))
        .filter(Q(current_provision__isnull=True) | Q(current_provision=Provision.NONE))
        .order_by("pk")
        .first()
    )
    if pupil is None:
        return
    year.needs[pupil.pk] = ["SLCN"]
    year.cycle(
        pupil,
        opened=year.today - timedelta(days=12),
        review=year.today + timedelta(days=80),
        draft=True,
        decision=Decision.START,
    )


def _specialist_for(year: _Year, pupil: Pupil) -> None:
    """One of the slow-progress pupils already has a speech and language therapist involved."""
    specialist_services.add_referral(
        pupil=pupil,
        by=year.senco,
        professional_type="speech_language_therapist",
        referral_date=year.today - timedelta(days=120),
        parental_consent=True,
        consent_date=year.today - timedelta(days=122),
        organisation="Bristol Speech and Language Therapy Service",
        reason="Less than expected progress in communication over two terms.",
        today=year.today,
    )
