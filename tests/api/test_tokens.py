"""API tokens: made on the security page with both factors, shown once, kept hashed, scoped,
expiring, revocable; audited when made, first used from a new address, and revoked."""

import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken, Scope
from casebook.audit import Action
from casebook.models import AuditEvent
from tests.api.conftest import api, make_token
from tests.conftest import give_second_factor, login, password_only_login

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases/"


def create(client, **data):
    body = {"name": "hashtag monitor", "days": "90", "scopes": ["read", "write"], **data}
    return client.post(reverse("tokens:create"), body)


def shown_token(response) -> str:
    text = response.text
    start = text.index('id="api-token">') + len('id="api-token">')
    return text[start : text.index("</code>", start)]


def events(action) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("sequence"))


def test_security_page_creates_a_token_shown_once_and_kept_hashed(officer):
    client = login(officer)
    response = create(client)
    assert response.status_code == 200
    text = shown_token(response)
    token = ApiToken.objects.get(user=officer)
    assert text.startswith(f"cb_{token.prefix}_")
    assert token.hashed == hashlib.sha256(text.split("_", 2)[2].encode()).hexdigest()
    assert text not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert response["Cache-Control"].startswith("max-age=0")
    page = client.get(reverse("account:security"))
    assert "hashtag monitor" in page.text and f"cb_{token.prefix}…" in page.text
    assert text not in page.text
    assert api(text).get(CASES).status_code == 200


def test_token_defaults_to_ninety_days_and_the_scopes_chosen(officer):
    create(login(officer), days="", scopes=["read"])
    assert not ApiToken.objects.exists()  # the form says how long; empty is refused
    create(login(officer), scopes=["read", "download"])
    token = ApiToken.objects.get()
    assert abs(token.expires_at - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)
    assert token.scopes == ["download", "read"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"days": "366"}, "less than or equal to 365"),
        ({"days": "0"}, "greater than or equal to 1"),
        ({"scopes": []}, "This field is required"),
        ({"scopes": ["admin"]}, "Select a valid choice"),
        ({"name": "   "}, "This field is required"),
    ],
)
def test_bad_token_requests_make_nothing_and_say_why(officer, data, message):
    response = login(officer).post(
        reverse("tokens:create"),
        {"name": "hashtag monitor", "days": "90", "scopes": ["read"], **data},
        follow=True,
    )
    assert message in response.text
    assert not ApiToken.objects.exists()
    assert not events(Action.API_TOKEN_CREATED)


