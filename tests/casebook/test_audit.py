"""The audit log: recorded where it matters, append-only in the database, tamper-evident."""

import itertools
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from casebook.audit import Action, Entry, chain, record, record_many, triggers
from casebook.audit.checkpoints import checkpoint_path, write_checkpoint
from casebook.audit.verify import verify_audit_log
from casebook.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(officer):
    """A fresh chain of ten entries (the fixtures' own entries come first)."""
    for number in range(10):
        record(actor=officer, action=Action.CASE_VIEWED, case=f"DR-2026-{number:04d}", detail={"n": number})
    return list(AuditEvent.objects.order_by("sequence"))


def raw(sql, params=()):
    """Run SQL with the append-only triggers lifted, as an attacker with database access could."""
    triggers.remove(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        triggers.install(connection)


def rehash_from(sequence):
    """Recompute every hash from one entry on, as a careful forger would."""
    previous = AuditEvent.objects.filter(sequence=sequence - 1).values_list("hash", flat=True).first() or chain.GENESIS
    for event in AuditEvent.objects.filter(sequence__gte=sequence).order_by("sequence"):
        values = (*[getattr(event, name) for name in chain.FIELDS[:-1]], previous)
        new_hash = chain.entry_hash(values)
        raw(
            "UPDATE casebook_auditevent SET previous_hash = %s, hash = %s WHERE sequence = %s",
            [previous, new_hash, event.sequence],
        )
        previous = new_hash


def first_problem():
    result = verify_audit_log()
    assert not result.ok
    return result.problems[0]


def test_intact_chain_verifies(events):
    result = verify_audit_log()
    assert result.ok, result.problems
    assert result.count == AuditEvent.objects.count()
    assert result.head_hash == events[-1].hash
    assert events[0].previous_hash == chain.GENESIS or events[0].sequence > 1


def test_each_entry_holds_the_hash_of_the_one_before(events):
    for before, after in itertools.pairwise(events):
        assert after.previous_hash == before.hash
        assert after.sequence == before.sequence + 1


def test_verify_audit_command_reports_intact_chain(events, capsys):
    call_command("verify_audit")
    assert f"{len(events)} entries" in capsys.readouterr().out


def test_edited_entry_is_detected(events):
    target = events[4]
    raw("UPDATE casebook_auditevent SET case_reference = 'DR-2026-9999' WHERE sequence = %s", [target.sequence])
    assert first_problem() == f"entry #{target.sequence}: its content does not match its hash (edited entry)"


def test_edited_entry_with_its_hash_recomputed_breaks_the_next_link(events):
    target = events[4]
    raw("UPDATE casebook_auditevent SET actor_name = 'someone else' WHERE sequence = %s", [target.sequence])
    event = AuditEvent.objects.get(sequence=target.sequence)
    new_hash = chain.entry_hash(tuple(getattr(event, name) for name in chain.FIELDS))
    raw("UPDATE casebook_auditevent SET hash = %s WHERE sequence = %s", [new_hash, target.sequence])
    problem = first_problem()
    assert problem.startswith(f"entry #{target.sequence + 1}: does not follow the entry before it")


def test_deleted_entry_is_detected(events):
    target = events[3]
    raw("DELETE FROM casebook_auditevent WHERE sequence = %s", [target.sequence])
    problem = first_problem()
    assert problem.startswith(f"entry #{target.sequence + 1}: expected entry #{target.sequence}")
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_inserted_entry_is_detected(events):
    """A forged entry slipped in after entry #k, the later ones renumbered to make room."""
    after = events[5]
    for event in reversed(events[6:]):
        raw("UPDATE casebook_auditevent SET sequence = %s WHERE sequence = %s", [event.sequence + 1, event.sequence])
    forged = {
        "sequence": after.sequence + 1,
        "created_at": after.created_at,
        "actor_id": after.actor_id,
        "actor_name": after.actor_name,
        "action": Action.CASE_VIEWED.value,
        "case_reference": "DR-2026-0777",
        "target_type": "",
        "target_id": "",
        "ip_address": "",
        "detail": "",
        "previous_hash": after.hash,
    }
    forged["hash"] = chain.entry_hash(tuple(forged[name] for name in chain.FIELDS))
    AuditEvent.objects.bulk_create([AuditEvent(**forged)])
    problem = first_problem()
    assert problem.startswith(f"entry #{after.sequence + 2}: does not follow the entry before it")


def test_reordered_entries_are_detected(events):
    first, second = events[2], events[3]
    raw("UPDATE casebook_auditevent SET sequence = -1 WHERE sequence = %s", [first.sequence])
    raw("UPDATE casebook_auditevent SET sequence = %s WHERE sequence = %s", [first.sequence, second.sequence])
    raw("UPDATE casebook_auditevent SET sequence = %s WHERE sequence = -1", [second.sequence])
    problem = first_problem()
    assert problem.startswith(f"entry #{first.sequence}: does not follow the entry before it")


def test_entry_appended_by_hand_without_the_chain_is_detected(events):
    last = events[-1]
    forged = AuditEvent(
        sequence=last.sequence + 1,
        created_at=last.created_at,
        action=Action.LOGIN.value,
        actor_name="nobody",
        previous_hash="f" * 64,
        hash="e" * 64,
    )
    AuditEvent.objects.bulk_create([forged])
    assert first_problem().startswith(f"entry #{last.sequence + 1}: does not follow")


def test_database_refuses_update(events):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=events[0].pk).update(actor_name="x")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event = AuditEvent.objects.get(pk=events[1].pk)
        event.action = Action.LOGOUT.value
        event.save()
    assert AuditEvent.objects.get(pk=events[0].pk).actor_name == events[0].actor_name


