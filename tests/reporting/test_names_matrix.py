"""No name without consent, in any script, anywhere a document leaves.

One case holds the name of a person in every shape an officer may type it —
Arabic spelling in the title, a Latin spelling never recorded in the translated
title, the given and the family name apart with another article in the
translated narrative, a proclitic and a shadda in the narrative, the family
name alone in an act's description, capitals in an evidence description, the
file name — and every document kind is exported from it under each profile it
offers, in both languages, for each consent status. The text is read back from
the artefact (PDF or DOCX) and searched with a list of spellings written out
here by hand, independently of the code under test.
"""

import datetime as dt
import io
import re
import subprocess
import unicodedata

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases import services as case_services
from cases.models import Person, Platform, ViolationType
from reporting import gate, profiles
from reporting.documents import DOCUMENTS
from reporting.models import Report
from reporting.services import ExportRefused, export_document, report_content
from tests.evidence.test_upload import png_bytes
from tests.reporting.conftest import add_evidence
from tests.reporting.test_documents import OPTIONS

pytestmark = pytest.mark.django_db

ARABIC_NAME = "سمير الحداد"
LATIN_NAME = "Samir al-Haddad"
PSEUDONYM = "Blogger S."
CONSENTED = "Rana Khoury"
# Every way the withheld person is written in the case, and a few more a reader would recognise.
SPELLINGS = ["samir", "sameer", "haddad", "hadad", "سمير", "حداد", "الحداد", "حدّاد"]

TEXTS = {
    "title": "استدعاء سمير الحداد بسبب منشور",
    "title_translation": "Samir al-Haddad summoned over a post",  # Latin spelling, never recorded
    "narrative": "استدعى المكتب المدون وسمير لم يكن يعلم. قال للحدّاد المحقق إن منشوره مخالف. رنا خوري شاهدة.",
    "narrative_translation": "Sameer was questioned for hours; El Hadad said nothing. Rana Khoury saw it.",
    "description": "Haddad's post was reported in a mass-reporting campaign.",
    "evidence_description": "Screenshot of SAMIR AL HADDAD's profile",
    "file_name": "summons_al-haddad.png",
}


