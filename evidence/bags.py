"""A case's evidence as a BagIt package (RFC 8493) for a court or a partner.

Layout of the bag's payload:

    data/originals/<item id>-<safe name>   each original, byte for byte
    data/links.csv                         links: URL, capture date, note, archived copy
    data/custody.csv                       every item's chain of custody

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
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from evidence import storage
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


def bag_write(*, actor, case: Case, folder: str) -> bagit.Bag:
    """Write the bag of a case's evidence into the empty ``folder``, record the export, return the bag."""
    items = list(case.evidence_items.order_by("uploaded_at", "id"))
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
    _write_custody(items, os.path.join(data, "custody.csv"))
    # bagit bags a folder in place: what was written there becomes the payload under data/.
    bag = bagit.make_bag(
        data,
        bag_info={
            "Source-Organization": "Casebook",
            "External-Identifier": case.reference,
            "External-Description": f"Evidence of case {case.reference}",
            "Bagging-Date": timezone.now().date().isoformat(),
            "Contact-Name": actor.get_username(),
        },
        checksums=["sha256"],
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


def _write_custody(items, path: str) -> None:
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
                    event.detail,
                    event.collected_by,
                    event.collected_at.isoformat() if event.collected_at else "",
                    event.collected_from,
                    event.collection_tool,
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