def test_database_refuses_delete(events):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=events[0].pk).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.all().delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM casebook_auditevent")
    assert AuditEvent.objects.count() == len(events)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE exists on PostgreSQL only")
def test_database_refuses_truncate(events):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE casebook_auditevent")
    assert AuditEvent.objects.count() == len(events)


def test_truncated_tail_is_detected_against_the_checkpoint(events):
    call_command("audit_checkpoint")
    assert checkpoint_path().exists()
    assert verify_audit_log().ok
    raw("DELETE FROM casebook_auditevent WHERE sequence > %s", [events[6].sequence])
    problem = first_problem()
    assert f"the log ends at entry #{events[6].sequence}" in problem
    assert f"names entry #{events[-1].sequence}" in problem


def test_rewritten_chain_is_caught_by_the_checkpoint(events):
    """Edit one entry and recompute every later hash: only the signed checkpoint can tell."""
    write_checkpoint(sequence=events[-1].sequence, head_hash=events[-1].hash)
    target = events[2]
    raw("UPDATE casebook_auditevent SET case_reference = 'DR-2026-0000' WHERE sequence = %s", [target.sequence])
    rehash_from(target.sequence)
    assert first_problem() == (
        f"entry #{events[-1].sequence}: differs from the signed checkpoint (the chain was rewritten)"
    )


def test_forged_checkpoint_is_reported(events, settings):
    settings.AUDIT_SIGNING_KEY = "another key"
    write_checkpoint(sequence=events[-1].sequence + 100, head_hash="a" * 64)
    settings.AUDIT_SIGNING_KEY = ""
    problems = verify_audit_log().problems
    assert problems == ["checkpoint line 1: bad signature (forged or signed with another key)"]


def test_record_keeps_references_not_text(officer, case):
    event = record(actor=officer, action=Action.CASE_VIEWED, case=case, target=case)
    assert event.case_reference == case.reference
    assert (event.target_type, event.target_id) == ("cases.case", str(case.pk))
    assert case.title not in str(AuditEvent.objects.filter(pk=event.pk).values().get())


# --- What gets recorded ---------------------------------------------------------------


def last(action):
    return AuditEvent.objects.filter(action=action).order_by("-sequence").first()


def test_case_view_is_recorded_with_the_address(as_user, partner, shared_case):
    as_user(partner).get(reverse("cases:detail", args=[shared_case.reference]), REMOTE_ADDR="198.51.100.7")
    event = last(Action.CASE_VIEWED)
    assert (event.actor, event.case_reference, event.ip_address) == (partner, shared_case.reference, "198.51.100.7")


def test_hidden_case_view_is_not_recorded_as_a_view(as_user, partner, case):
    assert as_user(partner).get(reverse("cases:detail", args=[case.reference])).status_code == 404
    assert last(Action.CASE_VIEWED) is None


def test_share_and_revoke_are_recorded(as_user, officer, partner, case):
    client = as_user(officer)
    client.post(reverse("cases:share", args=[case.reference]), {"partner": partner.pk})
    client.post(reverse("cases:revoke", args=[case.reference, partner.pk]))
    shared, revoked = last(Action.CASE_SHARED), last(Action.CASE_REVOKED)
    assert (shared.actor, shared.case_reference, shared.target_id) == (officer, case.reference, str(partner.pk))
    assert (revoked.actor, revoked.case_reference, revoked.target_id) == (officer, case.reference, str(partner.pk))
    assert revoked.sequence > shared.sequence


def test_case_file_export_is_recorded(as_user, partner, shared_case):
    response = as_user(partner).post(reverse("reporting:case_file", args=[shared_case.reference]), {"language": "en"})
    assert response.status_code == 200
    event = last(Action.REPORT_EXPORTED)
    assert (event.actor, event.case_reference, event.target_type) == (
        partner,
        shared_case.reference,
        "reporting.report",
    )
    assert response["X-Casebook-SHA256"] in event.detail


