"""A partner makes a token on the security page in a real browser and a script uses it."""

import json
import urllib.request

import pytest
from guardian.shortcuts import assign_perm, remove_perm

from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def call(url: str, token: str):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the live test server
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_partner_makes_a_token_in_arabic_and_loses_an_unshared_case_at_once(browser, live_server, partner, shared_case):
    context = browser.new_context(locale="ar")
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    browser_login(page, live_server.url, partner)
    page.goto(f"{live_server.url}/accounts/security/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", name="رموز الوصول للواجهة البرمجية").is_visible()
    page.fill("#api-tokens input[name=name]", "نظام إدارة القضايا")
    page.fill("#api-tokens input[name=days]", "30")
    page.click("#api-tokens button[type=submit].primary")
    token = page.locator("#api-token").inner_text().strip()
    assert token.startswith("cb_")
    page.goto(f"{live_server.url}/accounts/security/")
    assert token not in page.content()  # shown once
    assert "نظام إدارة القضايا" in page.content()

    cases = f"{live_server.url}/api/v1/cases/"
    status, body = call(cases, token)
    assert status == 200 and [row["reference"] for row in body["results"]] == [shared_case.reference]
    remove_perm("cases.view_case", partner, shared_case)
    status, body = call(cases, token)
    assert status == 200 and body["results"] == []
    status, body = call(f"{cases}{shared_case.reference}/", token)
    assert status == 404 and body["error"]["code"] == "not_found"
    assign_perm("cases.view_case", partner, shared_case)

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#api-tokens table button.danger")
    page.wait_for_load_state()
    status, body = call(cases, token)
    assert status == 401 and body["error"]["code"] == "token_invalid"
    assert console_errors == []
    context.close()
