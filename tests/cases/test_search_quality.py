"""The search-quality set (tests/search_quality.py) through the list's search, on SQLite and PostgreSQL."""

import pytest
from django.urls import reverse

from tests.search_quality import CASES, PAIRS, evaluate, load, runner

pytestmark = pytest.mark.django_db

RECALL_FLOOR = 0.95


@pytest.fixture
def quality_cases(officer):
    return load(officer)


def test_the_set_covers_every_kind_it_promises():
    kinds = {pair.kind for pair in PAIRS}
    assert len(PAIRS) >= 60
    for kind in ("tashkeel", "tatweel", "hamza", "ta marbuta", "alef maqsura", "sound plural", "broken plural"):
        assert kind in kinds
    for prefix in ("و", "ف", "ب", "ك", "ل", "لل", "ال"):
        assert f"prefix {prefix}" in kinds
    assert {"english", "false friend"} <= kinds
    assert all(pair.expected <= set(CASES) and pair.forbidden <= set(CASES) for pair in PAIRS)


def test_recall_holds_and_no_false_friend_is_found(quality_cases):
    scores = evaluate(runner(quality_cases))
    overall = scores["all"]
    assert overall.recall >= RECALL_FLOOR, overall.misses
    assert overall.false_friends == []


def test_names_column_is_searched_the_same_way_for_readers_of_personal_data(quality_cases):
    scores = evaluate(runner(quality_cases, personal=True))
    assert scores["all"].recall >= RECALL_FLOOR
    assert scores["all"].false_friends == []


def _listed(client, query):
    return [case.pk for case in client.get(reverse("cases:list"), {"q": query}).context["page"]]


def test_exact_matches_rank_before_stem_matches(as_user, officer, quality_cases):
    by_key = {key: pk for pk, key in quality_cases.items()}
    # c01 holds اعتقال itself; c02 only its plural الاعتقالات. c02 is newer, so without the
    # ranking it would come first.
    listed = _listed(as_user(officer), "اعتقال")
    assert listed == [by_key["c01"], by_key["c02"]]
    listed = _listed(as_user(officer), "الاعتقالات")
    assert listed == [by_key["c02"], by_key["c01"]]


def test_ranked_results_page_through_without_repeats_or_gaps(officer, quality_cases):
    from cases.models import Case
    from cases.pagination import keyset_page
    from cases.search import query_words, search

    by_key = {key: pk for pk, key in quality_cases.items()}
    found = search(Case.objects.filter(pk__in=quality_cases), query_words("حساب"), personal=False)
    ordering = ("search_rank", "-created_at", "-id")
    seen, after = [], None
    while True:
        page = keyset_page(found, ordering=ordering, size=1, after=after, window=400)
        seen += [case.pk for case in page]
        if not page.has_next:
            break
        after = page.next_cursor
    # The three cases that hold حساب itself, newest first, then c07, which holds only حسابات.
    assert seen == [by_key["c22"], by_key["c13"], by_key["c11"], by_key["c07"]]
    back = keyset_page(found, ordering=ordering, size=2, before=after)
    assert [case.pk for case in back] == [by_key["c22"], by_key["c13"]]  # the two before c11


def test_a_forged_rank_in_a_cursor_gives_the_first_page(officer, quality_cases):
    import base64
    import json

    from cases.models import Case
    from cases.pagination import keyset_page
    from cases.search import query_words, search

    found = search(Case.objects.filter(pk__in=quality_cases), query_words("حساب"), personal=False)
    forged = base64.urlsafe_b64encode(json.dumps(["0; DROP", "2026-01-01T00:00:00", 1]).encode()).decode()
    page = keyset_page(found, ordering=("search_rank", "-created_at", "-id"), size=2, after=forged)
    assert len(page) == 2 and page.previous_cursor is None
