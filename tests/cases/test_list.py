"""The list at scale: keyset pages, a capped count, a fixed number of queries, scoped drop-downs, export."""

import csv
import io

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm

from cases import services
from cases.models import Tag
from tests.factories import ActorFactory, CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def rows(response):
    return list(response.context["page"])


def test_keyset_pages_walk_every_case_once(as_user, officer):
    created = CaseFactory.create_batch(7)
    client = as_user(officer)
    seen = []
    response = client.get(reverse("cases:list"), {"size": 25})
    assert len(rows(response)) == 7
    # three at a time is not a page size offered: it falls back to 25
    assert response.context["page"].size == 25
    from cases.pagination import keyset_page
    from cases.selectors import case_list_visible

    queryset = case_list_visible(user=officer)
    page = keyset_page(queryset, ordering=("-created_at", "-id"), size=3)
    while True:
        seen += list(page)
        if not page.has_next:
            break
        page = keyset_page(queryset, ordering=("-created_at", "-id"), size=3, after=page.next_cursor)
    assert [case.pk for case in seen] == [case.pk for case in sorted(created, key=lambda c: (c.created_at, c.pk))][::-1]
    back = keyset_page(queryset, ordering=("-created_at", "-id"), size=3, before=page.previous_cursor)
    assert list(back) == seen[3:6]


def test_list_pages_follow_next_and_previous_links(as_user, officer):
    CaseFactory.create_batch(30)
    client = as_user(officer)
    first = client.get(reverse("cases:list"))
    assert len(rows(first)) == 25
    second = client.get(reverse("cases:list"), {"after": first.context["page"].next_cursor})
    assert len(rows(second)) == 5
    assert not set(rows(first)) & set(rows(second))
    back = client.get(reverse("cases:list"), {"before": second.context["page"].previous_cursor})
    assert rows(back) == rows(first)


def test_a_forged_cursor_gives_the_first_page(as_user, officer):
    CaseFactory.create_batch(2)
    response = as_user(officer).get(reverse("cases:list"), {"after": "not-a-cursor!"})
    assert len(rows(response)) == 2


def test_count_is_capped(as_user, officer, settings, monkeypatch):
    from cases import pagination

    monkeypatch.setattr(pagination.list_count, "__defaults__", (3,))
    monkeypatch.setattr(pagination, "planner_estimate", lambda queryset, key=None: None)  # as on SQLite
    CaseFactory.create_batch(26)  # more than one page
    response = as_user(officer).get(reverse("cases:list"))
    assert response.context["total"] == pagination.ListCount(3, "more")
    assert "More than 3 cases" in response.text


