"""Changing and removing a case's acts, persons and interventions through the API (and adding
persons): the pages' services, so the history keeps every version and nothing is deleted; a
record is found only under its own case; persons only for callers who may read personal data;
roles and scopes as on the pages; refusals as JSON in the caller's language."""

from datetime import date

import pytest
from django.urls import reverse

from api.models import Scope
from cases.choices import ConsentStatus
from cases.models import Intervention, Person, Violation
from cases.reasons import reason_code
from tests.api.conftest import api, make_token
from tests.factories import InterventionFactory, PersonFactory

pytestmark = pytest.mark.django_db

KINDS = ("violation", "person", "intervention")


def record_of(kind: str, case):
    """A live record of ``kind`` on ``case`` (the factory's act, or a new person or intervention)."""
    if kind == "violation":
        return case.violations.get()
    if kind == "person":
        return PersonFactory(case=case)
    return InterventionFactory(case=case)


def url(kind: str, case, record) -> str:
    return reverse(f"api:{kind}", args=[case.reference, record.pk])


def patch(client, path, data):
    return client.patch(path, data, content_type="application/json")


CHANGES = {
    "violation": {"legal_basis": "Cybercrime law, Art. 24"},
    "person": {"affiliation": "Independent blogger"},
    "intervention": {"external_reference": "TS-4471"},
}


@pytest.mark.parametrize("kind", KINDS)
def test_an_officer_changes_a_record_and_the_history_keeps_the_old_version(officer, case, kind):
    record = record_of(kind, case)
    [(field, value)] = CHANGES[kind].items()
    old = getattr(record, field)
    response = patch(api(make_token(officer)), url(kind, case, record), CHANGES[kind])
    assert response.status_code == 200, response.content
    assert response.json()["id"] == record.pk and response.json()[field] == value
    record.refresh_from_db()
    assert getattr(record, field) == value
    versions = list(record.history.order_by("history_date"))
    assert getattr(versions[0], field) == old
    assert getattr(versions[-1], field) == value and versions[-1].history_user == officer


@pytest.mark.parametrize("kind", KINDS)
def test_removing_a_record_takes_it_off_the_case_without_deleting_it(officer, case, kind):
    record = record_of(kind, case)
    client = api(make_token(officer))
    response = client.delete(url(kind, case, record))
    assert response.status_code == 204 and not response.content
    model = type(record)
    kept = model.all_objects.get(pk=record.pk)
    assert kept.removed_at is not None
    latest = kept.history.order_by("history_date").last()
    assert latest.history_user == officer and latest.history_change_reason == reason_code("removed")
    listed = client.get(reverse(f"api:{kind}s", args=[case.reference])).json()
    assert record.pk not in [row["id"] for row in listed]
    # Removed means gone from the case: changing or removing it again answers like a missing one.
    assert patch(client, url(kind, case, record), CHANGES[kind]).status_code == 404
    assert client.delete(url(kind, case, record)).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_another_cases_record_under_this_cases_address_answers_404(officer, case, shared_case, kind):
    """Both cases are visible to the officer: the record is still missing under the wrong case."""
    foreign = record_of(kind, shared_case)
    client = api(make_token(officer))
    wrong = reverse(f"api:{kind}", args=[case.reference, foreign.pk])
    missing = reverse(f"api:{kind}", args=[case.reference, 999999])
    assert patch(client, wrong, CHANGES[kind]).json() == patch(client, missing, CHANGES[kind]).json()
    assert patch(client, wrong, CHANGES[kind]).status_code == 404
    assert client.delete(wrong).status_code == 404
    foreign.refresh_from_db()
    assert foreign.removed_at is None
    assert foreign.history.count() == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_record_of_a_hidden_case_answers_404(other_officer, restricted_case, kind):
    record = record_of(kind, restricted_case)
    client = api(make_token(other_officer))
    assert patch(client, url(kind, restricted_case, record), CHANGES[kind]).status_code == 404
    assert client.delete(url(kind, restricted_case, record)).status_code == 404
    assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_a_read_only_token_cannot_change_or_remove(officer, case, kind):
    record = record_of(kind, case)
    client = api(make_token(officer, scopes=(Scope.READ, Scope.DOWNLOAD)))
    for response in (patch(client, url(kind, case, record), CHANGES[kind]), client.delete(url(kind, case, record))):
        assert response.status_code == 403 and response.json()["error"]["code"] == "scope_missing"
    assert record.history.count() == 1


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("persona", ["advocacy", "partner"])
def test_readers_with_a_write_token_cannot_change_or_remove(request, shared_case, persona, kind):
    record = record_of(kind, shared_case)
    client = api(make_token(request.getfixturevalue(persona)))
    for response in (
        patch(client, url(kind, shared_case, record), CHANGES[kind]),
        client.delete(url(kind, shared_case, record)),
    ):
        assert response.status_code == 403 and response.json()["error"]["code"] == "permission_denied"
    assert type(record).objects.filter(pk=record.pk).exists() and record.history.count() == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_partners_unshared_case_answers_404_before_the_role(partner, case, kind):
    record = record_of(kind, case)
    client = api(make_token(partner))
    assert patch(client, url(kind, case, record), CHANGES[kind]).status_code == 404
    assert client.delete(url(kind, case, record)).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_records_of_an_archived_case_are_not_changed(officer, case, kind):
    from cases.services import case_archive

    record = record_of(kind, case)
    case_archive(actor=officer, case=case, reason="duplicate")
    client = api(make_token(officer))
    for response in (patch(client, url(kind, case, record), CHANGES[kind]), client.delete(url(kind, case, record))):
        assert response.status_code == 400
        assert "archived" in response.json()["error"]["fields"]["non_field_errors"][0]
    record.refresh_from_db()
    assert record.removed_at is None and record.history.count() == 1


