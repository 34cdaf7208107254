"""Writing an import batch by batch, in a worker or at once, resumable after a stop."""

import logging
from collections import Counter

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from casebook.audit import Action, record
from cases.models import Tag
from cases.services import (
    NewCase,
    case_create,
    case_create_many,
    case_refresh_search,
    case_update,
    person_save,
    violation_save,
)
from imports import content, plan
from imports.history import current_reason, import_reason, importing
from imports.models import ImportedRecord, ImportRun, RefusedRow
from imports.reading import Unreadable
from imports.services.files import _require, local_path
from imports.services.mapping import check_mapping
from imports.services.preview import _batches, iter_groups

logger = logging.getLogger(__name__)


# --- Running --------------------------------------------------------------------------


def import_start(*, actor, run: ImportRun, mapping: dict, keep_on_case=None) -> ImportRun:
    """Fix the mapping and start writing: in a worker when one is configured, at once otherwise."""
    _require(actor)
    if run.requested_by_id != actor.pk or run.status != ImportRun.Status.UPLOADED:
        raise PermissionDenied
    check_mapping(mapping)
    with transaction.atomic():
        run.mapping = mapping
        run.source = mapping.get("source", "")[:120]
        run.keep_on_case = keep_on_case
        run.status = ImportRun.Status.QUEUED
        run.language = (translation.get_language() or "en")[:2]
        run.full_clean()
        run.save()
    if not settings.CASEBOOK_BACKGROUND_JOBS:
        import_execute(run_id=run.pk)
    else:
        transaction.on_commit(lambda: _enqueue(run.pk))
    run.refresh_from_db()
    return run


def _enqueue(run_id) -> None:
    from imports.tasks import run_import

    try:
        run_import.delay(str(run_id))
    except Exception as error:  # the broker is down: say so now rather than leave the import waiting
        logger.error("import could not be queued (%s)", type(error).__name__, extra={"import": str(run_id)})
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportRun.Status.FAILED, error=ImportRun.Error.QUEUE_UNAVAILABLE, finished_at=timezone.now()
        )


class AnotherWorker(Exception):
    """Another delivery of the same import is writing it; this one leaves it alone."""


def import_execute(*, run_id, stop_after_batches: int | None = None) -> str:
    """Write one import, batch by batch; run again after a stop, it goes on where it stopped.

    ``stop_after_batches`` ends the run early (as a worker that died would), for tests and benchmarks.
    """
    run = ImportRun.objects.select_related("requested_by").get(pk=run_id)
    if run.status in (ImportRun.Status.DONE, ImportRun.Status.FAILED):
        return run.status
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)
    actor = run.requested_by
    try:
        with translation.override(run.language), local_path(run) as path:
            header, total, groups = iter_groups(path, run, run.mapping)
            ImportRun.objects.filter(pk=run.pk).update(groups_total=total)
            planner = plan.Planner(mapping=run.mapping, header=header, user=actor, source=run.source)
            position = 0
            written = 0
            for batch in _batches(groups, settings.IMPORT_BATCH):
                start, position = position, position + len(batch)
                if position <= run.groups_done:
                    continue  # written before the stop
                batch = batch[max(0, run.groups_done - start) :]
                _write_batch(run=run, actor=actor, planner=planner, batch=batch, header=header)
                written += 1
                if stop_after_batches is not None and written >= stop_after_batches:
                    return ImportRun.Status.RUNNING
        _finish(run, actor=actor)
    except AnotherWorker:
        logger.info("import already being written by another worker", extra={"import": str(run.pk)})
        return ImportRun.Status.RUNNING
    except Unreadable:
        logger.info("import stopped: unreadable file", extra={"import": str(run.pk)})
        return _fail(run, ImportRun.Error.UNREADABLE)
    except Exception:
        logger.exception("import failed", extra={"import": str(run.pk)})
        return _fail(run, ImportRun.Error.FAILED)
    return ImportRun.Status.DONE


