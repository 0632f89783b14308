"""Deterministic, realistic synthetic schools for demos, tests at scale and benchmarks.

Shapes follow DOMAIN.md: about 14% of pupils on SEN support and 5% with EHC plans, about 61%
of pupils with SEN boys (70% of those with plans), SLCN the commonest primary need on SEN
support and ASD with EHC plans. Writes use bulk inserts (no history rows: the data is made up),
so 200 schools of 1,000 pupils take minutes on PostgreSQL.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction

from sendsupport.accounts.models import User
from sendsupport.pupils.codes import NeedType, Provision
from sendsupport.pupils.current_sen import refresh as refresh_current_sen
from sendsupport.pupils.models import Contact, Pupil, PupilContact, SENNeed, SENStatus
from sendsupport.pupils.upn import make_upn
from sendsupport.schools.models import AcademicYear, Group, LocalAuthority, Role, School, StaffMembership

# Approximate national shares of primary need (DfE, January 2025; verify against the release tables).
PRIMARY_NEED_WEIGHTS = {
    Provision.SEN_SUPPORT: {
        "SLCN": 25.9,
        "SEMH": 20.5,
        "MLD": 15.0,
        "SPLD": 12.5,
        "ASD": 9.0,
        "OTH": 3.5,
        "NSA": 4.5,
        "DS": 0.2,
        "PD": 2.3,
        "HI": 1.4,
        "VI": 0.7,
        "MSI": 0.2,
        "SLD": 0.3,
        "PMLD": 0.1,
    },
    Provision.EHC_PLAN: {
        "ASD": 33.0,
        "SLCN": 21.0,
        "SEMH": 14.5,
        "SLD": 7.5,
        "MLD": 7.0,
        "PD": 5.0,
        "SPLD": 3.0,
        "PMLD": 2.5,
        "HI": 1.7,
        "VI": 1.0,
        "MSI": 0.3,
        "OTH": 2.5,
        "DS": 1.6,
    },
}
SHARE_ON_SEN_SUPPORT = 0.142
SHARE_WITH_EHC_PLAN = 0.053
BOYS_SHARE = {Provision.SEN_SUPPORT: 0.59, Provision.EHC_PLAN: 0.70}
SECONDARY_NEED_CHANCE = 0.3

BOYS = [
    "Oliver",
    "Muhammad",
    "George",
    "Noah",
    "Arthur",
    "Leo",
    "Oscar",
    "Harry",
    "Archie",
    "Jack",
    "Henry",
    "Charlie",
    "Freddie",
    "Theodore",
    "Thomas",
    "Finley",
    "Theo",
    "Alfie",
    "Jacob",
    "Isaac",
    "Tommy",
    "Ethan",
    "Ali",
    "Kai",
    "Reuben",
    "Yusuf",
    "Dylan",
    "Louie",
    "Ibrahim",
    "Kacper",
]
GIRLS = [
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Ivy",
    "Freya",
    "Lily",
    "Florence",
    "Mia",
    "Willow",
    "Rosie",
    "Sophia",
    "Isabella",
    "Grace",
    "Daisy",
    "Sienna",
    "Poppy",
    "Elsie",
    "Emily",
    "Ella",
    "Evelyn",
    "Phoebe",
    "Sofia",
    "Evie",
    "Maryam",
    "Zara",
    "Aisha",
    "Hana",
    "Zofia",
    "Chloe",
]
SURNAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Thomas",
    "Clarke",
    "Jackson",
    "Wood",
    "Harris",
    "Edwards",
    "Turner",
    "Martin",
    "Cooper",
    "Hill",
    "Ward",
    "Hughes",
    "Khan",
    "Ahmed",
    "Begum",
    "Hussain",
    "Ali",
    "Nowak",
    "Kowalski",
    "Okafor",
    "Mensah",
    "Singh",
    "Shah",
    "Murphy",
    "Kelly",
    "Baker",
    "Lewis",
    "Young",
    "Moore",
    "King",
    "Scott",
    "Mitchell",
]
PHASE_YEARS = {
    School.Phase.PRIMARY: ["R", "1", "2", "3", "4", "5", "6"],
    School.Phase.SECONDARY: ["7", "8", "9", "10", "11"],
}
FORMS_PER_YEAR = {School.Phase.PRIMARY: "AB", School.Phase.SECONDARY: "ABCDEFG"}
UNUSABLE_PASSWORD = make_password(None)


def _year_number(year_group: str) -> int:
    return 0 if year_group == "R" else int(year_group)


def _date_of_birth(rng: random.Random, year_group: str, academic_start_year: int) -> date:
    # A pupil in Reception turns 5 during the academic year: born 1 Sep (start-5) to 31 Aug (start-4).
    born_from = date(academic_start_year - 5 - _year_number(year_group), 9, 1)
    return born_from + timedelta(days=rng.randrange(365))


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    codes = list(weights)
    return rng.choices(codes, weights=[weights[code] for code in codes], k=1)[0]


@dataclass
class SeedResult:
    schools: list[School] = field(default_factory=list)
    pupils: int = 0
    on_sen_support: int = 0
    with_ehc_plan: int = 0


def ensure_local_authority(number: str = "801", name: str = "Bristol, City of") -> LocalAuthority:
    la, _ = LocalAuthority.objects.get_or_create(
        number=number,
        defaults={
            "name": name,
            "local_offer_url": "https://www.example.org/local-offer",
            "sendiass_name": "SENDIAS service",
            "sendiass_phone": "0117 000 0000",
            "sendiass_email": "sendiass@example.org",
        },
    )
    return la


def ensure_academic_years(today: date) -> AcademicYear:
    start = AcademicYear.start_year_for(today)
    for year in (start - 1, start):
        AcademicYear.objects.get_or_create(start_year=year, defaults=AcademicYear.default_census_days(year))
    return AcademicYear.objects.get(start_year=start)


@transaction.atomic
def create_school(
    *,
    rng: random.Random,
    la: LocalAuthority,
    urn: str,
    estab: str,
    name: str,
    phase: str,
    pupils: int,
    today: date,
    staff_prefix: str,
) -> tuple[School, int, int]:
    """One school with staff, groups, pupils, parents and an SEN register. Returns (school, K, E)."""
    school = School.objects.create(urn=urn, local_authority=la, estab=estab, name=name, phase=phase)
    years = PHASE_YEARS.get(phase, PHASE_YEARS[School.Phase.PRIMARY])
    forms = FORMS_PER_YEAR.get(phase, "AB")
    year_of_group = [year for year in years for _ in forms]
    groups = Group.objects.bulk_create(
        [Group(school=school, name=f"{year}{form}", kind=Group.Kind.REGISTRATION) for year in years for form in forms]
    )
    groups_by_year: dict[str, list[Group]] = {}
    for group, year in zip(groups, year_of_group, strict=True):
        groups_by_year.setdefault(year, []).append(group)

    staff_users = []
    roles = [Role.SENCO, Role.HEAD, Role.GOVERNOR] + [Role.TEACHER] * len(groups) + [Role.TA] * max(2, len(groups) // 3)
    for index, role in enumerate(roles):
        first = rng.choice(BOYS + GIRLS)
        last = rng.choice(SURNAMES)
        staff_users.append(
            User(
                username=f"{staff_prefix}-{role}-{index}",
                first_name=first,
                last_name=last,
                email=f"{staff_prefix}-{role}-{index}@school.example",
                password=UNUSABLE_PASSWORD,
            )
        )
    staff_users = User.objects.bulk_create(staff_users)
    StaffMembership.objects.bulk_create(
        [StaffMembership(user=user, school=school, role=role) for user, role in zip(staff_users, roles, strict=True)]
    )
    teachers = [u for u, r in zip(staff_users, roles, strict=True) if r == Role.TEACHER]
    tas = [u for u, r in zip(staff_users, roles, strict=True) if r == Role.TA]
    links = [Group.staff.through(group_id=g.pk, user_id=t.pk) for g, t in zip(groups, teachers, strict=True)]
    links += [Group.staff.through(group_id=groups[i % len(groups)].pk, user_id=ta.pk) for i, ta in enumerate(tas)]
    Group.staff.through.objects.bulk_create(links)

    academic_start = AcademicYear.start_year_for(today)
    pupil_rows: list[Pupil] = []
    plans: list[str] = []
    for serial in range(pupils):
        year = years[serial % len(years)]
        provision = Provision.NONE
        roll = rng.random()
        boy_if_sen = None
        if roll < SHARE_WITH_EHC_PLAN:
            provision = Provision.EHC_PLAN
        elif roll < SHARE_WITH_EHC_PLAN + SHARE_ON_SEN_SUPPORT:
            provision = Provision.SEN_SUPPORT
        if provision != Provision.NONE:
            boy_if_sen = rng.random() < BOYS_SHARE[provision]
        boy = boy_if_sen if boy_if_sen is not None else rng.random() < 0.48
        first = rng.choice(BOYS if boy else GIRLS)
        dob = _date_of_birth(rng, year, academic_start)
        joined = max(dob + timedelta(days=4 * 365), date(academic_start - _year_number(year), 9, 1))
        pupil_rows.append(
            Pupil(
                school=school,
                upn=make_upn(la.number, estab, academic_start - _year_number(year) + serial // 1000, serial % 1000),
                legal_first_name=first,
                legal_last_name=rng.choice(SURNAMES),
                date_of_birth=dob,
                sex=Pupil.Sex.MALE if boy else Pupil.Sex.FEMALE,
                year_group=year,
                registration_group=rng.choice(groups_by_year[year]),
                on_roll_from=joined,
            )
        )
        plans.append(provision)
    pupil_rows = Pupil.objects.bulk_create(pupil_rows, batch_size=2000)

    statuses, needs, contacts, contact_pupils = [], [], [], []
    for pupil, provision in zip(pupil_rows, plans, strict=True):
        if provision != Provision.NONE:
            started = pupil.on_roll_from + timedelta(days=rng.randrange(30, 700))
            if started > today - timedelta(days=14):
                # Spread recent starts over the last two months (not all on one day), without another
                # draw from the generator, so every other pupil stays as it was.
                started = today - timedelta(days=14 + sum(map(ord, pupil.upn)) % 60)
            started = max(started, pupil.on_roll_from)
            if provision == Provision.EHC_PLAN and rng.random() < 0.6:
                # Most plans follow a period of SEN support.
                statuses.append(
                    SENStatus(
                        pupil=pupil,
                        provision=Provision.SEN_SUPPORT,
                        start_date=pupil.on_roll_from,
                        reason="Needs identified by class teacher and SENCO.",
                    )
                )
            statuses.append(
                SENStatus(
                    pupil=pupil, provision=provision, start_date=started, reason="Agreed at assessment with parents."
                )
            )
            primary = _weighted(rng, PRIMARY_NEED_WEIGHTS[provision])
            needs.append(SENNeed(pupil=pupil, need_type=primary, rank=1, start_date=started))
            if primary != NeedType.NSA and rng.random() < SECONDARY_NEED_CHANCE:
                options = {k: v for k, v in PRIMARY_NEED_WEIGHTS[provision].items() if k not in (primary, "NSA")}
                needs.append(SENNeed(pupil=pupil, need_type=_weighted(rng, options), rank=2, start_date=started))
        carers = 1 if rng.random() < 0.35 else 2
        for index in range(carers):
            mother = index == 0
            contacts.append(
                Contact(
                    school=school,
                    first_name=rng.choice(GIRLS if mother else BOYS),
                    last_name=pupil.legal_last_name,
                    email=f"parent-{pupil.upn.lower()}-{index}@home.example",  # from the UPN: same seed, same data
                    phone=f"07700 9{rng.randrange(10**5):05d}",
                )
            )
            contact_pupils.append((pupil, "mother" if mother else "father"))
    SENStatus.objects.bulk_create(statuses, batch_size=2000)
    SENNeed.objects.bulk_create(needs, batch_size=2000)
    refresh_current_sen([pupil.pk for pupil in pupil_rows])  # bulk_create sends no signals
    contacts = Contact.objects.bulk_create(contacts, batch_size=2000)
    PupilContact.objects.bulk_create(
        [
            PupilContact(pupil=pupil, contact=contact, relationship=relationship, parental_responsibility=True)
            for contact, (pupil, relationship) in zip(contacts, contact_pupils, strict=True)
        ],
        batch_size=2000,
    )
    on_support = sum(1 for p in plans if p == Provision.SEN_SUPPORT)
    with_plan = sum(1 for p in plans if p == Provision.EHC_PLAN)
    return school, on_support, with_plan


def seed(*, schools: int, pupils_per_school: int, seed: int, today: date, first_urn: int = 200000) -> SeedResult:
    """Create ``schools`` schools of ``pupils_per_school`` pupils; the same seed gives the same data."""
    la_numbers = ["801", "802", "803", "330", "340", "350", "860", "873", "919", "935"]
    ensure_academic_years(today)
    result = SeedResult()
    for index in range(schools):
        rng = random.Random(f"{seed}-{index}")
        la = ensure_local_authority(
            la_numbers[index % len(la_numbers)], f"Local authority {la_numbers[index % len(la_numbers)]}"
        )
        phase = School.Phase.SECONDARY if index % 5 == 4 else School.Phase.PRIMARY
        urn = str(first_urn + index)
        estab = f"{(4000 if phase == School.Phase.SECONDARY else 2000) + index // len(la_numbers):04d}"
        school, k, e = create_school(
            rng=rng,
            la=la,
            urn=urn,
            estab=estab,
            name=f"{rng.choice(SURNAMES)} {phase.label} School {urn}",
            phase=phase,
            pupils=pupils_per_school,
            today=today,
            staff_prefix=f"s{urn}",
        )
        result.schools.append(school)
        result.pupils += pupils_per_school
        result.on_sen_support += k
        result.with_ehc_plan += e
    return result
