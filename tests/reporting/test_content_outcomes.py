"""Takedown outcomes per platform and period, against figures computed by hand, on the statistics
page (the composer's preview) and in the statistics document, in both languages."""

import datetime as dt
from datetime import date

import pytest

from cases import services
from cases.models import Platform
from reporting.builders.content_outcomes import content_outcomes
from reporting.records import ContentRecord, EscalationAnswerRecord, StatusRecord
from reporting.services import export_document, report_content
from tests.reporting.test_case_file import pdf_text
from tests.reporting.test_composer import url

pytestmark = pytest.mark.django_db

D = date


def record(pk, platform, status, statuses, removed_on=None, escalations=()):
    return ContentRecord(
        id=pk,
        platform_code=platform.lower(),
        platform_label=platform,
        removed_on=removed_on,
        status=status,
        statuses=[StatusRecord(status=s, on=on) for s, on in statuses],
        escalations=[EscalationAnswerRecord(*entry) for entry in escalations],
    )


# Facebook: A restored in 20 days after an answer in 5 (in time); B upheld after 16 days (late);
# C unanswered and past due. TikTok: E geo-blocked then reinstated in 6 days; F waiting, not yet due.
# D was never taken down and counts nowhere.
ITEMS = [
    record(
        1,
        "Facebook",
        "restored",
        [("removed", D(2026, 1, 5)), ("restored", D(2026, 1, 25))],
        removed_on=D(2026, 1, 5),
        escalations=[(D(2026, 1, 10), D(2026, 1, 17), D(2026, 1, 15), "restored")],
    ),
    record(
        2,
        "Facebook",
        "upheld",
        [("removed", D(2026, 1, 20)), ("upheld", D(2026, 2, 10))],
        removed_on=D(2026, 1, 20),
        escalations=[(D(2026, 1, 25), D(2026, 2, 1), D(2026, 2, 10), "upheld")],
    ),
    record(
        3,
        "Facebook",
        "removed",
        [("removed", D(2026, 2, 3))],
        removed_on=D(2026, 2, 3),
        escalations=[(D(2026, 2, 5), D(2026, 2, 12), None, "")],
    ),
    record(4, "Facebook", "online", [("online", D(2026, 2, 1))]),
    record(5, "TikTok", "reinstated", [("geo_blocked", D(2026, 2, 14)), ("reinstated", D(2026, 2, 20))]),
    record(
        6,
        "TikTok",
        "removed",
        [("removed", D(2026, 2, 18))],
        escalations=[(D(2026, 2, 20), D(2026, 3, 5), None, "")],
    ),
]


def figures(outcomes):
    return (
        outcomes.removed,
        outcomes.restored,
        outcomes.upheld,
        outcomes.median_answer_days,
        outcomes.median_restoration_days,
        outcomes.in_time,
        outcomes.due,
        outcomes.in_time_percent,
    )


def test_outcomes_per_platform_and_period_match_the_figures_computed_by_hand():
    result = content_outcomes(ITEMS, today=D(2026, 3, 1))
    facebook, tiktok = result["platforms"]
    assert facebook["outcomes"].label == "Facebook" and tiktok["outcomes"].label == "TikTok"
    assert figures(facebook["outcomes"]) == (3, 1, 1, 10.5, 20, 1, 3, 33)
    january, february = facebook["periods"]
    assert (january.label, figures(january)) == ("2026-01", (2, 1, 1, 10.5, 20, 1, 2, 50))
    assert (february.label, figures(february)) == ("2026-02", (1, 0, 0, None, None, 0, 1, 0))
    assert figures(tiktok["outcomes"]) == (2, 1, 0, None, 6, 0, 0, None)
    assert [period.label for period in tiktok["periods"]] == ["2026-02"]
    assert figures(result["total"]) == (5, 2, 1, 10.5, 13, 1, 3, 33)
    assert [(row.label, row.value) for row in result["removed_chart"]] == [("Facebook", 3), ("TikTok", 2)]
    assert [(row.label, row.value) for row in result["restored_chart"]] == [("Facebook", 1), ("TikTok", 1)]


def test_an_answer_that_is_due_later_does_not_count_against_the_platform_yet():
    before_due = content_outcomes(ITEMS, today=D(2026, 2, 10))
    # C was due on 12 February: on the 10th it is neither answered nor late.
    assert figures(before_due["total"])[5:7] == (1, 2)


