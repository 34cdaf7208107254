"""What the case list, its export and its search show each role: a shared, an unshared and a
revoked case, and nothing more (counts included).

Which URL each persona may use on which case is the one access matrix,
``tests/test_access_matrix.py``, generated from the URL configuration.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ["officer", "other_officer", "partner", "advocacy", "administrator", "outsider"]
EDITORS = {"officer", "other_officer", "administrator"}
SEES_ALL = {"officer", "other_officer", "advocacy", "administrator"}  # the three cases are "normal"


@pytest.fixture
def people(officer, other_officer, partner, advocacy, administrator, outsider):
    return {
        "officer": officer,
        "other_officer": other_officer,
        "partner": partner,
        "advocacy": advocacy,
        "administrator": administrator,
        "outsider": outsider,
    }


@pytest.fixture
def cases(case, shared_case, revoked_case):
    return {"unshared": case, "shared": shared_case, "revoked": revoked_case}


def _sees(role: str, kind: str) -> bool:
    return role in SEES_ALL or (role == "partner" and kind == "shared")


@pytest.mark.parametrize("name", ["detail", "history", "edit"])
def test_read_pages_refuse_other_methods(as_user, officer, case, name):
    response = as_user(officer).delete(reverse(f"cases:{name}", args=[case.reference]))
    assert response.status_code == 405


@pytest.mark.parametrize("role", ROLES)
def test_list_export_and_create_per_role(as_user, people, cases, role):
    client = as_user(people[role])
    listed = client.get(reverse("cases:list"))
    exported = b"".join(client.get(reverse("cases:export")).streaming_content).decode()
    visible = {kind for kind in cases if _sees(role, kind)}
    for kind, case in cases.items():
        assert (case.reference in listed.text) == (kind in visible), (role, kind)
        assert (case.reference in exported) == (kind in visible), (role, kind)
    assert listed.context["total"].value == len(visible)  # counts leak nothing either
    created = client.get(reverse("cases:create"))
    assert created.status_code == (200 if role in EDITORS else 403)


@pytest.mark.parametrize("role", ROLES)
def test_search_and_filters_find_nothing_hidden(as_user, people, cases, role):
    client = as_user(people[role])
    for kind, case in cases.items():
        response = client.get(reverse("cases:list"), {"q": case.reference})
        assert (case in response.context["page"]) == _sees(role, kind)
        response = client.get(reverse("cases:list"), {"violation_type": "account_suspension", "country": "LB"})
        assert (case in response.context["page"]) == _sees(role, kind)