def test_only_the_fields_sent_change(officer, case):
    violation = case.violations.get()
    response = patch(api(make_token(officer)), url("violation", case, violation), {"outcome": "content_restored"})
    assert response.status_code == 200, response.content
    violation.refresh_from_db()
    assert (violation.violation_type.code, violation.platform.code) == ("account_suspension", "facebook")
    assert violation.outcome.code == "content_restored"


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("violation", {"violation_type": "made_up"}, "violation_type"),
        ("violation", {"date": "2999-01-01"}, "date"),
        ("intervention", {"status": "lost"}, "status"),
        ("intervention", {"sent_on": "2026-03-02", "response_date": "2026-03-01"}, "response_date"),
        ("person", {"name": "", "pseudonym": ""}, "pseudonym"),
        ("person", {"gender": "other-value"}, "gender"),
    ],
)
def test_bad_values_change_nothing_and_say_which_field(officer, case, kind, data, field):
    record = record_of(kind, case)
    response = patch(api(make_token(officer)), url(kind, case, record), data)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid" and field in error["fields"]
    assert record.history.count() == 1


def test_a_refusal_is_in_the_callers_language(officer, case):
    violation = case.violations.get()
    response = patch(api(make_token(officer), "ar"), url("violation", case, violation), {"date": "2999-01-01"})
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["message"] == "رُفضت بعض القيم."
    assert error["fields"]["date"] == ["هذا التاريخ في المستقبل."]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["This date is in the future.", "The response cannot come before the date sent."]),
        ("ar", ["هذا التاريخ في المستقبل.", "لا يمكن أن يسبق الرد تاريخ الإرسال."]),
    ],
)
def test_every_message_of_a_refused_field_is_returned(officer, case, language, expected):
    """A response dated in the future and before the date sent breaks two rules: both are said."""
    intervention = InterventionFactory(case=case)
    data = {"sent_on": "2999-03-02", "response_date": "2999-03-01"}
    response = patch(api(make_token(officer), language), url("intervention", case, intervention), data)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["response_date"] == expected
    assert len(error["fields"]["sent_on"]) == 1
    assert intervention.history.count() == 1


def test_an_intervention_is_moved_to_another_act_of_its_case_only(officer, case, shared_case):
    from cases.services import violation_save

    intervention = InterventionFactory(case=case)
    own = violation_save(actor=officer, case=case, violation_type=case.violations.get().violation_type)
    client = api(make_token(officer))
    moved = patch(client, url("intervention", case, intervention), {"violation": own.pk, "status": "acknowledged"})
    assert moved.status_code == 200, moved.content
    assert moved.json()["violation"] == own.pk and moved.json()["status"] == "acknowledged"
    foreign = patch(client, url("intervention", case, intervention), {"violation": shared_case.violations.get().pk})
    assert foreign.status_code == 400 and "violation" in foreign.json()["error"]["fields"]
    cleared = patch(client, url("intervention", case, intervention), {"violation": None})
    assert cleared.status_code == 200 and cleared.json()["violation"] is None
    intervention.refresh_from_db()
    assert intervention.violation is None


# --- Persons: personal data, every spelling and each consent --------------------------------

NEW_PERSON = {
    "role": "affected",
    "name": "سلمى الحسيني",
    "name_latin": "Salma al-Husseini",
    "other_names": ["Salma Husseini", "أم يوسف"],
    "pseudonym": "S.",
    "profession": "journalist",
    "consents": [{"kind": "state", "status": "given", "on": "2026-02-01", "method": "written"}],
}


