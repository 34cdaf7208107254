"""Pages whose number of queries must not grow with what they show (an N+1 must not come back).

Each test renders the page twice, with little and with much to show, and asserts the same count.
"""

from datetime import UTC

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebook.audit import Action, record
from cases import services
from cases.models import Platform, Tag, ViolationType
from tests.factories import ActorFactory, CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def queries(client, url, **params) -> tuple[int, object]:
    client.get(url, params)  # sessions and caches warm
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured.captured_queries), response


def edit_case(officer, case, number: int) -> None:
    """One edit of each kind the history shows: a field, a tag, an officer, a violation's type and actors."""
    tag = Tag.objects.create(name=f"tag {number}")
    other = UserFactory(username=f"officer{number}", role="Documentation officer")
    services.case_update(actor=officer, case=case, title=f"Title, version {number}")
    case.tags.add(tag)
    case.assigned_officers.add(other)
    services.case_update(actor=officer, case=case, title=f"Title, version {number}b")
    violation = case.violations.get()
    types = list(ViolationType.objects.order_by("id")[:2])
    services.violation_save(
        actor=officer,
        case=case,
        violation=violation,
        violation_type=types[number % 2],
        platform=Platform.objects.order_by("id")[number % 3],
    )
    violation.actors.add(ActorFactory(name_en=f"Agency {number}"))
    services.violation_save(actor=officer, case=case, violation=violation, description=f"Account {number}")


def test_history_query_count_does_not_grow_with_edits(as_user, officer, case):
    client = as_user(officer)
    url = reverse("cases:history", args=[case.reference])
    edit_case(officer, case, 1)
    edit_case(officer, case, 2)  # every kind of related object has been named once
    few, response = queries(client, url)
    for number in range(3, 10):
        edit_case(officer, case, number)
    many, response = queries(client, url)
    assert many == few
    # What the bulk reads label is still right: tag names, officers, taxonomy labels, actors.
    changes = {(change.label, change.new) for entry in response.context["entries"] for change in entry.changes}
    assert ("title", "Title, version 9b") in changes
    labels = {label for label, _new in changes}
    assert {"tags", "assigned officers", "violation type", "responsible actors"} <= labels
    new_values = " ".join(new for _label, new in changes)
    assert "tag 9" in new_values and "Agency 9" in new_values and "officer9" in new_values


def test_audit_page_query_count_does_not_grow_with_events(as_user, administrator, officer):
    client = as_user(administrator)
    url = reverse("audit:list")
    case = CaseFactory(created_by=officer)
    for _ in range(3):
        record(actor=officer, action=Action.CASE_VIEWED, case=case)
    few, _response = queries(client, url)
    for _ in range(120):
        record(actor=officer, action=Action.CASE_VIEWED, case=case)
    many, response = queries(client, url)
    assert many == few
    assert len(response.context["page"]) == 50
    assert response.text.count(case.reference) >= 45  # the page views are logged among them


def test_composer_query_count_does_not_grow_with_cases(as_user, advocacy, officer):
    client = as_user(advocacy)
    url = reverse("reporting:compose", args=["upr_submission"])
    CaseFactory.create_batch(3, created_by=officer)
    few, _response = queries(client, url)
    for case in CaseFactory.create_batch(40, created_by=officer):
        case.tags.add(Tag.objects.get_or_create(name="elections")[0])
    many, response = queries(client, url)
    assert many == few
    assert response.text.count('name="cases"') >= 43


