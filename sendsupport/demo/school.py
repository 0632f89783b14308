"""The demo school and its named accounts. Created only by ``sendsupport demo``."""

from __future__ import annotations

import random
from datetime import date

from django.db import transaction

from sendsupport.accounts.models import User
from sendsupport.demo.ehc_clocks import add_ehc_clocks
from sendsupport.demo.ehc_evidence import add_ehc_evidence
from sendsupport.demo.ehc_plans import add_ehc_plans
from sendsupport.demo.governors import add_governors_demo
from sendsupport.demo.inclusion import add_inclusion
from sendsupport.demo.link_book import add_link_books
from sendsupport.demo.lived_in import add_school_year
from sendsupport.demo.meetings_planned import add_planned_meetings
from sendsupport.demo.portal import add_portal_demo
from sendsupport.demo.provision_year import add_provision_map
from sendsupport.demo.publishing import add_publishing
from sendsupport.demo.support_history import add_demo_support
from sendsupport.demo.synthetic import create_school, ensure_academic_years, ensure_local_authority
from sendsupport.demo.voice import add_voice
from sendsupport.pupils.codes import Provision
from sendsupport.pupils.models import Contact, Pupil, PupilContact
from sendsupport.pupils.selectors import with_current_sen
from sendsupport.schools.models import (
    Group,
    LocalAuthorityMembership,
    Role,
    School,
    SchoolSenco,
    StaffMembership,
)

DEMO_PASSWORD = "demo-password"  # noqa: S105 - published demo credential, 127.0.0.1 only
DEMO_URN = "100001"
DEMO_ACCOUNTS = [
    ("senco", "Sam", "Okafor", "SENCO"),
    ("teacher", "Tara", "Hughes", "class teacher of 4A"),
    ("ta", "Tom", "Nowak", "teaching assistant in 4A"),
    ("head", "Helen", "Clarke", "head teacher"),
    ("governor", "Gita", "Shah", "SEN governor"),
    ("parent", "Priya", "Patel", "parent of a pupil on SEN support"),
    ("la", "Lewis", "Mensah", "local authority SEND officer"),
    ("pupil", "Pupil", "Account", "the parent's child, in Year 4: their own views page only"),
]


def _account(username: str, first: str, last: str) -> User:
    user, _ = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.example"}
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


@transaction.atomic
def create_demo(*, today: date, lived_in: bool = True) -> School:
    """Create (once) Oakfield Primary with 420 pupils, and the seven demo accounts.

    ``lived_in`` adds a year of records for every pupil on the register (about a minute); tests that
    need only the school and its register leave it out.
    """
    existing = School.objects.filter(urn=DEMO_URN).first()
    if existing:
        return existing
    ensure_academic_years(today)
    la = ensure_local_authority("801", "Bristol, City of")
    school, _, _ = create_school(
        rng=random.Random("sendsupport-demo"),
        la=la,
        urn=DEMO_URN,
        estab="2999",
        name="Oakfield Primary School",
        phase=School.Phase.PRIMARY,
        pupils=420,
        today=today,
        staff_prefix="demo",
    )
    users = {username: _account(username, first, last) for username, first, last, _ in DEMO_ACCOUNTS}
    for username, role in [
        ("senco", Role.SENCO),
        ("teacher", Role.TEACHER),
        ("ta", Role.TA),
        ("head", Role.HEAD),
        ("governor", Role.GOVERNOR),
    ]:
        StaffMembership.objects.create(user=users[username], school=school, role=role)
    class_4a = Group.objects.get(school=school, name="4A")
    class_4a.staff.add(users["teacher"], users["ta"])
    LocalAuthorityMembership.objects.create(user=users["la"], local_authority=la)
    # The named SENCO: letters and plans name Sam Okafor, appointed two Septembers ago, NPQ under way.
    SchoolSenco.objects.create(
        school=school,
        senco=users["senco"],
        senco_email=users["senco"].email,
        senco_phone="0117 496 0123",  # an Ofcom number reserved for drama: rings nobody
        qualified_teacher=True,
        induction_completed=True,
        appointed_on=date(today.year - (2 if today.month >= 9 else 3), 9, 1),
        npq=SchoolSenco.Npq.WORKING_TOWARDS,
    )

    # The demo parent's child is a Year 4 pupil on SEN support in 4A.
    child = (
        with_current_sen(Pupil.objects.filter(school=school, registration_group=class_4a))
        .filter(current_provision=Provision.SEN_SUPPORT)
        .order_by("pk")
        .first()
    )
    contact = Contact.objects.create(
        school=school, first_name="Priya", last_name="Patel", email="parent@demo.example", user=users["parent"]
    )
    PupilContact.objects.create(pupil=child, contact=contact, relationship="mother", parental_responsibility=True)
    # A reviewed cycle and a running one for the child, and a teacher's concern to take through the journey.
    add_demo_support(
        school=school, child=child, senco=users["senco"], teacher=users["teacher"], ta=users["ta"], today=today
    )
    # Every other pupil on the register: a year of records kept well, with a handful of current gaps.
    if lived_in:
        add_school_year(school=school, senco=users["senco"], today=today, skip={child.pk})
        # This term's provision map, costed and registered session by session.
        add_provision_map(school=school, senco=users["senco"], ta=users["ta"], demo_child=child, today=today)
        add_ehc_plans(school=school, senco=users["senco"], today=today)  # plan sections, advice, reports to the LA
        add_planned_meetings(school=school, senco=users["senco"], demo_child=child, today=today)
        add_link_books(school=school, child=child, users=users, today=today)  # a year of the home-school link book
        add_ehc_evidence(school=school, senco=users["senco"], child=child, today=today)  # EHC request evidence packs
        add_publishing(school=school, senco=users["senco"], today=today)  # the SEN information report and strategy
        add_governors_demo(school=school, today=today)  # last year's funding, for the report for governors
    add_voice(school=school, child=child, users=users, today=today)  # parents' and pupils' views, the pupil's sign-in
    add_portal_demo(school=school, child=child, senco=users["senco"], ta=users["ta"], today=today)
    add_ehc_clocks(school=school, child=child, users=users, today=today)  # EHC requests with their clocks running
    add_inclusion(school=school, child=child, users=users, today=today)  # activities, adjustments, exam access
    return school
