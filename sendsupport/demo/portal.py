"""What the demo parent sees in the parent portal: the school's SEN information report, the Local
Offer's SEND services as the worker would have read them, a shared record of last term's review
meeting, and a group with a named teaching assistant (when the provision map did not add one)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sendsupport.meetings import services as meeting_services
from sendsupport.meetings.models import Meeting
from sendsupport.provision.choices import DelivererRole, FundingStream
from sendsupport.provision.models import Intervention, Provision, ProvisionMember
from sendsupport.pupils.models import Pupil
from sendsupport.schools.models import LocalOfferRead, LocalOfferService

# Invented services, in the shape the Open Referral UK directories publish them. Example addresses only.
SERVICES = [
    (
        "Speech and language therapy drop-in",
        "Free sessions where families can talk to a speech and language therapist about their child's "
        "talking and listening. No referral needed.",
        "Children's community health services",
        "0117 496 0456",
    ),
    (
        "Short breaks for disabled children",
        "Activities and clubs in the holidays and at weekends for children with special educational needs "
        "and disabilities, and a break for their families.",
        "Bristol City Council",
        "0117 496 0457",
    ),
    (
        "Parent carer forum",
        "Parents of children with SEND who meet, share what works and speak up for families with the council "
        "and the NHS.",
        "Bristol Parent Carer Forum",
        "",
    ),
    (
        "Autism advice line for families",
        "Advice for parents and carers of autistic children and young people, with or without a diagnosis.",
        "Autism support service",
        "0117 496 0458",
    ),
    (
        "Educational psychology consultation",
        "Schools can ask for advice from an educational psychologist about a child's learning and special "
        "educational needs.",
        "Bristol City Council",
        "",
    ),
    (
        "Dyslexia support group",
        "Monthly meetings for families of children with dyslexia and other learning difficulties.",
        "Local dyslexia association",
        "",
    ),
]


@transaction.atomic
def add_portal_demo(*, school: Any, child: Pupil, senco: Any, ta: Any, today: date) -> None:
    """Fill in what the portal shows. Safe to run again: each part is added only once."""
    if not school.sen_information_report_url:
        school.sen_information_report_url = "https://www.example.org/oakfield-primary/sen-information-report"
        school.save(update_fields=["sen_information_report_url"])
    la = school.local_authority
    if not la.sendiass_url:
        la.sendiass_url = "https://www.example.org/sendiass"
        la.save(update_fields=["sendiass_url"])
    if not LocalOfferService.objects.filter(local_authority=la).exists():
        LocalOfferService.objects.bulk_create(
            LocalOfferService(
                local_authority=la,
                service_id=f"demo-{n}",
                name=name,
                description=description,
                organisation=organisation,
                phone=phone,
                url=f"https://www.example.org/local-offer/services/{n}",
                topics="SEND",
            )
            for n, (name, description, organisation, phone) in enumerate(SERVICES, start=1)
        )
        LocalOfferRead.objects.create(
            local_authority=la,
            attempted_at=timezone.now() - timedelta(hours=5),
            succeeded=True,
            services_found=len(SERVICES),
        )
    _shared_review_meeting(child, senco=senco, today=today)
    _group(school, child, senco=senco, ta=ta, today=today)


def _shared_review_meeting(child: Pupil, *, senco: Any, today: date) -> None:
    if Meeting.objects.filter(pupil=child).exists():
        return
    review = child.support_reviews.order_by("held_on").first()
    held_on = review.held_on if review else today - timedelta(days=60)
    parents = [
        link.contact for link in child.contact_links.filter(parental_responsibility=True).select_related("contact")
    ]
    meeting = meeting_services.record_meeting(
        pupil=child,
        by=senco,
        held_on=held_on,
        kind=Meeting.Kind.REVIEW,
        discussed="How the Talk Boost group is going, reading at home, and what is still hard in class.",
        agreed="Keep both outcomes with new starting points, and add a picture prompt for instructions in class.",
        actions="The class teacher adds picture prompts by the end of the month. At home: ten minutes of "
        "reading together most evenings.",
        parents_attended=parents,
        staff_attendees=[senco],
        today=today,
    )
    meeting_services.share_with_parents(meeting=meeting, by=senco, today=today)


def _group(school: Any, child: Pupil, *, senco: Any, ta: Any, today: date) -> None:
    """A Talk Boost group with the demo TA, unless the provision map already put the child in one."""
    current = ProvisionMember.objects.filter(pupil=child, joined_on__lte=today).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=today)
    )
    if current.exists():
        return
    intervention, _ = Intervention.objects.get_or_create(
        school=school,
        name="Talk Boost",
        defaults={
            "area": "communication",
            "description": "A small group that builds listening, vocabulary and talking through games.",
            "group_size": 4,
            "session_minutes": 20,
            "sessions_per_week": 3,
            "delivered_by": DelivererRole.TA,
        },
    )
    starts = today - timedelta(days=80)
    group = Provision.objects.create(
        school=school,
        intervention=intervention,
        name="Year 4 Talk Boost group",
        deliverer_role=DelivererRole.TA,
        sessions_per_week=3,
        session_minutes=20,
        starts_on=starts,
        place="The library",
        funding=FundingStream.NOTIONAL_SEN,
        created_by=senco,
    )
    group.deliverers.add(ta)
    ProvisionMember.objects.create(provision=group, pupil=child, joined_on=starts)
