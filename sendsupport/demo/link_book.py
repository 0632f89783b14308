"""A year of the home-school link book for the demo parent's child and two classmates in 4A.

Parents write in the evening or before school: a good moment at home, a hard night, news the school
should know. The class teacher, the teaching assistant and now and then the SENCO write after school
and answer. About a quarter of the messages are difficulties, as in a real book; most get a reply.

Written with ``bulk_create`` (two statements for the entries, one for the readers): a link book is
hundreds of rows and the demo must stay quick. The choices are seeded, so every demo looks the same.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from sendsupport.linkbook.models import LinkBookEntry, LinkBookReader
from sendsupport.pupils.codes import Provision
from sendsupport.pupils.models import Pupil, PupilContact
from sendsupport.pupils.selectors import with_current_sen
from sendsupport.schools.selectors import staff_label, with_role_at

Kind = LinkBookEntry.Kind
Side = LinkBookEntry.Side

# {name} is the child's first name; {they}, {them}, {their} their pronouns (capitalised forms too).
FROM_HOME: dict[str, list[str]] = {
    Kind.POSITIVE: [
        "{name} read two pages of the reading book to me tonight without stopping. {They} asked to do a third!",
        "{name} told Grandma all about the Romans at tea. {They} remembered far more than we expected.",
        "A good morning: {name} got dressed and packed {their} bag using the picture list on the fridge.",
        "{name} used the breathing square when {their} brother took the remote. It really helped.",
        "{name} practised the number bonds in the car and got 9 out of 11. {They} were so proud.",
        "{name} went to a friend's party on Saturday and stayed the whole time. A big step for {them}.",
        "We tried the word cards after tea every night this week. {name} knows six new words now.",
        "{name} helped to cook dinner and followed the recipe steps one at a time.",
    ],
    Kind.DIFFICULTY: [
        "{name} had a bad night and did not sleep until after 11. {They} may be tired and short-tempered today.",
        "{name} was very worried about the spelling test this morning and cried at the gate.",
        "{name} says the dinner hall is too noisy and {they} did not eat lunch yesterday. Could someone check?",
        "Homework was a battle again this week. {name} says {they} do not understand the sheet.",
        "{name} came home upset: {they} said some children would not let {them} join in at playtime.",
        "{name} has lost {their} reading book. We have looked everywhere at home, sorry.",
    ],
    Kind.NEWS: [
        "{name} has a dentist appointment on Thursday at 2 o'clock. I will collect {them} at 1:30.",
        "Dad is working away this week, so {name} may be a bit unsettled.",
        "{name}'s speech and language appointment has moved to next month. I will send the letter in.",
        "{name} is starting swimming lessons on Saturdays, so {they} may be tired on Mondays.",
        "We have a new puppy! {name} will probably want to tell everyone about it.",
        "Grandma will collect {name} on Friday.",
    ],
}
FROM_SCHOOL: dict[str, list[str]] = {
    Kind.POSITIVE: [
        "{name} put {their} hand up three times in the maths lesson today and explained {their} method to the class.",
        "A lovely day. {name} worked with a partner in science and took turns really well.",
        "{name} earned a star for {their} writing about the class trip. It is on the working wall.",
        "{name} followed the two-step instructions in PE without a prompt today.",
        "{name} used {their} timeout card sensibly this afternoon and came back ready to learn after 5 minutes.",
        "{name} read to the TA in the reading group and sounded out two new words by {themselves}.",
        "{name} chose to play with a new group at lunchtime and looked really happy.",
    ],
    Kind.DIFFICULTY: [
        "{name} found the change of teacher this afternoon hard and needed time in the quiet room.",
        "{name} was upset after lunch: there was a falling-out over football. We talked it through together.",
        "{name} struggled to settle after the fire drill and did not finish {their} work.",
        "{name} did not want to read aloud in the group today. We will try again tomorrow in a pair.",
        "{name} was tired and tearful this morning. Has something changed at home?",
    ],
    Kind.NEWS: [
        "Class assembly is next Friday at 9:00. {name} has a speaking part and would love you to come.",
        "{name}'s new reading book is in {their} bag. It has the word cards for this week in it.",
        "We are starting the Talk Boost group next week: {name} will go on Tuesdays and Thursdays.",
        "Please send in a named water bottle: {name}'s has gone missing.",
        "The class trip to the museum is on the 14th. The letter is in {name}'s bag.",
    ],
}
# Answers fit what they answer: thanks for good news, what will be done about a difficulty.
REPLIES_FROM_SCHOOL: dict[str, list[str]] = {
    Kind.POSITIVE: [
        "That is wonderful to hear! We will tell {name} how proud we are.",
        "Thank you for sharing this. {name} told the class about it at carpet time.",
    ],
    Kind.DIFFICULTY: [
        "Thank you for telling us. We will keep an eye on {name} today.",
        "Thanks for letting us know. I have spoken to the lunchtime staff.",
        "Good to know. We will give {name} a quiet start to the day.",
        "Thank you. We will go over it with {name} tomorrow morning before the register.",
    ],
    Kind.NEWS: ["Thank you, that is noted.", "Thanks for letting us know."],
}
REPLIES_FROM_HOME: dict[str, list[str]] = {
    Kind.POSITIVE: [
        "Thank you, that is lovely to hear. We told {name} well done.",
        "{name} told us about it too. Thank you.",
    ],
    Kind.DIFFICULTY: [
        "Thanks for letting me know. We will talk about it at home tonight.",
        "Thank you for helping {them} with that.",
        "Nothing has changed at home, but {they} went to bed late. We will try an earlier night.",
    ],
    Kind.NEWS: ["Thank you, noted.", "Thanks, I will look out for it."],
}
PRONOUNS = {
    "F": {"they": "she", "them": "her", "their": "her", "themselves": "herself"},
    "M": {"they": "he", "them": "him", "their": "his", "themselves": "himself"},
}


def _words(text: str, pupil: Pupil) -> str:
    pronouns = PRONOUNS.get(pupil.sex, PRONOUNS["F"])
    text = text.format(
        name=(pupil.preferred_first_name or pupil.legal_first_name),
        They="{They}",
        **pronouns,
    )
    return text.replace("{They}", pronouns["they"].capitalize())


def _at(day: date, rng: random.Random, side: str) -> datetime:
    """Parents write before school or in the evening; staff after the pupils have gone home."""
    if side == Side.HOME:
        hour, minute = rng.choice([(7, 40), (8, 5), (19, 30), (20, 15), (21, 0)])
    else:
        hour, minute = rng.choice([(15, 25), (15, 50), (16, 20), (12, 35)])
    return timezone.make_aware(datetime.combine(day, time(hour, minute + rng.randint(0, 9))))


def _answered_at(written: datetime, rng: random.Random, side: str) -> datetime:
    """Parents answer that evening or the next morning; staff after school that day or the next."""
    local = timezone.localtime(written)
    if side == Side.HOME:
        day = local.date() if local.hour < 17 else local.date() + timedelta(days=1)
        hour, minute = (19, 20) if local.hour < 17 else (7, 45)
    else:
        day = local.date() if local.hour < 15 else local.date() + timedelta(days=1)
        hour, minute = (15, 40)
    while day.weekday() >= 5 and side == Side.SCHOOL:
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour, minute + rng.randint(0, 19))))


def _draw(decks: dict, key: tuple[str, str], choices: list[str], rng: random.Random) -> str:
    """The next message from a shuffled deck, so one child's book does not repeat itself week on week."""
    if not decks.get(key):
        decks[key] = rng.sample(choices, len(choices))
    return decks[key].pop()


