"""Which export a document came from: read back the export id it carries, or its hash.

Every exported document carries its export id three times: in the footer of
every page, in an invisible line of text, and in the file's metadata (PDF
keywords and subject, DOCX identifier and keywords). A copy printed to PDF
again by another program keeps the text (footer and invisible line) though it
loses the metadata; a copy kept as it was is also found by its SHA-256.
"""

import hashlib
import re
from dataclasses import dataclass

from reporting.gate import GateUnavailable, docx_text, pdf_text
from reporting.models import Report

EXPORT_ID = re.compile(r"CB-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}")


@dataclass
class Trace:
    report: Report | None
    how: str  # "export id", "hash" or ""
    ids_seen: list[str]


def _text(content: bytes) -> str:
    if content.startswith(b"%PDF"):
        return pdf_text(content) + content.decode("latin-1")  # metadata may sit in uncompressed objects
    if content.startswith(b"PK"):
        try:
            return docx_text(content)
        except Exception:  # not a Word file: nothing to read
            return ""
    return content.decode("utf-8", "replace")


def trace(content: bytes) -> Trace:
    try:
        text = _text(content)
    except GateUnavailable:
        text = ""
    ids = list(dict.fromkeys(EXPORT_ID.findall(text)))
    for export_id in ids:
        report = Report.objects.select_related("created_by").filter(export_id=export_id).first()
        if report is not None:
            return Trace(report=report, how="export id", ids_seen=ids)
    sha256 = hashlib.sha256(content).hexdigest()
    report = Report.objects.select_related("created_by").filter(sha256=sha256).first()
    return Trace(report=report, how="hash" if report else "", ids_seen=ids)
