"""Escalations of content items in batches: due dates, per-item answers, appeals and the CSV."""

import csv
import io
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casebook.models import AuditEvent
from cases import services
from cases.models import Platform
from cases.services import content as content_services
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 9, 30)


def item(actor, case, platform="facebook", **fields):
    return services.content_item_save(
        actor=actor,
        case=case,
        today=TODAY,
        **{
            "url": f"https://example.org/{platform}/{case.pk}/{fields.get('content_id', '1')}",
            "platform": Platform.objects.get(code=platform),
            "kind": "post",
            "content_id": "1",
            "removed_on": date(2026, 8, 1),
            **fields,
        },
    )


@pytest.fixture
def batch(officer):
    """Three removed Facebook posts from two cases, escalated together and sent on 1 September."""
    first, second = CaseFactory(created_by=officer), CaseFactory(created_by=officer)
    items = [
        item(officer, first, content_id="a"),
        item(officer, first, content_id="b"),
        item(officer, second, content_id="c"),
    ]
    escalation = services.escalation_create(
        actor=officer, platform=Platform.objects.get(code="facebook"), items=items, channel="Trusted partner"
    )
    services.escalation_send(actor=officer, escalation=escalation, sent_on=date(2026, 9, 1), today=TODAY)
    return escalation, items


def test_an_escalation_is_due_after_the_platforms_response_time(batch):
    escalation, _items = batch
    assert Platform.objects.get(code="facebook").response_days == 7
    assert escalation.status == "sent" and escalation.due_date == date(2026, 9, 8)
    assert AuditEvent.objects.filter(action="escalation.sent").count() == 1


def test_the_response_time_is_the_one_administrators_set_and_halved_when_urgent(officer, case):
    platform = Platform.objects.get(code="x")
    platform.response_days = 10
    platform.save()
    escalation = services.escalation_create(
        actor=officer, platform=platform, items=[item(officer, case, platform="x")], urgency="urgent"
    )
    services.escalation_send(actor=officer, escalation=escalation, sent_on=date(2026, 3, 27), today=TODAY)
    # Five days across the spring change of clocks in Europe and Lebanon: still five calendar days.
    assert escalation.due_date == date(2026, 4, 1)


def test_items_of_another_platform_cannot_join_the_batch(officer, case):
    with pytest.raises(ValidationError):
        services.escalation_create(
            actor=officer,
            platform=Platform.objects.get(code="facebook"),
            items=[item(officer, case, platform="tiktok")],
        )


def test_a_reader_cannot_escalate(officer, advocacy, case):
    with pytest.raises(PermissionDenied):
        services.escalation_create(
            actor=advocacy, platform=Platform.objects.get(code="facebook"), items=[item(officer, case)]
        )


def test_each_items_answer_is_recorded_individually_and_moves_its_status(officer, batch):
    escalation, (a, b, c) = batch
    entries = {entry.item_id: entry for entry in escalation.entries.all()}
    services.escalation_answer(
        actor=officer, entry=entries[a.pk], answer="restored", answered_on=date(2026, 9, 5), today=TODAY
    )
    services.escalation_answer(
        actor=officer,
        entry=entries[b.pk],
        answer="upheld",
        answered_on=date(2026, 9, 6),
        note="Dangerous organisations",
        today=TODAY,
    )
    escalation.refresh_from_db()
    assert escalation.status == "sent"  # one item still waits for its answer
    services.escalation_answer(
        actor=officer, entry=entries[c.pk], answer="no_answer", answered_on=date(2026, 9, 9), today=TODAY
    )
    escalation.refresh_from_db()
    assert escalation.status == "answered"
    for content in (a, b, c):
        content.refresh_from_db()
    assert (a.status, b.status, c.status) == ("restored", "upheld", "removed")
    assert a.status_changes.latest("on").source == "platform_notice"
    entries = {entry.item_id: entry for entry in escalation.entries.all()}
    assert entries[a.pk].appeal_deadline is None
    assert entries[b.pk].appeal_deadline == date(2027, 3, 6)
    assert entries[c.pk].appeal_deadline is None


@pytest.mark.parametrize(
    ("decided", "deadline"),
    [
        (date(2026, 8, 31), date(2027, 2, 28)),
        (date(2027, 8, 31), date(2028, 2, 29)),
        (date(2026, 3, 29), date(2026, 9, 29)),
    ],
    ids=["end of month", "leap year", "across a clock change"],
)
def test_the_dsa_appeal_window_is_six_calendar_months_from_the_decision(officer, case, decided, deadline):
    escalation = services.escalation_create(
        actor=officer, platform=Platform.objects.get(code="facebook"), items=[item(officer, case)]
    )
    services.escalation_send(actor=officer, escalation=escalation, sent_on=date(2026, 3, 1), today=decided)
    entry = services.escalation_answer(
        actor=officer, entry=escalation.entries.get(), answer="upheld", answered_on=decided, today=decided
    )
    assert entry.appeal_deadline == deadline


