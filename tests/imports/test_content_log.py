"""A takedown log through the import: one row per content item, grouped by account into cases,
each item with its status as the sheet states it; a second import of the same file changes nothing."""

from datetime import date

import pytest
from django.utils import translation

from cases import services as case_services
from cases.models import Case, ContentItem, ContentStatusChange, Platform
from imports import services
from tests.imports.files import csv_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

ENGLISH = [
    "URL",
    "Platform",
    "Kind",
    "Content id",
    "Author",
    "Published",
    "Removed",
    "Platform's reason",
    "Policy",
    "Statement of reasons",
    "Status",
    "According to",
    "Country",
]
ARABIC = [
    "الرابط",
    "المنصة",
    "نوع المحتوى",
    "معرف المنشور",
    "الناشر",
    "تاريخ النشر",
    "تاريخ الحذف",
    "سبب المنصة",
    "السياسة",
    "بيان الأسباب",
    "الحالة",
    "بحسب",
    "البلد",
]
FIELDS = [
    "content_url",
    "platform",
    "content_kind",
    "content_id",
    "author_handle",
    "content_published_on",
    "content_removed_on",
    "content_reason",
    "content_policy",
    "content_statement_of_reasons_id",
    "content_status",
    "content_status_source",
    "country",
]
ROWS = [
    [
        "https://www.instagram.com/p/AAA1/",
        "Instagram",
        "post",
        "AAA1",
        "@rights_voice",
        "2026-05-01",
        "2026-05-03",
        "Violent and graphic content",
        "Violence and incitement",
        "SOR-0001",
        "removed",
        "Platform notice",
        "Egypt",
    ],
    [
        "https://www.instagram.com/reel/AAA2/",
        "IG",
        "video",
        "AAA2",
        "@rights_voice",
        "2026-05-02",
        "2026-05-04",
        "",
        "",
        "",
        "restored",
        "user report",
        "Egypt",
    ],
    [
        "https://x.com/other_voice/status/99",
        "X",
        "post",
        "99",
        "@other_voice",
        "2026-04-10",
        "2026-04-12",
        "Hateful conduct",
        "",
        "",
        "removed",
        "",
        "Jordan",
    ],
]
ARABIC_ROWS = [
    [
        "https://www.facebook.com/page/posts/501",
        "فيسبوك",
        "منشور",
        "501",
        "صوت_الحقوق",
        "2026-03-01",
        "2026-03-02",
        "خطاب الكراهية",
        "",
        "",
        "محذوف",
        "إشعار من المنصة",
        "الأردن",
    ],
    [
        "https://www.facebook.com/page/posts/502",
        "فيس بوك",
        "فيديو",
        "502",
        "صوت_الحقوق",
        "2026-03-05",
        "2026-03-06",
        "",
        "",
        "",
        "أُعيد",
        "بلاغ من المستخدم",
        "الأردن",
    ],
]


def mapping_for(officer, run, *, group_by: int = 4) -> dict:
    header, sample = services.run_sample(run)
    return {
        "columns": services.suggest_mapping(header, sample),
        "group_by": str(group_by),
        "defaults": {"sensitivity": "normal", "verification_level": "unverified"},
        "source": "takedown log",
    }


def run_file(officer, content: bytes, name: str = "log.csv"):
    run = services.import_upload(actor=officer, uploaded=upload(name, content))
    return run, mapping_for(officer, run)


@pytest.mark.parametrize(
    ("header", "name", "content"),
    [
        (ENGLISH, "log.csv", lambda: csv_bytes(ROWS, header=ENGLISH)),
        (ARABIC, "log.xlsx", lambda: xlsx_bytes({"Log": [ARABIC, *ARABIC_ROWS]})),
    ],
)
def test_a_takedown_logs_columns_are_suggested_as_content_fields(officer, header, name, content):
    _run, mapping = run_file(officer, content(), name)
    assert [mapping["columns"].get(str(index)) for index in range(len(header))] == FIELDS


