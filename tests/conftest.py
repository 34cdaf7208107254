"""Personas for every role plus an outsider, and the cases they meet."""

import pytest
from django.test import Client
from guardian.shortcuts import assign_perm, remove_perm

from casebook.roles import Role
from cases.choices import Sensitivity
from tests.factories import CaseFactory, UserFactory


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role=Role.OFFICER)


@pytest.fixture
def other_officer(db):
    return UserFactory(username="other_officer", role=Role.OFFICER)


@pytest.fixture
def partner(db):
    return UserFactory(username="partner", role=Role.PARTNER)


@pytest.fixture
def advocacy(db):
    return UserFactory(username="advocacy", role=Role.ADVOCACY)


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", role=Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def outsider(db):
    """Logged in, but holding no role at all."""
    return UserFactory(username="outsider")


@pytest.fixture
def case(officer):
    case = CaseFactory(created_by=officer)
    case.assigned_officers.add(officer)
    return case


@pytest.fixture
def shared_case(officer, partner):
    case = CaseFactory(created_by=officer, title="Shared with the partner")
    assign_perm("cases.view_case", partner, case)
    return case


@pytest.fixture
def revoked_case(officer, partner):
    case = CaseFactory(created_by=officer, title="Shared, then withdrawn")
    assign_perm("cases.view_case", partner, case)
    remove_perm("cases.view_case", partner, case)
    return case


@pytest.fixture
def restricted_case(officer):
    case = CaseFactory(created_by=officer, sensitivity=Sensitivity.RESTRICTED, title="Restricted source")
    case.assigned_officers.add(officer)
    return case


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_user():
    return login
