"""Every document, exported for real and read back with pdftotext: the expected content in
reading order, in Arabic and English, and never a name, contact or place the profile withholds."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from casebook.audit import Action
from casebook.models import AuditEvent
from cases import services as case_services
from cases.models import Intervention, Person
from evidence.models import CustodyEvent
from reporting.documents import DOCUMENTS
from reporting.models import Report
from reporting.services import ExportRefused, export_document, report_content
from tests.reporting.conftest import NAME, PLACE, PSEUDONYM
from tests.reporting.test_case_file import TASHKEEL, pdf_text, words

pytestmark = pytest.mark.django_db

OPTIONS = {
    "organisation": "Digital Rights Lab",
    "contact": "submissions@drl.example",
    "platform": "facebook",
    "recipient": "EU Delegation to Lebanon",
    "session": "49",
    "summary": "Bloggers are summoned over their posts.",
    "recommendations": "Repeal article 23 of Law 81/2018.\nStop summoning bloggers over their posts.",
    "explanation": "The post criticises a public policy and breaks no law or policy.",
    "harm": "The blogger fears arrest.",
    "action": "Restore the post.",
}

# Headings each document must show, in this order, in each language.
HEADINGS = {
    "case_file": {
        "en": ["Case file", "Narrative", "Timeline", "Violations", "Persons", "Interventions", "Evidence index"],
        "ar": ["ملف القضية", "السرد", "التسلسل الزمني", "الانتهاكات", "الأشخاص", "التدخلات", "فهرس الأدلة"],
    },
    "un_communication": {
        "en": ["Alleged victim(s)", "Medium concerned", "Date, place and detailed account", "Steps taken"],
        "ar": ["الضحية أو الضحايا المزعومون", "الوسيلة المعنية", "التاريخ والمكان والرواية"],
    },
    "upr_submission": {
        "en": ["Universal Periodic Review", "Executive summary", "Cases documented", "Recommendations", "Endnotes"],
        "ar": ["الاستعراض الدوري الشامل", "ملخص تنفيذي", "القضايا", "التوصيات", "الحواشي الختامية"],
    },
    "eu_brief": {
        "en": ["Brief for the EU delegation", "Human rights defenders concerned", "What happened"],
        "ar": ["مذكرة إلى بعثة الاتحاد الأوروبي", "المدافعون عن حقوق الإنسان المعنيون", "حدث"],
    },
    "dsa_notice": {
        "en": ["Article 16", "Exact electronic location of the content", "Notifier", "Statement of good faith"],
        "ar": ["المادة 16", "الموقع الإلكتروني الدقيق للمحتوى", "إقرار بحسن النية"],
    },
    "dsa_complaint": {
        "en": ["Article 20", "Deadline to lodge this complaint", "Decision contested", "Action requested"],
        "ar": ["المادة 20", "آخر موعد لتقديم هذه الشكوى", "القرار المطعون فيه", "الإجراء المطلوب"],
    },
    "trusted_flagger": {
        "en": ["Trusted flagger report", "Notices by provider", "Notices by type of content", "Notices by action"],
        "ar": ["الموثوق", "الإشعارات حسب", "الإشعارات حسب نوع المحتوى", "الإشعارات حسب الإجراء المتخذ"],
    },
    "platform_escalation": {
        "en": ["Escalation to Facebook", "Action requested", "Accounts and content", "Evidence", "Already tried"],
        "ar": ["تصعيد إلى فيسبوك", "الإجراء المطلوب", "الحسابات والمحتوى", "ما سبقت تجربته"],
    },
    "statistics": {
        "en": ["Statistics report", "Cases by month", "Cases by violation type", "Cases by platform", "Response"],
        "ar": ["تقرير إحصائي", "القضايا حسب الشهر", "القضايا حسب نوع الانتهاك", "القضايا حسب المنصة"],
    },
}

# Consents that let the export go ahead without giving the profile's naming consent.
NOT_NAMING = {
    "case_file": {"public": True},
    "un_communication": {"public": True},
    "upr_submission": {"state": True},
    "eu_brief": {"public": True},
    "trusted_flagger": {"state": True, "public": True, "platform": True},
    "statistics": {"state": True, "public": True, "platform": True},
}
PLATFORM_DOCUMENTS = ["dsa_notice", "dsa_complaint", "platform_escalation"]


def flat(text: str) -> str:
    """Without spaces and diacritics: pdftotext moves a diacritised word out of its line,
    so the headings compared here are chosen without diacritics."""
    return "".join(text.translate(TASHKEEL).split())


def assert_in_order(text: str, expected: list[str]):
    position = 0
    squeezed = flat(text)
    for part in expected:
        found = squeezed.find(flat(part), position)
        assert found >= 0, f"{part!r} missing or out of order in {text[:600]!r}"
        position = found + len(flat(part))


def assert_nothing_withheld_leaks(text: str):
    assert not set(words(NAME)) & set(words(text)), "a name the profile withholds reached the PDF"
    assert "555" not in text and "019" not in text
    assert flat(PLACE) not in flat(text)


def export(officer, kind, case, language, profile=None, **options):
    document = DOCUMENTS[kind]
    return export_document(
        actor=officer,
        template=kind,
        cases=[case],
        profile=profile or document.default_profile,
        language=language,
        options={**OPTIONS, "year": str(timezone.localdate().year), **options},
    )


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("kind", sorted(NOT_NAMING))
def test_document_reads_in_order_and_withholds_the_name(officer, make_case, kind, language):
    case = make_case(consents=NOT_NAMING[kind])
    report = export(officer, kind, case, language)
    text = pdf_text(report_content(report))
    assert_in_order(text, HEADINGS[kind][language])
    assert_nothing_withheld_leaks(text)
    if kind not in ("statistics", "trusted_flagger"):
        assert case.reference in text
    if kind in ("case_file", "un_communication", "eu_brief"):
        assert PSEUDONYM.split()[0] in text  # the person is listed, under a pseudonym
    if kind in ("case_file", "un_communication", "eu_brief", "upr_submission") and language == "ar":
        # The Arabic account, from after the withheld name to its end, reads in order.
        assert flat("بسبب منشور ينتقد الحكومة") in flat(text)
    if kind in ("un_communication", "eu_brief", "upr_submission") and language == "en":
        assert "summoned the blogger over a post criticising the government" in text


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("kind", PLATFORM_DOCUMENTS)
def test_platform_documents_read_in_order_without_contact_details(officer, make_case, kind, language):
    case = make_case(consents={"platform": True})
    text = pdf_text(report_content(export(officer, kind, case, language)))
    assert_in_order(text, HEADINGS[kind][language])
    assert "https://facebook.com/posts/12345" in text
    assert "555" not in text


@pytest.mark.parametrize("kind", PLATFORM_DOCUMENTS)
def test_platform_documents_are_refused_without_consent_to_raise_the_case(officer, make_case, kind):
    case = make_case(consents={"state": True, "public": True})
    with pytest.raises(ExportRefused) as refusal:
        export(officer, kind, case, "en")
    assert any("not consented" in problem.message for problem in refusal.value.problems)
    assert Report.objects.count() == 0
    assert not default_storage.exists("reports") or not default_storage.listdir("reports")[1]


@pytest.mark.parametrize(
    ("kind", "consent"), [("un_communication", "state"), ("upr_submission", "public"), ("case_file", "state")]
)
def test_name_appears_with_the_profiles_consent(officer, make_case, kind, consent):
    case = make_case(consents={consent: True})
    text = pdf_text(report_content(export(officer, kind, case, "ar")))
    assert set(words(NAME)) <= set(words(text))
    assert "555" not in text


def test_withdrawn_consent_takes_effect_in_the_next_document(officer, make_case):
    case = make_case(consents={"public": True})
    first = pdf_text(report_content(export(officer, "upr_submission", case, "ar")))
    assert set(words(NAME)) <= set(words(first))
    person = Person.objects.get(case=case)
    case_services.person_save(
        actor=officer,
        case=case,
        person=person,
        consent_public_status="withdrawn",
        consent_public_date=timezone.localdate(),
    )
    second = pdf_text(report_content(export(officer, "upr_submission", case, "ar")))
    assert_nothing_withheld_leaks(second)


def test_legal_partner_case_file_numbers_evidence_and_shows_no_picture(officer, make_case):
    case = make_case(evidence=2)
    content = report_content(export(officer, "case_file", case, "en"))
    text = pdf_text(content)
    assert "haddad" not in text.lower()  # the file names carry the name
    assert "Item 1" in text and "Item 2" in text
    assert b"/Subtype /Image" not in content


def test_internal_case_file_carries_contact_details_for_officers(officer, make_case):
    case = make_case()
    content = report_content(export(officer, "case_file", case, "en", profile="internal"))
    text = pdf_text(content)
    assert set(words(NAME)) <= set(words(text))
    assert "555" in text and flat(PLACE) in flat(text)
    assert "summons_haddad_0.png" in text and b"/Subtype /Image" in content


def test_internal_profile_needs_the_right_to_see_personal_data(advocacy, make_case):
    from django.core.exceptions import PermissionDenied

    case = make_case()
    with pytest.raises(PermissionDenied):
        export(advocacy, "case_file", case, "en", profile="internal")


def test_export_records_report_custody_and_draft_intervention(officer, make_case):
    case = make_case(consents={"platform": True}, evidence=2)
    report = export(officer, "platform_escalation", case, "en")
    assert report.sha256 and len(report.sha256) == 64
    assert list(report.cases.all()) == [case]
    assert report.created_by == officer and report.profile == "platform"
    included = CustodyEvent.objects.filter(action=CustodyEvent.Action.INCLUDED_IN_REPORT)
    assert included.count() == 2
    assert all(f"report {report.pk}" in event.detail for event in included)
    draft = Intervention.objects.get(case=case, kind="platform_escalation")
    assert draft.status == "draft" and draft.platform.code == "facebook"
    assert list(report.interventions.all()) == [draft]
    # Exporting again brings the same draft up to date instead of adding another.
    second = export(officer, "platform_escalation", case, "en")
    assert Intervention.objects.filter(case=case, kind="platform_escalation").count() == 1
    assert str(second.pk) in Intervention.objects.get(case=case, kind="platform_escalation").summary
    # The draft's making and its update are in the audit log, as a change on the case page would be.
    logged = AuditEvent.objects.filter(target_type="cases.intervention", target_id=str(draft.pk)).order_by("sequence")
    assert [(event.action, event.detail) for event in logged] == [
        (Action.INTERVENTION_ADDED, f'{{"report": {report.pk}}}'),
        (Action.INTERVENTION_CHANGED, f'{{"report": {second.pk}}}'),
    ]


def test_statistics_and_case_file_add_no_intervention(officer, make_case):
    case = make_case()
    export(officer, "statistics", case, "en")
    export(officer, "case_file", case, "en")
    assert not Intervention.objects.filter(case=case, status="draft").exists()


def test_dsa_complaint_shows_its_deadline(officer, make_case):
    act = timezone.localdate() - dt.timedelta(days=10)
    case = make_case(consents={"platform": True}, act_date=act)
    text = pdf_text(report_content(export(officer, "dsa_complaint", case, "en")))
    from dateutil.relativedelta import relativedelta

    assert f"{act + relativedelta(months=6):%Y-%m-%d}" in text
    assert Intervention.objects.get(case=case, kind="dsa_complaint").due_date == act + relativedelta(months=6)


def test_dsa_complaint_after_six_months_is_refused(officer, make_case):
    case = make_case(consents={"platform": True}, act_date=timezone.localdate() - dt.timedelta(days=200))
    with pytest.raises(ExportRefused) as refusal:
        export(officer, "dsa_complaint", case, "en")
    assert any("six months" in problem.message for problem in refusal.value.problems)


def test_statistics_chart_is_svg_inside_the_pdf(officer, make_case):
    case = make_case()
    content = report_content(export(officer, "statistics", case, "en"))
    text = pdf_text(content)
    assert "Summons or interrogation" in text and "Facebook" in text and "Lebanon" in text
    assert "Actioned" in text  # intervention outcome
    assert "median 7 days" in text  # response time of the answered notice


def test_upr_submission_exports_as_docx(officer, make_case):
    import io

    import docx

    case = make_case(consents={"state": True})
    report = export_document(
        actor=officer,
        template="upr_submission",
        cases=[case],
        profile="public",
        language="ar",
        options=OPTIONS,
        file_format="docx",
    )
    assert report.file_format == "docx" and report.file.name.endswith(".docx")
    document = docx.Document(io.BytesIO(report_content(report)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "الاستعراض الدوري الشامل" in text and "Repeal article 23" in text
    assert NAME not in text and "555" not in text
    body = [p.text for p in document.paragraphs]
    body = body[: body.index("الحواشي الختامية")]  # numbered paragraphs run until the endnotes
    numbered = [text for text in body if text[:2] in ("1.", "2.", "3.")]
    assert [text[:2] for text in numbered] == ["1.", "2.", "3."]  # one case, two recommendations
    assert any(
        p._p.pPr is not None and p._p.pPr.find(docx.oxml.ns.qn("w:bidi")) is not None for p in document.paragraphs
    )


def test_advocacy_export_records_the_draft_in_its_own_name(advocacy, make_case):
    case = make_case(consents={"state": True, "public": True})
    assert not advocacy.has_perm("cases.add_intervention")  # they do not edit interventions on case pages
    report = export(advocacy, "un_communication", case, "en")
    draft = Intervention.objects.get(case=case, kind="un_communication")
    assert draft.status == "draft" and draft.created_by == advocacy
    assert draft.history.latest().history_user == advocacy
    assert list(report.interventions.all()) == [draft]


def test_archived_case_gets_no_document_sent_about_it(officer, make_case):
    from django.core.exceptions import ValidationError

    case = make_case(consents={"state": True, "public": True})
    case_services.case_archive(actor=officer, case=case, reason="duplicate")
    with pytest.raises(ValidationError):
        export(officer, "un_communication", case, "en")
    assert Report.objects.count() == 0
