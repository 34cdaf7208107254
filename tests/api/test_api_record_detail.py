"""Reading one act, person or intervention of a case through the API: found only under its own
case and only while it is on the case; a hidden case answers like a missing one; persons only
for callers who may read personal data; names read as on the pages."""

import pytest
from django.urls import reverse

from api.models import Scope
from cases.services import record_remove
from tests.api.conftest import api, make_token
from tests.factories import InterventionFactory, PersonFactory

pytestmark = pytest.mark.django_db

KINDS = ("violation", "person", "intervention")


def record_of(kind: str, case):
    if kind == "violation":
        return case.violations.get()
    if kind == "person":
        return PersonFactory(case=case)
    return InterventionFactory(case=case)


def url(kind: str, case, pk) -> str:
    return reverse(f"api:{kind}", args=[case.reference, pk])


@pytest.mark.parametrize("kind", KINDS)
def test_an_officer_reads_one_record_as_the_list_shows_it(officer, case, kind):
    record = record_of(kind, case)
    client = api(make_token(officer))
    response = client.get(url(kind, case, record.pk))
    assert response.status_code == 200, response.content
    listed = client.get(reverse(f"api:{kind}s", args=[case.reference])).json()
    assert response.json() == next(row for row in listed if row["id"] == record.pk)


@pytest.mark.parametrize("kind", KINDS)
def test_a_read_token_is_enough(officer, case, kind):
    record = record_of(kind, case)
    response = api(make_token(officer, scopes=(Scope.READ,))).get(url(kind, case, record.pk))
    assert response.status_code == 200 and response.json()["id"] == record.pk


@pytest.mark.parametrize("kind", KINDS)
def test_another_cases_record_answers_like_a_missing_one(officer, case, shared_case, kind):
    foreign = record_of(kind, shared_case)
    client = api(make_token(officer))
    wrong, missing = client.get(url(kind, case, foreign.pk)), client.get(url(kind, case, 999999))
    assert wrong.status_code == missing.status_code == 404
    assert wrong.content == missing.content
    assert wrong.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("kind", KINDS)
def test_a_record_of_a_hidden_case_answers_like_a_missing_case(other_officer, partner, restricted_case, case, kind):
    record = record_of(kind, restricted_case)
    missing_case = api(make_token(other_officer)).get(reverse(f"api:{kind}", args=["DR-1999-0001", record.pk]))
    hidden = api(make_token(other_officer)).get(url(kind, restricted_case, record.pk))
    assert hidden.status_code == 404 and hidden.content == missing_case.content
    unshared = record_of(kind, case)
    assert api(make_token(partner)).get(url(kind, case, unshared.pk)).content == missing_case.content


@pytest.mark.parametrize("kind", KINDS)
def test_a_removed_record_is_no_longer_found(officer, case, kind):
    record = record_of(kind, case)
    record_remove(actor=officer, item=record)
    response = api(make_token(officer)).get(url(kind, case, record.pk))
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["advocacy", "partner"])
def test_a_person_is_not_read_by_callers_who_may_not_read_personal_data(request, shared_case, persona):
    person = PersonFactory(case=shared_case, name="Samir Haddad", contact="+961 1 234")
    response = api(make_token(request.getfixturevalue(persona))).get(url("person", shared_case, person.pk))
    assert response.status_code == 403 and response.json()["error"]["code"] == "permission_denied"
    assert "Samir" not in response.text and "+961" not in response.text


def test_an_officer_reads_a_persons_every_spelling_and_contact(officer, case):
    person = PersonFactory(case=case, name="Samir Haddad", contact="+961 1 234", other_names="سمير حداد")
    body = api(make_token(officer)).get(url("person", case, person.pk)).json()
    assert body["name"] == "Samir Haddad" and body["contact"] == "+961 1 234"
    assert body["other_names"] == ["سمير حداد"]


def test_an_act_names_its_affected_persons_only_where_the_reader_may(officer, advocacy, partner, shared_case):
    person = PersonFactory(case=shared_case, name="Samir Haddad", pseudonym="S.", other_names="سمير حداد")
    violation = shared_case.violations.get()
    violation.affected_persons.set([person])
    violation.description = "سمير حداد was summoned after Samir Haddad posted a video."
    violation.save()
    path = url("violation", shared_case, violation.pk)
    seen = api(make_token(officer)).get(path).json()
    assert seen["affected_persons"] == [{"id": person.pk, "label": "Samir Haddad"}]
    assert "Samir Haddad" in seen["description"]
    for reader in (advocacy, partner):
        seen = api(make_token(reader), "ar").get(path).json()
        assert seen["affected_persons"] == [{"id": person.pk, "label": "S."}]
        assert "Samir" not in seen["description"] and "سمير" not in seen["description"]


def test_an_intervention_is_read_with_names_withheld_as_on_the_pages(officer, advocacy, case):
    PersonFactory(case=case, name="Samir Haddad", pseudonym="S.")
    intervention = InterventionFactory(case=case, summary="Asked the platform to restore Samir Haddad's page.")
    path = url("intervention", case, intervention.pk)
    assert "Samir Haddad" in api(make_token(officer)).get(path).json()["summary"]
    summary = api(make_token(advocacy)).get(path).json()["summary"]
    assert "Samir" not in summary and "S." in summary


def test_a_missing_record_answers_in_the_callers_language(officer, case):
    response = api(make_token(officer), "ar").get(url("violation", case, 999999))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert response.json()["error"]["message"] == "غير موجود."
