"""The signed-in user, with their permissions and roles, and their second factor, kept in the cache.

Every page needs the user, what they may do and the device that verified them.
Read from the database, that is four or five queries before the page does
anything; here they are read once and kept in the cache until something about
users, roles, permissions or devices changes.

Invalidation is by generation: any such change (a user saved or deleted, a
role given or taken, a group's permissions changed, a device saved or deleted)
writes a new generation, and an entry of an older generation is never used.
The generation is read before the database, and written again once the change
is committed, so an entry built from data read during the change cannot
outlive it. Changes are rare (an administrator's action, a login); pages are
not.

The cache must be the one every web process shares (Redis through
``CASEBOOK_CACHE_URL``), or there must be one process (the embedded default);
``settings.CASEBOOK_AUTH_CACHE`` is off otherwise and every request reads the
database. Entries also expire after ``CASEBOOK_AUTH_CACHE_SECONDS``, which
bounds what a change made outside the web process (a management command
against the embedded default's local-memory cache) can leave behind.
"""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django_otp.middleware import OTPMiddleware

from casebook.roles import user_roles

GENERATION_KEY = "casebook:auth:generation"


def _user_key(user_id) -> str:
    return f"casebook:auth:user:{user_id}"


def _device_key(persistent_id: str) -> str:
    return f"casebook:auth:device:{persistent_id}"


def _current(found: dict) -> str:
    """The generation in ``found`` (read with the entry), or a new one if the cache lost it."""
    generation = found.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _read(key: str):
    """(generation, the entry if it is of this generation, else None)."""
    found = cache.get_many([key, GENERATION_KEY])
    generation = _current(found)
    entry = found.get(key)
    if entry is not None and entry[0] == generation:
        return generation, entry[1]
    return generation, None


def forget_everything() -> None:
    """A new generation, now and again once the current transaction is committed."""
    if not settings.CASEBOOK_AUTH_CACHE:
        return
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, uuid.uuid4().hex, None))


class CachedModelBackend(ModelBackend):
    """Django's model backend, whose ``get_user`` also brings the user's permissions and roles."""

    def get_user(self, user_id):
        if not settings.CASEBOOK_AUTH_CACHE:
            user = super().get_user(user_id)
            if user is not None:
                user.casebook_request_scoped = True
            return user
        generation, user = _read(_user_key(user_id))
        if user is None:
            user = super().get_user(user_id)
            if user is None:
                return None
            # Read now, so that they travel with the user: ModelBackend and user_roles keep
            # them on the user object.
            self.get_all_permissions(user)
            user_roles(user)
            cache.set(_user_key(user_id), (generation, user), settings.CASEBOOK_AUTH_CACHE_SECONDS)
        # This object serves one request only: what it sees may be remembered on it until the end
        # of the request (see cases.selectors.shared_case_ids), never longer.
        user.casebook_request_scoped = True
        return user if self.user_can_authenticate(user) else None


class CachedOTPMiddleware(OTPMiddleware):
    """django-otp's middleware, reading the device that verified the session from the cache."""

    def _device_from_persistent_id(self, persistent_id: str):
        if not settings.CASEBOOK_AUTH_CACHE:
            return super()._device_from_persistent_id(persistent_id)
        generation, device = _read(_device_key(persistent_id))
        if device is None:
            device = super()._device_from_persistent_id(persistent_id)
            if device is not None:
                cache.set(_device_key(persistent_id), (generation, device), settings.CASEBOOK_AUTH_CACHE_SECONDS)
        return device


def _changed(**kwargs) -> None:
    forget_everything()


def connect() -> None:
    """What makes a cached user or device stale; called from CasebookConfig.ready."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    User = get_user_model()
    for model in (User, Group, Permission, TOTPDevice, StaticDevice):
        post_save.connect(_changed, sender=model, dispatch_uid=f"authcache-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"authcache-delete-{model.__name__}")
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"authcache-m2m-{through.__name__}")
