"""Reads through the API: the list page's filters, search and order; the pages' visibility
(at the moment of each call) and disclosure of names; evidence and documents; statistics."""

import logging

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm, remove_perm

from api.models import Scope
from casebook.audit import Action
from casebook.models import AuditEvent
from cases.choices import Sensitivity, Status
from evidence.models import CustodyEvent
from tests.api.conftest import TEST_DOCUMENTS, api, make_token
from tests.conftest import login
from tests.evidence.test_upload import named, png_bytes
from tests.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases/"


def references(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["reference"] for row in response.json()["results"]]


def page_references(client, query: str) -> list[str]:
    """The references the list page shows for the same query, in its order."""
    response = client.get(reverse("cases:list") + query)
    return [case.reference for case in response.context["page"]]


def test_a_case_unshared_from_a_partner_disappears_at_once(officer, partner, shared_case):
    client = api(make_token(partner))
    detail = reverse("api:case", args=[shared_case.reference])
    assert references(client.get(CASES)) == [shared_case.reference]
    assert client.get(detail).status_code == 200
    remove_perm("cases.view_case", partner, shared_case)
    assert references(client.get(CASES)) == []
    assert client.get(detail).status_code == 404
    assert client.get(reverse("api:violations", args=[shared_case.reference])).status_code == 404
    assign_perm("cases.view_case", partner, shared_case)
    assert client.get(detail).status_code == 200


def test_a_role_removed_takes_effect_on_the_next_call(officer, case):
    client = api(make_token(officer))
    assert references(client.get(CASES)) == [case.reference]
    officer.groups.clear()
    assert references(client.get(CASES)) == []
    assert client.get(reverse("api:case", args=[case.reference])).status_code == 404


def test_hidden_and_missing_cases_answer_alike_in_both_languages(partner, case):
    for language, message in (("en", "Not found."), ("ar", "غير موجود.")):
        client = api(make_token(partner), language)
        hidden = client.get(reverse("api:case", args=[case.reference]))
        missing = client.get(reverse("api:case", args=["DR-1999-0999"]))
        assert hidden.status_code == missing.status_code == 404
        assert hidden.content == missing.content
        assert hidden.json() == {"error": {"code": "not_found", "message": message}}
        assert set(hidden.headers) == set(missing.headers)


def test_restricted_case_is_hidden_from_an_officer_not_assigned(other_officer, restricted_case):
    client = api(make_token(other_officer))
    assert restricted_case.reference not in references(client.get(CASES))
    assert client.get(reverse("api:case", args=[restricted_case.reference])).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?status=verified",
        "?country=EG",
        "?platform=x",
        "?violation_type=arrest",
        "?q=blogger",
        "?q=مدون",
        "?sort=oldest",
        "?archived=all",
        "?status=not-a-status",
    ],
)
def test_list_filters_and_search_match_the_list_page(officer, query):
    CaseFactory(title="Blogger arrested", country="EG", violation_type="arrest", platform="x", status=Status.VERIFIED)
    CaseFactory(title="حجب موقع المدون", country="JO")
    CaseFactory(title="Page removed", country="LB", platform="instagram")
    CaseFactory(title="Old archived case", country="LB").__class__.objects.filter(title="Old archived case").update(
        archived_at="2026-01-01T00:00Z"
    )
    from_api = references(api(make_token(officer)).get(CASES + query))
    assert from_api == page_references(login(officer), query)
    if query == "?status=not-a-status":
        assert from_api == []
    if query == "?q=blogger":
        assert len(from_api) == 1


def test_cursor_pages_cover_every_case_once_in_order(officer):
    created = [CaseFactory(title=f"Case number {n}") for n in range(30)]
    client = api(make_token(officer))
    first = client.get(CASES).json()
    assert len(first["results"]) == 25 and first["previous"] is None
    second = client.get(first["next"]).json()
    assert second["next"] is None
    seen = [row["reference"] for row in first["results"] + second["results"]]
    assert seen == [case.reference for case in reversed(created)]
    bigger = client.get(CASES + "?size=100").json()
    assert len(bigger["results"]) == 30 and bigger["next"] is None
    oldest = client.get(CASES + "?sort=oldest&size=50").json()
    assert [row["reference"] for row in oldest["results"]] == [case.reference for case in created]


