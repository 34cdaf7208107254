"""Fixity: hash every stored original again and compare it with the hash recorded at intake."""

import logging
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.utils import timezone

from evidence import storage
from evidence.models import CustodyEvent, Derivative, EvidenceItem

logger = logging.getLogger("casebook.evidence")


@dataclass
class Problem:
    item: EvidenceItem | None
    name: str
    what: str


def fixity_check(*, item: EvidenceItem, actor=None) -> Problem | None:
    """Re-hash one original (streaming) and record the result in its chain of custody."""
    from evidence.services import custody_record

    try:
        found = storage.hash_stored(item.file.name)
    except FileNotFoundError:
        problem = Problem(item, item.file.name, "missing")
        code, parameters = "fixity_missing", {}
    else:
        problem = (
            None
            if found == (item.sha256, item.size)
            else Problem(item, item.file.name, f"altered: sha256 {found[0]}, {found[1]} bytes")
        )
        code, parameters = "fixity_altered", {"sha256": found[0], "size": found[1]}
    if problem is None:
        custody_record(
            item=item,
            action=CustodyEvent.Action.FIXITY_CHECKED,
            actor=actor,
            code="fixity_matches",
            parameters={"sha256": item.sha256},
        )
    else:
        logger.critical("Evidence %s (%s) failed its fixity check: %s", item.pk, item.sha256, problem.what)
        custody_record(
            item=item, action=CustodyEvent.Action.FIXITY_FAILED, actor=actor, code=code, parameters=parameters
        )
    return problem


def find_orphans(*, grace_seconds: int) -> tuple[list[str], list[Problem]]:
    """Both ways: stored files no record refers to, and records whose file is missing.

    Unreferenced files younger than ``grace_seconds`` are left out: they may
    belong to an upload that is between its write and its commit.
    """
    referenced = set(EvidenceItem.objects.exclude(file="").values_list("file", flat=True))
    referenced |= set(Derivative.objects.values_list("file", flat=True))
    now = timezone.now()
    unreferenced = []
    for prefix in (storage.ORIGINALS, storage.DERIVATIVES):
        for name in storage.walk(prefix):
            if name in referenced:
                continue
            try:
                age = (now - default_storage.get_modified_time(name)).total_seconds()
            except (NotImplementedError, OSError):
                age = grace_seconds
            if age >= grace_seconds:
                unreferenced.append(name)
    missing = [
        Problem(item, item.file.name, "missing")
        for item in EvidenceItem.objects.exclude(file="").order_by("pk").iterator()
        if not default_storage.exists(item.file.name)
    ]
    missing += [
        Problem(None, derivative.file.name, f"missing {derivative.kind} of {derivative.original_sha256}")
        for derivative in Derivative.objects.order_by("pk").iterator()
        if not default_storage.exists(derivative.file.name)
    ]
    return unreferenced, missing
