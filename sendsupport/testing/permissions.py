"""Permission tables: one row per address and situation, one shared loop that tries it as every persona.

Every page and API route is in a table, and ``tests/test_every_url_is_in_a_permission_table.py``
fails when a URL name is in none (a few are exempt there, each with its reason).

How to add a page
-----------------
1. Open your app's table, ``sendsupport/<app>/tests/test_permissions.py`` (the home page, sign-in
   and account pages are in ``sendsupport/home/tests/test_permissions.py``).
2. Add a row::

       Case("meetings:edit", lambda w: [w.meeting.pupil_id, w.meeting.pk], MANAGERS | {"teacher"}),

   - the URL name, as given to ``reverse``;
   - the URL's args, built from ``w``, which hands out any pytest fixture by name (``w.pupil``,
     ``w.other_pupil``, ``w.meeting``, or a fixture of your own in the app's ``conftest.py``);
   - who is let in, written with the sets in ``sendsupport.testing.personas``. They get ``status``
     (200 unless you say, e.g. ``status=302`` for a page that sends them on); every other signed-in
     persona gets ``denied`` (404: a page someone may not see looks exactly like a missing one);
     signed-out visitors get ``signed_out`` (302 to the sign-in page; 401 on the token-only API).
   - a persona who is an exception to the sets goes in ``overrides`` ({"governor": 403});
   - ``needs=("passport",)`` names fixtures the row needs that its args do not use.
   A successful GET by a persona let in must write a "viewed" audit entry for the pupil it shows
   (for a list page, for each pupil it names): ``sendsupport/testing/read_audit.py``.
3. A form that changes things gets a row with ``method="post"`` (and ``data`` if the form needs it),
   and ``unchanged``: a function of ``w`` whose value must be the same before and after the
   request of everyone who was refused (signed-out visitors included) (``unchanged=changes``, the count of audited changes, fits
   most forms). Each persona's request runs in a savepoint that is rolled back afterwards, so one
   persona's successful post never changes what the next one sees.
4. Different situations of one page (a pupil they may see and one they may not; a plan before and
   after it is agreed) are separate rows; give them a ``label``.
5. Run your app's table: ``pytest sendsupport/<app>/tests/test_permissions.py``.

A new app starts its table with ``TABLE = Table("app", [...])`` and ``test_permissions = TABLE.test()``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest
from django.db import transaction
from django.urls import reverse

from sendsupport.testing.assertions import assert_api_not_found, assert_sent_to_sign_in
from sendsupport.testing.personas import ANONYMOUS, EVERY_PERSONA, NOBODY
from sendsupport.testing.read_audit import assert_read_audited, last_event_id

# Every table made in this process, for the meta-test that looks for URL names in none.
TABLES: list[Table] = []


class World:
    """Hands the args builders any pytest fixture by name: ``w.pupil``, ``w.record["first"]``."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._request.getfixturevalue(name)


def no_args(w: World) -> list:
    return []


def changes(w: World) -> int:
    """Audited changes so far (views are not changes): a refused form must add none."""
    from sendsupport.audit.models import AuditEvent

    return AuditEvent.objects.exclude(action="viewed").count()


@dataclass(frozen=True)
class Case:
    """One address in one situation, and what each persona gets there."""

    name: str
    args: Callable[[World], Sequence[Any]] = no_args
    allowed: frozenset[str] = NOBODY
    status: int = 200
    denied: int = 404
    method: Literal["get", "post"] = "get"
    data: Mapping[str, Any] | Callable[[World], Mapping[str, Any]] | None = None
    label: str = ""
    signed_out: int | None = None  # None: the table's default (302 to sign in, or 401 for tokens)
    overrides: Mapping[str, int] = field(default_factory=dict)
    unchanged: Callable[[World], Any] | None = None
    check: Callable[[Any, str, World], None] | None = None  # more assertions on each response
    needs: tuple[str, ...] = ()  # fixtures the row needs that its args do not name (a passport written)

    def expected(self, persona: str, default_signed_out: int) -> int:
        if persona in self.overrides:
            return self.overrides[persona]
        if persona == ANONYMOUS:
            return default_signed_out if self.signed_out is None else self.signed_out
        return self.status if persona in self.allowed else self.denied

    @property
    def id(self) -> str:
        method = "" if self.method == "get" else f"{self.method.upper()} "
        return f"{method}{self.name}" + (f" ({self.label})" if self.label else "")


