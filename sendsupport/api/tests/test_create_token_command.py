"""``sendsupport create-token USERNAME``: prints a working token once; clear errors otherwise."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from sendsupport.api import services
from sendsupport.api.models import ApiToken
from sendsupport.cli import main


def test_it_prints_a_working_token(senco):
    out, err = StringIO(), StringIO()
    call_command("create_token", "senco", "--name", "Nightly export", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    token = ApiToken.objects.get(user=senco)
    assert token.name == "Nightly export"
    assert services.authenticate(secret) == token
    assert "will not be shown again" in err.getvalue()
    assert secret not in err.getvalue()


def test_it_has_a_default_name(senco):
    call_command("create_token", "senco", stdout=StringIO(), stderr=StringIO())
    assert ApiToken.objects.get(user=senco).name == "Made on the command line"


def test_the_sendsupport_command_takes_the_dashed_name(senco, capsys, monkeypatch):
    # Run from the command line, Django closes database connections when a command ends; the test's
    # transaction lives on one of them.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    main(["sendsupport", "create-token", "senco", "--name", "From the CLI"])
    secret = capsys.readouterr().out.strip()
    assert services.authenticate(secret).name == "From the CLI"


def test_it_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="no user with the username 'nobody'"):
        call_command("create_token", "nobody", stdout=StringIO(), stderr=StringIO())


def test_it_refuses_a_switched_off_account(senco):
    senco.is_active = False
    senco.save()
    with pytest.raises(CommandError, match="switched off"):
        call_command("create_token", "senco", stdout=StringIO(), stderr=StringIO())
    assert ApiToken.objects.count() == 0


def test_it_refuses_an_empty_name(senco):
    with pytest.raises(CommandError, match="Enter a name"):
        call_command("create_token", "senco", "--name", " ", stdout=StringIO(), stderr=StringIO())
