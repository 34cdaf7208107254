"""The rows in groups (one case each), and the preview of what an import would do, without writing."""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings

from imports import plan
from imports.models import ImportRun
from imports.reading import header_and_rows, open_source
from imports.services.files import _require, local_path

PREVIEW_ROWS = 5000
PREVIEW_CASES = 20
MAX_LISTED_PROBLEMS = 500


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
