"""The README's commands run as written from a fresh clone: `sendsupport demo` without SENDSUPPORT_MODE,
a clear one-line message when the port is taken or a production setting is missing."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_env(tmp_path: Path) -> dict[str, str]:
    """What a newcomer's shell has: none of the test run's SENDSUPPORT_*, SECRET_KEY or DATABASE_URL."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SENDSUPPORT_") and key not in {"SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["SENDSUPPORT_DATA_DIR"] = str(tmp_path)
    env["STATIC_ROOT"] = str(tmp_path / "staticfiles")
    return env


def run(args: list[str], env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own command, run with this interpreter
        [sys.executable, "-m", "sendsupport.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_demo_runs_without_setting_a_mode(tmp_path):
    result = run(["demo", "--no-serve"], fresh_env(tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Demo school ready" in result.stdout
    assert "Traceback" not in result.stderr
    assert (tmp_path / "sendsupport.sqlite3").exists()
    assert (tmp_path / "staticfiles").is_dir()  # so WhiteNoise does not warn on every start


def test_a_taken_port_gets_a_one_line_message_with_the_fix(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(["demo", "--port", str(port)], fresh_env(tmp_path), timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f"Port {port} on 127.0.0.1 is already in use" in lines[0]
    assert f"make demo PORT={port + 1}" in lines[0]
    assert not any(tmp_path.glob("*.sqlite3"))  # it stops before setting anything up


def test_production_commands_without_a_secret_key_say_what_to_set(tmp_path):
    result = run(["migrate"], fresh_env(tmp_path), timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Set SECRET_KEY" in result.stderr and "SENDSUPPORT_MODE=development" in result.stderr


def test_the_makefile_passes_the_port_through():
    makefile = (ROOT / "Makefile").read_text()
    assert "PORT ?= 8000" in makefile
    assert "sendsupport demo --port $(PORT)" in makefile


def test_the_licence_is_an_spdx_string_so_pip_does_not_warn():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["license"] == "AGPL-3.0-or-later"
    assert any(req.replace(" ", "").startswith("setuptools>=77") for req in project["build-system"]["requires"])


def test_the_readme_links_only_to_documentation_in_the_repository():
    readme = (ROOT / "README.md").read_text()
    assert "../shared" not in readme
    for page in ("docs/domain.md", "docs/design.md"):
        assert f"]({page})" in readme
        assert (ROOT / page).is_file()
