"""Writes to cases: each validates, saves and records who did it, in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from casebook.audit import Action, record
from casebook.roles import Role, has_role
from cases.models import Case, ReferenceCounter


def _next_reference(year: int) -> str:
    """The next ``DR-YYYY-NNNN``; unique even when cases are created at the same moment.

    The counter row is incremented with a single UPDATE, which holds the row
    lock (PostgreSQL) or the write lock (SQLite) until the transaction ends.
    """
    try:
        with transaction.atomic():
            ReferenceCounter.objects.get_or_create(year=year)
    except IntegrityError:
        pass  # created by a concurrent request a moment ago
    ReferenceCounter.objects.filter(year=year).update(last_number=F("last_number") + 1)
    number = ReferenceCounter.objects.values_list("last_number", flat=True).get(year=year)
    return f"DR-{year}-{number:04d}"


@transaction.atomic
def case_create(*, actor, **fields) -> Case:
    if not actor.has_perm("cases.add_case"):
        raise PermissionDenied
    case = Case(created_by=actor, **fields)
    case.full_clean(exclude=["reference"])
    case.reference = _next_reference(timezone.now().year)
    case._history_user = actor
    case.save()
    if has_role(actor, Role.OFFICER):
        case.assigned_officers.add(actor)
    return case


@transaction.atomic
def case_update(*, actor, case: Case, **fields) -> Case:
    if not actor.has_perm("cases.change_case"):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(case, name, value)
    case.full_clean()
    case._history_user = actor
    case.save()
    return case


def _check_partner(partner) -> None:
    if not partner.is_active or not has_role(partner, Role.PARTNER):
        raise ValidationError(_("Cases can only be shared with an active legal partner."))


@transaction.atomic
def case_share(*, actor, case: Case, partner) -> None:
    """Give one legal partner read access to one case."""
    if not actor.has_perm("cases.share_case"):
        raise PermissionDenied
    _check_partner(partner)
    assign_perm("cases.view_case", partner, case)
    record(actor=actor, action=Action.CASE_SHARED, case=case, target=partner)


@transaction.atomic
def case_revoke(*, actor, case: Case, partner) -> None:
    """Withdraw a partner's access; takes effect on the partner's next request."""
    if not actor.has_perm("cases.share_case"):
        raise PermissionDenied
    remove_perm("cases.view_case", partner, case)
    record(actor=actor, action=Action.CASE_REVOKED, case=case, target=partner)
