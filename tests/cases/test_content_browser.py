"""The home page and an escalation's answer, in Arabic, in a real browser (Debian's Chromium)."""

from datetime import timedelta

import pytest

from cases import services
from cases.models import Platform
from tests.conftest import browser_login
from tests.factories import InterventionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_officer_reads_what_is_due_and_records_an_answer_in_arabic(browser, live_server, officer, case):
    today = services.local_today()
    InterventionFactory(case=case, status="sent", due_date=today - timedelta(days=2))
    item = services.content_item_save(
        actor=officer,
        case=case,
        url="https://www.facebook.com/example/posts/1",
        platform=Platform.objects.get(code="facebook"),
        content_id="1",
        removed_on=today - timedelta(days=20),
    )
    escalation = services.escalation_create(actor=officer, platform=item.platform, items=[item])
    services.escalation_send(actor=officer, escalation=escalation, sent_on=today - timedelta(days=10))
    entry = escalation.entries.get()

    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    browser_login(page, live_server.url, officer)
    page.click("form.langswitch button")  # to Arabic
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", name="ما هو مستحق").is_visible()
    overdue = page.locator("#due-interventions_overdue")
    assert overdue.locator(".count").inner_text() == "1"
    assert case.reference in overdue.inner_text()
    assert page.locator("#due-escalations_overdue .count").inner_text() == "1"
    assert page.locator("#due-recheck .count").inner_text() == "1"

    page.click("#due-escalations_overdue li a")
    page.wait_for_url(f"**/cases/escalations/{escalation.pk}/")
    page.select_option(f"#answer-{entry.pk}", "upheld")
    page.fill(f"#answered-{entry.pk}", today.isoformat())
    page.fill(f"#note-{entry.pk}", "أُبقي على الحذف بموجب سياسة المنظمات الخطرة")
    page.click(f"#entry-{entry.pk} form.answer-form button[type=submit]")
    page.wait_for_load_state()
    assert "سُجّل الرد" in page.locator(".messages").inner_text()
    record = page.locator(f"#entry-{entry.pk}").inner_text()
    assert "أُبقي على الحذف" in record and "المنظمات الخطرة" in record
    assert page.locator("#escalation-status").inner_text() == "تمّ الرد"
    entry.refresh_from_db()
    item.refresh_from_db()
    assert entry.answer == "upheld" and item.status == "upheld"
    assert entry.appeal_deadline == services.content._add_months(today, 6)
    assert page.locator(f"#entry-{entry.pk} .appeal-deadline").is_visible()

    page.goto(f"{live_server.url}/")
    assert page.locator("#due-escalations_overdue .count").inner_text() == "0"
    assert console_errors == []
    context.close()
