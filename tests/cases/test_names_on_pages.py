"""Pages honour the viewer: names only to those who may read them, in every script, everywhere.

An officer reads every name; a legal partner only the names of persons who
consented to be named to the State (as in the case file the partner
downloads); an advocacy officer no name at all — and the text typed by hand
(titles, narratives, descriptions, history values) is read with every spelling
of those names replaced. Asserted on the HTML and CSV as served, in both
interface languages, with spellings written out here by hand.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from cases import services
from cases.models import Person, Platform, ViolationType
from evidence.models import EvidenceItem
from tests.evidence.test_upload import png_bytes
from tests.reporting.conftest import add_evidence

pytestmark = pytest.mark.django_db

WITHHELD = ["samir", "sameer", "haddad", "hadad", "سمير", "حداد"]
CONSENTED = "Rana Khoury"


def spellings_in(text: str) -> list[str]:
    text = re.sub("[\u064b-\u065f\u0640]", "", text).lower()
    return [word for word in WITHHELD if re.search(rf"(?<![^\W_]){word}", text)]


def given(kind: str) -> dict:
    return {
        f"consent_{kind}_status": "given",
        f"consent_{kind}_date": timezone.localdate() - dt.timedelta(days=3),
        f"consent_{kind}_method": "written",
    }


@pytest.fixture
def named(officer, partner):
    """A normal case shared with the partner: one person withheld from everyone, one consented to the State."""
    case = services.case_create(
        actor=officer,
        title="استدعاء سمير الحداد بسبب منشور",
        title_translation="Samir al-Haddad summoned over a post",
        narrative="استدعي وسمير إلى التحقيق. رنا خوري شاهدة.",
        narrative_translation="Sameer was questioned; El Hadad said nothing. Rana Khoury saw it.",
        language="ar",
        country="LB",
        start_date=timezone.localdate() - dt.timedelta(days=10),
        sensitivity="normal",
    )
    withheld = services.person_save(
        actor=officer,
        case=case,
        name="سمير الحداد",
        pseudonym="Blogger S.",
        consent_public_status="refused",
        consent_public_date=timezone.localdate(),
    )
    services.person_save(
        actor=officer, case=case, role="witness", name=CONSENTED, pseudonym="Witness R.", **given("state")
    )
    services.violation_save(
        actor=officer,
        case=case,
        violation_type=ViolationType.objects.get(code="content_removal"),
        platform=Platform.objects.get(code="facebook"),
        description="Haddad's post was removed.",
        affected_persons=[withheld],
    )
    # An edit, so that the history has old and new values that spell the name.
    services.case_update(actor=officer, case=case, title_translation="Samir al-Haddad summoned again over a post")
    item = add_evidence(actor=officer, case=case, data=png_bytes() + b"n", name="profile_al-haddad.png")
    EvidenceItem.objects.filter(pk=item.pk).update(description="Screenshot of SAMIR AL HADDAD's profile")
    assign_perm("cases.view_case", partner, case)
    return case


def pages(client, case):
    item = EvidenceItem.objects.get(case=case)
    return {
        "case page": client.get(reverse("cases:detail", args=[case.reference])),
        "history": client.get(reverse("cases:history", args=[case.reference])),
        "list": client.get(reverse("cases:list")),
        "search": client.get(reverse("cases:list"), {"q": "منشور"}),
        "evidence": client.get(reverse("evidence:detail", args=[item.pk])),
    }


@pytest.mark.parametrize("language", ["en", "ar"])
def test_advocacy_reads_no_spelling_of_any_name(as_user, advocacy, named, language):
    client = as_user(advocacy)
    client.cookies["django_language"] = language
    for page, response in pages(client, named).items():
        assert response.status_code == 200, page
        assert spellings_in(response.content.decode()) == [], f"{page} shows a withheld name"
        assert CONSENTED not in response.content.decode(), page
    response = client.get(reverse("cases:detail", args=[named.reference]))
    assert [person.name for person in response.context["persons"]] == ["", ""]
    case_page = response.content.decode()
    assert "Blogger S." in case_page and "Witness R." in case_page


@pytest.mark.parametrize("language", ["en", "ar"])
def test_partner_reads_only_the_name_consented_to_the_state(as_user, partner, named, language):
    client = as_user(partner)
    client.cookies["django_language"] = language
    case_page = client.get(reverse("cases:detail", args=[named.reference]))
    history = client.get(reverse("cases:history", args=[named.reference]))
    for response in (case_page, history):
        assert response.status_code == 200
        assert spellings_in(response.content.decode()) == []
    assert CONSENTED in case_page.content.decode()


def test_officer_reads_every_name(as_user, officer, named):
    response = as_user(officer).get(reverse("cases:detail", args=[named.reference]))
    names = [person.name for person in response.context["persons"]]
    assert names == ["سمير الحداد", CONSENTED]  # the persons themselves, not only the title that spells them
    body = response.content.decode()
    assert "سمير الحداد" in body and "Samir al-Haddad" in body and CONSENTED in body
    history = as_user(officer).get(reverse("cases:history", args=[named.reference])).content.decode()
    assert "Samir al-Haddad summoned again" in history


def test_advocacy_csv_carries_no_name_and_officer_csv_does(as_user, advocacy, officer, named):
    advocacy_csv = b"".join(as_user(advocacy).get(reverse("cases:export")).streaming_content).decode("utf-8-sig")
    assert named.reference in advocacy_csv
    assert spellings_in(advocacy_csv) == []
    assert "Blogger S." in advocacy_csv
    officer_csv = b"".join(as_user(officer).get(reverse("cases:export")).streaming_content).decode("utf-8-sig")
    assert "Samir al-Haddad" in officer_csv


def test_a_search_by_name_finds_the_case_only_for_those_who_read_names(as_user, advocacy, officer, named):
    for word in ("سمير", "Haddad", "Sameer"):
        advocacy_hits = as_user(advocacy).get(reverse("cases:list"), {"q": word}).content.decode()
        assert named.reference not in advocacy_hits, word
    assert named.reference in as_user(officer).get(reverse("cases:list"), {"q": "سمير"}).content.decode()


def test_composer_list_reads_titles_as_the_viewer_may(as_user, advocacy, named):
    body = as_user(advocacy).get(reverse("reporting:compose", args=["upr_submission"])).content.decode()
    assert named.reference in body
    assert spellings_in(body) == []


def test_a_page_prepared_for_a_viewer_is_never_saved(as_user, advocacy, named):
    """The text replaced for one viewer lives in that request only: the record keeps what was typed."""
    as_user(advocacy).get(reverse("cases:detail", args=[named.reference]))
    named.refresh_from_db()
    assert named.title == "استدعاء سمير الحداد بسبب منشور"
    assert Person.objects.filter(case=named, name="سمير الحداد").exists()


def test_consent_is_a_status_with_its_history(as_user, officer, named):
    person = Person.objects.get(case=named, name="سمير الحداد")
    services.person_save(
        actor=officer, case=named, person=person, **given("public") | {"consent_public_method": "oral"}
    )
    services.person_save(
        actor=officer,
        case=named,
        person=person,
        consent_public_status="withdrawn",
        consent_public_date=timezone.localdate(),
        consent_public_method="",
    )
    statuses = list(person.history.order_by("history_date").values_list("consent_public_status", flat=True))
    assert statuses == ["refused", "given", "withdrawn"]
    history = as_user(officer).get(reverse("cases:history", args=[named.reference])).content.decode()
    assert "Withdrawn" in history and "Given" in history
