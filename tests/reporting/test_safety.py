"""The renderer reads nothing it should not: hostile case text, hostile templates, evidence images."""

import io
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from cases import services as case_services
from cases.models import Intervention, Person, Violation
from reporting.documents import DOCUMENTS
from reporting.pdf import (
    EVIDENCE_PREFIX,
    STATIC_PREFIX,
    DocumentFetcher,
    RefusedFetch,
    html_to_pdf,
    print_copy_name,
    render_document,
)
from reporting.services import prepare_document
from tests.reporting.conftest import add_evidence
from tests.reporting.test_case_file import pdf_text
from tests.reporting.test_documents import OPTIONS

pytestmark = pytest.mark.django_db

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    "<style>@import url(http://169.254.169.254/latest/meta-data/);</style>",
    '<div style="background: url(http://169.254.169.254/x)">css</div>',
    '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/shadow"/></svg>',
    "<script>document.write('x')</script>",
]
HOSTILE_TEXT = " ".join(HOSTILE)


def no_embedded_content(pdf: bytes) -> bool:
    return not any(marker in pdf for marker in (b"/EmbeddedFile", b"/JavaScript", b"/Launch", b"/URI (file"))


@pytest.fixture
def hostile_case(make_case, officer):
    case = make_case(consents={"state": True, "public": True, "platform": True})
    case = case_services.case_update(
        actor=officer, case=case, title=HOSTILE[0], narrative=HOSTILE_TEXT, narrative_translation=HOSTILE_TEXT
    )
    person = Person.objects.get(case=case)
    case_services.person_save(
        actor=officer, case=case, person=person, pseudonym=HOSTILE[4][:100], affiliation=HOSTILE[1]
    )
    violation = Violation.objects.get(case=case)
    case_services.violation_save(
        actor=officer,
        case=case,
        violation=violation,
        description=HOSTILE_TEXT,
        stated_reason=HOSTILE[2],
        content_concerned="https://facebook.com/posts/12345\n" + HOSTILE[3],
        legal_basis=HOSTILE[5][:300],
    )
    for intervention in Intervention.objects.filter(case=case):
        case_services.intervention_save(actor=officer, case=case, intervention=intervention, summary=HOSTILE_TEXT)
    return case


HOSTILE_OPTIONS = {
    **OPTIONS,
    "organisation": HOSTILE[1][:200],
    "summary": HOSTILE_TEXT,
    "recommendations": "\n".join(HOSTILE),
    "explanation": HOSTILE_TEXT,
    "harm": HOSTILE_TEXT,
    "action": HOSTILE_TEXT,
    "year": "2026",
}


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_hostile_case_text_fetches_nothing_and_attaches_nothing(officer, hostile_case, kind):
    document = DOCUMENTS[kind]
    prepared = prepare_document(
        actor=officer,
        template=kind,
        cases=[hostile_case],
        profile=document.default_profile,
        language="en",
        options=HOSTILE_OPTIONS,
    )
    rendering = render_document(document.template, prepared.data, evidence=prepared.data.get("evidence_files"))
    # Nothing was even asked for beyond the stylesheet and the listed evidence images.
    assert rendering.refused == []
    assert all(url.startswith((STATIC_PREFIX, EVIDENCE_PREFIX)) for url in rendering.fetched)
    assert no_embedded_content(rendering.pdf)
    text = pdf_text(rendering.pdf)
    assert "root:x:0" not in text
    if kind not in ("statistics", "trusted_flagger"):
        assert "<img" in text or "<script>" in text or "<link" in text  # shown as text, not interpreted


def test_hostile_template_is_refused_every_resource_and_still_renders():
    html = (
        "<html><head>"
        '<link rel="attachment" href="https://casebook.invalid/static/css/pdf.css" title="leak">'
        '<link rel="attachment" href="file:///etc/passwd">'
        "<style>@import url(http://169.254.169.254/latest/meta-data/);"
        "p.b { background: url(file:///etc/passwd) }</style></head><body>"
        '<p>before</p><img src="file:///etc/passwd"><p class="b">styled</p>'
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="file:///etc/shadow"/>'
        '<image href="http://10.0.0.1/x.png"/></svg>'
        '<a rel="attachment" href="https://casebook.invalid/static/favicon.svg">file</a>'
        '<iframe src="http://127.0.0.1:9/"></iframe><object data="file:///etc/passwd"></object>'
        "<script>document.write('x')</script><p>after</p></body></html>"
    )
    fetcher = DocumentFetcher()
    started = time.monotonic()
    pdf = html_to_pdf(html, fetcher)
    assert time.monotonic() - started < 20  # refusals answer at once: no network, no waiting
    refused = " ".join(fetcher.refused)
    for url in ("169.254.169.254", "file:///etc/passwd", "file:///etc/shadow", "10.0.0.1"):
        assert url in refused
    assert no_embedded_content(pdf)  # even an attachment the fetcher would have served is dropped
    text = pdf_text(pdf)
    assert "before" in text and "after" in text and "root:" not in text


