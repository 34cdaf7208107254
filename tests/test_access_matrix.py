"""The access matrix: every URL pattern × every kind of visitor × a shared, unshared and revoked case.

Generated from the URL configuration: a pattern that the table below does not
cover fails ``test_every_url_pattern_is_in_the_matrix`` with its name.

To cover a new URL, add one line to ROWS:

    "app:name": Row("POST", case=by_reference, allowed=WRITERS),

- ``method``: the method a normal use of the URL sends (GET or POST);
- ``case``: for a URL about one case, how to build its URL arguments from the
  world (``world``, kind) -> kwargs; the row is then tried on the shared, the
  unshared and the revoked case, and a persona who cannot see that case must
  get 404, exactly as for a missing one;
- ``args``: for a URL not about a case, its arguments from the world;
- ``data``: the POST body;
- ``allowed``: the personas who may use it (others who can see the case: 403);
- ``sees``: who can see which case, when it differs from the case page;
- ``public``: open to anonymous visitors (``login_not_required``);
- ``second_step``: part of the second-factor step, open to password-only users.

Personas: every role, an outsider with no role, an anonymous visitor, a user
who gave the password but not the second factor, and an inactive user.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from casebook.roles import Role
from evidence.models import EvidenceItem
from reporting.models import Job
from tests.conftest import give_second_factor, login, password_only_login
from tests.evidence.test_upload import named, png_bytes
from tests.factories import InterventionFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ("officer", "partner", "advocacy", "administrator")
VERIFIED = (*ROLES, "outsider")
PERSONAS = (*VERIFIED, "anonymous", "password_only", "inactive")
KINDS = ("shared", "unshared", "revoked")

EVERYONE = frozenset(VERIFIED)
WRITERS = frozenset({"officer", "administrator"})  # create and change cases, add evidence, share
ADMINISTRATORS = frozenset({"administrator"})
COMPOSERS = frozenset({"officer", "advocacy", "administrator"})  # reporting.add_report
REVIEWERS = WRITERS | {"partner"}  # legal review notes


def sees_case(persona: str, kind: str) -> bool:
    """Role-wide readers see every (normal) case; a partner only the one shared with them."""
    if persona in ("officer", "advocacy", "administrator"):
        return True
    return persona == "partner" and kind == "shared"


def sees_partner_share(persona: str, kind: str) -> bool:
    """Revoking needs the case and a current share of it with the partner; a reader who may
    not share is refused (403) before anything is looked up, so learns nothing of the shares."""
    if not sees_case(persona, kind):
        return False
    return kind == "shared" or persona not in WRITERS


def import_of(world, kind):
    """The officer's finished import (imports belong to no case: the same one for every kind)."""
    if "done" not in world.imports:
        from django.utils import timezone

        from imports.models import ImportRun, RefusedRow

        # Finished today with one refused row: its refused rows can still be downloaded.
        run = ImportRun.objects.create(
            file_name="log.csv",
            sha256="0" * 64,
            file_format="csv",
            status="done",
            requested_by=world.users["officer"],
            refused=1,
            finished_at=timezone.now(),
        )
        RefusedRow.objects.create(run=run, row=2, cells=["x"], reason="country: unknown")
        world.imports["done"] = run
    return {"pk": world.imports["done"].pk}


def sees_own_import(persona: str, kind: str) -> bool:
    """Only the importer sees an import; to everyone else it is missing, an administrator included."""
    return persona == "officer"


def by_reference(world, kind):
    return {"reference": world.cases[kind].reference}


def evidence_of(world, kind):
    return {"pk": world.evidence[kind].pk}


def revoke_partner(world, kind):
    return {"reference": world.cases[kind].reference, "user_id": world.users["partner"].pk}


def derivative_of(world, kind):
    return {"pk": world.evidence[kind].pk, "kind": "thumbnail"}


def job_of(world, kind):
    return {"pk": world.jobs[kind].pk}


def intervention_of(world, kind):
    return {"reference": world.cases[kind].reference, "pk": world.interventions[kind].pk}


def first_version(world, kind):
    """Restoring the version the case was created with."""
    return {"model": "case", "history_id": world.cases[kind].history.earliest("history_date").history_id}


def content_of(world, kind):
    return {"reference": world.cases[kind].reference, "pk": world.content[kind].pk}


def content_with_evidence_of(world, kind):
    """An item of the case, with the case's evidence to attach to it."""
    return content_of(world, kind)


def escalation_of(world, kind):
    return {"pk": world.escalations[kind].pk}