def test_a_list_on_one_page_is_counted_from_the_page(as_user, officer, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases import pagination

    monkeypatch.setattr(pagination.list_count, "__defaults__", (3,))
    CaseFactory.create_batch(5)
    client = as_user(officer)
    client.get(reverse("cases:list"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("cases:list"))
    assert response.context["total"] == pagination.ListCount(5, "exact")
    assert "5 cases" in response.text
    assert not [query for query in captured.captured_queries if "COUNT(" in query["sql"]]


@pytest.mark.parametrize("user_fixture", ["officer", "partner"])
def test_query_count_is_the_same_at_25_and_100_rows(request, as_user, user_fixture, django_assert_num_queries):
    user = request.getfixturevalue(user_fixture)
    partner = request.getfixturevalue("partner")
    tag = Tag.objects.create(name="elections")
    actor = ActorFactory()
    for case in CaseFactory.create_batch(110):
        case.tags.add(tag)
        case.violations.get().actors.add(actor)
        PersonFactory(case=case)
        assign_perm("cases.view_case", partner, case)
    client = as_user(user)
    client.get(reverse("cases:list"), {"tag": tag.pk})  # sessions and caches warm
    counts = []
    for size in (25, 100):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("cases:list"), {"size": size, "tag": tag.pk})
        assert len(rows(response)) == size
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 24  # PostgreSQL adds the savepoint and the time budget of the capped count


def test_each_filter(as_user, officer, other_officer):
    tag = Tag.objects.create(name="protests")
    actor = ActorFactory()
    target = CaseFactory(violation_type="arrest", platform="x", country="EG", sensitivity="sensitive")
    target.start_date = target.created_at.date().replace(day=1)
    target.save()
    target.tags.add(tag)
    target.assigned_officers.add(other_officer)
    target.violations.get().actors.add(actor)
    PersonFactory(case=target, profession__code="journalist")
    CaseFactory(violation_type="blocking", platform="website", country="LB")
    client = as_user(officer)
    for params in [
        {"violation_type": "arrest"},
        {"platform": "x"},
        {"country": "EG"},
        {"sensitivity": "sensitive"},
        {"status": "intake", "country": "EG"},
        {"date_from": target.start_date.isoformat(), "date_to": target.start_date.isoformat()},
        {"actor": actor.pk},
        {"profession": "journalist"},
        {"tag": tag.pk},
        {"assigned": other_officer.pk},
        {"sort": "oldest", "country": "EG"},
    ]:
        assert rows(client.get(reverse("cases:list"), params)) == [target], params


def test_invalid_filter_returns_nothing(as_user, officer):
    CaseFactory(violation_type="arrest")
    response = as_user(officer).get(reverse("cases:list"), {"violation_type": "no-such-type"})
    assert rows(response) == []
    assert "nothing matches" in response.text


def test_partner_drop_downs_list_only_values_of_shared_cases(as_user, partner, officer, shared_case, case):
    seen_actor, hidden_actor = ActorFactory(name_en="Seen agency"), ActorFactory(name_en="Hidden agency")
    shared_case.violations.get().actors.add(seen_actor)
    case.violations.get().actors.add(hidden_actor)
    shared_tag, hidden_tag = Tag.objects.create(name="shared-tag"), Tag.objects.create(name="hidden-tag")
    shared_case.tags.add(shared_tag)
    case.tags.add(hidden_tag)
    case.assigned_officers.add(officer)
    text = as_user(partner).get(reverse("cases:list")).text
    assert "Seen agency" in text and "shared-tag" in text
    assert "Hidden agency" not in text and "hidden-tag" not in text
    assert f'value="{officer.pk}"' not in text


def test_restricted_values_stay_out_of_other_officers_drop_downs(as_user, other_officer, restricted_case):
    actor = ActorFactory(name_en="Only on a restricted case")
    restricted_case.violations.get().actors.add(actor)
    assert "Only on a restricted case" not in as_user(other_officer).get(reverse("cases:list")).text


def test_each_request_builds_its_own_drop_downs_and_leaves_the_class_untouched(
    rf, officer, other_officer, restricted_case
):
    """Filters are copied shallowly for each request: one user's choices never reach another's form."""
    from cases.filters import CaseFilter
    from cases.selectors import case_list_visible

    tag = Tag.objects.create(name="only-on-the-restricted-case")
    restricted_case.tags.add(tag)

    def filterset(user):
        request = rf.get("/cases/", {"tag": tag.pk})
        request.user = user
        return CaseFilter(request.GET, queryset=case_list_visible(user=user), request=request)

    assigned, other, assigned_again = filterset(officer), filterset(other_officer), filterset(officer)
    assert assigned.is_valid() and list(assigned.qs) == [restricted_case]
    assert not other.is_valid() and "tag" in other.form.errors
    assert "only-on-the-restricted-case" not in str(other.form["tag"])
    assert assigned_again.is_valid() and "only-on-the-restricted-case" in str(assigned_again.form["tag"])
    assert assigned.form.fields["tag"] is not other.form.fields["tag"]
    assert assigned.filters["tag"].extra is not CaseFilter.base_filters["tag"].extra
    assert assigned.filters["tag"].filter.f is assigned.filters["tag"]  # its method finds this filterset
    for base_filter in CaseFilter.base_filters.values():
        assert "_field" not in vars(base_filter) and not hasattr(base_filter, "parent")
    assert "choices" not in CaseFilter.base_filters["tag"].extra


def _csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_export_has_personal_columns_only_for_roles_allowed(as_user, officer, advocacy, case):
    PersonFactory(case=case, name="Rania Haddad")
    officer_rows = _csv(as_user(officer).get(reverse("cases:export")))
    advocacy_rows = _csv(as_user(advocacy).get(reverse("cases:export")))
    assert "Persons" in officer_rows[0] and "Rania Haddad" in officer_rows[1]
    assert "Persons" not in advocacy_rows[0]
    assert "Rania Haddad" not in str(advocacy_rows)
    assert advocacy_rows[1][0] == case.reference


def test_export_follows_filters_and_neutralises_formulas(as_user, officer):
    CaseFactory(title='=HYPERLINK("http://evil")', country="EG")
    CaseFactory(country="LB")
    exported = _csv(as_user(officer).get(reverse("cases:export"), {"country": "EG"}))
    assert len(exported) == 2
    assert exported[1][1].startswith("'=")


def test_export_query_count_does_not_grow(as_user, officer, django_assert_max_num_queries):
    CaseFactory.create_batch(3)
    client = as_user(officer)
    with django_assert_max_num_queries(30) as few:
        _csv(client.get(reverse("cases:export")))
    CaseFactory.create_batch(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        _csv(client.get(reverse("cases:export")))


def test_advocacy_clearance(as_user, advocacy):
    from cases.models import SensitivityClearance

    sensitive = CaseFactory(sensitivity="sensitive")
    assert as_user(advocacy).get(sensitive.get_absolute_url()).status_code == 404
    SensitivityClearance.objects.create(user=advocacy, level="sensitive")
    assert as_user(advocacy).get(sensitive.get_absolute_url()).status_code == 200


def test_archived_case_leaves_the_list_but_keeps_its_page(as_user, officer, case):
    services.case_archive(actor=officer, case=case, reason="duplicate")
    client = as_user(officer)
    assert case not in rows(client.get(reverse("cases:list")))
    assert case in rows(client.get(reverse("cases:list"), {"archived": "all"}))


def test_windowed_pages_equal_unrestricted_pages(officer):
    from cases.pagination import keyset_page
    from cases.selectors import case_list_visible

    cases = CaseFactory.create_batch(8)
    rare = cases[0]  # the oldest: outside a window of the newest rows
    visible = case_list_visible(user=officer)
    ordering = ("-created_at", "-id")
    for queryset in (visible, visible.filter(pk=rare.pk), visible.filter(pk__in=[c.pk for c in cases[::2]])):
        plain = keyset_page(queryset, ordering=ordering, size=2)
        windowed = keyset_page(queryset, ordering=ordering, size=2, window=3)
        assert list(windowed) == list(plain)
        if plain.has_next:
            assert list(keyset_page(queryset, ordering=ordering, size=2, window=3, after=windowed.next_cursor)) == list(
                keyset_page(queryset, ordering=ordering, size=2, after=plain.next_cursor)
            )


def test_ids_first_pages_equal_plain_pages_both_ways(officer, other_officer):
    """The page of a date filter read ids first: the same rows, in the same order, forwards and back,
    and the visibility rules checked again when the rows are read."""
    from datetime import date

    from cases.pagination import keyset_page
    from cases.selectors import case_list_visible

    for number in range(9):
        CaseFactory(status="verified", start_date=date(2024, 1 + number, 1), created_by=officer)
    CaseFactory(status="verified", start_date=date(2024, 5, 1), sensitivity="restricted", created_by=other_officer)
    CaseFactory(status="closed", start_date=date(2024, 5, 1), created_by=officer)
    visible = case_list_visible(user=officer).filter(status="verified", start_date__gte=date(2024, 2, 1))
    ordering = ("-created_at", "-id")
    plain = keyset_page(visible, ordering=ordering, size=3)
    first = keyset_page(visible, ordering=ordering, size=3, ids_first=True)
    assert list(first) == list(plain) and first.next_cursor == plain.next_cursor
    walked = list(first)
    page = first
    while page.has_next:
        page = keyset_page(visible, ordering=ordering, size=3, after=page.next_cursor, ids_first=True)
        walked += list(page)
    assert len(walked) == 8 and len(set(walked)) == 8
    assert all(case.sensitivity != "restricted" and case.status == "verified" for case in walked)
    assert walked == sorted(walked, key=lambda case: (case.created_at, case.pk), reverse=True)
    back = keyset_page(visible, ordering=ordering, size=3, before=page.previous_cursor, ids_first=True)
    assert list(back) == list(keyset_page(visible, ordering=ordering, size=3, before=page.previous_cursor))
    assert list(keyset_page(visible.filter(status="closed"), ordering=ordering, size=3, ids_first=True)) == []


def test_a_date_filter_lists_the_same_cases_in_both_languages(as_user, officer):
    from datetime import date

    inside = [CaseFactory(status="verified", start_date=date(2025, 3, 1), title=f"Inside {n}") for n in range(3)]
    CaseFactory(status="verified", start_date=date(2023, 3, 1), title="Outside")
    client = as_user(officer)
    filters = {"status": "verified", "date_from": "2025-01-01", "date_to": "2025-12-31"}
    for language in ("en", "ar"):
        response = client.get(reverse("cases:list"), filters, headers={"accept-language": language})
        assert [case.pk for case in rows(response)] == [case.pk for case in reversed(inside)]
        assert "Outside" not in response.text


def test_on_postgresql_the_ids_of_a_date_filter_can_be_read_from_the_status_index_alone(officer):
    """Every column of the cases table that the ids query of a status and date filter reads (in
    the SQL itself, not in a plan, which for a handful of test rows is the planner's affair) is
    held by ``case_status_idx`` as PostgreSQL built it: what makes an index-only scan possible."""
    import re
    from datetime import date

    from django.db import connection

    from cases.selectors import case_list_visible

    if connection.vendor != "postgresql":
        pytest.skip("the index's extra columns are PostgreSQL's")
    CaseFactory.create_batch(5, status="verified", start_date=date(2024, 6, 1))
    ids = (
        case_list_visible(user=officer)
        .filter(status="verified", start_date__gte=date(2024, 1, 1), start_date__lte=date(2024, 12, 31))
        .filter(archived_at__isnull=True)
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)[:26]
    )
    sql, _params = ids.query.sql_with_params()
    read = set(re.findall(r'"cases_case"\."(\w+)"', sql))
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_indexdef('case_status_idx'::regclass)")
        (definition,) = cursor.fetchone()
    held = set(re.findall(r"\w+", definition.split(" USING ", 1)[1]))
    assert {"status", "created_at", "id", "start_date", "archived_at", "sensitivity"} <= read, read
    assert read <= held, (read - held, definition)


def test_a_large_list_shows_the_estimate_as_one(as_user, officer, monkeypatch):
    from cases import pagination

    monkeypatch.setattr(pagination, "planner_estimate", lambda queryset, key=None: (19_874, 40_000.0))
    CaseFactory.create_batch(26)
    client = as_user(officer)
    response = client.get(reverse("cases:list"))
    assert response.context["total"] == pagination.ListCount(19_900, "about")
    assert "About 19,900 cases" in response.text
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    arabic = client.get(reverse("cases:list"))
    assert "نحو 19900 قضية" in arabic.text  # Django's Arabic number format has no grouping


def test_an_estimate_is_rounded_to_three_figures():
    from cases.pagination import _significant

    assert [_significant(value) for value in (7, 999, 1_004, 19_874, 100_012, 1_000_012)] == [
        7,
        999,
        1_000,
        19_900,
        100_000,
        1_000_000,
    ]


def test_the_count_label_does_not_depend_on_how_long_a_count_takes(officer):
    """The same data gives the same label: a count is never cut short by a timer."""
    from django.db import connection

    from cases.pagination import ListCount, list_count
    from cases.selectors import case_list_visible

    CaseFactory.create_batch(3)
    if connection.vendor == "postgresql":  # a database in use has its statistics
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cases_case")
    queryset = case_list_visible(user=officer)
    assert list_count(queryset) == ListCount(3, "exact")
    if connection.vendor == "postgresql":
        slow = queryset.extra(where=["pg_sleep(0.02) IS NOT NULL"])
        assert [list_count(slow) for _ in range(3)] == [ListCount(3, "exact")] * 3


def test_postgresql_estimates_a_large_list_and_counts_a_small_one(officer):
    """On PostgreSQL the planner's estimate decides: many rows are estimated, few are counted."""
    from django.db import connection

    from cases import pagination
    from cases.pagination import ListCount, list_count, planner_estimate
    from cases.selectors import case_list_visible

    if connection.vendor != "postgresql":
        pytest.skip("the planner's estimate is PostgreSQL's")
    CaseFactory.create_batch(30, status="verified")
    CaseFactory.create_batch(2, status="closed")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_case")
    visible = case_list_visible(user=officer)
    rows, cost = planner_estimate(visible)
    assert rows >= 30 and 0 < cost < pagination.COUNT_COST_LIMIT
    assert list_count(visible.filter(status="closed"), cap=10) == ListCount(2, "exact")
    estimated = list_count(visible, cap=10)
    assert estimated.kind == "about" and estimated.value >= 30
    assert [list_count(visible, cap=10) for _ in range(3)] == [estimated] * 3


def test_the_planners_estimate_is_asked_once_for_the_same_list_and_again_for_another(officer):
    """The same list tells the same size from one request to the next without asking the planner again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.pagination import planner_estimate
    from cases.selectors import case_list_visible

    if connection.vendor != "postgresql":
        pytest.skip("the planner's estimate is PostgreSQL's")
    CaseFactory.create_batch(3, status="verified")
    visible = case_list_visible(user=officer)
    with CaptureQueriesContext(connection) as captured:
        first = [planner_estimate(visible) for _ in range(3)]
        other = planner_estimate(visible.filter(status="closed"))
    explains = [query for query in captured.captured_queries if query["sql"].startswith("EXPLAIN")]
    assert first == [first[0]] * 3 and len(explains) == 2
    assert other is not None


def test_the_list_names_its_estimate_by_the_request_without_compiling_the_count(
    as_user, rf, officer, other_officer, partner, advocacy
):
    """The same filters of the same user: one EXPLAIN, then the kept estimate; other filters, another."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.filters import estimate_key, filtered_cases

    def key(user, query):
        request = rf.get("/cases/", query)
        request.user = user
        return estimate_key(request, filtered_cases(request)[0])

    verified = {"status": "verified"}
    assert key(officer, verified) == key(officer, {**verified, "size": "50", "after": "x"})
    assert len({key(officer, verified), key(officer, {"status": "closed"}), key(other_officer, verified)}) == 3
    assert key(advocacy, verified) not in (None, key(officer, verified))
    assert key(partner, verified) is None  # a partner's scope is their shares: the query's text names it
    assert key(officer, {"status": "no-such-status"}) is None
    if connection.vendor != "postgresql":
        return
    # More than a page of each, so that the list asks for its size.
    CaseFactory.create_batch(30, status="verified")
    CaseFactory.create_batch(30, status="closed")
    client = as_user(officer)
    with CaptureQueriesContext(connection) as captured:
        totals = [client.get(reverse("cases:list"), {**verified, "size": "25"}).context["total"] for _ in range(3)]
        client.get(reverse("cases:list"), {"status": "closed"})
    explains = [query for query in captured.captured_queries if query["sql"].startswith("EXPLAIN")]
    assert len(explains) == 2
    assert totals == [totals[0]] * 3


def test_a_count_the_planner_finds_costly_is_estimated_not_run(officer, monkeypatch):
    """A narrow filter over many cases: few rows expected, but many to look at before finding them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases import pagination
    from cases.selectors import case_list_visible

    CaseFactory.create_batch(3)
    costly = pagination.COUNT_COST_LIMIT * 6
    monkeypatch.setattr(pagination, "planner_estimate", lambda queryset, key=None: (40, costly))
    with CaptureQueriesContext(connection) as captured:
        counted = pagination.list_count(case_list_visible(user=officer), at_least=26)
    assert counted == pagination.ListCount(40, "about")
    assert not [query for query in captured.captured_queries if "COUNT(" in query["sql"]]
    monkeypatch.setattr(pagination, "planner_estimate", lambda queryset, key=None: (4, costly))
    assert pagination.list_count(case_list_visible(user=officer), at_least=26) == pagination.ListCount(26, "about")


# --- Drop-downs kept in the cache: what the user sees decides, at once -----------------


def test_partner_drop_downs_forget_a_revoked_case_at_the_next_page(as_user, officer, partner, shared_case):
    actor = ActorFactory(name_en="Cyber crimes unit")
    shared_case.violations.get().actors.add(actor)
    tag = Tag.objects.create(name="leaked-memo")
    shared_case.tags.add(tag)
    client = as_user(partner)
    text = client.get(reverse("cases:list")).text
    assert "Cyber crimes unit" in text and "leaked-memo" in text
    services.case_revoke(actor=officer, case=shared_case, partner=partner)
    response = client.get(reverse("cases:list"))
    assert "Cyber crimes unit" not in response.text and "leaked-memo" not in response.text
    # A value remembered from before the revocation is no longer a valid choice either.
    filtered = client.get(reverse("cases:list"), {"actor": actor.pk})
    assert rows(filtered) == [] and "nothing matches" in filtered.text


def test_partner_drop_downs_gain_a_newly_shared_case_at_the_next_page(as_user, officer, partner, case):
    tag = Tag.objects.create(name="new-share")
    case.tags.add(tag)
    client = as_user(partner)
    assert "new-share" not in client.get(reverse("cases:list")).text
    services.case_share(actor=officer, case=case, partner=partner)
    assert "new-share" in client.get(reverse("cases:list")).text
    assert rows(client.get(reverse("cases:list"), {"tag": tag.pk})) == [case]


def test_advocacy_drop_downs_follow_a_clearance_at_once(as_user, advocacy):
    from cases.models import SensitivityClearance

    sensitive = CaseFactory(sensitivity="sensitive")
    sensitive.tags.add(Tag.objects.create(name="sensitive-only"))
    client = as_user(advocacy)
    assert "sensitive-only" not in client.get(reverse("cases:list")).text
    clearance = SensitivityClearance.objects.create(user=advocacy, level="sensitive")
    assert "sensitive-only" in as_user(advocacy).get(reverse("cases:list")).text
    clearance.delete()
    assert "sensitive-only" not in as_user(advocacy).get(reverse("cases:list")).text


def test_taxonomy_labels_changed_by_an_administrator_show_at_the_next_page(as_user, officer):
    from cases.models import ViolationType

    CaseFactory(violation_type="arrest")
    client = as_user(officer)
    assert "Arrest or detention" in client.get(reverse("cases:list")).text
    arrest = ViolationType.objects.get(code="arrest")
    arrest.label_en = "Arrest (renamed)"
    arrest.save()
    text = client.get(reverse("cases:list")).text
    assert text.count("Arrest (renamed)") == 2  # the drop-down and the row's chip
    assert "Arrest or detention" not in text


# --- The rows, written in Python: escaped, linked, in the user's language ---------------


def test_rows_escape_what_officers_typed(as_user, officer):
    case = CaseFactory(title='<img src=x onerror="alert(1)"> & co')
    text = as_user(officer).get(reverse("cases:list")).text
    assert '<img src=x onerror="alert(1)">' not in text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co" in text
    assert f'href="{case.get_absolute_url()}"' in text


def test_rows_escape_labels_and_the_original_title_shown_on_hover(as_user, officer):
    from cases.models import Platform

    CaseFactory(
        title='عنوان "مقتبس" <b>',
        language="ar",
        title_translation="Quoted \"title\" ' onmouseover='alert(1)",
        platform="facebook",
    )
    facebook = Platform.objects.get(code="facebook")
    facebook.label_en = "<i>Face</i>book & co"
    facebook.save()
    text = as_user(officer).get(reverse("cases:list")).text
    row = text[text.index('<tr class="case-row">') :]
    assert "onmouseover='alert" not in row and "<b>" not in row.split("</tr>")[0]
    assert "Quoted &quot;title&quot; &#x27; onmouseover=&#x27;alert(1)" in row
    assert 'title="عنوان &quot;مقتبس&quot; &lt;b&gt;"' in row
    assert "&lt;i&gt;Face&lt;/i&gt;book &amp; co" in row


def test_rows_read_in_arabic(as_user, officer):
    case = CaseFactory(violation_type="arrest", platform="facebook", country="EG", status="verified")
    services.case_archive(actor=officer, case=case, reason="duplicate")
    client = as_user(officer)
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    text = client.get(reverse("cases:list"), {"archived": "all"}).text
    row = text[text.index('<tr class="case-row">') :].split("</tr>")[0]
    assert case.reference in row
    assert "اعتقال أو احتجاز · فيسبوك" in row
    assert "مصر" in row
    assert "مؤرشفة" in row
    assert "تم التحقق" in row and "Verified" not in row


@pytest.mark.parametrize(
    ("typed", "approximate", "written", "precision"),
    [
        ("2012", False, "2012", "Year only"),
        ("2016-06", False, "2016-06", "Month only"),
        ("2016-06-14", False, "2016-06-14", "Exact day"),
        ("2016-06-14", True, "2016-06-14", "Approximate"),
        ("", False, "", ""),
    ],
)
def test_export_writes_dates_as_recorded_with_their_precision(as_user, officer, typed, approximate, written, precision):
    from tests.cases.entry import entry

    data = entry(start_0=typed)
    if approximate:
        data["start_1"] = "on"
    as_user(officer).post(reverse("cases:create"), data)
    rows = _csv(as_user(officer).get(reverse("cases:export")))
    header, row = rows[0], rows[1]
    assert row[header.index("Start date")] == written
    assert row[header.index("Start date precision")] == precision


def test_export_precision_header_in_arabic(as_user, officer, case):
    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    assert "دقة تاريخ البدء" in _csv(client.get(reverse("cases:export")))[0]


@pytest.mark.parametrize(
    ("language", "shown", "hover"),
    [("ar", "حجب موقع إخباري", "News site blocked"), ("en", "Account suspended", None)],
)
def test_list_titles_are_in_the_readers_language_with_the_original_on_hover(as_user, officer, language, shown, hover):
    services.case_create(actor=officer, title="News site blocked", title_translation="حجب موقع إخباري", country="EG")
    services.case_create(actor=officer, title="Account suspended", country="EG")  # not translated
    client = as_user(officer)
    client.cookies["django_language"] = language
    text = client.get(reverse("cases:list")).text
    if language == "ar":
        cell = text[text.index(">حجب موقع إخباري<") - 120 : text.index(">حجب موقع إخباري<")]
        assert 'lang="ar"' in cell and f'title="{hover}"' in cell
        assert "Account suspended" in text  # no translation: the original
    else:
        assert ">News site blocked<" in text and ">Account suspended<" in text


@pytest.mark.parametrize("language", ["ar", "en"])
def test_case_heading_in_the_readers_language_with_the_original_beside_it(as_user, officer, language):
    case = services.case_create(
        actor=officer, title="حجب موقع إخباري", language="ar", title_translation="News site blocked", country="EG"
    )
    client = as_user(officer)
    client.cookies["django_language"] = language
    text = client.get(case.get_absolute_url()).text
    heading = text[text.index("<h1>") : text.index("</h1>")]
    if language == "en":
        assert '<bdi lang="en" dir="auto">News site blocked</bdi>' in heading
        assert 'class="original-title" lang="ar"' in heading and "حجب موقع إخباري" in heading
    else:
        assert '<bdi lang="ar" dir="auto">حجب موقع إخباري</bdi>' in heading and "original-title" not in heading
    assert f'<bdi class="reference">{case.reference}</bdi>' in heading  # isolated from the title


def test_the_kept_filter_form_escapes_hostile_values_and_follows_taxonomy_changes(as_user, officer, case):
    from cases.models import Platform

    case.tags.add(Tag.objects.create(name='<script>alert("tag")</script>'))
    client = as_user(officer)
    for _ in range(2):  # built, then read back from the cache
        page = client.get(reverse("cases:list")).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&quot;tag&quot;)&lt;/script&gt;" in page
    Platform.objects.create(code="mastodon", label_en="Mastodon", label_ar="ماستودون", position=99)
    assert "Mastodon" in client.get(reverse("cases:list"), {"size": 50}).content.decode()
    client.cookies["django_language"] = "ar"
    assert "ماستودون" in client.get(reverse("cases:list"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()


def test_a_filtered_form_shows_its_own_values_and_errors(as_user, officer, case):
    client = as_user(officer)
    client.get(reverse("cases:list"))  # the unfiltered form is kept
    page = client.get(reverse("cases:list"), {"q": "قضية", "status": "no-such-status"}).content.decode()
    assert 'value="قضية"' in page
    assert "nothing matches it" in page
    plain = client.get(reverse("cases:list"), {"after": "x", "size": 50}).content.decode()
    assert 'value="قضية"' not in plain and "nothing matches it" not in plain


def test_each_kept_filtered_form_shows_the_values_of_its_own_request(as_user, officer, case):
    client = as_user(officer)
    for _ in range(2):  # built, then read back from the cache
        verified = client.get(reverse("cases:list"), {"status": "verified", "q": "<b>حجب</b>"}).content.decode()
        closed = client.get(reverse("cases:list"), {"status": "closed"}).content.decode()
        assert '<option value="verified" selected>' in verified and '<option value="closed" selected>' not in verified
        assert '<option value="closed" selected>' in closed and '<option value="verified" selected>' not in closed
        assert 'value="&lt;b&gt;حجب&lt;/b&gt;"' in verified and "حجب" not in closed
    client.cookies["django_language"] = "ar"
    arabic = client.get(reverse("cases:list"), {"status": "verified"}, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<option value="verified" selected>' in arabic and ">Verified<" not in arabic
