"""The OpenAPI schema: for users logged in with both factors, not for tokens or visitors."""

import pytest
import yaml
from django.test import Client

from tests.api.conftest import api, make_token
from tests.conftest import give_second_factor, login, password_only_login

pytestmark = pytest.mark.django_db

SCHEMA = "/api/v1/schema/"


def test_a_logged_in_user_reads_the_schema(partner):
    response = login(partner).get(SCHEMA)
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/cases/{reference}/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["token"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A token made on your security page.",
    }
    as_json = login(partner).get(SCHEMA + "?format=json")
    assert as_json.json()["info"]["title"] == "Casebook API"


def test_visitors_are_sent_to_log_in_and_tokens_are_not_a_login(officer):
    assert Client().get(SCHEMA)["Location"].startswith("/accounts/login/")
    give_second_factor(officer)
    assert password_only_login(officer).get(SCHEMA)["Location"].startswith("/accounts/two-factor/")
    assert api(make_token(officer)).get(SCHEMA).status_code == 302


def test_every_operation_documents_the_error_shape(officer):
    schema = yaml.safe_load(login(officer).get(SCHEMA).content)
    operations = [operation for path in schema["paths"].values() for operation in path.values()]
    assert len(operations) == 31
    for operation in operations:
        for status in ("401", "403", "404", "429"):
            content = operation["responses"][status]["content"]["application/json"]["schema"]
            assert content == {"$ref": "#/components/schemas/Error"}
