"""New cases are written a batch at a time: what writing them one by one writes, each record
with one version (its creation, holding its links) instead of one per step."""

import pytest
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebook.audit.verify import verify_audit_log
from casebook.models import AuditEvent
from cases import services as case_services
from cases.models import Case, Person, Violation
from imports import services
from imports.models import ImportedRecord
from imports.services import running
from tests.imports.conftest import sample_mapping
from tests.imports.files import HEADER as FILE_HEADER
from tests.imports.files import csv_bytes, upload

pytestmark = pytest.mark.django_db

HEADER = ["Row id", "العنوان", "Country", "التاريخ", "المنصة", "Violation", "Name", "Link", "Tags", "Role", "السرد"]
ROWS = [
    [
        "1",
        "حذف منشور المدونة سمير الحداد",
        "Egypt",
        "2024-03-05",
        "فيسبوك",
        "حذف محتوى",
        "سمير الحداد",
        "https://fb.com/p/1",
        "انتخابات",
        "affected",
        "كتب سمير منشورا عن الانتخابات فحُذف",
    ],
    [
        "1",
        "حذف منشور المدونة سمير الحداد",
        "Egypt",
        "2024-03-05",
        "X",
        "account suspension",
        "",
        "https://x.com/s/2",
        "",
        "",
        "",
    ],
    ["2", "Arrest of a blogger", "TN", "2023-11", "FB", "arrest", "Leila Ben Ali", "", "Elections", "witness", ""],
    ["3", "Account suspended", "Jordan", "2022", "facebook", "Account suspension or deletion", "", "", "", "", ""],
    ["4", "Blocked site", "Atlantis", "2024-01-01", "FB", "blocking", "", "", "", "", ""],
]


def mapping() -> dict:
    columns = {**sample_mapping()["columns"], "8": "tags", "9": "person_role", "10": "narrative"}
    return sample_mapping(columns=columns, group_by="0")


def import_rows(user, rows=ROWS):
    run = services.import_upload(actor=user, uploaded=upload("log.csv", csv_bytes(rows, header=HEADER)))
    return services.import_start(actor=user, run=run, mapping=mapping())


def one_by_one(drafts, *, actor, planner, run):
    """The write path before batches: each new case through ``_write_draft``."""
    return [running._write_draft(draft, actor=actor, planner=planner) for draft in drafts]


def reason(version, run) -> str:
    return version.history_change_reason.replace(str(run.pk), "RUN")


def audited_object(event) -> tuple:
    """The record an audit entry names, by what it holds rather than by its primary key."""
    if event.target_type == "cases.person":
        person = Person.objects.get(pk=event.target_id)
        return ("person", person.case.reference, person.name)
    if event.target_type == "cases.violation":
        act = Violation.objects.select_related("violation_type", "platform").get(pk=event.target_id)
        return ("act", act.case.reference, act.violation_type.code, act.platform.code, act.content_concerned)
    return (event.target_type,)


def snapshot(run) -> dict:
    """What an import wrote, in terms that do not depend on primary keys or the run's id."""
    cases = {}
    imported = ImportedRecord.objects.filter(run=run).values("case_id")
    for case in Case.objects.filter(pk__in=imported).order_by("reference"):
        persons = list(case.persons.order_by("name"))
        names = {person.pk: person.name for person in persons}
        cases[case.reference] = {
            "fields": model_to_dict(case, exclude=["id", "tags", "assigned_officers"]),
            "search": (case.search_text, case.people_search_text, case.search_prefixes),
            "officers": sorted(case.assigned_officers.values_list("username", flat=True)),
            "tags": sorted(case.tags.values_list("name", flat=True)),
            "versions": [
                (
                    version.history_type,
                    version.history_user_id,
                    reason(version, run),
                    sorted(row.user_id for row in version.assigned_officers.all()),
                    sorted(row.tag.name for row in version.tags.all()),
                )
                for version in case.history.order_by("history_id")
            ],
            "persons": [
                (
                    model_to_dict(person, exclude=["id", "case"]),
                    [
                        (version.history_type, version.history_user_id, reason(version, run))
                        for version in person.history.order_by("history_id")
                    ],
                )
                for person in persons
            ],
            "acts": [
                (
                    model_to_dict(act, exclude=["id", "case", "affected_persons"]),
                    sorted(names[person.pk] for person in act.affected_persons.all()),
                    [
                        (
                            version.history_type,
                            version.history_user_id,
                            reason(version, run),
                            sorted(names[row.person_id] for row in version.affected_persons.all()),
                        )
                        for version in act.history.order_by("history_id")
                    ],
                )
                for act in case.violations.order_by("content_concerned", "pk")
            ],
        }
    audit = [
        (event.action, event.case_reference, event.actor_id, audited_object(event), event.detail)
        for event in AuditEvent.objects.filter(created_at__gte=run.created_at).order_by("sequence")
    ]
    records = sorted(ImportedRecord.objects.filter(run=run).values_list("source", "external_id", "case__reference"))
    return {"cases": cases, "audit": audit, "records": records, "counts": (run.created, run.refused, run.rows_total)}


