"""Fetching a working copy (thumbnail, preview) directly is audited like the item page."""

import pytest
from django.urls import reverse

from casebook.audit import Action
from casebook.models import AuditEvent
from evidence.models import EvidenceItem
from tests.evidence import corpus
from tests.evidence.conftest import upload

pytestmark = pytest.mark.django_db


def test_fetching_a_working_copy_directly_is_recorded(as_user, officer, partner, shared_case, backend):
    upload(as_user(officer), shared_case, corpus.named(corpus.png_bytes(), "screen.png"))
    item = EvidenceItem.objects.get()
    response = as_user(partner).get(reverse("evidence:derivative", args=[item.pk, "preview"]))
    assert response.status_code == 200
    entry = AuditEvent.objects.get(action=Action.WORKING_COPY_VIEWED)
    assert (entry.actor_name, entry.case_reference, entry.target_id) == ("partner", shared_case.reference, str(item.pk))
    assert entry.ip_address == "127.0.0.1"
    assert '"kind": "preview"' in entry.detail


def test_hidden_or_missing_working_copies_are_not_recorded_as_viewed(as_user, officer, outsider, case, backend):
    upload(as_user(officer), case, corpus.named(corpus.png_bytes(), "screen.png"))
    item = EvidenceItem.objects.get()
    assert as_user(outsider).get(reverse("evidence:derivative", args=[item.pk, "preview"])).status_code == 404
    assert as_user(officer).get(reverse("evidence:derivative", args=[item.pk, "other"])).status_code == 404
    assert not AuditEvent.objects.filter(action=Action.WORKING_COPY_VIEWED).exists()