def escalated_entry_of(world, kind):
    escalation = world.escalations[kind]
    return {"pk": escalation.pk, "entry_pk": escalation.entries.get().pk}


def sees_own_job(persona: str, kind: str) -> bool:
    """A document job is the requester's alone (the officer asked for these)."""
    return persona == "officer"


def partner_choice(world, kind):
    return {"partner": world.users["partner"].pk}


@dataclass(frozen=True)
class Row:
    method: str = "GET"
    case: Callable | None = None
    args: Callable | None = None
    data: Callable | None = None
    allowed: frozenset = EVERYONE
    sees: Callable[[str, str], bool] = sees_case
    public: bool = False
    second_step: bool = False
    # The admin answers 404 or 405 for sample objects or methods an administrator may still reach.
    reachable_statuses: tuple = (200,)
    # A further check for allowed personas: (pattern, user) -> may use it.
    permitted: Callable | None = None


ADMIN_ACTIONS = {
    "changelist": "view",
    "history": "view",
    "simple_history": "view",
    "change": "view",
    "add": "add",
    "delete": "delete",
    "password_change": "change",
}


def admin_model_permission(pattern, user) -> bool:
    """Inside the admin, a model's pages follow its ModelAdmin's own permission checks."""
    from django.contrib import admin
    from django.test import RequestFactory

    name = (pattern.name or "").removeprefix("admin:")
    for model, model_admin in admin.site._registry.items():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            action = ADMIN_ACTIONS.get(name.removeprefix(prefix))
            if action is None:  # the TOTP key's config and QR pages: hidden by OTP_ADMIN_HIDE_SENSITIVE_DATA
                return False
            request = RequestFactory().get("/")
            request.user = user
            return getattr(model_admin, f"has_{action}_permission")(request)
    return True


