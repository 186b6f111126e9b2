"""Backups that restore (issue 17, part 4): ``backup_site`` then ``restore_site`` give back the same site.

End to end, in subprocesses, like the benchmarks: a throwaway database (SQLite file; or, when the suite
runs on PostgreSQL, a temporary database of that server) and MEDIA_ROOT; the demo content, a signature,
a document and an image; backup; the site changed, restored; wiped, restored. A modified backup, one of
another engine or an unconfirmed restore change nothing. The checks of a backup are also tested in the
test process, without subprocesses.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from home.core.backups import (
    DATABASE_FILES,
    DUMPERS,
    MANIFEST,
    BackupError,
    create_backup,
    prune_backups,
    read_backup,
    restore_media,
)
from tests.benchmarks._harness import PYTHON, REPO, site_environment
from tests.databases import throwaway_postgres_database

# --- The site in a subprocess -------------------------------------------------------------------

# Run by `manage.py shell`: a signature, a document and an image (with a rendition) besides the demo.
ADD_CONTENT = """
import io
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from home.models import DeclarationPage, Signature, SignatureStatus

declaration = DeclarationPage.objects.filter(locale__language_code="fr").first()
Signature.objects.create(
    declaration_key=declaration.translation_key, first_name="Restaurée", last_name="Sauvegarde",
    email="sauvegarde@example.org", status=SignatureStatus.CONFIRMED, consent_text="oui",
)
get_document_model().objects.create(
    title="Rapport sauvegardé", file=ContentFile(b"%PDF-1.4 backup test " * 50, name="rapport-sauvegarde.pdf")
)
buffer = io.BytesIO()
PILImage.new("RGB", (64, 48), (200, 30, 60)).save(buffer, "PNG")
image = get_image_model().objects.create(title="Affiche", file=ImageFile(buffer, name="affiche.png"))
image.get_rendition("fill-32x32")
"""

# Run by `manage.py shell`: what the site holds, as JSON.
PROBE = """
import hashlib, json
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.storage import default_storage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from home.core.backups import storage_files
from home.core.caching.generation import GENERATION_KEY
from home.models import Signature