@dataclass
class Table:
    """An app's permission table. ``auth`` says how personas prove who they are: a session or an API token."""

    app: str
    cases: list[Case]
    auth: Literal["session", "token"] = "session"

    def __post_init__(self) -> None:
        ids = [case.id for case in self.cases]
        duplicates = {i for i in ids if ids.count(i) > 1}
        assert not duplicates, f"{self.app}: give these rows a label each: {sorted(duplicates)}"
        TABLES.append(self)

    @property
    def url_names(self) -> set[str]:
        return {case.name for case in self.cases}

    def test(self) -> Callable[..., None]:
        """The parametrised test that runs every row as every persona."""

        @pytest.mark.django_db
        @pytest.mark.parametrize("case", self.cases, ids=[case.id for case in self.cases])
        def test_each_persona_gets_what_the_table_says(case: Case, request: pytest.FixtureRequest) -> None:
            run(case, request, auth=self.auth)

        return test_each_persona_gets_what_the_table_says


def run(case: Case, request: pytest.FixtureRequest, *, auth: str) -> None:
    personas = request.getfixturevalue("personas")
    client = request.getfixturevalue("client")
    w = World(request)
    for fixture in case.needs:
        request.getfixturevalue(fixture)
    # Everything the row needs is built now, outside the savepoints that each request is rolled back in.
    url = reverse(case.name, args=case.args(w))
    data_for = case.data if callable(case.data) else (lambda w: case.data or {})
    data_for(w)
    if case.unchanged:
        case.unchanged(w)
    credentials = _credentials(auth, personas, request)
    default_signed_out = 401 if auth == "token" else 302

    failures = []
    for persona in EVERY_PERSONA:
        for credential in credentials[persona]:
            expected = case.expected(persona, default_signed_out)
            with transaction.atomic():
                before = case.unchanged(w) if case.unchanged else None
                mark = last_event_id()
                # Data made afresh for each request: an uploaded file can be read only once.
                response = _send(client, case.method, url, data_for(w), auth, credential)
                where = f"{persona} {case.method.upper()} {url}"
                if response.status_code != expected:
                    failures.append(f"{where}: {response.status_code}, expected {expected}")
                else:
                    _check_response(
                        response, persona, expected, auth, where, signed_out_is_default=case.signed_out is None
                    )
                    if case.unchanged and (persona == ANONYMOUS or persona not in case.allowed):
                        after = case.unchanged(w)
                        assert after == before, f"{where} was refused but changed {before!r} to {after!r}"
                    if case.method == "get" and expected == 200 and persona in case.allowed:
                        # Every successful read of a pupil's data is in the audit log (testing/read_audit.py).
                        assert_read_audited(case.name, url, response, personas[persona], mark, where)
                    if case.check:
                        case.check(response, persona, w)
                transaction.set_rollback(True)
    assert not failures, "\n".join(failures)


def _credentials(auth: str, personas: Mapping[str, Any], request: pytest.FixtureRequest) -> dict[str, list[Any]]:
    """persona → what to send: a user to sign in as, or API tokens (signed out: none, revoked, forged)."""
    if auth == "session":
        return {**{name: [user] for name, user in personas.items()}, ANONYMOUS: [None]}
    from sendsupport.api import services
    from sendsupport.api.models import ApiToken

    tokens = {name: [services.create_token(user=user, name="Test token")[1]] for name, user in personas.items()}
    revoked = services.create_token(user=personas["senco"], name="Revoked")[1]
    services.revoke_token(token=ApiToken.objects.get(prefix=revoked.split("_")[1]))
    tokens[ANONYMOUS] = [None, revoked, "ss_00000000_not-a-real-secret", "not even shaped like a token"]
    return tokens


def _send(client, method: str, url: str, data: Mapping[str, Any], auth: str, credential: Any):
    if auth == "token":
        headers = {"Authorization": f"Bearer {credential}"} if credential else {}
        return getattr(client, method)(url, data, headers=headers)
    client.logout()
    if credential is not None:
        client.force_login(credential)
    return getattr(client, method)(url, data)


def _check_response(
    response, persona: str, expected: int, auth: str, where: str, *, signed_out_is_default: bool
) -> None:
    if auth == "token":
        assert response["Content-Type"] == "application/json; charset=utf-8", where
        if expected == 404:
            assert_api_not_found(response, where)
        if expected == 401:
            assert response.json()["detail"].startswith("Send a valid API token"), where
            assert response["WWW-Authenticate"].startswith("Bearer"), where
    elif persona == ANONYMOUS and expected == 302 and signed_out_is_default:
        assert_sent_to_sign_in(response, where)
