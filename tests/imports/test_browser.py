"""The whole import in a real browser, in Arabic: upload, mapping, a value mapped, preview, import, report."""

import pytest

from cases.models import Case
from tests.conftest import browser_login
from tests.imports.files import csv_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROWS = [
    ["1", "حذف منشور المدون سمير", "مصر", "2024-03", "فيسبوك", "حذف محتوى", "سمير الحداد", "https://fb.com/p/1"],
    ["2", "تعليق حساب ناشطة", "TN", "2023-11-02", "Fcbk", "account suspension", "ليلى", "https://fb.com/leila"],
    ["3", "حجب موقع", "أطلانطس", "2022", "X", "حظر", "", ""],
]


def test_officer_imports_a_sheet_in_arabic(browser, live_server, officer, tmp_path):
    context = browser.new_context(accept_downloads=True, locale="ar")
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    browser_login(page, live_server.url, officer)
    if page.locator("html").get_attribute("lang") != "ar":
        with page.expect_navigation():
            page.click("form.langswitch button")  # to Arabic
    assert page.locator("html").get_attribute("lang") == "ar"
    page.click("nav.mainnav >> text=استيراد")
    page.wait_for_url("**/imports/")
    sheet = tmp_path / "سجل-الحذف.csv"
    sheet.write_bytes(csv_bytes(ROWS, encoding="cp1256"))  # as an older Excel saves Arabic
    page.set_input_files("#id_file", str(sheet))
    page.click("button[type=submit].primary")
    page.wait_for_url("**/map/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Suggested from the Arabic and English headers.
    assert page.input_value("#column_1") == "title"
    assert page.input_value("#column_3") == "start_date"
    assert page.input_value("#column_4") == "platform"

    page.select_option("#id_default_sensitivity", "sensitive")
    page.select_option("#id_default_verification_level", "single_source")
    page.fill("#id_source", "سجل الحذف")
    with page.expect_navigation():
        page.click("button[name=action][value=preview]")
    problems = page.locator("table.problems").inner_text()
    assert "أطلانطس" in problems and "ليس بلدًا" in problems
    assert page.locator(".count-new").inner_text() == "1"  # "Fcbk" is not known yet
    page.select_option("#value_platform_0", "facebook")  # Fcbk → Facebook
    with page.expect_navigation():
        page.click("button[name=action][value=preview]")
    assert page.locator(".count-new").inner_text() == "2"
    assert page.locator(".count-refused").inner_text() == "1"
    assert Case.objects.count() == 0
    page.screenshot(path=str(tmp_path / "import-preview-ar.png"), full_page=True)

    page.fill("#id_save_as", "سجل الحذف الشهري")
    page.click("button[name=action][value=import]")
    page.wait_for_url("**/imports/*/")
    assert page.locator(".import-status").inner_text() == "اكتمل"
    assert page.locator(".count-new").inner_text() == "2"
    with page.expect_download() as download_info:
        page.click("text=نزّل الصفوف المرفوضة")
    report = tmp_path / "refused.csv"
    download_info.value.save_as(report)
    text = report.read_text(encoding="utf-8-sig")
    assert "سبب الرفض" in text.splitlines()[0] and "أطلانطس" in text

    suspended = Case.objects.get(title="تعليق حساب ناشطة")
    assert suspended.violations.get().platform.code == "facebook"
    assert suspended.verification_level == "single_source"
    assert console_errors == []
    context.close()