def test_a_takedown_log_grouped_by_account_makes_one_case_per_account_with_its_items(officer):
    run, mapping = run_file(officer, csv_bytes(ROWS, header=ENGLISH))

    preview = services.import_preview(actor=officer, run=run, mapping=mapping)
    assert preview.problems == []
    assert preview.counts == {"new": 2, "updated": 0, "unchanged": 0, "refused": 0}
    assert ContentItem.objects.count() == 0

    services.import_start(actor=officer, run=run, mapping=mapping)

    voice = Case.objects.get(title="Takedowns of @rights_voice on Instagram")
    assert voice.country.code == "EG"
    first, second = voice.content_items.order_by("content_id")
    assert (first.url, first.kind, first.platform.code, first.author_handle) == (
        "https://www.instagram.com/p/AAA1/",
        "post",
        "instagram",
        "@rights_voice",
    )
    assert (first.published_on, first.removed_on, first.stated_reason, first.policy) == (
        date(2026, 5, 1),
        date(2026, 5, 3),
        "Violent and graphic content",
        "Violence and incitement",
    )
    assert first.statement_of_reasons_id == "SOR-0001"
    assert [(change.status, change.source) for change in first.status_changes.all()] == [("removed", "platform_notice")]
    assert (second.kind, second.status) == ("video", "restored")
    assert [(change.status, change.source) for change in second.status_changes.all()] == [("restored", "user_report")]
    other = Case.objects.get(title="Takedowns of @other_voice on X")
    (item,) = other.content_items.all()
    assert [(change.status, change.source) for change in item.status_changes.all()] == [("removed", "import")]
    assert first.history.get().history_change_reason.startswith("casebook:imported")


def test_the_same_log_imported_twice_changes_nothing(officer):
    content = csv_bytes(ROWS, header=ENGLISH)
    run, mapping = run_file(officer, content)
    services.import_start(actor=officer, run=run, mapping=mapping)
    cases, items, changes = Case.objects.count(), ContentItem.objects.count(), ContentStatusChange.objects.count()
    versions = sum(item.history.count() for item in ContentItem.objects.all())

    again, mapping = run_file(officer, content)
    preview = services.import_preview(actor=officer, run=again, mapping=mapping)
    assert preview.counts == {"new": 0, "updated": 0, "unchanged": 2, "refused": 0}
    done = services.import_start(actor=officer, run=again, mapping=mapping)

    assert (done.created, done.updated, done.unchanged) == (0, 0, 2)
    assert (Case.objects.count(), ContentItem.objects.count(), ContentStatusChange.objects.count()) == (
        cases,
        items,
        changes,
    )
    assert sum(item.history.count() for item in ContentItem.objects.all()) == versions


def test_next_months_log_adds_new_items_and_statuses_to_the_cases_it_made(officer, other_officer):
    run, mapping = run_file(officer, csv_bytes(ROWS, header=ENGLISH))
    services.import_start(actor=officer, run=run, mapping=mapping)
    later = [list(row) for row in ROWS]
    later[0][10], later[0][11] = "restored", "Check by the team"  # the first post is back
    later[2][8] = "Hateful conduct policy"  # a policy learned since
    later.append(["https://x.com/other_voice/status/100", "X", "post", "100", "@other_voice"] + [""] * 7 + ["Jordan"])

    again, mapping = run_file(officer, csv_bytes(later, header=ENGLISH))
    done = services.import_start(actor=officer, run=again, mapping=mapping)

    assert (done.created, done.updated, done.unchanged) == (0, 2, 0)
    assert Case.objects.count() == 2
    first = ContentItem.objects.get(content_id="AAA1")
    assert first.status == "restored"
    assert [(change.previous_status, change.status, change.source) for change in first.status_changes.all()] == [
        ("", "removed", "platform_notice"),
        ("removed", "restored", "team_check"),
    ]
    x_case = Case.objects.get(title="Takedowns of @other_voice on X")
    assert sorted(x_case.content_items.values_list("content_id", "policy")) == [
        ("100", ""),
        ("99", "Hateful conduct policy"),
    ]


def test_rows_with_a_casebook_reference_add_their_items_to_that_case(officer, case):
    header = ["Reference", "URL", "Platform", "Status"]
    rows = [[case.reference, "https://t.me/channel/7", "Telegram", "geo-blocked"]]
    run = services.import_upload(actor=officer, uploaded=upload("log.csv", csv_bytes(rows, header=header)))
    mapping = mapping_for(officer, run, group_by=0)
    mapping["group_by"] = ""

    services.import_start(actor=officer, run=run, mapping=mapping)

    (item,) = case.content_items.all()
    assert (item.url, item.platform.code, item.status) == ("https://t.me/channel/7", "telegram", "geo_blocked")


