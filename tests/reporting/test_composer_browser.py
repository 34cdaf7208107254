"""The composer in a real browser: preview in the page under the strict CSP, then export."""

import pytest

from reporting.models import Report
from tests.conftest import browser_login
from tests.reporting.conftest import document_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_advocacy_previews_and_exports_a_upr_submission(browser, live_server, officer, advocacy, tmp_path):
    case = document_case(officer, consents={"state": True})
    context = browser.new_context(accept_downloads=True, locale="en-GB")
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    browser_login(page, live_server.url, advocacy)

    page.goto(f"{live_server.url}/reports/compose/upr_submission/")
    page.check(f"input[name=cases][value='{case.reference}']")
    page.select_option("#id_language", "ar")
    page.fill("#id_recipient", "Human Rights Council, UPR")
    page.fill("#id_organisation", "Digital Rights Lab")
    page.fill("#id_session", "49")
    page.fill("#id_recommendations", "Repeal article 23.")
    page.click("button[name=preview]")
    page.wait_for_selector("article.document-preview")
    preview = page.locator("article.document-preview")
    assert preview.get_attribute("dir") == "rtl"
    assert "الاستعراض الدوري الشامل" in preview.inner_text()
    assert page.locator(".wordcount").is_visible()
    # The choices survive the preview, so that export follows directly.
    assert page.locator(f"input[name=cases][value='{case.reference}']").is_checked()

    with page.expect_download() as download_info:
        page.click("button[name=export][value=pdf]")
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert Report.objects.filter(template="upr_submission", created_by=advocacy).count() == 1
    assert console_errors == []  # nothing inline, nothing from elsewhere: the CSP holds
    context.close()
