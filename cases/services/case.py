"""Writes to cases: each checks the permission, validates, saves and records who did it, in one transaction."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from casebook.audit import Action, record
from casebook.roles import Role, has_role
from cases.choices import Sensitivity, Status, country_name
from cases.models import Case, CaseLink, ContentItem, LegalReviewNote, Person, ReferenceCounter, Violation
from cases.names import may_be_named, name_matcher
from cases.reasons import reason_code
from cases.search import normalise, title_key
from cases.validation import normalise_partial

# Who may move a case from one status to another: (from, to) → permission.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.INTAKE, Status.UNDER_VERIFICATION): "cases.change_case",
    (Status.UNDER_VERIFICATION, Status.INTAKE): "cases.change_case",
    (Status.UNDER_VERIFICATION, Status.VERIFIED): "cases.change_case",
    (Status.VERIFIED, Status.UNDER_VERIFICATION): "cases.change_case",
    (Status.VERIFIED, Status.ESCALATED): "cases.change_case",
    (Status.VERIFIED, Status.CLOSED): "cases.change_case",
    (Status.ESCALATED, Status.CLOSED): "cases.change_case",
    (Status.INTAKE, Status.CLOSED): "cases.change_case",
    (Status.CLOSED, Status.UNDER_VERIFICATION): "cases.reopen_case",
}


def allowed_transitions(*, user, case: Case) -> list[str]:
    """The statuses this user may move this case to now."""
    if case.is_archived:
        return []
    return [to for (origin, to), perm in TRANSITIONS.items() if origin == case.status and user.has_perm(perm)]


def _next_reference(year: int) -> str:
    """The next ``DR-YYYY-NNNN``; unique even when cases are created at the same moment."""
    return _reserve_references(year, 1)[0]


def _reserve_references(year: int, count: int) -> list[str]:
    """The next ``count`` references of the year, in sequence, with no gap between them.

    The counter row is incremented with a single UPDATE, which holds the row
    lock (PostgreSQL) or the write lock (SQLite) until the transaction ends.
    """
    try:
        with transaction.atomic():
            ReferenceCounter.objects.get_or_create(year=year)
    except IntegrityError:
        pass  # created by a concurrent request a moment ago
    ReferenceCounter.objects.filter(year=year).update(last_number=F("last_number") + count)
    last = ReferenceCounter.objects.values_list("last_number", flat=True).get(year=year)
    return [f"DR-{year}-{number:04d}" for number in range(last - count + 1, last + 1)]


def _labels(item) -> list[str]:
    return [item.label_en, item.label_ar] if item is not None else []


# What ``case_refresh_search`` computes from the rest of the case.
DERIVED_COLUMNS = ("search_text", "people_search_text", "search_prefixes", "title_key", "title_translation_key")


def search_texts(case: Case) -> tuple[str, str]:
    """The two search columns of a case: what any reader may search, and the personal data.

    Names, affiliations and content handles go to the second column, searched
    only for users who may see personal data. A content item's URL and platform id
    are public addresses and go to the first, like any text with the persons'
    spellings taken out; its author handle is a person's name as the platform shows it.
    """
    violations = Violation.objects.filter(case=case).select_related("violation_type", "platform", "outcome")
    return search_texts_of(
        case,
        tags=[tag.name for tag in case.tags.all()],
        acts=[(violation, list(violation.actors.all())) for violation in violations.prefetch_related("actors")],
        persons=list(Person.objects.filter(case=case).select_related("profession")),
        content=list(ContentItem.objects.filter(case=case).values_list("url", "content_id", "author_handle")),
    )


def search_texts_of(
    case: Case,
    *,
    tags: list[str],
    acts: list[tuple[Violation, list]],
    persons: list[Person],
    content: list[tuple[str, str, str]] = (),
):
    """``search_texts`` from what the caller holds: tag names, (act, its actors) pairs, the
    persons and the content items' (URL, content id, author handle), live ones only (as
    ``search_texts`` reads them)."""
    general = [case.reference, case.title, case.title_translation, case.narrative, case.narrative_translation]
    general += [case.place, case.country.code]
    general += [country_name(case.country.code, language) for language in ("en", "ar")]
    general += tags
    personal: list[str] = []
    for violation, actors in acts:
        general += _labels(violation.violation_type) + _labels(violation.platform) + _labels(violation.outcome)
        general += [violation.legal_basis, violation.stated_reason, violation.description]
        general += [name for actor in actors for name in (actor.name_en, actor.name_ar)]
        personal.append(violation.content_concerned)
    for url, content_id, handle in content:
        general += [url, content_id]
        personal.append(handle)
    for person in persons:
        general += [person.pseudonym, *_labels(person.profession)]
        personal += [*person.spellings, person.affiliation]
    # A name typed in the narrative is searchable only by those who may read names: the general
    # column holds the text with every spelling of the case's persons taken out.
    general_text = " ".join(filter(None, general))
    for person in persons:
        if may_be_named(person.spellings, general_text):
            general_text, _count = name_matcher(person.spellings).replace(general_text, " ")
    return normalise(general_text), normalise(" ".join(filter(None, personal)))


def set_title_keys(case: Case) -> None:
    """The keys by which an import recognises the case: its title, or its translation, with its
    country and start date."""
    country, start = case.country.code, case.start_date
    case.title_key = title_key(case.title, country, start)
    case.title_translation_key = title_key(case.title_translation, country, start)


def case_refresh_search(*, case: Case) -> None:
    """Recompute the search columns and the title keys; they are not part of the history, so no
    version is added. Every service that changes a case's text ends with this."""
    case.search_text, case.people_search_text = search_texts(case)
    set_title_keys(case)
    case.skip_history_when_saving = True
    try:
        case.save(update_fields=[*DERIVED_COLUMNS])
    finally:
        del case.skip_history_when_saving


