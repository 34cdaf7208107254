"""Every message a form or a refused action puts on an Arabic page is in Arabic: field errors,
formset errors (Django's own included), model validation and the messages framework."""

import re
from html import unescape

import pytest
from django.urls import reverse

from tests.cases.entry import PERSON, VIOLATION, entry

pytestmark = pytest.mark.django_db

ARABIC = re.compile("[\u0600-\u06ff]")
# Where pages put errors and messages.
MESSAGE_ELEMENTS = re.compile(
    r'<(?:p|li)[^>]*class="(?:error|message[^"]*)"[^>]*>(.*?)</(?:p|li)>|<ul class="errorlist[^"]*">(.*?)</ul>', re.S
)


def latin_only(html: str) -> list[str]:
    texts = []
    for match in MESSAGE_ELEMENTS.finditer(html):
        for text in re.split(r"<[^>]+>", match.group(1) or match.group(2) or ""):
            text = unescape(text).strip()
            if re.search("[A-Za-z]{3}", text) and not ARABIC.search(text):
                texts.append(text)
    return texts


def messages_found(html: str) -> int:
    return len(MESSAGE_ELEMENTS.findall(html))


@pytest.fixture
def arabic(as_user, officer):
    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    return client


def test_case_form_errors_are_arabic(arabic):
    person = {**PERSON, "role": "", "consent_state_given": "on", "consent_public_withdrawn_on": "2026-02-01"}
    violation = {**VIOLATION, "violation_type": "", "when_0": "2026-02-30", "new_actor_name": "Unit 8200"}
    data = entry(persons=[person], violations=[violation], title="", start_0="2026-13", end_0="", end_1="on")
    page = arabic.post(reverse("cases:create"), data).text
    assert messages_found(page) >= 5
    assert latin_only(page) == []


def test_a_new_case_without_an_act_is_refused_in_arabic(arabic):
    page = arabic.post(reverse("cases:create"), entry(violations=[])).text
    assert "أضف صفًّا واحدًا على الأقل." in page  # Django's own formset message, translated here
    assert latin_only(page) == []


def test_intervention_form_errors_are_arabic(arabic, case):
    page = arabic.post(reverse("cases:intervention_create", args=[case.reference]), {"sent_on": "x"}).text
    assert messages_found(page) >= 1
    assert latin_only(page) == []


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("archive", {"reason": ""}),
        ("share", {"partner": ""}),
        ("link", {"reference": "DR-1999-0001", "kind": "related"}),
        ("link", {}),
        ("transition", {}),
        ("transition", {"status": "closed"}),
        ("review", {"text": ""}),
    ],
)
def test_refused_actions_say_why_in_arabic(arabic, case, name, data):
    page = arabic.post(reverse(f"cases:{name}", args=[case.reference]), data, follow=True).text
    assert messages_found(page) >= 1
    assert latin_only(page) == []