ROWS = {
    "home": Row(),
    "health": Row(public=True),
    "login": Row(public=True),
    "logout": Row("POST", second_step=True),
    "set_language": Row("POST", public=True, data=lambda world, kind: {"language": "ar", "next": "/"}),
    "account:verify": Row(second_step=True),
    "account:enrol": Row(),
    "account:security": Row(),
    "account:backup_codes": Row("POST"),
    "account:logout_everywhere": Row("POST"),
    "audit:list": Row(allowed=ADMINISTRATORS),
    "cases:list": Row(),
    "cases:create": Row(allowed=WRITERS),
    "cases:detail": Row(case=by_reference),
    "cases:history": Row(case=by_reference),
    "cases:share": Row("POST", case=by_reference, data=partner_choice, allowed=WRITERS),
    "cases:revoke": Row("POST", case=revoke_partner, allowed=WRITERS, sees=sees_partner_share),
    "cases:export": Row(),
    "cases:edit": Row(case=by_reference, allowed=WRITERS),
    "cases:transition": Row(
        "POST", case=by_reference, data=lambda world, kind: {"status": "under_verification"}, allowed=WRITERS
    ),
    "cases:archive": Row("POST", case=by_reference, data=lambda world, kind: {"reason": "duplicate"}, allowed=WRITERS),
    "cases:unarchive": Row("POST", case=by_reference, allowed=WRITERS),
    "cases:intervention_create": Row(case=by_reference, allowed=WRITERS),
    "cases:intervention_edit": Row(case=intervention_of, allowed=WRITERS),
    "cases:review": Row("POST", case=by_reference, data=lambda world, kind: {"text": "analysis"}, allowed=REVIEWERS),
    "cases:link": Row(
        "POST",
        case=by_reference,
        data=lambda world, kind: {"reference": "DR-1999-0001", "kind": "related"},
        allowed=WRITERS,
    ),
    "cases:history_restore": Row("POST", case=by_reference, data=first_version, allowed=WRITERS),
    "cases:due": Row(args=lambda world: {"section": "interventions_overdue"}),
    "cases:content_create": Row(case=by_reference, allowed=WRITERS),
    "cases:content_detail": Row(case=content_of),
    "cases:content_edit": Row(case=content_of, allowed=WRITERS),
    "cases:content_status": Row(
        "POST",
        case=content_of,
        data=lambda world, kind: {"status": "restored", "on": "2026-01-02", "source": "team_check"},
        allowed=WRITERS,
    ),
    "cases:content_recheck": Row("POST", case=content_of, data=lambda world, kind: {"result": "back"}, allowed=WRITERS),
    "cases:escalations": Row(),
    "cases:escalation_create": Row(allowed=WRITERS),
    "cases:escalation_detail": Row(case=escalation_of),
    "cases:escalation_csv": Row(case=escalation_of, allowed=WRITERS),
    "cases:escalation_send": Row(
        "POST", case=escalation_of, data=lambda world, kind: {"sent_on": "2026-01-02"}, allowed=WRITERS
    ),
    "cases:escalation_answer": Row(
        "POST",
        case=escalated_entry_of,
        data=lambda world, kind: {"answer": "upheld", "answered_on": "2026-01-03"},
        allowed=WRITERS,
    ),
    "cases:escalation_appeal": Row(
        "POST",
        case=escalated_entry_of,
        data=lambda world, kind: {"step": "complaint", "on": "2026-01-04"},
        allowed=WRITERS,
    ),
    "reporting:index": Row(allowed=COMPOSERS),
    "reporting:compose": Row(args=lambda world: {"kind": "case_file"}, allowed=COMPOSERS),
    "evidence:upload": Row("POST", case=by_reference, allowed=WRITERS),
    "evidence:download": Row(case=evidence_of),
    "evidence:detail": Row(case=evidence_of),
    "evidence:derivative": Row(case=derivative_of),
    "evidence:collection_add": Row("POST", case=evidence_of, allowed=WRITERS),
    "evidence:link_add": Row("POST", case=by_reference, allowed=WRITERS),
    "evidence:bag": Row("POST", case=by_reference, allowed=WRITERS),
    "evidence:content_attach": Row(
        "POST",
        case=content_with_evidence_of,
        data=lambda world, kind: {"evidence": world.evidence[kind].pk},
        allowed=WRITERS,
    ),
    "evidence:content_check": Row(
        "POST",
        case=content_of,
        data=lambda world, kind: {"result": "back", "screenshot": named(png_bytes() + kind.encode(), "check.png")},
        allowed=WRITERS,
    ),
    "reporting:job": Row(case=job_of, sees=sees_own_job),
    "reporting:job_download": Row(case=job_of, sees=sees_own_job),
    "imports:index": Row(allowed=WRITERS),
    "imports:detail": Row(case=import_of, sees=sees_own_import, allowed=WRITERS),
    "imports:map": Row(case=import_of, sees=sees_own_import, allowed=WRITERS),
    "imports:refused": Row(case=import_of, sees=sees_own_import, allowed=WRITERS),
    "reporting:case_file": Row("POST", case=by_reference, data=lambda world, kind: {"language": "en"}),
    "api:schema": Row(),
    "tokens:create": Row("POST", data=lambda world, kind: {"name": "monitor", "days": "30", "scopes": ["read"]}),
    # Only one's own tokens: any other number answers 404 (tests/api/test_tokens.py).
    "tokens:revoke": Row("POST", args=lambda world: {"pk": 999999}, reachable_statuses=(404,)),
    # No model uses autocomplete fields: without their parameters the admin answers 403 to all.
    "admin:autocomplete": Row(allowed=ADMINISTRATORS, permitted=lambda pattern, user: False),
}

# Whole URL namespaces governed by one rule. The admin site: administrators with
# both factors only; every other persona is refused or sent to log in.
ADMIN = Row(allowed=ADMINISTRATORS, reachable_statuses=(200, 404, 405), permitted=admin_model_permission)
PREFIX_ROWS = {"admin:": ADMIN}


# --- The URL configuration, walked --------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    key: str  # the URL name with its namespace, or namespace:route for an unnamed pattern
    name: str | None
    route: str