def _normalise_dates(fields: dict) -> None:
    for name in ("start_date", "end_date"):
        if name in fields and f"{name}_precision" in fields:
            fields[name] = normalise_partial(fields[name], fields[f"{name}_precision"])


def _check_writable(case: Case) -> None:
    if case.is_archived:
        raise ValidationError(_("This case is archived; restore it before changing it."))


@transaction.atomic
def case_create(*, actor, tags=(), assigned_officers=None, **fields) -> Case:
    """A new case with the next reference; an officer who creates a case is assigned to it."""
    if not actor.has_perm("cases.add_case"):
        raise PermissionDenied
    if fields.get("status", Status.INTAKE) != Status.INTAKE and not actor.has_perm("cases.change_case"):
        raise PermissionDenied
    fields.setdefault("sensitivity", settings.CASEBOOK_DEFAULT_SENSITIVITY)
    _normalise_dates(fields)
    case = Case(created_by=actor, **fields)
    case.full_clean(exclude=["reference"])
    case.reference = _next_reference(timezone.now().year)
    case._history_user = actor
    case.save()
    officers = list(assigned_officers or [])
    if has_role(actor, Role.OFFICER) and actor not in officers:
        officers.append(actor)
    if officers:
        case.assigned_officers.set(officers)
    if tags:
        case.tags.set(tags)
    case_refresh_search(case=case)
    record(actor=actor, action=Action.CASE_CREATED, case=case)
    return case


@transaction.atomic
def case_update(*, actor, case: Case, tags=None, assigned_officers=None, **fields) -> Case:
    """Change the case's own fields; the status changes only through ``case_transition``."""
    if not actor.has_perm("cases.change_case"):
        raise PermissionDenied
    _check_writable(case)
    _normalise_dates(fields)
    if "status" in fields and fields["status"] != case.status:
        raise ValidationError({"status": _("Change the status with the workflow buttons.")})
    changed = [name for name, value in fields.items() if getattr(case, name) != value]
    for name, value in fields.items():
        setattr(case, name, value)
    case.full_clean()
    case._history_user = actor
    case.save()
    if tags is not None and set(tags) != set(case.tags.all()):
        case.tags.set(tags)
        changed.append("tags")
    if assigned_officers is not None and set(assigned_officers) != set(case.assigned_officers.all()):
        case.assigned_officers.set(assigned_officers)
        changed.append("assigned_officers")
    case_refresh_search(case=case)
    # The case form saves the case with its persons and acts: a save that changes only those is
    # audited as their change, not the case's. Field names only: the log never holds the case's text.
    if changed:
        record(actor=actor, action=Action.CASE_CHANGED, case=case, detail={"fields": sorted(changed)})
    return case


