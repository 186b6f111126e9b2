"""Backups of the whole site, database and media, that restore (``manage.py backup_site`` / ``restore_site``).

A backup is one directory::

    contrelatraite-20261201-031500/
        manifest.json      date, database engine, every file with its size and sha256
        database.dump      PostgreSQL: ``pg_dump --format=custom``
        database.sqlite3   SQLite: a copy made with SQLite's online backup API
        media/...          every file of the default storage (local folder or S3 bucket)

It is written under a ``.partial`` name and renamed when complete, so a backup that was interrupted
never looks like one. Restoring checks the manifest first (same engine, every file present with its
size and checksum, nothing unlisted) and only then replaces the database content completely and the
media files. Media go through Django's default storage API (``listdir``/``open``/``save``/``delete``),
never the filesystem, so the same commands work with local files and with an S3 bucket.

PostgreSQL connection parameters come from ``DATABASES['default']``; the password is passed to
``pg_dump``/``psql`` in ``PGPASSWORD``, never on their command line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connections
from django.utils import timezone

from .caching.generation import invalidate

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
NAME_PREFIX = "contrelatraite-"
BACKUP_NAME = re.compile(r"^contrelatraite-\d{8}-\d{6}(?:-(\d+))?$")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why, for the operator."""


@dataclass(frozen=True)
class Backup:
    path: Path
    manifest: dict

    @property
    def engine(self) -> str:
        return self.manifest["engine"]

    @property
    def media_files(self) -> list[dict]:
        return [entry for entry in self.manifest["files"] if entry["path"].startswith(MEDIA + "/")]


# --- Where and what ------------------------------------------------------------------------------


def engine_of(alias: str = "default") -> str:
    """``postgresql`` or ``sqlite``: the engines a backup knows; anything else is refused."""
    vendor = connections[alias].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite only, not {vendor}.")
    return vendor


def database_label(alias: str = "default") -> str:
    """The database in words, for the confirmation question (never its password)."""
    settings_dict = connections[alias].settings_dict
    if connections[alias].vendor == "sqlite":
        return f"the SQLite database {settings_dict['NAME']}"
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or 5432
    return f"the PostgreSQL database {settings_dict['NAME']!r} on {host}:{port}"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def storage_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name of ``storage`` under ``folder``, recursively, sorted (``listdir``, not the filesystem)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local MEDIA_ROOT not created yet: no media
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from storage_files(storage, f"{folder}/{name}" if folder else name)


def safe_relative_path(name: str) -> PurePosixPath:
    """A manifest's path as a relative path that stays inside the backup (no ``..``, no absolute path)."""
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name or str(path) != name:
        raise BackupError(f"The manifest lists a file with an unsafe name: {name!r}.")
    return path


# --- Database --------------------------------------------------------------------------------------


def postgresql_environment(settings_dict: dict) -> dict:
    """The environment of pg_dump/psql: the password and TLS options, never on the command line."""
    environment = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
        ("passfile", "PGPASSFILE"),
    ):
        if options.get(option):
            environment[variable] = str(options[option])
    return environment


def postgresql_arguments(settings_dict: dict) -> list[str]:
    arguments = ["--no-password"]
    if settings_dict.get("HOST"):
        arguments += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        arguments += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        arguments += ["--username", str(settings_dict["USER"])]
    return arguments


def client_program(name: str) -> str:
    program = shutil.which(name)
    if program is None:
        raise BackupError(
            f"{name} was not found: install the PostgreSQL client (Debian: apt install postgresql-client)."
        )
    return program


def run_client(command: list[str], environment: dict, what: str, **options) -> None:
    options.setdefault("stdout", subprocess.DEVNULL)
    result = subprocess.run(command, env=environment, stderr=subprocess.PIPE, check=False, **options)  # noqa: S603
    if result.returncode != 0:
        errors = result.stderr.decode(errors="replace").strip()
        raise BackupError(f"{what} failed (exit code {result.returncode}):\n{errors}")


