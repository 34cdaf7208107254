"""The composer in a real browser, in Arabic and English: titles in the reader's language, one
choice for a one-case document, a platform already offered, statistics over the ticked cases.
Set CASEBOOK_SCREENSHOTS to a folder to keep a picture of each screen."""

import os
from pathlib import Path

import pytest

from cases import services
from reporting.models import Report
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def shot(page, name: str) -> None:
    if folder := os.environ.get("CASEBOOK_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(("language", "title"), [("ar", "حجب موقع إخباري"), ("en", "News site blocked")])
def test_composer_in_each_language(browser, live_server, advocacy, make_case, language, title):
    case = make_case()
    services.case_update(actor=case.created_by, case=case, title="News site blocked", language="en")
    services.case_update(actor=case.created_by, case=case, title_translation="حجب موقع إخباري")
    other = make_case()
    page = browser.new_context(locale="en-GB").new_page()
    browser_login(page, live_server.url, advocacy)
    if language == "ar":
        page.click("form.langswitch button")
        page.wait_for_load_state()

    page.goto(f"{live_server.url}/reports/compose/case_file/?reference={case.reference}")
    assert page.locator(f"#case-{case.pk}").get_attribute("type") == "radio"  # a one-case document

    page.goto(f"{live_server.url}/reports/compose/platform_escalation/?reference={case.reference}")
    assert page.locator(f"#case-{case.pk}").is_checked()
    assert title in page.locator(".case-choice").inner_text()
    assert page.locator("form.composer select[name=platform]").input_value() == "facebook"
    shot(page, f"composer-escalation-{language}")

    page.goto(f"{live_server.url}/reports/compose/statistics/")
    page.check(f"#case-{other.pk}")
    page.fill("#id_recipient", "Annual report")
    with page.expect_download():
        page.click("button[name=export]")
    assert [c.pk for c in Report.objects.get().cases.all()] == [other.pk]
    shot(page, f"composer-statistics-{language}")