def test_an_answer_before_sending_or_before_the_sending_date_is_refused(officer, case):
    escalation = services.escalation_create(
        actor=officer, platform=Platform.objects.get(code="facebook"), items=[item(officer, case)]
    )
    entry = escalation.entries.get()
    with pytest.raises(ValidationError):
        services.escalation_answer(actor=officer, entry=entry, answer="restored", answered_on=TODAY, today=TODAY)
    services.escalation_send(actor=officer, escalation=escalation, sent_on=date(2026, 9, 10), today=TODAY)
    with pytest.raises(ValidationError) as error:
        services.escalation_answer(
            actor=officer, entry=entry, answer="restored", answered_on=date(2026, 9, 9), today=TODAY
        )
    assert "answered_on" in error.value.message_dict
    entry.refresh_from_db()
    assert entry.answer == ""


def test_an_appeal_then_an_out_of_court_dispute_that_restores_the_item(officer, batch):
    escalation, (_a, b, _c) = batch
    entry = escalation.entries.get(item=b)
    services.escalation_answer(actor=officer, entry=entry, answer="upheld", answered_on=date(2026, 9, 6), today=TODAY)
    with pytest.raises(ValidationError):  # after the six months
        services.escalation_appeal(
            actor=officer, entry=entry, step="complaint", on=date(2027, 3, 7), today=date(2027, 4, 1)
        )
    services.escalation_appeal(actor=officer, entry=entry, step="complaint", on=date(2026, 9, 20), today=TODAY)
    services.escalation_appeal(actor=officer, entry=entry, step="complaint_lost", on=date(2026, 9, 25), today=TODAY)
    with pytest.raises(ValidationError) as error:
        services.escalation_appeal(actor=officer, entry=entry, step="dispute", on=date(2026, 9, 26), today=TODAY)
    assert "dispute_body" in error.value.message_dict
    services.escalation_appeal(
        actor=officer,
        entry=entry,
        step="dispute",
        on=date(2026, 9, 26),
        dispute_body="Appeals Centre Europe",
        today=TODAY,
    )
    services.escalation_appeal(actor=officer, entry=entry, step="dispute_won", on=date(2026, 9, 29), today=TODAY)
    b.refresh_from_db()
    assert b.status == "restored" and b.status_on == date(2026, 9, 29)
    assert [h.appeal_step for h in entry.history.order_by("history_date")][-4:] == [
        "complaint",
        "complaint_lost",
        "dispute",
        "dispute_won",
    ]


def test_an_item_restored_cannot_be_appealed(officer, batch):
    escalation, (a, _b, _c) = batch
    entry = escalation.entries.get(item=a)
    services.escalation_answer(actor=officer, entry=entry, answer="restored", answered_on=date(2026, 9, 6), today=TODAY)
    with pytest.raises(ValidationError):
        services.escalation_appeal(actor=officer, entry=entry, step="complaint", on=date(2026, 9, 7), today=TODAY)


# --- Pages and the CSV -------------------------------------------------------------------


def test_an_officer_selects_items_across_cases_and_prepares_one_escalation(as_user, officer):
    first, second = CaseFactory(created_by=officer), CaseFactory(created_by=officer)
    a, c = item(officer, first, content_id="a"), item(officer, second, content_id="c")
    item(officer, second, platform="tiktok", content_id="t")
    client = as_user(officer)
    form = client.get(reverse("cases:escalation_create"), {"platform": "facebook"})
    assert [row.pk for row in form.context["rows"]] == [a.pk, c.pk]
    response = client.post(
        reverse("cases:escalation_create"), {"platform": "facebook", "urgency": "normal", "items": [a.pk, c.pk]}
    )
    escalation = a.escalations.get()
    assert response["Location"] == escalation.get_absolute_url()
    assert set(escalation.items.all()) == {a, c}


def test_an_escalation_without_items_is_refused(as_user, officer):
    response = as_user(officer).post(reverse("cases:escalation_create"), {"platform": "facebook", "urgency": "normal"})
    assert response.status_code == 200 and response.context["form"].errors["items"]


