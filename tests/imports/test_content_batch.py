"""A takedown log's content items are written a batch at a time: what ``content_item_save`` and
``content_status_record`` write one by one, each item with one version per batch, in a number of
queries that does not grow with the rows."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from casebook.models import AuditEvent
from cases.choices import StatusSource
from cases.models import Case, ContentItem
from cases.services import content_item_save, content_status_record, local_today
from imports import content, services
from imports.models import ImportRun
from imports.services import running
from tests.imports.files import csv_bytes, upload

pytestmark = pytest.mark.django_db

HEADER = ["URL", "Platform", "Kind", "Content id", "Author", "Published", "Removed", "Status", "Status date"]
HEADER += ["According to", "Policy", "Country"]
A1 = ["https://www.instagram.com/p/A1/", "Instagram", "post", "A1", "@voice", "2026-05-01", "2026-05-03"]
A2 = ["https://www.instagram.com/reel/A2/", "IG", "video", "A2", "@voice", "2026-05-02", ""]
A3 = ["https://www.instagram.com/reel/A3/", "Instagram", "video", "A3", "@voice", "2026-06-02", "2026-06-03"]
X99 = ["https://x.com/other/status/99", "X", "post", "99", "@other", "2026-04-10", "2026-04-12"]
FIRST_MONTH = [
    [*A1, "removed", "2026-05-03", "Platform notice", "Violence and incitement", "Egypt"],
    [*A1, "restored", "2026-05-10", "Check by the team", "", "Egypt"],  # the same post, back online
    [*A2, "removed", "", "user report", "", "Egypt"],
    [*X99, "removed", "", "", "", "Jordan"],
]
# The first post removed again; the reel's status on a day before the one recorded (its history
# only); a new reel of the same account; the X post's policy learned since.
NEXT_MONTH = [
    [*A1, "removed", "2026-06-01", "Check by the team", "Violence and incitement", "Egypt"],
    [*A2, "restored", "2026-05-05", "user report", "", "Egypt"],
    [*A3, "removed", "2026-06-03", "Platform notice", "", "Egypt"],
    [*X99, "removed", "", "", "Hateful conduct", "Jordan"],
]


def mapping_for(run) -> dict:
    header, sample = services.run_sample(run)
    return {
        "columns": services.suggest_mapping(header, sample),
        "group_by": "4",
        "defaults": {"sensitivity": "normal", "verification_level": "unverified"},
        "source": "takedown log",
    }


def import_log(user, rows, name="log.csv") -> ImportRun:
    run = services.import_upload(actor=user, uploaded=upload(name, csv_bytes(rows, header=HEADER)))
    return services.import_start(actor=user, run=run, mapping=mapping_for(run))


def one_at_a_time(*, actor, writes, change_reason="", today=None):
    """The write path before batches: each item through ``content_item_save``, each further status
    through ``content_status_record``."""
    today = local_today()
    for write in writes:
        statements = list(write.statements)
        if write.item is None:
            first = statements.pop(0) if statements else None
            item = content_item_save(
                actor=actor,
                case=write.case,
                platform=write.platform,
                status=first.status if first else None,
                status_on=first.on if first else None,
                source=first.source if first else StatusSource.IMPORT,
                refresh=False,
                **write.fields,
            )
        else:
            item = write.item
            if write.fields:
                item = content_item_save(actor=actor, case=write.case, item=item, refresh=False, **write.fields)
        for statement in statements:
            content_status_record(
                actor=actor, item=item, status=statement.status, on=statement.on or today, source=statement.source
            )


def one_case_at_a_time(drafts, *, actor, planner, run):
    return [running._write_draft(draft, actor=actor, planner=planner) for draft in drafts]


def snapshot(runs) -> dict:
    """What the imports wrote, without primary keys or the runs' ids."""
    names = {str(run.pk): f"run {number}" for number, run in enumerate(runs, start=1)}

    def reason(stored: str) -> str:
        return names.get(stored.rsplit("=", 1)[-1], stored)

    items = {}
    for item in ContentItem.objects.select_related("case", "platform").order_by("content_id"):
        items[item.content_id] = {
            "case": item.case.title,
            "fields": (item.url, item.kind, item.platform.code, item.author_handle, item.published_on, item.removed_on),
            "policy": item.policy,
            "status": (item.status, item.status_on, item.checked_on),
            "statements": [
                (change.previous_status, change.status, change.on, change.source, change.recorded_by_id)
                for change in item.status_changes.order_by("id")
            ],
            "versions": [
                (
                    version.history_type,
                    version.history_user_id,
                    reason(version.history_change_reason),
                    version.status,
                    version.status_on,
                    version.policy,
                )
                for version in item.history.order_by("history_id")
            ],
        }
    titles = {str(item.pk): item.content_id for item in ContentItem.objects.all()}
    audit = [
        (
            event.action,
            Case.objects.get(reference=event.case_reference).title,
            event.target_type,
            titles.get(event.target_id, ""),
            event.detail,
        )
        for event in AuditEvent.objects.filter(action__startswith="content.").order_by("sequence")
    ]
    search = {case.title: (case.search_text, case.people_search_text) for case in Case.objects.all()}
    return {"items": items, "audit": audit, "search": search}


