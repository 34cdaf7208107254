"""Who sees which case: shared, unshared and revoked, for every role and an outsider."""

import pytest
from django.urls import reverse

from cases import services

pytestmark = pytest.mark.django_db


def detail(case):
    return reverse("cases:detail", args=[case.reference])


def test_anonymous_visitor_is_sent_to_login(client, case):
    response = client.get(detail(case))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_partner_sees_shared_case(as_user, partner, shared_case):
    response = as_user(partner).get(detail(shared_case))
    assert response.status_code == 200
    assert shared_case.title in response.text


def test_partner_cannot_see_unshared_case(as_user, partner, case):
    assert as_user(partner).get(detail(case)).status_code == 404


def test_partner_cannot_see_revoked_case(as_user, partner, revoked_case):
    assert as_user(partner).get(detail(revoked_case)).status_code == 404


def test_missing_and_hidden_cases_look_the_same(as_user, partner, case):
    hidden = as_user(partner).get(detail(case))
    missing = as_user(partner).get(reverse("cases:detail", args=["DR-1999-9999"]))
    assert hidden.status_code == missing.status_code == 404
    assert case.title not in hidden.text


def test_outsider_gets_404_not_403(as_user, outsider, case, shared_case):
    client = as_user(outsider)
    for target in (case, shared_case):
        assert client.get(detail(target)).status_code == 404
        assert client.get(reverse("cases:history", args=[target.reference])).status_code == 404


def test_partner_list_shows_only_shared_cases(as_user, partner, case, shared_case, revoked_case):
    response = as_user(partner).get(reverse("cases:list"))
    assert list(response.context["page"]) == [shared_case]
    assert case.title not in response.text
    assert revoked_case.title not in response.text


def test_outsider_list_is_empty(as_user, outsider, case):
    response = as_user(outsider).get(reverse("cases:list"))
    assert list(response.context["page"]) == []


def test_restricted_case_hidden_from_unassigned_officer(as_user, other_officer, advocacy, restricted_case):
    for user in (other_officer, advocacy):
        client = as_user(user)
        assert client.get(detail(restricted_case)).status_code == 404
        assert restricted_case.title not in client.get(reverse("cases:list")).text


def test_restricted_case_visible_to_assigned_officer_and_administrator(
    as_user, officer, administrator, restricted_case
):
    for user in (officer, administrator):
        assert as_user(user).get(detail(restricted_case)).status_code == 200


def test_advocacy_reads_but_cannot_create(as_user, advocacy, case):
    client = as_user(advocacy)
    assert client.get(detail(case)).status_code == 200
    assert client.get(reverse("cases:create")).status_code == 403
    assert client.post(reverse("cases:create"), {"title": "x"}).status_code == 403


def test_partner_cannot_create_or_share(as_user, partner, shared_case, other_officer):
    client = as_user(partner)
    assert client.get(reverse("cases:create")).status_code == 403
    response = client.post(reverse("cases:share", args=[shared_case.reference]), {"partner": partner.pk})
    assert response.status_code == 403


def test_officer_shares_and_revokes(as_user, officer, partner, case):
    officer_client, partner_client = as_user(officer), as_user(partner)
    response = officer_client.post(reverse("cases:share", args=[case.reference]), {"partner": partner.pk})
    assert response.status_code == 302
    assert partner_client.get(detail(case)).status_code == 200

    response = officer_client.post(reverse("cases:revoke", args=[case.reference, partner.pk]))
    assert response.status_code == 302
    assert partner_client.get(detail(case)).status_code == 404


def test_sharing_only_with_a_legal_partner(officer, advocacy, case):
    with pytest.raises(services.ValidationError):
        services.case_share(actor=officer, case=case, partner=advocacy)


def test_share_form_refuses_non_partner(as_user, officer, advocacy, partner, case):
    response = as_user(officer).post(
        reverse("cases:share", args=[case.reference]), {"partner": advocacy.pk}, follow=True
    )
    assert "Choose a legal partner" in response.text
    assert as_user(advocacy).get(detail(case)).status_code == 200  # unchanged: role-wide reading


def test_state_changes_refuse_get(as_user, officer, partner, case):
    client = as_user(officer)
    assert client.get(reverse("cases:share", args=[case.reference])).status_code == 405
    assert client.get(reverse("cases:revoke", args=[case.reference, partner.pk])).status_code == 405


def test_sharing_a_hidden_case_is_404(as_user, other_officer, partner, restricted_case):
    response = as_user(other_officer).post(
        reverse("cases:share", args=[restricted_case.reference]), {"partner": partner.pk}
    )
    assert response.status_code == 404
    assert as_user(partner).get(detail(restricted_case)).status_code == 404


def test_health_needs_no_login_and_says_nothing_more(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_login_page_is_public(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'name="password"' in response.text


def test_the_access_helper_answers_404_before_403(officer, advocacy, restricted_case, case):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from cases.selectors import case_get_for_user

    assert case_get_for_user(officer, case.reference, "cases.change_case") == case
    with pytest.raises(PermissionDenied):  # visible, but read only
        case_get_for_user(advocacy, case.reference, "cases.change_case")
    with pytest.raises(Http404):  # hidden: the permission is never reached, nothing tells it exists
        case_get_for_user(advocacy, restricted_case.reference, "cases.change_case")
    with pytest.raises(Http404):
        case_get_for_user(officer, "DR-1999-0001", "cases.change_case")


def test_share_checks_access_before_reading_the_form(as_user, advocacy, case):
    from django.urls import reverse

    response = as_user(advocacy).post(reverse("cases:share", args=[case.reference]), {"partner": "not a number"})
    assert response.status_code == 403


def test_the_share_drop_down_follows_partners_added_removed_and_deactivated(as_user, officer, partner, case):
    from django.contrib.auth.models import Group

    from casebook.roles import Role
    from tests.factories import UserFactory

    client = as_user(officer)

    def offered() -> list[str]:
        page = client.get(detail(case)).text
        share = page[page.index('name="partner"') :]
        return [name for name in ("partner", "new_partner") if f">{name}</option>" in share[: share.index("</select>")]]

    assert offered() == ["partner"]
    newcomer = UserFactory(username="new_partner", role=Role.PARTNER)
    assert offered() == ["partner", "new_partner"]
    newcomer.groups.remove(Group.objects.get(name=str(Role.PARTNER)))
    assert offered() == ["partner"]
    partner.is_active = False
    partner.save()
    assert offered() == []
    # A choice from a page shown earlier is checked again when it is sent.
    response = client.post(reverse("cases:share", args=[case.reference]), {"partner": partner.pk}, follow=True)
    assert "Choose a legal partner" in response.text or "Select a valid choice" in response.text
    assert case.caseuserobjectpermission_set.count() == 0