def test_an_item_recorded_in_a_case_the_importer_may_not_see_does_not_lead_to_it(officer, other_officer):
    hidden = case_services.case_create(actor=officer, title="Hidden", country="EG", sensitivity="restricted")
    case_services.content_item_save(
        actor=officer,
        case=hidden,
        url="https://www.instagram.com/p/AAA1/",
        platform=Platform.objects.get(code="instagram"),
        content_id="AAA1",
    )
    run, mapping = run_file(other_officer, csv_bytes(ROWS[:1], header=ENGLISH))
    preview = services.import_preview(actor=other_officer, run=run, mapping=mapping)
    assert preview.counts["new"] == 1 and preview.drafts[0].existing is None


BAD_ROWS = [
    ["https://myspace.com/p/1", "Myspace", "post", "1", "@a", "", "", "", "", "", "removed", "", "Egypt"],
    ["https://x.com/a/status/2", "X", "post", "2", "@b", "", "", "", "", "", "vanished", "", "Egypt"],
    ["not a link", "X", "post", "3", "@c", "", "", "", "", "", "removed", "", "Egypt"],
    ["https://x.com/a/status/4", "X", "post", "4", "@d", "2026-05-10", "2026-05-01", "", "", "", "", "", "Egypt"],
    ["https://x.com/a/status/5", "X", "post", "5", "@e", "2026-02-30", "2099-01-01", "", "", "", "", "", "Egypt"],
    ["https://x.com/a/status/6", "", "post", "6", "@f", "", "", "", "", "", "", "", "Egypt"],
]


def test_the_preview_lists_each_problem_of_a_log_by_row_and_column(officer):
    run, mapping = run_file(officer, csv_bytes(BAD_ROWS, header=ENGLISH))

    preview = services.import_preview(actor=officer, run=run, mapping=mapping)

    found = {(problem.row, problem.column): problem.message for problem in preview.problems}
    assert "Myspace" in found[(2, "Platform")]
    assert "vanished" in found[(3, "Status")]
    assert "URL" in found[(4, "URL")]
    assert "before it was published" in found[(5, "Removed")]
    assert "not a date that exists" in found[(6, "Published")]
    assert "future" in found[(6, "Removed")]
    assert "needs its platform" in found[(7, "Platform")]
    assert preview.counts == {"new": 0, "updated": 0, "unchanged": 0, "refused": 6}
    done = services.import_start(actor=officer, run=run, mapping=mapping)
    assert (done.created, done.refused) == (0, 6)
    assert ContentItem.objects.count() == 0


def test_the_preview_of_a_log_speaks_arabic(officer):
    rows = [[*ARABIC_ROWS[0][:10], "اختفى", "", "الأردن"], ["رابط خاطئ", *ARABIC_ROWS[1][1:]]]
    run = services.import_upload(actor=officer, uploaded=upload("log.xlsx", xlsx_bytes({"Log": [ARABIC, *rows]})))
    mapping = mapping_for(officer, run)
    with translation.override("ar"):
        preview = services.import_preview(actor=officer, run=run, mapping=mapping)
    found = {(problem.row, problem.column): problem.message for problem in preview.problems}
    assert "اختفى" in found[(2, "الحالة")]
    assert "Enter" not in found[(3, "الرابط")] and found[(3, "الرابط")]
    assert preview.counts["refused"] == 2


def test_an_arabic_xlsx_log_makes_its_case_with_arabic_values_read(officer):
    run = services.import_upload(
        actor=officer, uploaded=upload("log.xlsx", xlsx_bytes({"Log": [ARABIC, *ARABIC_ROWS]}))
    )
    mapping = mapping_for(officer, run)
    with translation.override("ar"):
        services.import_start(actor=officer, run=run, mapping=mapping)
    (case,) = Case.objects.all()
    assert case.title == "حذف محتوى صوت_الحقوق على فيسبوك"
    assert case.country.code == "JO"
    statuses = dict(case.content_items.values_list("content_id", "status"))
    assert statuses == {"501": "removed", "502": "restored"}
    assert sorted(ContentStatusChange.objects.values_list("source", flat=True)) == ["platform_notice", "user_report"]


