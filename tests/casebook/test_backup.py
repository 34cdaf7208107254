"""Backup and verified restore, on the embedded default (SQLite and local files).

The same commands run against PostgreSQL and S3 in tests/test_production_smoke.py.
"""

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.casebook.test_settings import manage

SETUP = """
import hashlib
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from casebook.roles import Role
from evidence.models import EvidenceItem
from evidence.services import original_name_for
from reporting.services import case_file_export
from tests.factories import CaseFactory, UserFactory

officer = UserFactory(username="officer", role=Role.OFFICER)
case = CaseFactory(created_by=officer, title="Blogger detained")
for number in range(3):
    content = f"a witness statement, number {number}".encode()
    sha256 = hashlib.sha256(content).hexdigest()
    name = default_storage.save(original_name_for(sha256), ContentFile(content))
    EvidenceItem.objects.create(
        case=case, file=name, sha256=sha256, size=len(content), media_type="text/plain",
        original_name=f"statement-{number}.txt", uploaded_by=officer,
    )
case_file_export(actor=officer, case=case, language="en")
"""


def run(*args, data_dir):
    result = manage(*args, data_dir=data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def key_kept_apart(original) -> Path:
    """Where an operator keeps the secret key: anywhere but in the backup (here, the old data folder)."""
    data, _backup = original
    return data / "secret_key"


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    """A data folder with a case, three evidence files and a case file, and its backup."""
    data = tmp_path_factory.mktemp("original")
    run("migrate", "--noinput", data_dir=data)
    run("shell", "-c", SETUP, data_dir=data)
    backup = tmp_path_factory.mktemp("backups") / "first"
    result = run("backup", str(backup), data_dir=data)
    assert "objects: 4" in result.stdout
    return data, backup


def test_backup_holds_the_database_every_object_and_their_sums(original):
    data, backup = original
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == "sqlite"
    assert manifest["tables"]["evidence_evidenceitem"] == 3
    assert manifest["tables"]["reporting_report"] == 1
    assert any(name.startswith("cases.") for name in manifest["migrations"])
    for item in manifest["objects"]:
        copied = backup / "objects" / item["name"]
        assert hashlib.sha256(copied.read_bytes()).hexdigest() == item["sha256"]
        assert copied.read_bytes() == (data / "media" / item["name"]).read_bytes()
    sums = (backup / "SHA256SUMS").read_text().splitlines()
    assert len(sums) == 3 + len(manifest["objects"])
    assert any(line.endswith("  audit-checkpoints.jsonl") for line in sums)
    assert oct(backup.stat().st_mode & 0o777) == "0o700"
    assert oct((backup / "database.sqlite3").stat().st_mode & 0o777) == "0o600"


def test_restore_into_an_empty_place_is_verified(original, tmp_path):
    _data, backup = original
    result = run("restore", str(backup), "--secret-key-file", str(key_kept_apart(original)), data_dir=tmp_path)
    assert "every file matches its SHA-256" in result.stdout
    assert "row counts match the backup" in result.stdout
    assert "evidence.EvidenceItem 3" in result.stdout
    assert "reporting.Report 1" in result.stdout
    assert "restore verified" in result.stdout
    check = manage("shell", "-c", "from cases.models import Case; print(Case.objects.get().title)", data_dir=tmp_path)
    assert check.stdout.strip().splitlines()[-1] == "Blogger detained"


def test_restore_refuses_a_damaged_backup(original, tmp_path_factory):
    _data, backup = original
    damaged = tmp_path_factory.mktemp("damaged") / "copy"
    shutil.copytree(backup, damaged)
    victim = next(path for path in (damaged / "objects").rglob("*") if path.is_file())
    victim.write_bytes(b"altered")
    target = tmp_path_factory.mktemp("target")
    result = manage("restore", str(damaged), data_dir=target)
    assert result.returncode != 0
    assert "does not match its SHA-256" in result.stderr
    # Checked before anything was loaded: the target is still empty.
    tables = manage(
        "shell",
        "-c",
        "from django.db import connection; print(connection.introspection.table_names())",
        data_dir=target,
    )
    assert "cases_case" not in tables.stdout


def test_restore_refuses_a_database_that_is_not_empty(original):
    data, backup = original
    result = manage("restore", str(backup), data_dir=data)
    assert result.returncode != 0
    assert "not empty" in result.stderr


def test_restore_finds_evidence_that_no_longer_matches_its_hash(original, tmp_path_factory):
    """A file altered before the backup was taken still fails the re-hash after the restore."""
    data, _backup = original
    altered_data = tmp_path_factory.mktemp("altered")
    shutil.copytree(data, altered_data, dirs_exist_ok=True)
    for path in (altered_data / "media" / "evidence").rglob("*"):
        if path.is_file():
            path.write_bytes(b"replaced after intake")
    backup = tmp_path_factory.mktemp("altered-backups") / "b"
    run("backup", str(backup), data_dir=altered_data)
    key = str(altered_data / "secret_key")
    result = manage(
        "restore", str(backup), "--sample", "50", "--secret-key-file", key, data_dir=tmp_path_factory.mktemp("target2")
    )
    assert result.returncode != 0
    assert "does not match its SHA-256" in result.stderr
    assert "evidence.EvidenceItem" in result.stderr


def test_backup_refuses_a_folder_that_is_not_empty(original, tmp_path):
    data, _backup = original
    (tmp_path / "something").write_text("x")
    result = manage("backup", str(tmp_path), data_dir=data)
    assert result.returncode != 0
    assert "not empty" in result.stderr
    assert (tmp_path / "something").exists()


def test_backup_signs_a_checkpoint_of_the_head_and_holds_no_key(original):
    data, backup = original
    check = "from casebook.models import AuditEvent; print(AuditEvent.objects.order_by('sequence').last().sequence)"
    head = int(manage("shell", "-c", check, data_dir=data).stdout.strip().splitlines()[-1])
    signed = json.loads((backup / "audit-checkpoints.jsonl").read_text().splitlines()[-1])
    assert signed["sequence"] == head
    key = (data / "secret_key").read_bytes().strip()
    for path in backup.rglob("*"):
        if path.is_file():
            assert key not in path.read_bytes(), path


def test_restore_without_the_key_asks_for_it_and_loads_nothing(original, tmp_path):
    _data, backup = original
    result = manage("restore", str(backup), data_dir=tmp_path)
    assert result.returncode != 0
    assert "signed with another key" in result.stderr
    assert "--secret-key-file" in result.stderr
    tables = manage(
        "shell",
        "-c",
        "from django.db import connection; print(connection.introspection.table_names())",
        data_dir=tmp_path,
    )
    assert "cases_case" not in tables.stdout


def test_restored_log_verifies_against_its_own_checkpoints(original, tmp_path):
    _data, backup = original
    run("restore", str(backup), "--secret-key-file", str(key_kept_apart(original)), data_dir=tmp_path)
    assert (tmp_path / "secret_key").read_text() == key_kept_apart(original).read_text().strip()
    result = run("verify_audit", data_dir=tmp_path)
    assert "The audit log is intact" in result.stdout
    assert "bad signature" not in result.stdout + result.stderr
    restored = (tmp_path / "audit-checkpoints" / "checkpoints.jsonl").read_text().splitlines()
    assert set((backup / "audit-checkpoints.jsonl").read_text().splitlines()) <= set(restored)
    # The restored checkpoints protect the restored log: cutting its end is caught.
    database = sqlite3.connect(tmp_path / "casebook.sqlite3")
    with database:
        database.execute("DROP TRIGGER casebook_auditevent_no_delete")
        database.execute(
            "DELETE FROM casebook_auditevent WHERE sequence = (SELECT MAX(sequence) FROM casebook_auditevent)"
        )
    database.close()
    result = manage("verify_audit", data_dir=tmp_path)
    assert result.returncode != 0
    assert "entries were removed from the end" in result.stderr
    assert "the append-only trigger casebook_auditevent_no_delete is missing" in result.stderr
