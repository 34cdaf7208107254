from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from casebook.roles import Role
from cases.models import Case
from cases.selectors import case_list_visible

pytestmark = pytest.mark.django_db


def test_demo_data_is_created_once_with_one_user_per_role():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    users = get_user_model().objects.all()
    assert {user.groups.get().name for user in users} == set(Role.values)
    assert Case.objects.count() == 12
    assert Case.objects.filter(language="ar").count() >= 5
    assert Case.objects.filter(language="en").count() >= 5
    for user in users:
        assert user.username in out.getvalue()

    again = StringIO()
    call_command("seed_demo", stdout=again)
    assert "already present" in again.getvalue()
    assert Case.objects.count() == 12


def test_demo_partner_sees_only_the_two_shared_cases():
    call_command("seed_demo", stdout=StringIO())
    partner = get_user_model().objects.get(username="partner")
    assert case_list_visible(user=partner).count() == 2
