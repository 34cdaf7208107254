"""Writes to evidence: intake, storage and custody, each in one transaction.

Crash consistency of intake: the original is written under its hash name and
checked (write, verify) before the record is committed. A failure before the
commit removes what this call wrote; a crash that prevents even that leaves an
unreferenced file, never a record without its file, and ``manage.py
find_orphans`` reports (and with ``--delete`` removes) such files. A later
upload of the same bytes replaces an unreferenced file that does not match.
"""

import hashlib
import json
import logging
import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from casebook.audit import Action, record
from cases.models import Case
from evidence import storage
from evidence.derivatives import derivatives_make
from evidence.models import DETAILS, CustodyEvent, EvidenceItem, detail_text
from evidence.uploads import UploadRefused, check_upload

logger = logging.getLogger("casebook.evidence")

CHUNK = 1024 * 1024
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def original_name_for(sha256: str) -> str:
    return storage.original_name_for(sha256)


def clean_file_name(name: str) -> str:
    """The user's file name made safe to show and to offer back in a download."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*' + BIDI_CONTROLS)
    name = name.strip(" .")
    while ".." in name:
        name = name.replace("..", ".")
    stem, extension = os.path.splitext(name)
    name = stem[: 200 - len(extension[:20])] + extension[:20]
    return name or "evidence"


def custody_record(
    *,
    item: EvidenceItem,
    action: str,
    actor,
    code: str = "",
    parameters: dict | None = None,
    collected_by: str = "",
    collected_at=None,
    collected_from: str = "",
    collection_tool: str = "",
) -> CustodyEvent:
    """Append one event to an item's chain of custody (``actor`` None for the system).

    ``code`` names one of ``evidence.models.DETAILS``, filled with ``parameters`` when shown."""
    parameters = parameters or {}
    if code and code not in DETAILS:
        raise ValueError(f"unknown custody detail code {code!r}")
    with translation.override("en"):
        detail = detail_text(code, parameters) if code else ""
    event = CustodyEvent(
        item=item,
        action=action,
        actor=actor,
        detail=detail[:500],
        code=code,
        parameters=parameters,
        collected_by=collected_by[:200],
        collected_at=collected_at,
        collected_from=collected_from[:500],
        collection_tool=collection_tool[:200],
    )
    event.full_clean(exclude=["item", "actor"])
    event.save()
    return event


def _record_collection(*, item, actor, collection: dict | None) -> None:
    collection = {key: value for key, value in (collection or {}).items() if value}
    if collection:
        custody_record(item=item, action=CustodyEvent.Action.COLLECTED, actor=actor, **collection)


def _as_received_file(uploaded):
    """A file given by other code (not through the upload handler) spooled and hashed like an upload."""
    if getattr(uploaded, "too_large", False) or (
        hasattr(uploaded, "temporary_file_path") and hasattr(uploaded, "sha256")
    ):
        return uploaded, False
    spooled = TemporaryUploadedFile(uploaded.name, "application/octet-stream", 0, None)
    hasher = hashlib.sha256()
    uploaded.seek(0)
    while chunk := uploaded.read(CHUNK):
        hasher.update(chunk)
        spooled.write(chunk)
    spooled.flush()
    spooled.size = spooled.tell()
    spooled.sha256 = hasher.hexdigest()
    return spooled, True


def _duplicate_of(*, case, sha256: str) -> EvidenceItem | None:
    return EvidenceItem.objects.filter(case=case, sha256=sha256).first()


def _referenced(name: str) -> bool:
    return EvidenceItem.objects.filter(file=name).exists()


def _keep_original(uploaded) -> bool:
    """Write the original under its hash name, verified; True when this call wrote it."""
    sha256, size = uploaded.sha256, uploaded.size
    name = storage.original_name_for(sha256)
    if storage.exists(name):
        if storage.hash_stored(name) == (sha256, size):
            return False  # the same bytes are kept already (another case, or an earlier attempt)
        if _referenced(name):
            logger.critical("Stored original %s no longer matches its hash", name)
            raise UploadRefused(
                _(
                    "“%(name)s” was not kept: the stored copy of the same file no longer matches its hash. "
                    "An administrator has been alerted."
                )
                % {"name": uploaded.name}
            )
        default_storage.delete(name)  # a torn write left by a crash: nothing refers to it
    try:
        storage.write_verified(name, uploaded, sha256=sha256, size=size)
    except storage.StoredFileMismatch:
        raise UploadRefused(
            _("“%(name)s” could not be stored intact; nothing was kept. Please try again.") % {"name": uploaded.name}
        ) from None
    return True


def _forget_original(name: str) -> None:
    if not _referenced(name):
        default_storage.delete(name)


def evidence_add(*, actor, case: Case, uploaded, description: str = "", collection: dict | None = None) -> EvidenceItem:
    """Keep one uploaded file as evidence of a case.

    The file is checked, written under its hash and verified, then the record
    and its custody events are committed; if the commit fails, a file this
    call wrote is removed. ``collection`` holds the officer's statement of how
    the file was collected (collected_by, collected_at, collected_from,
    collection_tool). Raises UploadRefused with a message for the user.
    """
    if not actor.has_perm("evidence.add_evidenceitem"):
        raise PermissionDenied
    return _add(actor=actor, case=case, uploaded=uploaded, description=description, collection=collection)


def _check_open(case: Case, name: str = "") -> None:
    """An archived case takes no new evidence until it is restored."""
    if case.is_archived:
        if name:
            raise UploadRefused(
                _("“%(name)s” was refused: this case is archived; restore it before adding evidence.") % {"name": name}
            )
        raise UploadRefused(_("This case is archived; restore it before adding evidence."))


def _add(*, actor, case, uploaded, description="", collection=None, url="", captured_at=None) -> EvidenceItem:
    _check_open(case, uploaded.name)
    uploaded, spooled = _as_received_file(uploaded)
    try:
        verdict = check_upload(uploaded)
        sha256 = uploaded.sha256
        existing = _duplicate_of(case=case, sha256=sha256)
        if existing:
            raise UploadRefused(
                _("“%(name)s” is already attached to this case as “%(existing)s”.")
                % {"name": uploaded.name, "existing": existing.original_name or existing.url}
            )
        wrote = _keep_original(uploaded)
        name = storage.original_name_for(sha256)
        try:
            with transaction.atomic():
                item = EvidenceItem(
                    case=case,
                    kind=EvidenceItem.Kind.LINK if url else EvidenceItem.Kind.FILE,
                    file=name,
                    sha256=sha256,
                    size=uploaded.size,
                    media_type=verdict.media_type,
                    original_name=clean_file_name(uploaded.name),
                    description=description,
                    url=url,
                    captured_at=captured_at,
                    has_location=verdict.has_location,
                    active_content=verdict.flags,
                    uploaded_by=actor,
                )
                item.full_clean()
                item._history_user = actor
                item.save()
                _record_collection(item=item, actor=actor, collection=collection)
                parameters = {"sha256": sha256, "size": uploaded.size, "media_type": verdict.media_type}
                if verdict.flags:
                    parameters["flags"] = ", ".join(verdict.flags)
                if item.original_name != uploaded.name:
                    # The name as it arrived, before it was made safe, stays in the chain of custody.
                    parameters["received_as"] = json.dumps(uploaded.name)
                custody_record(
                    item=item,
                    action=CustodyEvent.Action.UPLOADED,
                    actor=actor,
                    code="uploaded_file",
                    parameters=parameters,
                )
                record(actor=actor, action=Action.EVIDENCE_UPLOADED, case=case, target=item, detail={"sha256": sha256})
        except (IntegrityError, ValidationError):
            if wrote:
                _forget_original(name)
            if EvidenceItem.objects.filter(case=case, sha256=sha256).exists():
                # The same bytes reached this case through a concurrent request a moment ago.
                raise UploadRefused(
                    _("“%(name)s” is already attached to this case.") % {"name": uploaded.name}
                ) from None
            raise
        except Exception:
            if wrote:
                _forget_original(name)
            raise
    finally:
        if spooled:
            uploaded.close()
    derivatives_make(item=item)
    return item


def link_add(
    *,
    actor,
    case: Case,
    url: str,
    captured_at,
    note: str = "",
    archived_copy=None,
    collection: dict | None = None,
) -> EvidenceItem:
    """Keep a URL as evidence, with its capture date, and an archived copy when one is given.

    The server never fetches the URL. The archived copy goes through the same
    intake checks as any file. Raises UploadRefused with a message for the user.
    """
    if not actor.has_perm("evidence.add_evidenceitem"):
        raise PermissionDenied
    if archived_copy is not None:
        return _add(
            actor=actor,
            case=case,
            uploaded=archived_copy,
            description=note,
            collection=collection,
            url=url,
            captured_at=captured_at,
        )
    _check_open(case)
    with transaction.atomic():
        item = EvidenceItem(
            case=case,
            kind=EvidenceItem.Kind.LINK,
            url=url,
            captured_at=captured_at,
            description=note,
            uploaded_by=actor,
        )
        item.full_clean()
        item._history_user = actor
        item.save()
        _record_collection(item=item, actor=actor, collection=collection)
        custody_record(
            item=item, action=CustodyEvent.Action.UPLOADED, actor=actor, code="uploaded_link", parameters={"url": url}
        )
        record(actor=actor, action=Action.EVIDENCE_UPLOADED, case=case, target=item)
    return item


@transaction.atomic
def collection_record(*, actor, item: EvidenceItem, collection: dict) -> CustodyEvent:
    """Add the officer's statement of how an item was collected to its chain of custody."""
    if not actor.has_perm("evidence.add_evidenceitem"):
        raise PermissionDenied
    _check_open(item.case)
    collection = {key: value for key, value in collection.items() if value}
    event = custody_record(item=item, action=CustodyEvent.Action.COLLECTED, actor=actor, **collection)
    # Who collected it and from where stay in the custody chain; the audit log names the item only.
    record(actor=actor, action=Action.EVIDENCE_COLLECTION_RECORDED, case=item.case, target=item)
    return event
