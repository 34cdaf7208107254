"""The case history lists its content items' changes and every status recorded for them."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from cases import services
from tests.factories import content_item_recorded

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def add_item(actor, case, **fields):
    return content_item_recorded(actor, case, **{"author_handle": "@rami.k", **fields})


def history(client, case):
    return client.get(reverse("cases:history", args=[case.reference])).context["entries"]


def rows(entry):
    return [(change.label, change.old, change.new) for change in entry.changes]


@pytest.fixture
def item(officer, other_officer, case):
    item = add_item(officer, case, source="user_report")
    services.content_item_save(actor=officer, case=case, item=item, today=TODAY, policy="Dangerous organisations")
    services.content_status_record(
        actor=other_officer,
        item=item,
        status="restored",
        on=date(2026, 6, 1),
        source="platform_notice",
        note="Restored after the appeal",
        today=TODAY,
    )
    return item


def test_the_history_lists_an_items_creation_changes_and_status_records(as_user, officer, case, item):
    entries = [entry for entry in history(as_user(officer), case) if entry.model in ("content", "status")]
    assert [(entry.model, entry.kind, entry.who) for entry in entries] == [
        ("status", "+", "other_officer"),
        ("content", "~", "officer"),
        ("status", "+", "officer"),
        ("content", "+", "officer"),
    ]
    restored, edited, first, _created = entries
    assert restored.subject == "Post · Instagram · Cx1"
    assert rows(restored) == [
        ("status", "Removed", "Restored"),
        ("date", "—", "June 1, 2026"),
        ("according to", "—", "Platform notice"),
        ("note", "—", "Restored after the appeal"),
    ]
    assert rows(first)[:3] == [
        ("status", "—", "Removed"),
        ("date", "—", "May 3, 2026"),
        ("according to", "—", "User report"),
    ]
    assert rows(edited) == [("policy cited", "—", "Dangerous organisations")]
    assert not any(entry.restorable for entry in entries)


def test_a_status_change_is_listed_once_not_again_as_a_change_of_the_item(as_user, officer, case, item):
    entries = history(as_user(officer), case)
    status_rows = [row for entry in entries if entry.model == "content" for row in rows(entry) if row[0] == "status"]
    assert status_rows == []


def test_the_author_handle_is_personal_data_in_the_history(as_user, officer, partner, shared_case):
    item = add_item(officer, shared_case, author_handle="")
    services.content_item_save(actor=officer, case=shared_case, item=item, today=TODAY, author_handle="@rami.k")
    partner_page = as_user(partner).get(reverse("cases:history", args=[shared_case.reference])).text
    assert "@rami.k" not in partner_page and "(personal data)" in partner_page
    officer_page = as_user(officer).get(reverse("cases:history", args=[shared_case.reference])).text
    assert "@rami.k" in officer_page


def test_the_content_history_reads_in_arabic(as_user, officer, case, item):
    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    with translation.override("ar"):
        response = client.get(reverse("cases:history", args=[case.reference]), headers={"accept-language": "ar"})
    page = response.text
    assert 'dir="rtl"' in page
    for text in (
        "عنصر محتوى",
        "حالة عنصر محتوى",
        "عناصر المحتوى",
        "محذوف",
        "إشعار من المنصة",
        "بحسب",
        "السياسة المُستند إليها",
        "منشور",
    ):
        assert text in page
    assert "Platform notice" not in page and "User report" not in page


def test_an_item_on_a_hidden_case_leaves_no_history_page(as_user, officer, outsider, case, item):
    response = as_user(outsider).get(reverse("cases:history", args=[case.reference]))
    assert response.status_code == 404


def test_an_imported_status_is_listed_once_with_no_empty_change_of_the_item(as_user, officer, case, item):
    from imports.history import importing

    with importing("5b3a"):
        services.content_status_record(
            actor=officer, item=item, status="removed", on=date(2026, 6, 10), source="import", today=TODAY
        )
    entries = history(as_user(officer), case)
    assert [entry.model for entry in entries if entry.model in ("content", "status")][:2] == ["status", "status"]
    assert all(entry.changes for entry in entries if entry.model == "content" and entry.kind == "~")
    assert ("according to", "—", "Spreadsheet import") in rows(entries[0])


def test_an_item_taken_off_the_case_is_listed_with_its_reason(as_user, officer, case, item):
    services.content_item_remove(actor=officer, item=item)
    latest = history(as_user(officer), case)[0]
    assert (latest.model, latest.reason, latest.changes) == ("content", "removed", [])