def test_partner_list_reads_the_shares_once(as_user, officer, partner):
    """The list and each drop-down scope by the partner's shares: read once per request."""
    from guardian.shortcuts import assign_perm

    for case in CaseFactory.create_batch(30, created_by=officer):
        assign_perm("cases.view_case", partner, case)
    client = as_user(partner)
    client.get(reverse("cases:list"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("cases:list"))
    assert response.status_code == 200 and len(response.context["page"]) == 25
    shares = [
        query for query in captured.captured_queries if "guardian" in query["sql"] or "objectpermission" in query["sql"]
    ]
    assert len(shares) == 1
    # …and the persons of the page's cases, once, so that titles are read as a partner may read them.
    assert len(captured.captured_queries) <= 6


def fill_case(officer, partner, case, number: int) -> None:
    """One more of everything the case page shows: persons, acts with actors, interventions, content,
    tags, officers, links, review notes and shares."""
    from guardian.shortcuts import assign_perm

    from cases.models import CaseLink, LegalReviewNote, Violation
    from tests.factories import ContentItemFactory, InterventionFactory, PersonFactory

    person = PersonFactory(case=case, name=f"Person {number}")
    violation = Violation.objects.create(case=case, violation_type=ViolationType.objects.order_by("id")[number % 3])
    violation.actors.add(ActorFactory(name_en=f"Agency {number}"))
    violation.affected_persons.add(person)
    InterventionFactory(case=case, violation=violation)
    ContentItemFactory(case=case)
    case.tags.add(Tag.objects.create(name=f"tag {number}"))
    case.assigned_officers.add(UserFactory(username=f"officer{number}", role="Documentation officer"))
    other = CaseFactory(created_by=officer)
    CaseLink.objects.create(from_case=case, to_case=other, kind="same_person", created_by=officer)
    LegalReviewNote.objects.create(case=case, text=f"Note {number}", author=partner)
    assign_perm("cases.view_case", UserFactory(username=f"partner{number}", role="Legal partner"), case)


@pytest.mark.parametrize("viewer", ["officer", "partner"])
def test_case_page_query_count_does_not_grow_with_the_record(request, as_user, officer, partner, case, viewer):
    from guardian.shortcuts import assign_perm

    assign_perm("cases.view_case", partner, case)
    user = request.getfixturevalue(viewer)
    client = as_user(user)
    url = reverse("cases:detail", args=[case.reference])
    fill_case(officer, partner, case, 1)
    few, _response = queries(client, url)
    for number in range(2, 8):
        fill_case(officer, partner, case, number)
    many, response = queries(client, url)
    assert many == few
    assert len(response.context["violations"]) == 8
    assert len(response.context["links"]) == (7 if viewer == "officer" else 0)


def test_an_empty_section_costs_no_query_and_shows_its_rows_as_soon_as_it_has_some(as_user, officer, partner, case):
    """The case page asks once which lists have rows; a list filled after a first view shows at the next."""
    client = as_user(officer)
    url = reverse("cases:detail", args=[case.reference])
    queries(client, url)
    bare, page = queries(client, url)
    assert "Note 1" not in page.text and "tag 1" not in page.text and "officer1" not in page.text
    fill_case(officer, partner, case, 1)
    full, page = queries(client, url)
    assert full > bare
    text = page.text
    for shown in ("Note 1", "tag 1", "officer1", "Agency 1", "partner1", "Withdraw access"):
        assert shown in text, shown
    assert len(page.context["interventions"]) == 1 and len(page.context["links"]) == 1


def add_content(officer, case, number: int) -> None:
    """An item with an edit and two status records (one with a note that reads names)."""
    from datetime import date

    item = services.content_item_save(
        actor=officer,
        case=case,
        url=f"https://x.com/example/status/{number}",
        platform=Platform.objects.order_by("id")[number % 3],
        content_id=str(number),
        author_handle=f"@author{number}",
        removed_on=date(2026, 5, 3),
        today=date(2026, 6, 15),
    )
    services.content_item_save(actor=officer, case=case, item=item, policy=f"Policy {number}", today=date(2026, 6, 15))
    services.content_status_record(
        actor=officer, item=item, status="removed", on=date(2026, 6, 1), source="team_check", today=date(2026, 6, 15)
    )
    services.content_status_record(
        actor=officer,
        item=item,
        status="restored",
        on=date(2026, 6, 2),
        source="platform_notice",
        note=f"Answer {number}",
        today=date(2026, 6, 15),
    )


def test_history_query_count_does_not_grow_with_content_items(as_user, officer, case):
    client = as_user(officer)
    url = reverse("cases:history", args=[case.reference])
    add_content(officer, case, 1)
    few, _response = queries(client, url)
    for number in range(2, 12):
        add_content(officer, case, number)
    many, response = queries(client, url)
    assert many == few
    entries = response.context["entries"]
    assert sum(entry.model == "status" for entry in entries) == 33
    assert sum(entry.model == "content" for entry in entries) == 22
    changes = {(change.label, change.new) for entry in entries for change in entry.changes}
    assert ("policy cited", "Policy 11") in changes and ("note", "Answer 11") in changes


def test_a_panel_with_nothing_to_list_reads_nothing_and_lists_rows_once_it_has_some(as_user, officer, case):
    """Evidence, content items and documents are asked for in the case page's one "which lists have
    rows" query: an empty panel costs nothing, and an added row shows at the next view (an edit)."""
    from datetime import datetime

    from evidence.services import link_add
    from reporting.models import Job
    from tests.factories import ContentItemFactory, UserFactory

    client = as_user(officer)
    url = reverse("cases:detail", args=[case.reference])
    bare, page = queries(client, url)
    assert "https://example.org/evidence-page" not in page.text and "Your recent documents" not in page.text

    # Another officer's document of the case: the panel looks, and shows none of it.
    other = UserFactory(username="other_officer", role="Documentation officer")
    others_job = Job.objects.create(kind="case_file", parameters={}, requested_by=other, case=case)
    looked, page = queries(client, url)
    assert looked == bare + 1
    assert reverse("reporting:job", args=[others_job.pk]) not in page.text

    link_add(actor=officer, case=case, url="https://example.org/evidence-page", captured_at=datetime.now(UTC))
    ContentItemFactory(case=case, author_handle="@handle_of_the_item")
    own_job = Job.objects.create(kind="case_file", parameters={}, requested_by=officer, case=case)
    full, page = queries(client, url)
    assert full > looked
    for shown in (
        "https://example.org/evidence-page",
        "@handle_of_the_item",
        reverse("reporting:job", args=[own_job.pk]),
    ):
        assert shown in page.text, shown
    assert reverse("reporting:job", args=[others_job.pk]) not in page.text
