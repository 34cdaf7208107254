"""Imports: keep the file, preview what it would do, then write it batch by batch.

Every write goes through the cases services (validation, history, audit),
with ``import:<run id>`` as the history's reason. Each batch of cases is one
transaction that also advances the run's progress, so a worker stopped
midway writes nothing twice when the import runs again.
"""

import contextlib
import csv
import io
import logging
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casebook.audit import Action, record
from cases.export import _cell
from cases.models import Tag
from cases.services import case_create, case_refresh_search, case_update, person_save, violation_save
from evidence import storage
from evidence.uploads import check_upload
from imports import fields as catalogue
from imports import plan
from imports.history import importing
from imports.models import ImportedRecord, ImportMapping, ImportRun, RefusedRow
from imports.reading import Unreadable, file_format_for, header_and_rows, open_source, sheet_names

logger = logging.getLogger(__name__)

PENDING = "imports/pending"
PREVIEW_ROWS = 5000
PREVIEW_CASES = 20
MAX_LISTED_PROBLEMS = 500


def may_import(user) -> bool:
    return user.has_perm("imports.add_importrun")


def _require(user) -> None:
    if not may_import(user):
        raise PermissionDenied


# --- The file -----------------------------------------------------------------------


def import_upload(*, actor, uploaded) -> ImportRun:
    """Check the file like evidence, keep it under its hash until the import is done, record the run.

    Raises UploadRefused or Unreadable with a message for the user; nothing is kept then.
    """
    _require(actor)
    received = _received(uploaded)
    try:
        return _keep(actor=actor, uploaded=received)
    finally:
        if received is not uploaded:
            with contextlib.suppress(FileNotFoundError):
                received.close()


def _keep(*, actor, uploaded) -> ImportRun:
    verdict = check_upload(uploaded)
    file_format = file_format_for(verdict.media_type, uploaded.name)
    path = uploaded.temporary_file_path()
    source = open_source(path, file_format=file_format)
    sheets = sheet_names(source)
    header_and_rows(open_source(path, file_format=file_format, sheet=sheets[0] if sheets else ""))
    name = f"{PENDING}/{uploaded.sha256}.{file_format}"
    if not storage.exists(name):
        storage.write_verified(name, uploaded, sha256=uploaded.sha256, size=uploaded.size)
    with transaction.atomic():
        run = ImportRun(
            file_name=os.path.basename(uploaded.name)[:255],
            sha256=uploaded.sha256,
            size=uploaded.size,
            stored_name=name,
            file_format=file_format,
            sheet=sheets[0] if sheets else "",
            encoding=source.encoding,
            requested_by=actor,
            language=(translation.get_language() or "en")[:2],
        )
        run.full_clean()
        run.save()
        record(
            actor=actor,
            action=Action.IMPORT_UPLOADED,
            target=run,
            detail={"file": run.file_name, "sha256": run.sha256, "size": run.size},
        )
    return run


def _received(uploaded):
    """A file from the upload handler as it is (on disk, hashed); any other file spooled and hashed the same way."""
    if hasattr(uploaded, "temporary_file_path") and hasattr(uploaded, "sha256"):
        return uploaded
    import hashlib

    from django.core.files.uploadedfile import TemporaryUploadedFile

    spooled = TemporaryUploadedFile(uploaded.name, "application/octet-stream", 0, None)
    hasher = hashlib.sha256()
    uploaded.seek(0)
    while chunk := uploaded.read(1024 * 1024):
        hasher.update(chunk)
        spooled.write(chunk)
    spooled.flush()
    spooled.size = spooled.tell()
    spooled.sha256 = hasher.hexdigest()
    return spooled


@contextlib.contextmanager
def local_path(run: ImportRun) -> Iterator[str]:
    """A path on the local disk to the kept file (a temporary copy when storage is remote)."""
    if storage.is_local():
        yield default_storage.path(run.stored_name)
        return
    with tempfile.NamedTemporaryFile(suffix=f".{run.file_format}", dir=settings.FILE_UPLOAD_TEMP_DIR) as copy:
        for chunk in storage.read_chunks(run.stored_name):
            copy.write(chunk)
        copy.flush()
        yield copy.name


def run_sheets(run: ImportRun) -> list[str]:
    with local_path(run) as path:
        return sheet_names(open_source(path, file_format=run.file_format))


def run_sample(run: ImportRun, *, rows: int = 50) -> tuple[list[str], list[list[str]]]:
    """The header and the first rows, for the mapping page and its suggestions."""
    with local_path(run) as path:
        source = open_source(path, file_format=run.file_format, sheet=run.sheet, encoding=run.encoding)
        header, body = header_and_rows(source)
        sample = []
        for _number, cells in body:
            sample.append(cells)
            if len(sample) >= rows:
                break
    return header, sample


