"""Consistent backups of the database and the object store, and verified restores.

A backup is a folder (kept private: it holds every record) with:

- ``database.pgdump`` (``pg_dump`` custom format) or ``database.sqlite3`` (a
  copy made with SQLite's online backup API);
- ``objects/``: every object of the default storage (evidence originals and
  derivatives, generated documents), under its storage name;
- ``manifest.json``: the row count of every table, as of the dump, the
  applied migrations and the SHA-256 and size of every object;
- ``audit-checkpoints.jsonl``: the signed checkpoints of the audit log, one of
  them written by the backup itself for the head of the log it holds;
- ``SHA256SUMS``: the SHA-256 of every file above, readable by ``sha256sum -c``.

The key that signs the checkpoints is not in the backup (it would let whoever
holds the backup forge them): on the embedded default it is derived from
``data/secret_key``, to be kept apart; a restore into a fresh ``data/`` asks
for it (``--secret-key-file``) before loading anything.

Consistency: the database is dumped first, in one snapshot (PostgreSQL: the
row counts are taken in the same exported snapshot that ``pg_dump`` reads).
Objects are copied afterwards; since an object is written before the record
that names it is committed, and objects are never deleted, every object the
dump refers to is in the copy. Objects written meanwhile are extra, harmless.

A restore goes into an empty database and storage, checks every file against
its SHA-256 first, loads the dump, puts the objects back, compares every
table's row count with the manifest, then applies the migrations of the
running version (so a backup of this version restores into the next one),
runs ``verify_audit`` where that command exists, and re-hashes a sample of the
stored files that carry a recorded SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command, get_commands
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
CHUNK = 1024 * 1024
MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
CHECKPOINTS = "audit-checkpoints.jsonl"
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass
class RestoreReport:
    tables: int = 0
    rows: int = 0
    objects: int = 0
    audit: str = "not run"
    rehashed: dict[str, int] = field(default_factory=dict)


def _sha256_file(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _row_counts(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - names from introspection
        counts[table] = cursor.fetchone()[0]
    return counts


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    settings = connection.settings_dict
    arguments = ["--dbname", settings["NAME"]]
    if settings.get("HOST"):
        arguments += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        arguments += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        arguments += ["--username", settings["USER"]]
    environment = {**os.environ}
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = settings["PASSWORD"]
    return arguments, environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian package: postgresql-client)") from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-1000:]}")


def _dump_database(destination: Path) -> dict[str, int]:
    """Write the dump and return the row counts of the same moment."""
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"Backups of a {vendor} database are not supported.")
    target = destination / DUMPS[vendor]
    tables = sorted(connection.introspection.table_names())
    if vendor == "postgresql":
        arguments, environment = _pg_environment()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _row_counts(cursor, tables)
            # pg_dump reads the exported snapshot, which lives as long as this transaction.
            _run(
                [
                    *("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"),
                    *("--file", str(target), *arguments),
                ],
                environment,
            )
        return counts
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        return {table: cursor.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608
    finally:
        copy.close()


def _stored_names(storage, folder: str = "") -> list[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local store nothing was written to yet
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += _stored_names(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"Refusing an object name outside the store: {name!r}")
    return path


def backup(destination: Path, *, log=print) -> dict:
    """Write a backup folder at ``destination`` (which must not exist or be empty)."""
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty.")
    previous_umask = os.umask(0o077)  # every file of the backup readable by its owner only
    try:
        destination.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(destination, 0o700)
        return _write_backup(destination, log)
    except BaseException:
        # A partial backup is of no use and holds personal data: leave nothing behind.
        for child in destination.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        raise
    finally:
        os.umask(previous_umask)


def _checkpoint_head(log) -> None:
    """Sign a checkpoint of the audit log's head, so that the backup's log is protected up to now."""
    from casebook.audit.checkpoints import write_checkpoint
    from casebook.models import AuditEvent

    head = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    if head is not None:
        write_checkpoint(sequence=head[0], head_hash=head[1])
        log(f"audit checkpoint of entry #{head[0]} signed")


def _write_backup(destination: Path, log) -> dict:
    from casebook.audit.checkpoints import checkpoint_path

    _checkpoint_head(log)
    counts = _dump_database(destination)
    log(f"database: {len(counts)} tables, {sum(counts.values())} rows")
    # The signed checkpoints travel with the backup; the key that signed them does not.
    checkpoints = destination / CHECKPOINTS
    if checkpoint_path().exists():
        shutil.copyfile(checkpoint_path(), checkpoints)
    else:
        checkpoints.write_text("")
    objects = []
    for name in _stored_names(default_storage):
        target = destination / "objects" / _safe_relative(name)
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        hasher, size = hashlib.sha256(), 0
        with default_storage.open(name, "rb") as source, target.open("wb") as copy:
            while chunk := source.read(CHUNK):
                hasher.update(chunk)
                size += len(chunk)
                copy.write(chunk)
        objects.append({"name": name, "size": size, "sha256": hasher.hexdigest()})
    log(f"objects: {len(objects)}, {sum(item['size'] for item in objects)} bytes")

    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": {"vendor": connection.vendor, "file": DUMPS[connection.vendor]},
        "migrations": sorted(
            f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations() if app and name
        ),
        "tables": counts,
        "objects": objects,
        "audit_checkpoints": CHECKPOINTS,
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    sums = [(DUMPS[connection.vendor], _sha256_file(destination / DUMPS[connection.vendor]))]
    sums += [(MANIFEST, _sha256_file(destination / MANIFEST))]
    sums += [(CHECKPOINTS, _sha256_file(destination / CHECKPOINTS))]
    sums += [(f"objects/{item['name']}", item["sha256"]) for item in objects]
    (destination / CHECKSUMS).write_text("".join(f"{digest}  {name}\n" for name, digest in sums))
    log(f"backup written to {destination}")
    return manifest


def _verify_files(source: Path) -> dict:
    checksums = source / CHECKSUMS
    if not checksums.exists() or not (source / MANIFEST).exists():
        raise BackupError(f"{source} is not a Casebook backup (no {CHECKSUMS} or {MANIFEST}).")
    listed = {}
    for line in checksums.read_text().splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
        path = source / _safe_relative(name)
        if not path.is_file():
            raise BackupError(f"The backup is incomplete: {name} is missing.")
        if _sha256_file(path) != digest:
            raise BackupError(f"The backup is damaged: {name} does not match its SHA-256.")
    manifest = json.loads((source / MANIFEST).read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    if manifest["database"]["file"] not in listed or MANIFEST not in listed:
        raise BackupError("The backup's checksums do not cover its database dump.")
    if manifest.get("audit_checkpoints") and manifest["audit_checkpoints"] not in listed:
        raise BackupError("The backup's checksums do not cover its audit checkpoints.")
    for item in manifest["objects"]:
        if listed.get(f"objects/{item['name']}") != item["sha256"]:
            raise BackupError(f"The backup is damaged: object {item['name']} is not covered by its checksums.")
    return manifest


def _load_database(source: Path, manifest: dict) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"This backup is of a {vendor} database; the configured one is {connection.vendor}.")
    if connection.introspection.table_names():
        raise BackupError("The database is not empty: restore into a new, empty database.")
    dump = source / manifest["database"]["file"]
    if vendor == "postgresql":
        arguments, environment = _pg_environment()
        _run(
            [
                *("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"),
                *(*arguments, str(dump)),
            ],
            environment,
        )
    else:
        connection.close()
        original = sqlite3.connect(dump)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            original.backup(target)
        finally:
            original.close()
            target.close()
    connection.close()


def _restore_objects(source: Path, manifest: dict) -> int:
    for item in manifest["objects"]:
        name = item["name"]
        path = source / "objects" / _safe_relative(name)
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as stored:
                hasher = hashlib.sha256()
                while chunk := stored.read(CHUNK):
                    hasher.update(chunk)
            if hasher.hexdigest() != item["sha256"]:
                raise BackupError(f"The store already holds a different {name}: restore into an empty store.")
            continue
        with path.open("rb") as handle:
            saved = default_storage.save(name, File(handle, name=PurePosixPath(name).name))
        if saved != name:
            raise BackupError(f"The store saved {name} as {saved}.")
    return len(manifest["objects"])


def _verify_counts(manifest: dict) -> int:
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table, expected in manifest["tables"].items():
            if table not in tables:
                raise BackupError(f"Table {table} is missing after the restore.")
            actual = _row_counts(cursor, [table])[table]
            if actual != expected:
                raise BackupError(f"Table {table} holds {actual} rows after the restore; the backup had {expected}.")
    return sum(manifest["tables"].values())


def hashed_file_models() -> list[tuple[type[models.Model], str]]:
    """Models that keep a file with its recorded SHA-256, and the name of the file field."""
    found = []
    for model in apps.get_models():
        names = {field.name: field for field in model._meta.concrete_fields}
        sha = names.get("sha256")
        files = [field.name for field in names.values() if isinstance(field, models.FileField)]
        # Historical copies (django-simple-history) repeat their model's rows.
        if sha is not None and files and not model.__name__.startswith("Historical"):
            found.append((model, files[0]))
    return found


def rehash_sample(sample: int) -> dict[str, int]:
    """Re-hash up to ``sample`` stored files of each hashed model; raises BackupError on a mismatch."""
    checked = {}
    for model, file_field in hashed_file_models():
        keys = list(model._default_manager.values_list("pk", flat=True))
        chosen = random.sample(keys, min(sample, len(keys)))
        for row in model._default_manager.filter(pk__in=chosen):
            name = getattr(row, file_field).name
            hasher = hashlib.sha256()
            try:
                with default_storage.open(name, "rb") as handle:
                    while chunk := handle.read(CHUNK):
                        hasher.update(chunk)
            except (FileNotFoundError, OSError) as error:
                raise BackupError(f"{model._meta.label} {row.pk}: its file is missing ({error}).") from error
            if hasher.hexdigest() != row.sha256:
                raise BackupError(f"{model._meta.label} {row.pk}: the stored file does not match its SHA-256.")
        checked[model._meta.label] = len(chosen)
    return checked


def install_secret_key(path: Path) -> None:
    """Put back the secret key of the backed-up installation (embedded default), before anything else.

    It signs the audit checkpoints (unless CASEBOOK_AUDIT_SIGNING_KEY is set) as well as sessions;
    a fresh ``data/`` has a new one, against which the restored checkpoints cannot verify.
    """
    from django.conf import settings

    if os.environ.get("CASEBOOK_SECRET_KEY"):
        raise BackupError("CASEBOOK_SECRET_KEY is set: put the old key there instead of giving a key file.")
    if connection.introspection.table_names():
        raise BackupError("The database is not empty: restore into a new, empty database.")
    try:
        key = Path(path).read_text().strip()
    except OSError as error:
        raise BackupError(f"The key file cannot be read: {error.strerror}.") from error
    if len(key) < 32:
        raise BackupError("The key file does not hold a secret key.")
    target = Path(settings.DATA_DIR) / "secret_key"
    temporary = target.with_name(".secret_key.restoring")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key)
    os.replace(temporary, target)
    settings.SECRET_KEY = key


def _check_checkpoint_key(source: Path, manifest: dict) -> list[str]:
    """The backup's signed checkpoints, refused before anything is loaded if this key cannot verify them."""
    name = manifest.get("audit_checkpoints")
    if not name:
        return []
    from casebook.audit.checkpoints import check_lines

    lines = (source / name).read_text().splitlines()
    if check_lines(lines):
        raise BackupError(
            "The backup's audit checkpoints were signed with another key, so the restored log could not be "
            "verified. Give the key of the backed-up installation: --secret-key-file with a copy of its "
            "data/secret_key (embedded default), or set CASEBOOK_AUDIT_SIGNING_KEY as it was. Nothing was restored."
        )
    return lines


