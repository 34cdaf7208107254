"""403 and 404 pages: the site's layout, both languages, a way back, and a 404 that says nothing
about whether a hidden case exists."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _comparable(page: str, reference: str) -> str:
    page = page.replace(reference, "REFERENCE")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


@pytest.mark.parametrize(
    ("language", "title", "home"),
    [("en", "Not found", "Back to the home page"), ("ar", "غير موجود", "العودة إلى الصفحة الرئيسية")],
)
def test_404_has_the_layout_a_way_home_and_hides_whether_the_case_exists(
    as_user, advocacy, restricted_case, language, title, home
):
    client = as_user(advocacy)
    client.cookies["django_language"] = language
    hidden = client.get(reverse("cases:detail", args=[restricted_case.reference]))
    missing = client.get(reverse("cases:detail", args=["DR-1999-0001"]))
    assert hidden.status_code == missing.status_code == 404
    assert f'<html lang="{language}"' in hidden.text and 'class="topbar"' in hidden.text
    assert title in hidden.text and f'href="{reverse("home")}">{home}</a>' in hidden.text
    assert restricted_case.title not in hidden.text
    assert _comparable(hidden.text, restricted_case.reference) == _comparable(missing.text, "DR-1999-0001")


@pytest.mark.parametrize(
    ("language", "title", "home"),
    [("en", "Not allowed", "Back to the home page"), ("ar", "غير مسموح", "العودة إلى الصفحة الرئيسية")],
)
def test_403_has_the_layout_and_a_way_home(as_user, advocacy, case, language, title, home):
    client = as_user(advocacy)
    client.cookies["django_language"] = language
    response = client.get(reverse("cases:edit", args=[case.reference]))
    assert response.status_code == 403
    assert f'<html lang="{language}"' in response.text and 'class="topbar"' in response.text
    assert title in response.text and f'href="{reverse("home")}">{home}</a>' in response.text
