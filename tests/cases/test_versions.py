"""Versions copied by the database (``copy_versions``) are the versions django-simple-history
writes for the same records: every tracked field, the user, the reason, the kind, the links."""

import pytest

from cases.choices import PersonRole
from cases.models import Case, Person, Tag, Violation, ViolationType
from cases.services import versions
from cases.services.versions import copy_versions
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def tracked(version) -> dict:
    return {field.attname: getattr(version, field.attname) for field in type(version).tracked_fields}


def described(version) -> tuple:
    return (version.history_type, version.history_user_id, version.history_change_reason, tracked(version))


def test_a_copied_version_is_the_version_simple_history_writes(officer):
    case = CaseFactory(created_by=officer, title="Arrest of a blogger", title_translation="اعتقال مدون")
    persons = [
        Person.objects.create(case=case, name="سمير الحداد", role=PersonRole.AFFECTED, pseudonym="S."),
        Person.objects.create(case=case, name="Leila", role=PersonRole.WITNESS, consent_public_status="given"),
    ]
    for record in (case, *persons):
        record.history.all().delete()  # the factory's versions, written one by one

    (written,) = Case.history.bulk_history_create([case], default_user=officer, default_change_reason="reason")
    (copied,) = copy_versions(Case, [case], user=officer, reason="reason")
    assert described(Case.history.get(history_id=copied)) == described(written)
    expected = [described(version) for version in Person.history.bulk_history_create(persons, default_user=officer)]
    copied = copy_versions(Person, persons, user=officer)
    assert [described(Person.history.get(history_id=version)) for version in copied] == expected


def test_copied_versions_hold_their_records_links_and_come_back_in_order(officer, other_officer, monkeypatch):
    monkeypatch.setattr(versions, "CHUNK", 2)  # several statements
    elections, protest = Tag.objects.create(name="Elections"), Tag.objects.create(name="Protest")
    cases = [CaseFactory(created_by=officer, violation_type=None) for _ in range(5)]
    cases[0].tags.set([elections, protest])
    cases[3].tags.set([protest])
    cases[3].assigned_officers.set([officer, other_officer])
    removal = ViolationType.objects.get(code="content_removal")
    person = Person.objects.create(case=cases[1], name="Leila", role=PersonRole.AFFECTED)
    act = Violation.objects.create(case=cases[1], violation_type=removal)
    act.affected_persons.set([person])

    copied = copy_versions(Case, cases[::-1], user=other_officer, kind="~", through=["assigned_officers", "tags"])
    (act_version,) = copy_versions(Violation, [act], user=officer, through=["affected_persons"])

    found = Case.history.in_bulk(copied)
    assert [found[version].id for version in copied] == [case.pk for case in cases[::-1]]
    assert {found[version].history_type for version in copied} == {"~"}
    assert {found[version].history_user_id for version in copied} == {other_officer.pk}
    assert len({found[version].history_date for version in copied}) == 1  # written together
    by_case = {found[version].id: found[version] for version in copied}
    assert sorted(link.tag.name for link in by_case[cases[0].pk].tags.all()) == ["Elections", "Protest"]
    assert [link.tag.name for link in by_case[cases[3].pk].tags.all()] == ["Protest"]
    officers = by_case[cases[3].pk].assigned_officers.all()
    assert sorted(link.user_id for link in officers) == [officer.pk, other_officer.pk]
    assert not by_case[cases[2].pk].tags.exists()
    act_links = Violation.history.get(history_id=act_version).affected_persons.all()
    assert [link.person_id for link in act_links] == [person.pk]
    assert copy_versions(Case, [], user=officer) == []
