"""Arabic-aware search (PRODUCT.md section 4), through the list page, on SQLite and PostgreSQL alike."""

import io

import pytest
from django.urls import reverse

from cases import services
from cases.search import normalise, query_words
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

TITLE = "اعتقالُ المدوِّنة في الإسكندريّة بسبب منشور على فيسبوك"


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("المُدَوِّنَةُ", "المدونة"),  # diacritics
        ("المدونة", "المُدَوِّنَة"),
        ("اعتـــقال", "اعتقال"),  # tatweel
        ("أحمد", "احمد"),  # alef with hamza above
        ("إسكندرية", "اسكندرية"),  # alef with hamza below
        ("آمنة", "امنة"),  # alef madda
        ("على", "علي"),  # alef maqsura / ya
        ("مدونة", "مدونه"),  # ta marbuta / ha
        ("المدونة", "مدونة"),  # prefix al-
        ("والمدونة", "المدونة"),  # prefix wa- (and al-)
        ("بالإسكندرية", "الاسكندرية"),  # prefix bi- (and al-)
        ("وزارة", "وزارة"),  # a word that starts with waw still finds itself
        ("٢٠٢٦", "2026"),  # Arabic-Indic digits
        ("Café", "cafe"),
    ],
)
def test_normalised_forms_match(officer, stored, typed):
    from cases.models import Case
    from cases.search import search as search_cases

    case = services.case_create(actor=officer, title=stored, language="ar", country="EG")
    found = search_cases(Case.objects.all(), query_words(typed), personal=False)
    assert list(found) == [case]


def test_short_words_keep_their_prefix_letters():
    assert normalise("بر").strip() == "بر"  # not reduced to a single letter
    assert normalise("ال").strip() == "ال"


def test_the_exact_form_is_always_stored_and_stems_are_marked():
    assert normalise("بيروت للمدونين").split()[:2] == ["بيروت", "للمدونين"]
    assert "=مدون" in normalise("للمدونين").split()
    assert "=arrest" in normalise("arrested").split()


@pytest.mark.parametrize(
    ("word", "never"),
    [
        ("وزارة", "زار"),  # و belongs to the word: never both it and the ending taken off
        ("واسعة", "اسع"),
        ("باب", "اب"),  # what remains of a prefix must be a word of three letters at least
        ("بيروت", "يرو"),
    ],
)
def test_stems_never_shrink_a_word_into_another(word, never):
    from cases.search import normalise_words, stems

    assert never not in stems(normalise_words(word)[0])


@pytest.fixture
def arabic_case(officer):
    case = services.case_create(actor=officer, title=TITLE, language="ar", country="EG", sensitivity="sensitive")
    services.person_save(actor=officer, case=case, name="سامر الخطيب", pseudonym="المصدر ١")
    return case


@pytest.fixture
def other_case(officer):
    return services.case_create(actor=officer, title="Content removal on Instagram", country="LB")


def search(client, text):
    return list(client.get(reverse("cases:list"), {"q": text}).context["page"])


@pytest.mark.parametrize(
    "query",
    [
        "المدونة",  # without diacritics
        "مدونه",  # ha for ta marbuta, no article
        "الاسكندرية",  # bare alef
        "بالإسكندرية",  # with bi-
        "والمدونة",  # with wa-
        "اعتـقال",  # tatweel in the query
        "علي فيسبوك",  # ya for alef maqsura, two words
        "فيسبو",  # the start of a word
    ],
)
def test_arabic_search_finds_the_case(as_user, officer, arabic_case, other_case, query):
    assert search(as_user(officer), query) == [arabic_case]


def test_all_words_must_match(as_user, officer, arabic_case, other_case):
    assert search(as_user(officer), "المدونة إنستغرام") == []


def test_search_does_not_match_inside_words(as_user, officer, arabic_case):
    assert search(as_user(officer), "دونة") == []


def test_english_search_is_case_insensitive(as_user, officer, arabic_case, other_case):
    assert search(as_user(officer), "INSTAGRAM") == [other_case]


def test_search_covers_violation_type_labels_in_both_languages(as_user, officer):
    case = CaseFactory(violation_type="arrest")
    assert search(as_user(officer), "اعتقال") == [case]
    assert search(as_user(officer), "detention") == [case]


def test_names_are_searchable_only_by_roles_that_see_personal_data(as_user, officer, advocacy, arabic_case):
    assert search(as_user(officer), "الخطيب") == [arabic_case]
    assert search(as_user(advocacy), "الخطيب") == []
    assert search(as_user(advocacy), "المصدر") == []  # sensitive case: beyond advocacy's default clearance