def _take_down(officer, case, platform, content_id, removed_on, sent_on=None, answer=None, answered_on=None):
    item = services.content_item_save(
        actor=officer,
        case=case,
        url=f"https://example.org/{platform}/{content_id}",
        author_handle="@a.person",
        platform=Platform.objects.get(code=platform),
        content_id=content_id,
        removed_on=removed_on,
    )
    if sent_on:
        escalation = services.escalation_create(actor=officer, platform=item.platform, items=[item])
        services.escalation_send(actor=officer, escalation=escalation, sent_on=sent_on)
        if answer:
            services.escalation_answer(
                actor=officer, entry=escalation.entries.get(), answer=answer, answered_on=answered_on
            )
    return item


@pytest.fixture
def takedowns(officer, make_case):
    """Facebook answers in 7 days (its stated time): one restored in time, one upheld late, one unanswered."""
    case = make_case()
    _take_down(officer, case, "facebook", "a", D(2026, 1, 5), D(2026, 1, 10), "restored", D(2026, 1, 15))
    _take_down(officer, case, "facebook", "b", D(2026, 1, 20), D(2026, 1, 25), "upheld", D(2026, 2, 10))
    _take_down(officer, case, "facebook", "c", D(2026, 2, 3), D(2026, 2, 5))
    return case


def test_the_statistics_document_carries_the_outcomes_in_english(officer, takedowns):
    report = export_document(
        actor=officer,
        template="statistics",
        cases=[takedowns],
        profile="statistics",
        language="en",
        options={"organisation": "Digital Rights Lab", "recipient": "Annual report"},
    )
    text = " ".join(pdf_text(report_content(report)).split())
    assert "Takedown outcomes by platform and month of removal" in text
    # Facebook: 3 removed, 1 restored, 1 upheld, median answer (5, 16) = 10.5 days,
    # restoration in 10 days (5 → 15 January), 1 of 3 answered within 7 days.
    assert "Facebook 3 1 1 10.5 10 33% (1 of 3)" in text
    assert "2026-01 2 1 1 10.5 10 50% (1 of 2)" in text
    assert "2026-02 1 0 0 — — 0% (0 of 1)" in text
    assert "example.org" not in text and "a.person" not in text  # counts only


def test_the_statistics_document_carries_the_outcomes_in_arabic(officer, takedowns):
    report = export_document(
        actor=officer,
        template="statistics",
        cases=[takedowns],
        profile="statistics",
        language="ar",
        options={"organisation": "Digital Rights Lab", "recipient": "التقرير السنوي"},
    )
    text = pdf_text(report_content(report))
    assert "نتائج الحذف حسب المنصة وشهر الحذف" in text
    assert "فيسبوك" in text and "33%" in text
    assert "الوسيط بالأيام حتى الرد" in text


def test_the_statistics_page_shows_the_outcomes(as_user, advocacy, takedowns):
    response = as_user(advocacy).post(
        url("statistics"), {"profile": "statistics", "language": "en", "preview": "1", "recipient": "Annual report"}
    )
    assert response.status_code == 200
    preview = " ".join(str(response.context["preview"]).split())
    assert "Takedown outcomes by platform and month of removal" in preview
    assert "33% (1 of 3)" in preview and "<bdi>Facebook</bdi>" in preview


def test_the_count_loader_reads_content_items_in_a_constant_number_of_queries(
    officer, make_case, django_assert_max_num_queries
):
    from reporting.loaders import load_count_records

    cases = [make_case() for _ in range(3)]
    for number, case in enumerate(cases):
        _take_down(officer, case, "facebook", str(number), D(2026, 1, 5), D(2026, 1, 10))
    from cases.models import Case

    with django_assert_max_num_queries(12) as few:
        load_count_records(Case.objects.filter(pk__in=[case.pk for case in cases]))
    for number, case in enumerate(cases):
        _take_down(officer, case, "tiktok", f"t{number}", D(2026, 1, 6), D(2026, 1, 11), "restored", D(2026, 1, 12))
    with django_assert_max_num_queries(len(few.captured_queries)):
        records = load_count_records(Case.objects.filter(pk__in=[case.pk for case in cases]))
    assert sum(len(record.content) for record in records) == 6
    assert dt.date(2026, 1, 12) in [s.on for record in records for item in record.content for s in item.statuses]