def one_version_per_run(versions: list[tuple]) -> list[tuple]:
    """The versions one at a time writes, as a batch writes them: one per run, of the kind and
    reason of the run's first, in the state of its last."""
    kept: dict[str, tuple] = {}
    for version in versions:
        first = kept.get(version[2], version)
        kept[version[2]] = (*first[:3], *version[3:])
    return list(kept.values())


def test_a_batch_writes_what_one_item_at_a_time_wrote_with_one_version_per_batch(officer, monkeypatch):
    with transaction.atomic():
        runs = [import_log(officer, FIRST_MONTH), import_log(officer, NEXT_MONTH, "next.csv")]
        batched = snapshot(runs)
        transaction.set_rollback(True)
    monkeypatch.setattr(running, "_write_new", one_case_at_a_time)
    monkeypatch.setattr(content, "content_write_many", one_at_a_time)
    runs = [import_log(officer, FIRST_MONTH), import_log(officer, NEXT_MONTH, "next.csv")]
    single = snapshot(runs)

    assert [(run.created, run.updated) for run in runs] == [(2, 0), (0, 2)]
    assert list(batched["items"]) == list(single["items"]) == ["99", "A1", "A2", "A3"]
    for content_id, item in single["items"].items():
        expected = {**item, "versions": one_version_per_run(item["versions"])}
        assert batched["items"][content_id] == expected, content_id
    assert batched["audit"] == single["audit"]
    assert batched["search"] == single["search"]
    # Not two empty snapshots: the first post's statuses, each with the one it replaced.
    first = batched["items"]["A1"]
    assert [statement[:4] for statement in first["statements"]] == [
        ("", "removed", first["status"][1].replace(day=3, month=5), "platform_notice"),
        ("removed", "restored", first["status"][1].replace(day=10, month=5), "team_check"),
        ("restored", "removed", first["status"][1], "team_check"),
    ]
    assert [version[:3] for version in first["versions"]] == [("+", officer.pk, "run 1"), ("~", officer.pk, "run 2")]
    assert [version[:3] for version in single["items"]["A1"]["versions"]] == [
        ("+", officer.pk, "run 1"),
        ("~", officer.pk, "run 1"),
        ("~", officer.pk, "run 2"),
    ]
    assert [entry[0] for entry in batched["audit"] if entry[3] == "99"] == ["content.added", "content.changed"]
    reel = batched["items"]["A2"]
    assert [statement[1] for statement in reel["statements"]] == ["removed", "restored"]
    assert reel["status"][0] == "removed" and len(reel["versions"]) == 1  # its creation only
    assert ("content.changed", "Takedowns of @other on X", "cases.contentitem", "99", '{"fields": ["policy"]}') in (
        batched["audit"]
    )