def test_recording_an_answer_from_the_escalation_page(as_user, officer, batch):
    escalation, (a, _b, _c) = batch
    entry = escalation.entries.get(item=a)
    client = as_user(officer)
    response = client.post(
        reverse("cases:escalation_answer", args=[escalation.pk, entry.pk]),
        {"answer": "upheld", "answered_on": "2026-09-10", "note": "Reviewed again"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.answer, entry.appeal_deadline) == ("upheld", date(2027, 3, 10))
    assert "Reviewed again" in client.get(escalation.get_absolute_url()).text


def test_a_partner_sees_only_the_items_of_the_shared_case(as_user, officer, partner, shared_case, case):
    a, b = item(officer, shared_case, content_id="shared"), item(officer, case, content_id="hidden")
    escalation = services.escalation_create(actor=officer, platform=Platform.objects.get(code="facebook"), items=[a, b])
    page = as_user(partner).get(escalation.get_absolute_url())
    assert page.status_code == 200
    assert [entry.item for entry in page.context["entries"]] == [a]
    assert case.reference not in page.text
    # The read is audited with the cases it showed, never the hidden one.
    viewed = AuditEvent.objects.get(action="escalation.viewed", actor=partner)
    assert json.loads(viewed.detail) == {"cases": [shared_case.reference]}
    hidden_only = services.escalation_create(actor=officer, platform=Platform.objects.get(code="facebook"), items=[b])
    assert as_user(partner).get(hidden_only.get_absolute_url()).status_code == 404
    assert as_user(partner).get(reverse("cases:escalation_csv", args=[escalation.pk])).status_code == 403


def test_the_csv_has_the_partner_channels_columns_one_row_per_item(as_user, officer, batch):
    escalation, (a, _b, _c) = batch
    a.stated_reason = "=HYPERLINK(1)"
    a.author_handle = "@someone"
    a.save()
    response = as_user(officer).get(reverse("cases:escalation_csv", args=[escalation.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="escalation-{escalation.pk}.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "URL",
        "Content ID",
        "Content type",
        "Account handle (without @)",
        "Date published",
        "Date removed",
        "Reason given by the platform",
        "Policy cited",
        "DSA statement of reasons ID",
        "Blocked in",
        "Requester reference",
    ]
    assert [row["Content ID"] for row in rows] == ["a", "b", "c"]
    assert rows[0]["Reason given by the platform"] == "'=HYPERLINK(1)"  # not a formula in a spreadsheet
    assert rows[0]["Account handle (without @)"] == "someone" and rows[0]["Date removed"] == "2026-08-01"
    assert AuditEvent.objects.filter(action="escalation.exported").count() == 1


def test_the_csv_keeps_the_handle_the_platform_needs(as_user, officer, case):
    one = item(officer, case, author_handle="@rami")
    escalation = services.escalation_create(actor=officer, platform=Platform.objects.get(code="facebook"), items=[one])
    body = as_user(officer).get(reverse("cases:escalation_csv", args=[escalation.pk])).content.decode("utf-8-sig")
    assert ",rami," in body


def test_local_today_follows_the_organisations_time_zone_across_a_clock_change(settings, monkeypatch):
    settings.TIME_ZONE = "Asia/Beirut"
    # 29 March 2026, 22:30 UTC: already 30 March in Beirut, where clocks went forward that night.
    instant = datetime(2026, 3, 29, 22, 30, tzinfo=ZoneInfo("UTC"))
    monkeypatch.setattr(content_services, "clock", lambda: instant)
    assert services.local_today() == date(2026, 3, 30)
    settings.TIME_ZONE = "UTC"
    assert services.local_today() == date(2026, 3, 29)


def test_the_csv_is_refused_while_an_affected_person_has_not_consented_to_the_platform(as_user, officer, case):
    from tests.factories import PersonFactory

    person = PersonFactory(case=case, role="affected", pseudonym="R.K.")
    one = item(officer, case)
    escalation = services.escalation_create(actor=officer, platform=Platform.objects.get(code="facebook"), items=[one])
    client = as_user(officer)
    response = client.get(reverse("cases:escalation_csv", args=[escalation.pk]), follow=True)
    assert response.redirect_chain[-1][0] == escalation.get_absolute_url()
    assert case.reference in response.text and "not consented" in response.text
    assert not AuditEvent.objects.filter(action="escalation.exported").exists()
    person.consent_platform_status, person.consent_platform_date = "given", date(2026, 9, 1)
    person.save()
    response = client.get(reverse("cases:escalation_csv", args=[escalation.pk]))
    assert response["Content-Type"].startswith("text/csv")


def test_a_partner_reads_the_platforms_answer_without_the_names_it_may_not_read(as_user, officer, partner, shared_case):
    from tests.factories import PersonFactory

    PersonFactory(case=shared_case, name="Rami Khoury", pseudonym="R.K.")
    one = item(officer, shared_case)
    escalation = services.escalation_create(actor=officer, platform=Platform.objects.get(code="facebook"), items=[one])
    services.escalation_send(actor=officer, escalation=escalation, sent_on=date(2026, 9, 1), today=TODAY)
    services.escalation_answer(
        actor=officer,
        entry=escalation.entries.get(),
        answer="upheld",
        answered_on=date(2026, 9, 3),
        note="The account of Rami Khoury praised a designated group",
        today=TODAY,
    )
    page = as_user(partner).get(escalation.get_absolute_url()).text
    assert "Rami Khoury" not in page and "The account of R.K. praised a designated group" in page
    assert "Rami Khoury" in as_user(officer).get(escalation.get_absolute_url()).text
