"""Changes to evidence records are in the audit log like any other change: the item and its case,
never who collected it, from where, or what it shows."""

from datetime import UTC, date, datetime

import pytest
from django.db.models import Max

from casebook.audit import Action
from casebook.audit.verify import verify_audit_log
from casebook.models import AuditEvent
from cases import services as case_services
from cases.models import Platform
from evidence import services
from evidence.content import evidence_attach

pytestmark = pytest.mark.django_db


def head() -> int:
    return AuditEvent.objects.aggregate(head=Max("sequence"))["head"] or 0


def written_since(before: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(sequence__gt=before).order_by("sequence"))


@pytest.fixture
def link(officer, case):
    return services.link_add(
        actor=officer,
        case=case,
        url="https://x.com/samir_haddad/status/1",
        captured_at=datetime(2026, 3, 2, tzinfo=UTC),
    )


def test_recording_how_evidence_was_collected_is_audited_without_the_statement(officer, case, link):
    before = head()
    services.collection_record(
        actor=officer,
        item=link,
        collection={"collected_by": "سمير حداد", "collected_from": "Samir's Telegram channel", "collection_tool": ""},
    )
    [entry] = written_since(before)
    assert entry.action == Action.EVIDENCE_COLLECTION_RECORDED
    assert (entry.case_reference, entry.target_type, entry.target_id) == (
        case.reference,
        "evidence.evidenceitem",
        str(link.pk),
    )
    assert "سمير" not in entry.detail and "Samir" not in entry.detail and "Telegram" not in entry.detail


def test_attaching_evidence_to_a_content_item_is_audited(officer, case, link):
    item = case_services.content_item_save(
        actor=officer,
        case=case,
        today=date(2026, 9, 30),
        url="https://x.com/samir_haddad/status/1",
        platform=Platform.objects.get(code="x"),
        kind="post",
        content_id="1",
        removed_on=date(2026, 8, 1),
    )
    before = head()
    evidence_attach(actor=officer, evidence=link, content_item=item)
    [entry] = written_since(before)
    assert entry.action == Action.EVIDENCE_ATTACHED
    assert (entry.case_reference, entry.target_id) == (case.reference, str(link.pk))
    assert entry.detail == f'{{"content_item": {item.pk}}}'
    before = head()
    evidence_attach(actor=officer, evidence=link, content_item=None)
    [entry] = written_since(before)
    assert entry.action == Action.EVIDENCE_ATTACHED and entry.detail == '{"content_item": null}'
    result = verify_audit_log()
    assert result.ok, result.problems


def test_a_refused_attachment_leaves_no_entry(officer, case, shared_case, link):
    other = case_services.content_item_save(
        actor=officer,
        case=shared_case,
        today=date(2026, 9, 30),
        url="https://x.com/example/status/2",
        platform=Platform.objects.get(code="x"),
        kind="post",
        content_id="2",
        removed_on=date(2026, 8, 1),
    )
    before = head()
    with pytest.raises(case_services.ValidationError):
        evidence_attach(actor=officer, evidence=link, content_item=other)
    assert head() == before
