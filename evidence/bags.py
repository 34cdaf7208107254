"""A case's evidence as a BagIt package (RFC 8493) for a court or a partner.

Layout of the bag's payload:

    data/originals/<item id>-<safe name>   each original, byte for byte
    data/links.csv                         links: URL, capture date, note, archived copy
    data/custody.csv                       every item's chain of custody
    data/active-content.csv                originals carrying active content (open in isolation)

The SHA-256 manifest is written by the ``bagit`` library from the copied
bytes; each original's entry is then compared with the hash recorded at
intake, so a bag never vouches for an altered file.
"""

import csv
import os
import tempfile
import zipfile

import bagit
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.disclosure import read_in_place, reader_for_cases
from cases.models import Case
from evidence import storage
from evidence.flags import label as flag_label
from evidence.models import CustodyEvent, EvidenceItem

CSV_CUSTODY = [
    "item",
    "sha256",
    "action",
    "at",
    "by",
    "detail",
    "collected_by",
    "collected_at",
    "collected_from",
    "collection_tool",
]


class BagRefused(Exception):
    """The bag cannot be made; the message is for the user."""


def _payload_name(item: EvidenceItem) -> str:
    return f"originals/{item.pk:06d}-{item.original_name or 'evidence'}"


def _bag_leaks(folder: str, reader, case: Case) -> bool:
    """The gate: the bag's own metadata and file names, read back, searched for names the user may not read."""
    rules = reader.rules.get(case.pk, [])
    if not rules:
        return False
    texts = []
    for current, _folders, files in os.walk(folder):
        for file_name in files:
            texts.append(file_name)
            if file_name.endswith((".txt", ".csv")) and os.path.dirname(os.path.join(current, file_name)) in (
                folder,
                os.path.join(folder, "data"),
            ):
                with open(os.path.join(current, file_name), encoding="utf-8", errors="replace") as handle:
                    texts.append(handle.read())
    text = "\n".join(texts)
    return any(matcher.found(text) for matcher, _label in rules)


def bag_write(*, actor, case: Case, folder: str) -> bagit.Bag:
    """Write the bag of a case's evidence into the empty ``folder``, record the export, return the bag.

    For a user who may not read every name, the names, notes and custody details
    in the bag's metadata are read as on the pages (``cases.disclosure``), and the
    finished bag is searched again before it leaves; originals stay byte for byte.
    """
    items = list(case.evidence_items.order_by("uploaded_at", "id"))
    reader = reader_for_cases(actor, [case.pk])
    read_in_place(reader, items, ("original_name", "description"))
    data = folder
    os.makedirs(os.path.join(data, "originals"), exist_ok=True)
    for item in items:
        if not item.has_file:
            continue
        with open(os.path.join(data, _payload_name(item)), "wb") as target:
            try:
                for chunk in storage.read_chunks(item.file.name):
                    target.write(chunk)
            except FileNotFoundError:
                raise BagRefused(_("The original of “%(name)s” is missing.") % {"name": item.original_name}) from None
    _write_links(items, os.path.join(data, "links.csv"))
    _write_active_content(items, os.path.join(data, "active-content.csv"))
    _write_custody(items, os.path.join(data, "custody.csv"), reader=reader, case=case)
    # bagit bags a folder in place: what was written there becomes the payload under data/.
    bag = bagit.make_bag(
        data,
        bag_info={
            "Source-Organization": "Casebook",
            "External-Identifier": case.reference,
            "External-Description": f"Evidence of case {case.reference}",
            "Bagging-Date": timezone.now().date().isoformat(),
            "Contact-Name": actor.get_username(),
            "Active-Content-Items": str(sum(1 for item in items if item.active_content)),
        },
        checksums=["sha256"],
    )
    if _bag_leaks(folder, reader, case):
        raise BagRefused(
            _(
                "The bag's metadata still names a person you may not read; no bag was made. "
                "Ask an officer to correct the evidence's names and notes."
            )
        )
    manifest = bag.payload_entries()
    for item in items:
        if item.has_file and manifest[f"data/{_payload_name(item)}"]["sha256"] != item.sha256:
            from evidence.serving import _alert

            _alert(item, actor, "export_altered")
            raise BagRefused(
                _("“%(name)s” no longer matches the hash recorded when it was received; no bag was made.")
                % {"name": item.original_name}
            )
    with transaction.atomic():
        from evidence.services import custody_record

        for item in items:
            custody_record(
                item=item,
                action=CustodyEvent.Action.EXPORTED,
                actor=actor,
                code="bag",
                parameters={"reference": case.reference},
            )
    return bag


def _write_links(items, path: str) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["item", "url", "captured_at", "note", "archived_copy", "sha256"])
        for item in items:
            if item.kind == EvidenceItem.Kind.LINK:
                archived = _payload_name(item) if item.has_file else ""
                captured = item.captured_at.isoformat() if item.captured_at else ""
                writer.writerow([item.pk, item.url, captured, item.description, archived, item.sha256])


def _write_active_content(items, path: str) -> None:
    """Which originals carry active content: to be opened only in an isolated viewer."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["item", "file", "sha256", "code", "active_content"])
        for item in items:
            for code in item.active_content:
                with translation.override("en"):
                    writer.writerow([item.pk, _payload_name(item), item.sha256, code, flag_label(code)])


def _write_custody(items, path: str, *, reader, case: Case) -> None:
    events = CustodyEvent.objects.filter(item__in=items).select_related("actor", "item").order_by("item", "at", "id")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_CUSTODY)
        for event in events:
            writer.writerow(
                [
                    event.item_id,
                    event.item.sha256,
                    event.action,
                    event.at.isoformat(),
                    event.actor.get_username() if event.actor else "system",
                    reader.text(event.detail, case.pk),
                    reader.text(event.collected_by, case.pk),
                    event.collected_at.isoformat() if event.collected_at else "",
                    reader.text(event.collected_from, case.pk),
                    reader.text(event.collection_tool, case.pk),
                ]
            )


def bag_archive(*, actor, case: Case):
    """The bag as a zip in an anonymous temporary file, rewound; the caller closes it."""
    archive = tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR)  # noqa: SIM115
    with tempfile.TemporaryDirectory(dir=settings.FILE_UPLOAD_TEMP_DIR) as folder:
        bag = bag_write(actor=actor, case=case, folder=folder)
        root = f"{case.reference}-evidence"
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as bundle:
            for current, _folders, files in os.walk(bag.path):
                for file_name in sorted(files):
                    path = os.path.join(current, file_name)
                    bundle.write(path, os.path.join(root, os.path.relpath(path, bag.path)))
    archive.seek(0)
    return archive
