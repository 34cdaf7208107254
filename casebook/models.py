from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casebook.audit.actions import Action


class AuditEvent(models.Model):
    """One entry of the append-only, hash-chained audit log.

    Written only by ``casebook.audit.record``; the database refuses UPDATE and
    DELETE on this table (triggers installed by the migrations). Each entry holds
    the hash of the previous one, so an edit, a deletion, an insertion or a
    reordering breaks the chain (``manage.py verify_audit``). Nothing personal
    beyond the acting user's name is kept here: cases and objects are referred to
    by reference and id, never by title or name, because this table is never purged.
    """

    sequence = models.BigIntegerField(_("sequence"), unique=True, editable=False)
    created_at = models.DateTimeField(_("time"), editable=False, db_index=True)
    # No database constraint: a user's row may go, their entries must stay.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    actor_name = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices, db_index=True)
    case_reference = models.CharField(_("case"), max_length=40, blank=True, db_index=True)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    ip_address = models.CharField(_("client address"), max_length=45, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    previous_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-sequence"]
        indexes = [models.Index(fields=["actor", "-sequence"])]

    def __str__(self):
        return f"#{self.sequence} {self.action} {self.actor_name}"


class UserSession(models.Model):
    """Which session keys belong to which user, so that all can be ended at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"