def _write_batch(*, run: ImportRun, actor, planner: plan.Planner, batch: list, header: list[str]) -> None:
    drafts = [planner.draft(key, rows) for key, rows in batch]
    with transaction.atomic(), importing(run.pk):
        locked = ImportRun.objects.select_for_update().get(pk=run.pk)
        if locked.groups_done != run.groups_done:
            raise AnotherWorker
        planner.classify(drafts)
        counts = Counter()
        refused = []
        new = []
        for draft in drafts:
            if draft.outcome == plan.REFUSED:
                reasons: dict[int, list[str]] = {}
                for problem in draft.problems:
                    if not problem.warning:
                        reasons.setdefault(problem.row, []).append(
                            f"{problem.column}: {problem.message}" if problem.column else problem.message
                        )
                everything = [reason for items in reasons.values() for reason in items]
                for number, cells in draft.rows:
                    refused.append(
                        RefusedRow(
                            run=locked, row=number, cells=cells, reason=" | ".join(reasons.get(number, everything))
                        )
                    )
                counts[plan.REFUSED] += len(draft.rows)
                continue
            if draft.existing is None:
                new.append(draft)
            else:
                _write_draft(draft, actor=actor, planner=planner)
            counts[draft.outcome] += 1
        cases = _write_new(new, actor=actor, planner=planner, run=locked)
        ImportedRecord.objects.bulk_create(
            ImportedRecord(source=run.source, external_id=draft.external_id, case=case, run=locked)
            for draft, case in zip(new, cases, strict=True)
            if draft.external_id
        )
        RefusedRow.objects.bulk_create(refused)
        locked.groups_done += len(drafts)
        locked.rows_total += sum(len(draft.rows) for draft in drafts)
        locked.created += counts[plan.NEW]
        locked.updated += counts[plan.UPDATED]
        locked.unchanged += counts[plan.UNCHANGED]
        locked.refused += counts[plan.REFUSED]
        locked.save(update_fields=["groups_done", "rows_total", "created", "updated", "unchanged", "refused"])
    run.groups_done = locked.groups_done


def _resolve(value, *, actor):
    """A taxonomy entry an administrator confirmed is created the first time it is written."""
    if not isinstance(value, plan.NewEntry):
        return value
    model = value.model
    existing = model.objects.filter(code=value.code).first()
    if existing is not None:
        return existing
    # The one label the sheet gives serves both languages until an administrator translates it.
    entry = model(code=value.code, label_en=value.text[:120], label_ar=value.text[:120])
    entry.full_clean()
    entry._history_user = actor
    entry.save()
    return entry


def _resolved(fields: dict, *, actor) -> dict:
    return {name: _resolve(value, actor=actor) for name, value in fields.items() if name != plan.LISTED}


def _tags(names, known=None):
    """The tags of these names, created where missing; ``known`` (name → tag) saves asking again."""
    known = {} if known is None else known
    for name in names:
        if name[:80] not in known:
            known[name[:80]] = Tag.objects.get_or_create(name=name[:80])[0]
    return [known[name[:80]] for name in names]


def _tags_of_batch(names: set[str], *, actor, run: ImportRun) -> dict:
    """The tags of ``names`` by name, those missing created together, with their versions."""
    known = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=name) for name in sorted(names - known.keys())]
    if not missing:
        return known
    try:
        with transaction.atomic():
            Tag.objects.bulk_create(missing)
    except IntegrityError:  # another import created one of them meanwhile
        return {**known, **{name: _tags([name])[0] for name in names - known.keys()}}
    Tag.history.bulk_history_create(missing, default_user=actor, default_change_reason=import_reason(run.pk))
    return {**known, **{tag.name: tag for tag in missing}}