def sha256(name):
    with default_storage.open(name, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()

Image = get_image_model()
print(json.dumps({
    "pages": sorted([page.url_path, page.title, page.live] for page in Page.objects.all()),
    "signatures": sorted([s.email, s.last_name, s.status, str(s.declaration_key)] for s in Signature.objects.all()),
    "documents": sorted([d.title, d.file.name] for d in get_document_model().objects.all()),
    "images": sorted([i.title, i.file.name] for i in Image.objects.all()),
    "renditions": sorted(r.file.name for r in Image.get_rendition_model().objects.all()),
    "users": sorted(get_user_model().objects.values_list("username", flat=True)),
    "media": {name: sha256(name) for name in storage_files(default_storage)},
    "generation": cache.get(GENERATION_KEY),
}))
"""

CHANGE_CONTENT = """
from django.core.files.storage import default_storage
from django.core.files.base import ContentFile
from wagtail.models import Page
from home.models import Signature

Signature.objects.filter(email="sauvegarde@example.org").delete()
page = Page.objects.filter(depth__gt=2).order_by("path").last()
page.title = "Changed after the backup"
page.save()
default_storage.save("documents/stray-after-backup.txt", ContentFile(b"not in the backup"))
"""


def run(env: dict, *command: str, stdin: str = "", check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [PYTHON, "manage.py", *command], cwd=REPO, env=env, capture_output=True, text=True, input=stdin, timeout=300
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(command[:2])} failed:\n{result.stdout}\n{result.stderr}")
    return result


def probe(env: dict) -> tuple[dict, str | None]:
    """What the site holds, and its content generation (the page cache's key)."""
    found = json.loads(run(env, "shell", "-c", PROBE).stdout.strip().splitlines()[-1])
    return found, found.pop("generation")


def postgresql_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@contextlib.contextmanager
def throwaway_database(workdir: Path):
    """The DATABASE_URL of the site under test: a SQLite file, or a new PostgreSQL database dropped afterwards."""
    url = postgresql_url()
    if url is None:
        yield None, lambda: (workdir / "db.sqlite3").unlink()
        return
    missing = [name for name in ("pg_dump", "pg_restore", "psql") if shutil.which(name) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not found: install postgresql-client to test PostgreSQL backups")
    prefix = f"{urllib.parse.urlsplit(url).path.lstrip('/') or 'contrelatraite'}_backup"
    with throwaway_postgres_database(url, prefix, "the backup test") as (server, name):
        version = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True).stdout  # noqa: S607
        client = int(re.search(r"(\d+)", version).group(1))
        assert client == server.major_version(), f"pg_dump {client} cannot be trusted with this PostgreSQL server"

        def wipe():
            server.drop(name)
            server.create(name)

        yield server.url_of(name), wipe


@pytest.mark.slow
def test_a_backup_of_the_demo_site_restores_it(tmp_path):
    with throwaway_database(tmp_path) as (database_url, wipe_database):
        env = site_environment(tmp_path, database_url=database_url)
        run(env, "migrate", "--noinput")
        run(env, "load_demo_content")
        run(env, "shell", "-c", ADD_CONTENT)
        before, _ = probe(env)
        assert "sauvegarde@example.org" in {signature[0] for signature in before["signatures"]}
        assert ["Rapport sauvegardé", "documents/rapport-sauvegarde.pdf"] in before["documents"]
        assert len(before["documents"]) >= 6 and before["images"] and before["renditions"]
        image_files = {name for _, name in before["images"]} | set(before["renditions"])
        assert set(before["media"]) >= {"documents/rapport-sauvegarde.pdf", *image_files}
        assert len(before["pages"]) > 20 and len(before["users"]) > 1

        output = run(env, "backup_site", "--output-dir", str(tmp_path / "backups")).stdout
        (backup,) = (tmp_path / "backups").iterdir()
        assert f"Backup written to {backup}" in output
        manifest = json.loads((backup / MANIFEST).read_text())
        engine = "postgresql" if database_url else "sqlite"
        assert manifest["engine"] == engine
        listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
        assert listed == {DATABASE_FILES[engine]: listed[DATABASE_FILES[engine]]} | {
            f"media/{name}": checksum for name, checksum in before["media"].items()
        }

        # Not confirmed: nothing happens.
        refused = run(env, "restore_site", str(backup), stdin="no\n", check=False)
        assert refused.returncode != 0 and "Restore cancelled" in refused.stderr

        # The site changes after the backup; the restore brings back what was backed up, nothing more.
        run(env, "shell", "-c", CHANGE_CONTENT)
        changed, generation = probe(env)
        assert changed != before and "documents/stray-after-backup.txt" in changed["media"]
        restored = run(env, "restore_site", str(backup), stdin="yes\n")
        assert "Restored" in restored.stdout
        after, new_generation = probe(env)
        assert after == before
        assert new_generation != generation  # no page cached from the content before the restore is served

        # A tampered backup, or one of the other engine, is refused and changes nothing.
        tampered = tmp_path / "tampered"
        shutil.copytree(backup, tampered)
        document = tampered / "media" / "documents" / "rapport-sauvegarde.pdf"
        document.write_bytes(document.read_bytes().replace(b"backup", b"bakcup", 1))
        refused = run(env, "restore_site", str(tampered), "--noinput", check=False)
        assert refused.returncode != 0
        assert "checksum mismatch: media/documents/rapport-sauvegarde.pdf" in refused.stderr
        other_engine = tmp_path / "other-engine"
        shutil.copytree(backup, other_engine)
        manifest["engine"] = "sqlite" if engine == "postgresql" else "postgresql"
        (other_engine / MANIFEST).write_text(json.dumps(manifest))
        refused = run(env, "restore_site", str(other_engine), "--noinput", check=False)
        assert refused.returncode != 0 and "same database engine" in refused.stderr

        # Everything lost: an empty database, no media folder.
        wipe_database()
        shutil.rmtree(tmp_path / "media")
        run(env, "restore_site", str(backup), "--noinput")
        assert probe(env)[0] == before


# --- The checks, in the test process -------------------------------------------------------------


@pytest.fixture
def media_storage(tmp_path):
    storage = FileSystemStorage(location=tmp_path / "media")
    storage.save("documents/rapport.pdf", io.BytesIO(b"%PDF-1.4 rapport"))
    storage.save("original_images/logo.png", io.BytesIO(b"\x89PNG logo"))
    return storage


@pytest.fixture
def backup_dir(tmp_path, media_storage, monkeypatch):
    """A backup whose database dump is a stand-in (the end-to-end test above makes real ones): what is
    checked here is the manifest, and no database is needed for it."""

    def stand_in_dump(target, alias):
        target.write_bytes(b"a database dump")
        return {}

    monkeypatch.setitem(DUMPERS, engine(), stand_in_dump)
    return create_backup(tmp_path / "backups", storage=media_storage)


def engine() -> str:
    return connection.vendor


def test_a_complete_backup_is_read(backup_dir):
    backup = read_backup(backup_dir, engine=engine())
    assert backup.engine == engine()
    assert sorted(entry["path"] for entry in backup.media_files) == [
        "media/documents/rapport.pdf",
        "media/original_images/logo.png",
    ]


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (lambda path: (path / "media/documents/rapport.pdf").write_bytes(b"%PDF-1.4 rapporT"), "checksum mismatch"),
        (lambda path: (path / "media/documents/rapport.pdf").write_bytes(b"%PDF-1.4"), "size differs"),
        (lambda path: (path / "media/original_images/logo.png").unlink(), "missing: media/original_images/logo.png"),
        (lambda path: next(path.glob("database.*")).unlink(), "missing: database."),
        (lambda path: (path / "media/documents/extra.exe").write_bytes(b"MZ"), "not in the manifest"),
        (lambda path: (path / MANIFEST).unlink(), "has no manifest.json"),
        (lambda path: (path / MANIFEST).write_text("{not json"), "cannot be read"),
    ],
)
def test_an_incomplete_or_modified_backup_is_refused(backup_dir, tamper, message):
    tamper(backup_dir)
    with pytest.raises(BackupError, match=re.escape(message)):
        read_backup(backup_dir, engine=engine())


