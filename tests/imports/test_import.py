"""Import: preview, create, update by external id, re-import without change, grouping, value mapping, history."""

from datetime import date

import pytest
from django.utils import translation

from casebook.models import AuditEvent
from cases.choices import ConsentStatus, DatePrecision
from cases.models import Case, Platform, ViolationType
from cases.reasons import reason_text
from imports import plan, services
from imports.history import import_reason
from imports.models import ImportRun
from tests.imports.conftest import sample_mapping
from tests.imports.files import HEADER, ROWS, csv_bytes, upload

pytestmark = pytest.mark.django_db


def run_file(user, content: bytes, mapping: dict, *, name="log.csv"):
    run = services.import_upload(actor=user, uploaded=upload(name, content))
    return services.import_start(actor=user, run=run, mapping=mapping)


def test_preview_writes_nothing_and_counts_new_cases(uploaded_run, officer):
    preview = services.import_preview(actor=officer, run=uploaded_run, mapping=sample_mapping())

    assert preview.counts == {"new": 3, "updated": 0, "unchanged": 0, "refused": 0}
    assert Case.objects.count() == 0
    first = preview.drafts[0]
    assert first.case["title"] == "حذف منشور المدونة سمير"
    assert first.case["country"] == "EG"
    assert first.acts[0]["platform"].code == "facebook"
    assert first.acts[0]["violation_type"].code == "content_removal"


def test_preview_reads_partial_dates_and_warns_of_a_year_only(uploaded_run, officer):
    preview = services.import_preview(actor=officer, run=uploaded_run, mapping=sample_mapping())

    precisions = [(draft.case["start_date"], draft.case["start_date_precision"]) for draft in preview.drafts]
    assert precisions == [
        (date(2024, 3, 5), DatePrecision.DAY),
        (date(2023, 11, 1), DatePrecision.MONTH),
        (date(2022, 1, 1), DatePrecision.YEAR),
    ]
    warning = [problem for problem in preview.problems if problem.row == 4]
    assert warning and warning[0].warning and warning[0].column == "تاريخ الاعتقال"
    assert "only the year" in warning[0].message


def test_preview_lists_each_problem_by_row_and_column(officer):
    rows = [
        ["1", "Blocked site", "Atlantis", "2024-02-30", "FB", "blocking", "", ""],
        ["2", "", "Egypt", "2024-01-01", "FB", "blocking", "", ""],
        ["3", "Fine", "Egypt", "2099-01-01", "Myspace", "blocking", "", ""],
    ]
    run = services.import_upload(actor=officer, uploaded=upload("bad.csv", csv_bytes(rows)))

    preview = services.import_preview(actor=officer, run=run, mapping=sample_mapping())

    found = {(problem.row, problem.column): problem.message for problem in preview.problems}
    assert "not a country" in found[(2, "Country")]
    assert "not a date that exists" in found[(2, "تاريخ الاعتقال")]
    assert "required and empty" in found[(3, "العنوان")]
    assert "future" in found[(4, "تاريخ الاعتقال")]
    assert "Myspace" in found[(4, "المنصة")]
    assert preview.counts["refused"] == 3
    assert preview.unknown == {"platform": ["Myspace"]}


def test_preview_problems_in_arabic(officer):
    from django.utils import translation

    rows = [["1", "حجب موقع", "أطلانطس", "2024-02-30", "FB", "blocking", "", ""]]
    run = services.import_upload(actor=officer, uploaded=upload("bad.csv", csv_bytes(rows)))
    with translation.override("ar"):
        preview = services.import_preview(actor=officer, run=run, mapping=sample_mapping())
    messages = " ".join(problem.message for problem in preview.problems)
    assert "أطلانطس" in messages
    assert "Country" not in messages and "not a" not in messages


def test_import_creates_cases_with_history_reason_and_audit(uploaded_run, officer):
    run = services.import_start(actor=officer, run=uploaded_run, mapping=sample_mapping())

    assert run.status == ImportRun.Status.DONE
    assert (run.created, run.updated, run.unchanged, run.refused) == (3, 0, 0, 0)
    case = Case.objects.get(title="حذف منشور المدونة سمير")
    assert case.sensitivity == "sensitive"
    assert case.history.first().history_change_reason == import_reason(run.pk)
    with translation.override("ar"):
        assert str(run.pk) in reason_text(import_reason(run.pk)) and "استيراد" in reason_text(import_reason(run.pk))
    person = case.persons.get()
    assert person.name == "سمير الحداد"
    assert person.consent_state_status == ConsentStatus.NOT_ASKED
    violation = case.violations.get()
    assert violation.content_concerned == "https://fb.com/p/1"
    assert list(violation.affected_persons.all()) == [person]
    event = AuditEvent.objects.filter(action="import.done").get()
    assert '"new": 3' in event.detail and run.sha256 in event.detail
    assert "سمير" not in event.detail  # the counts, never the content


