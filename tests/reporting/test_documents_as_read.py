"""What an advocacy officer sees on the page before sending a document: labels beside their values
in Arabic, the recipient in the document's language, no empty heading, no bare dash for a list
with nothing in it, and no English sentence stored where the Arabic document reads it."""

import re
import subprocess

import pytest

from cases import services as case_services
from cases.models import Intervention
from reporting.services import export_document, prepare_document, report_content
from tests.reporting.test_case_file import pdf_text, words

pytestmark = pytest.mark.django_db

OPTIONS = {"organisation": "Digital Rights Lab", "contact": "submissions@drl.example"}


def export(actor, case, template, language, profile, **options):
    report = export_document(
        actor=actor,
        template=template,
        cases=[case.pk],
        profile=profile,
        language=language,
        options={**OPTIONS, **({} if "mandate" in options else {"recipient": "Legal Aid Partner"}), **options},
    )
    return report, report_content(report)


def word_boxes(pdf: bytes) -> list[tuple[str, float, float, float]]:
    """Each word as drawn, with its left and right edges and its top: (letters in visual order, x0, x1, y)."""
    xml = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
    return [(text, float(x0), float(x1), float(y)) for x0, y, x1, text in re.findall(pattern, xml)]


def drawn(boxes, arabic_word: str) -> tuple[float, float, float]:
    """Where an Arabic word is drawn (pdftotext gives its letters in visual order, right to left reversed)."""
    for text, x0, x1, y in boxes:
        if text == arabic_word[::-1]:
            return x0, x1, y
    raise AssertionError(f"{arabic_word} not drawn")


def test_arabic_case_file_puts_each_label_on_the_right_of_its_value(officer, make_case):
    case = make_case()
    _report, pdf = export(officer, case, "case_file", "ar", "internal")
    boxes = word_boxes(pdf)
    label_left, _label_right, label_top = drawn(boxes, "الدولة")
    _value_left, value_right, value_top = drawn(boxes, "لبنان")
    assert abs(label_top - value_top) < 3  # one row
    assert value_right < label_left


def test_arabic_un_communication_names_the_mandate_in_arabic_on_its_pages_and_in_english_on_record(officer, make_case):
    case = make_case()
    report, pdf = export(officer, case, "un_communication", "ar", "un_confidential", mandate="privacy")
    text = pdf_text(pdf)
    assert "المقرر الخاص المعني بالحق في الخصوصية" in text
    assert "Special Rapporteur" not in text
    assert report.recipient == "Special Rapporteur on the right to privacy"


def test_the_intervention_an_export_records_reads_the_same_in_both_languages(officer, make_case):
    case = make_case()
    report, _pdf = export(officer, case, "eu_brief", "ar", "un_confidential", recipient="EU Delegation to Lebanon")
    summary = Intervention.objects.get(case=case, kind="eu_brief").summary
    assert f"#{report.pk}" in summary and report.sha256[:16] in summary
    # Nothing to translate: the reference, the report's number and the hash only.
    assert re.sub(r"DR-\d{4}-\d{4}-EU-BRIEF|SHA-256 [0-9a-f]{16}|#\d+| · ", "", summary) == ""


def test_upr_submission_without_a_summary_has_no_empty_heading_and_is_warned(officer, make_case):
    case = make_case()
    options = {**OPTIONS, "session": "49", "recommendations": "Repeal article 23."}
    prepared = prepare_document(
        actor=officer, template="upr_submission", cases=[case.pk], profile="public", language="en", options=options
    )
    assert any("executive summary" in problem.message and not problem.blocking for problem in prepared.problems)
    _report, pdf = export(officer, case, "upr_submission", "en", "public", session="49", recommendations="Repeal it.")
    assert "Executive summary" not in pdf_text(pdf)


def test_upr_paragraph_keeps_title_and_narrative_in_one_language(officer, make_case):
    case = make_case()
    # The title is translated into English, the narrative is not: the English paragraph reads all in Arabic.
    case_services.case_update(actor=officer, case=case, narrative_translation="")
    case.refresh_from_db()
    prepared = prepare_document(
        actor=officer, template="upr_submission", cases=[case.pk], profile="public", language="en", options=OPTIONS
    )
    paragraph = prepared.data["paragraphs"][0]["text"]
    assert paragraph.language == "ar"
    assert "Blogger summoned over a post" not in paragraph.text
    assert paragraph.text.startswith(case.title.split()[0])


@pytest.mark.parametrize("language", ["en", "ar"])
def test_platform_escalation_says_what_is_missing_instead_of_a_dash(officer, make_case, language):
    case = make_case(evidence=0, consents={"platform": True})
    case.violations.update(content_concerned="")
    _report, pdf = export(
        officer, case, "platform_escalation", language, "platform", platform="facebook", action="Restore the post."
    )
    # Compared word by word: pdftotext moves a diacritised word to a line of its own.
    found = words(pdf_text(pdf))
    expected = {
        "en": ["No content item recorded.", "No evidence attached."],
        "ar": ["لا عنصر محتوى مسجّل.", "لا توجد أدلة مرفقة."],
    }[language]
    for sentence in expected:
        assert set(words(sentence)) <= set(found), sentence


def test_upr_word_file_is_described_by_the_submission_not_by_the_software(officer, make_case):
    from io import BytesIO

    from docx import Document as WordDocument

    case = make_case()
    report = export_document(
        actor=officer,
        template="upr_submission",
        cases=[case.pk],
        profile="public",
        language="ar",
        options={**OPTIONS, "recipient": "OHCHR", "session": "49", "summary": "ملخص.", "recommendations": "ألغوا."},
        file_format="docx",
    )
    properties = WordDocument(BytesIO(report_content(report))).core_properties
    described = " ".join(
        str(value or "")
        for value in (properties.author, properties.comments, properties.last_modified_by, properties.title)
    )
    assert "python-docx" not in described
    assert properties.author == "Digital Rights Lab"


@pytest.mark.parametrize(
    ("language", "sentence"),
    [("en", "1 answered intervention: median 7 days"), ("ar", "عدد التدخلات التي تلقت")],
)
def test_statistics_count_one_answered_intervention_in_the_singular(officer, make_case, language, sentence):
    case = make_case()  # one of its two interventions has an answer
    report = export_document(
        actor=officer,
        template="statistics",
        cases=[case.pk],
        profile="statistics",
        language=language,
        options={**OPTIONS, "recipient": "Board"},
    )
    text = " ".join(words(pdf_text(report_content(report))))
    assert " ".join(words(sentence)) in text
    assert "answered interventions" not in text