def test_the_log_through_the_pages_in_arabic(client, officer):
    from django.urls import reverse

    from imports.models import ImportRun

    client.force_login(officer)
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    refused = ["https://myspace.com/p/503", "ماي سبيس", "منشور", "503", "حساب_آخر", *ARABIC_ROWS[0][5:]]
    rows = [*ARABIC_ROWS, refused]
    response = client.post(reverse("imports:index"), {"file": upload("log.xlsx", xlsx_bytes({"Log": [ARABIC, *rows]}))})
    assert response.status_code == 302
    run = ImportRun.objects.get()
    page = client.get(reverse("imports:map", args=[run.pk])).content.decode()
    assert 'dir="rtl"' in page and "عنصر المحتوى: الرابط" in page
    for index, key in enumerate(FIELDS):
        select = page.split(f'name="column_{index}"', 1)[1].split("</select>", 1)[0]
        assert f'value="{key}" selected' in select, (index, key)
    data = {f"column_{index}": key for index, key in enumerate(FIELDS)}
    data.update(
        {"default_sensitivity": "normal", "default_verification_level": "unverified", "group_by": "4", "action": ""}
    )

    preview = client.post(reverse("imports:map", args=[run.pk]), {**data, "action": "preview"}).content.decode()
    assert "ماي سبيس" in preview and "<bdi>المنصة</bdi>" in preview
    assert "منشور · فيسبوك · 501" in preview
    assert ContentItem.objects.count() == 0

    response = client.post(reverse("imports:map", args=[run.pk]), {**data, "action": "import"})
    assert response.status_code == 302
    assert sorted(ContentItem.objects.values_list("content_id", flat=True)) == ["501", "502"]
    assert ImportRun.objects.get().refused == 1
    detail = client.get(response["Location"]).content.decode()
    assert 'class="count-new">1<' in detail and 'class="count-refused">1<' in detail


def test_a_log_without_a_country_column_takes_the_country_chosen_for_new_cases(officer):
    from django.core.exceptions import ValidationError

    header, rows = ENGLISH[:-1], [row[:-1] for row in ROWS]
    run, mapping = run_file(officer, csv_bytes(rows, header=header))
    with pytest.raises(ValidationError, match="country"):
        services.import_start(actor=officer, run=run, mapping=mapping)

    mapping["defaults"]["country"] = "PS"
    preview = services.import_preview(actor=officer, run=run, mapping=mapping)
    assert preview.problems == [] and preview.counts["new"] == 2
    services.import_start(actor=officer, run=run, mapping=mapping)
    assert sorted(Case.objects.values_list("country", flat=True)) == ["PS", "PS"]


def test_the_country_for_new_cases_is_chosen_on_the_mapping_page(client, officer):
    from django.urls import reverse

    from imports.models import ImportRun

    client.force_login(officer)
    header, rows = ENGLISH[:-1], [row[:-1] for row in ROWS]
    client.post(reverse("imports:index"), {"file": upload("log.csv", csv_bytes(rows, header=header))})
    run = ImportRun.objects.get()
    data = {f"column_{index}": key for index, key in enumerate(FIELDS[:-1])}
    data.update({"default_sensitivity": "normal", "default_verification_level": "unverified", "group_by": "4"})

    refused = client.post(reverse("imports:map", args=[run.pk]), {**data, "action": "import"})
    assert refused.status_code == 400 and Case.objects.count() == 0
    # A log's cases are named after their items: only the country is asked for.
    assert refused.context["errors"] == [
        "Choose the column of the country, or the country of new cases (or a reference to update cases)."
    ]
    refused = client.post(
        reverse("imports:map", args=[run.pk]), {**data, "action": "import"}, headers={"accept-language": "ar"}
    )
    assert "اختر عمود البلد، أو بلد القضايا الجديدة" in refused.content.decode()
    assert "العنوان" not in " ".join(refused.context["errors"])
    response = client.post(reverse("imports:map", args=[run.pk]), {**data, "default_country": "LB", "action": "import"})
    assert response.status_code == 302
    assert sorted(Case.objects.values_list("country", flat=True)) == ["LB", "LB"]
