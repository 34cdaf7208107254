"""Audit entries for events raised by Django and django-axes."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from casebook import sessions
from casebook.audit import Action, record
from casebook.audit.context import current_request


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    sessions.start(request, user)
    from django.conf import settings

    action = Action.PASSWORD_ACCEPTED if settings.REQUIRE_2FA else Action.LOGIN
    record(actor=user, action=action, request=request)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is None:
        return
    record(actor=user, action=Action.LOGOUT, request=request)
    if request is not None and hasattr(request, "session"):
        sessions.forget(request.session.session_key)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, stage="password", **kwargs):
    if stage != "password":
        return  # the second-factor views record their own failures
    username = str(credentials.get("username", ""))[:150]
    record(actor=None, action=Action.LOGIN_FAILED, request=request, detail={"username": username})


@receiver(user_locked_out)
def on_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    record(actor=None, action=Action.LOCKED_OUT, request=request, detail={"username": str(username or "")[:150]})


@receiver(m2m_changed, sender=get_user_model().groups.through)
def on_role_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Role changes, whichever side they were made from (a user's groups or a group's users)."""
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    request = current_request()
    actor = getattr(request, "user", None) if request is not None else None
    audit_action = Action.ROLE_GRANTED if action == "post_add" else Action.ROLE_REMOVED
    if reverse:  # group.user_set.add(...)
        users = get_user_model().objects.filter(pk__in=pk_set)
        pairs = [(user, instance.name) for user in users]
    else:
        pairs = [(instance, name) for name in Group.objects.filter(pk__in=pk_set).values_list("name", flat=True)]
    for user, role in pairs:
        record(actor=actor, action=audit_action, target=user, detail={"role": role})
