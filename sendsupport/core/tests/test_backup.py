"""``sendsupport backup`` and ``restore``: the demo school and its documents, out and back, unchanged.

Runs on the database the suite runs on (SQLite by default; PostgreSQL with DATABASE_URL set).
"""

from __future__ import annotations

import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from sendsupport.core.backup import MANIFEST, _sha256

pytestmark = pytest.mark.django_db(transaction=True)

FILES = {"specialist-reports/2025/report.pdf": b"%PDF-1.4 a report", "interop-uploads/a.upload": b"<CTF/>"}


@pytest.fixture(autouse=True)
def needs_pg_dump():
    if connection.vendor == "postgresql" and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    for name, content in FILES.items():
        path = settings.MEDIA_ROOT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return settings.MEDIA_ROOT


def every_table() -> dict[str, list[tuple]]:
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        rows = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own tables
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def every_file(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def empty_installation(media: Path) -> None:
    """What a new installation looks like: the tables made by ``migrate`` and no school's data."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)


def test_it_round_trips_the_demo_school_and_its_documents(media, tmp_path):
    call_command("demo", "--no-serve", "--bare", stdout=io.StringIO())
    tables, files = every_table(), every_file(media)
    assert len(tables["pupils_pupil"]) > 10 and len(files) == 2
    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "Backup written" in out.getvalue()

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
    assert manifest["database"] == connection.vendor
    assert manifest["sendsupport_version"] and manifest["created_at"]
    assert "0001_initial" in manifest["migrations"]["pupils"]
    assert {f"media/{name}" for name in FILES} < set(manifest["files"])

    empty_installation(media)
    assert every_table()["pupils_pupil"] == []
    call_command("restore", str(archive), stdout=io.StringIO())
    assert every_table() == tables
    assert every_file(media) == files


def test_it_refuses_to_restore_over_an_installation_that_holds_data(media, tmp_path, school):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    before = every_table()
    with pytest.raises(CommandError, match="already holds data .*schools_school"):
        call_command("restore", str(archive))
    assert every_table() == before


def test_it_refuses_a_truncated_archive_and_changes_nothing(media, tmp_path, school):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    cut = tmp_path / "cut.tar.gz"
    data = archive.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    empty_installation(media)
    with pytest.raises(CommandError, match="damaged or incomplete"):
        call_command("restore", str(cut))
    assert every_table()["schools_school"] == []
    assert not media.exists()


def rewrite(archive: Path, target: Path, change) -> None:
    """Copy ``archive`` to ``target`` with its manifest changed by ``change`` (checksums kept valid)."""
    work = target.parent / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(work, filter="data")
    manifest = json.loads((work / MANIFEST).read_text())
    change(manifest, work)
    manifest["files"] = {name: _sha256(work / name) for name in manifest["files"] if (work / name).exists()}
    (work / MANIFEST).write_text(json.dumps(manifest))
    with tarfile.open(target, "w:gz") as tar:
        tar.add(work / MANIFEST, arcname=MANIFEST)
        for name in manifest["files"]:
            tar.add(work / name, arcname=name)


def test_it_refuses_an_archive_from_a_newer_version(media, tmp_path, school):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    newer = tmp_path / "newer.tar.gz"
    rewrite(archive, newer, lambda manifest, _: manifest["migrations"]["pupils"].append("0099_from_the_future"))
    empty_installation(media)
    with pytest.raises(CommandError, match=r"newer version .* pupils\.0099_from_the_future"):
        call_command("restore", str(newer))
    assert every_table()["schools_school"] == []


def test_it_refuses_an_archive_whose_document_was_changed(media, tmp_path, school):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    work = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(work, filter="data")
    (work / "media/interop-uploads/a.upload").write_bytes(b"changed")
    altered = tmp_path / "altered.tar.gz"
    with tarfile.open(altered, "w:gz") as tar:
        for path in [work / MANIFEST, *sorted(p for p in work.rglob("*") if p.is_file() and p.name != MANIFEST)]:
            tar.add(path, arcname=path.relative_to(work).as_posix())
    empty_installation(media)
    with pytest.raises(CommandError, match="a.upload does not match its checksum"):
        call_command("restore", str(altered))
    assert not media.exists()


def test_it_never_overwrites_an_existing_archive(media, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    archive.write_bytes(b"an older backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(archive))
    assert archive.read_bytes() == b"an older backup"
