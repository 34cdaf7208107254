"""The last check on what leaves: the text of the finished artefact, searched for withheld persons.

Independent of the redaction done while building a document
(``reporting.profiles``): whatever the builders did, the text is extracted
from the artefact itself (PDF, DOCX, CSV, a bag's metadata, a preview's HTML)
and searched for every spelling — recorded or transliterated — of every
person the artefact's audience may not see named, and for their contact
details. Any hit refuses the artefact: ``Leak`` names the person by label
(pseudonym) and the fields of the record where the name sits, never the name.
"""

import dataclasses
import io
import re
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from cases.names import fold, name_matcher
from reporting.profiles import FIELD_LABELS, contact_patterns, may_name, person_label, policy_for
from reporting.records import CaseRecord, Data, data_kind

PDFTOTEXT_SECONDS = 60


class GateUnavailable(RuntimeError):
    """The text of an artefact could not be read, so it cannot be checked: it does not leave."""


@dataclass(frozen=True)
class Withheld:
    """One person an artefact's audience may not see named."""

    label: str
    spellings: tuple[str, ...]
    contact: str = ""
    reference: str = ""
    # Where the record holds text that names the person, to tell the officer what to correct.
    fields: tuple[str, ...] = ()


@dataclass
class Leak:
    label: str
    reference: str
    fields: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        where = ", ".join(self.fields) if self.fields else _("the text of the document")
        return _(
            "%(reference)s: the name or contact details of %(person)s, who may not be named to this audience, "
            "are still in the document (%(where)s). Nothing was exported. Correct the text, or record the "
            "spelling used there among the person's other spellings, and try again."
        ) % {"reference": self.reference, "person": self.label, "where": where}


def _record_texts(record, *, path: str = "") -> list[tuple[str, str]]:
    """(field label, text) for every hand-typed text of a record, nested records included."""
    texts = []
    for record_field in dataclasses.fields(record):
        value = getattr(record, record_field.name)
        kind = data_kind(record_field)
        label = str(FIELD_LABELS.get(record_field.name, record_field.name.replace("_", " ")))
        if kind in (Data.TITLE, Data.TEXT, Data.LINES, Data.FILE_NAME, Data.PLACE):
            lines = value if isinstance(value, list) else [value]
            texts += [(label, line) for line in lines if line]
        elif record_field.name not in ("persons", "removed_persons") and isinstance(value, list):
            for item in value:
                if dataclasses.is_dataclass(item):
                    texts += _record_texts(item, path=label)
    return texts


def withheld_persons(records: list[CaseRecord], *, profile: str, options: dict | None = None) -> list[Withheld]:
    """Everyone of these cases the profile does not name, with the fields that spell them."""
    policy = policy_for(profile)
    option_texts = [(str(FIELD_LABELS.get(name, name)), str(value)) for name, value in (options or {}).items() if value]
    withheld = []
    for record in records:
        texts = _record_texts(record) + option_texts
        removed = [(person, False) for person in record.removed_persons]
        for number, (person, current) in enumerate([(p, True) for p in record.persons] + removed, start=1):
            if (may_name(person, policy) and (current or policy.naming == "all")) or not (
                person.spellings or person.contact.strip()
            ):
                continue
            matcher = name_matcher(person.spellings)
            fields = sorted({label for label, text in texts if matcher.found(text)})
            withheld.append(
                Withheld(
                    label=person_label(person, number),
                    spellings=tuple(person.spellings),
                    contact="" if policy.contact else person.contact,
                    reference=record.reference,
                    fields=tuple(fields),
                )
            )
    return withheld


def find_leaks(text: str, withheld: list[Withheld]) -> list[Leak]:
    text = fold(text)
    flat = re.sub(r"\s+", " ", text)
    leaks = []
    for person in withheld:
        matcher = name_matcher(person.spellings)
        hit = matcher.found(text) or matcher.found(flat)
        if not hit and person.contact:
            hit = any(
                re.search(rf"(?<!\w){pattern}(?!\w)", flat, re.IGNORECASE)
                for pattern in contact_patterns(person.contact)
            )
        if hit:
            leaks.append(Leak(label=person.label, reference=person.reference, fields=list(person.fields)))
    return leaks


# --- Text out of artefacts -------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    """The text of a PDF as a reader's tools extract it (poppler's pdftotext), with its metadata."""
    try:
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607 (poppler-utils, installed by the setup)
            input=content,
            capture_output=True,
            timeout=PDFTOTEXT_SECONDS,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise GateUnavailable(str(error)) from error
    metadata = b" ".join(re.findall(rb"/(?:Title|Subject|Keywords|Author|Creator)\s*\(([^)]*)\)", content))
    return result.stdout.decode("utf-8", "replace") + "\n" + metadata.decode("latin-1", "replace")


def docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer):
            parts += [paragraph.text for paragraph in part.paragraphs]
    properties = document.core_properties
    parts += [properties.title or "", properties.subject or "", properties.keywords or "", properties.comments or ""]
    return "\n".join(parts)


class _HTMLText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        # Attributes are text too: a title or alt shows on hover.
        self.parts += [value for name, value in attrs if value and name in ("title", "alt", "aria-label")]


def html_text(content: str) -> str:
    parser = _HTMLText()
    parser.feed(content)
    return " ".join(parser.parts)


def artefact_text(content: bytes | str, file_format: str) -> str:
    if file_format == "pdf":
        return pdf_text(content)
    if file_format == "docx":
        return docx_text(content)
    if file_format == "html":
        return html_text(content)
    return content.decode("utf-8-sig", "replace") if isinstance(content, bytes) else content


def check_artefact(content: bytes | str, file_format: str, withheld: list[Withheld]) -> list[Leak]:
    """The leaks found in an artefact; empty when it may leave."""
    if not withheld:
        return []
    return find_leaks(artefact_text(content, file_format), withheld)