def _write_new(drafts: list[plan.Draft], *, actor, planner: plan.Planner, run: ImportRun) -> list:
    """The batch's new cases in one go, each as ``_write_draft`` would write it."""
    if not drafts:
        return []
    known = _tags_of_batch({name[:80] for draft in drafts for name in draft.tags}, actor=actor, run=run)
    defaults = planner.defaults_for_new_cases()
    return case_create_many(
        actor=actor,
        change_reason=import_reason(run.pk),
        cases=[
            NewCase(
                fields={**defaults, **draft.case},
                tags=_tags(draft.tags, known),
                persons=[_resolved(person, actor=actor) for person in draft.new_persons],
                acts=[_resolved(act, actor=actor) for act in draft.new_acts],
                items=content.writes_of(draft, resolve=lambda value: _resolve(value, actor=actor)),
                checked=True,  # by the planner's ``_validate``, on these values
            )
            for draft in drafts
        ],
    )


def _write_draft(draft: plan.Draft, *, actor, planner: plan.Planner):
    if draft.existing is None:
        fields = {**planner.defaults_for_new_cases(), **draft.case}
        case = case_create(actor=actor, tags=_tags(draft.tags), **fields)
    else:
        case = draft.existing
        changes = dict(draft.changes)
        changes.pop("status", None)
        tags = changes.pop("tags", None)
        if changes or tags is not None:
            case = case_update(actor=actor, case=case, tags=_tags(tags) if tags is not None else None, **changes)
    if draft.outcome == plan.UNCHANGED:
        return case
    for person in draft.new_persons:
        person_save(actor=actor, case=case, refresh=False, **_resolved(person, actor=actor))
    for person, changed in draft.changed_persons:
        person_save(actor=actor, case=case, person=person, refresh=False, **_resolved(changed, actor=actor))
    for act in draft.new_acts:
        violation_save(actor=actor, case=case, refresh=False, **_resolved(act, actor=actor))
    for violation, changed in draft.changed_acts:
        violation_save(actor=actor, case=case, violation=violation, refresh=False, **changed)
    if draft.new_persons or draft.changed_persons or draft.new_acts or draft.changed_acts:
        case_refresh_search(case=case)
    content.write(
        draft,
        case=case,
        actor=actor,
        resolve=lambda value: _resolve(value, actor=actor),
        change_reason=current_reason(),  # the import's: its batch is being written
    )
    return case


def _fail(run: ImportRun, error: str) -> str:
    """A failed import cannot be started again: its file goes, and the user uploads it anew.
    Its refused rows go too: only a finished import offers them for download."""
    _forget_file(run)
    RefusedRow.objects.filter(run=run).delete()
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.FAILED, error=error, finished_at=timezone.now(), stored_name=""
    )
    return ImportRun.Status.FAILED


def _forget_file(run: ImportRun) -> None:
    """Delete the kept file unless another import still waiting or running holds the same bytes."""
    if not run.stored_name:
        return
    sharing = ImportRun.objects.filter(stored_name=run.stored_name).exclude(pk=run.pk)
    if not sharing.exclude(status__in=(ImportRun.Status.DONE, ImportRun.Status.FAILED)).exists():
        default_storage.delete(run.stored_name)


def _finish(run: ImportRun, *, actor) -> None:
    """Done: the file kept as evidence if asked, else deleted; the audit entry with the counts."""
    run.refresh_from_db()
    if run.keep_on_case_id:
        from evidence.services import evidence_add

        with local_path(run) as path, open(path, "rb") as handle:
            evidence_add(actor=actor, case=run.keep_on_case, uploaded=File(handle, name=run.file_name))
    if (
        run.stored_name
        and not ImportRun.objects.filter(stored_name=run.stored_name)
        .exclude(pk=run.pk)
        .exclude(status__in=(ImportRun.Status.DONE, ImportRun.Status.FAILED))
        .exists()
    ):
        default_storage.delete(run.stored_name)
    with transaction.atomic():
        run.status = ImportRun.Status.DONE
        run.finished_at = timezone.now()
        run.stored_name = ""
        run.save(update_fields=["status", "finished_at", "stored_name"])
        record(
            actor=actor,
            action=Action.CASES_IMPORTED,
            target=run,
            detail={
                "file": run.file_name,
                "sha256": run.sha256,
                "rows": run.rows_total,
                "new": run.created,
                "updated": run.updated,
                "unchanged": run.unchanged,
                "refused": run.refused,
            },
        )