def created_with_everything(versions: list[tuple]) -> list[tuple]:
    """One version for a record written step by step: its creation's user and reason, with the
    links its last version holds."""
    created, last = versions[0], versions[-1]
    return [(*created[:3], *last[3:])]


def as_one_version_each(case: dict) -> dict:
    return {
        **case,
        "versions": created_with_everything(case["versions"]),
        "acts": [(fields, affected, created_with_everything(versions)) for fields, affected, versions in case["acts"]],
    }


def test_a_batch_writes_what_one_case_at_a_time_wrote_with_one_version_per_record(officer, monkeypatch):
    with transaction.atomic():
        batched = snapshot(import_rows(officer))
        transaction.set_rollback(True)
    monkeypatch.setattr(running, "_write_new", one_by_one)
    single = snapshot(import_rows(officer))

    assert batched["counts"] == single["counts"] == (3, 1, 5)
    assert list(batched["cases"]) == list(single["cases"])
    for reference, case in single["cases"].items():
        assert batched["cases"][reference] == as_one_version_each(case), reference
    # A batch audits what one at a time audits, in the same order: each case it creates, then
    # each of the case's persons and acts, each entry naming its record.
    assert batched["audit"] == single["audit"]
    actions = [entry[0] for entry in batched["audit"]]
    assert actions.count("case.created") == 3
    assert actions.count("person.added") == 2 and actions.count("violation.added") == 4
    first_case = min(batched["cases"])
    assert [entry for entry in batched["audit"] if entry[1] == first_case] == [
        ("case.created", first_case, officer.pk, ("",), ""),
        ("person.added", first_case, officer.pk, ("person", first_case, "سمير الحداد"), ""),
        (
            "violation.added",
            first_case,
            officer.pk,
            ("act", first_case, "content_removal", "facebook", "https://fb.com/p/1"),
            "",
        ),
        (
            "violation.added",
            first_case,
            officer.pk,
            ("act", first_case, "account_suspension", "x", "https://x.com/s/2"),
            "",
        ),
    ]
    assert batched["records"] == single["records"]
    # Not a comparison of two empty snapshots: the imported cases have their acts, persons and versions.
    first = single["cases"][min(single["cases"])]
    assert len(first["acts"]) == 2 and first["persons"][0][0]["name"] == "سمير الحداد"
    # One by one (the case form's path): created, then officers assigned, then tags set; an act
    # created, then its affected persons set.
    assert [version[0] for version in first["versions"]] == ["+", "~", "~"]
    assert [version[0] for version in first["acts"][0][2]] == ["+", "~"]
    # A batch: each record created once, with its officers, tags and affected persons.
    batch_first = batched["cases"][min(batched["cases"])]
    assert batch_first["versions"] == [("+", officer.pk, "casebook:imported:run=RUN", [officer.pk], ["انتخابات"])]
    assert batch_first["acts"][0][2] == [("+", officer.pk, "casebook:imported:run=RUN", ["سمير الحداد"])]
    assert sum(1 for event in single["audit"] if event[0] == "case.created") == 3


def test_imported_cases_have_the_next_references_in_sequence(officer):
    before = case_services.case_create(actor=officer, title="Before", country="EG")

    run = import_rows(officer, ROWS * 1)
    after = case_services.case_create(actor=officer, title="After", country="EG")

    numbers = [int(reference.rsplit("-", 1)[1]) for reference in Case.objects.values_list("reference", flat=True)]
    first = int(before.reference.rsplit("-", 1)[1])
    assert sorted(numbers) == list(range(first, first + run.created + 2))
    assert int(after.reference.rsplit("-", 1)[1]) == first + run.created + 1


def test_the_audit_chain_holds_after_a_batch(officer):
    case_services.case_create(actor=officer, title="Before", country="EG")

    import_rows(officer)

    verification = verify_audit_log()
    assert verification.ok, verification.problems
    created = AuditEvent.objects.filter(action="case.created").order_by("sequence")
    assert [event.case_reference for event in created] == sorted(Case.objects.values_list("reference", flat=True))
    sequences = list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, len(sequences) + 1))


def search(client, text):
    return [case.title for case in client.get(reverse("cases:list"), {"q": text}).context["page"]]


def test_imported_cases_are_found_by_arabic_and_english_words(as_user, officer, advocacy):
    import_rows(officer)

    assert search(as_user(officer), "المدونة") == ["حذف منشور المدونة سمير الحداد"]
    assert search(as_user(officer), "بالانتخابات") == ["حذف منشور المدونة سمير الحداد"]  # the narrative, a prefix
    assert search(as_user(officer), "blogger") == ["Arrest of a blogger"]
    assert search(as_user(officer), "اعتقال") == ["Arrest of a blogger"]  # the act's type in Arabic
    assert search(as_user(officer), "elections") == ["Arrest of a blogger"]  # a tag
    # The name, in the title and the narrative, only for those who may read names.
    assert search(as_user(officer), "الحداد") == ["حذف منشور المدونة سمير الحداد"]
    case = Case.objects.get(title="حذف منشور المدونة سمير الحداد")
    assert "سمير" not in case.search_text and "حداد" not in case.search_text


