"""What an accepted file may carry that acts when it is opened: stored as codes, named when shown.

Such a file is kept byte for byte (it may be what proves the case) and flagged:
the flag is shown on upload, in the evidence list, on the item page, in a
BagIt package, and with a warning beside the download.
"""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "pdf_javascript": _("active content: JavaScript in PDF"),
    "pdf_open_action": _("active content: action run when the PDF is opened"),
    "pdf_automatic_action": _("active content: automatic action in PDF"),
    "pdf_launch": _("active content: PDF action that launches a program"),
    "pdf_embedded_file": _("active content: file embedded in the PDF"),
    "pdf_rich_media": _("active content: rich media (Flash, 3D) in PDF"),
    "pdf_xfa": _("active content: XFA form in PDF"),
    "pdf_encrypted": _("encrypted PDF: its content could not be checked"),
    "pdf_unreadable": _("damaged PDF: its content could not be checked"),
    "office_external_link": _("external link: content fetched from elsewhere when opened"),
    "office_external_template": _("external template"),
    "office_linked_object": _("linked OLE object"),
    "office_embedded_object": _("embedded OLE object"),
    "epub_script": _("active content: script in the e-book"),
    "xml_dtd": _("XML part with a DTD (external entities)"),
    "trailing_zip": _("trailing data: zip archive"),
    "trailing_data": _("trailing data after the end of the file"),
}


def label(code: str) -> str:
    return str(LABELS.get(code, code))


def labels(codes) -> list[str]:
    return [label(code) for code in codes]
