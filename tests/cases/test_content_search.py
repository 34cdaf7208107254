"""The case list's search finds a case by its content items: URL and platform id for every reader,
the author handle only for readers of personal data, a person's name in a URL for no one else."""

from datetime import date

import pytest
from django.urls import reverse

from cases import services
from cases.models import Platform, SensitivityClearance
from tests.factories import content_item_recorded

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def search(client, text):
    return list(client.get(reverse("cases:list"), {"q": text}).context["page"])


def add_item(actor, case, **fields):
    fields = {
        "url": "https://www.tiktok.com/@qamar.clips/video/7351234567",
        "platform": Platform.objects.get(code="tiktok"),
        "kind": "video",
        "content_id": "7351234567",
        "author_handle": "@qamar.clips",
        "published_on": None,
        **fields,
    }
    return content_item_recorded(actor, case, **fields)


@pytest.fixture
def takedown(officer):
    case = services.case_create(actor=officer, title="Satirical clip removed", country="EG", sensitivity="normal")
    add_item(officer, case)
    return case


@pytest.fixture
def unrelated(officer):
    return services.case_create(actor=officer, title="Website blocked", country="EG", sensitivity="normal")


@pytest.mark.parametrize("query", ["https://www.tiktok.com/@qamar.clips/video/7351234567", "7351234567", "tiktok.com"])
def test_a_content_url_or_id_finds_its_case_for_officers_and_advocacy(
    as_user, officer, advocacy, takedown, unrelated, query
):
    assert search(as_user(officer), query) == [takedown]
    assert search(as_user(advocacy), query) == [takedown]


def test_an_author_handle_finds_its_case_only_for_readers_of_personal_data(as_user, officer, advocacy, takedown):
    services.content_item_save(
        actor=officer,
        case=takedown,
        item=takedown.content_items.get(),
        today=TODAY,
        url="https://www.tiktok.com/video/7351234567",
    )
    assert search(as_user(officer), "@qamar.clips") == [takedown]
    assert search(as_user(officer), "qamar") == [takedown]
    assert search(as_user(advocacy), "qamar") == []


def test_a_persons_name_in_a_content_url_is_not_searchable_by_readers_who_may_not_see_it(
    as_user, officer, advocacy, takedown
):
    services.person_save(actor=officer, case=takedown, name="Qamar Nassar", pseudonym="Creator Q")
    add_item(officer, takedown, url="https://x.com/Qamar_Nassar/status/1790000000000000009", content_id="")
    SensitivityClearance.objects.create(user=advocacy, level="sensitive")
    assert search(as_user(officer), "nassar") == [takedown]
    assert search(as_user(advocacy), "nassar") == []
    assert search(as_user(advocacy), "1790000000000000009") == [takedown]


def test_an_item_taken_off_its_case_no_longer_finds_it(as_user, officer, takedown):
    services.content_item_remove(actor=officer, item=takedown.content_items.get())
    assert search(as_user(officer), "7351234567") == []


def test_a_hidden_case_is_not_found_by_its_content(as_user, officer, partner, takedown, shared_case):
    add_item(officer, shared_case, content_id="999000111", url="https://www.tiktok.com/video/999000111")
    assert search(as_user(partner), "7351234567") == []
    assert search(as_user(partner), "999000111") == [shared_case]
