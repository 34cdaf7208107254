"""The composer page: choose cases from the filtered list, a profile and a language; preview; export."""

import hashlib

import pytest
from django.urls import reverse

from reporting.models import Report
from tests.reporting.conftest import NAME
from tests.reporting.test_documents import OPTIONS

pytestmark = pytest.mark.django_db


def url(kind, **query):
    address = reverse("reporting:compose", args=[kind])
    if query:
        address += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return address


def form(case_refs, *, profile, language="en", button="preview", **extra):
    data = {"cases": case_refs, "profile": profile, "language": language, **extra}
    data[button] = "pdf" if button == "export" else "1"
    return data


def test_advocacy_sees_the_composer_with_the_visible_cases(as_user, advocacy, make_case, restricted_case):
    case = make_case()
    response = as_user(advocacy).get(url("upr_submission"))
    assert response.status_code == 200
    body = response.content.decode()
    assert case.reference in body
    assert restricted_case.reference not in body and restricted_case.title not in body
    assert 'value="internal"' not in body  # no personal-data profile for advocacy


def test_filter_narrows_the_list(as_user, officer, make_case):
    lebanon = make_case()
    egypt = make_case(country="EG")
    body = as_user(officer).get(url("upr_submission", country="EG")).content.decode()
    assert egypt.reference in body and lebanon.reference not in body


@pytest.mark.parametrize("persona", ["partner", "outsider"])
def test_roles_without_reports_are_forbidden(as_user, request, persona):
    assert as_user(request.getfixturevalue(persona)).get(url("statistics")).status_code == 403


def test_unknown_document_is_not_found(as_user, officer):
    assert as_user(officer).get(url("memoirs")).status_code == 404


def test_wrong_method(as_user, officer):
    assert as_user(officer).put(url("statistics")).status_code == 405


