import re
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.choices import ConsentKind, DatePrecision, Status
from cases.models import Case, Person, Violation, ViolationType
from tests.cases.entry import PERSON, VIOLATION, entry
from tests.factories import CaseFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def test_officer_creates_case_with_persons_and_violations(as_user, officer):
    response = as_user(officer).post(reverse("cases:create"), entry())
    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == case.get_absolute_url()
    assert re.fullmatch(rf"DR-{timezone.now().year}-\d{{4}}", case.reference)
    assert case.created_by == officer
    assert officer in case.assigned_officers.all()
    assert {record.history_user for record in case.history.all()} == {officer}
    person = case.persons.get()
    violation = case.violations.get()
    assert person.name == PERSON["name"]
    assert violation.violation_type.code == "blocking"
    assert (violation.date.isoformat(), violation.date_precision) == ("2026-01-01", DatePrecision.MONTH)
    assert list(violation.affected_persons.all()) == [person]  # a new act concerns the affected persons
    assert " سامر " in case.people_search_text  # names are searchable apart from the rest


def test_references_follow_each_other(officer):
    first = services.case_create(actor=officer, **_fields())
    second = services.case_create(actor=officer, **_fields())
    assert int(second.reference[-4:]) == int(first.reference[-4:]) + 1


def test_future_date_is_refused_and_nothing_typed_is_lost(as_user, officer):
    response = as_user(officer).post(reverse("cases:create"), entry(start_0="2999-01-01"))
    assert response.status_code == 200
    assert "in the future" in response.text
    assert "أصبح الموقع غير متاح" in response.text  # the narrative
    assert PERSON["contact"] in response.text  # and what was typed in the inline rows
    assert Case.objects.count() == 0


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13", "20x6", "2025-04-31"])
def test_impossible_dates_are_refused(as_user, officer, value):
    response = as_user(officer).post(reverse("cases:create"), entry(start_0=value))
    assert "start" in response.context["form"].errors
    assert Case.objects.count() == 0


def test_impossible_date_of_an_act_is_refused(as_user, officer):
    response = as_user(officer).post(reverse("cases:create"), entry(violations=[{**VIOLATION, "when_0": "2026-02-30"}]))
    assert "when" in response.context["violations"].forms[0].errors
    assert Case.objects.count() == 0


def test_end_before_start_is_refused(as_user, officer):
    response = as_user(officer).post(reverse("cases:create"), entry(start_0="2026-03-10", end_0="2026-02"))
    assert "end" in response.context["form"].errors
    assert Case.objects.count() == 0


