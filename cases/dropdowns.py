"""The choices of the case list's drop-downs, read from the cache.

Finding the actors, tags and officers used on the cases a user may see costs
the database more to plan than to run: several milliseconds on every page of
the list, for lists that change slowly. Each user's lists are kept for
``SCOPED_SECONDS`` (and the HTML made of them as long again) under a key that names what the user sees — all cases, the
sensitivity levels of a role-wide reader, or the exact set of cases shared
with a partner — so a share revoked, a clearance lowered or a role changed
takes effect at the next page. What the minute can delay: a value newly used
on a case appears within it, and a value the user stopped seeing (an
assignment to a restricted case ended) stays in the list for the rest of it;
choosing such a value finds no case the user may not see, since the list
itself is always filtered by ``case_list_visible``.

The taxonomies (violation types, platforms, professions) are the same for
everyone and are kept until an administrator changes one.
"""

import hashlib

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from cases import selectors
from cases.models import Platform, Profession, ViolationType

# The HTML made of them (``fragment_key``) is kept as long again: a change shows within a minute.
SCOPED_SECONDS = 30
# A backstop for changes that send no signal (a bulk update in the admin's shell).
TAXONOMY_SECONDS = 3600
TAXONOMIES = (ViolationType, Platform, Profession)

# Each entry: (value, English label, Arabic label); the label shown follows the active language.
Entries = list[tuple[str, str, str]]


def _localised(entries: Entries) -> list[tuple[str, str]]:
    arabic = (get_language() or "en").startswith("ar")
    return [
        (value, (label_ar or label_en) if arabic else (label_en or label_ar)) for value, label_en, label_ar in entries
    ]


def _taxonomy_key(model) -> str:
    return f"cases:dropdown:{model._meta.model_name}"


def _taxonomy(model) -> list[tuple[int, str, str, str]]:
    entries = cache.get(_taxonomy_key(model))
    if entries is None:
        entries = list(model.objects.order_by("position", "code").values_list("pk", "code", "label_en", "label_ar"))
        cache.set(_taxonomy_key(model), entries, TAXONOMY_SECONDS)
    return entries


def taxonomy_choices(model) -> list[tuple[str, str]]:
    """(code, label) of every entry, inactive ones included: old cases keep them and are found by them."""
    return _localised([(code, label_en, label_ar) for _pk, code, label_en, label_ar in _taxonomy(model)])


def taxonomy_id(model, code: str) -> int | None:
    """The row of a code, so that filters compare keys rather than join the taxonomy on every case."""
    return next((pk for pk, entry_code, _en, _ar in _taxonomy(model) if entry_code == code), None)


TAXONOMY_VERSION_KEY = "cases:dropdown:taxonomy-version"


@receiver(post_save)
@receiver(post_delete)
def _taxonomy_changed(sender, **kwargs):
    if sender in TAXONOMIES:
        cache.delete(_taxonomy_key(sender))
        cache.delete(TAXONOMY_VERSION_KEY)


def fragment_key(name: str, user) -> str:
    """A key for HTML made of this user's drop-downs in the active language: it changes when the
    user's scope or a taxonomy changes; an entry kept ``SCOPED_SECONDS`` is no older than they are."""
    version = cache.get(TAXONOMY_VERSION_KEY)
    if version is None:
        version = hashlib.sha256(repr([_taxonomy(model) for model in TAXONOMIES]).encode()).hexdigest()[:16]
        cache.set(TAXONOMY_VERSION_KEY, version, TAXONOMY_SECONDS)
    return f"cases:fragment:{name}:{user.pk}:{scope(user)}:{get_language() or 'en'}:{version}"


def scope(user) -> str:
    """What the user sees, as a key: equal keys, equal drop-downs."""
    if not user.is_authenticated or not user.is_active:
        return "nothing"
    if selectors.sees_everything(user):
        return "everything"
    if user.has_perm(selectors.VIEW):
        return "levels-" + "-".join(sorted(selectors.readable_sensitivities(user)))
    shared = ",".join(str(case_id) for case_id in sorted(selectors.shared_case_ids(user)))
    return "shares-" + hashlib.sha256(shared.encode()).hexdigest()


def _scoped(kind: str, user, entries) -> list[tuple[str, str]]:
    key = f"cases:dropdown:{kind}:{user.pk}:{scope(user)}"
    cached = cache.get(key)
    if cached is None:
        cached = entries()
        cache.set(key, cached, SCOPED_SECONDS)
    return _localised(cached)


def actor_choices(user) -> list[tuple[str, str]]:
    return _scoped(
        "actors",
        user,
        lambda: [
            (str(pk), name_en, name_ar)
            for pk, name_en, name_ar in selectors.actors_visible(user).values_list("pk", "name_en", "name_ar")
        ],
    )


def tag_choices(user) -> list[tuple[str, str]]:
    return _scoped(
        "tags",
        user,
        lambda: [(str(pk), name, name) for pk, name in selectors.tags_visible(user).values_list("pk", "name")],
    )


def officer_choices(user) -> list[tuple[str, str]]:
    return _scoped(
        "officers",
        user,
        lambda: [
            (str(pk), username, username)
            for pk, username in selectors.assigned_officers_visible(user).values_list("pk", "username")
        ],
    )


PARTNERS_KEY = "cases:dropdown:partners"


def partner_choices() -> list[tuple[int, str]]:
    """The active legal partners (id, username) a case can be shared with, kept until a user or a
    role membership changes. Sharing itself checks the choice against the database."""
    entries = cache.get(PARTNERS_KEY)
    if entries is None:
        entries = list(selectors.legal_partners().values_list("pk", "username"))
        cache.set(PARTNERS_KEY, entries, TAXONOMY_SECONDS)
    return entries


def _forget_partners(**kwargs) -> None:
    cache.delete(PARTNERS_KEY)


post_save.connect(_forget_partners, sender=get_user_model(), dispatch_uid="cases.partners.saved")
post_delete.connect(_forget_partners, sender=get_user_model(), dispatch_uid="cases.partners.deleted")
m2m_changed.connect(_forget_partners, sender=get_user_model().groups.through, dispatch_uid="cases.partners.roles")