def log_rows(first: int, count: int, *, accounts: bool) -> list[list[str]]:
    """``count`` posts, each removed then restored (two rows), of one account each or all of one."""
    rows = []
    for number in range(first, first + count):
        handle = f"@voice{number}" if accounts else "@voice"
        url = f"https://www.instagram.com/p/P{number}/"
        common = [url, "Instagram", "post", f"P{number}", handle, "2026-05-01", "2026-05-03"]
        rows.append([*common, "removed", "2026-05-03", "Platform notice", "", "Egypt"])
        rows.append([*common, "restored", "2026-05-09", "Check by the team", "", "Egypt"])
    return rows


def queries_of(user, rows, name) -> int:
    with CaptureQueriesContext(connection) as queries:
        run = import_log(user, rows, name)
    assert run.refused == 0
    return len(queries)


def test_the_queries_of_a_log_do_not_grow_with_its_cases_or_their_items(officer, settings):
    settings.IMPORT_BATCH = 100
    import_log(officer, log_rows(1, 2, accounts=True), "warm.csv")  # what is read once per process is read

    # Sizes whose inserts each fit one statement on SQLite (999 values at most).
    new_cases = {size: queries_of(officer, log_rows(100 * size, size, accounts=True), f"{size}.csv") for size in (2, 8)}
    one_case = {
        size: queries_of(officer, log_rows(1000 * size, size, accounts=False), f"one{size}.csv") for size in (2, 8)
    }

    assert new_cases[8] == new_cases[2]
    assert one_case[8] == one_case[2]
    assert Case.objects.get(title="Takedowns of @voice807 on Instagram").content_items.get().status == "restored"
    assert Case.objects.filter(title="Takedowns of @voice on Instagram").count() == 2  # one per import


def test_the_items_a_log_adds_to_a_recorded_case_take_queries_that_do_not_grow_with_them(officer, case, settings):
    header = ["Reference", "URL", "Platform", "Status", "Status date", "According to"]

    def queries(first, count) -> int:
        rows = [
            [case.reference, f"https://t.me/channel/{number}", "Telegram", status, on, source]
            for number in range(first, first + count)
            for status, on, source in (("removed", "2026-05-02", "Platform notice"), ("geo-blocked", "", ""))
        ]
        run = services.import_upload(actor=officer, uploaded=upload(f"{first}.csv", csv_bytes(rows, header=header)))
        mapping = {**mapping_for(run), "group_by": "0"}  # every row names the case
        with CaptureQueriesContext(connection) as captured:
            run = services.import_start(actor=officer, run=run, mapping=mapping)
        assert (run.updated, run.refused) == (1, 0)
        return len(captured)

    queries(1, 1)  # what is read once per process is read
    counts = {count: queries(100 * count, count) for count in (2, 8)}

    assert counts[8] == counts[2]
    items = case.content_items.all()
    assert items.count() == 1 + 2 + 8
    assert {item.status for item in items} == {"geo_blocked"}
    assert all(item.history.count() == 1 for item in items)


def test_a_log_batch_that_fails_writes_none_of_its_cases_or_items(officer, settings, monkeypatch):
    settings.IMPORT_BATCH = 2
    rows = log_rows(1, 4, accounts=True)
    run = services.import_upload(actor=officer, uploaded=upload("log.csv", csv_bytes(rows, header=HEADER)))
    settings.CASEBOOK_BACKGROUND_JOBS = True
    run = services.import_start(actor=officer, run=run, mapping=mapping_for(run))
    assert services.import_execute(run_id=run.pk, stop_after_batches=1) == "running"
    written = (Case.objects.count(), ContentItem.objects.count(), AuditEvent.objects.count())
    assert written[:2] == (2, 2)

    def statuses_down(*args, **kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr("cases.services.content_many.ContentStatusChange.objects.bulk_create", statuses_down)
    assert services.import_execute(run_id=run.pk) == "failed"
    assert (Case.objects.count(), ContentItem.objects.count(), AuditEvent.objects.count()) == written
