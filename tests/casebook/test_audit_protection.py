"""What protects the audit log beyond its hash chain: the triggers, and checkpoints frequent enough to count."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from casebook.audit import Action, record, triggers
from casebook.audit.checkpoints import checkpoint_path
from casebook.audit.verify import verify_audit_log
from casebook.models import AuditEvent
from tests.casebook.test_audit import raw

pytestmark = pytest.mark.django_db


@pytest.fixture
def triggers_dropped():
    triggers.remove(connection)
    yield
    triggers.install(connection)


def fill_to(sequence: int, actor, capture) -> None:
    """Append entries, committing each as a request would, until the log's head is ``sequence``."""
    with capture(execute=True):
        while (AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0) < sequence:
            record(actor=actor, action=Action.CASE_VIEWED, case="DR-2026-0001")


def cut_after(sequence: int) -> None:
    raw("DELETE FROM casebook_auditevent WHERE sequence > %s", [sequence])


def test_intact_log_with_its_triggers_verifies(officer):
    record(actor=officer, action=Action.LOGIN)
    assert triggers.missing(connection) == []
    assert verify_audit_log().ok


def test_verify_fails_when_the_append_only_triggers_were_dropped(officer, triggers_dropped):
    record(actor=officer, action=Action.LOGIN)
    result = verify_audit_log()
    assert not result.ok
    for name in triggers.EXPECTED[connection.vendor]:
        assert f"the append-only trigger {name} is missing or disabled" in " ".join(result.problems)
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("verify_audit")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="triggers are disabled, not only dropped, on PostgreSQL")
def test_verify_fails_when_a_trigger_is_disabled(officer):
    record(actor=officer, action=Action.LOGIN)
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE casebook_auditevent DISABLE TRIGGER casebook_auditevent_append_only")
    try:
        problems = verify_audit_log().problems
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE casebook_auditevent ENABLE TRIGGER casebook_auditevent_append_only")
    assert problems == [
        "the append-only trigger casebook_auditevent_append_only is missing or disabled: "
        "the log can be changed in the database"
    ]


def test_a_checkpoint_is_signed_every_100_entries_by_default(officer, django_capture_on_commit_callbacks):
    fill_to(205, officer, django_capture_on_commit_callbacks)
    signed = [line for line in checkpoint_path().read_text().splitlines() if line]
    assert ['"sequence":100,' in signed[0], '"sequence":200,' in signed[1]] == [True, True]
    result = verify_audit_log()
    assert result.ok, result.problems
    assert (result.latest_checkpoint, result.unprotected) == (200, 5)


def test_cutting_the_tail_after_deleting_the_checkpoint_file_is_caught(officer, django_capture_on_commit_callbacks):
    fill_to(250, officer, django_capture_on_commit_callbacks)
    checkpoint_path().unlink()
    cut_after(230)
    problems = verify_audit_log().problems
    assert problems == [
        "no signed checkpoint names entry #200 or later, though one is written every 100 entries "
        "(latest: #0): the checkpoint file was removed or cut"
    ]


def test_the_copy_outside_data_catches_a_deleted_file_and_a_cut_tail(
    officer, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.AUDIT_CHECKPOINT_COPY_DIR = str(tmp_path / "elsewhere")
    fill_to(250, officer, django_capture_on_commit_callbacks)
    call_command("verify_audit")  # signs #250 in both places
    checkpoint_path().unlink()
    cut_after(240)
    problems = verify_audit_log().problems
    assert any("its copy in" in problem and "was removed or cut" in problem for problem in problems)
    assert "the log ends at entry #240 but a signed checkpoint names entry #250" in " ".join(problems)


def test_the_copy_catches_a_checkpoint_file_cut_to_match_a_cut_tail(
    officer, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.AUDIT_CHECKPOINT_COPY_DIR = str(tmp_path / "elsewhere")
    fill_to(150, officer, django_capture_on_commit_callbacks)
    call_command("verify_audit")
    kept = checkpoint_path().read_text().splitlines()[:1]  # the attacker keeps #100 only
    checkpoint_path().write_text("\n".join(kept) + "\n")
    cut_after(120)
    assert "lacks 1 of them" in " ".join(verify_audit_log().problems)


def test_verify_audit_says_what_is_unprotected_then_signs_the_head(officer, capsys, django_capture_on_commit_callbacks):
    fill_to(130, officer, django_capture_on_commit_callbacks)
    call_command("verify_audit")
    output = capsys.readouterr().out
    assert "30 entries after the last signed checkpoint (#100) were not protected by one" in output
    assert "Checkpoint of entry #130 signed" in output
    call_command("verify_audit", "--no-checkpoint")
    assert "0 entries after the last signed checkpoint (#130)" in capsys.readouterr().out
    cut_after(125)
    assert "names entry #130" in verify_audit_log().problems[0]
