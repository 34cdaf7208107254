"""A query whose SQL is built once: the same rows as the ORM's, for every value, on either database."""

import pytest
from django.db import connection
from django.db.models import Exists

from casebook.compiled import CompiledRow
from cases.models import Person
from tests.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def persons_row(case_id):
    from cases.models import Case

    return Case.objects.filter(pk=case_id).values(
        "reference", has_persons=Exists(Person.objects.filter(case_id=case_id))
    )


def test_each_call_answers_for_its_own_values(officer):
    with_person, without = CaseFactory(created_by=officer), CaseFactory(created_by=officer)
    PersonFactory(case=with_person)
    query = CompiledRow(persons_row, arguments=1)
    first = query.get(with_person.pk)
    assert first["reference"] == with_person.reference and first["has_persons"]
    second = query.get(without.pk)
    assert second["reference"] == without.reference and not second["has_persons"]
    assert query.get(10**9) is None  # no such case: no row
    # What the ORM itself answers, value for value.
    for case in (with_person, without):
        expected = persons_row(case.pk).get()
        assert {
            name: bool(value) if name == "has_persons" else value for name, value in query.get(case.pk).items()
        } == {
            "reference": expected["reference"],
            "has_persons": expected["has_persons"],
        }


def test_the_sql_is_built_once_and_the_values_go_as_parameters(officer):
    cases = [CaseFactory(created_by=officer) for _ in range(3)]
    built = []

    def build(case_id):
        built.append(case_id)
        return persons_row(case_id)

    query = CompiledRow(build, arguments=1)
    sent = []

    def capture(execute, sql, params, many, context):
        sent.append((sql, list(params)))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        for case in cases:
            assert query.get(case.pk)["reference"] == case.reference
    assert len(built) == 1
    assert len({sql for sql, _params in sent}) == 1
    for case, (sql, params) in zip(cases, sent, strict=True):
        assert f"= {case.pk}" not in sql and case.pk in params


def test_a_value_that_is_not_a_whole_number_is_refused(officer):
    query = CompiledRow(persons_row, arguments=1)
    with pytest.raises(ValueError):
        query.get("1 OR 1=1")
    with pytest.raises(TypeError):
        query.get(1, 2)


def test_an_argument_the_query_does_not_use_is_refused_when_the_sql_is_built():
    """A forgotten argument would answer for every user or every case: refused, not ignored."""
    from cases.models import Case

    query = CompiledRow(lambda case_id, user_id: Case.objects.filter(pk=case_id).values("reference"), arguments=2)
    with pytest.raises(ValueError, match="argument 2"):
        query.get(1, 2)
