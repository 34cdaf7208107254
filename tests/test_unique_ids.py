"""No page gives two elements the same id: a label, a skip link or a script finds the wrong one."""

from collections import Counter
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from cases.models import Case
from reporting.documents import DocumentKind
from tests.conftest import login

pytestmark = pytest.mark.django_db


class IdCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = Counter()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids[value] += 1


def duplicate_ids(html: str) -> list[str]:
    collector = IdCollector()
    collector.feed(html)
    return sorted(value for value, count in collector.ids.items() if count > 1)


def test_the_collector_finds_a_duplicate():
    assert duplicate_ids('<input id="id_platform"><p id="x"></p><select id="id_platform"></select>') == ["id_platform"]


@pytest.fixture
def demo_admin():
    call_command("seed_demo", stdout=StringIO())
    return get_user_model().objects.get(username="admin")


def main_pages():
    cases = list(Case.objects.order_by("reference").values_list("reference", flat=True))
    yield reverse("home")
    yield reverse("cases:list")
    yield reverse("cases:create")
    yield reverse("cases:escalations")
    for reference in cases:
        yield reverse("cases:detail", args=[reference])
    yield reverse("cases:edit", args=[cases[0]])
    yield reverse("reporting:index")
    for kind in DocumentKind.values:
        yield reverse("reporting:compose", args=[kind])
        yield reverse("reporting:compose", args=[kind]) + f"?reference={cases[0]}"
    yield reverse("imports:index")
    yield reverse("account:security")


def test_no_main_page_repeats_an_id(demo_admin):
    client = login(demo_admin)
    repeated = {}
    for url in main_pages():
        response = client.get(url)
        assert response.status_code == 200, url
        if found := duplicate_ids(response.text):
            repeated[url] = found
    assert repeated == {}


def test_the_composer_names_the_filters_platform_and_its_own_apart(demo_admin):
    page = login(demo_admin).get(reverse("reporting:compose", args=[DocumentKind.PLATFORM_ESCALATION])).text
    assert 'id="id_filter_platform"' in page and 'for="id_filter_platform"' in page
    assert 'id="id_platform"' in page and 'for="id_platform"' in page