def png(width=40, height=30) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make, stands for the metadata a phone leaves
    image.save(buffer, format="PNG", exif=exif)
    return buffer.getvalue()


def test_listed_evidence_image_is_read_through_storage_and_reencoded(officer, case):
    item = add_evidence(actor=officer, case=case, data=png(2000, 1000), name="shot.png")
    response = DocumentFetcher({item.pk: item.file.name}).fetch(f"{EVIDENCE_PREFIX}{item.pk}")
    body = response.read()
    assert response.content_type == "image/jpeg" and body.startswith(b"\xff\xd8")
    assert b"PhoneMaker" not in body  # metadata left behind
    assert Image.open(io.BytesIO(body)).size == (480, 240)  # downscaled to print size


def test_print_copy_is_kept_and_read_next_time(officer, case):
    original = png(2000, 1000)
    item = add_evidence(actor=officer, case=case, data=original, name="shot.png")
    first = DocumentFetcher({item.pk: item.file.name}).fetch(f"{EVIDENCE_PREFIX}{item.pk}").read()
    copy = print_copy_name(item.sha256)
    assert default_storage.open(copy).read() == first
    default_storage.delete(item.file.name)  # the next document needs only the copy
    second = DocumentFetcher({item.pk: item.file.name}).fetch(f"{EVIDENCE_PREFIX}{item.pk}").read()
    assert second == first
    assert default_storage.exists(copy) and not default_storage.exists(item.file.name)


@pytest.mark.parametrize("suffix", ["999", "abc", "1/../2", "1?x=1"])
def test_unlisted_or_malformed_evidence_url_is_refused(officer, case, suffix):
    item = add_evidence(actor=officer, case=case, data=png(), name="shot.png")
    with pytest.raises(RefusedFetch):
        DocumentFetcher({item.pk: item.file.name}).fetch(f"{EVIDENCE_PREFIX}{suffix}")


def test_evidence_that_is_not_an_image_is_refused(officer, case):
    name = default_storage.save("evidence/originals/te/st/not-an-image", ContentFile(b"%PDF-1.4 not an image"))
    with pytest.raises(RefusedFetch):
        DocumentFetcher({7: name}).fetch(f"{EVIDENCE_PREFIX}7")


def test_missing_evidence_file_is_a_refusal_not_a_crash(officer, case, make_case):
    fetcher = DocumentFetcher({5: "evidence/originals/no/ne/missing"})
    with pytest.raises(RefusedFetch):
        fetcher.fetch(f"{EVIDENCE_PREFIX}5")
    html = f'<p>before</p><img src="{EVIDENCE_PREFIX}5"><p>after</p>'
    assert "after" in pdf_text(html_to_pdf(html, fetcher))


@pytest.mark.s3
def test_case_file_embeds_evidence_images_from_s3(s3_storage, officer, make_case):
    case = make_case(evidence=0)
    item = add_evidence(actor=officer, case=case, data=png(), name="shot.png")
    prepared = prepare_document(
        actor=officer, template="case_file", cases=[case], profile="internal", language="en", options={}
    )
    rendering = render_document("pdf/case_file.html", prepared.data, evidence=prepared.data["evidence_files"])
    assert rendering.refused == []
    assert f"{EVIDENCE_PREFIX}{item.pk}" in rendering.fetched
    assert b"/Subtype /Image" in rendering.pdf


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_builder_query_count_does_not_grow_with_cases(officer, make_case, kind):
    document = DOCUMENTS[kind]
    cases = [make_case(consents={"state": True, "public": True, "platform": True}, evidence=2) for _ in range(3)]

    def queries(chosen) -> int:
        with CaptureQueriesContext(connection) as captured:
            prepare_document(
                actor=officer,
                template=kind,
                cases=chosen,
                profile=document.default_profile,
                language="en",
                options={**OPTIONS, "year": "2026"},
            )
        return len(captured)

    one = queries(cases[:1])
    if document.single_case:
        assert one == queries(cases[1:2])
    else:
        assert one == queries(cases)
    assert one <= 16