def restore(source: Path, *, sample: int = 20, secret_key_file: Path | None = None, log=print) -> RestoreReport:
    """Restore a backup folder into an empty database and store, verifying as it goes."""
    source = Path(source)
    report = RestoreReport()
    manifest = _verify_files(source)
    log(f"backup of {manifest['created_at']}: every file matches its SHA-256")
    if secret_key_file is not None:
        install_secret_key(secret_key_file)
        log("secret key of the backed-up installation put back")
    checkpoints = _check_checkpoint_key(source, manifest)
    _load_database(source, manifest)
    report.objects = _restore_objects(source, manifest)
    log(f"objects restored: {report.objects}")
    report.rows = _verify_counts(manifest)
    report.tables = len(manifest["tables"])
    log(f"row counts match the backup: {report.tables} tables, {report.rows} rows")
    call_command("migrate", interactive=False, verbosity=0)
    log("migrations of this version applied")
    if checkpoints:
        from casebook.audit.checkpoints import append_lines

        append_lines(checkpoints)
        log(f"audit checkpoints put back: {sum(1 for line in checkpoints if line.strip())}")
    if "verify_audit" in get_commands():
        call_command("verify_audit")
        report.audit = "verified"
    else:
        report.audit = "skipped: this version has no verify_audit command"
    log(f"audit log: {report.audit}")
    report.rehashed = rehash_sample(sample)
    log("re-hashed: " + (", ".join(f"{label} {count}" for label, count in report.rehashed.items()) or "nothing"))
    return report