def client_version(program: str) -> str:
    """``pg_dump (PostgreSQL) 15.20 (Debian …)`` -> ``15.20``."""
    output = subprocess.run([program, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    match = re.search(r"(\d+(?:\.\d+)*)", output)
    return match.group(1) if match else output.strip()


def dump_postgresql(target: Path, alias: str) -> dict:
    connection = connections[alias]
    settings_dict = connection.settings_dict
    pg_dump = client_program("pg_dump")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0].split()[0]
    command = [pg_dump, *postgresql_arguments(settings_dict), "--format=custom", "--no-owner", "--no-privileges"]
    command += ["--file", str(target), "--dbname", str(settings_dict["NAME"])]
    run_client(command, postgresql_environment(settings_dict), "pg_dump")
    return {"server_version": server_version, "pg_dump_version": client_version(pg_dump)}


def restore_postgresql(source: Path, alias: str) -> None:
    """Replace the whole ``public`` schema by the dump's, in one transaction: all of it or nothing.

    ``pg_restore --clean`` would leave in place the tables the dump does not know (made by a later
    migration); dropping and recreating the schema leaves nothing of the previous content.
    """
    connection = connections[alias]
    settings_dict = connection.settings_dict
    pg_restore, psql = client_program("pg_restore"), client_program("psql")
    connection.close()
    environment = postgresql_environment(settings_dict)
    command = [psql, *postgresql_arguments(settings_dict), "--quiet", "--no-psqlrc", "--single-transaction"]
    command += ["--set", "ON_ERROR_STOP=1", "--dbname", str(settings_dict["NAME"])]
    command += ["--command", "DROP SCHEMA IF EXISTS public CASCADE"]
    command += ["--command", "CREATE SCHEMA public AUTHORIZATION pg_database_owner"]
    command += ["--command", "GRANT USAGE ON SCHEMA public TO PUBLIC"]
    command += ["--file", "-"]
    with tempfile.TemporaryFile() as script:  # the dump as SQL, on disk rather than in memory
        run_client(
            [pg_restore, "--no-owner", "--no-privileges", "--file", "-", str(source)],
            environment,
            "pg_restore",
            stdout=script,
        )
        script.seek(0)
        run_client(command, environment, "Restoring the database (psql)", stdin=script)


def dump_sqlite(target: Path, alias: str) -> dict:
    """SQLite's online backup API: a consistent copy even while the site writes."""
    connection = connections[alias]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    return {"sqlite_version": sqlite3.sqlite_version}


def restore_sqlite(source: Path, alias: str) -> None:
    """The backup API again, from the copy into the site's database: every page replaced, atomically."""
    connection = connections[alias]
    connection.ensure_connection()
    origin = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        origin.backup(connection.connection)
    finally:
        origin.close()
        connection.close()


DUMPERS = {"postgresql": dump_postgresql, "sqlite": dump_sqlite}
RESTORERS = {"postgresql": restore_postgresql, "sqlite": restore_sqlite}


# --- Backup ------------------------------------------------------------------------------------------


def copy_from_storage(storage: Storage, name: str, target: Path) -> dict:
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with storage.open(name, "rb") as source, target.open("wb") as copy:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            copy.write(chunk)
    return {"path": f"{MEDIA}/{name}", "size": size, "sha256": digest.hexdigest()}


def new_backup_path(output_dir: Path, now) -> Path:
    name = NAME_PREFIX + now.strftime("%Y%m%d-%H%M%S")
    path, number = output_dir / name, 1
    while path.exists() or path.with_name(path.name + ".partial").exists():
        number += 1
        path = output_dir / f"{name}-{number}"
    return path


def create_backup(output_dir: Path, *, alias: str = "default", storage: Storage | None = None, log=None) -> Path:
    """Write a complete backup in a new directory of ``output_dir`` and return its path."""
    storage = storage or storages["default"]
    log = log or (lambda message: None)
    engine = engine_of(alias)
    output_dir.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    final = new_backup_path(output_dir, now)
    partial = final.with_name(final.name + ".partial")
    partial.mkdir(mode=0o700)  # personal data: for the site's user only
    try:
        # The database first, then the media: a file that a row of the dump names was saved before
        # the row was committed, so it is in the copy (at worst, a few newer files are too).
        database_file = partial / DATABASE_FILES[engine]
        database = DUMPERS[engine](database_file, alias)
        files = [{"path": database_file.name, "size": database_file.stat().st_size, "sha256": sha256_of(database_file)}]
        log(f"Database ({engine}): {files[0]['size']} bytes")
        media = [copy_from_storage(storage, name, partial / MEDIA / name) for name in storage_files(storage)]
        log(f"Media: {len(media)} files, {sum(entry['size'] for entry in media)} bytes")
        manifest = {
            "format": FORMAT,
            "created": now.isoformat(),
            "engine": engine,
            "database": {"file": database_file.name, **database},
            "storage": f"{type(storage).__module__}.{type(storage).__qualname__}",
            "files": files + media,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def prune_backups(output_dir: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest complete backups of ``output_dir`` (nothing else is touched)."""
    backups = sorted(
        (
            path
            for path in output_dir.iterdir()
            if path.is_dir() and BACKUP_NAME.match(path.name) and (path / MANIFEST).is_file()
        ),
        key=lambda path: (path.name[: len(NAME_PREFIX) + 15], int(BACKUP_NAME.match(path.name).group(1) or "-1")),
    )
    removed = backups[: max(len(backups) - keep, 0)]
    for path in removed:
        shutil.rmtree(path)
    return removed


# --- Checking and restoring ----------------------------------------------------------------------


def read_backup(path: Path, *, engine: str) -> Backup:
    """The backup at ``path`` if complete and made for ``engine``; otherwise BackupError saying what is wrong."""
    if not path.is_dir():
        raise BackupError(f"{path} is not a backup directory.")
    if path.name.endswith(".partial"):
        raise BackupError(f"{path} is an unfinished backup (it was interrupted): it cannot be restored.")
    try:
        manifest = json.loads((path / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{path} has no {MANIFEST}: it is not a complete backup.") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"The manifest of {path} cannot be read: {error}.") from None
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or not isinstance(manifest.get("files"), list)
    ):
        raise BackupError(f"The manifest of {path} is not one this version of the site writes (format {FORMAT}).")
    made_for = manifest.get("engine")
    if made_for != engine:
        raise BackupError(
            f"This backup was made from a {made_for} database; the site now uses {engine}. "
            "A backup can only be restored into the same database engine."
        )
    database_file = DATABASE_FILES[engine]
    listed = {}
    for entry in manifest["files"]:
        if not isinstance(entry, dict) or not {"path", "size", "sha256"} <= entry.keys():
            raise BackupError(f"The manifest of {path} has a malformed file entry: {entry!r}.")
        name = str(safe_relative_path(entry["path"]))
        if name != database_file and not name.startswith(MEDIA + "/"):
            raise BackupError(f"The manifest lists an unexpected file: {name!r}.")
        listed[name] = entry
    if database_file not in listed:
        raise BackupError(f"The manifest of {path} lists no {database_file}: the backup is incomplete.")
    problems = []
    for name, entry in listed.items():
        file = path / name
        if not file.is_file():
            problems.append(f"missing: {name}")
        elif file.stat().st_size != entry["size"]:
            problems.append(f"size differs: {name} ({file.stat().st_size} bytes, {entry['size']} expected)")
        elif sha256_of(file) != entry["sha256"]:
            problems.append(f"checksum mismatch: {name}")
    present = {
        str(file.relative_to(path).as_posix()) for file in path.rglob("*") if file.is_file() and file.name != MANIFEST
    }
    problems += [f"not in the manifest: {name}" for name in sorted(present - listed.keys())]
    if problems:
        shown = "\n  ".join(problems[:20]) + ("\n  …" if len(problems) > 20 else "")
        raise BackupError(f"The backup {path} is incomplete or was modified; nothing was restored:\n  {shown}")
    return Backup(path=path, manifest=manifest)


def restore_media(backup: Backup, storage: Storage, *, keep_other_files: bool = False, log=None) -> None:
    """Make the storage hold exactly the backup's media files (through the storage API)."""
    log = log or (lambda message: None)
    wanted = {entry["path"].removeprefix(MEDIA + "/") for entry in backup.media_files}
    if not keep_other_files:
        others = [name for name in storage_files(storage) if name not in wanted]
        for name in others:
            storage.delete(name)
        log(f"Media: {len(others)} files not in the backup deleted")
    for name in sorted(wanted):
        if storage.exists(name):
            storage.delete(name)
        with (backup.path / MEDIA / name).open("rb") as source:
            saved = storage.save(name, File(source, name=name))
        if saved != name:
            raise BackupError(f"The storage saved {name!r} as {saved!r}: the media could not be restored as they were.")
    log(f"Media: {len(wanted)} files restored")


def restore_backup(
    backup: Backup,
    *,
    alias: str = "default",
    storage: Storage | None = None,
    keep_other_files: bool = False,
    log: Callable[[str], None] | None = None,
) -> None:
    """Replace the database content completely and the media files by the (checked) backup's."""
    storage = storage or storages["default"]
    log = log or (lambda message: None)
    source = backup.path / DATABASE_FILES[backup.engine]
    RESTORERS[backup.engine](source, alias)
    log(f"Database ({backup.engine}) restored from {source.name}")
    restore_media(backup, storage, keep_other_files=keep_other_files, log=log)
    # Pages cached from the content as it was before are stale now, in every process sharing the cache.
    invalidate()
