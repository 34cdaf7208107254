"""An officer's walk through the slice in a real browser (Debian's Chromium)."""

import subprocess

import pytest
from django_otp.oath import totp

from cases.models import Case
from tests.conftest import give_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "حجب موقع إخباري مستقل دون قرار قضائي"


def test_officer_creates_arabic_case_and_downloads_its_pdf(browser, live_server, officer, tmp_path):
    context = browser.new_context(accept_downloads=True, locale="en-GB")
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))

    device = give_second_factor(officer)
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.fill("#id_username", "officer")
    page.fill("#id_password", "correct horse battery staple")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/accounts/two-factor/**")  # the second factor: a code from the app
    page.fill("#id_token", f"{totp(device.bin_key):06d}")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server.url}/")  # back to the page asked for: what is due
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.goto(f"{live_server.url}/cases/")

    page.click("form.langswitch button")  # to Arabic
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", name="القضايا").is_visible()

    page.goto(f"{live_server.url}/cases/new/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_language", "ar")
    page.fill("#id_narrative", "أصبح الموقع غير متاح عبر جميع مزودي الخدمة منذ 3 تشرين الثاني.")
    page.select_option("#id_country", "EG")
    page.fill("#id_start_0", "2025-11")  # month only
    page.fill("#id_persons-0-pseudonym", "موقع إخباري")
    page.select_option("#id_violations-0-violation_type", "blocking")
    page.select_option("#id_violations-0-platform", "website")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/cases/DR-*/")

    case = Case.objects.get()
    assert case.title == TITLE
    assert case.violations.get().violation_type.code == "blocking"
    assert case.persons.get().pseudonym == "موقع إخباري"
    facts = page.locator("dl.facts").first.inner_text()
    assert "2025" in facts and ("نوفمبر" in facts or "تشرين" in facts)  # a month-only date, in Arabic
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".narrative").get_attribute("dir") == "rtl"
    # The page really is laid out right to left: the brand sits at the right edge.
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > page.viewport_size["width"] / 2

    with page.expect_download() as download_info:
        page.click("#documents button[type=submit]")
    download = download_info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert download.suggested_filename == f"{case.reference}-case-file-ar.pdf"
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()
    assert "ملف القضية" in text
    assert case.reference in text
    assert console_errors == []  # no blocked script or style: the CSP holds with nothing inline
    context.close()


def test_officer_records_a_name_in_both_scripts_with_the_suggestion_in_arabic(browser, live_server, officer, tmp_path):
    """The Latin spelling is suggested as the Arabic name is typed; the officer corrects it; both are kept."""
    page = browser.new_context(locale="ar").new_page()
    device = give_second_factor(officer)
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "correct horse battery staple")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/accounts/two-factor/**")
    page.fill("#id_token", f"{totp(device.bin_key):06d}")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "ar"  # the browser asks for Arabic

    page.goto(f"{live_server.url}/cases/new/")
    page.fill("#id_title", "استدعاء مدون بسبب منشور")
    page.select_option("#id_language", "ar")
    page.select_option("#id_country", "LB")
    page.fill("#id_start_0", "2025-11")
    page.locator("#id_persons-0-name").press_sequentially("سمير الحداد")
    assert page.input_value("#id_persons-0-name_latin").startswith("Samir al-")
    page.fill("#id_persons-0-name_latin", "Samir al-Haddad")  # corrected by the officer
    page.locator("#id_persons-0-name").press("End")
    page.locator("#id_persons-0-name").press_sequentially(" ")  # typing on never overwrites a correction
    assert page.input_value("#id_persons-0-name_latin") == "Samir al-Haddad"
    page.fill("#id_persons-0-other_names", "أبو كريم\n@samir.blog")
    page.fill("#id_persons-0-pseudonym", "المدون س.")
    page.select_option("#id_persons-0-consent_state_status", "refused")
    page.fill("#id_persons-0-consent_state_date", "2025-11-20")
    page.select_option("#id_violations-0-violation_type", "summons")
    page.screenshot(path=str(tmp_path / "spellings-ar.png"), full_page=True)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/cases/DR-*/")

    person = Case.objects.get().persons.get()
    assert (person.name, person.name_latin) == ("سمير الحداد", "Samir al-Haddad")
    assert person.other_names.splitlines() == ["أبو كريم", "@samir.blog"]
    assert person.consent_state_status == "refused"
    assert "مرفوضة" in page.content()