def test_a_manifest_cannot_reach_outside_the_backup(backup_dir):
    manifest = json.loads((backup_dir / MANIFEST).read_text())
    manifest["files"].append({"path": "media/../../outside.txt", "size": 1, "sha256": "0" * 64})
    (backup_dir / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="unsafe name"):
        read_backup(backup_dir, engine=engine())


def test_a_backup_of_another_engine_is_refused(backup_dir):
    other = "sqlite" if engine() == "postgresql" else "postgresql"
    with pytest.raises(BackupError, match=f"made from a {engine()} database; the site now uses {other}"):
        read_backup(backup_dir, engine=other)


def test_the_command_refuses_a_modified_backup_with_a_clear_message(backup_dir):
    (backup_dir / "media/documents/rapport.pdf").write_bytes(b"%PDF-1.4 rapporT")
    with pytest.raises(CommandError, match=r"Restore refused: .*nothing was restored:\n  checksum mismatch: media/"):
        call_command("restore_site", str(backup_dir), "--noinput")


def test_an_interrupted_backup_is_refused(backup_dir):
    partial = backup_dir.rename(backup_dir.with_name(backup_dir.name + ".partial"))
    with pytest.raises(BackupError, match="unfinished backup"):
        read_backup(partial, engine=engine())


def test_media_are_restored_exactly_through_the_storage_api(backup_dir, media_storage):
    media_storage.save("documents/later.pdf", io.BytesIO(b"later"))
    media_storage.delete("original_images/logo.png")
    with media_storage.open("documents/rapport.pdf", "wb") as file:
        file.write(b"overwritten")
    restore_media(read_backup(backup_dir, engine=engine()), media_storage)
    assert sorted(path for path in Path(media_storage.location).rglob("*") if path.is_file()) == [
        Path(media_storage.location) / "documents/rapport.pdf",
        Path(media_storage.location) / "original_images/logo.png",
    ]
    assert media_storage.open("documents/rapport.pdf").read() == b"%PDF-1.4 rapport"


def test_old_backups_are_pruned_and_nothing_else(backup_dir, media_storage):
    output_dir = backup_dir.parent
    newer = create_backup(output_dir, storage=media_storage)
    (output_dir / "notes.txt").write_text("kept")
    (output_dir / "contrelatraite-20200101-000000.partial").mkdir()
    assert prune_backups(output_dir, keep=1) == [backup_dir]
    assert sorted(path.name for path in output_dir.iterdir()) == sorted(
        [newer.name, "notes.txt", "contrelatraite-20200101-000000.partial"]
    )


def test_media_in_a_bucket_are_backed_up_and_restored(tmp_path, s3_media, monkeypatch):
    """With media on S3 (the local endpoint), a backup copies the bucket's objects and a restore puts
    back exactly those, through the same storage API."""
    from django.core.files.storage import default_storage

    def stand_in_dump(target, alias):
        target.write_bytes(b"a database dump")
        return {}

    monkeypatch.setitem(DUMPERS, engine(), stand_in_dump)
    default_storage.save("documents/rapport.pdf", io.BytesIO(b"%PDF-1.4 rapport"))
    default_storage.save("original_images/logo.png", io.BytesIO(b"\x89PNG logo"))
    backup = create_backup(tmp_path / "backups", storage=default_storage)
    assert (backup / "media/documents/rapport.pdf").read_bytes() == b"%PDF-1.4 rapport"

    default_storage.save("documents/later.pdf", io.BytesIO(b"later"))
    default_storage.delete("original_images/logo.png")
    restore_media(read_backup(backup, engine=engine()), default_storage)

    assert sorted(s3_media.endpoint.keys(s3_media.bucket)) == ["documents/rapport.pdf", "original_images/logo.png"]
    assert s3_media.endpoint.read(s3_media.bucket, "original_images/logo.png") == b"\x89PNG logo"
