"""The access matrix of the API: every API URL × method × persona's token × scope × shared,
unshared and revoked case. Generated from the URL configuration, like tests/test_access_matrix.py
(which covers the schema page and the token pages, used with a browser session).

To cover a new API URL, add one line per method to ROWS:

    ("api:name", "POST"): Row(case=by_reference, allowed=WRITERS, data=...),

- ``case``: how to build the URL's arguments from the world for a kind of case; a persona
  whose user cannot see that case gets 404, exactly as for a missing one;
- ``args``: the arguments of a URL not about a case;
- ``allowed``: whose token may use it (others who can see the case: 403);
- ``sees``: who can see which case, when it differs from the case itself;
- ``scope``: the scope the call needs; a token without it gets 403 before anything is looked up;
- ``data``: the body (JSON unless ``multipart``).

Tokens: one with every scope for each role and the outsider; for the first row of each scope,
tokens that lack it; no token, a revoked, an expired and an inactive user's token (401).
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken, Scope
from casebook.roles import Role
from evidence.models import EvidenceItem
from reporting.models import Job, Report
from tests.api.conftest import TEST_DOCUMENTS, api, make_token
from tests.evidence.test_upload import named, png_bytes
from tests.factories import InterventionFactory, PersonFactory, UserFactory
from tests.test_access_matrix import PATTERNS as ALL_PATTERNS
from tests.test_access_matrix import url_patterns

pytestmark = pytest.mark.django_db

ROLES = ("officer", "partner", "advocacy", "administrator")
PERSONAS = (*ROLES, "outsider")
KINDS = ("shared", "unshared", "revoked")
EVERYONE = frozenset(PERSONAS)
WRITERS = frozenset({"officer", "administrator"})
PERSONAL = frozenset({"officer", "administrator"})  # cases.view_personal_data
ROLE_WIDE = frozenset({"officer", "advocacy", "administrator"})  # statistics: never a partner's
DEAD_TOKENS = ("no token", "revoked token", "expired token", "inactive user")


def sees_case(persona: str, kind: str) -> bool:
    if persona in ROLE_WIDE:
        return True
    return persona == "partner" and kind == "shared"


def sees_own(persona: str, kind: str) -> bool:
    """Jobs and documents are their maker's (the officer's here), while their case stays visible."""
    return persona == "officer"


def by_reference(world, kind):
    return {"reference": world.cases[kind].reference}


def evidence_of(world, kind):
    return {"pk": world.evidence[kind].pk}


def job_of(world, kind):
    return {"pk": world.jobs[kind].pk}


def report_of(world, kind):
    return {"pk": world.reports[kind].pk}


def violation_of(world, kind):
    return {"reference": world.cases[kind].reference, "pk": world.cases[kind].violations.get().pk}


def person_of(world, kind):
    return {"reference": world.cases[kind].reference, "pk": world.persons[kind].pk}


def intervention_of(world, kind):
    return {"reference": world.cases[kind].reference, "pk": world.interventions[kind].pk}


def case_body(world, kind):
    return {"title": "Filed by the monitor", "country": "EG", "language": "en", "sensitivity": "normal"}


def violation_body(world, kind):
    return {"violation_type": "content_removal", "platform": "x"}


def intervention_body(world, kind):
    return {"kind": "platform_escalation", "recipient": "Trust and safety", "status": "draft"}


def person_body(world, kind):
    return {"name": "Salma al-Husseini", "pseudonym": "S.", "role": "affected"}


def link_body(world, kind):
    return {"url": "https://example.org/post/1", "captured_at": "2026-01-02T10:00:00Z"}


def file_body(world, kind):
    return {"file": named(png_bytes() + b"api" + kind.encode(), f"api-{kind}.png"), "description": "screenshot"}


@dataclass(frozen=True)
class Row:
    case: Callable | None = None
    args: Callable | None = None
    allowed: frozenset = EVERYONE
    sees: Callable[[str, str], bool] = sees_case
    scope: str = Scope.READ
    data: Callable | None = None
    multipart: bool = False


ROWS = {
    ("api:cases", "GET"): Row(),
    ("api:cases", "POST"): Row(allowed=WRITERS, scope=Scope.WRITE, data=case_body),
    ("api:case", "GET"): Row(case=by_reference),
    ("api:case", "PATCH"): Row(
        case=by_reference, allowed=WRITERS, scope=Scope.WRITE, data=lambda world, kind: {"place": "Cairo"}
    ),
    ("api:violations", "GET"): Row(case=by_reference),
    ("api:violations", "POST"): Row(case=by_reference, allowed=WRITERS, scope=Scope.WRITE, data=violation_body),
    ("api:violation", "GET"): Row(case=violation_of),
    ("api:violation", "PATCH"): Row(
        case=violation_of, allowed=WRITERS, scope=Scope.WRITE, data=lambda world, kind: {"legal_basis": "Art. 24"}
    ),
    ("api:violation", "DELETE"): Row(case=violation_of, allowed=WRITERS, scope=Scope.WRITE),
    ("api:persons", "GET"): Row(case=by_reference, allowed=PERSONAL),
    ("api:persons", "POST"): Row(case=by_reference, allowed=PERSONAL & WRITERS, scope=Scope.WRITE, data=person_body),
    ("api:person", "GET"): Row(case=person_of, allowed=PERSONAL),
    ("api:person", "PATCH"): Row(
        case=person_of, allowed=PERSONAL & WRITERS, scope=Scope.WRITE, data=lambda world, kind: {"pseudonym": "T."}
    ),
    ("api:person", "DELETE"): Row(case=person_of, allowed=PERSONAL & WRITERS, scope=Scope.WRITE),
    ("api:interventions", "GET"): Row(case=by_reference),
    ("api:interventions", "POST"): Row(case=by_reference, allowed=WRITERS, scope=Scope.WRITE, data=intervention_body),
    ("api:intervention", "GET"): Row(case=intervention_of),
    ("api:intervention", "PATCH"): Row(
        case=intervention_of, allowed=WRITERS, scope=Scope.WRITE, data=lambda world, kind: {"status": "sent"}
    ),
    ("api:intervention", "DELETE"): Row(case=intervention_of, allowed=WRITERS, scope=Scope.WRITE),
    ("api:evidence", "GET"): Row(case=by_reference),
    ("api:evidence_file_add", "POST"): Row(
        case=by_reference, allowed=WRITERS, scope=Scope.WRITE, data=file_body, multipart=True
    ),
    ("api:evidence_link_add", "POST"): Row(case=by_reference, allowed=WRITERS, scope=Scope.WRITE, data=link_body),
    ("api:links", "GET"): Row(case=by_reference),
    ("api:evidence_item", "GET"): Row(case=evidence_of),
    ("api:evidence_download", "GET"): Row(case=evidence_of, scope=Scope.DOWNLOAD),
    ("api:actors", "GET"): Row(),
    ("api:taxonomies", "GET"): Row(),
    ("api:reports", "GET"): Row(),
    ("api:report_download", "GET"): Row(case=report_of, sees=sees_own, scope=Scope.DOWNLOAD),
    ("api:job", "GET"): Row(case=job_of, sees=sees_own),
    ("api:statistics", "GET"): Row(allowed=ROLE_WIDE),
}

# Used with a logged-in browser session, not a token: rows in tests/test_access_matrix.py.
SESSION_URLS = {"api:schema"}

API_PATTERNS = [pattern for pattern in url_patterns() if pattern.key.startswith("api:")]


def allowed_methods(pattern) -> set[str]:
    from django.urls import resolve

    view = resolve(reverse(pattern.name, kwargs=_sample_kwargs(pattern.route))).func.view_class
    return {method.upper() for method in view.http_method_names if hasattr(view, method) and method != "options"}


def _sample_kwargs(route: str) -> dict:
    import re

    samples = {"reference": "DR-1999-0001", "pk": "1"}
    kwargs = {}
    for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", route):
        kwargs[name] = "00000000-0000-0000-0000-000000000000" if converter == "uuid" else samples[name]
    return kwargs


def test_every_api_url_and_method_is_in_the_matrix():
    table = {
        (pattern.key, method)
        for pattern in API_PATTERNS
        if pattern.key not in SESSION_URLS
        for method in _methods_of(pattern.key)
    }
    missing = sorted(table - set(ROWS))
    assert not missing, f"API URLs and methods missing from tests/api/test_api_matrix.py ROWS: {missing}"
    stale = sorted(set(ROWS) - table)
    assert not stale, f"ROWS names API URLs or methods that no longer exist: {stale}"
    assert {pattern.key for pattern in ALL_PATTERNS} >= SESSION_URLS


def _methods_of(key: str) -> set[str]:
    pattern = next(pattern for pattern in API_PATTERNS if pattern.key == key)
    return allowed_methods(pattern) - {"HEAD"}


# --- The world --------------------------------------------------------------------------


class World:
    def __init__(self, users, cases):
        self.users, self.cases = users, cases
        self.tokens = {persona: make_token(users[persona]) for persona in PERSONAS}
        self.evidence, self.jobs, self.reports = {}, {}, {}
        self.persons, self.interventions = {}, {}

    def prepare(self, row: Row) -> None:
        if row.case in (person_of, intervention_of) and not self.persons:
            for kind, target in self.cases.items():
                self.persons[kind] = PersonFactory(case=target, name=f"Person of the {kind} case")
                self.interventions[kind] = InterventionFactory(case=target)
        if row.case is evidence_of and not self.evidence:
            officer = api(self.tokens["officer"])
            for kind, target in self.cases.items():
                response = officer.post(
                    reverse("api:evidence_file_add", args=[target.reference]),
                    {"file": named(png_bytes() + kind.encode(), f"{kind}.png")},
                )
                assert response.status_code == 201, response.content
                self.evidence[kind] = EvidenceItem.objects.get(case=target)
        if row.case is job_of and not self.jobs:
            for kind, target in self.cases.items():
                self.jobs[kind] = Job.objects.create(
                    kind="case_file",
                    parameters={"case": target.reference, "language": "en"},
                    case=target,
                    requested_by=self.users["officer"],
                )
        if row.case is report_of and not self.reports:
            for kind, target in self.cases.items():
                content = b"%PDF-1.7 case file of " + target.reference.encode()
                report = Report.objects.create(
                    template="case_file",
                    profile="internal",
                    language="en",
                    file=default_storage.save(f"{TEST_DOCUMENTS}/{kind}.pdf", ContentFile(content)),
                    size=len(content),
                    sha256=hashlib.sha256(content).hexdigest(),
                    created_by=self.users["officer"],
                )
                report.cases.add(target)
                self.reports[kind] = report


@pytest.fixture
def world(officer, partner, advocacy, administrator, outsider, case, shared_case, revoked_case):
    users = {
        "officer": officer,
        "partner": partner,
        "advocacy": advocacy,
        "administrator": administrator,
        "outsider": outsider,
    }
    return World(users, {"shared": shared_case, "unshared": case, "revoked": revoked_case})


def dead_tokens(world) -> dict[str, str | None]:
    officer = world.users["officer"]
    revoked = make_token(officer, name="revoked")
    ApiToken.objects.filter(name="revoked").update(revoked_at=timezone.now())
    expired = make_token(officer, name="expired")
    ApiToken.objects.filter(name="expired").update(expires_at=timezone.now() - timedelta(seconds=1))
    inactive_user = UserFactory(username="inactive_api", role=Role.OFFICER)
    inactive = make_token(inactive_user)
    inactive_user.is_active = False
    inactive_user.save()
    return {"no token": None, "revoked token": revoked, "expired token": expired, "inactive user": inactive}


def expected(row: Row, persona: str, kind: str | None, scopes) -> str:
    if persona in DEAD_TOKENS:
        return "401"
    if row.scope not in scopes:
        return "403"
    if kind is not None and not row.sees(persona, kind):
        return "404"
    return "ok" if persona in row.allowed else "403"


def outcome(response) -> str:
    if response.status_code in (200, 201, 204):
        return "ok"
    return str(response.status_code)


def call(client, method: str, path: str, row: Row, world, kind):
    data = row.data(world, kind) if row.data else None
    if method == "GET":
        return client.get(path)
    if row.multipart:
        return client.post(path, data)
    return getattr(client, method.lower())(path, data or {}, content_type="application/json")


def check(world, key: str, method: str, tokens: dict) -> list[str]:
    row = ROWS[(key, method)]
    world.prepare(row)
    name = key.removeprefix("api:")
    failures = []
    bodies = {}
    for label, (text, scopes, persona) in tokens.items():
        client = api(text)
        for kind in KINDS if row.case else (None,):
            kwargs = row.case(world, kind) if row.case else (row.args(world) if row.args else {})
            path = reverse(f"api:{name}", kwargs=kwargs)
            with transaction.atomic():
                response = call(client, method, path, row, world, kind)
                transaction.set_rollback(True)
            want, got = expected(row, persona, kind, scopes), outcome(response)
            if want != got:
                failures.append(f"{label:<16} {kind or '-':<9} {method} {path}: expected {want}, got {got}")
            if got != "ok":
                assert response["Content-Type"] == "application/json", (persona, path, response.content[:200])
                bodies.setdefault(got, set()).add(response.content)
                leaked = [target.title for target in world.cases.values() if target.title in response.text]
                if leaked:
                    failures.append(f"{label} {kind} {path}: refusal shows {leaked}")
    if len(bodies.get("404", ())) > 1:
        failures.append(f"404 answers differ: {bodies['404']}")
    return failures


@pytest.mark.parametrize(("key", "method"), list(ROWS), ids=[f"{key}-{method}" for key, method in ROWS])
def test_api_access_matrix(world, key, method):
    """Every persona's full token; a hidden case answers byte for byte like a missing one."""
    tokens = {persona: (world.tokens[persona], set(Scope.values), persona) for persona in PERSONAS}
    tokens.update({persona: (text, set(), persona) for persona, text in dead_tokens(world).items()})
    failures = check(world, key, method, tokens)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("scope", Scope.values)
def test_tokens_without_the_scope_are_refused_before_any_lookup(world, scope):
    """The scope axis: an administrator's and a partner's token lacking one scope, on every URL
    that needs it; refused with 403 even on a case the partner cannot see."""
    needing = [item for item in ROWS if ROWS[item].scope == scope]
    assert needing, f"no API URL needs the {scope} scope"
    others = tuple(value for value in Scope.values if value != scope)
    narrow = {
        f"{persona} without {scope}": (make_token(world.users[persona], scopes=others), set(others), persona)
        for persona in ("administrator", "partner")
    }
    failures = []
    for row_key, method in needing:
        failures += check(world, row_key, method, narrow)
    assert not failures, "\n".join(failures)