# --- Mappings -----------------------------------------------------------------------


def suggest_mapping(header: list[str], sample: list[list[str]]) -> dict[str, str]:
    """Column index → field: from the header's words first, then from what the values look like."""
    from imports.values import CellProblem, TaxonomyIndex, read_country, read_date

    suggested: dict[str, str] = {}
    for index, title in enumerate(header):
        key = catalogue.suggest_field(title)
        if key and key not in suggested.values():
            suggested[str(index)] = key
    readers = [
        ("start_date", read_date),
        ("country", read_country),
        ("platform", TaxonomyIndex(catalogue.BY_KEY["platform"].model).find),
        ("violation_type", TaxonomyIndex(catalogue.BY_KEY["violation_type"].model).find),
    ]
    for index in range(len(header)):
        if str(index) in suggested:
            continue
        values = [row[index] for row in sample if index < len(row) and row[index]]
        if not values:
            continue
        for key, reader in readers:
            if key in suggested.values():
                continue
            readable = 0
            for value in values:
                with contextlib.suppress(CellProblem):
                    reader(value)
                    readable += 1
            if readable >= max(1, len(values) * 8 // 10):
                suggested[str(index)] = key
                break
    return suggested


def mapping_from_saved(saved: ImportMapping, header: list[str]) -> dict:
    """A saved mapping applied to this file's header (columns found by their header text)."""
    columns = {str(index): saved.columns[title] for index, title in enumerate(header) if title in saved.columns}
    options = dict(saved.options)
    group_by = options.pop("group_by", "")
    mapping = {"columns": columns, "values": dict(saved.values), **options}
    mapping["group_by"] = str(header.index(group_by)) if group_by in header else ""
    return mapping


@transaction.atomic
def mapping_save(*, actor, name: str, mapping: dict, header: list[str]) -> ImportMapping:
    """Keep a mapping under a name, by header text, for next month's file; the same name replaces it."""
    _require(actor)
    columns = {}
    for index, key in mapping.get("columns", {}).items():
        if key and int(index) < len(header):
            columns[header[int(index)]] = key
    group_by = mapping.get("group_by", "")
    options = {
        "defaults": mapping.get("defaults", {}),
        "source": mapping.get("source", ""),
        "group_by": header[int(group_by)] if group_by not in ("", None) and int(group_by) < len(header) else "",
    }
    saved = ImportMapping.objects.filter(name=name.strip()).first() or ImportMapping(
        name=name.strip(), created_by=actor
    )
    saved.columns, saved.values, saved.options = columns, mapping.get("values", {}), options
    saved.full_clean()
    saved.save()
    return saved


def check_mapping(mapping: dict) -> None:
    """Refuses a mapping that cannot make a case, or that asks nothing where the sheet says nothing."""
    keys = [key for key in mapping.get("columns", {}).values() if key]
    errors = []
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        errors.append(
            _("Each field takes one column; these were chosen twice: %(fields)s.")
            % {"fields": ", ".join(str(catalogue.BY_KEY[key].label) for key in duplicates)}
        )
    if not ({"title", "country"} <= set(keys) or {"reference", "external_id"} & set(keys)):
        errors.append(_("Choose the columns of the title and the country (or a reference to update cases)."))
    defaults = mapping.get("defaults", {})
    for name in catalogue.DEFAULTED:
        if name not in keys and not defaults.get(name):
            errors.append(
                _("The sheet has no column for “%(field)s”: choose the value new cases take.")
                % {"field": catalogue.BY_KEY[name].label}
            )
    if errors:
        raise ValidationError(errors)


# --- Reading groups of rows -----------------------------------------------------------


def _key_column(mapping: dict) -> int | None:
    if mapping.get("group_by") not in ("", None):
        return int(mapping["group_by"])
    for index, key in mapping.get("columns", {}).items():
        if key in ("external_id", "reference"):
            return int(index)
    return None


def _key(column: int | None, number: int, cells: list[str]) -> str:
    if column is not None and column < len(cells) and cells[column].strip():
        return cells[column].strip()
    return f"#{number}"


def iter_groups(path: str, run: ImportRun, mapping: dict) -> tuple[list[str], int, Iterator[tuple[str, list]]]:
    """The header, the number of groups, and the groups of rows (one case each) in a stable order.

    Two passes over the file: the first counts each key's rows, the second
    hands a group over as soon as its last row is read; memory holds only
    the groups still open, so a file sorted by its key streams.
    """
    column = _key_column(mapping)

    def source():
        return open_source(path, file_format=run.file_format, sheet=run.sheet, encoding=run.encoding)

    header, rows = header_and_rows(source())
    counts = Counter(_key(column, number, cells) for number, cells in rows)

    def groups():
        open_groups: dict[str, list] = {}
        _header, body = header_and_rows(source())
        for number, cells in body:
            key = _key(column, number, cells)
            group = open_groups.setdefault(key, [])
            group.append((number, cells))
            if len(group) == counts[key]:
                yield key, open_groups.pop(key)

    return header, len(counts), groups()


def _batches(iterator, size: int):
    batch = []
    for item in iterator:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- Preview --------------------------------------------------------------------------


@dataclass
class Preview:
    header: list[str]
    drafts: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    problem_count: int = 0
    counts: dict = field(
        default_factory=lambda: dict.fromkeys((plan.NEW, plan.UPDATED, plan.UNCHANGED, plan.REFUSED), 0)
    )
    rows_seen: int = 0
    complete: bool = True
    unknown: dict = field(default_factory=dict)  # taxonomy field → values no entry matches


def import_preview(*, actor, run: ImportRun, mapping: dict) -> Preview:
    """What the import would do, without writing: the first cases, every problem by row and column,
    and the counts; over the first PREVIEW_ROWS rows of a larger file."""
    _require(actor)
    with local_path(run) as path:
        header, _total, groups = iter_groups(path, run, mapping)
        planner = plan.Planner(mapping=mapping, header=header, user=actor, source=mapping.get("source", ""))
        preview = Preview(header=header)
        for batch in _batches(groups, settings.IMPORT_BATCH):
            drafts = [planner.draft(key, rows) for key, rows in batch]
            planner.classify(drafts)
            for draft in drafts:
                preview.counts[draft.outcome] += len(draft.rows) if draft.outcome == plan.REFUSED else 1
                preview.rows_seen += len(draft.rows)
                if len(preview.drafts) < PREVIEW_CASES:
                    preview.drafts.append(draft)
                for problem in draft.problems:
                    preview.problem_count += 1
                    if len(preview.problems) < MAX_LISTED_PROBLEMS:
                        preview.problems.append(problem)
            if preview.rows_seen >= PREVIEW_ROWS:
                preview.complete = False
                break
    preview.problems.sort(key=lambda problem: (problem.row, problem.column))
    preview.unknown = {key: sorted(values)[:100] for key, values in planner.unknown.items()}
    return preview


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
            case = _write_draft(draft, actor=actor, planner=planner)
            if draft.external_id and draft.existing is None:
                ImportedRecord.objects.create(source=run.source, external_id=draft.external_id, case=case, run=locked)
            counts[draft.outcome] += 1
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


def _tags(names):
    return [Tag.objects.get_or_create(name=name[:80])[0] for name in names]


def _write_draft(draft: plan.Draft, *, actor, planner: plan.Planner):
    if draft.existing is None:
        fields = {**planner._defaults(), **draft.case}
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
    return case


def _fail(run: ImportRun, error: str) -> str:
    """A failed import cannot be started again: its file goes, and the user uploads it anew."""
    _forget_file(run)
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


# --- The report -----------------------------------------------------------------------


def refused_csv(run: ImportRun) -> Iterator[str]:
    """The refused rows as they were, with the reason in a last column; cells neutralised for spreadsheets."""
    header = None
    with contextlib.suppress(Exception):
        header = run.mapping.get("header")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([_cell(title) for title in (header or [])] + [_("Reason refused")])
    yield buffer.getvalue()
    for refused in run.refused_rows.order_by("row").iterator(chunk_size=1000):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(value) for value in refused.cells] + [_cell(refused.reason)])
        yield buffer.getvalue()


def import_reread(*, actor, run: ImportRun, sheet: str, encoding: str) -> ImportRun:
    """Read the file from another sheet, or as another encoding; raises Unreadable when it cannot be."""
    _require(actor)
    if run.requested_by_id != actor.pk or run.status != ImportRun.Status.UPLOADED:
        raise PermissionDenied
    with local_path(run) as path:
        if run.file_format == "csv":
            header_and_rows(open_source(path, file_format=run.file_format, encoding=encoding))
            run.encoding = encoding
        elif sheet in sheet_names(open_source(path, file_format=run.file_format)):
            header_and_rows(open_source(path, file_format=run.file_format, sheet=sheet))
            run.sheet = sheet
    run.full_clean()
    run.save(update_fields=["sheet", "encoding"])
    return run


def run_get_for_user(user, pk) -> ImportRun:
    """The user's own import; raises Http404 for missing imports and for anyone else's alike."""
    from django.http import Http404

    run = ImportRun.objects.filter(pk=pk, requested_by_id=user.pk).first()
    if run is None or not may_import(user):
        raise Http404
    return run


def runs_for_user(user) -> list[ImportRun]:
    return list(ImportRun.objects.filter(requested_by_id=user.pk).order_by("-created_at")[:20])