def _school_days(start: date, end: date) -> list[date]:
    """Weekdays outside August and the Christmas fortnight: when a link book goes to and fro."""
    days = []
    day = start
    while day <= end:
        christmas = (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 3)
        if day.weekday() < 5 and day.month != 8 and not christmas:
            days.append(day)
        day += timedelta(days=1)
    return days


def _pupils(school: Any, child: Pupil) -> list[Pupil]:
    """The demo child and two classmates on SEN support in the same class."""
    classmates = (
        with_current_sen(Pupil.objects.filter(school=school, registration_group_id=child.registration_group_id))
        .filter(Q(current_provision=Provision.SEN_SUPPORT) | Q(current_provision=Provision.EHC_PLAN))
        .exclude(pk=child.pk)
        .order_by("pk")[:2]
    )
    return [child, *classmates]


def _parent_writer(pupil: Pupil) -> tuple[Any, str] | None:
    """A parent with parental responsibility who has an account (one is made for the classmates'
    parents, as if they had accepted the school's invitation), and how the book names them."""
    link = (
        PupilContact.objects.filter(pupil=pupil, parental_responsibility=True)
        .select_related("contact__user")
        .order_by("contact__user_id", "pk")
        .last()
    )
    if link is None:
        return None
    contact = link.contact
    if contact.user is None:
        user = get_user_model().objects.create(
            username=f"linkbook-parent-{contact.pk}",
            first_name=contact.first_name,
            last_name=contact.last_name,
            email=contact.email or f"parent{contact.pk}@demo.example",
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        contact.user = user
        contact.save(update_fields=["user"])
    return contact.user, f"{contact} ({link.relationship})"


def add_link_books(*, school: Any, child: Pupil, users: dict[str, Any], today: date) -> int:
    """A year of link book entries and replies; returns how many messages were written. ``users`` are
    the demo accounts by username (the SENCO, the class teacher and the TA of 4A write)."""
    senco, teacher, ta = users["senco"], users["teacher"], users["ta"]
    rng = random.Random("sendsupport-demo-link-book")
    staff = with_role_at(get_user_model().objects.filter(pk__in=[senco.pk, teacher.pk, ta.pk]), school.pk)
    labels = {user.pk: staff_label(user) for user in staff}
    pupils = _pupils(school, child)
    days = _school_days(today - timedelta(days=365), today - timedelta(days=1))
    now = timezone.now()
    readers, threads, plans = [], [], []
    decks: dict[tuple[str, str], list[str]] = {}
    for number, pupil in enumerate(pupils):
        writer = _parent_writer(pupil)
        if writer is None:
            continue
        parent, parent_label = writer
        chosen = [teacher, ta] if number == 0 else [teacher]
        readers += [LinkBookReader(pupil=pupil, user=user, chosen_by=senco) for user in chosen]
        school_writers = [*chosen, senco] if number == 0 else [teacher, teacher, senco]
        for day in sorted(rng.sample(days, min(len(days), rng.randint(45, 60)))):
            side = rng.choice([Side.HOME, Side.SCHOOL])
            kind = rng.choices([Kind.POSITIVE, Kind.DIFFICULTY, Kind.NEWS], weights=[5, 3, 2])[0]
            if side == Side.HOME:
                author, label, pool = parent, parent_label, FROM_HOME
            else:
                author = rng.choice(school_writers)
                label, pool = labels[author.pk], FROM_SCHOOL
            written_at = _at(day, rng, side)
            threads.append(
                LinkBookEntry(
                    pupil=pupil,
                    kind=kind,
                    side=side,
                    text=_words(_draw(decks, (side, kind), pool[kind], rng), pupil),
                    author=author,
                    author_label=label,
                    written_at=written_at,
                )
            )
            replies = []
            if rng.random() < 0.7:  # most messages are answered, usually by the other side
                at = written_at
                for turn in range(rng.choice([1, 1, 2])):
                    answer_side = side if turn % 2 else (Side.SCHOOL if side == Side.HOME else Side.HOME)
                    if answer_side == Side.HOME:
                        who, who_label, words = parent, parent_label, REPLIES_FROM_HOME[kind]
                    else:
                        who = rng.choice(school_writers)
                        who_label, words = labels[who.pk], REPLIES_FROM_SCHOOL[kind]
                    at = _answered_at(at, rng, answer_side)
                    if at < now:
                        replies.append((who, who_label, answer_side, _words(rng.choice(words), pupil), at))
            plans.append(replies)
    LinkBookReader.objects.bulk_create(readers)
    created = LinkBookEntry.objects.bulk_create(threads)
    answers = [
        LinkBookEntry(
            pupil=thread.pupil, thread=thread, side=side, text=text, author=who, author_label=label, written_at=at
        )
        for thread, replies in zip(created, plans, strict=True)
        for who, label, side, text, at in replies
    ]
    LinkBookEntry.objects.bulk_create(answers)
    return len(created) + len(answers)
