"""A file with active content, uploaded in a real browser: the warning reaches the officer."""

import pytest

from evidence.models import EvidenceItem
from tests.conftest import browser_login
from tests.evidence import hostile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_officer_is_warned_of_active_content_on_upload_list_and_item(browser, live_server, officer, case):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    browser_login(page, live_server.url, officer)

    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    document = hostile.pdf_with(hostile.pdf_open_action_javascript)
    page.set_input_files(
        "#id_upload_files", [{"name": "leaked-order.pdf", "mimeType": "application/pdf", "buffer": document}]
    )
    page.click("#evidence-upload button[type=submit]")
    page.wait_for_selector(".upload-refresh")
    warning = page.locator(".upload-progress .upload-message.warning")
    assert "active content: JavaScript in PDF" in warning.inner_text()
    assert "isolated viewer" in warning.inner_text()

    page.click(".upload-refresh")
    page.wait_for_load_state()
    assert page.locator("#evidence .active-content", has_text="JavaScript in PDF").is_visible()
    item = EvidenceItem.objects.get()
    page.click("#evidence table a >> text=leaked-order.pdf")
    page.wait_for_url(f"**{item.get_absolute_url()}")
    alert = page.locator("div.active-content[role=alert]")
    assert alert.is_visible()
    assert "isolated viewer" in alert.inner_text()
    # The preview is a picture made from the PDF, never the PDF itself.
    assert page.locator("img.working-copy").evaluate("image => image.complete && image.naturalWidth > 0")
    assert page.locator("embed, object, iframe").count() == 0
    assert console_errors == []
    context.close()