def test_end_in_the_same_month_as_a_precise_start_is_accepted(as_user, officer):
    response = as_user(officer).post(reverse("cases:create"), entry(start_0="2026-03-10", end_0="2026-03"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("field", "value"),
    [("violation_type", "teleportation"), ("platform", "myspace-2"), ("outcome", "no-such-outcome")],
)
def test_unknown_taxonomy_value_is_refused(as_user, officer, field, value):
    response = as_user(officer).post(reverse("cases:create"), entry(violations=[{**VIOLATION, field: value}]))
    assert field in response.context["violations"].forms[0].errors
    assert Case.objects.count() == 0


def test_unknown_profession_is_refused(as_user, officer):
    response = as_user(officer).post(reverse("cases:create"), entry(persons=[{**PERSON, "profession": "999999"}]))
    assert "profession" in response.context["persons"].forms[0].errors
    assert Case.objects.count() == 0


def test_inactive_taxonomy_entry_is_no_longer_offered(as_user, officer):
    ViolationType.objects.filter(code="blocking").update(is_active=False)
    response = as_user(officer).post(reverse("cases:create"), entry())
    assert "violation_type" in response.context["violations"].forms[0].errors


def test_a_new_case_needs_an_act(as_user, officer):
    response = as_user(officer).post(reverse("cases:create"), entry(violations=[]))
    assert response.status_code == 200
    assert Case.objects.count() == 0


def test_consent_needs_its_date_and_a_given_one_its_manner(as_user, officer):
    person = {
        **PERSON,
        "consent_state_status": "given",
        "consent_public_status": "refused",
        "consent_platform_status": "not_asked",
        "consent_platform_method": "written",
    }
    response = as_user(officer).post(reverse("cases:create"), entry(persons=[person]))
    errors = response.context["persons"].forms[0].errors
    assert {"consent_state_date", "consent_state_method", "consent_public_date", "consent_platform_status"} <= set(
        errors
    )
    assert Case.objects.count() == 0


def test_consents_are_separate_and_withdrawal_counts(officer, case):
    person = services.person_save(
        actor=officer,
        case=case,
        name="Rania",
        consent_state_status="given",
        consent_state_date=timezone.localdate(),
        consent_state_method="written",
        consent_public_status="withdrawn",
        consent_public_date=timezone.localdate(),
        consent_public_method="oral",
    )
    assert person.may_be_named_to_state
    assert not person.may_be_named_in_public  # withdrawn
    assert not person.may_be_raised_with_platform  # never given
    assert person.consent(ConsentKind.STATE).method == "written"


def test_error_messages_in_arabic(as_user, officer):
    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    response = client.post(reverse("cases:create"), entry(title=""))
    assert "هذا الحقل مطلوب" in response.text


def test_officer_edits_case_and_removes_a_person_without_deleting_it(as_user, officer, case):
    person = services.person_save(actor=officer, case=case, name="Witness", role="witness")
    violation = case.violations.get()
    data = entry(
        title="New title",
        persons=[{**PERSON, "id": person.pk, "name": "Witness", "role": "witness", "DELETE": "on"}],
        violations=[{**VIOLATION, "id": violation.pk, "violation_type": "arrest"}],
    )
    data["persons-INITIAL_FORMS"] = data["violations-INITIAL_FORMS"] = "1"
    response = as_user(officer).post(reverse("cases:edit", args=[case.reference]), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    case.refresh_from_db()
    assert case.title == "New title"
    assert not case.persons.exists()
    assert Person.all_objects.get(pk=person.pk).removed_at is not None  # kept, only taken off the case
    assert case.violations.get().violation_type.code == "arrest"


def test_workflow_moves_only_along_allowed_transitions(officer, case):
    with pytest.raises(services.ValidationError):
        services.case_transition(actor=officer, case=case, status=Status.ESCALATED)
    for status in (Status.UNDER_VERIFICATION, Status.VERIFIED, Status.ESCALATED, Status.CLOSED):
        services.case_transition(actor=officer, case=case, status=status)
    with pytest.raises(services.PermissionDenied):  # reopening is for administrators
        services.case_transition(actor=officer, case=case, status=Status.UNDER_VERIFICATION)


def test_administrator_reopens_a_closed_case(officer, administrator, case):
    services.case_transition(actor=officer, case=case, status=Status.CLOSED)
    services.case_transition(actor=administrator, case=case, status=Status.UNDER_VERIFICATION)
    assert Case.objects.get(pk=case.pk).status == Status.UNDER_VERIFICATION


def test_status_cannot_be_changed_by_editing(officer, case):
    with pytest.raises(services.ValidationError):
        services.case_update(actor=officer, case=case, status=Status.CLOSED)


def test_transition_view(as_user, officer, advocacy, case):
    url = reverse("cases:transition", args=[case.reference])
    assert as_user(advocacy).post(url, {"status": "under_verification"}).status_code == 403
    assert as_user(officer).post(url, {"status": "under_verification"}).status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.UNDER_VERIFICATION
    response = as_user(officer).post(url, {"status": "intake_zzz"}, follow=True)
    assert "Choose a status" in response.text


def test_archive_needs_a_reason_and_restores(as_user, officer, case):
    client = as_user(officer)
    client.post(reverse("cases:archive", args=[case.reference]), {"reason": ""})
    assert Case.objects.get(pk=case.pk).archived_at is None
    client.post(reverse("cases:archive", args=[case.reference]), {"reason": "Duplicate of another case"})
    archived = Case.objects.get(pk=case.pk)
    assert archived.archived_at is not None and archived.archived_by == officer
    assert case.title not in client.get(reverse("cases:list")).text
    assert case.title in client.get(reverse("cases:list"), {"archived": "only"}).text
    assert client.get(reverse("cases:detail", args=[case.reference])).status_code == 200
    assert client.get(reverse("cases:edit", args=[case.reference])).status_code == 302  # archived: read only
    client.post(reverse("cases:unarchive", args=[case.reference]))
    assert Case.objects.get(pk=case.pk).archived_at is None
    assert case.title in client.get(reverse("cases:list")).text


def test_interventions_get_a_due_date(as_user, officer, case):
    response = as_user(officer).post(
        reverse("cases:intervention_create", args=[case.reference]),
        {
            "kind": "platform_escalation",
            "recipient": "Meta",
            "platform": "facebook",
            "urgency": "urgent",
            "status": "sent",
            "sent_on": "2026-01-10",
        },
    )
    assert response.status_code == 302
    intervention = case.interventions.get()
    assert (intervention.due_date - intervention.sent_on).days == 7 // 2  # Facebook: 7 days, halved when urgent


def test_dsa_complaint_due_within_six_months_of_the_decision(officer, case):
    violation = case.violations.get()
    services.violation_save(actor=officer, case=case, violation=violation, date=timezone.localdate().replace(day=1))
    intervention = services.intervention_save(
        actor=officer, case=case, kind="dsa_complaint", recipient="Platform", violation=violation
    )
    months = (
        (intervention.due_date.year - violation.date.year) * 12 + intervention.due_date.month - violation.date.month
    )
    assert months == 6


def test_overdue_filter(as_user, officer):
    late = CaseFactory()
    InterventionFactory(case=late, status="sent", sent_on="2026-01-01", due_date="2026-01-08")
    done = CaseFactory()
    InterventionFactory(case=done, status="actioned", sent_on="2026-01-01", due_date="2026-01-08")
    response = as_user(officer).get(reverse("cases:list"), {"overdue": "true"})
    assert list(response.context["page"]) == [late]


def test_partner_adds_legal_review_note(as_user, partner, officer, shared_case):
    response = as_user(partner).post(reverse("cases:review", args=[shared_case.reference]), {"text": "Art. 19 ICCPR"})
    assert response.status_code == 302
    assert shared_case.review_notes.get().author == partner
    assert "Art. 19 ICCPR" in as_user(officer).get(shared_case.get_absolute_url()).text


def test_link_cases_shows_only_visible_links(as_user, officer, other_officer, case, restricted_case):
    other = CaseFactory()
    client = as_user(officer)
    client.post(reverse("cases:link", args=[case.reference]), {"reference": other.reference, "kind": "same_person"})
    client.post(
        reverse("cases:link", args=[case.reference]), {"reference": restricted_case.reference, "kind": "related"}
    )
    assert other.reference in client.get(case.get_absolute_url()).text
    assert restricted_case.reference in client.get(case.get_absolute_url()).text
    page = as_user(other_officer).get(case.get_absolute_url()).text
    assert other.reference in page
    assert restricted_case.reference not in page  # a link to a case one may not see is not shown


def test_list_query_count_does_not_grow_with_rows(as_user, officer, django_assert_max_num_queries):
    client = as_user(officer)
    CaseFactory.create_batch(3)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("cases:list"))
    CaseFactory.create_batch(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("cases:list"))


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


def test_nothing_is_deleted_through_the_services(officer, case):
    violation = case.violations.get()
    services.record_remove(actor=officer, item=violation)
    assert Violation.all_objects.filter(pk=violation.pk).exists()
    assert not case.violations.exists()


def _fields():
    return {"title": "Account suspended", "country": "LB"}


# --- An actor not yet in the list, named on the case form ---------------------------------


def test_officer_names_a_new_actor_on_the_case_form(as_user, officer):
    from cases.models import Actor

    new_act = {**VIOLATION, "new_actor_name": "نيابة أمن الدولة العليا", "new_actor_type": "prosecution_court"}
    response = as_user(officer).post(reverse("cases:create"), entry(violations=[new_act]))
    assert response.status_code == 302
    actor = Actor.objects.get()
    assert (actor.name_ar, actor.name_en, actor.actor_type.code) == ("نيابة أمن الدولة العليا", "", "prosecution_court")
    assert list(Case.objects.get().violations.get().actors.all()) == [actor]
    assert actor.history.get().history_user == officer
    case = Case.objects.get()
    assert list(as_user(officer).get(reverse("cases:list"), {"q": "نيابة امن"}).context["page"]) == [case]


def test_a_new_actor_needs_a_type_and_nothing_typed_is_lost(as_user, officer):
    from cases.models import Actor

    new_act = {**VIOLATION, "new_actor_name": "Cybercrime Unit"}
    response = as_user(officer).post(reverse("cases:create"), entry(violations=[new_act]))
    assert response.status_code == 200
    assert "new_actor_type" in response.context["violations"].forms[0].errors
    assert "Cybercrime Unit" in response.text
    assert not Actor.objects.exists() and not Case.objects.exists()


def test_an_actor_already_listed_is_reused_not_duplicated(as_user, officer, case):
    from cases.models import Actor, ActorType

    known = Actor.objects.create(name_en="Cybercrime Unit", actor_type=ActorType.objects.get(code="security_agency"))
    violation = case.violations.get()
    row = {**VIOLATION, "id": violation.pk, "new_actor_name": "cybercrime  unit", "new_actor_type": "security_agency"}
    data = entry(title=case.title, violations=[row], persons=[])
    data["violations-INITIAL_FORMS"] = "1"
    response = as_user(officer).post(reverse("cases:edit", args=[case.reference]), data)
    assert response.status_code == 302, response.context and response.context["violations"].errors
    assert Actor.objects.count() == 1
    assert list(case.violations.get().actors.all()) == [known]


def test_roles_without_the_right_cannot_create_actors(partner, advocacy):
    from cases.models import ActorType

    for user in (partner, advocacy):
        with pytest.raises(services.PermissionDenied):
            services.actor_create(actor=user, name="Anyone", actor_type=ActorType.objects.first())
