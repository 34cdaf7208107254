"""Every change to a case's records is in the audit log: one entry per change, in the same
transaction, naming the case and the record (model and id) and never its content."""

from datetime import date

import pytest
from django.db.models import Max
from django.urls import reverse

from casebook.audit import Action
from casebook.audit.verify import verify_audit_log
from casebook.models import AuditEvent
from cases import services
from cases.choices import Status
from cases.models import Platform
from tests.api.conftest import api, make_token
from tests.conftest import login
from tests.factories import CaseFactory, InterventionFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 9, 30)
# Spellings and phrases that are the record's content: none may reach the log.
CONTENT = ("Samir", "سمير", "summoned", "video", "restore", "Cybercrime")


def head() -> int:
    return AuditEvent.objects.aggregate(head=Max("sequence"))["head"] or 0


def the_entry(run, action: str) -> tuple[AuditEvent, object]:
    """Run a change and return the one entry it wrote, after checking it holds no content."""
    before = head()
    result = run()
    written = list(AuditEvent.objects.filter(sequence__gt=before).order_by("sequence"))
    assert [entry.action for entry in written] == [action]
    [entry] = written
    text = " ".join([entry.detail, entry.case_reference, entry.target_type, entry.target_id])
    for phrase in CONTENT:
        assert phrase not in text, (phrase, text)
    return entry, result


def named(case):
    return PersonFactory(case=case, name="Samir Haddad", other_names="سمير حداد", affiliation="Samir's video blog")


# --- Persons, acts, interventions --------------------------------------------------------


def test_adding_a_person_is_audited_with_the_case_and_the_person(officer, case):
    entry, person = the_entry(
        lambda: services.person_save(
            actor=officer, case=case, name="Samir Haddad", other_names="سمير حداد", pseudonym="S."
        ),
        Action.PERSON_ADDED,
    )
    assert (entry.case_reference, entry.target_type, entry.target_id) == (
        case.reference,
        "cases.person",
        str(person.pk),
    )
    assert entry.actor == officer and entry.detail == ""


def test_changing_a_person_names_the_fields_changed_not_their_values(officer, case):
    person = named(case)
    entry, _person = the_entry(
        lambda: services.person_save(
            actor=officer, case=case, person=person, name="Samir Haddad", affiliation="سمير video channel"
        ),
        Action.PERSON_CHANGED,
    )
    assert entry.target_id == str(person.pk) and entry.case_reference == case.reference
    assert '"fields": ["affiliation"]' in entry.detail


def test_adding_and_changing_an_act_are_audited(officer, case):
    entry, violation = the_entry(
        lambda: services.violation_save(
            actor=officer,
            case=case,
            violation_type=case.violations.get().violation_type,
            description="Samir Haddad was summoned over a video.",
        ),
        Action.VIOLATION_ADDED,
    )
    assert (entry.target_type, entry.target_id) == ("cases.violation", str(violation.pk))
    person = named(case)
    entry, _violation = the_entry(
        lambda: services.violation_save(
            actor=officer,
            case=case,
            violation=violation,
            legal_basis="Cybercrime law, Art. 24",
            affected_persons=[person],
        ),
        Action.VIOLATION_CHANGED,
    )
    assert '"fields": ["affected_persons", "legal_basis"]' in entry.detail


def test_adding_and_changing_an_intervention_are_audited(officer, case):
    entry, intervention = the_entry(
        lambda: services.intervention_save(
            actor=officer,
            case=case,
            kind="platform_escalation",
            recipient="Meta",
            summary="Asked to restore Samir's video.",
        ),
        Action.INTERVENTION_ADDED,
    )
    assert (entry.target_type, entry.target_id) == ("cases.intervention", str(intervention.pk))
    entry, _intervention = the_entry(
        lambda: services.intervention_save(
            actor=officer, case=case, intervention=intervention, response_text="We will restore Samir's video."
        ),
        Action.INTERVENTION_CHANGED,
    )
    assert '"fields": ["response_text"]' in entry.detail


@pytest.mark.parametrize(
    ("kind", "action"),
    [
        ("person", Action.PERSON_REMOVED),
        ("violation", Action.VIOLATION_REMOVED),
        ("intervention", Action.INTERVENTION_REMOVED),
    ],
)
def test_removing_a_record_is_audited_once(officer, case, kind, action):
    record = {
        "person": lambda: named(case),
        "violation": lambda: case.violations.get(),
        "intervention": lambda: InterventionFactory(case=case, summary="Samir's video"),
    }[kind]()
    entry, _none = the_entry(lambda: services.record_remove(actor=officer, item=record), action)
    assert (entry.target_type, entry.target_id) == (f"cases.{kind}", str(record.pk))
    # Removing what is already removed changes nothing, and writes nothing.
    before = head()
    services.record_remove(actor=officer, item=record)
    assert head() == before


def test_a_refused_change_leaves_no_entry(officer, case):
    person = named(case)
    before = head()
    with pytest.raises(services.ValidationError):
        services.person_save(actor=officer, case=case, person=person, name="", pseudonym="")
    assert head() == before


# --- The case itself ---------------------------------------------------------------------


def test_changing_a_case_is_audited_with_the_fields_changed(officer, case):
    entry, _case = the_entry(
        lambda: services.case_update(actor=officer, case=case, title="Samir Haddad summoned"), Action.CASE_CHANGED
    )
    assert entry.case_reference == case.reference and '"fields": ["title"]' in entry.detail