def test_pseudonyms_are_searchable_by_cleared_readers(as_user, advocacy, officer, arabic_case):
    from cases.models import SensitivityClearance

    SensitivityClearance.objects.create(user=advocacy, level="sensitive")
    assert search(as_user(advocacy), "المصدر") == [arabic_case]


def test_partner_search_never_reaches_other_cases(as_user, partner, arabic_case):
    assert search(as_user(partner), "المدونة") == []


def test_search_text_follows_edits(as_user, officer, arabic_case):
    services.case_update(actor=officer, case=arabic_case, title="حجب موقع")
    assert search(as_user(officer), "المدونة") == []
    assert search(as_user(officer), "الموقع") == [arabic_case]


def test_names_reached_through_the_index_only_for_roles_that_see_personal_data(as_user, officer, advocacy):
    from cases.models import SensitivityClearance

    case = services.case_create(actor=officer, title="Account suspended", country="JO", sensitivity="normal")
    services.person_save(actor=officer, case=case, name="Rania Haddad", pseudonym="Source R")
    SensitivityClearance.objects.create(user=advocacy, level="sensitive")
    assert search(as_user(officer), "hadd") == [case]
    assert search(as_user(advocacy), "hadd") == []
    assert search(as_user(advocacy), "source") == [case]


def test_words_longer_than_the_indexed_prefixes_match_whole(as_user, officer):
    from cases.search import PREFIX_MAX

    stem = "a" * PREFIX_MAX
    long_one = services.case_create(actor=officer, title=f"{stem}bcdefg report", country="EG")
    services.case_create(actor=officer, title=f"{stem}xyz report", country="EG")
    client = as_user(officer)
    assert search(client, f"{stem}bcd") == [long_one]
    assert len(search(client, stem)) == 2


def test_a_single_letter_searches_the_start_of_words(as_user, officer, other_case):
    assert search(as_user(officer), "i") == [other_case]  # Instagram
    assert search(as_user(officer), "q") == []


def test_the_migration_fills_prefixes_as_the_application_does(officer, arabic_case, other_case):
    """Cases that existed before migrations 0006 and 0010 are filled by SQL; it must agree with Python."""
    from importlib import import_module

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the prefix column is filled on PostgreSQL only")
    from cases.models import Case
    from cases.search import word_prefixes

    migration = import_module("cases.migrations.0006_word_prefix_search_index")
    whole_words = import_module("cases.migrations.0010_search_whole_words")
    expected = {case.pk: word_prefixes(case.search_text, case.people_search_text) for case in Case.objects.all()}
    assert any(prefix.startswith("~") for prefix in expected[arabic_case.pk])  # the name, marked
    assert any(entry.startswith("=") and entry.endswith("|") for entry in expected[arabic_case.pk])  # a stem, whole
    # What the application wrote through its services, before the migration's SQL rewrites it.
    assert dict(Case.objects.values_list("id", "search_prefixes")) == expected
    Case.objects.update(search_prefixes=None)
    with connection.cursor() as cursor:
        cursor.execute(migration.PREFIXES)
        cursor.execute(migration.FILL)
        cursor.execute(whole_words.WHOLE_WORDS)
        cursor.execute(whole_words.FILL)
        cursor.execute("SELECT id, search_prefixes FROM cases_case")
        filled = dict(cursor.fetchall())
    assert filled == expected


def test_refresh_search_rewrites_columns_written_by_an_older_version(as_user, officer, arabic_case):
    from django.core.management import call_command

    from cases.models import Case
    from cases.search import WHOLE, word_prefixes

    # As an older version stored it: prefixes stripped, no stems, no whole words in the index.
    old_index = [entry for entry in word_prefixes(" اعتقال مدونه ", "") if not entry.endswith(WHOLE)]
    Case.objects.filter(pk=arabic_case.pk).update(
        search_text=" اعتقال مدونه ", people_search_text="", search_prefixes=old_index
    )
    assert search(as_user(officer), "للمدونين") == []
    call_command("refresh_search", batch_size=1, stdout=io.StringIO())
    assert search(as_user(officer), "للمدونين") == [arabic_case]
    assert search(as_user(officer), "الخطيب") == [arabic_case]


def test_a_search_on_postgresql_is_answered_by_the_index_without_reading_the_text(officer, arabic_case, other_case):
    """A common word matches tens of thousands of cases: the plan must not read each one's long text."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the prefix index exists on PostgreSQL only")
    from cases.models import Case
    from cases.search import search

    for words in (["اعتقال"], ["الاعتقالات", "blogger"], ["arrests"]):
        queryset = search(Case.objects.all(), words, personal=True).order_by("search_rank", "-created_at")
        plan = queryset.explain()
        assert "search_text" not in plan, plan
        assert "search_prefixes &&" in plan
