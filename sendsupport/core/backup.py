"""One archive holding a whole installation: the database, the uploaded documents and a manifest.

The archive is a gzipped tar file:

- ``manifest.json`` first: the format, sendsupport's version, the database kind, when it was made,
  the migrations applied (so a restore can refuse an archive from a newer version) and the SHA-256
  of every other member (so a truncated or altered archive is refused before anything changes);
- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the site runs) or
  ``database.pgdump`` (``pg_dump --format=custom``);
- ``media/…``: every file under MEDIA_ROOT (specialists' reports, import files waiting).

``restore`` reads an archive back into an empty installation only, after checking all of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Tables that hold no school's data: filled by ``migrate`` itself in a new installation.
BOOKKEEPING_TABLES = {"django_migrations", "django_content_type", "auth_permission", "django_site"}
# Every record hangs from a school or an account: with none of these, an installation holds no one's
# data (``migrate`` itself fills reference tables such as the outcome bank, which a restore replaces).
OWNER_TABLES = ("schools_school", "accounts_user", "pupils_pupil", "schools_localauthority")
CHUNK = 1024 * 1024


class BackupProblem(Exception):
    """Why an archive cannot be written or restored, in words for the person running the command."""


def version() -> str:
    try:
        return metadata.version("sendsupport")
    except metadata.PackageNotFoundError:  # run from a copy of the source that was never installed
        return "unknown"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _kind() -> str:
    if connection.vendor not in DUMPS:
        raise BackupProblem(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = {**os.environ}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[name] = str(db[key])
    return env


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupProblem(f"{command[0]} is not installed: install the PostgreSQL client programs.")
    result = subprocess.run(command, capture_output=True, text=True, env=_pg_env(), check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupProblem(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def _dump_database(kind: str, target: Path) -> None:
    if kind == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        name = connection.settings_dict["NAME"]
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", name])


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _media_files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def write_backup(path: Path) -> dict[str, Any]:
    """Write the archive to ``path`` (made whole under a temporary name, then renamed); its manifest."""
    kind = _kind()
    media_root = Path(settings.MEDIA_ROOT)
    path = Path(path)
    if path.exists():
        raise BackupProblem(f"{path} already exists: choose a new name, so no backup is overwritten.")
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMPS[kind]
        _dump_database(kind, dump)
        members: list[tuple[str, Path]] = [(DUMPS[kind], dump)]
        members += [(f"{MEDIA}/{file.relative_to(media_root).as_posix()}", file) for file in _media_files(media_root)]
        manifest = {
            "format": FORMAT,
            "sendsupport_version": version(),
            "database": kind,
            "created_at": timezone.now().isoformat(),
            "migrations": applied_migrations(),
            "files": {name: _sha256(file) for name, file in members},
        }
        manifest_file = Path(work) / MANIFEST
        manifest_file.write_text(json.dumps(manifest, indent=2, sort_keys=True))
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_file, arcname=MANIFEST)
            for name, file in members:
                archive.add(file, arcname=name)
        os.chmod(partial, 0o600)  # the archive holds children's records
        partial.replace(path)
    return manifest


# Restoring ---------------------------------------------------------------------------------------


def _unpack(path: Path, into: Path) -> dict[str, Any]:
    """Unpack the archive and check every member against the manifest; the manifest."""
    if not path.is_file():
        raise BackupProblem(f"There is no file at {path}.")
    try:
        with tarfile.open(path, "r:gz") as archive:
            first = archive.next()
            if first is None or first.name != MANIFEST:
                raise BackupProblem(f"{path} is not a sendsupport backup: it does not start with {MANIFEST}.")
            archive.extractall(into, filter="data")  # the "data" filter refuses links and paths outside
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupProblem(f"{path} is damaged or incomplete (perhaps cut short while copying): {error}.") from None
    try:
        manifest = json.loads((into / MANIFEST).read_text())
    except ValueError:
        raise BackupProblem(f"The manifest in {path} cannot be read.") from None
    if manifest.get("format") != FORMAT:
        raise BackupProblem(f"{path} is in backup format {manifest.get('format')}; this version reads {FORMAT}.")
    expected = manifest.get("files", {})
    found = {member.relative_to(into).as_posix() for member in into.rglob("*") if member.is_file()} - {MANIFEST}
    missing = sorted(set(expected) - found)
    if missing:
        raise BackupProblem(
            f"{path} is incomplete: {len(missing)} file(s) listed in its manifest are missing, "
            f"for example {missing[0]}."
        )
    extra = sorted(found - set(expected))
    if extra:
        raise BackupProblem(f"{path} holds files its manifest does not list, for example {extra[0]}.")
    for name, digest in expected.items():
        if _sha256(into / name) != digest:
            raise BackupProblem(f"{path} is damaged: {name} does not match its checksum.")
    return manifest


def _check_version(manifest: dict[str, Any]) -> None:
    """Refuse an archive whose database has migrations this version does not have."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupProblem(
            f"This backup was made by a newer version of sendsupport ({manifest.get('sendsupport_version')}; "
            f"this is {version()}): its database has {len(unknown)} change(s) this version does not know, "
            f"for example {unknown[0]}. Upgrade sendsupport, then restore."
        )


def tables_with_data(tables: tuple[str, ...] = ()) -> list[str]:
    """Of ``tables`` (all tables if none given), those that exist and hold at least one row."""
    with connection.cursor() as cursor:
        existing = connection.introspection.table_names(cursor)
        full = []
        for table in tables or existing:
            if table not in existing or table in BOOKKEEPING_TABLES or table.startswith("sqlite_"):
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608 - names from the DB
            if cursor.fetchone():
                full.append(table)
    return full


def _check_empty(media_root: Path) -> None:
    full = tables_with_data(OWNER_TABLES)
    if full:
        raise BackupProblem(
            f"This installation already holds data (in {', '.join(full)}): a backup is restored only into a new, empty installation, so nothing is overwritten."
        )
    if any(True for _ in _media_files(media_root)):
        raise BackupProblem(
            f"The uploaded documents folder ({media_root}) is not empty: restore only into a new installation."
        )


def _restore_database(kind: str, dump: Path) -> None:
    if kind == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            # Copies every page over the live database, as one step: all of it or none.
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        name = connection.settings_dict["NAME"]
        connection.close()  # pg_restore drops and recreates the tables this connection may hold open
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={name}",
                str(dump),
            ]
        )


def restore_backup(path: Path) -> dict[str, Any]:
    """Check the archive whole, then restore it into this (empty) installation; its manifest."""
    kind = _kind()
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        manifest = _unpack(Path(path), Path(work))
        if manifest.get("database") != kind:
            raise BackupProblem(
                f"This backup holds a {manifest.get('database')} database; this installation uses {kind}. "
                "Restore into an installation with the same kind of database."
            )
        _check_version(manifest)
        _check_empty(media_root)
        _restore_database(kind, Path(work) / DUMPS[kind])
        media = Path(work) / MEDIA
        if media.is_dir():
            media_root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(media, media_root, dirs_exist_ok=True)
    return manifest
