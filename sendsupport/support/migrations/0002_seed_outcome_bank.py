"""Seed the shared outcome bank with examples written for sendsupport, five per broad area of need.

Each example has an outcome, a baseline, a target and a way to measure it, so it passes the SMART
check once the school fills in the pupil's own figures and a date. Schools edit their own copies.
"""

from django.db import migrations

EXAMPLES = {
    "communication": [
        (
            "Follow a two-step spoken instruction in class without a picture prompt.",
            "Follows two-step instructions without a prompt 4 out of 10 times.",
            "Follows two-step instructions without a prompt 8 out of 10 times.",
            "A weekly tally of 10 instructions by the class teacher or teaching assistant.",
        ),
        (
            "Use new topic words correctly when talking about the topic.",
            "Uses 2 of the 10 taught topic words in a short talk.",
            "Uses 7 of the 10 taught topic words correctly in a short talk.",
            "A vocabulary check with pictures at the end of each topic.",
        ),
        (
            "Take turns in a small-group conversation.",
            "Waits for a turn in 1 of 5 observed group conversations.",
            "Waits for a turn in 4 of 5 observed group conversations.",
            "Observation of 5 conversations in the weekly group session.",
        ),
        (
            "Ask an adult for help, using a phrase or a help card, when stuck.",
            "Asks for help once a week or less; usually waits or leaves the task.",
            "Asks for help at least 3 times a week when stuck.",
            "A tally kept by the teaching assistant across the week.",
        ),
        (
            "Retell a short story in the right order using a story map.",
            "Retells 2 events of a familiar story in order.",
            "Retells 5 events in order using the story map.",
            "A recorded retell each half term.",
        ),
    ],
    "cognition": [
        (
            "Read the first 100 high-frequency words on sight.",
            "Reads 35 of the first 100 high-frequency words.",
            "Reads 80 of the first 100 high-frequency words.",
            "A word-card check every 3 weeks.",
        ),
        (
            "Spell words with the 'ai' and 'ay' sounds.",
            "Spells 3 of 10 unseen test words correctly.",
            "Spells 8 of 10 unseen test words correctly.",
            "A weekly check of 10 unseen words.",
        ),
        (
            "Recall number bonds to 10 quickly.",
            "Recalls 4 of the 11 bonds to 10 within 3 seconds each.",
            "Recalls all 11 bonds to 10 within 3 seconds each.",
            "A timed spoken check every fortnight.",
        ),
        (
            "Write sentences with a capital letter and a full stop without reminders.",
            "1 in 5 sentences in independent writing has both.",
            "4 in 5 sentences in independent writing have both.",
            "A check of 5 sentences of independent writing every fortnight.",
        ),
        (
            "Read a book-band text aloud accurately.",
            "Reads a band 6 text with 85% accuracy.",
            "Reads a band 7 text with 95% accuracy.",
            "A running record every 3 weeks.",
        ),
    ],
    "semh": [
        (
            "Use a calm-down strategy when upset, instead of leaving the classroom.",
            "Leaves the classroom when upset about 5 times a week.",
            "Uses the calm corner and leaves the classroom no more than once a week.",
            "A daily log by the class team, looked at each week.",
        ),
        (
            "Start a task within two minutes of being asked.",
            "Starts within 2 minutes in 2 of 10 observed tasks.",
            "Starts within 2 minutes in 8 of 10 observed tasks.",
            "Observation of 10 tasks a fortnight.",
        ),
        (
            "Join a structured playground game with other children.",
            "Plays alone at 4 out of 5 lunchtimes.",
            "Joins a game at 3 out of 5 lunchtimes.",
            "A daily check by the lunchtime supervisor for 2 weeks each half term.",
        ),
        (
            "Name their feelings using the feelings chart.",
            "Names 2 feelings (happy and sad).",
            "Names 6 feelings and uses the chart at least once a day when asked.",
            "A weekly check-in with the teaching assistant.",
        ),
        (
            "Come into class calmly in the morning.",
            "Settles within 10 minutes on 1 morning in 5.",
            "Settles within 5 minutes on 4 mornings out of 5.",
            "A log kept at registration each morning.",
        ),
    ],
    "sensory_physical": [
        (
            "Hold a pencil with a tripod grip when writing.",
            "Uses a tripod grip in 1 of 5 short writing tasks.",
            "Uses a tripod grip in 4 of 5 short writing tasks.",
            "Weekly observation of 5 writing tasks.",
        ),
        (
            "Get changed for PE without adult help.",
            "Needs help with 4 items of clothing and takes 15 minutes.",
            "Needs help with 1 item at most and is ready within 8 minutes.",
            "Timed at each PE lesson.",
        ),
        (
            "Wear their hearing aid every lesson and tell an adult when it is not working.",
            "Has told an adult about a fault 0 times in the last 4 weeks.",
            "Tells an adult within 5 minutes every time the aid is not working.",
            "A daily equipment check sheet.",
        ),
        (
            "Use an enlarged-print or tablet copy of the board work.",
            "Completes 10% of board work accurately.",
            "Completes 80% of the task using the enlarged copy.",
            "A weekly check of a work sample.",
        ),
        (
            "Move safely around the school at busy times.",
            "Needs an adult at 5 of 5 daily changes of lesson.",
            "Moves on their own at 3 of 5 daily changes of lesson, leaving 2 minutes early.",
            "A weekly log of changes of lesson by the teaching assistant.",
        ),
    ],
}


def seed(apps, schema_editor):
    entry = apps.get_model("support", "OutcomeBankEntry")
    entry.objects.bulk_create(
        entry(area=area, text=text, example_baseline=baseline, example_target=target, example_measure=measure)
        for area, rows in EXAMPLES.items()
        for text, baseline, target, measure in rows
    )


def unseed(apps, schema_editor):
    apps.get_model("support", "OutcomeBankEntry").objects.filter(school__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