def test_the_same_file_twice_changes_nothing(uploaded_run, officer):
    services.import_start(actor=officer, run=uploaded_run, mapping=sample_mapping())
    versions = sum(case.history.count() for case in Case.objects.all())

    again = run_file(officer, csv_bytes(), sample_mapping())

    assert (again.created, again.updated, again.unchanged, again.refused) == (0, 0, 3, 0)
    assert Case.objects.count() == 3
    assert sum(case.history.count() for case in Case.objects.all()) == versions


def test_an_edited_file_updates_only_what_changed(uploaded_run, officer):
    services.import_start(actor=officer, run=uploaded_run, mapping=sample_mapping())
    versions_before = Case.objects.get(title="حذف منشور المدونة سمير").history.count()
    edited = [list(row) for row in ROWS]
    edited[1][1] = "Arrest of a blogger in Sfax"
    edited[2][7] = "https://facebook.com/page/9"  # a new link for the same act

    run = run_file(officer, csv_bytes(edited), sample_mapping())

    assert (run.created, run.updated, run.unchanged) == (0, 2, 1)
    case = Case.objects.get(title="Arrest of a blogger in Sfax")
    latest = case.history.first()
    assert latest.history_change_reason == import_reason(run.pk)
    assert latest.prev_record.title == "Arrest of a blogger"
    untouched = Case.objects.get(title="حذف منشور المدونة سمير")
    assert untouched.history.count() == versions_before


def test_reference_column_updates_a_visible_case_and_refuses_a_hidden_one(
    officer, case, restricted_case, other_officer
):
    header = ["Reference", "Title", "Country"]
    rows = [[case.reference, "Renamed by the sheet", "EG"], [restricted_case.reference, "Hidden", "EG"]]
    mapping = {"columns": {"0": "reference", "1": "title", "2": "country"}, "defaults": sample_mapping()["defaults"]}

    run = run_file(other_officer, csv_bytes(rows, header=header), mapping)

    case.refresh_from_db()
    restricted_case.refresh_from_db()
    assert case.title == "Renamed by the sheet"
    assert restricted_case.title == "Restricted source"
    assert (run.updated, run.refused) == (1, 1)
    reason = run.refused_rows.get().reason
    assert "No case with the reference" in reason


def test_rows_grouped_by_account_make_one_case_with_its_links(officer):
    header = ["Account", "Title", "Country", "Date", "Platform", "Violation", "Post"]
    rows = [
        ["@samir", "Posts of @samir removed", "EG", "2024-03", "FB", "content removal", "https://fb.com/p/1"],
        ["@leila", "Account of @leila suspended", "TN", "2024-04", "X", "suspension", "https://x.com/leila"],
        ["@samir", "Posts of @samir removed", "EG", "2024-03", "FB", "content removal", "https://fb.com/p/2"],
        ["@samir", "Posts of @samir removed", "EG", "2024-03", "Instagram", "content removal", "https://ig.com/p/3"],
    ]
    mapping = {
        "columns": {
            "1": "title",
            "2": "country",
            "3": "start_date",
            "4": "platform",
            "5": "violation_type",
            "6": "content_concerned",
        },
        "group_by": "0",
        "defaults": sample_mapping()["defaults"],
    }

    run = run_file(officer, csv_bytes(rows, header=header), mapping)

    assert run.created == 2
    samir = Case.objects.get(title="Posts of @samir removed")
    acts = {violation.platform.code: violation.content_concerned for violation in samir.violations.all()}
    assert acts == {"facebook": "https://fb.com/p/1\nhttps://fb.com/p/2", "instagram": "https://ig.com/p/3"}


def test_saved_value_mapping_is_used_next_month(officer):
    rows = [["1", "Removed", "EG", "2024-01-01", "Fcbk", "removal", "", ""]]
    first = services.import_upload(actor=officer, uploaded=upload("january.csv", csv_bytes(rows)))
    mapping = sample_mapping(values={"platform": {"Fcbk": "facebook"}})
    preview = services.import_preview(actor=officer, run=first, mapping=mapping)
    assert preview.counts["new"] == 1
    services.mapping_save(actor=officer, name="Takedown log", mapping=mapping, header=HEADER)

    second = services.import_upload(actor=officer, uploaded=upload("february.csv", csv_bytes(rows)))
    from imports.models import ImportMapping

    reused = services.mapping_from_saved(ImportMapping.objects.get(name="Takedown log"), HEADER)
    assert reused["columns"] == sample_mapping()["columns"]
    run = services.import_start(actor=officer, run=second, mapping=reused)
    assert run.created == 1
    assert Case.objects.get().violations.get().platform.code == "facebook"


