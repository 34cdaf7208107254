"""What an officer reads after an upload, and on the item and history pages, in a real browser,
in Arabic and in English. Set CASEBOOK_SCREENSHOTS to a folder to keep a picture of each screen."""

import os
from pathlib import Path

import pytest

from cases import services
from evidence.models import EvidenceItem
from tests.conftest import browser_login
from tests.evidence import corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def shot(page, name: str) -> None:
    if folder := os.environ.get("CASEBOOK_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(
    ("language", "added", "shared", "archived"),
    [
        ("en", "“photo.png” added: ", "shared with lawyer", "(archived)"),
        ("ar", "أُضيف الملف «photo.png»: ", "شُوركت مع lawyer", "(أُرشفت)"),
    ],
)
def test_upload_item_and_history_read_in_the_page_language(
    browser, live_server, officer, administrator, case, language, added, shared, archived
):
    from tests.factories import UserFactory

    page = browser.new_context(locale="en-GB").new_page()
    browser_login(page, live_server.url, officer)
    if language == "ar":
        page.click("form.langswitch button")
        page.wait_for_load_state()
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.set_input_files(
        "#id_upload_files", [{"name": "photo.png", "mimeType": "image/png", "buffer": corpus.png_bytes()}]
    )
    page.click("#evidence-upload button[type=submit]")
    page.wait_for_selector(".upload-refresh")
    item = EvidenceItem.objects.get()
    row = page.locator(".upload-progress li.done").inner_text()
    assert added in row and item.sha256 in row
    page.click(".upload-refresh")
    page.wait_for_load_state()
    confirmation = page.locator(".messages").inner_text()
    assert added in confirmation and item.sha256 in confirmation  # still there after the reload
    shot(page, f"upload-confirmed-{language}")

    lawyer = UserFactory(username="lawyer", role="Legal partner")
    services.case_share(actor=administrator, case=case, partner=lawyer)
    page.goto(f"{live_server.url}{item.get_absolute_url()}")
    custody = page.locator("table").last.inner_text()
    assert shared in custody and item.sha256 in custody
    if language == "ar":
        assert "shared with" not in custody and "bytes" not in custody
    shot(page, f"custody-{language}")

    services.case_archive(actor=officer, case=case, reason="duplicate")
    page.goto(f"{live_server.url}/cases/{case.reference}/history/")
    assert archived in page.locator("ol.history").inner_text()
    shot(page, f"history-{language}")
