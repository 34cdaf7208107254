"""A document's preview shows the cases' content: it is audited like a view of each case."""

import pytest

from casebook.audit import Action
from casebook.models import AuditEvent
from tests.reporting.test_composer import form, url
from tests.reporting.test_documents import OPTIONS

pytestmark = pytest.mark.django_db


def previews():
    return AuditEvent.objects.filter(action=Action.REPORT_PREVIEWED).order_by("sequence")


def test_previewing_a_document_records_each_case_shown(as_user, advocacy, make_case):
    first, second = make_case(consents={"state": True}), make_case(consents={"state": True})
    response = as_user(advocacy).post(
        url("upr_submission"), form([first.reference, second.reference], profile="public", **OPTIONS)
    )
    assert "document-preview" in response.text
    entries = list(previews())
    assert sorted(entry.case_reference for entry in entries) == sorted([first.reference, second.reference])
    for entry in entries:
        assert entry.actor_name == "advocacy"
        assert entry.ip_address == "127.0.0.1"
        assert '"profile": "public"' in entry.detail and '"template": "upr_submission"' in entry.detail


def test_previewing_statistics_records_one_entry_naming_no_case(as_user, advocacy, make_case):
    make_case(country="EG"), make_case(country="EG")
    as_user(advocacy).post(
        url("statistics", country="EG"),
        {"profile": "statistics", "language": "en", "preview": "1", "recipient": "Annual report"},
    )
    entry = previews().get()
    assert entry.case_reference == ""
    assert '"cases": 2' in entry.detail


def test_a_refused_form_records_no_preview(as_user, advocacy, make_case):
    case = make_case()
    as_user(advocacy).post(url("upr_submission"), form([case.reference], profile="no-such-profile"))
    assert not previews().exists()