def test_list_queries_do_not_grow_with_the_rows(officer, django_assert_max_num_queries):
    client = api(make_token(officer))
    client.get(CASES)  # the token's first use from this address is written once
    CaseFactory()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(CASES)
    for n in range(20):
        CaseFactory(title=f"More {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(CASES)


def _named_case(officer, **person):
    case = CaseFactory(title="Samir Haddad summoned over a post", narrative="Samir Haddad was questioned.")
    PersonFactory(case=case, name="Samir Haddad", pseudonym="S.", contact="+961 1 234", **person)
    return case


def test_names_are_read_as_on_the_pages(officer, advocacy, partner):
    case = _named_case(officer)
    assign_perm("cases.view_case", partner, case)
    path = reverse("api:case", args=[case.reference])
    officer_view = api(make_token(officer)).get(path).json()
    assert officer_view["title"] == "Samir Haddad summoned over a post"
    for reader in (advocacy, partner):
        seen = api(make_token(reader)).get(path).json()
        assert "Samir" not in seen["title"] + seen["narrative"]
        assert seen["title"] == "S. summoned over a post"
        listed = api(make_token(reader)).get(CASES).json()["results"]
        assert all("Samir" not in row["title"] for row in listed)


def test_a_partner_reads_a_name_consented_to_the_state(officer, partner):
    case = _named_case(officer, consent_state_status="given")
    assign_perm("cases.view_case", partner, case)
    seen = api(make_token(partner)).get(reverse("api:case", args=[case.reference])).json()
    assert seen["title"] == "Samir Haddad summoned over a post"


def test_affected_persons_of_an_act_are_named_only_where_the_reader_may(officer, advocacy):
    case = _named_case(officer)
    person = case.persons.get()
    violation = case.violations.get()
    violation.affected_persons.set([person])
    path = reverse("api:violations", args=[case.reference])
    assert api(make_token(officer)).get(path).json()[0]["affected_persons"] == [
        {"id": person.pk, "label": "Samir Haddad"}
    ]
    assert api(make_token(advocacy)).get(path).json()[0]["affected_persons"] == [{"id": person.pk, "label": "S."}]


def test_persons_only_for_those_who_may_read_personal_data(officer, advocacy, partner, case):
    PersonFactory(case=case, name="Samir Haddad", contact="+961 1 234", other_names="سمير حداد")
    path = reverse("api:persons", args=[case.reference])
    [person] = api(make_token(officer)).get(path).json()
    assert person["name"] == "Samir Haddad" and person["contact"] == "+961 1 234"
    assert person["other_names"] == ["سمير حداد"]
    assert {consent["kind"] for consent in person["consents"]} == {"state", "public", "platform"}
    refused = api(make_token(advocacy)).get(path)
    assert refused.status_code == 403 and "Samir" not in refused.text
    assert refused.json()["error"]["code"] == "permission_denied"
    assert api(make_token(partner)).get(path).status_code == 404  # not shared: hidden first


def test_evidence_download_is_an_audited_attachment_checked_against_its_hash(officer, advocacy, case):
    content = png_bytes() + b"api download"
    login(officer).post(reverse("evidence:upload", args=[case.reference]), {"files": [named(content, "shot.png")]})
    [item] = api(make_token(officer)).get(reverse("api:evidence", args=[case.reference])).json()
    assert item["sha256"] and item["download_url"] == reverse("api:evidence_download", args=[item["id"]])
    response = api(make_token(advocacy)).get(item["download_url"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert CustodyEvent.objects.filter(action=CustodyEvent.Action.DOWNLOADED, actor=advocacy).count() == 1
    assert AuditEvent.objects.filter(action=Action.EVIDENCE_DOWNLOADED, actor=advocacy).count() == 1
    read_only = api(make_token(advocacy, scopes=(Scope.READ,))).get(item["download_url"])
    assert read_only.status_code == 403 and read_only.json()["error"]["code"] == "scope_missing"


def test_evidence_whose_file_changed_is_refused(officer, case, settings):
    from django.core.files.storage import default_storage

    from evidence.models import EvidenceItem

    login(officer).post(reverse("evidence:upload", args=[case.reference]), {"files": [named(png_bytes(), "a.png")]})
    item = EvidenceItem.objects.get()
    with default_storage.open(item.file.name, "wb") as handle:
        handle.write(b"tampered")
    response = api(make_token(officer)).get(reverse("api:evidence_download", args=[item.pk]))
    assert response.status_code == 409


def test_case_view_through_the_api_is_audited(officer, case):
    api(make_token(officer)).get(reverse("api:case", args=[case.reference]))
    assert AuditEvent.objects.filter(action=Action.CASE_VIEWED, case_reference=case.reference).count() == 1


def test_links_show_only_cases_the_reader_also_sees(officer, partner, shared_case, case):
    from cases.services import case_link

    case_link(actor=officer, case=shared_case, other=case, kind="related")
    path = reverse("api:links", args=[shared_case.reference])
    assert [row["reference"] for row in api(make_token(officer)).get(path).json()] == [case.reference]
    assert api(make_token(partner)).get(path).json() == []


def test_statistics_count_only_what_the_reader_sees_and_never_for_a_partner(officer, advocacy, partner, case):
    CaseFactory(sensitivity=Sensitivity.SENSITIVE, country="EG")
    officer_stats = api(make_token(officer)).get("/api/v1/statistics/").json()
    advocacy_stats = api(make_token(advocacy)).get("/api/v1/statistics/").json()
    assert officer_stats["total"] == 2 and advocacy_stats["total"] == 1
    assert {row["key"] for row in advocacy_stats["by_country"]} == {"LB"}
    refused = api(make_token(partner)).get("/api/v1/statistics/")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "permission_denied"


def test_taxonomies_carry_both_languages(officer):
    data = api(make_token(officer)).get("/api/v1/taxonomies/").json()
    arrest = next(entry for entry in data["violation_types"] if entry["code"] == "arrest")
    assert arrest["label_en"] and arrest["label_ar"]
    assert set(data) == {"violation_types", "platforms", "actor_types", "professions", "outcomes"}


def test_errors_carry_a_stable_code_and_a_message_in_the_callers_language(officer):
    english = api(make_token(officer, scopes=(Scope.READ,))).post(CASES, {}, content_type="application/json")
    arabic = api(make_token(officer, scopes=(Scope.READ,)), "ar").post(CASES, {}, content_type="application/json")
    assert english.json()["error"]["code"] == arabic.json()["error"]["code"] == "scope_missing"
    assert english.json()["error"]["message"] == "This token does not have the scope this call needs."
    assert arabic.json()["error"]["message"] == "لا يملك هذا الرمز النطاق الذي يحتاجه هذا الطلب."
    nothing = api(None, "ar").get(CASES)
    assert nothing.status_code == 401 and nothing.json()["error"]["code"] == "not_authenticated"
    method = api(make_token(officer)).delete(CASES)
    assert method.status_code == 405 and method.json()["error"]["code"] == "method_not_allowed"


def test_no_personal_data_in_the_logs(officer, partner, case, caplog):
    PersonFactory(case=case, name="Samir Haddad")
    with caplog.at_level(logging.INFO):
        api(make_token(partner)).get(reverse("api:case", args=[case.reference]) + "?q=Samir+Haddad")
        api(make_token(officer)).get(CASES + "?q=Samir+Haddad")
        api("cb_Samir_Haddad").get(CASES + "?q=Samir")
    handler = logging.getLogger().handlers[0]
    logged = "\n".join(handler.format(record) for record in caplog.records if handler.filter(record))
    assert caplog.records  # the refusals are logged
    assert "Samir" not in logged and "Haddad" not in logged


def _report(officer, case, content=b"%PDF-1.7 the case file"):
    import hashlib

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from reporting.models import Report

    report = Report.objects.create(
        template="case_file",
        profile="internal",
        language="en",
        file=default_storage.save(f"{TEST_DOCUMENTS}/report.pdf", ContentFile(content)),
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        recipient="Partner law firm",
        export_id="EX-TEST-1",
        created_by=officer,
    )
    report.cases.add(case)
    return report


def test_own_documents_are_listed_and_downloaded_checked_and_audited(officer, case):
    report = _report(officer, case)
    client = api(make_token(officer))
    [listed] = client.get("/api/v1/reports/").json()
    assert listed["cases"] == [case.reference] and listed["export_id"] == "EX-TEST-1"
    response = client.get(listed["download_url"])
    assert response.status_code == 200 and response.content == b"%PDF-1.7 the case file"
    assert response["X-Casebook-SHA256"] == report.sha256
    assert AuditEvent.objects.filter(action=Action.REPORT_DOWNLOADED, target_id=str(report.pk)).count() == 1


def test_a_document_whose_case_was_withdrawn_is_gone_from_its_maker(officer, partner, shared_case):
    report = _report(partner, shared_case)
    client = api(make_token(partner))
    assert [row["id"] for row in client.get("/api/v1/reports/").json()] == [report.pk]
    remove_perm("cases.view_case", partner, shared_case)
    assert client.get("/api/v1/reports/").json() == []
    assert client.get(reverse("api:report_download", args=[report.pk])).status_code == 404


def test_a_document_changed_since_it_was_made_is_not_sent(officer, case):
    from django.core.files.storage import default_storage

    report = _report(officer, case)
    with default_storage.open(report.file.name, "wb") as handle:
        handle.write(b"altered")
    assert api(make_token(officer)).get(reverse("api:report_download", args=[report.pk])).status_code == 409


def test_job_status_is_its_requesters_only(officer, other_officer, case):
    from reporting.models import Job

    job = Job.objects.create(
        kind="case_file", parameters={"case": case.reference, "language": "en"}, case=case, requested_by=officer
    )
    path = reverse("api:job", args=[job.pk])
    body = api(make_token(officer)).get(path).json()
    assert body["status"] == "queued" and body["report"] is None
    assert api(make_token(other_officer)).get(path).status_code == 404
