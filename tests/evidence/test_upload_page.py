"""The upload page in a real browser: several files, a progress bar each, under the strict CSP."""

import pytest

from evidence.models import EvidenceItem
from tests.conftest import browser_login
from tests.evidence import corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_officer_uploads_several_files_with_progress(browser, live_server, officer, case):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    browser_login(page, live_server.url, officer)

    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.set_input_files(
        "#id_upload_files",
        [
            {"name": "screenshot.png", "mimeType": "image/png", "buffer": corpus.png_bytes()},
            {"name": "statement.pdf", "mimeType": "application/pdf", "buffer": corpus.pdf_bytes()},
            {"name": "holiday.jpg", "mimeType": "image/jpeg", "buffer": corpus.windows_executable()},
        ],
    )
    page.fill("#id_upload_collected_by", "Field researcher")
    page.click("#evidence-upload button[type=submit]")
    page.wait_for_selector(".upload-refresh")

    rows = page.locator(".upload-progress li")
    assert rows.count() == 3
    assert page.locator(".upload-progress li.done").count() == 2
    refused = page.locator(".upload-progress li.refused")
    assert "“holiday.jpg” was refused" in refused.inner_text()
    for index in range(3):
        progress = rows.nth(index).locator("progress")
        assert progress.evaluate("bar => bar.value === bar.max && bar.max > 0")
    assert "“screenshot.png” added: " in rows.nth(0).inner_text() and "SHA-256" in rows.nth(0).inner_text()
    # The refused file's 422 is expected; anything else (a CSP violation above all) is not.
    assert [error for error in console_errors if "422" not in error] == []

    assert sorted(EvidenceItem.objects.values_list("original_name", flat=True)) == ["screenshot.png", "statement.pdf"]
    item = EvidenceItem.objects.get(original_name="statement.pdf")
    assert item.custody_events.filter(action="collected", collected_by="Field researcher").exists()

    page.click(".upload-refresh")
    page.wait_for_load_state()
    assert page.locator("#evidence table a", has_text="statement.pdf").is_visible()
    page.click("#evidence table a >> text=statement.pdf")
    page.wait_for_url(f"**{item.get_absolute_url()}")
    assert page.locator("img.working-copy").evaluate("image => image.complete && image.naturalWidth > 0")
    assert "Chain of custody" in page.content()
    context.close()


def test_evidence_forms_sit_side_by_side_in_arabic(browser, live_server, officer, case):
    """In a right-to-left page the two forms keep to their own column, inside the panel."""
    page = browser.new_context(locale="en-GB").new_page()
    browser_login(page, live_server.url, officer)
    page.click("form.langswitch button")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    panel = page.locator("#evidence").bounding_box()
    files = page.locator("#evidence-upload fieldset").bounding_box()
    link = page.locator("#evidence-link fieldset").bounding_box()
    for box in (files, link):
        assert panel["x"] <= box["x"] and box["x"] + box["width"] <= panel["x"] + panel["width"]
    assert link["x"] + link["width"] <= files["x"]  # the files form first, on the right
