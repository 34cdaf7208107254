"""A new officer's first case in a real browser (Debian's Chromium), in Arabic and in English.

Set CASEBOOK_SCREENSHOTS to a folder to keep a picture of each screen looked at.
"""

import os
from pathlib import Path

import pytest

from cases.models import Case
from cases.selectors import case_list_visible
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def shot(page, name: str) -> None:
    if folder := os.environ.get("CASEBOOK_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(
    ("language", "title", "approximate", "refusal", "normal"),
    [
        ("ar", "اعتقال مدوّن بسبب منشور على فيسبوك", "تقريبي", "اكتب السنة على الأقل", "عادية: كل موظفي"),
        ("en", "Blogger arrested over a Facebook post", "Approximate", "Give at least the year", "Normal: every"),
    ],
)
def test_first_case_in_each_language(
    browser, live_server, officer, advocacy, language, title, approximate, refusal, normal
):
    page = browser.new_context(locale="en-GB").new_page()
    browser_login(page, live_server.url, officer)
    if language == "ar":
        page.click("form.langswitch button")
        page.wait_for_load_state()
    page.goto(f"{live_server.url}/cases/new/")
    assert page.locator("#id_language").input_value() == language  # the interface language
    normal_choice = page.get_by_label(normal)
    assert normal_choice.is_checked()  # the organisation's default, saying who will see it
    box = page.get_by_label(approximate, exact=True).first
    assert box.get_attribute("id") == "id_start_1"  # the box has a label of its own
    shot(page, f"case-form-{language}")

    page.fill("#id_title", title)
    page.select_option("#id_country", "EG")
    box.check()  # approximate, but no date
    page.select_option("#id_violations-0-violation_type", "arrest")
    page.fill("#id_persons-0-pseudonym", "س.")
    page.click("button[type=submit].primary")
    page.wait_for_load_state()
    start = page.locator(".field", has=page.locator("#id_start_0"))
    assert refusal in start.inner_text()  # refused next to the field, in the page's language
    assert Case.objects.count() == 0
    start.scroll_into_view_if_needed()
    shot(page, f"case-form-approximate-refused-{language}")

    page.fill("#id_start_0", "2016-06")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/cases/DR-*/")
    case = Case.objects.get()
    assert (case.sensitivity, case.start_date_precision) == ("normal", "approximate")
    assert list(case_list_visible(user=advocacy)) == [case]  # advocacy sees the new case


def test_an_arabic_title_typed_in_the_english_interface_is_recorded_as_arabic(browser, live_server, officer):
    page = browser.new_context(locale="en-GB").new_page()
    browser_login(page, live_server.url, officer)
    page.goto(f"{live_server.url}/cases/new/")
    assert page.locator("#id_language").input_value() == "en"
    page.fill("#id_title", "حجب موقع إخباري مستقل")
    page.select_option("#id_country", "EG")
    page.select_option("#id_violations-0-violation_type", "blocking")
    page.fill("#id_persons-0-pseudonym", "موقع")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/cases/DR-*/")
    assert Case.objects.get().language == "ar"
    # The page then offers the translation as English, the other language.
    page.goto(f"{live_server.url}/cases/{Case.objects.get().reference}/edit/")
    assert page.locator("#id_language").input_value() == "ar"


@pytest.mark.parametrize(("language", "title"), [("en", "Not found"), ("ar", "غير موجود")])
def test_a_missing_page_keeps_the_layout_and_leads_home(browser, live_server, officer, language, title):
    page = browser.new_context(locale="en-GB").new_page()
    browser_login(page, live_server.url, officer)
    if language == "ar":
        page.click("form.langswitch button")
        page.wait_for_load_state()
    response = page.goto(f"{live_server.url}/cases/DR-1999-0001/")
    assert response.status == 404
    assert page.get_by_role("heading", name=title).is_visible()
    shot(page, f"not-found-{language}")
    page.locator("main a").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("ar", ["اعتقال مدوّن بسبب منشور", "حجب موقع إخباري"]),
        ("en", ["Blogger arrested over a post", "News site blocked"]),
    ],
)
def test_the_list_and_the_case_page_read_in_the_readers_language(browser, live_server, officer, language, titles):
    from cases import services

    services.case_create(
        actor=officer,
        title="اعتقال مدوّن بسبب منشور",
        language="ar",
        title_translation="Blogger arrested over a post",
        country="EG",
    )
    english = services.case_create(
        actor=officer, title="News site blocked", language="en", title_translation="حجب موقع إخباري", country="EG"
    )
    page = browser.new_context(locale="en-GB").new_page()
    browser_login(page, live_server.url, officer)
    if language == "ar":
        page.click("form.langswitch button")
        page.wait_for_selector("html[lang=ar]", state="attached")
    page.goto(f"{live_server.url}/cases/")
    rows = page.locator("tr.case-row").all_inner_texts()
    for title in titles:
        assert any(title in row for row in rows)
    shot(page, f"case-list-{language}")
    page.goto(f"{live_server.url}{english.get_absolute_url()}")
    heading = page.locator("h1").inner_text()
    assert english.reference in heading
    assert titles[1] in heading  # the reader's language first
    if language == "ar":
        assert "News site blocked" in page.locator("h1 .original-title").inner_text()  # the original beside it
    else:
        assert page.locator("h1 .original-title").count() == 0
    shot(page, f"case-page-{language}")