def test_only_an_administrator_may_add_a_taxonomy_entry(officer, administrator):
    rows = [["1", "Removed from Clubhouse", "EG", "2024-01-01", "Clubhouse", "removal", "", ""]]
    mapping = sample_mapping(create={"platform": ["Clubhouse"]})

    refused = run_file(officer, csv_bytes(rows), mapping)
    assert refused.refused == 1 and not Platform.objects.filter(label_en="Clubhouse").exists()

    accepted = run_file(administrator, csv_bytes(rows), mapping, name="again.csv")
    assert accepted.created == 1
    assert Case.objects.get().violations.get().platform.label_en == "Clubhouse"


def test_a_likely_duplicate_of_a_recorded_case_is_refused(officer, uploaded_run):
    services.import_start(actor=officer, run=uploaded_run, mapping=sample_mapping())
    # The same rows under other ids: same title, date and country as the cases just made.
    other_ids = [[f"x{row[0]}", *row[1:]] for row in ROWS]

    run = run_file(officer, csv_bytes(other_ids), sample_mapping())

    assert (run.created, run.refused) == (0, 3)
    assert "duplicate of DR-" in run.refused_rows.first().reason


def test_a_stopped_import_resumes_without_duplicates(officer, settings):
    settings.IMPORT_BATCH = 2
    rows = [[str(number), f"Case {number}", "EG", "2024-01-01", "FB", "removal", "", ""] for number in range(7)]
    run = services.import_upload(actor=officer, uploaded=upload("big.csv", csv_bytes(rows)))
    settings.CASEBOOK_BACKGROUND_JOBS = True  # queued for a worker (never sent: the test's transaction stays open)
    run = services.import_start(actor=officer, run=run, mapping=sample_mapping())
    assert services.import_execute(run_id=run.pk, stop_after_batches=2) == ImportRun.Status.RUNNING
    run.refresh_from_db()
    assert (run.groups_done, Case.objects.count()) == (4, 4)

    assert services.import_execute(run_id=run.pk) == ImportRun.Status.DONE

    run.refresh_from_db()
    assert Case.objects.count() == 7
    assert (run.created, run.groups_done, run.percent) == (7, 7, 100)


def test_formula_cells_are_stored_as_text_and_neutralised_in_the_report(officer):
    rows = [
        ["1", '=HYPERLINK("http://evil.example","click")', "EG", "2024-01-01", "FB", "removal", "", ""],
        ["2", "+cmd|' /C calc'!A0", "Atlantis", "2024-01-01", "FB", "removal", "", ""],
    ]
    run = run_file(officer, csv_bytes(rows), sample_mapping())

    assert Case.objects.get().title == '=HYPERLINK("http://evil.example","click")'
    report = "".join(services.refused_csv(run))
    assert "'+cmd|' /C calc'!A0" in report
    assert "Reason refused" in report.splitlines()[0]


def test_the_file_is_deleted_when_done_unless_kept_as_evidence(officer, case):
    from django.core.files.storage import default_storage

    run = services.import_upload(actor=officer, uploaded=upload("log.csv", csv_bytes()))
    stored = run.stored_name
    assert default_storage.exists(stored)
    services.import_start(actor=officer, run=run, mapping=sample_mapping())
    assert not default_storage.exists(stored)

    kept = services.import_upload(
        actor=officer, uploaded=upload("kept.csv", csv_bytes([["9", "Other", "EG", "2021", "FB", "removal", "", ""]]))
    )
    services.import_start(actor=officer, run=kept, mapping=sample_mapping(), keep_on_case=case)
    evidence = case.evidence_items.get()
    assert (evidence.original_name, evidence.sha256) == ("kept.csv", kept.sha256)


