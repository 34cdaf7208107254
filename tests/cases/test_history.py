"""The case history across the case, its violations, persons and interventions; restore adds a version."""

import pytest
from django.urls import reverse

from cases import services
from cases.choices import Status
from cases.models import Case, Person, Platform, ViolationType
from tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db


def history(client, case):
    return client.get(reverse("cases:history", args=[case.reference])).context["entries"]


def test_history_shows_who_changed_what(as_user, officer, case):
    services.case_transition(actor=officer, case=case, status=Status.UNDER_VERIFICATION)
    entry = history(as_user(officer), case)[0]
    assert entry.who == "officer"
    assert [(c.label, c.old, c.new) for c in entry.changes] == [("status", "Intake", "Under verification")]


def test_history_spans_violations_persons_and_interventions(as_user, officer, case):
    violation = case.violations.get()
    services.violation_save(
        actor=officer, case=case, violation=violation, violation_type=ViolationType.objects.get(code="arrest")
    )
    person = services.person_save(actor=officer, case=case, name="Rania", pseudonym="R.")
    services.person_save(actor=officer, case=case, person=person, contact="+961 00 000")
    services.intervention_save(actor=officer, case=case, kind="complaint", recipient="Ombudsman")
    entries = history(as_user(officer), case)
    models = {entry.model for entry in entries}
    assert {"violation", "person", "intervention"} <= models
    changed_type = next(e for e in entries if e.model == "violation" and e.changes)
    assert ("violation type", "Account suspension or deletion", "Arrest or detention") in [
        (c.label, c.old, c.new) for c in changed_type.changes
    ]
    contact = next(e for e in entries if e.model == "person" and e.changes)
    assert [(c.label, c.new) for c in contact.changes] == [("contact details", "+961 00 000")]


def test_personal_fields_are_hidden_in_history_for_other_roles(as_user, officer, partner, shared_case):
    person = services.person_save(actor=officer, case=shared_case, name="Rania", pseudonym="R.")
    services.person_save(actor=officer, case=shared_case, person=person, contact="+961 00 000")
    response = as_user(partner).get(reverse("cases:history", args=[shared_case.reference]))
    assert response.status_code == 200
    assert "+961 00 000" not in response.text
    assert "(personal data)" in response.text


def test_restore_creates_a_new_version(as_user, officer, case):
    original = case.title
    services.case_update(actor=officer, case=case, title="A wrong title")
    versions_before = case.history.count()
    old = case.history.filter(title=original).order_by("history_date").last()
    client = as_user(officer)
    response = client.post(
        reverse("cases:history_restore", args=[case.reference]), {"model": "case", "history_id": old.history_id}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == original
    assert case.history.count() == versions_before + 1  # nothing erased, one version added
    assert case.history.filter(title="A wrong title").exists()
    assert case.history.first().history_change_reason == f"casebook:restored:version={old.history_id}"
    assert case.history.first().history_user == officer
    # the search follows the restored text
    assert original.split()[0].lower() in case.search_text


def test_restore_brings_back_a_removed_person(officer, case):
    from cases.history import history_restore

    person = services.person_save(actor=officer, case=case, name="Witness")
    services.record_remove(actor=officer, item=person)
    assert not case.persons.exists()
    before_removal = Person.history.filter(id=person.pk, removed_at__isnull=True).order_by("history_date").last()
    history_restore(actor=officer, case=case, model_key="person", history_id=before_removal.history_id)
    assert list(case.persons.all()) == [person]


def test_restore_refuses_a_version_of_another_case(as_user, officer, case, shared_case):
    other_version = shared_case.history.first()
    response = as_user(officer).post(
        reverse("cases:history_restore", args=[case.reference]),
        {"model": "case", "history_id": other_version.history_id},
    )
    assert response.status_code == 404


def test_restore_does_not_touch_workflow_fields(officer, case):
    from cases.history import history_restore

    first = case.history.order_by("history_date").first()
    services.case_transition(actor=officer, case=case, status=Status.UNDER_VERIFICATION)
    history_restore(actor=officer, case=case, model_key="case", history_id=first.history_id)
    assert Case.objects.get(pk=case.pk).status == Status.UNDER_VERIFICATION


def test_read_only_roles_cannot_restore(as_user, advocacy, case):
    version = case.history.first()
    response = as_user(advocacy).post(
        reverse("cases:history_restore", args=[case.reference]), {"model": "case", "history_id": version.history_id}
    )
    assert response.status_code == 403


def test_history_of_tags_and_acts_platform(as_user, officer, case):
    from cases.models import Tag

    services.case_update(actor=officer, case=case, tags=[Tag.objects.create(name="elections")])
    violation = case.violations.get()
    services.violation_save(actor=officer, case=case, violation=violation, platform=Platform.objects.get(code="x"))
    InterventionFactory(case=case)
    text = as_user(officer).get(reverse("cases:history", args=[case.reference])).text
    assert "elections" in text
    assert "Facebook" in text and "X" in text


@pytest.mark.parametrize(
    ("language", "archived", "unarchived", "removed", "restored"),
    [
        ("en", "(archived)", "(restored from the archive)", "(removed)", "(restored version "),
        ("ar", "(أُرشفت)", "(أُعيدت من الأرشيف)", "(أُزيل من القضية)", "(استُعيدت النسخة "),
    ],
)
def test_history_reasons_read_in_the_readers_language(
    as_user, officer, case, language, archived, unarchived, removed, restored
):
    from cases.history import history_restore

    person = services.person_save(actor=officer, case=case, name="Witness")
    services.record_remove(actor=officer, item=person)
    earlier = Person.history.filter(id=person.pk, removed_at__isnull=True).order_by("history_date").last()
    history_restore(actor=officer, case=case, model_key="person", history_id=earlier.history_id)
    services.case_archive(actor=officer, case=case, reason="duplicate")
    services.case_unarchive(actor=officer, case=case)
    client = as_user(officer)
    client.cookies["django_language"] = language
    text = client.get(reverse("cases:history", args=[case.reference])).text
    for reason in (archived, unarchived, removed, f"{restored}{earlier.history_id})"):
        assert reason in text
    if language == "ar":
        assert "(archived)" not in text and "restored version" not in text


def test_reasons_stored_as_english_sentences_read_in_arabic_too():
    from django.utils.translation import override

    from cases.reasons import reason_text

    with override("ar"):
        assert reason_text("archived") == "أُرشفت"
        assert reason_text("restored version 12") == "استُعيدت النسخة 12"
        assert reason_text("restored from the archive") == "أُعيدت من الأرشيف"
        assert reason_text("Verified with the family") == "Verified with the family"  # an officer's note


def test_an_unknown_reason_code_is_refused():
    from cases.reasons import reason_code

    with pytest.raises(ValueError):
        reason_code("tidied")


def test_history_says_created_and_changed_in_arabic(as_user, officer, case):
    services.case_update(actor=officer, case=case, title="A new title")
    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    entries = client.get(reverse("cases:history", args=[case.reference])).text.split('<ol class="history">')[1]
    assert "أُنشئ" in entries and "عُدّل" in entries
    assert "تاريخ الإنشاء" not in entries  # the field's name, not what happened


def test_history_dates_are_written_in_the_readers_order(as_user, officer, case):
    """Django's Arabic formats have no date-time: without ours it fell back to the English order."""
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import override

    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("cases:history", args=[case.reference]), HTTP_ACCEPT_LANGUAGE="ar").text
    now = timezone.localtime()
    with override("ar"):
        day_month = date_format(now, "j F")
    assert f"{day_month}، {now.year}، " in page
