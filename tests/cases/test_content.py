"""Content items: their status history, re-checks, and their pages per role."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from casebook.models import AuditEvent
from cases import services
from cases.choices import ContentStatus, StatusSource
from cases.models import ContentItem, ContentStatusChange, Platform
from tests.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def add_item(actor, case, today=TODAY, **fields):
    fields = {
        "url": "https://www.instagram.com/p/Cx1",
        "platform": Platform.objects.get(code="instagram"),
        "kind": "post",
        "content_id": "Cx1",
        "published_on": date(2026, 5, 1),
        "removed_on": date(2026, 5, 3),
        **fields,
    }
    return services.content_item_save(actor=actor, case=case, today=today, **fields)


# --- Status history ----------------------------------------------------------------------


def test_a_new_item_starts_its_history_with_the_status_reported(officer, case):
    item = add_item(officer, case, source=StatusSource.USER_REPORT)
    assert item.status == ContentStatus.REMOVED and item.status_on == date(2026, 5, 3)
    (first,) = item.status_changes.all()
    assert (first.status, first.on, first.source, first.recorded_by) == (
        "removed",
        date(2026, 5, 3),
        "user_report",
        officer,
    )
    assert item.history.count() == 1
    assert AuditEvent.objects.filter(action="content.added", case_reference=case.reference).count() == 1


def test_each_status_change_is_dated_and_kept_with_who_and_from_what(officer, other_officer, case):
    item = add_item(officer, case)
    services.content_status_record(
        actor=other_officer,
        item=item,
        status="geo_blocked",
        on=date(2026, 5, 10),
        source="platform_notice",
        today=TODAY,
    )
    services.content_status_record(
        actor=officer,
        item=item,
        status="restored",
        on=date(2026, 6, 1),
        source="team_check",
        note="visible again",
        today=TODAY,
    )
    item.refresh_from_db()
    assert (item.status, item.status_on, item.checked_on) == ("restored", date(2026, 6, 1), date(2026, 6, 1))
    rows = list(
        item.status_changes.order_by("on").values_list("status", "previous_status", "source", "recorded_by__username")
    )
    assert rows == [
        ("removed", "", "user_report", "officer"),
        ("geo_blocked", "removed", "platform_notice", "other_officer"),
        ("restored", "geo_blocked", "team_check", "officer"),
    ]
    # The item's own history keeps each status it went through, with who changed it.
    assert [h.status for h in item.history.order_by("history_date")] == ["removed", "geo_blocked", "restored"]


def test_a_statement_recorded_late_for_an_earlier_day_does_not_override_the_current_status(officer, case):
    item = add_item(officer, case)
    services.content_status_record(
        actor=officer, item=item, status="restored", on=date(2026, 6, 1), source="team_check", today=TODAY
    )
    services.content_status_record(
        actor=officer, item=item, status="suspended", on=date(2026, 5, 20), source="user_report", today=TODAY
    )
    item.refresh_from_db()
    assert (item.status, item.status_on) == ("restored", date(2026, 6, 1))
    assert item.status_changes.count() == 3


@pytest.mark.parametrize(
    ("on", "field"),
    [(TODAY + timedelta(days=1), "on"), (date(2026, 4, 30), "on")],
    ids=["in the future", "before publication"],
)
def test_a_status_with_an_impossible_date_is_refused_and_changes_nothing(officer, case, on, field):
    item = add_item(officer, case)
    with pytest.raises(ValidationError) as error:
        services.content_status_record(
            actor=officer, item=item, status="restored", on=on, source="team_check", today=TODAY
        )
    assert field in error.value.message_dict
    item.refresh_from_db()
    assert item.status == "removed" and item.status_changes.count() == 1


def test_an_item_removed_before_it_was_published_is_refused(officer, case):
    with pytest.raises(ValidationError) as error:
        add_item(officer, case, published_on=date(2026, 5, 3), removed_on=date(2026, 5, 1))
    assert "removed_on" in error.value.message_dict
    assert not ContentItem.all_objects.exists()


def test_a_reader_cannot_record_a_status(officer, advocacy, case):
    item = add_item(officer, case)
    with pytest.raises(PermissionDenied):
        services.content_status_record(
            actor=advocacy, item=item, status="restored", on=TODAY, source="team_check", today=TODAY
        )
    with pytest.raises(PermissionDenied):
        add_item(advocacy, case)


def test_an_archived_case_takes_no_new_status(officer, administrator, case):
    item = add_item(officer, case)
    services.case_archive(actor=administrator, case=case, reason="duplicate")
    with pytest.raises(ValidationError):
        services.content_status_record(
            actor=officer, item=item, status="restored", on=TODAY, source="team_check", today=TODAY
        )


# --- Re-checks ---------------------------------------------------------------------------


def test_a_recheck_that_finds_it_still_removed_is_kept_as_a_check(officer, case):
    item = add_item(officer, case)
    check = services.content_recheck(actor=officer, item=item, still_down=True, today=TODAY)
    item.refresh_from_db()
    assert (item.status, item.status_on, item.checked_on) == ("removed", TODAY, TODAY)
    assert check.is_check and check.source == "team_check" and check.on == TODAY


def test_a_recheck_that_finds_an_account_back_records_it_reinstated(officer, case):
    item = add_item(officer, case, kind="account", url="https://x.com/someone")
    services.content_recheck(actor=officer, item=item, still_down=False, today=TODAY)
    item.refresh_from_db()
    assert item.status == "reinstated"
    post = add_item(officer, case)
    services.content_recheck(actor=officer, item=post, still_down=False, today=TODAY)
    post.refresh_from_db()
    assert post.status == "restored"


def test_one_click_from_the_item_page_records_the_check(as_user, officer, case):
    item = add_item(officer, case)
    client = as_user(officer)
    response = client.post(reverse("cases:content_recheck", args=[case.reference, item.pk]), {"result": "still_down"})
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    item.refresh_from_db()
    assert item.checked_on == services.local_today() and item.status == "removed"
    page = client.get(item.get_absolute_url()).text
    assert "checked, unchanged" in page
    response = client.post(reverse("cases:content_recheck", args=[case.reference, item.pk]), {"result": "back"})
    item.refresh_from_db()
    assert item.status == "restored"


def test_a_recheck_without_an_answer_changes_nothing(as_user, officer, case):
    item = add_item(officer, case)
    response = as_user(officer).post(
        reverse("cases:content_recheck", args=[case.reference, item.pk]), {"result": "maybe"}
    )
    assert response.status_code == 302
    assert item.status_changes.count() == 1


def test_the_recheck_list_holds_items_not_checked_for_n_days(as_user, officer, case):
    today = services.local_today()
    stale = add_item(
        officer, case, content_id="stale", removed_on=today - timedelta(days=30), published_on=None, today=today
    )
    fresh = add_item(
        officer, case, content_id="fresh", removed_on=today - timedelta(days=30), published_on=None, today=today
    )
    services.content_recheck(actor=officer, item=fresh, still_down=True, on=today - timedelta(days=3))
    back = add_item(
        officer, case, content_id="back", removed_on=today - timedelta(days=30), published_on=None, today=today
    )
    services.content_recheck(actor=officer, item=back, still_down=False, on=today - timedelta(days=20))
    client = as_user(officer)
    listed = list(client.get(reverse("cases:due", args=["recheck"])).context["page"].object_list)
    assert listed == [stale]  # 14 days by default; a restored item is no longer followed
    listed = list(client.get(reverse("cases:due", args=["recheck"]), {"days": "2"}).context["page"].object_list)
    assert set(listed) == {stale, fresh}


def test_the_recheck_list_is_not_offered_to_those_who_cannot_record_a_check(as_user, advocacy, partner):
    for user in (advocacy, partner):
        assert as_user(user).get(reverse("cases:due", args=["recheck"])).status_code == 404


# --- Pages -------------------------------------------------------------------------------


def test_an_officer_adds_an_item_from_the_case_page_with_its_first_status(as_user, officer, case):
    client = as_user(officer)
    assert reverse("cases:content_create", args=[case.reference]) in client.get(case.get_absolute_url()).text
    response = client.post(
        reverse("cases:content_create", args=[case.reference]),
        {
            "url": "https://www.tiktok.com/@someone/video/7",
            "platform": "tiktok",
            "kind": "video",
            "content_id": "7",
            "author_handle": "@someone",
            "removed_on": "2026-01-10",
            "stated_reason": "Community guidelines",
            "policy": "Violent and hateful organisations",
            "statement_of_reasons_id": "SoR-123",
            "blocked_in": ["DE", "FR"],
            "status": "geo_blocked",
            "status_on": "2026-01-11",
            "source": "platform_notice",
        },
    )
    item = ContentItem.objects.get()
    assert response["Location"] == item.get_absolute_url()
    assert (item.status, item.status_on, item.platform.code) == ("geo_blocked", date(2026, 1, 11), "tiktok")
    assert [country.code for country in item.blocked_in] == ["DE", "FR"]
    assert item.status_changes.get().source == "platform_notice"
    page = client.get(case.get_absolute_url()).text
    assert item.get_absolute_url() in page


def test_an_edit_changes_the_description_not_the_status(as_user, officer, case):
    item = add_item(officer, case)
    response = as_user(officer).post(
        reverse("cases:content_edit", args=[case.reference, item.pk]),
        {"url": item.url, "platform": "instagram", "kind": "story", "content_id": "Cx2", "policy": "Nudity"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.kind, item.content_id, item.policy, item.status) == ("story", "Cx2", "Nudity", "removed")
    assert item.status_changes.count() == 1
    assert item.history.count() == 2


def test_a_bad_url_is_refused_with_a_message(as_user, officer, case):
    response = as_user(officer).post(
        reverse("cases:content_create", args=[case.reference]),
        {
            "url": "javascript:alert(1)",
            "platform": "instagram",
            "kind": "post",
            "status": "removed",
            "source": "user_report",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["url"]
    assert not ContentItem.all_objects.exists()


def test_reading_an_item_is_audited(as_user, advocacy, officer, case):
    item = add_item(officer, case)
    assert as_user(advocacy).get(item.get_absolute_url()).status_code == 200
    viewed = AuditEvent.objects.get(action="content.viewed")
    assert (viewed.actor, viewed.case_reference, viewed.target_id) == (advocacy, case.reference, str(item.pk))


def test_an_item_of_a_hidden_case_is_not_found(as_user, officer, partner, case):
    item = add_item(officer, case)
    assert as_user(partner).get(item.get_absolute_url()).status_code == 404
    assert not AuditEvent.objects.filter(action="content.viewed").exists()
    missing = reverse("cases:content_detail", args=[case.reference, item.pk + 1])
    assert as_user(officer).get(missing).status_code == 404


def test_an_item_is_not_reached_through_another_case(as_user, officer, case):
    item = add_item(officer, case)
    other = CaseFactory(created_by=officer)
    assert as_user(officer).get(reverse("cases:content_detail", args=[other.reference, item.pk])).status_code == 404


def test_names_and_handles_stay_hidden_from_a_partner(as_user, officer, partner, shared_case):
    PersonFactory(case=shared_case, name="Rami Khoury", pseudonym="R.K.")
    item = add_item(
        officer, shared_case, author_handle="@rami.k", stated_reason="Post by Rami Khoury about the protest"
    )
    page = as_user(partner).get(item.get_absolute_url()).text
    assert "Rami Khoury" not in page and "@rami.k" not in page
    assert "Post by R.K. about the protest" in page
    page = as_user(officer).get(item.get_absolute_url()).text
    assert "@rami.k" in page and "Rami Khoury" in page


def test_the_item_page_reads_in_arabic(as_user, officer, case):
    item = add_item(officer, case)
    client = as_user(officer)
    with translation.override("ar"):
        client.cookies["django_language"] = "ar"
        page = client.get(item.get_absolute_url(), headers={"accept-language": "ar"}).text
    assert 'dir="rtl"' in page
    assert "سجل الحالة" in page and "محذوف" in page


def test_the_status_history_page_keeps_a_constant_number_of_queries(
    as_user, officer, case, django_assert_max_num_queries
):
    item = add_item(officer, case)
    client = as_user(officer)
    client.get(item.get_absolute_url())
    with django_assert_max_num_queries(30) as few:
        client.get(item.get_absolute_url())
    for day in range(1, 20):
        services.content_status_record(
            actor=officer, item=item, status="removed", on=date(2026, 5, 3) + timedelta(days=day), source="team_check"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(item.get_absolute_url())
    assert ContentStatusChange.objects.filter(item=item).count() == 20