def url_patterns(patterns=None, prefix="", namespace=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = f"{namespace}{entry.name}" if entry.name else None
            yield Pattern(key=name or f"{namespace}{route}", name=name, route=route)


# The API's token URLs have their own matrix, with scopes as one more axis (tests/api/test_api_matrix.py).
PATTERNS = [pattern for pattern in url_patterns() if not pattern.key.startswith("api:") or pattern.key == "api:schema"]


def row_for(pattern: Pattern) -> Row | None:
    if pattern.key in ROWS:
        return ROWS[pattern.key]
    return next((row for prefix, row in PREFIX_ROWS.items() if pattern.key.startswith(prefix)), None)


def test_every_url_pattern_is_in_the_matrix():
    missing = [f"{pattern.key}  ({pattern.route})" for pattern in PATTERNS if row_for(pattern) is None]
    assert not missing, "URL patterns missing from tests/test_access_matrix.py ROWS:\n  " + "\n  ".join(missing)
    stale = set(ROWS) - {pattern.key for pattern in PATTERNS}
    assert not stale, f"ROWS names URLs that no longer exist: {sorted(stale)}"


# --- The world: personas, cases, evidence -------------------------------------------


@dataclass
class World:
    users: dict = field(default_factory=dict)
    clients: dict = field(default_factory=dict)
    cases: dict = field(default_factory=dict)
    evidence: dict = field(default_factory=dict)
    jobs: dict = field(default_factory=dict)
    interventions: dict = field(default_factory=dict)
    content: dict = field(default_factory=dict)
    escalations: dict = field(default_factory=dict)
    imports: dict = field(default_factory=dict)

    def titles(self):
        return [case.title for case in self.cases.values()]

    def add_evidence(self):
        """One evidence item on each case, uploaded by the officer (only for rows that need one)."""
        client = login(self.users["officer"])
        for kind, target in self.cases.items():
            client.post(
                reverse("evidence:upload", args=[target.reference]),
                {"files": [named(png_bytes() + kind.encode(), f"{kind}.png")]},
            )
            self.evidence[kind] = EvidenceItem.objects.get(case=target)

    def add_content(self):
        """A removed post on each case, each escalated alone to Facebook (not sent yet)."""
        from datetime import date

        from cases import services
        from cases.models import Platform

        facebook = Platform.objects.get(code="facebook")
        for kind, target in self.cases.items():
            self.content[kind] = services.content_item_save(
                actor=self.users["officer"],
                case=target,
                url=f"https://www.facebook.com/{kind}/posts/1",
                platform=facebook,
                removed_on=date(2026, 1, 1),
            )
            self.escalations[kind] = services.escalation_create(
                actor=self.users["officer"], platform=facebook, items=[self.content[kind]]
            )

    def add_jobs(self):
        """A queued case-file job on each case, asked for by the officer."""
        for kind, target in self.cases.items():
            self.jobs[kind] = Job.objects.create(
                kind="case_file",
                parameters={"case": target.reference, "language": "en"},
                case=target,
                requested_by=self.users["officer"],
            )


@pytest.fixture
def world(officer, partner, advocacy, administrator, outsider, case, shared_case, revoked_case):
    world = World()
    world.users = {
        "officer": officer,
        "partner": partner,
        "advocacy": advocacy,
        "administrator": administrator,
        "outsider": outsider,
        "password_only": UserFactory(username="password_only", role=Role.OFFICER),
        "inactive": UserFactory(username="inactive", role=Role.OFFICER, is_active=False),
    }
    world.cases = {"shared": shared_case, "unshared": case, "revoked": revoked_case}
    for persona in VERIFIED:
        world.clients[persona] = login(world.users[persona])
    give_second_factor(world.users["password_only"])
    world.clients["password_only"] = password_only_login(world.users["password_only"])
    world.clients["inactive"] = password_only_login(world.users["inactive"])
    world.clients["anonymous"] = Client()
    return world


# --- Expectations and outcomes ------------------------------------------------------


def expected(row: Row, persona: str, kind: str | None, pattern=None, world=None) -> str:
    if persona in ("anonymous", "inactive"):
        return "ok" if row.public else "login"
    if persona == "password_only":
        return "ok" if row.public or row.second_step else "second factor"
    if kind is not None and not row.sees(persona, kind):
        return "404"
    if persona in row.allowed and row.permitted is not None and not row.permitted(pattern, world.users[persona]):
        return "403"
    return "ok" if persona in row.allowed else "403"


def outcome(response, row: Row) -> str:
    status = response.status_code
    if status in (301, 302, 303):
        location = response["Location"]
        if location.startswith(reverse("account:verify")):
            return "second factor"
        if location.startswith(reverse("admin:login")) or (
            location.startswith(reverse("login")) and "next=" in location
        ):
            return "login"
        return "ok"
    if status in row.reachable_statuses:
        return "ok"
    if status in (403, 404):
        return str(status)
    return f"status {status}"


ADMIN_SAMPLES = {"object_id": "1", "pk": "1", "id": "1", "content_type_id": "1", "app_label": "auth", "url": "x/"}


def admin_path(pattern: Pattern) -> str:
    """A concrete path for an admin pattern, its parameters filled with sample values."""
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: ADMIN_SAMPLES[match.group(1)], pattern.route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda match: ADMIN_SAMPLES[match.group(1)], path)
    path = re.sub(r"\([^)]*\)", "1", path).replace("^", "").replace("$", "")
    return "/" + path


