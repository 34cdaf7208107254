"""Sharing a case is a custody event for each of its items.

``cases`` knows nothing of evidence; sharing there is a guardian object
permission on the case. Its creation and removal are recorded here, with the
user of the current request as the actor (or none outside a request).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from cases.models import Case
from evidence.models import CustodyEvent


def _case_view_grant(instance) -> Case | None:
    if not isinstance(instance, UserObjectPermissionBase):
        return None
    case = getattr(instance, "content_object", None)
    if not isinstance(case, Case) or instance.permission.codename != "view_case":
        return None
    return case


def _current_user():
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _record(case: Case, action: str, code: str, user) -> None:
    from evidence.services import custody_record

    actor = _current_user()
    for item in case.evidence_items.all():
        custody_record(item=item, action=action, actor=actor, code=code, parameters={"user": user.get_username()})


@receiver(post_save, dispatch_uid="evidence_custody_shared")
def record_share(sender, instance, created, raw=False, **kwargs):
    if raw or not created or (case := _case_view_grant(instance)) is None:
        return
    _record(case, CustodyEvent.Action.SHARED, "shared", instance.user)


@receiver(post_delete, dispatch_uid="evidence_custody_withdrawn")
def record_withdrawal(sender, instance, **kwargs):
    if (case := _case_view_grant(instance)) is None:
        return
    _record(case, CustodyEvent.Action.ACCESS_WITHDRAWN, "access_withdrawn", instance.user)
