"""Reads of cases, always scoped to the user who asks."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from casebook.roles import Role
from cases.choices import Sensitivity
from cases.models import Case

VIEW = "cases.view_case"


def _shared_with(user) -> QuerySet[Case]:
    """Cases shared with the user one by one (object permissions, never global ones)."""
    return get_objects_for_user(user, VIEW, klass=Case.objects.all(), accept_global_perms=False, with_superuser=False)


def case_list_visible(*, user) -> QuerySet[Case]:
    """Every case the user may see.

    Role-wide readers (officers, advocacy, administrators) see all cases except
    restricted ones, which need an assignment or the ``view_restricted_case``
    permission. Everybody else sees only what was shared with them.
    """
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    if user.is_superuser or user.has_perm("cases.view_restricted_case"):
        return Case.objects.all()
    if not user.has_perm(VIEW):
        return _shared_with(user)
    assigned = Case.assigned_officers.through.objects.filter(case_id=OuterRef("pk"), user_id=user.pk)
    return Case.objects.filter(
        ~Q(sensitivity=Sensitivity.RESTRICTED) | Q(Exists(assigned)) | Q(pk__in=_shared_with(user).values("pk"))
    )


def case_get_for_user(user, reference: str) -> Case:
    """The case with this reference; raises Http404 for missing and for hidden cases alike."""
    try:
        return case_list_visible(user=user).get(reference=reference)
    except Case.DoesNotExist:
        raise Http404 from None


def case_shared_users(*, case: Case):
    """The users a case is shared with, for the case page of those who may share it."""
    User = get_user_model()
    return (
        User.objects.filter(
            caseuserobjectpermission__content_object=case,
            caseuserobjectpermission__permission__codename="view_case",
        )
        .distinct()
        .order_by("username")
    )


def legal_partners():
    return get_user_model().objects.filter(groups__name=Role.PARTNER, is_active=True).order_by("username")
