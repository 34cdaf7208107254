"""Fuzzing: schemathesis generates calls from the OpenAPI schema and sends them to a live
server with each role's token (and the outsider's). No answer may be a server error, and every
answer must match the schema: its status documented, its body and content type as declared.

Bounded: ``CASEBOOK_FUZZ_EXAMPLES`` calls per operation and token (default 8), generated
deterministically, so the run takes the same time and finds the same things each time.
"""

import os
from collections import Counter

import hypothesis
import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.models import Scope
from tests.api.conftest import make_token
from tests.evidence.test_upload import named, png_bytes

EXAMPLES = int(os.environ.get("CASEBOOK_FUZZ_EXAMPLES", "8"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
PERSONAS = ("officer", "partner", "advocacy", "administrator", "outsider")


def api_schema():
    return schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))


def test_the_schema_lists_every_api_operation():
    operations = [result.ok() for result in api_schema().get_all_operations()]
    assert len(operations) == 31
    assert all("401" in operation.definition.raw["responses"] for operation in operations)


def fuzz(operation, persona: str, headers: dict, known: dict, base_url: str, statuses: Counter) -> None:
    """EXAMPLES generated calls of one operation with one token, each answer checked."""
    fixed = {name: value for name, value in known.items() if "{" + name + "}" in operation.path}

    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @hypothesis.given(generated=operation.as_strategy(path_parameters=fixed or None))
    def call(generated):
        response = generated.call(base_url=base_url, headers=headers, timeout=30)
        statuses[(persona, operation.method.upper(), operation.path, response.status_code)] += 1
        generated.validate_response(response, checks=CHECKS)

    call()


# The live server reads what the test writes, so each table is emptied afterwards; the roles
# and taxonomies from the migrations are put back before (as for the browser tests).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fuzzing_every_operation_with_every_roles_token(
    live_server, settings, request, case, shared_case, revoked_case, capsys
):
    settings.CASEBOOK_API_RATE = "100000/minute"
    tokens = {persona: make_token(request.getfixturevalue(persona)) for persona in PERSONAS}
    # A real item on the shared case, so that evidence operations reach the files too.
    from django.test import Client

    upload = Client(HTTP_AUTHORIZATION=f"Bearer {tokens['officer']}").post(
        f"/api/v1/cases/{shared_case.reference}/evidence/files/", {"file": named(png_bytes(), "fuzz.png")}
    )
    assert upload.status_code == 201
    known = {"reference": shared_case.reference, "pk": upload.json()["id"]}

    statuses: Counter = Counter()
    operations = [result.ok() for result in api_schema().get_all_operations()]
    for persona, token in tokens.items():
        for operation in operations:
            fuzz(operation, persona, {"Authorization": f"Bearer {token}"}, known, live_server.url, statuses)

    summary = Counter()
    for (_persona, _method, _path, status), count in statuses.items():
        summary[status] += count
    with capsys.disabled():
        print(
            f"\nfuzzing: {len(operations)} operations × {len(tokens)} tokens, "
            f"{sum(summary.values())} calls; by status: {dict(sorted(summary.items()))}"
        )
    assert not any(status >= 500 for status in summary)
    # The fixed references reached the code behind the access checks, not only 404s.
    assert summary[200] and summary[201]
    assert all(scope in Scope.values for scope in ("read", "write", "download"))
