"""The home page: what is due, per role, and nothing from a case the user may not see."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import services
from cases.choices import Sensitivity
from cases.models import ContentItem, Intervention, Platform
from cases.services import content as content_services
from tests.factories import CaseFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def today():
    return services.local_today()


def overdue(case, days=3, **fields):
    return InterventionFactory(case=case, status="sent", due_date=today() - timedelta(days=days), **fields)


def sections(response) -> dict:
    return {entry["section"].key: entry for entry in response.context["sections"]}


def escalate(officer, items, sent_days_ago: int):
    escalation = services.escalation_create(actor=officer, platform=items[0].platform, items=items)
    services.escalation_send(actor=officer, escalation=escalation, sent_on=today() - timedelta(days=sent_days_ago))
    return escalation


def content(officer, case, removed_days_ago=30, **fields):
    return services.content_item_save(
        actor=officer,
        case=case,
        url=f"https://www.facebook.com/posts/{case.pk}-{fields.get('content_id', '1')}",
        platform=Platform.objects.get(code="facebook"),
        removed_on=today() - timedelta(days=removed_days_ago),
        **fields,
    )


def test_the_site_root_is_the_home_page_and_login_lands_there(client, officer):
    from django.conf import settings

    assert reverse(settings.LOGIN_REDIRECT_URL) == "/"
    client.force_login(officer)
    response = client.get("/")
    assert response.status_code == 200 and response.templates[0].name == "casebook/home.html"


def test_an_officer_sees_what_is_overdue_and_due_this_week_each_linked_to_its_list(as_user, officer, case):
    late = overdue(case)
    soon = InterventionFactory(case=case, status="acknowledged", due_date=today() + timedelta(days=6))
    InterventionFactory(case=case, status="sent", due_date=today() + timedelta(days=8))  # next week
    InterventionFactory(case=case, status="refused", due_date=today() - timedelta(days=8))  # answered
    response = as_user(officer).get("/")
    found = sections(response)
    assert [row.pk for row in found["interventions_overdue"]["rows"]] == [late.pk]
    assert [row.pk for row in found["interventions_week"]["rows"]] == [soon.pk]
    assert reverse("cases:due", args=["interventions_overdue"]) in response.text
    listed = as_user(officer).get(reverse("cases:due", args=["interventions_overdue"]))
    assert list(listed.context["page"].object_list) == [late]


def test_escalations_appeals_rechecks_and_intake_are_on_the_officers_home(as_user, officer, case):
    stale = content(officer, case, content_id="stale", removed_days_ago=300)
    escalation = escalate(officer, [stale], sent_days_ago=10)  # due 7 days after sending: overdue
    upheld = content(officer, case, content_id="upheld", removed_days_ago=300)
    earlier = escalate(officer, [upheld], sent_days_ago=200)
    entry = earlier.entries.get()
    # Decided six months less twenty days ago: the complaint window closes in about twenty days.
    decided = content_services._add_months(today(), -6) + timedelta(days=20)
    services.escalation_answer(actor=officer, entry=entry, answer="upheld", answered_on=decided)
    entry.refresh_from_db()
    assert timedelta(days=18) <= entry.appeal_deadline - today() <= timedelta(days=22)
    found = sections(as_user(officer).get("/"))
    assert [row.pk for row in found["escalations_overdue"]["rows"]] == [escalation.pk]
    assert [row.pk for row in found["appeals"]["rows"]] == [entry.pk]
    assert stale in found["recheck"]["rows"]
    assert case in found["intake"]["rows"]
    # Once the complaint is lodged, the deadline no longer waits on anyone.
    services.escalation_appeal(actor=officer, entry=entry, step="complaint", on=today())
    assert sections(as_user(officer).get("/"))["appeals"]["count"] == 0


def test_nothing_from_a_hidden_case_not_even_a_count(as_user, officer, other_officer):
    hidden = CaseFactory(created_by=officer, sensitivity=Sensitivity.RESTRICTED, title="A source in hiding")
    hidden.assigned_officers.add(officer)
    overdue(hidden)
    item = content(officer, hidden)
    escalate(officer, [item], sent_days_ago=20)
    response = as_user(other_officer).get("/")
    assert all(entry["count"] == 0 for entry in response.context["sections"])
    assert hidden.reference not in response.text and "A source in hiding" not in response.text
    for key in ("interventions_overdue", "escalations_overdue", "recheck", "intake"):
        listed = as_user(other_officer).get(reverse("cases:due", args=[key]))
        assert listed.context["page"].paginator.count == 0 and hidden.reference not in listed.text
    # The officer assigned to it sees all of it.
    counts = {key: entry["count"] for key, entry in sections(as_user(officer).get("/")).items()}
    assert counts["interventions_overdue"] == counts["escalations_overdue"] == counts["recheck"] == 1


def test_a_partner_sees_the_shared_cases_deadlines_only(as_user, officer, partner, shared_case, case, revoked_case):
    shared_late, _ = overdue(shared_case), overdue(case)
    overdue(revoked_case)
    response = as_user(partner).get("/")
    found = sections(response)
    assert set(found) == {
        "interventions_overdue",
        "interventions_week",
        "escalations_overdue",
        "escalations_week",
        "appeals",
    }
    assert found["interventions_overdue"]["count"] == 1
    assert [row.pk for row in found["interventions_overdue"]["rows"]] == [shared_late.pk]
    assert case.reference not in response.text and revoked_case.reference not in response.text
    assert response.context["activity"] is None
    for key in ("recheck", "intake"):
        assert as_user(partner).get(reverse("cases:due", args=[key])).status_code == 404


def test_a_partner_sees_an_escalation_through_its_shared_item_only(as_user, officer, partner, shared_case, case):
    escalation = escalate(officer, [content(officer, shared_case), content(officer, case)], sent_days_ago=20)
    hidden_only = escalate(officer, [content(officer, case, content_id="2")], sent_days_ago=20)
    found = sections(as_user(partner).get("/"))
    assert [row.pk for row in found["escalations_overdue"]["rows"]] == [escalation.pk]
    assert hidden_only.pk not in [row.pk for row in found["escalations_overdue"]["rows"]]


def test_an_advocacy_officer_sees_deadlines_but_no_work_lists(as_user, advocacy, officer, case):
    overdue(case)
    found = sections(as_user(advocacy).get("/"))
    assert "recheck" not in found and "intake" not in found
    assert found["interventions_overdue"]["count"] == 1


def test_recent_activity_on_the_cases_the_user_follows(as_user, officer, other_officer, case):
    item = content(officer, case)
    services.content_recheck(actor=other_officer, item=item, still_down=True)
    unfollowed = CaseFactory(created_by=officer, title="Not followed")
    services.case_update(actor=officer, case=unfollowed, title="Not followed, changed")
    response = as_user(officer).get("/")
    references = [event["reference"] for event in response.context["activity"]]
    assert references and set(references) == {case.reference}
    assert response.context["activity"][0]["kind"] == "content"
    assert "other_officer" in response.text


def test_the_home_page_reads_in_arabic(as_user, officer, case):
    overdue(case)
    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    page = client.get("/", headers={"accept-language": "ar"}).text
    assert 'dir="rtl"' in page
    assert "ما هو مستحق" in page and "تدخلات متأخرة" in page


def test_an_intervention_due_yesterday_in_beirut_is_overdue_while_utc_is_still_on_that_day(
    as_user, settings, monkeypatch, officer, case
):
    """At 22:30 UTC on 29 March 2026 it is already 30 March in Beirut (clocks went forward that night)."""
    settings.TIME_ZONE = "Asia/Beirut"
    instant = datetime(2026, 3, 29, 22, 30, tzinfo=ZoneInfo("UTC"))
    monkeypatch.setattr(content_services, "clock", lambda: instant)
    due = InterventionFactory(case=case, status="sent", due_date=date(2026, 3, 29))
    found = sections(as_user(officer).get("/"))
    assert [row.pk for row in found["interventions_overdue"]["rows"]] == [due.pk]
    settings.TIME_ZONE = "UTC"
    found = sections(as_user(officer).get("/"))
    assert found["interventions_overdue"]["count"] == 0
    assert [row.pk for row in found["interventions_week"]["rows"]] == [due.pk]


def _home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries.captured_queries)


def _add_due(officer, cases, count):
    """Overdue interventions and stale items spread over the cases (written in bulk: volume, not history)."""
    day = today() - timedelta(days=40)
    facebook = Platform.objects.get(code="facebook")
    Intervention.objects.bulk_create(
        Intervention(
            case=cases[n % len(cases)],
            kind="platform_escalation",
            recipient="Trust and safety",
            status="sent",
            due_date=day + timedelta(days=n % 30),
            created_by=officer,
        )
        for n in range(count)
    )
    ContentItem.objects.bulk_create(
        ContentItem(
            case=cases[n % len(cases)],
            url=f"https://www.facebook.com/posts/{n}",
            platform=facebook,
            status="removed",
            status_on=day,
            created_by=officer,
        )
        for n in range(count)
    )


@pytest.mark.parametrize("persona", ["officer", "partner"])
def test_the_home_page_keeps_a_constant_number_of_queries_with_10_or_1000_due_items(
    request, as_user, persona, officer, partner, shared_case
):
    cases = [shared_case, *(CaseFactory(created_by=officer) for _ in range(4))]
    for one in cases:
        one.assigned_officers.add(officer)
    client = as_user(request.getfixturevalue(persona))
    _add_due(officer, cases, 10)
    client.get("/")
    few = _home_queries(client)
    _add_due(officer, cases, 990)
    many = _home_queries(client)
    assert few == many
    found = sections(client.get("/"))
    expected = 1000 if persona == "officer" else 200  # a partner: the shared case's fifth only
    assert found["interventions_overdue"]["count"] == expected


def test_the_new_pages_have_a_strict_policy_and_nothing_inline(as_user, officer, case):
    from tests.casebook.test_headers import assert_strict

    item = content(officer, case)
    escalation = escalate(officer, [item], sent_days_ago=2)
    client = as_user(officer)
    for url in (
        "/",
        reverse("cases:due", args=["recheck"]),
        item.get_absolute_url(),
        reverse("cases:content_create", args=[case.reference]),
        reverse("cases:escalations"),
        reverse("cases:escalation_create"),
        escalation.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response, url)


@pytest.mark.parametrize("section", ["interventions_overdue", "recheck"])
def test_a_sections_full_list_keeps_a_constant_number_of_queries(as_user, officer, section):
    cases = [CaseFactory(created_by=officer) for _ in range(3)]
    client = as_user(officer)
    _add_due(officer, cases, 10)
    address = reverse("cases:due", args=[section])
    client.get(address)
    with CaptureQueriesContext(connection) as few:
        client.get(address)
    _add_due(officer, cases, 290)
    with CaptureQueriesContext(connection) as many:
        response = client.get(address)
    assert len(few.captured_queries) == len(many.captured_queries)
    assert response.context["page"].paginator.count == 300 and len(response.context["page"].object_list) == 100


def test_titles_on_the_home_page_are_in_the_readers_language(as_user, officer, case):
    case.title_translation = "تعليق حساب بعد منشور"
    case.save()
    overdue(case)
    client = as_user(officer)
    english = client.get("/").text
    assert case.title in english and "تعليق حساب بعد منشور" not in english
    client.cookies["django_language"] = "ar"
    arabic = client.get("/", HTTP_ACCEPT_LANGUAGE="ar").text
    assert '<bdi lang="ar" dir="auto">تعليق حساب بعد منشور</bdi>' in arabic
    assert case.title not in arabic
