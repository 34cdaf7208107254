"""The platform escalation document made from a batch: its cases ticked, its items listed, no others."""

from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest

from cases import services
from cases.models import Platform
from reporting.models import Report
from reporting.services import report_content
from tests.reporting.test_case_file import pdf_text
from tests.reporting.test_documents import OPTIONS

pytestmark = pytest.mark.django_db


def post(officer, case, content_id, platform="facebook"):
    return services.content_item_save(
        actor=officer,
        case=case,
        url=f"https://www.facebook.com/posts/{content_id}",
        platform=Platform.objects.get(code=platform),
        content_id=content_id,
        policy="Dangerous organisations and individuals",
        statement_of_reasons_id=f"SOR-{content_id}",
        removed_on=date(2026, 10, 1),
    )


def test_the_escalation_document_lists_the_batch_items_of_its_cases(as_user, officer, make_case):
    first, second = make_case(consents={"platform": True}), make_case(consents={"platform": True})
    a, b = post(officer, first, "111"), post(officer, second, "222")
    post(officer, first, "999")  # on the same case, but not in this batch
    escalation = services.escalation_create(actor=officer, platform=a.platform, items=[a, b])
    client = as_user(officer)
    page = client.get(escalation.get_absolute_url())
    link = next(
        line.split('href="')[1].split('"')[0].replace("&amp;", "&")
        for line in page.text.splitlines()
        if "platform_escalation" in line and "href=" in line
    )
    query = parse_qs(urlparse(link).query)
    assert query == {
        "platform": ["facebook"],
        "escalation": [str(escalation.pk)],
        "reference": sorted([first.reference, second.reference]),
    }
    composer = client.get(link)
    assert composer.context["form"]["cases"].value() == query["reference"]
    response = client.post(
        link,
        {
            "cases": query["reference"],
            "profile": "platform",
            "language": "en",
            "export": "pdf",
            "recipient": "Meta trusted partner desk",
            "platform": "facebook",
            "escalation": str(escalation.pk),
            "action": OPTIONS["action"],
        },
    )
    assert response.status_code == 200, response.content[:500]
    text = pdf_text(report_content(Report.objects.get()))
    assert "facebook.com/posts/111" in text and "facebook.com/posts/222" in text
    assert "facebook.com/posts/999" not in text
    assert "SOR-111" in text and "Dangerous organisations and individuals" in text
