"""Creating, finding and revoking API tokens; every change is audited in the same transaction."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken, Scope
from casebook.audit import Action, record

DEFAULT_DAYS = 90
MAX_DAYS = 365
# How many address hashes a token remembers; the oldest are forgotten first.
ADDRESSES_KEPT = 50
# A token's last use is written at most this often, not on every call.
LAST_USED_GRANULARITY = timedelta(minutes=1)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def split(raw: str) -> tuple[str, str] | None:
    """The (prefix, secret) of a token as given, or None when it is not shaped like one."""
    parts = raw.split("_")
    if len(parts) != 3 or parts[0] != "cb" or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


@transaction.atomic
def token_create(*, actor, name: str, days: int = DEFAULT_DAYS, scopes=(Scope.READ,)) -> tuple[ApiToken, str]:
    """A new token for ``actor`` and its text, to be shown once. Needs a login with both factors."""
    verified = getattr(actor, "is_verified", None)
    if not actor.is_active or verified is None or not verified():
        raise PermissionDenied
    name = " ".join(name.split())
    scopes = sorted(set(scopes))
    if not name:
        raise ValidationError({"name": _("Give the token a name that says where it is used.")})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": _("A token lasts between 1 and %(days)s days.") % {"days": MAX_DAYS}})
    if not scopes or not set(scopes) <= set(Scope.values):
        raise ValidationError({"scopes": _("Choose at least one scope.")})
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32).replace("_", "-")
    token = ApiToken(
        user=actor,
        name=name,
        prefix=prefix,
        hashed=_digest(secret),
        scopes=scopes,
        expires_at=timezone.now() + timedelta(days=days),
    )
    token.full_clean()
    token.save()
    record(actor=actor, action=Action.API_TOKEN_CREATED, target=token, detail={"scopes": scopes, "days": days})
    return token, f"cb_{prefix}_{secret}"


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> None:
    """Revoke one of the actor's own tokens; it stops working at once."""
    if token.user_id != actor.pk:
        raise PermissionDenied
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(actor=actor, action=Action.API_TOKEN_REVOKED, target=token)


@transaction.atomic
def token_revoke_all(*, actor, reason: str) -> int:
    """Revoke every token of the actor still in use, each audited with ``reason`` (a code)."""
    now = timezone.now()
    revoked = 0
    for token in ApiToken.objects.select_for_update().filter(user=actor, revoked_at__isnull=True):
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        record(actor=actor, action=Action.API_TOKEN_REVOKED, target=token, detail={"reason": reason})
        revoked += 1
    return revoked


def on_logout_everywhere(sender, *, user, request=None, **kwargs) -> None:
    token_revoke_all(actor=user, reason="logout_everywhere")


def token_find(raw: str) -> ApiToken | None:
    """The active token with this text, its user active, or None (whatever the reason)."""
    parts = split(raw)
    if parts is None:
        return None
    prefix, secret = parts
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.hashed, _digest(secret)):
        return None
    if not token.is_active or not token.user.is_active:
        return None
    return token


def token_used(*, token: ApiToken, address: str | None) -> None:
    """Note a call: the first call from an address not seen before is audited."""
    now = timezone.now()
    seen = _digest(address or "")
    new_address = seen not in token.addresses
    if not new_address and token.last_used_at and now - token.last_used_at < LAST_USED_GRANULARITY:
        return
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if new_address and seen not in token.addresses:
            token.addresses = [*token.addresses, seen][-ADDRESSES_KEPT:]
            record(actor=token.user, action=Action.API_TOKEN_NEW_ADDRESS, target=token)
        token.last_used_at = now
        token.save(update_fields=["addresses", "last_used_at"])