def test_an_officer_adds_a_person_with_every_spelling_and_a_consent(officer, case):
    client = api(make_token(officer))
    response = client.post(reverse("api:persons", args=[case.reference]), NEW_PERSON, content_type="application/json")
    assert response.status_code == 201, response.content
    person = Person.objects.get(pk=response.json()["id"])
    assert person.case == case and person.spellings == ["سلمى الحسيني", "Salma al-Husseini", *NEW_PERSON["other_names"]]
    assert person.may_be_named_to_state and not person.may_be_named_in_public
    assert person.consent("state").on == date(2026, 2, 1)
    assert person.history.get().history_user == officer
    assert response.json()["other_names"] == NEW_PERSON["other_names"]
    listed = client.get(reverse("api:persons", args=[case.reference])).json()
    assert [row["id"] for row in listed] == [person.pk]


def test_a_consent_withdrawn_through_the_api_is_in_the_persons_history(officer, case):
    person = PersonFactory(
        case=case,
        consent_public_status=ConsentStatus.GIVEN,
        consent_public_date=date(2026, 1, 5),
        consent_public_method="oral",
    )
    response = patch(
        api(make_token(officer)),
        url("person", case, person),
        {"consents": [{"kind": "public", "status": "withdrawn", "on": "2026-03-01"}]},
    )
    assert response.status_code == 200, response.content
    person.refresh_from_db()
    assert not person.may_be_named_in_public and person.consent("public").status == ConsentStatus.WITHDRAWN
    assert [version.consent_public_status for version in person.history.order_by("history_date")] == [
        "given",
        "withdrawn",
    ]
    # A consent not sent is left as it was.
    assert person.consent("state").status == ConsentStatus.NOT_ASKED


@pytest.mark.parametrize(
    ("consent", "field"),
    [
        ({"kind": "state", "status": "given", "method": "written"}, "consents.state.on"),
        ({"kind": "platform", "status": "given", "on": "2026-02-01"}, "consents.platform.method"),
        ({"kind": "public", "status": "refused", "on": "2999-01-01"}, "consents.public.on"),
    ],
)
def test_consents_that_do_not_add_up_are_refused_by_their_name(officer, case, consent, field):
    person = PersonFactory(case=case)
    response = patch(api(make_token(officer)), url("person", case, person), {"consents": [consent]})
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert person.history.count() == 1


def test_a_consent_sent_twice_is_refused_in_arabic(officer, case):
    person = PersonFactory(case=case)
    twice = [{"kind": "state", "status": "refused", "on": "2026-01-01"}] * 2
    response = patch(api(make_token(officer), "ar"), url("person", case, person), {"consents": twice})
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["consents"] == ["أرسل كل موافقة مرة واحدة."]


@pytest.mark.parametrize("persona", ["advocacy", "partner"])
def test_persons_are_not_written_by_callers_who_may_not_read_them(request, shared_case, persona):
    person = PersonFactory(case=shared_case)
    client = api(make_token(request.getfixturevalue(persona)))
    added = client.post(
        reverse("api:persons", args=[shared_case.reference]), NEW_PERSON, content_type="application/json"
    )
    changed = patch(client, url("person", shared_case, person), {"name": "Someone else"})
    removed = client.delete(url("person", shared_case, person))
    for response in (added, changed, removed):
        assert response.status_code == 403 and response.json()["error"]["code"] == "permission_denied"
        assert person.name not in response.text
    assert Person.objects.filter(case=shared_case).count() == 1


def test_a_removed_person_leaves_the_cases_search(officer, case):
    person = PersonFactory(case=case, name="Unique Spelling Qwerty")
    from cases.services import case_refresh_search

    case_refresh_search(case=case)
    client = api(make_token(officer))
    found = client.get("/api/v1/cases/?q=Qwerty").json()["results"]
    assert [row["reference"] for row in found] == [case.reference]
    assert client.delete(url("person", case, person)).status_code == 204
    assert client.get("/api/v1/cases/?q=Qwerty").json()["results"] == []
    assert Person.all_objects.filter(pk=person.pk).exists()


def test_nothing_is_hard_deleted(officer, case):
    records = [record_of(kind, case) for kind in KINDS]
    client = api(make_token(officer))
    for kind, record in zip(KINDS, records, strict=True):
        assert client.delete(url(kind, case, record)).status_code == 204
    assert Violation.all_objects.filter(case=case).count() == 1
    assert Person.all_objects.filter(case=case).count() == 1
    assert Intervention.all_objects.filter(case=case).count() == 1
