from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from casebook.roles import Role
from cases.models import Case
from cases.selectors import case_list_visible

pytestmark = pytest.mark.django_db


def test_demo_data_is_created_once_with_one_user_per_role():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    users = get_user_model().objects.all()
    assert {user.groups.get().name for user in users} == set(Role.values)
    assert Case.objects.count() == 12
    assert Case.objects.filter(language="ar").count() >= 5
    assert Case.objects.filter(language="en").count() >= 5
    for user in users:
        assert user.username in out.getvalue()

    again = StringIO()
    call_command("seed_demo", stdout=again)
    assert "already present" in again.getvalue()
    assert Case.objects.count() == 12


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= character <= "\u06ff" for character in text)


def _is_latin(text: str) -> bool:
    return any("a" <= character.lower() <= "z" for character in text)


def test_every_demo_case_reads_in_both_languages_and_every_name_in_both_scripts():
    from cases.models import Person

    call_command("seed_demo", stdout=StringIO())
    for case in Case.objects.all():
        original, translation = (case.title, case.narrative), (case.title_translation, case.narrative_translation)
        english, arabic = (original, translation) if case.language == "en" else (translation, original)
        assert all(text and not _is_arabic(text) for text in english), case.reference
        assert all(text and _is_arabic(text) for text in arabic), case.reference

    named = Person.objects.exclude(name="", name_latin="")
    assert named.count() == 8
    for person in named:
        assert {_is_arabic(person.name), _is_arabic(person.name_latin)} == {True, False}, person.pk
        assert _is_latin(person.name) or _is_latin(person.name_latin), person.pk
    # The others are recorded by a pseudonym alone (a witness, a source, an outlet described), never half-named.
    assert not Person.objects.filter(name="").exclude(name_latin="").exists()


def test_demo_partner_sees_only_the_two_shared_cases():
    call_command("seed_demo", stdout=StringIO())
    partner = get_user_model().objects.get(username="partner")
    assert case_list_visible(user=partner).count() == 2


# What a newcomer types in the composer for each document; the cases come from the demo.
TYPED = {
    "organisation": "Demo Digital Rights NGO",
    "contact": "info@example.org",
    "recipient": "EU Delegation to Jordan",
    "session": "46",
    "year": 2026,
    "explanation": "The reel documents a peaceful protest; it breaks no rule.",
    "action": "Restore the content and the account.",
    "harm": "The journalist is being targeted.",
}


def _ready_cases(user, kind, document) -> list[str]:
    from django.core.exceptions import PermissionDenied, ValidationError

    from reporting.forms import platforms_of
    from reporting.services import prepare_document

    ready = []
    for case in case_list_visible(user=user):
        options = {name: value for name, value in TYPED.items() if name in document.fields}
        if "platform" in document.fields:
            recorded = platforms_of(Case.objects.filter(pk=case.pk))
            options["platform"] = recorded[0].code if len(recorded) == 1 else ""
        for profile in document.profiles:
            try:
                prepared = prepare_document(
                    actor=user, template=kind, cases=[case.pk], profile=profile, language="ar", options=options
                )
            except (PermissionDenied, ValidationError):
                continue
            if not any(problem.blocking for problem in prepared.problems):
                ready.append(case.reference)
                break
    return ready


def test_the_demo_has_a_case_ready_for_every_document_for_the_advocacy_officer():
    from reporting.documents import DOCUMENTS

    call_command("seed_demo", stdout=StringIO())
    advocacy = get_user_model().objects.get(username="advocacy")
    not_ready = [kind for kind, document in DOCUMENTS.items() if not _ready_cases(advocacy, kind, document)]
    assert not_ready == []


def test_the_demo_escalations_carry_content_urls():
    from cases.models import Violation

    call_command("seed_demo", stdout=StringIO())
    with_urls = Violation.objects.filter(content_concerned__contains="https://").values_list("case", flat=True)
    assert len(set(with_urls)) >= 2


def test_the_demo_home_page_has_something_due_on_first_run(as_user):
    from django.urls import reverse

    from cases.models import ContentItem, Escalation

    call_command("seed_demo", stdout=StringIO())
    officer = get_user_model().objects.get(username="officer")
    response = as_user(officer).get(reverse("home"))
    counts = {entry["section"].key: entry["count"] for entry in response.context["sections"]}
    assert counts["escalations_week"] == 1
    assert counts["recheck"] >= 1
    escalation = Escalation.objects.get()
    assert [entry.answer for entry in escalation.entries.order_by("id")] == ["", "upheld"]
    reel = ContentItem.objects.get(content_id="EXAMPLE1")
    assert [change.status for change in reel.status_changes.all()] == ["removed", "removed", "restored"]
    assert {change.source for change in reel.status_changes.all()} == {"user_report", "team_check", "platform_notice"}
    partner = get_user_model().objects.get(username="partner")
    partner_counts = {
        entry["section"].key: entry["count"] for entry in as_user(partner).get(reverse("home")).context["sections"]
    }
    assert partner_counts.get("escalations_week", 0) == 0  # the escalated items are on a case not shared


def test_the_demo_has_content_taken_down_and_content_put_back():
    from cases.choices import ContentStatus
    from cases.models import ContentItem

    call_command("seed_demo", stdout=StringIO())
    statuses = set(ContentItem.objects.values_list("status", flat=True))
    assert ContentStatus.RESTORED in statuses
    assert statuses & {ContentStatus.REMOVED, ContentStatus.UPHELD, ContentStatus.RESTRICTED}