def test_evidence_added_viewed_and_exported_are_recorded(as_user, officer, case):
    from evidence.models import EvidenceItem
    from tests.evidence.test_upload import named, png_bytes

    client = as_user(officer)
    client.post(reverse("evidence:upload", args=[case.reference]), {"files": [named(png_bytes(), "a.png")]})
    item = EvidenceItem.objects.get()
    added = last(Action.EVIDENCE_UPLOADED)
    assert (added.actor, added.case_reference, added.target_id) == (officer, case.reference, str(item.pk))
    assert item.sha256 in added.detail

    client.get(reverse("evidence:detail", args=[item.pk]))
    assert last(Action.EVIDENCE_VIEWED).target_id == str(item.pk)
    client.post(reverse("evidence:bag", args=[case.reference]))
    assert last(Action.EVIDENCE_EXPORTED).case_reference == case.reference


def test_list_export_records_the_filters_used_not_what_was_searched(as_user, officer, case):
    response = as_user(officer).get(reverse("cases:export"), {"q": "Samir Haddad", "country": "LB"})
    b"".join(response.streaming_content)
    event = last(Action.CASES_EXPORTED)
    assert event.actor == officer
    assert "country" in event.detail and "q" in event.detail
    assert "Samir" not in event.detail


def test_role_change_is_recorded(outsider):
    from django.contrib.auth.models import Group

    outsider.groups.add(Group.objects.get(name="Legal partner"))
    outsider.groups.remove(Group.objects.get(name="Legal partner"))
    granted, removed = last(Action.ROLE_GRANTED), last(Action.ROLE_REMOVED)
    assert granted.target_id == removed.target_id == str(outsider.pk)
    assert "Legal partner" in granted.detail


def test_failed_login_is_recorded(client, officer):
    client.post(reverse("login"), {"username": "officer", "password": "wrong password!"}, REMOTE_ADDR="203.0.113.9")
    event = last(Action.LOGIN_FAILED)
    assert event.ip_address == "203.0.113.9"
    assert '"username": "officer"' in event.detail
    assert "wrong password" not in event.detail


# --- The administrator's audit page -------------------------------------------------


def test_administrator_filters_the_audit_log(as_user, administrator, officer, partner, case, shared_case):
    as_user(partner).get(reverse("cases:detail", args=[shared_case.reference]))
    as_user(officer).get(reverse("cases:detail", args=[case.reference]))
    client = as_user(administrator)
    url = reverse("audit:list")

    page = client.get(url, {"actor": partner.pk, "action": Action.CASE_VIEWED.value})
    assert [event.actor_name for event in page.context["page"]] == ["partner"]

    page = client.get(url, {"case": case.reference.lower()})
    assert {event.case_reference for event in page.context["page"]} == {case.reference}

    today = last(Action.CASE_VIEWED).created_at.date().isoformat()
    assert len(client.get(url, {"since": today, "until": today, "action": "case.viewed"}).context["page"]) == 2
    assert len(client.get(url, {"until": "2000-01-01"}).context["page"]) == 0
    assert len(client.get(url, {"action": "not-an-action"}).context["page"]) == 0  # invalid filter: nothing
    assert last(Action.AUDIT_VIEWED).actor == administrator


def test_audit_page_in_arabic(as_user, administrator):
    client = as_user(administrator)
    client.post(reverse("set_language"), {"language": "ar", "next": "/audit/"})
    page = client.get(reverse("audit:list"))
    assert '<html lang="ar" dir="rtl">' in page.text
    assert "سجل التدقيق" in page.text


def test_only_administrators_see_the_audit_page(as_user, officer, partner, advocacy, outsider):
    for user in (officer, partner, advocacy, outsider):
        assert as_user(user).get(reverse("audit:list")).status_code == 403
    assert as_user(officer).post(reverse("audit:list")).status_code == 405


def test_a_checkpoint_is_written_every_so_many_entries(officer, settings, django_capture_on_commit_callbacks):
    settings.AUDIT_CHECKPOINT_EVERY = 5
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(10):
            record(actor=officer, action=Action.LOGIN)
    lines = checkpoint_path().read_text().splitlines()
    head = AuditEvent.objects.order_by("-sequence").first()
    assert len(lines) >= 2
    assert f'"sequence":{head.sequence - head.sequence % 5}' in lines[-1]
    assert verify_audit_log().ok


