"""Every many-to-many field and inline row of the case form, changed by an edit: stored and in the history."""

import pytest
from django.urls import reverse

from casebook.roles import Role
from cases.history import case_history
from cases.models import Actor, ActorType, Case, Tag
from tests.cases.entry import PERSON, VIOLATION, entry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WITNESS = {**PERSON, "role": "affected", "name": "ليلى حداد", "pseudonym": "ل.ح.", "contact": ""}


@pytest.fixture
def entered(as_user, officer):
    """A case entered through the form, with two affected persons and one act concerning both."""
    response = as_user(officer).post(reverse("cases:create"), entry(persons=[PERSON, WITNESS]))
    assert response.status_code == 302
    return Case.objects.get()


def edit_data(case, *, case_changes=None, person_changes=None, violation_changes=None) -> dict:
    """The form as the edit page sends it back, with only the given changes."""
    first, second = case.persons.order_by("pk")
    violation = case.violations.get()
    persons = [
        {**PERSON, "id": first.pk, **(person_changes or {})},
        {**WITNESS, "id": second.pk},
    ]
    act = {
        **VIOLATION,
        "id": violation.pk,
        "affected_persons": [str(person.pk) for person in violation.affected_persons.all()],
        "actors": [str(actor.pk) for actor in violation.actors.all()],
        **(violation_changes or {}),
    }
    case_fields = {
        "tags": [str(tag.pk) for tag in case.tags.all()],
        "assigned_officers": [str(user.pk) for user in case.assigned_officers.all()],
        **(case_changes or {}),
    }
    data = entry(persons=persons, violations=[act], **case_fields)
    data["persons-INITIAL_FORMS"], data["violations-INITIAL_FORMS"] = "2", "1"
    return data


def save_edit(client, case, data):
    response = client.post(reverse("cases:edit", args=[case.reference]), data)
    assert response.status_code == 302, response.context and [
        response.context["form"].errors,
        response.context["persons"].errors,
        response.context["violations"].errors,
    ]
    return response


def changes_in_history(case, user, model: str) -> list[tuple[str, str, str]]:
    return [
        (change.label, change.old, change.new)
        for item in case_history(case, user=user)
        if item.model == model
        for change in item.changes
    ]


def test_changing_the_affected_persons_of_an_existing_act_is_stored(as_user, officer, entered):
    first, second = entered.persons.order_by("pk")
    violation = entered.violations.get()
    assert set(violation.affected_persons.all()) == {first, second}
    data = edit_data(entered, violation_changes={"affected_persons": [str(second.pk)]})
    save_edit(as_user(officer), entered, data)
    assert list(violation.affected_persons.all()) == [second]
    labels = [label for label, _old, _new in changes_in_history(entered, officer, "violation")]
    assert "affected persons" in labels


def test_clearing_the_affected_persons_of_an_existing_act_is_stored(as_user, officer, entered):
    data = edit_data(entered, violation_changes={"affected_persons": []})
    save_edit(as_user(officer), entered, data)
    assert not entered.violations.get().affected_persons.exists()


def test_changing_the_actors_of_an_existing_act_is_stored(as_user, officer, entered):
    agency = ActorType.objects.get(code="security_agency")
    police, court = (
        Actor.objects.create(name_en="Police", actor_type=agency),
        Actor.objects.create(name_en="Cyber unit", actor_type=agency),
    )
    client = as_user(officer)
    save_edit(client, entered, edit_data(entered, violation_changes={"actors": [str(police.pk), str(court.pk)]}))
    violation = entered.violations.get()
    assert set(violation.actors.all()) == {police, court}
    save_edit(client, entered, edit_data(entered, violation_changes={"actors": [str(court.pk)]}))
    assert list(violation.actors.all()) == [court]
    actor_changes = [
        (set(old.split(", ")), new)
        for label, old, new in changes_in_history(entered, officer, "violation")
        if label == "responsible actors"
    ]
    assert ({"Police", "Cyber unit"}, "Cyber unit") in actor_changes


def test_changing_the_fields_of_an_existing_act_is_stored(as_user, officer, entered):
    data = edit_data(entered, violation_changes={"violation_type": "arrest", "description": "اعتقل بعد المنشور"})
    save_edit(as_user(officer), entered, data)
    violation = entered.violations.get()
    assert (violation.violation_type.code, violation.description) == ("arrest", "اعتقل بعد المنشور")
    assert ("what happened", "—", "اعتقل بعد المنشور") in changes_in_history(entered, officer, "violation")


def test_changing_an_existing_person_is_stored(as_user, officer, entered):
    first = entered.persons.order_by("pk").first()
    save_edit(as_user(officer), entered, edit_data(entered, person_changes={"pseudonym": "المدوّن ع."}))
    first.refresh_from_db()
    assert first.pseudonym == "المدوّن ع."
    assert ("pseudonym", PERSON["pseudonym"], "المدوّن ع.") in changes_in_history(entered, officer, "person")


def test_changing_the_tags_is_stored(as_user, officer, entered):
    elections, protests = Tag.objects.create(name="elections 2026"), Tag.objects.create(name="protests")
    client = as_user(officer)
    save_edit(client, entered, edit_data(entered, case_changes={"tags": [str(elections.pk), str(protests.pk)]}))
    assert set(entered.tags.all()) == {elections, protests}
    save_edit(client, entered, edit_data(entered, case_changes={"tags": [str(protests.pk)]}))
    assert list(entered.tags.all()) == [protests]
    assert ("tags", "elections 2026, protests", "protests") in changes_in_history(entered, officer, "case")


def test_changing_the_assigned_officers_is_stored(as_user, officer, entered):
    colleague = UserFactory(username="colleague", role=Role.OFFICER)
    data = edit_data(entered, case_changes={"assigned_officers": [str(colleague.pk)]})
    save_edit(as_user(officer), entered, data)
    assert list(entered.assigned_officers.all()) == [colleague]
    labels = [label for label, _old, _new in changes_in_history(entered, officer, "case")]
    assert "assigned officers" in labels