def folded(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub("[\u064b-\u065f\u0670\u0640\u00ad\u200b-\u200f\u2066-\u2069]", "", text).lower()


def spellings_in(text: str) -> list[str]:
    text = folded(text)
    return [spelling for spelling in SPELLINGS if re.search(rf"(?<![^\W_]){folded(spelling)}", text)]


def artefact_text(report: Report) -> str:
    content = report_content(report)
    if report.file_format == "docx":
        from docx import Document

        document = Document(io.BytesIO(content))
        return "\n".join(paragraph.text for paragraph in document.paragraphs)
    return subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()


def consent_fields(status: str) -> dict:
    on = timezone.localdate() - dt.timedelta(days=5) if status != "not_asked" else None
    fields = {}
    for kind in ("state", "public", "platform"):
        fields[f"consent_{kind}_status"] = status
        fields[f"consent_{kind}_date"] = on
        fields[f"consent_{kind}_method"] = "written" if status == "given" else ""
    return fields


def named_case(officer, *, status: str, recorded: str = "arabic"):
    day = timezone.localdate() - dt.timedelta(days=20)
    case = case_services.case_create(
        actor=officer,
        title=TEXTS["title"],
        title_translation=TEXTS["title_translation"],
        narrative=TEXTS["narrative"],
        narrative_translation=TEXTS["narrative_translation"],
        language="ar",
        country="LB",
        start_date=day,
        sensitivity="normal",
    )
    name = {"arabic": ARABIC_NAME, "latin": LATIN_NAME}[recorded]
    person = case_services.person_save(
        actor=officer, case=case, name=name, pseudonym=PSEUDONYM, **consent_fields(status)
    )
    case_services.person_save(
        actor=officer,
        case=case,
        role="witness",
        name=CONSENTED,
        name_latin="رنا خوري",
        pseudonym="Witness R.",
        **consent_fields("given"),
    )
    case_services.violation_save(
        actor=officer,
        case=case,
        violation_type=ViolationType.objects.get(code="content_removal"),
        platform=Platform.objects.get(code="facebook"),
        date=day,
        description=TEXTS["description"],
        content_concerned="https://facebook.com/posts/12345",
        affected_persons=[person],
    )
    item = add_evidence(actor=officer, case=case, data=png_bytes() + b"m", name=TEXTS["file_name"])
    item.description = TEXTS["evidence_description"]
    item.save(update_fields=["description"])
    case.refresh_from_db()
    return case


EXPORTS = [
    (kind, profile, file_format)
    for kind, document in sorted(DOCUMENTS.items())
    for profile in document.profiles
    for file_format in document.formats
]
NAMING = {"case_file", "un_communication", "eu_brief"}  # documents that list persons


def export(officer, case, kind, profile, language, file_format="pdf"):
    return export_document(
        actor=officer,
        template=kind,
        cases=[case],
        profile=profile,
        language=language,
        options={**OPTIONS, "year": str(timezone.localdate().year)},
        file_format=file_format,
    )


@pytest.mark.parametrize("status", ["refused", "not_asked", "withdrawn", "given"])
@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize(("kind", "profile", "file_format"), EXPORTS)
def test_no_spelling_of_a_withheld_person_leaves_in_any_document(officer, kind, profile, file_format, language, status):
    case = named_case(officer, status=status)
    try:
        report = export(officer, case, kind, profile, language, file_format)
    except ExportRefused:
        # A document refused by its checks (no consent to raise it with a platform…) keeps nothing.
        assert Report.objects.count() == 0
        assert status != "given" or kind not in NAMING
        return
    text = artefact_text(report)
    may_name = profile == "internal" or (status == "given" and profile not in ("statistics",))
    if not may_name:
        assert spellings_in(text) == [], f"{kind}/{profile}/{language}: a withheld spelling reached the document"
    if kind in NAMING and profile != "statistics":
        # The person who consented is named where the document names people, in the document's script.
        assert (CONSENTED if language == "en" else "رنا خوري") in text
        if may_name:
            assert spellings_in(text), "a person who consented is named"


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("kind", ["case_file", "un_communication", "upr_submission", "eu_brief"])
def test_a_name_recorded_only_in_latin_script_is_withheld_in_arabic_text_too(officer, kind, language):
    case = named_case(officer, status="refused", recorded="latin")
    profile = DOCUMENTS[kind].default_profile
    text = artefact_text(export(officer, case, kind, profile, language))
    assert spellings_in(text) == []


def test_an_alias_is_withheld_like_the_name(officer):
    case = named_case(officer, status="refused")
    person = Person.objects.get(case=case, name=ARABIC_NAME)
    case_services.person_save(actor=officer, case=case, person=person, other_names="Abu Karim\n@samir.blog")
    case.narrative_translation = "Known online as Abu Karim, he posted as @samir.blog."
    case_services.case_update(actor=officer, case=case, narrative_translation=case.narrative_translation)
    text = artefact_text(export(officer, case, "un_communication", "un_confidential", "en"))
    assert "Karim" not in text and "samir" not in text.lower()
    assert PSEUDONYM in text


def test_a_consent_withdrawn_after_the_preview_is_read_again_at_export(officer):
    case = named_case(officer, status="given")
    first = artefact_text(export(officer, case, "upr_submission", "public", "en"))
    assert spellings_in(first)
    person = Person.objects.get(case=case, name=ARABIC_NAME)
    case_services.person_save(
        actor=officer,
        case=case,
        person=person,
        consent_public_status="withdrawn",
        consent_public_date=timezone.localdate(),
    )
    second = artefact_text(export(officer, case, "upr_submission", "public", "en"))
    assert spellings_in(second) == []


def test_a_person_removed_from_the_case_is_still_withheld_from_its_text(officer):
    """The name stays in the narrative after the person is removed: the narrative is still redacted."""
    case = named_case(officer, status="refused")
    person = Person.objects.get(case=case, name=ARABIC_NAME)
    case_services.record_remove(actor=officer, item=person)
    try:
        report = export(officer, case, "eu_brief", "public", "en")
    except ExportRefused as refusal:
        assert Report.objects.count() == 0
        assert "may not be named" in " ".join(problem.message for problem in refusal.problems)
        return
    assert spellings_in(artefact_text(report)) == []


# --- The two controls are independent: each catches what the other misses -------------


@pytest.mark.parametrize(("kind", "profile", "file_format"), [e for e in EXPORTS if e[1] not in ("internal",)])
def test_without_redaction_the_gate_refuses_every_leaking_document(officer, monkeypatch, kind, profile, file_format):
    monkeypatch.setattr(profiles.Redactor, "__call__", lambda self, text, where="": text)
    case = named_case(officer, status="refused")
    try:
        report = export(officer, case, kind, profile, "en", file_format)
    except ExportRefused as refusal:
        assert Report.objects.count() == 0
        messages = " ".join(problem.message for problem in refusal.problems)
        assert "سمير" not in messages and "Samir" not in messages  # the refusal names the pseudonym only
        return
    # Only a document that prints no free text at all may leave: and then nothing leaked.
    assert spellings_in(artefact_text(report)) == []


@pytest.mark.parametrize(("kind", "profile", "file_format"), [e for e in EXPORTS if e[1] not in ("internal",)])
def test_without_the_gate_redaction_alone_keeps_every_document_clean(officer, monkeypatch, kind, profile, file_format):
    monkeypatch.setattr(gate, "check_artefact", lambda content, file_format, withheld: [])
    case = named_case(officer, status="refused")
    try:
        report = export(officer, case, kind, profile, "ar", file_format)
    except ExportRefused:
        return
    assert spellings_in(artefact_text(report)) == []


def test_the_gate_names_the_field_and_the_pseudonym(officer, monkeypatch):
    monkeypatch.setattr(profiles.Redactor, "__call__", lambda self, text, where="": text)
    case = named_case(officer, status="refused")
    with pytest.raises(ExportRefused) as refusal:
        export(officer, case, "un_communication", "un_confidential", "en")
    message = refusal.value.problems[0].message
    assert PSEUDONYM in message
    assert "translated title" in message and "translated narrative" in message
    assert Report.objects.count() == 0


def test_the_composer_preview_is_gated_too(as_user, officer, monkeypatch):
    monkeypatch.setattr(profiles.Redactor, "__call__", lambda self, text, where="": text)
    case = named_case(officer, status="refused")
    from tests.reporting.test_composer import form, url

    response = as_user(officer).post(url("eu_brief"), form([case.reference], profile="public", **OPTIONS))
    body = response.content.decode()
    assert "Nothing was exported" in body
    assert "document-preview" not in body
    assert "Samir" not in body.split("</form>")[-1]


def test_the_composer_lists_where_names_were_replaced(as_user, officer):
    case = named_case(officer, status="refused")
    from tests.reporting.test_composer import form, url

    response = as_user(officer).post(url("eu_brief"), form([case.reference], profile="public", **OPTIONS))
    replacements = response.context["replacements"]
    places = {where for _reference, where, _label in replacements}
    assert {"title", "translated title", "narrative", "translated narrative"} <= places
    assert {label for _reference, _where, label in replacements} == {PSEUDONYM}


# --- Every export knows its recipient, and a leaked copy is traced back --------------------


def test_an_export_carries_its_recipient_and_id_and_is_traced_back(officer, tmp_path, capsys):
    case = named_case(officer, status="given")
    report = export(officer, case, "un_communication", "un_confidential", "en")
    assert report.recipient == OPTIONS["recipient"] and report.export_id
    text = artefact_text(report)
    assert report.export_id in text and OPTIONS["recipient"] in text
    leaked = tmp_path / "leaked.pdf"
    leaked.write_bytes(report_content(report))
    call_command("trace_export", str(leaked))
    out = capsys.readouterr().out
    assert report.export_id in out and OPTIONS["recipient"] in out and officer.get_username() in out
    # Printed to PDF again by another program: the metadata is gone, the text is not.
    reprinted = tmp_path / "reprinted.pdf"
    subprocess.run(["pdftocairo", "-pdf", str(leaked), str(reprinted)], check=True)
    assert report.sha256 != __import__("hashlib").sha256(reprinted.read_bytes()).hexdigest()
    call_command("trace_export", str(reprinted))
    assert report.export_id in capsys.readouterr().out


def test_a_docx_export_is_traced_back(officer, tmp_path, capsys):
    case = named_case(officer, status="given")
    report = export(officer, case, "upr_submission", "public", "en", "docx")
    copy = tmp_path / "copy.docx"
    copy.write_bytes(report_content(report))
    call_command("trace_export", str(copy))
    assert report.export_id in capsys.readouterr().out


def test_a_document_not_made_here_is_said_so(tmp_path, capsys):
    stranger = tmp_path / "stranger.pdf"
    subprocess.run(["pdftocairo", "-pdf", "-"], input=b"", capture_output=True, check=False)
    from weasyprint import HTML

    stranger.write_bytes(HTML(string="<p>CB-AAAA-BBBB-CCCC and nothing else</p>").write_pdf())
    with pytest.raises(SystemExit):
        call_command("trace_export", str(stranger))
    assert "not made here" in capsys.readouterr().out
