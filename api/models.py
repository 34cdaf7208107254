from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a token may do, within what its user may do at the moment of the call."""

    READ = "read", _("Read cases and their records")
    WRITE = "write", _("Create and change cases, add evidence and interventions")
    DOWNLOAD = "download", _("Download evidence files and documents")


class ApiToken(models.Model):
    """A user's key for the API. Only its SHA-256 is kept: the token itself is shown once.

    ``prefix`` is the public part of the token (``cb_<prefix>_<secret>``), used to find the
    row; the secret is compared against ``hashed`` in constant time. ``addresses`` holds
    hashes of the client addresses seen, so that a first use from a new one is audited
    without keeping one more list of addresses.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    hashed = models.CharField(_("SHA-256"), max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    addresses = models.JSONField(default=list, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} (cb_{self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def scope_labels(self) -> list[str]:
        return [str(Scope(scope).label) for scope in self.scopes if scope in Scope.values]