def test_a_batch_that_fails_leaves_nothing_and_the_import_goes_on_from_it(officer, settings, monkeypatch):
    settings.IMPORT_BATCH = 2
    rows = [[str(number), f"Case {number}", "EG", "2024-01-01", "FB", "removal", "", ""] for number in range(5)]
    run = services.import_upload(actor=officer, uploaded=upload("big.csv", csv_bytes(rows)))
    settings.CASEBOOK_BACKGROUND_JOBS = True
    run = services.import_start(actor=officer, run=run, mapping=sample_mapping())
    assert services.import_execute(run_id=run.pk, stop_after_batches=1) == "running"
    events = AuditEvent.objects.count()

    def audit_down(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("cases.services.bulk.record_many", audit_down)
    run.refresh_from_db()
    planner = running.plan.Planner(mapping=run.mapping, header=FILE_HEADER, user=officer, source=run.source)
    row = ["9", "Case 9", "EG", "2024-01-01", "FB", "removal", "", ""]
    with pytest.raises(RuntimeError):
        running._write_batch(run=run, actor=officer, planner=planner, batch=[("9", [(9, row)])], header=FILE_HEADER)
    assert Case.objects.count() == 2 and AuditEvent.objects.count() == events
    monkeypatch.undo()

    assert services.import_execute(run_id=run.pk) == "done"
    assert sorted(Case.objects.values_list("title", flat=True)) == [f"Case {number}" for number in range(5)]


@pytest.mark.parametrize(
    ("language", "created", "reason", "labels"),
    [
        ("en", "created", "imported from a spreadsheet", ("Tags", "Assigned officers", "Affected persons")),
        ("ar", "أُنشئ", "استيراد من جدول بيانات", ("الوسوم", "المسؤولون المكلّفون", "الأشخاص المتضرّرون")),
    ],
)
def test_the_history_shows_an_imported_case_created_with_its_tags_officers_and_persons(
    as_user, officer, language, created, reason, labels
):
    import_rows(officer)
    case = Case.objects.get(title="حذف منشور المدونة سمير الحداد")
    client = as_user(officer)
    client.cookies["django_language"] = language

    page = client.get(reverse("cases:history", args=[case.reference])).text
    entries = page.split('<ol class="history">')[1].split("</ol>")[0].split("<li")[1:]

    case_entries = [entry for entry in entries if case.reference in entry]
    assert len(case_entries) == 1  # its creation, nothing after it
    (entry,) = case_entries
    assert created in entry and reason in entry
    assert labels[0] in entry and "انتخابات" in entry
    assert labels[1] in entry and officer.username in entry
    acts = [entry for entry in entries if labels[2] in entry]
    assert len(acts) == 2 and all("سمير الحداد" in entry and created in entry for entry in acts)


def new_rows(first: int, count: int) -> list[list[str]]:
    """``count`` new cases, each with its new tag, its affected person and its act."""
    return [
        [
            str(number),
            f"حذف منشور رقم {number}",
            "Egypt",
            "2024-03-05",
            "FB",
            "حذف محتوى",
            f"سمير الحداد {number}",
            f"https://fb.com/p/{number}",
            f"وسم {number}",
            "affected",
            f"كتب منشورا رقم {number}",
        ]
        for number in range(first, first + count)
    ]


def test_the_queries_of_a_batch_do_not_grow_with_its_size(officer, settings):
    settings.IMPORT_BATCH = 100
    import_rows(officer, new_rows(1000, 2))  # what is read once per process is read

    counts = {}
    # Sizes whose inserts each fit one statement on SQLite, where Django splits an insert beyond 999
    # values (the audit entries of 20 cases, each with a person and an act, are 60 entries of 13).
    for first, size in ((2000, 3), (3000, 20)):
        with CaptureQueriesContext(connection) as queries:
            run = import_rows(officer, new_rows(first, size))
        assert run.created == size
        counts[size] = len(queries)

    assert counts[20] == counts[3]
    assert Case.objects.get(title="حذف منشور رقم 3019").tags.get().name == "وسم 3019"


def test_a_tag_created_by_another_import_meanwhile_is_used_not_duplicated(officer, monkeypatch):
    from cases.models import Tag

    elections = Tag.objects.create(name="انتخابات")
    # As if another import created the tag after this batch looked for it.
    monkeypatch.setattr(Tag.objects, "filter", lambda **lookups: Tag.objects.none())

    run = import_rows(officer)

    assert run.created == 3
    case = Case.objects.get(title="حذف منشور المدونة سمير الحداد")
    assert list(case.tags.all()) == [elections]
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Elections", "انتخابات"]
