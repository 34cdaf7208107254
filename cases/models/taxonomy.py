"""Vocabularies administrators edit, each label in Arabic and in English.

Rows are never deleted once used (``on_delete=PROTECT`` everywhere they are
referred to); an obsolete entry is made inactive and disappears from forms
while old records keep it.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TaxonomyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Taxonomy(models.Model):
    """An entry of a vocabulary: a stable code for data and imports, two labels for people."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_en = models.CharField(_("English label"), max_length=120)
    label_ar = models.CharField(_("Arabic label"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position in lists"), default=0)
    is_active = models.BooleanField(_("offered in forms"), default=True)

    objects = TaxonomyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The label in the language of the request (English when none is active)."""
        return self.label_ar if (get_language() or "en").startswith("ar") else self.label_en


class ViolationType(Taxonomy):
    """What was done: the violation taxonomy of PRODUCT.md section 3 (first level, extensible)."""

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )

    history = HistoricalRecords()

    class Meta(Taxonomy.Meta):
        verbose_name = _("violation type")
        verbose_name_plural = _("violation types")


class Platform(Taxonomy):
    """The platform or channel concerned; carries the target response time used for due dates."""

    response_days = models.PositiveSmallIntegerField(
        _("target response time (days)"),
        default=14,
        help_text=_("Days given to the platform to answer an escalation; halved when the matter is urgent."),
    )

    history = HistoricalRecords()

    class Meta(Taxonomy.Meta):
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")


class ActorType(Taxonomy):
    """The kind of responsible body: police, court, ministry, ISP, platform company…"""

    history = HistoricalRecords()

    class Meta(Taxonomy.Meta):
        verbose_name = _("actor type")
        verbose_name_plural = _("actor types")


class Profession(Taxonomy):
    """The affected person's profession or status (journalist, blogger, defender…)."""

    history = HistoricalRecords()

    class Meta(Taxonomy.Meta):
        verbose_name = _("profession")
        verbose_name_plural = _("professions")


class Outcome(Taxonomy):
    """How an act ended (content restored, released, sentenced…)."""

    history = HistoricalRecords()

    class Meta(Taxonomy.Meta):
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