def test_bad_token_request_message_in_arabic(officer):
    client = login(officer)
    client.cookies["django_language"] = "ar"
    response = client.post(
        reverse("tokens:create"),
        {"name": "x", "days": "400", "scopes": ["read"]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    assert "رموز الوصول للواجهة البرمجية" in response.text
    assert not ApiToken.objects.exists()


def test_a_password_alone_cannot_create_a_token(officer):
    give_second_factor(officer)
    response = create(password_only_login(officer))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account:verify"))
    assert not ApiToken.objects.exists()


def test_the_service_refuses_a_user_without_the_second_factor(officer):
    from django.core.exceptions import PermissionDenied

    from api.tokens import token_create

    officer.is_verified = lambda: False
    with pytest.raises(PermissionDenied):
        token_create(actor=officer, name="x")
    assert not ApiToken.objects.exists()


def test_creation_is_audited_without_the_token(officer):
    text = shown_token(create(login(officer)))
    [event] = events(Action.API_TOKEN_CREATED)
    assert event.actor_id == officer.pk
    assert event.target_id == str(ApiToken.objects.get().pk)
    assert text not in event.detail and text.split("_")[2] not in event.detail


def test_first_use_from_a_new_address_is_audited_once(officer):
    text = make_token(officer)
    client = api(text)
    client.get(CASES, REMOTE_ADDR="198.51.100.7")
    client.get(CASES, REMOTE_ADDR="198.51.100.7")
    assert len(events(Action.API_TOKEN_NEW_ADDRESS)) == 1
    client.get(CASES, REMOTE_ADDR="203.0.113.9")
    used = events(Action.API_TOKEN_NEW_ADDRESS)
    assert [event.ip_address for event in used] == ["198.51.100.7", "203.0.113.9"]
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    assert "198.51.100.7" not in str(token.addresses)


def test_revoking_stops_the_token_at_once_and_is_audited(officer):
    client = login(officer)
    text = shown_token(create(client))
    assert api(text).get(CASES).status_code == 200
    token = ApiToken.objects.get()
    response = client.post(reverse("tokens:revoke", args=[token.pk]), follow=True)
    assert "was revoked" in response.text
    answer = api(text).get(CASES)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "token_invalid"
    assert len(events(Action.API_TOKEN_REVOKED)) == 1


def test_nobody_revokes_another_users_token(officer, other_officer):
    text = make_token(other_officer)
    token = ApiToken.objects.get()
    assert login(officer).post(reverse("tokens:revoke", args=[token.pk])).status_code == 404
    assert api(text).get(CASES).status_code == 200
    assert not events(Action.API_TOKEN_REVOKED)


def test_revoke_is_post_only(officer):
    make_token(officer)
    assert login(officer).get(reverse("tokens:revoke", args=[ApiToken.objects.get().pk])).status_code == 405


def test_expired_token_is_refused(officer):
    text = make_token(officer)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api(text).get(CASES).status_code == 401


def test_token_of_a_deactivated_user_is_refused(officer):
    text = make_token(officer)
    officer.is_active = False
    officer.save()
    assert api(text).get(CASES).status_code == 401


@pytest.mark.parametrize(
    "header",
    ["Bearer", "Bearer cb_nope", "Bearer cb_0000_secret", "Bearer a b", "Token cb_x_y"],
)
def test_malformed_or_unknown_tokens_are_refused(officer, header):
    make_token(officer)
    response = api(None).get(CASES, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["error"]["code"] in {"token_invalid", "not_authenticated"}
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_right_prefix_with_a_wrong_secret_is_refused(officer):
    text = make_token(officer)
    assert api(text[:-1] + ("A" if text[-1] != "A" else "B")).get(CASES).status_code == 401


def test_an_address_guessing_tokens_is_shut_out_for_an_hour(officer, settings):
    settings.CASEBOOK_API_FAILED_LOGINS_PER_HOUR = 3
    good = make_token(officer)
    for _attempt in range(3):
        assert api("cb_guess_guess").get(CASES, REMOTE_ADDR="192.0.2.1").status_code == 401
    refused = api(good).get(CASES, REMOTE_ADDR="192.0.2.1")
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert int(refused["Retry-After"]) == 3600
    assert api(good).get(CASES, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_calls_are_limited_per_token(officer, settings):
    settings.CASEBOOK_API_RATE = "2/minute"
    first, second = make_token(officer, name="one"), make_token(officer, name="two")
    assert [api(first).get(CASES).status_code for _call in range(3)] == [200, 200, 429]
    assert api(second).get(CASES).status_code == 200


def test_scopes_are_shown_in_the_users_language(officer):
    make_token(officer, scopes=(Scope.READ,))
    client = login(officer)
    page = client.get(reverse("account:security"), HTTP_ACCEPT_LANGUAGE="ar")
    assert "قراءة القضايا وسجلاتها" in page.text


# --- One button cuts every credential ----------------------------------------------------


def test_logout_everywhere_revokes_every_api_token_and_audits_each(officer, other_officer):
    scripts = [make_token(officer, name="monitor"), make_token(officer, name="dashboard")]
    already = make_token(officer, name="old")
    ApiToken.objects.filter(name="old").update(revoked_at=timezone.now() - timedelta(days=1))
    someone_elses = make_token(other_officer)
    assert all(api(text).get(CASES).status_code == 200 for text in scripts)

    response = login(officer).post(reverse("account:logout_everywhere"), follow=True)
    assert "your API tokens were revoked" in response.text

    for text in [*scripts, already]:
        answer = api(text).get(CASES)
        assert answer.status_code == 401 and answer.json()["error"]["code"] == "token_invalid"
    assert api(someone_elses).get(CASES).status_code == 200
    revoked = events(Action.API_TOKEN_REVOKED)
    assert sorted(int(event.target_id) for event in revoked) == sorted(
        ApiToken.objects.filter(user=officer, name__in=["monitor", "dashboard"]).values_list("pk", flat=True)
    )
    assert all(event.actor_id == officer.pk and "logout_everywhere" in str(event.detail) for event in revoked)
    [everywhere] = events(Action.LOGOUT_EVERYWHERE)
    assert everywhere.sequence < revoked[0].sequence


def test_the_security_page_says_logout_everywhere_revokes_tokens_in_both_languages(officer):
    client = login(officer)
    assert "revokes every API token you made" in client.get(reverse("account:security")).text
    arabic = client.get(reverse("account:security"), HTTP_ACCEPT_LANGUAGE="ar").text
    assert "ويُلغي كل رموز الوصول للواجهة البرمجية التي أنشأتها" in arabic


def test_logout_everywhere_says_so_in_arabic(officer):
    make_token(officer)
    client = login(officer)
    client.cookies["django_language"] = "ar"
    response = client.post(reverse("account:logout_everywhere"), follow=True, HTTP_ACCEPT_LANGUAGE="ar")
    assert "وأُلغيت رموز الوصول للواجهة البرمجية الخاصة بك" in response.text
    assert ApiToken.objects.get().revoked_at is not None


def test_an_administrator_deactivating_a_user_stops_their_tokens_at_once(administrator, officer):
    text = make_token(officer)
    client = api(text)
    assert client.get(CASES).status_code == 200  # the token's last use is now recent
    admin = login(administrator)
    change = reverse("admin:auth_user_change", args=[officer.pk])
    form = admin.get(change).context["adminform"].form
    data = {
        name: value
        for name, value in {**form.initial, "is_active": False}.items()
        if value not in (None, False) and name != "password"
    }
    data["groups"] = [group.pk for group in officer.groups.all()]
    data["user_permissions"] = []
    data.update(
        {
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": officer.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": officer.date_joined.strftime("%H:%M:%S"),
        }
    )
    response = admin.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    officer.refresh_from_db()
    assert not officer.is_active
    answer = client.get(CASES)
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "token_invalid"
