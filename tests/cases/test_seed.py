from io import StringIO

import pytest
from django.core.management import call_command

from cases.models import Case, Person, ReferenceCounter, Violation
from cases.selectors import case_list_visible

pytestmark = pytest.mark.django_db


def test_seed_cases_creates_searchable_bilingual_cases_with_history():
    call_command("seed_cases", cases=30, batch=12, shared=5, stdout=StringIO())
    assert Case.objects.count() == 30
    assert Violation.objects.count() == Person.objects.count() == 30
    assert Case.history.count() == 30  # each case has its first version
    assert Case.objects.filter(language="ar").exists() and Case.objects.filter(language="en").exists()
    assert not Case.objects.filter(search_text="").exists()
    from cases.search import title_key

    for title, translation, country, start, key, translation_key in Case.objects.values_list(
        "title", "title_translation", "country", "start_date", "title_key", "title_translation_key"
    ):
        # What the import's duplicate check looks for.
        assert (key, translation_key) == (title_key(title, country, start), title_key(translation, country, start))
    from django.db import connection

    from cases.search import word_prefixes

    if connection.vendor == "postgresql":  # the seeder's bulk inserts fill the prefix index's column too
        for case in Case.objects.all():
            assert case.search_prefixes == word_prefixes(case.search_text, case.people_search_text)
    from django.contrib.auth import get_user_model

    partner = get_user_model().objects.get(username="bench_partner")
    assert case_list_visible(user=partner).count() == 5
    # a second run continues the reference numbers instead of colliding
    call_command("seed_cases", cases=5, batch=5, shared=0, stdout=StringIO())
    assert Case.objects.count() == 35
    year, last = ReferenceCounter.objects.order_by("-last_number").values_list("year", "last_number").first()
    assert last >= 1 and year >= 2020
