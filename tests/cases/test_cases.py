import re
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.choices import Status
from cases.models import Case
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

VALID = {
    "title": "حجب موقع إخباري مستقل",
    "language": "ar",
    "narrative": "أصبح الموقع غير متاح عبر جميع مزوّدي الخدمة.",
    "country": "EG",
    "start_date": "2026-01-05",
    "sensitivity": "sensitive",
}


def test_officer_creates_case_with_reference(as_user, officer):
    response = as_user(officer).post(reverse("cases:create"), VALID)
    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == case.get_absolute_url()
    assert re.fullmatch(rf"DR-{timezone.now().year}-\d{{4}}", case.reference)
    assert case.created_by == officer
    assert officer in case.assigned_officers.all()
    assert {record.history_user for record in case.history.all()} == {officer}


def test_references_follow_each_other(officer):
    first = services.case_create(actor=officer, **_fields())
    second = services.case_create(actor=officer, **_fields())
    assert int(second.reference[-4:]) == int(first.reference[-4:]) + 1


def test_future_date_is_refused_and_nothing_typed_is_lost(as_user, officer):
    response = as_user(officer).post(reverse("cases:create"), {**VALID, "start_date": "2999-01-01"})
    assert response.status_code == 200
    assert "cannot be in the future" in response.text
    assert VALID["narrative"] in response.text
    assert Case.objects.count() == 0


def test_impossible_date_is_refused(as_user, officer):
    response = as_user(officer).post(reverse("cases:create"), {**VALID, "start_date": "2026-02-30"})
    assert "start_date" in response.context["form"].errors
    assert Case.objects.count() == 0


def test_error_messages_in_arabic(as_user, officer):
    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    response = client.post(reverse("cases:create"), {**VALID, "title": ""})
    assert "هذا الحقل مطلوب" in response.text


def test_list_query_count_does_not_grow_with_rows(as_user, officer, django_assert_max_num_queries):
    client = as_user(officer)
    CaseFactory.create_batch(3)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("cases:list"))
    CaseFactory.create_batch(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("cases:list"))


def test_history_shows_who_changed_what(as_user, officer, case):
    services.case_transition(actor=officer, case=case, status=Status.UNDER_VERIFICATION)
    response = as_user(officer).get(reverse("cases:history", args=[case.reference]))
    assert response.status_code == 200
    entry = response.context["entries"][0]
    assert entry.who == "officer"
    assert [(c.label, c.old, c.new) for c in entry.changes] == [("status", "Intake", "Under verification")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_references_unique_under_concurrent_creation(officer):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are serialised by SQLite's single write lock; this runs on PostgreSQL")
    references, errors = [], []

    def create():
        try:
            references.append(services.case_create(actor=officer, **_fields()).reference)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(references)) == 12
    numbers = sorted(int(reference[-4:]) for reference in references)
    assert numbers == list(range(numbers[0], numbers[0] + 12))


def _fields():
    return {
        "title": "Account suspended",
        "country": "LB",
    }