def test_preview_shows_the_document_and_keeps_nothing(as_user, advocacy, make_case):
    case = make_case(consents={"state": True})
    response = as_user(advocacy).post(
        url("upr_submission"), form([case.reference], profile="public", **{**OPTIONS, "joint": ""})
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "document-preview" in body and "Executive summary" in body
    assert "words of 2815" in body  # the live count against the limit
    assert NAME not in body  # the profile applies to the preview too
    assert Report.objects.count() == 0


def test_export_downloads_the_document_and_records_it(as_user, advocacy, make_case):
    case = make_case(consents={"state": True})
    response = as_user(advocacy).post(
        url("upr_submission"), form([case.reference], profile="public", button="export", **OPTIONS)
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    report = Report.objects.get()
    assert report.sha256 == hashlib.sha256(response.content).hexdigest() == response["X-Casebook-SHA256"]
    assert report.created_by == advocacy and list(report.cases.all()) == [case]


def test_upr_exports_as_docx_from_the_composer(as_user, advocacy, make_case):
    case = make_case(consents={"state": True})
    data = form([case.reference], profile="public", button="export", **OPTIONS)
    data["export"] = "docx"
    response = as_user(advocacy).post(url("upr_submission"), data)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert Report.objects.get().file_format == "docx"


def test_blocking_problems_stop_the_export_and_are_listed(as_user, officer, make_case):
    case = make_case()  # no consent to raise the case with a platform
    response = as_user(officer).post(
        url("platform_escalation"), form([case.reference], profile="platform", button="export", **OPTIONS)
    )
    assert response.status_code == 200
    assert "has not consented to the case being raised with a platform" in response.content.decode()
    assert Report.objects.count() == 0


def test_a_un_communication_without_consent_goes_with_a_pseudonym_only(as_user, officer, make_case):
    """OHCHR practice: no consent to be named is no dead end; the person is designated by pseudonym."""
    from tests.reporting.test_case_file import pdf_text
    from tests.reporting.test_documents import assert_nothing_withheld_leaks

    case = make_case()  # consent never asked
    preview = as_user(officer).post(
        url("un_communication"), form([case.reference], profile="un_confidential", **OPTIONS)
    )
    assert "will be named by pseudonym only" in preview.content.decode()
    response = as_user(officer).post(
        url("un_communication"), form([case.reference], profile="un_confidential", button="export", **OPTIONS)
    )
    assert response["Content-Type"] == "application/pdf"
    assert_nothing_withheld_leaks(pdf_text(response.content))


def test_every_export_needs_a_recipient(as_user, advocacy, make_case):
    case = make_case(consents={"public": True})
    options = {key: value for key, value in OPTIONS.items() if key != "recipient"}
    response = as_user(advocacy).post(
        url("upr_submission"), form([case.reference], profile="public", button="export", **options)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["recipient"]
    assert Report.objects.count() == 0


def test_a_hidden_case_cannot_be_chosen(as_user, advocacy, restricted_case):
    response = as_user(advocacy).post(
        url("upr_submission"), form([restricted_case.reference], profile="public", button="export", **OPTIONS)
    )
    assert response.status_code == 200
    assert Report.objects.count() == 0
    assert restricted_case.title not in response.content.decode()


def test_a_profile_the_document_does_not_offer_is_refused(as_user, officer, make_case):
    case = make_case(consents={"public": True})
    response = as_user(officer).post(
        url("upr_submission"), form([case.reference], profile="internal", button="export", **OPTIONS)
    )
    assert response.status_code == 200 and Report.objects.count() == 0


def test_single_case_documents_take_exactly_one(as_user, officer, make_case):
    first, second = make_case(), make_case()
    response = as_user(officer).post(
        url("case_file"), form([first.reference, second.reference], profile="legal_partner", button="export")
    )
    assert "choose exactly one" in response.content.decode()
    assert Report.objects.count() == 0


def test_statistics_count_every_case_the_filter_matches(as_user, advocacy, make_case):
    make_case()
    make_case(country="EG")
    response = as_user(advocacy).post(
        url("statistics", country="EG"),
        {"profile": "statistics", "language": "ar", "export": "pdf", "recipient": "Annual report"},
    )
    assert response.status_code == 200
    report = Report.objects.get()
    assert [case.country.code for case in report.cases.all()] == ["EG"]


def test_composer_speaks_arabic(as_user, advocacy, make_case):
    make_case()
    client = as_user(advocacy)
    client.cookies["django_language"] = "ar"
    body = client.get(url("upr_submission"), headers={"accept-language": "ar"}).content.decode()
    assert "معاينة" in body and 'dir="rtl"' in body


def test_case_page_offers_the_composer_to_those_who_may_use_it(as_user, advocacy, partner, shared_case):
    body = as_user(advocacy).get(shared_case.get_absolute_url()).content.decode()
    assert reverse("reporting:compose", args=["un_communication"]) in body
    partner_body = as_user(partner).get(shared_case.get_absolute_url()).content.decode()
    assert reverse("reporting:compose", args=["un_communication"]) not in partner_body
    assert reverse("reporting:case_file", args=[shared_case.reference]) in partner_body


def test_index_lists_documents_and_recent_exports(as_user, advocacy):
    response = as_user(advocacy).get(reverse("reporting:index"))
    assert response.status_code == 200
    assert "UPR stakeholder submission" in response.content.decode()


def test_coming_from_a_case_page_ticks_that_case(as_user, advocacy, make_case):
    case, other = make_case(), make_case()
    body = as_user(advocacy).get(url("un_communication", reference=case.reference)).content.decode()
    assert f'value="{case.reference}" id="case-{case.pk}" checked' in body
    assert f'value="{other.reference}" id="case-{other.pk}" checked' not in body


def test_the_documents_are_in_the_menu_only_for_those_who_compose(as_user, advocacy, partner):
    index = reverse("reporting:index")
    assert f'href="{index}"' in as_user(advocacy).get(reverse("cases:list")).text
    assert f'href="{index}"' not in as_user(partner).get(reverse("cases:list")).text


def test_statistics_count_only_the_ticked_cases_when_some_are_ticked(as_user, advocacy, make_case):
    first, second, _third = make_case(), make_case(), make_case()
    response = as_user(advocacy).post(
        url("statistics"),
        {
            "profile": "statistics",
            "language": "en",
            "export": "pdf",
            "cases": [first.reference, second.reference],
            "recipient": "Annual report",
        },
    )
    assert response.status_code == 200
    report = Report.objects.get()
    assert {case.pk for case in report.cases.all()} == {first.pk, second.pk}


def test_statistics_page_lists_cases_to_tick(as_user, advocacy, make_case):
    case = make_case()
    text = as_user(advocacy).get(url("statistics")).content.decode()
    assert f'type="checkbox" name="cases" value="{case.reference}"' in text
    assert "or only the cases you tick below" in text


def test_a_one_case_document_offers_one_choice(as_user, officer, make_case):
    case = make_case()
    text = as_user(officer).get(url("case_file")).content.decode()
    assert f'type="radio" name="cases" value="{case.reference}"' in text
    assert "Case (choose one)" in text and 'type="checkbox" name="cases"' not in text


def test_platform_escalation_offers_the_platform_the_case_records(as_user, officer, make_case):
    case = make_case()  # its act is on Facebook
    response = as_user(officer).get(url("platform_escalation"), {"reference": case.reference})
    assert response.context["form"]["platform"].value() == "facebook"


def test_an_unchosen_platform_is_the_one_the_ticked_cases_record(as_user, officer, make_case):
    case = make_case()
    data = {"cases": [case.reference], "profile": "platform", "language": "en", "preview": "1"}
    response = as_user(officer).post(url("platform_escalation"), data)
    assert "Choose the platform." not in response.content.decode()
    assert response.context["form"].options()["platform"] == "facebook"


@pytest.mark.parametrize(
    ("language", "to_line"),
    [
        ("ar", "المقرر الخاص المعني بالحق في الخصوصية"),
        ("en", "Special Rapporteur on the right to privacy"),
    ],
)
def test_un_communication_names_the_chosen_mandate_in_the_documents_language(
    as_user, officer, make_case, language, to_line
):
    case = make_case()
    data = form([case.reference], profile="un_confidential", language=language, mandate="privacy")
    preview = as_user(officer).post(url("un_communication"), data).context["preview"]
    assert to_line in preview
    if language == "ar":
        assert "Special Rapporteur" not in preview


def test_un_communication_prints_a_typed_recipient_as_typed(as_user, officer, make_case):
    case = make_case()
    data = form([case.reference], profile="un_confidential", language="ar", recipient="WGEID", mandate="privacy")
    assert "WGEID" in as_user(officer).post(url("un_communication"), data).context["preview"]


def test_the_filter_folds_away_until_used(as_user, officer, make_case):
    case = make_case()
    client = as_user(officer)
    assert '<details class="filters-box">' in client.get(url("case_file", reference=case.reference)).text
    assert '<details class="filters-box" open>' in client.get(url("case_file", country="LB")).text