def test_a_mapping_without_defaults_asks_for_them(uploaded_run, officer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.import_start(actor=officer, run=uploaded_run, mapping=sample_mapping(defaults={}))
    assert "Sensitivity" in " ".join(refused.value.messages)


@pytest.mark.parametrize(
    ("unmapped", "asked", "not_asked"),
    [
        (["title"], ["the title", "عمود العنوان"], ["country", "البلد"]),
        (["country"], ["the country", "عمود البلد"], ["title", "العنوان"]),
        (["title", "country"], ["the title and the country", "عمودي العنوان والبلد"], []),
    ],
)
def test_a_mapping_without_title_or_country_names_only_what_is_missing(
    uploaded_run, officer, unmapped, asked, not_asked
):
    from django.core.exceptions import ValidationError

    mapping = sample_mapping()
    # Without the sheet's own ids either, nothing says which recorded case a row would update.
    dropped = {*unmapped, "external_id"}
    mapping["columns"] = {index: key for index, key in mapping["columns"].items() if key not in dropped}
    said = []
    for language in ("en", "ar"):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            services.import_start(actor=officer, run=uploaded_run, mapping=mapping)
        said.append(" ".join(refused.value.messages))
    for text in asked:
        assert any(text in message for message in said)
    for text in not_asked:
        assert not any(text in message for message in said)
    assert Case.objects.count() == 0


def test_roles_that_may_not_import_are_refused(advocacy, partner):
    from django.core.exceptions import PermissionDenied

    for user in (advocacy, partner):
        with pytest.raises(PermissionDenied):
            services.import_upload(actor=user, uploaded=upload("log.csv", csv_bytes()))


def test_violation_types_are_matched_in_both_languages():
    from imports.values import TaxonomyIndex

    index = TaxonomyIndex(ViolationType)
    assert index.find("حذف محتوى").code == "content_removal"
    assert index.find("Content removal").code == "content_removal"
    assert index.find("اعتقال").code == "arrest"


def test_a_new_link_joins_the_act_it_belongs_to(uploaded_run, officer):
    services.import_start(actor=officer, run=uploaded_run, mapping=sample_mapping())
    edited = [list(row) for row in ROWS]
    edited[0][7] = "https://fb.com/p/1;https://fb.com/p/7"  # the same act, one more post

    run_file(officer, csv_bytes(edited), sample_mapping())

    violation = Case.objects.get(title="حذف منشور المدونة سمير").violations.get()
    assert violation.content_concerned == "https://fb.com/p/1\nhttps://fb.com/p/7"


def test_with_a_broker_the_import_is_queued_then_run_by_the_worker(uploaded_run, officer, settings, monkeypatch):
    from imports import tasks

    settings.CASEBOOK_BACKGROUND_JOBS = True
    queued = []
    monkeypatch.setattr(tasks.run_import, "delay", lambda run_id: queued.append(run_id))
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        run = services.import_start(actor=officer, run=uploaded_run, mapping=sample_mapping())
    assert run.status == ImportRun.Status.QUEUED and Case.objects.count() == 0
    assert queued == [str(run.pk)]

    assert tasks.run_import(queued[0]) == ImportRun.Status.DONE
    assert tasks.run_import(queued[0]) == ImportRun.Status.DONE  # delivered twice: nothing written twice
    assert Case.objects.count() == 3


def test_a_broker_that_is_down_fails_the_import_with_a_message(uploaded_run, officer, settings, monkeypatch):
    from imports import tasks

    settings.CASEBOOK_BACKGROUND_JOBS = True

    def down(run_id):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.run_import, "delay", down)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.import_start(actor=officer, run=uploaded_run, mapping=sample_mapping())
    uploaded_run.refresh_from_db()
    assert (uploaded_run.status, uploaded_run.error) == (ImportRun.Status.FAILED, "queue_unavailable")
    assert "queue" in uploaded_run.get_error_display()


def test_a_second_delivery_leaves_the_import_to_the_worker_already_writing_it(
    uploaded_run, officer, settings, monkeypatch
):
    settings.CASEBOOK_BACKGROUND_JOBS = True
    run = services.import_start(actor=officer, run=uploaded_run, mapping=sample_mapping())
    original = plan.Planner.draft

    def meanwhile_another_worker_wrote_a_batch(self, key, rows):
        ImportRun.objects.filter(pk=run.pk, groups_done=0).update(groups_done=1)
        return original(self, key, rows)

    monkeypatch.setattr(plan.Planner, "draft", meanwhile_another_worker_wrote_a_batch)

    assert services.import_execute(run_id=run.pk) == ImportRun.Status.RUNNING
    run.refresh_from_db()
    assert (run.status, run.error, Case.objects.count()) == (ImportRun.Status.RUNNING, "", 0)


def test_a_failed_import_deletes_its_file(officer, settings):
    from django.core.files.storage import default_storage

    settings.IMPORT_MAX_ROWS = 2
    run = services.import_upload(actor=officer, uploaded=upload("log.csv", csv_bytes()))
    stored = run.stored_name

    run = services.import_start(actor=officer, run=run, mapping=sample_mapping())

    assert run.status == ImportRun.Status.FAILED
    assert not default_storage.exists(stored) and run.stored_name == ""
