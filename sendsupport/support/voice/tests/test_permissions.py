"""Every views page, every persona (the shared loop of ``sendsupport.testing.permissions``)."""

from __future__ import annotations

from sendsupport.testing.permissions import Case, Table, changes
from sendsupport.testing.personas import MANAGERS, NOBODY, STAFF


def parent_post(w):
    return {"cycle": w.running.pk, "going_well": "Settled well after half term."}


def other_parent_post(w):
    return {"cycle": w.other_running.pk, "going_well": "Settled well after half term."}


VOICE = {"going_well_face": "4", "going_well": "Playtime", "given_on": "2025-11-19"}
ACCOUNT = {"username": "maya-new", "password": "bright-green-dragon-42"}
POLICY = {"allowed": "yes", "from_year": "4"}

TABLE = Table(
    "voice",
    [
        Case("voice:parent_views", lambda w: [w.pupil.pk], {"parent"}, needs=("running",)),
        Case("voice:parent_views", lambda w: [w.pupil.pk], {"parent"}, label="no review coming"),
        Case(
            "voice:parent_views",
            lambda w: [w.other_pupil.pk],
            {"other_parent"},
            label="other pupil",
            needs=("other_running",),
        ),
        Case(
            "voice:parent_views",
            lambda w: [w.pupil.pk],
            {"parent"},
            status=302,
            method="post",
            data=parent_post,
            unchanged=changes,
        ),
        Case(
            "voice:parent_views",
            lambda w: [w.other_pupil.pk],
            {"other_parent"},
            status=302,
            method="post",
            data=other_parent_post,
            unchanged=changes,
            label="other pupil",
        ),
        Case("voice:pupil_voice", lambda w: [w.pupil.pk], STAFF, needs=("voice_record", "sent")),
        Case("voice:pupil_voice", lambda w: [w.other_pupil.pk], MANAGERS, label="other pupil"),
        Case("voice:pupil_voice_new", lambda w: [w.pupil.pk], STAFF),
        Case("voice:pupil_voice_new", lambda w: [w.other_pupil.pk], MANAGERS, label="other pupil"),
        Case(
            "voice:pupil_voice_new",
            lambda w: [w.pupil.pk],
            STAFF,
            status=302,
            method="post",
            data=VOICE,
            unchanged=changes,
        ),
        Case("voice:pupil_account", lambda w: [w.pupil.pk], MANAGERS, needs=("sign_in_allowed",)),
        Case("voice:pupil_account", lambda w: [w.pupil.pk], MANAGERS, label="pupils may not sign in"),
        Case(
            "voice:pupil_account",
            lambda w: [w.pupil.pk],
            MANAGERS,
            status=302,
            method="post",
            data=ACCOUNT,
            unchanged=changes,
            needs=("sign_in_allowed",),
        ),
        Case(
            "voice:pupil_account_stop",
            lambda w: [w.pupil.pk],
            MANAGERS,
            status=302,
            method="post",
            unchanged=changes,
            needs=("pupil_account",),
        ),
        Case("voice:sign_in_settings", allowed=MANAGERS),
        Case("voice:sign_in_settings", allowed=MANAGERS, status=302, method="post", data=POLICY, unchanged=changes),
        # The pupil's own page: no persona is a pupil, so everyone is turned away (tests in test_pupil_sign_in).
        Case("voice:my_views", allowed=NOBODY, needs=("pupil_account",)),
    ],
)
test_permissions = TABLE.test()
