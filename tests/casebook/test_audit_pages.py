"""Pages that show a case's content are audited like the case page."""

import pytest
from django.urls import reverse

from casebook.audit import Action
from casebook.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_viewing_a_case_history_is_recorded(as_user, partner, shared_case):
    response = as_user(partner).get(reverse("cases:history", args=[shared_case.reference]))
    assert response.status_code == 200
    entry = AuditEvent.objects.get(action=Action.CASE_HISTORY_VIEWED)
    assert (entry.actor_name, entry.case_reference, entry.ip_address) == ("partner", shared_case.reference, "127.0.0.1")


def test_a_hidden_case_history_is_not_recorded_as_viewed(as_user, partner, case):
    assert as_user(partner).get(reverse("cases:history", args=[case.reference])).status_code == 404
    assert not AuditEvent.objects.filter(action=Action.CASE_HISTORY_VIEWED).exists()


def test_the_audit_page_names_the_new_actions_in_arabic(as_user, administrator, partner, shared_case):
    as_user(partner).get(reverse("cases:history", args=[shared_case.reference]))
    client = as_user(administrator)
    client.cookies["django_language"] = "ar"
    response = client.get(reverse("audit:list"))
    assert "عرض سجل تغييرات القضية" in response.text
