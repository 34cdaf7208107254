"""Writes to evidence: intake, storage and custody, each in one transaction."""

import hashlib

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Case
from evidence.models import CustodyEvent, EvidenceItem
from evidence.uploads import UploadRefused, check_upload

CHUNK = 1024 * 1024


def original_name_for(sha256: str) -> str:
    """Where an original lives in storage: derived from its hash, never from the user."""
    return f"evidence/originals/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def clean_file_name(name: str) -> str:
    """The user's file name made safe to show and to offer back in a download."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*\u202e\u202d\u200e\u200f')
    name = name.strip(" .")[:200]
    return name or "evidence"


def custody_record(*, item: EvidenceItem, action: str, actor, detail: str = "") -> CustodyEvent:
    return CustodyEvent.objects.create(item=item, action=action, actor=actor, detail=detail[:500])


def evidence_add(*, actor, case: Case, uploaded, description: str = "") -> EvidenceItem:
    """Keep one uploaded file as evidence of a case.

    The file is checked, written under its hash, then the record is committed;
    if the record cannot be committed, a file this call wrote is removed, so
    that neither a record without its file nor a file without its record stays.
    Raises UploadRefused with a message for the user.
    """
    if not actor.has_perm("evidence.add_evidenceitem"):
        raise PermissionDenied
    media_type = check_upload(uploaded)
    sha256 = uploaded.sha256
    existing = EvidenceItem.objects.filter(case=case, sha256=sha256).first()
    if existing:
        raise UploadRefused(
            _("“%(name)s” is already attached to this case as “%(existing)s”.")
            % {"name": uploaded.name, "existing": existing.original_name}
        )
    name = original_name_for(sha256)
    wrote = False
    if not default_storage.exists(name):
        uploaded.seek(0)
        stored = default_storage.save(name, uploaded)
        if stored != name:  # pragma: no cover - a concurrent writer of the same bytes
            default_storage.delete(stored)
        wrote = True
    try:
        with transaction.atomic():
            item = EvidenceItem(
                case=case,
                file=name,
                sha256=sha256,
                size=uploaded.size,
                media_type=media_type,
                original_name=clean_file_name(uploaded.name),
                description=description,
                uploaded_by=actor,
            )
            item.full_clean()
            item._history_user = actor
            item.save()
            custody_record(item=item, action=CustodyEvent.Action.UPLOADED, actor=actor, detail=f"sha256 {sha256}")
    except Exception:
        if wrote:
            default_storage.delete(name)
        raise
    return item


def stored_sha256(item: EvidenceItem) -> str:
    """Hash the stored original again, streaming."""
    hasher = hashlib.sha256()
    with default_storage.open(item.file.name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()
