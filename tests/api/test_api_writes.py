"""Writes through the API: the pages' services, so history, search and audit follow; bad input
changes nothing and says why; roles and scopes as on the pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import Scope
from casebook.audit import Action
from casebook.models import AuditEvent
from cases.models import Case, Intervention, Violation
from evidence.models import CustodyEvent, EvidenceItem
from tests.api.conftest import api, make_token
from tests.evidence.corpus import html_page, named, png_bytes, windows_executable

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases/"
NEW_CASE = {"title": "Takedown found by the hashtag tracker", "country": "EG", "language": "en"}


def post(client, path, data):
    return client.post(path, data, content_type="application/json")


def test_monitor_files_a_case_with_history_audit_and_search(officer):
    client = api(make_token(officer))
    response = post(client, CASES, {**NEW_CASE, "narrative": "Removed on 2 March.", "sensitivity": "normal"})
    assert response.status_code == 201, response.content
    body = response.json()
    case = Case.objects.get(reference=body["reference"])
    assert body["status"] == "intake" and body["url"] == reverse("api:case", args=[case.reference])
    assert case.created_by == officer and officer in case.assigned_officers.all()
    assert {version.history_user for version in case.history.all()} == {officer}
    assert AuditEvent.objects.filter(action=Action.CASE_CREATED, case_reference=case.reference).exists()
    found = client.get(CASES + "?q=hashtag").json()["results"]
    assert [row["reference"] for row in found] == [case.reference]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"country": "EG"}, "title"),
        ({**NEW_CASE, "country": "XX"}, "country"),
        ({**NEW_CASE, "language": "fr"}, "language"),
        ({**NEW_CASE, "start_date": "2026-02-30"}, "start_date"),
        ({**NEW_CASE, "start_date": "2026-05-01", "end_date": "2026-04-01"}, None),
    ],
)
def test_bad_case_input_changes_nothing_and_says_which_field(officer, data, field):
    response = post(api(make_token(officer)), CASES, data)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    if field:
        assert field in error["fields"]
    assert not Case.objects.exists()


def test_validation_messages_in_arabic(officer):
    response = post(api(make_token(officer), "ar"), CASES, {"country": "EG"})
    error = response.json()["error"]
    assert error["message"] == "رُفضت بعض القيم."
    assert error["fields"]["title"] == ["هذا الحقل مطلوب."]


def test_malformed_json_is_refused_cleanly(officer):
    response = api(make_token(officer)).post(CASES, "{not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "malformed"


def test_the_status_is_not_set_through_the_api(officer):
    response = post(api(make_token(officer)), CASES, {**NEW_CASE, "status": "closed"})
    assert response.status_code == 201
    assert Case.objects.get().status == "intake"


def test_an_edit_changes_the_case_and_keeps_the_old_version(officer, case):
    path = reverse("api:case", args=[case.reference])
    old_title = case.title
    response = api(make_token(officer)).patch(
        path, {"title": "Account restored after appeal", "place": "Beirut"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert (case.title, case.place) == ("Account restored after appeal", "Beirut")
    versions = list(case.history.order_by("history_date"))
    assert versions[0].title == old_title and versions[-1].title == "Account restored after appeal"
    assert versions[-1].history_user == officer


def test_an_archived_case_is_not_changed(officer, case):
    from cases.services import case_archive

    case_archive(actor=officer, case=case, reason="duplicate")
    response = api(make_token(officer)).patch(
        reverse("api:case", args=[case.reference]), {"title": "Changed"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "archived" in response.json()["error"]["fields"]["non_field_errors"][0]
    case.refresh_from_db()
    assert case.title != "Changed"


@pytest.mark.parametrize("persona", ["advocacy", "partner"])
def test_readers_with_a_write_token_still_cannot_write(request, persona, shared_case):
    user = request.getfixturevalue(persona)
    client = api(make_token(user))
    assert post(client, CASES, NEW_CASE).status_code == 403
    path = reverse("api:case", args=[shared_case.reference])
    response = client.patch(path, {"title": "x"}, content_type="application/json")
    assert response.status_code == 403 and response.json()["error"]["code"] == "permission_denied"
    assert not Case.objects.filter(title="x").exists()


def test_a_read_only_token_of_an_officer_cannot_write(officer, case):
    client = api(make_token(officer, scopes=(Scope.READ,)))
    assert post(client, CASES, NEW_CASE).status_code == 403
    assert post(client, reverse("api:interventions", args=[case.reference]), {}).status_code == 403
    assert Case.objects.count() == 1


def test_writes_to_a_hidden_case_answer_404(other_officer, restricted_case):
    client = api(make_token(other_officer))
    path = reverse("api:case", args=[restricted_case.reference])
    assert client.patch(path, {"title": "x"}, content_type="application/json").status_code == 404
    assert post(client, reverse("api:violations", args=[restricted_case.reference]), {}).status_code == 404


def test_an_act_is_added_with_codes_from_the_taxonomies(officer, case):
    path = reverse("api:violations", args=[case.reference])
    response = post(
        api(make_token(officer)),
        path,
        {"violation_type": "content_removal", "platform": "x", "date": "2026-03-02", "legal_basis": "Art. 24"},
    )
    assert response.status_code == 201, response.content
    violation = Violation.objects.get(pk=response.json()["id"])
    assert (violation.violation_type.code, violation.platform.code) == ("content_removal", "x")
    assert violation.history.get().history_user == officer
    unknown = post(api(make_token(officer)), path, {"violation_type": "made_up"})
    assert unknown.status_code == 400 and "violation_type" in unknown.json()["error"]["fields"]


def test_an_intervention_is_added_with_its_due_date(officer, case):
    path = reverse("api:interventions", args=[case.reference])
    violation = case.violations.get()
    response = post(
        api(make_token(officer)),
        path,
        {
            "kind": "platform_escalation",
            "recipient": "Trust and safety",
            "platform": "facebook",
            "status": "sent",
            "sent_on": "2026-03-02",
            "violation": violation.pk,
        },
    )
    assert response.status_code == 201, response.content
    intervention = Intervention.objects.get(pk=response.json()["id"])
    assert intervention.created_by == officer and intervention.violation == violation
    assert intervention.due_date is not None and response.json()["due_date"] == intervention.due_date.isoformat()
    assert intervention.history.get().history_user == officer
    listed = api(make_token(officer)).get(path).json()
    assert [row["id"] for row in listed] == [intervention.pk]


def test_an_intervention_cannot_point_to_another_cases_act(officer, case, shared_case):
    other = shared_case.violations.get()
    response = post(
        api(make_token(officer)),
        reverse("api:interventions", args=[case.reference]),
        {"kind": "complaint", "recipient": "Prosecutor", "violation": other.pk},
    )
    assert response.status_code == 400 and "violation" in response.json()["error"]["fields"]
    assert not Intervention.objects.exists()


def test_a_file_goes_through_intake_with_custody_and_audit(officer, case):
    content = png_bytes() + b"from the monitor"
    response = api(make_token(officer)).post(
        reverse("api:evidence_file_add", args=[case.reference]),
        {"file": named(content, "takedown.png"), "description": "Screenshot of the notice"},
    )
    assert response.status_code == 201, response.content
    item = EvidenceItem.objects.get(pk=response.json()["id"])
    assert item.media_type == "image/png" and item.size == len(content)
    assert CustodyEvent.objects.filter(item=item, action=CustodyEvent.Action.UPLOADED).exists()
    assert AuditEvent.objects.filter(action=Action.EVIDENCE_UPLOADED, case_reference=case.reference).exists()


@pytest.mark.parametrize(("content", "name"), [(windows_executable(), "invoice.png"), (html_page(), "page.html")])
def test_a_hostile_file_is_refused_with_a_reason_and_leaves_nothing(officer, case, content, name):
    response = api(make_token(officer)).post(
        reverse("api:evidence_file_add", args=[case.reference]), {"file": named(content, name)}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "file_refused" and error["message"]
    assert not EvidenceItem.objects.exists()


def test_a_file_is_sent_as_multipart_only(officer, case):
    response = post(api(make_token(officer)), reverse("api:evidence_file_add", args=[case.reference]), {"file": "x"})
    assert response.status_code == 415 and response.json()["error"]["code"] == "unsupported_media_type"


def test_a_link_is_kept_as_evidence_without_being_fetched(officer, case, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the server fetched the URL")

    monkeypatch.setattr(socket, "create_connection", no_network)
    response = post(
        api(make_token(officer)),
        reverse("api:evidence_link_add", args=[case.reference]),
        {"url": "https://x.com/user/status/1", "captured_at": "2026-03-02T10:00:00Z", "note": "Removed post"},
    )
    assert response.status_code == 201, response.content
    item = EvidenceItem.objects.get()
    assert item.kind == EvidenceItem.Kind.LINK and item.url == "https://x.com/user/status/1"
    assert item.captured_at < timezone.now()
    bad = post(
        api(make_token(officer)),
        reverse("api:evidence_link_add", args=[case.reference]),
        {"url": "javascript:alert(1)", "captured_at": "yesterday"},
    )
    assert bad.status_code == 400 and {"url", "captured_at"} <= set(bad.json()["error"]["fields"])