def test_a_case_status_change_is_audited_with_the_statuses_only(officer, case):
    entry, _case = the_entry(
        lambda: services.case_transition(
            actor=officer, case=case, status=Status.UNDER_VERIFICATION, note="Samir called back"
        ),
        Action.CASE_STATUS_CHANGED,
    )
    assert '"from": "intake"' in entry.detail and '"to": "under_verification"' in entry.detail


def test_linking_cases_and_adding_a_review_note_are_audited(officer, case):
    other = CaseFactory(created_by=officer)
    entry, link = the_entry(
        lambda: services.case_link(actor=officer, case=case, other=other, kind="related", note="Samir again"),
        Action.CASE_LINKED,
    )
    assert (entry.target_type, entry.target_id) == ("cases.caselink", str(link.pk))
    entry, note = the_entry(
        lambda: services.legal_review_add(actor=officer, case=case, text="Samir's video is protected speech."),
        Action.LEGAL_REVIEW_ADDED,
    )
    assert (entry.case_reference, entry.target_id) == (case.reference, str(note.pk))


# --- Content items and escalations -------------------------------------------------------


def content_item(officer, case, content_id="1"):
    return services.content_item_save(
        actor=officer,
        case=case,
        today=TODAY,
        url=f"https://www.facebook.com/samir.haddad/videos/{content_id}",
        platform=Platform.objects.get(code="facebook"),
        kind="post",
        content_id=content_id,
        removed_on=date(2026, 8, 1),
    )


def test_a_content_item_added_changed_and_removed_is_audited(officer, case):
    entry, item = the_entry(lambda: content_item(officer, case), Action.CONTENT_ADDED)
    assert (entry.target_type, entry.target_id) == ("cases.contentitem", str(item.pk))
    entry, _item = the_entry(
        lambda: services.content_item_save(
            actor=officer, case=case, item=item, today=TODAY, author_handle="@samir.haddad"
        ),
        Action.CONTENT_CHANGED,
    )
    assert '"fields": ["author_handle"]' in entry.detail
    the_entry(lambda: services.content_item_remove(actor=officer, item=item), Action.CONTENT_REMOVED)


def test_an_escalation_drafted_answered_and_appealed_is_audited(officer, case):
    items = [content_item(officer, case, "1"), content_item(officer, case, "2")]
    entry, escalation = the_entry(
        lambda: services.escalation_create(
            actor=officer, platform=Platform.objects.get(code="facebook"), items=items, summary="Samir's videos"
        ),
        Action.ESCALATION_CREATED,
    )
    assert (entry.target_type, entry.target_id) == ("cases.escalation", str(escalation.pk))
    services.escalation_send(actor=officer, escalation=escalation, sent_on=date(2026, 9, 1), today=TODAY)
    first = escalation.entries.get(item=items[0])
    before = head()
    services.escalation_answer(
        actor=officer, entry=first, answer="upheld", answered_on=date(2026, 9, 5), note="Samir's video", today=TODAY
    )
    written = list(AuditEvent.objects.filter(sequence__gt=before).order_by("sequence"))
    # The answer, and the item's status it moves: two records changed, one entry each.
    assert [entry.action for entry in written] == [Action.ESCALATION_ANSWERED, Action.CONTENT_STATUS_RECORDED]
    assert written[0].case_reference == case.reference and written[0].target_id == str(first.pk)
    assert all("Samir" not in entry.detail for entry in written)
    first.refresh_from_db()
    entry, _entry = the_entry(
        lambda: services.escalation_appeal(actor=officer, entry=first, step="complaint", on=TODAY, today=TODAY),
        Action.ESCALATION_APPEALED,
    )
    assert entry.target_id == str(first.pk) and '"step": "complaint"' in entry.detail


# --- Pages and API alike, and the chain ---------------------------------------------------


def test_a_change_made_on_a_page_is_audited(officer, case):
    intervention = InterventionFactory(case=case)
    path = reverse("cases:intervention_edit", args=[case.reference, intervention.pk])
    page = login(officer).get(path)
    form = page.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"kind": intervention.kind, "status": "sent", "sent_on": "2026-03-01"})
    response = login(officer).post(path, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert AuditEvent.objects.filter(
        action=Action.INTERVENTION_CHANGED, target_id=str(intervention.pk), actor=officer
    ).exists()


def test_a_change_and_a_removal_through_the_api_are_audited(officer, case):
    violation = case.violations.get()
    client = api(make_token(officer))
    path = reverse("api:violation", args=[case.reference, violation.pk])
    client.patch(path, {"legal_basis": "Cybercrime law, Art. 24"}, content_type="application/json")
    client.delete(path)
    actions = list(
        AuditEvent.objects.filter(target_type="cases.violation", target_id=str(violation.pk))
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions == [Action.VIOLATION_CHANGED, Action.VIOLATION_REMOVED]


def test_the_chain_verifies_after_every_kind_of_change(officer, case):
    person = named(case)
    services.person_save(actor=officer, case=case, person=person, pseudonym="S.")
    services.violation_save(actor=officer, case=case, violation=case.violations.get(), legal_basis="Art. 24")
    intervention = services.intervention_save(actor=officer, case=case, kind="platform_escalation", recipient="Meta")
    services.record_remove(actor=officer, item=intervention)
    services.case_update(actor=officer, case=case, place="Cairo")
    item = content_item(officer, case)
    services.content_item_remove(actor=officer, item=item)
    result = verify_audit_log()
    assert result.ok, result.problems
    assert result.count == AuditEvent.objects.count() >= 8
