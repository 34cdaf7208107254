"""The UPR submission as a Word file, since OHCHR asks for one; the same data as the PDF.

Arabic paragraphs are marked right-to-left (``w:bidi`` on the paragraph,
``w:rtl`` on the runs) so that Word lays them out and numbers them correctly.
"""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from reporting.builders.common import language_of


def _right_to_left(paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def _paragraph(document, text: str, *, language: str, style=None, bold=False, align=None):
    language = language or language_of(text)
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(text)
    run.bold = bold
    if language == "ar":
        run.font.name = "Noto Naskh Arabic"
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), "Noto Naskh Arabic")
        _right_to_left(paragraph)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _page_numbers(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def upr_docx(data: dict) -> bytes:
    language = data["language"]
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.title = str(data["document_title"])
    document.core_properties.author = data.get("organisation", "")
    # The blank template's own properties would otherwise describe the file to OHCHR.
    document.core_properties.comments = ""
    document.core_properties.last_modified_by = data.get("organisation", "")
    export = data.get("export")
    if export:
        # The recipient and the export id in the footer of every page and in the file's properties.
        document.core_properties.identifier = export["id"]
        document.core_properties.keywords = f"casebook-export {export['id']}"
        footer = document.sections[0].footer.add_paragraph()
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run(
            _("For %(recipient)s · export %(id)s") % {"recipient": export["recipient"], "id": export["id"]}
        ).font.size = Pt(8)
    _page_numbers(document.sections[0])
    center = WD_ALIGN_PARAGRAPH.CENTER

    _paragraph(document, data["marking"], language=language, bold=True, align=center)
    _paragraph(document, _("Universal Periodic Review"), language=language, style="Title", align=center)
    if data["session"]:
        _paragraph(document, f"{_('Session')} {data['session']}", language=language, align=center)
    _paragraph(document, data["country_name"], language=language, align=center)
    kind = _("Joint stakeholder submission") if data["joint"] else _("Stakeholder submission")
    _paragraph(document, kind, language=language, align=center)
    _paragraph(document, data["organisation"], language=language, align=center)
    if data["contact"]:
        _paragraph(document, data["contact"], language=language, align=center)
    count = data["word_count"]
    _paragraph(
        document,
        _("%(words)s words of %(limit)s") % {"words": count.words, "limit": count.limit},
        language=language,
        align=center,
    )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    if data["summary"]:
        _paragraph(document, _("Executive summary"), language=language, style="Heading 1")
        _paragraph(document, data["summary"].text, language=data["summary"].language)
    _paragraph(document, _("Cases documented"), language=language, style="Heading 1")
    for paragraph in data["paragraphs"]:
        text = f"{paragraph['number']}. {paragraph['text'].text} [{paragraph['endnote']}]"
        _paragraph(document, text, language=paragraph["text"].language)
    _paragraph(document, _("Recommendations"), language=language, style="Heading 1")
    for recommendation in data["recommendations"]:
        text = f"{recommendation['number']}. {recommendation['text'].text}"
        _paragraph(document, text, language=recommendation["text"].language)
    _paragraph(document, _("Endnotes"), language=language, style="Heading 1")
    for number, note in enumerate(data["endnotes"], start=1):
        _paragraph(document, f"{number}. {note}", language=language)

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
