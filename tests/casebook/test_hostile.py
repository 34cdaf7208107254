"""Hostile input: markup stays text, bad requests are refused clearly and change nothing."""

import pytest
from django.urls import reverse

from cases.models import Case
from evidence.models import EvidenceItem
from tests.cases.entry import PERSON, VIOLATION, entry
from tests.evidence.test_upload import named, png_bytes

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)><b onclick="steal()">bold</b>"\'><iframe src=//evil>'
CASE_FORM = entry(
    case={"title": HOSTILE, "narrative": HOSTILE, "language": "en", "place": HOSTILE, "title_translation": HOSTILE},
    persons=[{**PERSON, "name": HOSTILE, "pseudonym": HOSTILE[:100], "contact": HOSTILE}],
    violations=[{**VIOLATION, "description": HOSTILE}],
)


def assert_inert(text: str, where: str):
    assert "<script>alert" not in text, where
    assert "<img src=x" not in text, where
    assert 'onclick="steal()"' not in text, where
    assert "<iframe src=//evil>" not in text, where


def test_markup_in_every_case_field_renders_as_text(as_user, officer, administrator):
    client = as_user(officer)
    response = client.post(reverse("cases:create"), CASE_FORM)
    assert response.status_code == 302, response.content
    case = Case.objects.get()
    assert case.title == HOSTILE  # kept exactly as typed
    upload = {"files": [named(png_bytes(), '"><script>x</script>.png')], "description": HOSTILE}
    client.post(reverse("evidence:upload", args=[case.reference]), upload)
    pages = {
        "list": client.get(reverse("cases:list")),
        "detail": client.get(reverse("cases:detail", args=[case.reference])),
        "history": client.get(reverse("cases:history", args=[case.reference])),
        "search": client.get(reverse("cases:list"), {"q": HOSTILE}),
        "audit": as_user(administrator).get(reverse("audit:list"), {"case": HOSTILE[:40]}),
    }
    for where, page in pages.items():
        assert page.status_code == 200, where
        assert_inert(page.text, where)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in pages["detail"].text


def test_hostile_user_name_in_a_failed_login_is_inert_in_the_audit_page(client, as_user, administrator):
    client.post(reverse("login"), {"username": HOSTILE[:150], "password": "whatever it is"})
    page = as_user(administrator).get(reverse("audit:list"), {"action": "auth.login_failed"})
    assert len(page.context["page"]) == 1
    assert_inert(page.text, "audit")


def test_null_bytes_and_odd_characters_in_login_do_not_break_it(client):
    response = client.post(reverse("login"), {"username": "off\x00icer\u202e", "password": "x\x00y"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_oversized_form_is_refused_with_a_clear_message_and_nothing_kept(as_user, officer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = as_user(officer).post(reverse("cases:create"), {**CASE_FORM, "narrative": "x" * 20_000})
    assert response.status_code == 413
    assert "too large" in response.text
    assert not Case.objects.exists()


def test_too_many_fields_are_refused(as_user, officer):
    data = {**CASE_FORM, **{f"field{number}": "x" for number in range(1100)}}
    response = as_user(officer).post(reverse("cases:create"), data)
    assert response.status_code == 413
    assert not Case.objects.exists()


def test_malformed_multipart_is_refused(as_user, officer, case):
    response = as_user(officer).generic(
        "POST",
        reverse("evidence:upload", args=[case.reference]),
        b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\n\r\nnot closed',
        content_type="multipart/form-data; boundary=xyz",
    )
    assert response.status_code in (400, 302)
    assert not EvidenceItem.objects.filter(case=case).exists()


def test_refusal_message_in_arabic(as_user, officer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = as_user(officer)
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    response = client.post(reverse("cases:create"), {**CASE_FORM, "narrative": "x" * 20_000})
    assert response.status_code == 413
    assert '<html lang="ar" dir="rtl">' in response.text
    assert "كبير" in response.text


def test_bad_filter_values_return_nothing_not_an_error(as_user, administrator):
    client = as_user(administrator)
    for params in ({"since": "2026-13-45"}, {"actor": "not-a-number"}, {"page": "-1"}, {"case": "x" * 500}):
        response = client.get(reverse("audit:list"), params)
        assert response.status_code == 200, params
