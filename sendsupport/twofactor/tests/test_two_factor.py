"""Two-factor sign-in, tried as a person would: password, then set-up or a code, through the real pages.

The installation requirement is off in tests (the demo and ``force_login`` keep working); each test
here turns it on with the ``settings`` fixture, as production has it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from base64 import b32encode
from pathlib import Path

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, make_user
from sendsupport.accounts.tests.helpers import sign_in
from sendsupport.audit.models import AuditEvent
from sendsupport.schools.models import SchoolPolicy
from sendsupport.twofactor import services

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-axes does the counting; see test_lockout below
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    return settings


def code_for(device: TOTPDevice) -> str:
    """The code the app shows now."""
    device.refresh_from_db()
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def set_up_app(user) -> tuple[TOTPDevice, list[str]]:
    device = services.start_set_up(user=user)
    codes = services.confirm_set_up(user=user, device=device, code=code_for(device))
    device.refresh_from_db()
    # The code just used may not be used again: later sign-ins in the test need the next time step.
    return device, codes


def next_code(device: TOTPDevice) -> str:
    """A code the device has not accepted yet (the app's next one; tolerance allows one step)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = (device.last_t + 1) * device.step + device.t0
    return f"{totp.token():06d}"


def test_a_senco_signing_in_is_sent_to_set_up_and_cannot_open_a_pupil_page(required, senco, pupil, client):
    response = sign_in(client, "senco", PASSWORD)
    assert response.status_code == 302
    for path in ("/", f"/pupils/{pupil.pk}/", "/school-settings/", "/account/two-factor/"):
        blocked = client.get(path)
        assert blocked.status_code == 302
        assert blocked["Location"].startswith("/account/two-factor/set-up/?next=")


def test_set_up_shows_the_qr_code_and_the_secret_then_ten_recovery_codes_once(required, senco, client):
    sign_in(client, "senco", PASSWORD)
    page = client.get("/account/two-factor/set-up/?next=/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "QR code for your authenticator app" in html
    device = TOTPDevice.objects.get(user=senco, confirmed=False)
    secret = b32encode(device.bin_key).decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html

    done = client.post("/account/two-factor/set-up/?next=/", {"code": code_for(device)})
    html = done.content.decode()
    assert done.status_code == 200
    shown = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", html)
    assert len(shown) == 10
    assert sorted(c.replace("-", "") for c in shown) == sorted(StaticToken.objects.values_list("token", flat=True))
    assert "You will not see them again" in html
    assert client.get("/").status_code == 200, "the session is verified: pages open"
    account = client.get("/account/two-factor/").content.decode()
    assert "10 of 10" in account and not any(code in account for code in shown)
    event = AuditEvent.objects.get(object_type="two-factor sign-in", action="created")
    assert event.actor == senco and event.school_id == senco.memberships.get().school_id


def test_a_wrong_set_up_code_says_so_and_changes_nothing(required, senco, client):
    sign_in(client, "senco", PASSWORD)
    client.get("/account/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=senco)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    response = client.post("/account/two-factor/set-up/", {"code": wrong})
    assert response.status_code == 400
    assert "The code is wrong, has been used already, or has run out" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert not StaticToken.objects.exists()
    assert not AuditEvent.objects.filter(object_type="two-factor sign-in").exists()
    assert client.get("/")["Location"].startswith("/account/two-factor/set-up/")


def test_signing_in_with_an_app_asks_for_the_code_and_then_opens_the_page_asked_for(required, senco, pupil, client):
    device, _ = set_up_app(senco)
    sign_in(client, "senco", PASSWORD)
    asked = client.get(f"/pupils/{pupil.pk}/")
    assert asked["Location"] == f"/account/two-factor/code/?next=%2Fpupils%2F{pupil.pk}%2F"
    response = client.post(asked["Location"], {"code": next_code(device)})
    assert response.status_code == 302 and response["Location"] == f"/pupils/{pupil.pk}/"
    assert client.get(f"/pupils/{pupil.pk}/").status_code == 200


def test_a_wrong_code_says_so_and_does_not_let_the_person_in(required, senco, client):
    device, _ = set_up_app(senco)
    sign_in(client, "senco", PASSWORD)
    right = next_code(device)
    wrong = "123456" if right != "123456" else "654321"
    response = client.post("/account/two-factor/code/", {"code": wrong})
    assert response.status_code == 400
    assert "The code is wrong, has been used already, or has run out" in response.content.decode()
    assert client.get("/")["Location"].startswith("/account/two-factor/code/")


def test_a_code_already_used_is_refused(required, senco, client):
    device, _ = set_up_app(senco)
    code = next_code(device)
    sign_in(client, "senco", PASSWORD)
    assert client.post("/account/two-factor/code/", {"code": code}).status_code == 302
    client.post("/sign-out/")
    sign_in(client, "senco", PASSWORD)
    again = client.post("/account/two-factor/code/", {"code": code})
    assert again.status_code == 400
    assert client.get("/").status_code == 302


def test_a_recovery_code_works_once(required, senco, client):
    _, codes = set_up_app(senco)
    typed = f"{codes[0][:4].upper()} {codes[0][4:].upper()}"  # as read off paper: capitals and a space
    sign_in(client, "senco", PASSWORD)
    used = client.post("/account/two-factor/code/", {"code": typed})
    assert used.status_code == 302
    assert client.get("/").status_code == 200
    assert "9 of 10" in client.get("/account/two-factor/").content.decode()
    assert AuditEvent.objects.filter(summary="senco: signed in with a recovery code (9 left)").count() == 1
    client.post("/sign-out/")
    sign_in(client, "senco", PASSWORD)
    again = client.post("/account/two-factor/code/", {"code": codes[0]})
    assert again.status_code == 400
    assert client.post("/account/two-factor/code/", {"code": codes[1]}).status_code == 302


def test_wrong_codes_lock_the_account_and_signing_in_again_does_not_reset_the_count(required, senco, client):
    assert required.AXES_FAILURE_LIMIT == 5
    device, _ = set_up_app(senco)
    right = next_code(device)
    wrong = "123456" if right != "123456" else "654321"
    sign_in(client, "senco", PASSWORD)
    for _ in range(3):
        assert client.post("/account/two-factor/code/", {"code": wrong}).status_code == 400
    client.post("/sign-out/")
    assert sign_in(client, "senco", PASSWORD).status_code == 302, "the password is right: on to the code"
    assert client.post("/account/two-factor/code/", {"code": wrong}).status_code == 400
    locked = client.post("/account/two-factor/code/", {"code": wrong})
    assert locked.status_code == 429
    assert "Sign-in is locked for now" in locked.content.decode()
    assert "_auth_user_id" not in client.session, "signed out"
    sign_in(client, "senco", PASSWORD)
    still = client.post("/account/two-factor/code/", {"code": right})
    assert still.status_code == 429, "even the right code is refused until the lock ends"
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("persona", ["senco", "head", "la_officer"])
def test_required_roles_are_sent_to_set_up(required, persona, request, client):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get("/")["Location"].startswith("/account/two-factor/set-up/")


def test_an_administrator_is_sent_to_set_up_even_for_the_admin_site(required, client):
    admin = make_user("admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/")["Location"].startswith("/account/two-factor/set-up/")


@pytest.mark.parametrize("persona", ["teacher", "ta", "governor", "parent"])
def test_other_roles_may_choose_and_are_not_sent_to_set_up(required, persona, request, client):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/").status_code == 200
    assert "Turn on two-factor sign-in" in client.get("/account/two-factor/").content.decode()


def test_a_school_can_require_it_of_every_member_of_staff(required, senco, teacher, school, client):
    device, _ = set_up_app(senco)
    sign_in(client, "senco", PASSWORD)
    client.post("/account/two-factor/code/", {"code": next_code(device)})
    assert "SENCOs and heads; other staff may choose to" in client.get("/school-settings/").content.decode()
    saved = client.post("/school-settings/two-factor/", {"required": "yes"})
    assert saved.status_code == 302
    assert SchoolPolicy.objects.get(school=school).staff_two_factor
    assert "Every member of staff" in client.get("/school-settings/").content.decode()
    client.post("/sign-out/")
    sign_in(client, "teacher", PASSWORD)
    assert client.get("/")["Location"].startswith("/account/two-factor/set-up/")


def test_with_the_installation_setting_off_nobody_is_sent_to_set_up(settings, senco, la_officer, client):
    settings.TWO_FACTOR_REQUIRED = False
    for user in (senco, la_officer):
        client.force_login(user)
        assert client.get("/").status_code == 200


def test_someone_who_chose_it_is_asked_for_the_code_even_where_it_is_not_required(settings, teacher, client):
    settings.TWO_FACTOR_REQUIRED = False
    set_up_app(teacher)
    sign_in(client, "teacher", PASSWORD)
    assert client.get("/")["Location"].startswith("/account/two-factor/code/")


def test_sign_in_sign_out_health_and_static_files_stay_open(required, senco, client):
    sign_in(client, "senco", PASSWORD)
    assert client.get("/health/").status_code == 200
    assert client.get("/sign-in/").status_code == 302  # signed in: sent on (then to set-up)
    assert client.get("/static/does-not-exist.css").status_code == 404  # reached the static handler
    assert client.post("/sign-out/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_new_recovery_codes_replace_the_old_ones_and_are_audited(required, senco, client):
    device, old = set_up_app(senco)
    sign_in(client, "senco", PASSWORD)
    client.post("/account/two-factor/code/", {"code": old[0]})
    response = client.post("/account/two-factor/new-recovery-codes/")
    new = [c.replace("-", "") for c in re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", response.content.decode())]
    assert len(new) == 10 and not set(new) & set(old)
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(new)
    assert (
        AuditEvent.objects.filter(object_type="two-factor sign-in", summary__contains="10 new recovery codes").count()
        == 1
    )


def test_an_optional_user_can_turn_it_off_and_a_senco_cannot(required, senco, teacher, client):
    device, codes = set_up_app(teacher)
    sign_in(client, "teacher", PASSWORD)
    client.post("/account/two-factor/code/", {"code": codes[0]})
    assert client.post("/account/two-factor/turn-off/").status_code == 302
    assert not TOTPDevice.objects.filter(user=teacher).exists()
    assert not StaticToken.objects.filter(device__user=teacher).exists()
    assert AuditEvent.objects.filter(object_type="two-factor sign-in", action="deleted", actor=teacher).exists()
    assert client.get("/").status_code == 200

    device, codes = set_up_app(senco)
    client.post("/sign-out/")
    sign_in(client, "senco", PASSWORD)
    client.post("/account/two-factor/code/", {"code": codes[0]})
    assert "cannot be turned off" in client.get("/account/two-factor/").content.decode()
    client.post("/account/two-factor/turn-off/")
    assert TOTPDevice.objects.filter(user=senco, confirmed=True).exists()


@pytest.mark.parametrize(("value", "expected"), [(None, "True"), ("false", "False")])
def test_production_settings_require_two_factor_unless_turned_off(value, expected, tmp_path):
    env = {key: v for key, v in os.environ.items() if not key.startswith(("SENDSUPPORT_", "DATABASE", "DJANGO_"))}
    env.update(
        SENDSUPPORT_MODE="production",
        SECRET_KEY="test-" + "k3y" * 20,
        ALLOWED_HOSTS="sendsupport.example",
        SENDSUPPORT_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="sendsupport.settings",
    )
    if value is not None:
        env["SENDSUPPORT_TWO_FACTOR"] = value
    command = [sys.executable, "-c", "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)  # noqa: S603
    assert result.stdout.strip() == expected, result.stderr
