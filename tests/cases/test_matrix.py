"""Every URL of the cases app × every role and an outsider × a shared, an unshared and a revoked case.

What must not be seen answers 404 (like a case that does not exist); what is
seen but may not be changed answers 403; what is allowed succeeds.
"""

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm, remove_perm

from cases.pagination import ListCount
from tests.factories import CaseFactory, InterventionFactory

pytestmark = pytest.mark.django_db

ROLES = ["officer", "other_officer", "partner", "advocacy", "administrator", "outsider"]
EDITORS = {"officer", "other_officer", "administrator"}
SEES_ALL = {"officer", "other_officer", "advocacy", "administrator"}  # the three cases are "normal"

# name, method, data, who may use it on a case they see, status when allowed
CASE_URLS = [
    ("detail", "get", None, set(ROLES), 200),
    ("history", "get", None, set(ROLES), 200),
    ("edit", "get", None, EDITORS, 200),
    ("intervention_create", "get", None, EDITORS, 200),
    ("intervention_edit", "get", None, EDITORS, 200),
    ("transition", "post", {"status": "under_verification"}, EDITORS, 302),
    ("archive", "post", {"reason": "duplicate"}, EDITORS, 302),
    ("unarchive", "post", {}, EDITORS, 302),
    ("review", "post", {"text": "analysis"}, EDITORS | {"partner"}, 302),
    ("link", "post", {"reference": "DR-1999-0001", "kind": "related"}, EDITORS, 302),
    ("share", "post", {"partner": "PARTNER"}, EDITORS, 302),
    ("revoke", "post", {}, EDITORS, 302),
    ("history_restore", "post", {"model": "case", "history_id": "0"}, EDITORS, 404),
]


def _url(name, case, partner):
    if name == "revoke":
        return reverse("cases:revoke", args=[case.reference, partner.pk])
    if name == "intervention_edit":
        intervention = InterventionFactory(case=case)
        return reverse("cases:intervention_edit", args=[case.reference, intervention.pk])
    return reverse(f"cases:{name}", args=[case.reference])


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


def make_cases(officer, partner) -> dict:
    """Fresh cases for each request: a request of the matrix may archive, share or revoke."""
    cases = {kind: CaseFactory(created_by=officer, title=f"Matrix {kind} case") for kind in ("unshared", "shared")}
    cases["revoked"] = CaseFactory(created_by=officer, title="Matrix revoked case")
    assign_perm("cases.view_case", partner, cases["shared"])
    assign_perm("cases.view_case", partner, cases["revoked"])
    remove_perm("cases.view_case", partner, cases["revoked"])
    return cases


@pytest.fixture
def cases(case, shared_case, revoked_case):
    return {"unshared": case, "shared": shared_case, "revoked": revoked_case}


def _sees(role: str, kind: str) -> bool:
    return role in SEES_ALL or (role == "partner" and kind == "shared")


@pytest.mark.parametrize(("name", "method", "data", "allowed", "success"), CASE_URLS)
def test_access_matrix(as_user, people, name, method, data, allowed, success):
    partner = people["partner"]
    if data and data.get("partner") == "PARTNER":
        data = {"partner": partner.pk}
    outcomes = {}
    for role in ROLES:
        client = as_user(people[role])
        for kind, case in make_cases(people["officer"], partner).items():
            response = getattr(client, method)(_url(name, case, partner), data or {})
            if not _sees(role, kind):
                expected = 404
            elif role not in allowed:
                expected = 403
            elif name == "revoke" and kind != "shared":
                expected = 404  # nobody to withdraw
            else:
                expected = success
            outcomes[role, kind] = (response.status_code, expected)
            if expected == 404:
                assert case.title not in response.text, (role, kind)
    wrong = {key: value for key, value in outcomes.items() if value[0] != value[1]}
    assert wrong == {}, "(got, expected) per (role, case)"


@pytest.mark.parametrize(
    "name", ["transition", "archive", "unarchive", "review", "link", "share", "revoke", "history_restore"]
)
def test_state_changes_refuse_get(as_user, officer, partner, case, name):
    assert as_user(officer).get(_url(name, case, partner)).status_code == 405


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
    assert listed.context["total"] == ListCount(len(visible), "exact")  # counts leak nothing either
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