def test_many_entries_at_once_are_chained_as_one_by_one(officer, settings, django_capture_on_commit_callbacks):
    settings.AUDIT_CHECKPOINT_EVERY = 5
    record(actor=officer, action=Action.LOGIN)
    first = AuditEvent.objects.order_by("-sequence").first().sequence + 1
    with django_capture_on_commit_callbacks(execute=True):
        written = record_many(actor=officer, entries=[Entry(Action.CASE_VIEWED, f"DR-2026-{n:04d}") for n in range(12)])
        record(actor=officer, action=Action.LOGOUT)

    assert [event.sequence for event in written] == list(range(first, first + 12))
    stored = list(AuditEvent.objects.filter(sequence__gte=first).order_by("sequence"))
    assert [event.case_reference for event in stored[:12]] == [f"DR-2026-{n:04d}" for n in range(12)]
    assert all(event.previous_hash == before.hash for before, event in itertools.pairwise(stored))
    assert verify_audit_log().ok
    # The last multiple of five among the new entries got its signed checkpoint, which vouches for
    # the entries before it; the others, written at the same moment, would add nothing.
    checkpointed = checkpoint_path().read_text()
    multiples = [sequence for sequence in range(first, first + 12) if sequence % 5 == 0]
    assert len(multiples) >= 2
    assert f'"sequence":{multiples[-1]},' in checkpointed
    assert not any(f'"sequence":{sequence},' in checkpointed for sequence in multiples[:-1])


def test_entries_written_at_once_each_name_their_own_action_object_and_detail(officer, partner, case):
    written = record_many(
        actor=officer,
        entries=[
            Entry(Action.CASE_CREATED, case),
            Entry(Action.CASE_SHARED, case, partner),
            Entry(Action.CASE_CHANGED, case, detail={"fields": ["title"]}),
            Entry(Action.ROLE_GRANTED, target=officer, detail={"role": "officer"}),
        ],
    )

    stored = list(AuditEvent.objects.filter(pk__in=[event.pk for event in written]).order_by("sequence"))
    assert [
        (event.action, event.case_reference, event.target_type, event.target_id, event.detail) for event in stored
    ] == [
        ("case.created", case.reference, "", "", ""),
        ("case.shared", case.reference, "auth.user", str(partner.pk), ""),
        ("case.changed", case.reference, "", "", '{"fields": ["title"]}'),
        ("user.role_granted", "", "auth.user", str(officer.pk), '{"role": "officer"}'),
    ]
    assert all(event.previous_hash == before.hash for before, event in itertools.pairwise(stored))
    assert verify_audit_log().ok


def test_an_unknown_action_among_many_entries_writes_none_of_them(officer, case):
    with pytest.raises(ValueError):
        record_many(actor=officer, entries=[Entry(Action.CASE_CREATED, case), Entry("case.invented", case)])
    assert not AuditEvent.objects.filter(action="case.created").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_keep_one_unbroken_chain(officer):
    import threading

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's single write lock serialises writers already; this runs on PostgreSQL")
    errors = []

    def write():
        try:
            for _ in range(10):
                record(actor=officer, action=Action.CASE_VIEWED, case="DR-2026-0001")
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    before = AuditEvent.objects.count()
    threads = [threading.Thread(target=write) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.count() == before + 60
    result = verify_audit_log()
    assert result.ok, result.problems


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_only_a_page_view_of_its_own_is_committed_without_waiting_for_the_disk(officer):
    """A change's entry waits for the disk like the change; a page view's alone need not."""
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("asynchronous commit is PostgreSQL's")

    def statements(action, *, inside_a_change=False):
        with CaptureQueriesContext(connection) as captured:
            if inside_a_change:
                with transaction.atomic():
                    record(actor=officer, action=action, case="DR-2026-0001")
            else:
                record(actor=officer, action=action, case="DR-2026-0001")
        return " ".join(query["sql"] for query in captured.captured_queries)

    assert "'synchronous_commit', 'off'" in statements(Action.CASE_VIEWED)
    assert "synchronous_commit" not in statements(Action.CASE_SHARED)
    assert "synchronous_commit" not in statements(Action.EVIDENCE_DOWNLOADED)
    assert "synchronous_commit" not in statements(Action.CASE_VIEWED, inside_a_change=True)
    assert verify_audit_log().ok


def test_an_entry_reads_back_as_it_was_written(officer, case, rf):
    """A single entry is written with a plain INSERT: every field reads back unchanged, in both scripts."""
    request = rf.get("/", REMOTE_ADDR="203.0.113.9")
    written = record(
        actor=officer,
        action=Action.CASE_VIEWED,
        case=case,
        target=case,
        request=request,
        detail={"note": "اعتقال مدوّن — blogger arrested"},
    )
    stored = AuditEvent.objects.get(pk=written.pk)
    for field in AuditEvent._meta.concrete_fields:
        assert getattr(stored, field.attname) == getattr(written, field.attname), field.name
    assert stored.created_at.tzinfo is not None
    assert json.loads(stored.detail) == {"note": "اعتقال مدوّن — blogger arrested"}
    assert stored.sequence == AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True)[0]
    assert verify_audit_log().ok
