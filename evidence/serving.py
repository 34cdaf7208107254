"""Sending originals: only as attachments, and only bytes that still match their hash.

A mismatch is only certain once the last byte has been hashed, after the
status line has gone out. Two defences, chosen by size:

* verify, then stream: files up to ``EVIDENCE_VERIFY_BEFORE_SENDING_BYTES``
  are hashed first; a mismatch gets a proper 409 page in the user's language.
  They are small, so reading them twice costs little.
* stream and abort: every download is hashed again while it streams, and the
  last chunk is held back until the hash is known. On a mismatch the stream
  stops before that chunk: the response is shorter than its Content-Length,
  so browsers and HTTP clients treat the download as failed and nothing
  complete and unverified reaches the user. This also catches a file changed
  between the check and the sending. A large video thus costs one read, not
  two, and its first byte leaves at once.

Either way the mismatch is recorded in custody and raised as a critical log
entry (the alert channel of the deployment).
"""

import hashlib
import logging
from collections.abc import Iterator

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from evidence import storage
from evidence.models import CustodyEvent, EvidenceItem

logger = logging.getLogger("casebook.evidence")

SANDBOX = "default-src 'none'; sandbox"


class FixityError(Exception):
    """The stored bytes no longer match the hash recorded at intake."""


def _alert(item: EvidenceItem, actor, code: str, **parameters) -> None:
    from evidence.services import custody_record

    logger.critical("Evidence %s (%s) failed its fixity check: %s %s", item.pk, item.sha256, code, parameters)
    custody_record(item=item, action=CustodyEvent.Action.FIXITY_FAILED, actor=actor, code=code, parameters=parameters)


def refusal(item: EvidenceItem, actor, code: str, **parameters) -> HttpResponse:
    _alert(item, actor, code, **parameters)
    response = HttpResponse(
        _("This file no longer matches the hash recorded when it was received. It was not sent."),
        status=409,
        content_type="text/plain; charset=utf-8",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def verified_chunks(item: EvidenceItem, actor) -> Iterator[bytes]:
    """The stored original, chunk by chunk, one chunk behind the hash; raises FixityError on a mismatch."""
    hasher = hashlib.sha256()
    size = 0
    held = None
    try:
        for chunk in storage.read_chunks(item.file.name):
            hasher.update(chunk)
            size += len(chunk)
            if held is not None:
                yield held
            held = chunk
    except FileNotFoundError:
        _alert(item, actor, "download_missing")
        raise FixityError(item.sha256) from None
    if hasher.hexdigest() != item.sha256 or size != item.size:
        _alert(item, actor, "download_stream_altered", sha256=hasher.hexdigest(), size=size)
        raise FixityError(item.sha256)
    if held is not None:
        yield held


def attachment(item: EvidenceItem, actor) -> HttpResponse:
    """The response that sends an original, or a 409 refusal when it is known not to match."""
    if item.size <= settings.EVIDENCE_VERIFY_BEFORE_SENDING_BYTES:
        try:
            found = storage.hash_stored(item.file.name)
        except FileNotFoundError:
            return refusal(item, actor, "download_missing")
        if found != (item.sha256, item.size):
            return refusal(item, actor, "download_altered", sha256=found[0], size=found[1])
    response = StreamingHttpResponse(verified_chunks(item, actor), content_type="application/octet-stream")
    response["Content-Length"] = str(item.size)
    response["Content-Disposition"] = content_disposition_header(True, item.original_name or "evidence")
    protect(response)
    return response


def protect(response: HttpResponse) -> HttpResponse:
    """Headers that keep a served file from being rendered or kept by the browser."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
