"""The hostile corpus of containers and active content: each class refused, or kept and flagged.

Refused: nothing of the file is left in the database, the store or the
temporary folder. Kept: the original byte for byte, with its flag shown on
upload, in the evidence list, on the item page, and in the BagIt package.
"""

import hashlib
import io
import zipfile

import pytest
from django.urls import reverse

from evidence.models import CustodyEvent, Derivative, EvidenceItem
from tests.evidence import corpus, hostile
from tests.evidence.conftest import temporary_files, upload

pytestmark = pytest.mark.django_db

EXE = corpus.windows_executable
SCRIPTED_SVG = hostile.svg_document("<script>alert(1)</script>")
HTML = corpus.html_page()
MACROS = "the document contains macros"
NOT_PART = "which is not part of"

REFUSED = [
    # 1. Packages: structure required, every member checked, nothing foreign inside.
    ("zip of an executable named docx", lambda: corpus.zip_of({"setup.exe": EXE()}), "letter.docx", "part is missing"),
    ("zip of an executable named odt", lambda: corpus.zip_of({"setup.exe": EXE()}), "letter.odt", "is missing"),
    ("zip of an executable named epub", lambda: corpus.zip_of({"setup.exe": EXE()}), "book.epub", "is missing"),
    ("docx without relationships", lambda: corpus.zip_of({"[Content_Types].xml": b"<Types/>"}), "a.docx", "_rels"),
    ("xlsx holding a nested zip", lambda: hostile.ooxml("xlsx", parts={"xl/media/a.zip": corpus.zip_of({"a": b"a"})}),
     "book.xlsx", NOT_PART),
    ("xlsx holding a scripted svg", lambda: hostile.ooxml("xlsx", parts={"xl/media/logo.svg": SCRIPTED_SVG}),
     "book.xlsx", "“script” element"),
    ("xlsx holding html", lambda: hostile.ooxml("xlsx", parts={"xl/page.html": HTML}), "book.xlsx", NOT_PART),
    ("docx holding an executable", lambda: hostile.ooxml(parts={"word/media/image1.png": EXE()}), "a.docx", NOT_PART),
    ("pptx holding a shell script", lambda: hostile.ooxml("pptx", parts={"ppt/run.txt": b"#!/bin/sh\nrm -rf /\n"}),
     "talk.pptx", NOT_PART),
    ("docx with a broken xml part", lambda: hostile.ooxml(parts={"word/styles.xml": b"<w:styles"}), "a.docx",
     "not well-formed XML"),
    ("odt with its mimetype not first", lambda: hostile.odf(mimetype=""), "a.odt", "is missing"),
    ("odt declaring another type", lambda: hostile.odf(mimetype="application/vnd.oasis.opendocument.spreadsheet"),
     "a.odt", "its name ends in .odt but its content is application/vnd.oasis.opendocument.spreadsheet"),
    ("odt whose mimetype part lies", lambda: hostile.odf(mimetype="application/vnd.oasis.opendocument.textx"),
     "a.odt", "“mimetype” part is missing, misplaced or wrong"),
    ("odt holding an executable", lambda: hostile.odf(parts={"Pictures/a.png": EXE()}), "a.odt", NOT_PART),
    ("epub without its container", lambda: hostile.epub(container=False), "book.epub", "container.xml"),
    ("epub holding an executable", lambda: hostile.epub(parts={"OEBPS/a.exe": EXE()}), "book.epub", NOT_PART),
    ("package with a member outside it", lambda: hostile.ooxml(parts={"../../evil.xml": b"<a/>"}), "a.docx",
     "a path that leads outside it"),
    # 2. Macros, by content.
    ("vba project stored as word/macros.bin", lambda: hostile.ooxml(parts={"word/macros.bin": hostile.vba_project()}),
     "letter.docx", MACROS),
    ("vba project under an image name", lambda: hostile.ooxml(parts={"word/media/image9.png": hostile.vba_project()}),
     "letter.docx", MACROS),
    ("vba project inside an embedded object",
     lambda: hostile.ooxml("xlsx", parts={"xl/embeddings/oleObject1.bin": hostile.vba_project()}), "b.xlsx", MACROS),
    ("vba relationship", lambda: hostile.ooxml(main_rels=[("vbaProject", "code.bin", None)]), "a.docx", MACROS),
    ("macro-enabled content type",
     lambda: hostile.ooxml(content_types_extra='<Default Extension="bin" '
                           'ContentType="application/vnd.ms-office.vbaProject"/>'), "a.docx", MACROS),
    ("legacy doc with a vba project", lambda: hostile.compound_file(
        {"WordDocument": b"\xec\xa5" + bytes(64), "Macros/PROJECT": b"ID=", "Macros/VBA": b""}), "a.doc", MACROS),
    ("odt with Basic macros", lambda: hostile.odf(parts={"Basic/Standard/Module1.xml": b"<a/>"}), "a.odt", MACROS),
    ("odt with Scripts", lambda: hostile.odf(parts={"Scripts/python/run.py": b"import os"}), "a.odt", MACROS),
    ("odt bound to a macro on an event", lambda: hostile.odf(
        body=b'<script:event-listener script:language="ooo:script" '
             b'xlink:href="vnd.sun.star.script:Standard.Module1.Run?language=Basic&amp;location=document"/>'),
     "a.odt", MACROS),
    # 3. SVG: an allow-list, not a deny-list.
    ("svg with an xslt stylesheet instruction",
     lambda: hostile.svg_document("<rect/>", before='<?xml-stylesheet type="text/xsl" href="data:,x"?>'),
     "a.svg", "processing instruction"),
    ("svg animate writing href with java\\tscript",
     lambda: hostile.svg_document('<a><animate attributeName="href" to="java&#9;script:alert(1)"/><text>x</text></a>'),
     "a.svg", "“a” element"),
    ("svg set writing href", lambda: hostile.svg_document('<set attributeName="xlink:href" to="javascript:alert(1)"/>'),
     "a.svg", "“set” element"),
    ("svg css @import escaped", lambda: hostile.svg_document('<style>@\\69mport url(//evil.example/x.css);</style>'),
     "a.svg", "imports or runs"),
    ("svg css @import split by a comment", lambda: hostile.svg_document("<style>@im/**/port 'x.css';</style>"),
     "a.svg", "imports or runs"),
    ("svg css url() outside", lambda: hostile.svg_document('<rect style="fill:url(https://evil.example/t)"/>'),
     "a.svg", "refers to something outside"),
    ("svg css url() escaped", lambda: hostile.svg_document('<rect style="fill:\\75 rl(//evil.example/t)"/>'),
     "a.svg", "refers to something outside"),
    ("svg presentation attribute url()", lambda: hostile.svg_document('<rect fill="url(http://evil.example/#g)"/>'),
     "a.svg", "refers to something outside"),
    ("svg external use", lambda: hostile.svg_document('<use xlink:href="https://evil.example/s.svg#x"/>'),
     "a.svg", "links to something outside"),
    ("svg image with a data url", lambda: hostile.svg_document('<image href="data:image/png;base64,AAAA"/>'),
     "a.svg", "“image” element"),
    ("svg foreignObject", lambda: hostile.svg_document("<foreignObject><p>x</p></foreignObject>"),
     "a.svg", "“foreignObject” element"),
    ("svg with a DTD and entities",
     lambda: hostile.svg_document("<text>&x;</text>", before='<!DOCTYPE svg [<!ENTITY x "boom">]>'),
     "a.svg", "declares a DTD"),
    ("svg with an html script in another namespace",
     lambda: hostile.svg_document('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
     "a.svg", "“script” element"),
    ("svg with an event handler", corpus.svg_with_handler, "a.svg", "“onload” attribute"),
    ("svg that is html", lambda: b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>',
     "a.svg", "its content is"),
]  # fmt: skip

FLAGGED = [
    # 4. Active content kept byte for byte, and flagged.
    ("pdf javascript in names, compressed", lambda: hostile.pdf_with(hostile.pdf_javascript_in_names), "a.pdf",
     ["pdf_javascript"], "active content: JavaScript in PDF"),
    ("pdf javascript open action, compressed", lambda: hostile.pdf_with(hostile.pdf_open_action_javascript), "a.pdf",
     ["pdf_javascript", "pdf_open_action"], "action run when the PDF is opened"),
    ("pdf launch", lambda: hostile.pdf_with(hostile.pdf_launch), "a.pdf", ["pdf_launch", "pdf_open_action"],
     "launches a program"),
    ("pdf embedded file", lambda: hostile.pdf_with(hostile.pdf_embedded_file), "a.pdf", ["pdf_embedded_file"],
     "file embedded in the PDF"),
    ("pdf rich media", lambda: hostile.pdf_with(hostile.pdf_rich_media), "a.pdf", ["pdf_rich_media"], "rich media"),
    ("pdf xfa form", lambda: hostile.pdf_with(hostile.pdf_xfa), "a.pdf", ["pdf_xfa"], "XFA form"),
    ("pdf page action", lambda: hostile.pdf_with(hostile.pdf_page_action), "a.pdf",
     ["pdf_automatic_action", "pdf_javascript"], "automatic action"),
    ("docx with an external template",
     lambda: hostile.ooxml(parts={"word/_rels/settings.xml.rels": hostile.relationships(
         ("attachedTemplate", "https://evil.example/t.dotm", "External"))}), "a.docx",
     ["office_external_template"], "external template"),
    ("docx with a linked ole object",
     lambda: hostile.ooxml(main_rels=[("oleObject", "file://server/share/x.xls", "External")]), "a.docx",
     ["office_linked_object"], "linked OLE object"),
    ("docx with an external picture",
     lambda: hostile.ooxml(main_rels=[("image", "https://tracker.example/p.png", "External")]), "a.docx",
     ["office_external_link"], "external link"),
    ("docx with an embedded ole package",
     lambda: hostile.ooxml(parts={"word/embeddings/oleObject1.bin": hostile.ole_package(b"hello")}), "a.docx",
     ["office_embedded_object"], "embedded OLE object"),
    ("docx with a dtd in a part (xxe)",
     lambda: hostile.ooxml(parts={"word/settings.xml": b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                  b"<w>&x;</w>"}), "a.docx", ["xml_dtd"], "XML part with a DTD"),
    ("epub with a script", lambda: hostile.epub(chapter=b'<html xmlns="http://www.w3.org/1999/xhtml"><body>'
                                                b"<script>fetch('x')</script></body></html>"), "b.epub",
     ["epub_script"], "script in the e-book"),
    ("jpeg with a zip after its end", lambda: hostile.with_zip_appended(corpus.jpeg_with_gps()), "a.jpg",
     ["trailing_zip"], "trailing data: zip archive"),
    ("png with data after iend", lambda: corpus.png_bytes() + b"<?php system($_GET[1]); ?>", "a.png",
     ["trailing_data"], "trailing data after the end"),
    ("pdf with data after its last eof", lambda: corpus.pdf_bytes() + b"\n<script>alert(1)</script>", "a.pdf",
     ["trailing_data"], "trailing data after the end"),
    ("pdf that is also a zip", lambda: hostile.with_zip_appended(corpus.pdf_bytes()), "a.pdf",
     ["trailing_zip"], "trailing data: zip archive"),
    ("zip holding a pdf with javascript",
     lambda: corpus.zip_of({"inner.pdf": hostile.pdf_with(hostile.pdf_javascript_in_names)}), "bundle.zip",
     ["pdf_javascript"], "JavaScript in PDF"),
]  # fmt: skip

CLEAN = [
    ("docx", lambda: hostile.ooxml("docx"), "letter.docx"),
    ("xlsx", lambda: hostile.ooxml("xlsx", parts={"xl/media/image1.png": corpus.png_bytes()}), "book.xlsx"),
    ("pptx", lambda: hostile.ooxml("pptx"), "talk.pptx"),
    ("docx with a hyperlink", lambda: hostile.ooxml(main_rels=[("hyperlink", "https://example.org", "External")]),
     "a.docx"),
    ("docx with a chart's workbook",
     lambda: hostile.ooxml(parts={"word/embeddings/Microsoft_Excel_Worksheet.xlsx": hostile.ooxml("xlsx")}), "a.docx"),
    ("odt", lambda: hostile.odf("odt", parts={"Pictures/a.png": corpus.png_bytes()}), "a.odt"),
    ("ods", lambda: hostile.odf("ods"), "a.ods"),
    ("epub", lambda: hostile.epub(), "book.epub"),
    ("svg as an editor saves it", hostile.drawing_as_an_editor_saves_it, "map.svg"),
    ("pdf opening on its first page", lambda: hostile.pdf_with(hostile.pdf_open_action_page), "a.pdf"),
    ("pdf saved twice", hostile.pdf_incremental_update, "a.pdf"),
    ("pdf in object streams", lambda: hostile.pdf_with(lambda pdf: None), "a.pdf"),
]  # fmt: skip


def assert_nothing_kept(backend, before):
    assert EvidenceItem.objects.count() == 0
    assert CustodyEvent.objects.count() == 0
    assert Derivative.objects.count() == 0
    assert backend.names() == []
    assert temporary_files() <= before


@pytest.mark.parametrize(("content", "name", "reason"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_hostile_document_is_refused_and_leaves_nothing(as_user, officer, case, backend, content, name, reason):
    before = temporary_files()
    response = upload(as_user(officer), case, corpus.named(content(), name))
    text = response.text.replace("&quot;", '"').replace("&#x27;", "'").replace("&lt;", "<").replace("&gt;", ">")
    assert f"“{name}” was refused" in text
    assert reason in text
    assert_nothing_kept(backend, before)


@pytest.mark.parametrize(("content", "name", "codes", "shown"), [c[1:] for c in FLAGGED], ids=[c[0] for c in FLAGGED])
def test_active_content_is_kept_byte_for_byte_and_flagged(as_user, officer, case, backend, content, name, codes, shown):
    original = content()
    client = as_user(officer)
    response = upload(client, case, corpus.named(original, name))
    item = EvidenceItem.objects.get()
    assert backend.read(item.file.name) == original
    assert item.sha256 == hashlib.sha256(original).hexdigest()
    assert sorted(item.active_content) == sorted(codes)
    assert shown in response.text  # the upload's message
    assert "isolated viewer" in response.text
    listing = client.get(case.get_absolute_url())
    assert shown in listing.text
    page = client.get(reverse("evidence:detail", args=[item.pk]))
    assert shown in page.text and "isolated viewer" in page.text
    uploaded = item.custody_events.get(action=CustodyEvent.Action.UPLOADED)
    assert "active content: " + ", ".join(item.active_content) in uploaded.detail


@pytest.mark.parametrize(("content", "name"), [c[1:] for c in CLEAN], ids=[c[0] for c in CLEAN])
def test_ordinary_documents_are_kept_without_a_flag(as_user, officer, case, backend, content, name):
    original = content()
    response = upload(as_user(officer), case, corpus.named(original, name))
    assert "was refused" not in response.text, response.text[-2000:]
    item = EvidenceItem.objects.get()
    assert item.active_content == []
    assert backend.read(item.file.name) == original
    assert "isolated viewer" not in response.text


def test_the_bag_lists_the_active_content(as_user, officer, administrator, case, backend):
    client = as_user(officer)
    upload(client, case, corpus.named(hostile.pdf_with(hostile.pdf_javascript_in_names), "a.pdf"))
    upload(client, case, corpus.named(corpus.png_bytes(), "clean.png"))
    response = as_user(administrator).post(reverse("evidence:bag", args=[case.reference]))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as bag:
        names = bag.namelist()
        listing = bag.read(next(n for n in names if n.endswith("data/active-content.csv"))).decode()
        info = bag.read(next(n for n in names if n.endswith("bag-info.txt"))).decode()
    flagged = EvidenceItem.objects.get(original_name="a.pdf")
    assert f"{flagged.pk},originals/{flagged.pk:06d}-a.pdf,{flagged.sha256},pdf_javascript," in listing
    assert "active content: JavaScript in PDF" in listing
    assert "clean.png" not in listing
    assert "Active-Content-Items: 1" in info


def test_a_flagged_pdf_is_previewed_only_as_a_picture(as_user, officer, case, backend):
    upload(as_user(officer), case, corpus.named(hostile.pdf_with(hostile.pdf_open_action_javascript), "a.pdf"))
    item = EvidenceItem.objects.get()
    copies = Derivative.objects.filter(original_sha256=item.sha256)
    assert copies.exists()
    for copy in copies:
        assert copy.media_type == "image/jpeg"
        assert backend.read(copy.file.name).startswith(b"\xff\xd8")
    download = as_user(officer).get(reverse("evidence:download", args=[item.pk]))
    assert download["Content-Disposition"].startswith("attachment")


def test_active_content_warning_in_arabic(as_user, officer, case, backend):
    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    response = upload(client, case, corpus.named(hostile.pdf_with(hostile.pdf_javascript_in_names), "a.pdf"))
    assert "محتوى نشط: جافاسكربت في ملف PDF" in response.text
    assert "عارض معزول" in response.text
