import hashlib
import subprocess

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from cases.choices import Language
from evidence.models import CustodyEvent
from reporting.models import Report
from reporting.pdf import RefusedFetch, StaticOnlyFetcher, render_document
from tests.evidence.test_upload import named, png_bytes, upload
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "اعتقال مدوّن بسبب منشور على فيسبوك"
ARABIC_NARRATIVE = "احتجز المدون أربعة أيام بموجب المادة 23 من قانون الجرائم الإلكترونية."


BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f\u2066\u2067\u2068\u2069"))
TASHKEEL = dict.fromkeys(range(0x064B, 0x0653))


def pdf_text(pdf: bytes) -> str:
    """The PDF's text in reading order, as pdftotext extracts it, without bidi controls."""
    raw = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return " ".join(raw.translate(BIDI_CONTROLS).split())


def words(text: str) -> list[str]:
    """Words without diacritics.

    pdftotext places a diacritic (raised above its letter in the PDF) on a line
    of its own, and with it the word that carries it; the letters of every word
    still come back exactly, which is what is compared for diacritised text.
    """
    return text.translate(TASHKEEL).split()


@pytest.fixture
def arabic_case(officer, partner):
    from guardian.shortcuts import assign_perm

    case = CaseFactory(created_by=officer, title=ARABIC_TITLE, narrative=ARABIC_NARRATIVE, language=Language.ARABIC)
    assign_perm("cases.view_case", partner, case)
    return case


def export(client, case, language):
    return client.post(reverse("reporting:case_file", args=[case.reference]), {"language": language})


def test_arabic_case_file_reads_back_in_arabic(as_user, partner, arabic_case):
    response = export(as_user(partner), arabic_case, "ar")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response.content)
    # The whole sentence in reading order, digits included; pdftotext may drop or
    # add a space where an Arabic run meets a number, so spaces are not compared.
    assert "".join(ARABIC_NARRATIVE.split()) in "".join(text.split())
    assert set(words(ARABIC_TITLE)) <= set(words(text))
    assert "ملف القضية" in text  # the heading, translated
    assert arabic_case.reference in text
    assert "سري" in text  # the confidentiality marking


def test_an_english_answer_in_an_arabic_case_file_ends_with_its_full_stop(as_user, officer, arabic_case):
    from datetime import date

    from cases import services as case_services
    from cases.choices import InterventionKind, InterventionStatus

    answer = "The reel was restored after review."
    case_services.intervention_save(
        actor=officer,
        case=arabic_case,
        kind=InterventionKind.PLATFORM_ESCALATION,
        recipient="Meta",
        status=InterventionStatus.CONTENT_RESTORED,
        sent_on=date(2026, 5, 2),
        response_date=date(2026, 5, 5),
        response_text=answer,
    )
    text = pdf_text(export(as_user(officer), arabic_case, "ar").content)
    # Laid out right to left like the page around it, the sentence would start with its full stop.
    assert answer in text and ".The reel" not in text


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("The reel was restored after review.", "ltr"),
        ("«أعيد المقطع» بعد المراجعة.", "rtl"),
        ("2026-05-05: أعيد المقطع.", "rtl"),
        ("2026-05-05", "auto"),
    ],
)
def test_text_of_no_known_language_takes_the_direction_of_its_first_letter(text, direction):
    from django.template import Context, Template

    html = Template("{% load documents %}{% usertext text %}").render(Context({"text": text}))
    assert f'dir="{direction}"' in html


def test_english_case_file_with_evidence_index(as_user, officer, case):
    client = as_user(officer)
    upload(client, case, named(png_bytes(), "screenshot.png"))
    response = export(client, case, "en")
    text = pdf_text(response.content)
    digest = hashlib.sha256(png_bytes()).hexdigest()
    assert "Case file" in text
    assert "Confidential" in text
    assert digest in text
    assert "1/1" in text  # page numbers


def test_export_is_recorded_with_hash_and_custody(as_user, officer, case):
    client = as_user(officer)
    upload(client, case, named(png_bytes(), "screenshot.png"))
    response = export(client, case, "en")
    report = Report.objects.get()
    assert report.sha256 == hashlib.sha256(response.content).hexdigest()
    assert default_storage.open(report.file.name).read() == response.content
    assert list(report.cases.all()) == [case]
    assert CustodyEvent.objects.filter(action=CustodyEvent.Action.INCLUDED_IN_REPORT).count() == 1


def test_partner_cannot_export_unshared_case(as_user, partner, case):
    assert export(as_user(partner), case, "en").status_code == 404
    assert Report.objects.count() == 0


def test_export_needs_post(as_user, officer, case):
    assert as_user(officer).get(reverse("reporting:case_file", args=[case.reference])).status_code == 405


def test_hostile_text_in_case_is_inert(as_user, officer):
    hostile = '<img src="file:///etc/passwd"><link rel=attachment href="file:///etc/passwd"><script>x</script>'
    case = CaseFactory(created_by=officer, title=hostile, narrative=hostile)
    text = pdf_text(export(as_user(officer), case, "en").content)
    assert "<img" in text  # shown as text, not interpreted
    assert "root:x:0:0" not in text


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://casebook.invalid/static/../../../../etc/passwd",
        "https://casebook.invalid/static/css/pdf.css?x=1",
        "https://casebook.invalid/media/evidence/x",
        "data:text/plain,hello",
    ],
)
def test_fetcher_refuses_everything_but_static_files(url):
    with pytest.raises(RefusedFetch):
        StaticOnlyFetcher().fetch(url)


def test_fetcher_serves_the_stylesheet():
    response = StaticOnlyFetcher().fetch("https://casebook.invalid/static/css/pdf.css")
    assert b"@page" in response.read()


def test_template_asking_for_a_file_still_renders(settings, tmp_path):
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "evil.html").write_text(
        '<p>before</p><img src="file:///etc/passwd"><link rel="stylesheet" href="http://127.0.0.1:9/x.css"><p>after</p>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    text = pdf_text(render_document("pdf/evil.html", {}).pdf)
    assert "before" in text and "after" in text