@transaction.atomic
def case_transition(*, actor, case: Case, status: str, note: str = "") -> Case:
    """Move the case along the workflow; refuses a move the workflow or the user's role does not allow."""
    if not actor.has_perm("cases.change_case") and not actor.has_perm("cases.reopen_case"):
        raise PermissionDenied
    permission = TRANSITIONS.get((case.status, status))
    if permission is None or case.is_archived:
        raise ValidationError(
            _("A case cannot go from “%(origin)s” to “%(target)s”.")
            % {"origin": case.get_status_display(), "target": Status(status).label if status in Status else status}
        )
    if not actor.has_perm(permission):
        raise PermissionDenied
    origin = case.status
    case.status = status
    case.full_clean()
    case._history_user = actor
    case._change_reason = note[:100] if note else None
    case.save()
    # The statuses are codes; the note is the case's text and stays in its history only.
    record(actor=actor, action=Action.CASE_STATUS_CHANGED, case=case, detail={"from": origin, "to": status})
    return case


@transaction.atomic
def case_archive(*, actor, case: Case, reason: str) -> Case:
    """Take a case out of the lists, with the reason; nothing is deleted and it can be restored."""
    if not actor.has_perm("cases.archive_case"):
        raise PermissionDenied
    if case.is_archived:
        raise ValidationError(_("This case is already archived."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case is archived.")})
    case.archived_at = timezone.now()
    case.archived_by = actor
    case.archive_reason = reason.strip()
    case._history_user = actor
    case._change_reason = reason_code("archived")
    case.save()
    record(actor=actor, action=Action.CASE_ARCHIVED, case=case)
    return case


@transaction.atomic
def case_unarchive(*, actor, case: Case) -> Case:
    if not actor.has_perm("cases.archive_case"):
        raise PermissionDenied
    if not case.is_archived:
        raise ValidationError(_("This case is not archived."))
    case.archived_at = None
    case.archived_by = None
    case.archive_reason = ""
    case._history_user = actor
    case._change_reason = reason_code("unarchived")
    case.save()
    record(actor=actor, action=Action.CASE_RESTORED, case=case)
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
    if case.sensitivity == Sensitivity.RESTRICTED and not (
        actor.has_perm("cases.view_restricted_case") or case.assigned_officers.filter(pk=actor.pk).exists()
    ):
        raise PermissionDenied
    assign_perm("cases.view_case", partner, case)
    record(actor=actor, action=Action.CASE_SHARED, case=case, target=partner)


@transaction.atomic
def case_revoke(*, actor, case: Case, partner) -> None:
    """Withdraw a partner's access; takes effect on the partner's next request."""
    if not actor.has_perm("cases.share_case"):
        raise PermissionDenied
    remove_perm("cases.view_case", partner, case)
    record(actor=actor, action=Action.CASE_REVOKED, case=case, target=partner)


@transaction.atomic
def case_link(*, actor, case: Case, other: Case, kind: str, note: str = "") -> CaseLink:
    """Link two cases (the caller has checked that the actor sees both)."""
    if not actor.has_perm("cases.change_case"):
        raise PermissionDenied
    if other.pk == case.pk:
        raise ValidationError(_("A case cannot be linked to itself."))
    _check_writable(case)
    if other.is_archived:
        raise ValidationError(_("The other case is archived; restore it before linking it."))
    first, second = sorted([case, other], key=lambda item: item.pk)
    if CaseLink.objects.filter(from_case=first, to_case=second).exists():
        raise ValidationError(_("These cases are already linked."))
    link = CaseLink(from_case=first, to_case=second, kind=kind, note=note, created_by=actor)
    link.full_clean()
    link._history_user = actor
    link.save()
    record(actor=actor, action=Action.CASE_LINKED, case=case, target=link, detail={"other": other.reference})
    return link


@transaction.atomic
def legal_review_add(*, actor, case: Case, text: str) -> LegalReviewNote:
    """A legal review note on a case the actor sees (checked by the caller's access helper)."""
    if not actor.has_perm("cases.add_legal_review"):
        raise PermissionDenied
    _check_writable(case)
    note = LegalReviewNote(case=case, text=text.strip(), author=actor)
    note.full_clean()
    note._history_user = actor
    note.save()
    record(actor=actor, action=Action.LEGAL_REVIEW_ADDED, case=case, target=note)
    return note
