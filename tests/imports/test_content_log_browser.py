"""A takedown log imported in a real browser, in Arabic: suggested columns, grouping by account,
a preview that names the problem, the items with their statuses on the case page."""

import pytest

from cases.models import Case, ContentItem
from tests.conftest import browser_login
from tests.imports.files import xlsx_bytes
from tests.imports.test_content_log import ARABIC, ARABIC_ROWS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_officer_imports_a_takedown_log_in_arabic(browser, live_server, officer, tmp_path):
    context = browser.new_context(locale="ar")
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    browser_login(page, live_server.url, officer)
    if page.locator("html").get_attribute("lang") != "ar":
        with page.expect_navigation():
            page.click("form.langswitch button")  # to Arabic
    page.click("nav.mainnav >> text=استيراد")
    page.wait_for_url("**/imports/")
    refused = ["ليس رابطًا", "فيسبوك", "منشور", "503", "حساب_آخر", *ARABIC_ROWS[0][5:]]
    sheet = tmp_path / "سجل-الحذف.xlsx"
    sheet.write_bytes(xlsx_bytes({"السجل": [ARABIC, *ARABIC_ROWS, refused]}))
    page.set_input_files("#id_file", str(sheet))
    page.click("button[type=submit].primary")
    page.wait_for_url("**/map/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.input_value("#column_0") == "content_url"
    assert page.input_value("#column_10") == "content_status"
    assert page.input_value("#column_11") == "content_status_source"

    page.select_option("#id_group_by", "4")  # the author column: one case per account
    page.select_option("#id_default_sensitivity", "normal")
    page.select_option("#id_default_verification_level", "single_source")
    with page.expect_navigation():
        page.click("button[name=action][value=preview]")
    (problem,) = page.locator("table.problems tbody tr").all()
    row, column, message = problem.locator("td").all_inner_texts()[:3]
    assert (row, column) == ("4", "الرابط") and "Enter" not in message
    assert page.locator(".count-new").inner_text() == "1"
    assert page.locator(".count-refused").inner_text() == "1"
    assert "منشور · فيسبوك · 501" in page.content()
    assert ContentItem.objects.count() == 0
    page.screenshot(path=str(tmp_path / "takedown-log-preview-ar.png"), full_page=True)

    page.click("button[name=action][value=import]")
    page.wait_for_url("**/imports/*/")
    assert page.locator(".count-new").inner_text() == "1"
    case = Case.objects.get()
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    text = page.locator("main").inner_text()
    assert "حذف محتوى صوت_الحقوق على فيسبوك" in text
    assert "محذوف" in text and "أُعيد" in text
    assert console_errors == []
    context.close()
