"""A crash at any moment of an upload leaves neither a record without its file nor a file without its record."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from evidence import services, storage
from evidence.models import CustodyEvent, EvidenceItem
from tests.evidence import corpus
from tests.evidence.conftest import upload

pytestmark = pytest.mark.django_db


class SimulatedCrash(BaseException):
    """Like a killed process: no ``except Exception`` clean-up runs."""


def test_failure_before_commit_removes_the_written_file(as_user, officer, case, backend, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "custody_record", fail)
    with pytest.raises(RuntimeError):
        upload(as_user(officer), case, corpus.named(corpus.png_bytes(), "a.png"))
    assert EvidenceItem.objects.count() == 0
    assert backend.names() == []


def test_crash_between_write_and_commit_leaves_an_orphan_that_is_found(
    as_user, officer, case, backend, monkeypatch, capsys
):
    real_record = services.custody_record

    def crash(**kwargs):
        raise SimulatedCrash

    monkeypatch.setattr(services, "custody_record", crash)
    with pytest.raises(SimulatedCrash):
        upload(as_user(officer), case, corpus.named(corpus.png_bytes(), "a.png"))
    # The transaction rolled back: no record, no custody. The verified file stays behind.
    assert EvidenceItem.objects.count() == 0
    assert CustodyEvent.objects.count() == 0
    [orphan] = backend.names()

    with pytest.raises(CommandError):
        call_command("find_orphans", grace_seconds=0)
    assert f"file without a record: {orphan}" in capsys.readouterr().out

    call_command("find_orphans", grace_seconds=0, delete=True)
    assert backend.names() == []
    call_command("find_orphans", grace_seconds=0)  # consistent again: no error

    monkeypatch.setattr(services, "custody_record", real_record)
    upload(as_user(officer), case, corpus.named(corpus.png_bytes(), "a.png"))
    assert EvidenceItem.objects.count() == 1


def test_orphans_younger_than_the_grace_period_are_left_to_their_upload(as_user, officer, case, backend, monkeypatch):
    monkeypatch.setattr(services, "custody_record", lambda **kwargs: (_ for _ in ()).throw(SimulatedCrash()))
    with pytest.raises(SimulatedCrash):
        upload(as_user(officer), case, corpus.named(corpus.png_bytes(), "a.png"))
    call_command("find_orphans", grace_seconds=3600)  # nothing old enough to report: no error
    assert len(backend.names()) == 1


def test_crash_mid_write_then_retry_stores_the_right_bytes(as_user, officer, case, backend):
    """A torn write under the hash name (nothing refers to it) is replaced by the next upload of those bytes."""
    content = corpus.png_bytes()
    name = storage.original_name_for(hashlib.sha256(content).hexdigest())
    default_storage.save(name, ContentFile(content[: len(content) // 2]))
    upload(as_user(officer), case, corpus.named(content, "a.png"))
    item = EvidenceItem.objects.get()
    assert backend.read(item.file.name) == content


def test_record_without_its_file_is_reported(as_user, officer, case, backend, capsys):
    upload(as_user(officer), case, corpus.named(corpus.png_bytes(), "a.png"))
    item = EvidenceItem.objects.get()
    backend.remove(item.file.name)
    with pytest.raises(CommandError):
        call_command("find_orphans", grace_seconds=0, delete=True)
    output = capsys.readouterr().out
    assert f"record without its file: item {item.pk} of {case.reference}" in output
    assert EvidenceItem.objects.filter(pk=item.pk).exists()  # records are never deleted


def test_stored_copy_altered_after_intake_is_never_replaced_by_an_upload(as_user, officer, case, shared_case, backend):
    client = as_user(officer)
    upload(client, case, corpus.named(corpus.png_bytes(), "a.png"))
    item = EvidenceItem.objects.get()
    backend.overwrite(item.file.name, b"tampered")
    response = upload(client, shared_case, corpus.named(corpus.png_bytes(), "a.png"))
    assert "no longer matches its hash" in response.text
    assert backend.read(item.file.name) == b"tampered"  # kept for investigation, not silently repaired
    assert EvidenceItem.objects.count() == 1


def test_concurrent_duplicate_is_refused_cleanly(as_user, officer, case, backend, monkeypatch):
    """Two requests with the same bytes: the loser of the race gets the duplicate message, not an error."""
    client = as_user(officer)
    upload(client, case, corpus.named(corpus.png_bytes(), "first.png"))
    stored = backend.names()
    # The second request's duplicate check runs before the first one commits.
    monkeypatch.setattr(services, "_duplicate_of", lambda **kwargs: None)
    response = upload(client, case, corpus.named(corpus.png_bytes(), "second.png"))
    assert "“second.png” is already attached to this case." in response.text
    monkeypatch.undo()
    assert EvidenceItem.objects.count() == 1
    assert backend.names() == stored