def path_for(pattern: Pattern, row: Row, world: World, kind: str | None) -> str:
    if pattern.key.startswith("admin:"):
        path = admin_path(pattern)
        assert resolve(path).route == resolve(path).route  # resolves somewhere in the admin
        return path
    kwargs = row.case(world, kind) if row.case else (row.args(world) if row.args else {})
    return reverse(pattern.name, kwargs=kwargs)


def prepare(world, row: Row) -> None:
    """Make the objects a row's URLs point at, the first time a row needs them."""
    if row.case in (evidence_of, derivative_of) and not world.evidence:
        world.add_evidence()
    if row.case is job_of and not world.jobs:
        world.add_jobs()
    if row.case in (content_of, content_with_evidence_of, escalation_of, escalated_entry_of) and not world.content:
        world.add_content()
    if row.case is content_with_evidence_of and not world.evidence:
        world.add_evidence()
    if row.case is intervention_of and not world.interventions:
        world.interventions = {kind: InterventionFactory(case=target) for kind, target in world.cases.items()}


def check(world, pattern) -> list[str]:
    """Every persona on one URL pattern (on each kind of case if it is about one)."""
    row = row_for(pattern)
    prepare(world, row)
    failures = []
    for persona in PERSONAS:
        for kind in KINDS if row.case else (None,):
            path = path_for(pattern, row, world, kind)
            data = row.data(world, kind) if row.data else {}
            client = world.clients[persona]
            # Each request is undone afterwards, so that one persona's share,
            # revoke or logout does not change what the next one meets.
            with transaction.atomic():
                response = client.post(path, data) if row.method == "POST" else client.get(path)
                transaction.set_rollback(True)
            want, got = expected(row, persona, kind, pattern, world), outcome(response, row)
            if want != got:
                failures.append(f"{persona:<14} {kind or '-':<9} {row.method} {path}: expected {want}, got {got}")
            if got in ("403", "404", "login", "second factor"):
                leaked = [title for title in world.titles() if title in response.content.decode(errors="replace")]
                if leaked:
                    failures.append(f"{persona} {kind} {path}: refused page shows {leaked}")
    return failures


def matrix_groups():
    """One test per URL of the table; one for each namespace governed by a prefix rule."""
    groups = {}
    for pattern in PATTERNS:
        prefix = next((prefix for prefix in PREFIX_ROWS if pattern.key.startswith(prefix)), None)
        key = prefix if prefix and pattern.key not in ROWS else pattern.key
        groups.setdefault(key, []).append(pattern)
    return groups


GROUPS = matrix_groups()


@pytest.mark.parametrize("group", list(GROUPS))
def test_access_matrix(world, group):
    missing = [pattern.key for pattern in GROUPS[group] if row_for(pattern) is None]
    assert not missing, f"missing from the access matrix: {missing}"
    failures = [failure for pattern in GROUPS[group] for failure in check(world, pattern)]
    assert not failures, "\n".join(failures)


POST_ROWS = [pattern for pattern in PATTERNS if (row_for(pattern) or Row()).method == "POST"]


@pytest.mark.parametrize("pattern", POST_ROWS, ids=[pattern.key for pattern in POST_ROWS])
def test_every_state_change_needs_a_csrf_token(world, pattern):
    row = row_for(pattern)
    persona = "administrator"
    client = Client(enforce_csrf_checks=True)
    client.cookies = world.clients[persona].cookies
    prepare(world, row)
    path = path_for(pattern, row, world, "shared" if row.case else None)
    kind = "shared" if row.case else None
    response = client.post(path, row.data(world, kind) if row.data else {})
    assert response.status_code == 403
    assert "did not come from Casebook" in response.text


CASE_POST_ROWS = [pattern for pattern in POST_ROWS if row_for(pattern).case and not pattern.key.startswith("admin:")]


@pytest.mark.parametrize("pattern", CASE_POST_ROWS, ids=[pattern.key for pattern in CASE_POST_ROWS])
def test_every_state_change_of_a_case_refuses_get(world, pattern):
    row = row_for(pattern)
    prepare(world, row)
    response = world.clients["administrator"].get(path_for(pattern, row, world, "shared"))
    assert response.status_code == 405


def test_matrix_personas_hold_what_their_names_say(world):
    assert not world.users["inactive"].is_active
    assert not Permission.objects.filter(user=world.users["outsider"]).exists()
    assert not world.users["outsider"].groups.exists()
