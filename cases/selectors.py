"""Reads of cases, always scoped to the user who asks.

Who sees what (PRODUCT.md section 1):

- administrators (``view_restricted_case``) see every case;
- documentation officers see every case that is not restricted, and the
  restricted ones they are assigned to;
- advocacy officers read within their sensitivity clearance (normal cases
  only unless an administrator raised it to sensitive, see
  ``SensitivityClearance``), and restricted cases only if assigned;
- legal partners, and anyone else, see only the cases shared with them one
  by one (guardian object permissions, never global ones).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from casebook.compiled import CompiledExists
from casebook.roles import Role
from cases.choices import Sensitivity
from cases.models import (
    Actor,
    Case,
    CaseLink,
    CaseUserObjectPermission,
    ContentItem,
    ContentStatusChange,
    Escalation,
    EscalationItem,
    Intervention,
    LegalReviewNote,
    Person,
    SensitivityClearance,
    Tag,
    Violation,
)
from cases.panels import panel_rows

VIEW = "cases.view_case"


def shared_case_ids(user) -> list[int]:
    """The cases shared with the user one by one (object permissions, never global ones).

    Read once per request for the user of a request (the list and each of its drop-downs ask);
    any other user object is read afresh every time.
    """
    if getattr(user, "casebook_request_scoped", False) and hasattr(user, "_casebook_shared_ids"):
        return user._casebook_shared_ids
    shared = CaseUserObjectPermission.objects.filter(
        user=user, permission__codename="view_case", permission__content_type__app_label="cases"
    )
    ids = list(shared.values_list("content_object_id", flat=True))
    if getattr(user, "casebook_request_scoped", False):
        user._casebook_shared_ids = ids
    return ids


def _shared_with(user) -> QuerySet[Case]:
    """The identifiers are read first (a partner holds tens or hundreds of shares): a literal
    ``id IN (...)`` lets the database start from those few rows, where guardian's subquery
    (user OR group permissions) made it walk every case of the organisation in date order.
    """
    return Case.objects.filter(pk__in=shared_case_ids(user))


def readable_sensitivities(user) -> list[str]:
    """The sensitivity levels a role-wide reader sees without being assigned (restricted never)."""
    if user.has_perm("cases.change_case"):
        return [Sensitivity.NORMAL, Sensitivity.SENSITIVE]
    if not hasattr(user, "_casebook_clearance"):
        level = SensitivityClearance.objects.filter(user=user).values_list("level", flat=True).first()
        user._casebook_clearance = level or Sensitivity.NORMAL
    if user._casebook_clearance == Sensitivity.SENSITIVE:
        return [Sensitivity.NORMAL, Sensitivity.SENSITIVE]
    return [Sensitivity.NORMAL]


def sees_everything(user) -> bool:
    return user.is_superuser or user.has_perm("cases.view_restricted_case")


def _assigned(user) -> QuerySet:
    """The user's assignment to the outer case, looked up case by case.

    The case id is compared as a range of one value, not with ``=``: PostgreSQL
    turns a correlated equality into a hash of every assignment of the user,
    built before the first row is returned (50,000 assignments at a million
    cases: 11 ms on every page, and again for the count). A range keeps it a
    probe of the (case, user) index for each restricted case the page looks at.
    """
    return Case.assigned_officers.through.objects.filter(
        case_id__gte=OuterRef("pk"), case_id__lte=OuterRef("pk"), user_id=user.pk
    )


def case_list_visible(*, user, archived: bool | None = None) -> QuerySet[Case]:
    """Every case the user may see; ``archived`` True or False keeps only archived or live cases."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    if sees_everything(user):
        cases = Case.objects.all()
    elif user.has_perm(VIEW):
        cases = Case.objects.filter(Q(sensitivity__in=readable_sensitivities(user)) | Q(Exists(_assigned(user))))
    else:
        cases = _shared_with(user)
    if archived is not None:
        cases = cases.filter(archived_at__isnull=not archived)
    return cases


def case_get_for_user(user, reference: str, perm: str | None = None) -> Case:
    """The case with this reference, for a user who may ``perm`` (a permission name) on it.

    Raises Http404 for missing and for hidden cases alike, then PermissionDenied when the
    case is visible but the user lacks ``perm``: the one check a view makes before any work.
    """
    try:
        case = case_list_visible(user=user).get(reference=reference)
    except Case.DoesNotExist:
        raise Http404 from None
    if perm is not None and not user.has_perm(perm):
        raise PermissionDenied
    return case


def may_see_personal_data(user) -> bool:
    """Names and contact details of persons, personal search and personal export columns."""
    return user.has_perm("cases.view_personal_data")


def case_list_violations(*, case_ids: list[int]) -> dict[int, list[tuple[str, str, str, str]]]:
    """The violations of a page of the list, for its chips: per case, in the case page's order,
    (type in English, in Arabic, platform in English, in Arabic; empty without a platform).

    Plain values in one query: the list shows a hundred rows and needs four labels from each.
    """
    chips: dict[int, list[tuple[str, str, str, str]]] = {case_id: [] for case_id in case_ids}
    rows = (
        Violation.objects.filter(case_id__in=case_ids)
        .order_by("case_id", "date", "created_at", "id")
        .values_list(
            "case_id",
            "violation_type__label_en",
            "violation_type__label_ar",
            "platform__label_en",
            "platform__label_ar",
        )
    )
    for case_id, type_en, type_ar, platform_en, platform_ar in rows:
        chips[case_id].append((type_en, type_ar, platform_en or "", platform_ar or ""))
    return chips


# --- What the case page shows -----------------------------------------------------------


# The case page's own lists, by section name: each a queryset of the case's rows (``case_id`` given).
CASE_SECTIONS = {
    "persons": lambda case_id: Person.objects.filter(case_id=case_id),
    "violations": lambda case_id: Violation.objects.filter(case_id=case_id),
    "interventions": lambda case_id: Intervention.objects.filter(case_id=case_id),
    "review_notes": lambda case_id: LegalReviewNote.objects.filter(case_id=case_id),
    "links_from": lambda case_id: CaseLink.objects.filter(from_case_id=case_id),
    "links_to": lambda case_id: CaseLink.objects.filter(to_case_id=case_id),
    "tags": lambda case_id: Case.tags.through.objects.filter(case_id=case_id),
    "assigned_officers": lambda case_id: Case.assigned_officers.through.objects.filter(case_id=case_id),
    "shares": lambda case_id: CaseUserObjectPermission.objects.filter(content_object_id=case_id),
}
_sections_query: tuple[tuple, CompiledExists] | None = None


def case_sections_present(*, case: Case) -> frozenset[str]:
    """Which of the case page's lists (and registered panels, ``cases.panels``) have at least one
    row, asked in one query whose SQL is built once (again only if a panel registers later).

    Most cases have no linked case, review note, intervention, tag, assigned officer, share,
    content item, evidence or document; the page reads only the lists that have rows instead of
    asking for each one in turn.
    """
    global _sections_query
    sections = {**CASE_SECTIONS, **panel_rows()}
    key = tuple(sections.items())
    if _sections_query is None or _sections_query[0] != key:
        _sections_query = (key, CompiledExists(Case, sections))
    present = set(_sections_query[1].present(case.pk))
    if present & {"links_from", "links_to"}:
        present.add("links")
    return frozenset(present)


def case_persons(*, case: Case) -> QuerySet[Person]:
    return case.persons.select_related("profession").order_by("created_at", "id")


def case_violations(*, case: Case) -> QuerySet[Violation]:
    return (
        case.violations.select_related("violation_type", "platform", "outcome")
        .prefetch_related("actors", "affected_persons")
        .order_by("date", "created_at", "id")
    )


def case_interventions(*, case: Case) -> QuerySet[Intervention]:
    return case.interventions.select_related("platform", "violation__violation_type", "created_by").order_by(
        "sent_on", "created_at", "id"
    )


def case_review_notes(*, case: Case) -> QuerySet[LegalReviewNote]:
    return case.review_notes.select_related("author").order_by("created_at", "id")


def case_links_visible(*, case: Case, user) -> list[tuple[CaseLink, Case]]:
    """Linked cases the user may also see; a link to a hidden case is not shown at all."""
    links = list(
        CaseLink.objects.filter(Q(from_case=case) | Q(to_case=case))
        .select_related("from_case", "to_case")
        .order_by("created_at", "id")
    )
    if not links:
        # Most cases have none: no visibility query to build for an empty panel.
        return []
    pairs = [(link, link.to_case if link.from_case_id == case.pk else link.from_case) for link in links]
    visible = set(
        case_list_visible(user=user).filter(pk__in={other.pk for _link, other in pairs}).values_list("pk", flat=True)
    )
    return [(link, other) for link, other in pairs if other.pk in visible]


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


def officers():
    return (
        get_user_model()
        .objects.filter(groups__name__in=[Role.OFFICER, Role.ADMINISTRATOR], is_active=True)
        .distinct()
        .order_by("username")
    )


# --- Filter drop-downs: only values found on cases the user may see ------------------------


def _used_on_visible_case(user, links: QuerySet, prefix: str):
    """``Exists`` over ``links`` (rows tying a value to a case through ``prefix``) restricted to visible cases.

    Written as separate ``Exists`` for each way a case can be visible, so that each stops at its
    first matching row instead of joining every case of the organisation.
    """
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if sees_everything(user):
        return Exists(links)
    if user.has_perm(VIEW):
        levels = readable_sensitivities(user)
        return Exists(links.filter(**{f"{prefix}sensitivity__in": levels})) | Exists(
            links.filter(**{f"{prefix}assigned_officers": user})
        )
    return Exists(
        links.filter(
            **{
                f"{prefix}caseuserobjectpermission__user": user,
                f"{prefix}caseuserobjectpermission__permission__codename": "view_case",
            }
        )
    )


def actors_visible(user) -> QuerySet[Actor]:
    links = Violation.actors.through.objects.filter(actor_id=OuterRef("pk"))
    return Actor.objects.filter(_used_on_visible_case(user, links, "violation__case__")).order_by(
        "name_en", "name_ar", "id"
    )


def tags_visible(user) -> QuerySet[Tag]:
    links = Case.tags.through.objects.filter(tag_id=OuterRef("pk"))
    return Tag.objects.filter(_used_on_visible_case(user, links, "case__")).order_by("name")


def assigned_officers_visible(user):
    """Role-wide readers choose among the organisation's officers (the staff list they know anyway;
    scoping it through the cases cost a scan of every assignment of an officer with many
    restricted cases). Everyone else: only officers assigned to a case they see."""
    if user.is_authenticated and user.is_active and (sees_everything(user) or user.has_perm(VIEW)):
        return officers()
    links = Case.assigned_officers.through.objects.filter(user_id=OuterRef("pk"))
    return get_user_model().objects.filter(_used_on_visible_case(user, links, "case__")).order_by("username")


# --- Content items and escalations --------------------------------------------------------


def content_items_visible(*, user) -> QuerySet[ContentItem]:
    """Items of live cases the user may see (an archived case's items are out of the work lists)."""
    return ContentItem.objects.filter(case__in=case_list_visible(user=user, archived=False))


def content_item_get_for_user(user, reference: str, pk: int) -> ContentItem:
    """The item of this case; Http404 for a missing item and for a hidden case alike."""
    case = case_get_for_user(user, reference)
    try:
        return case.content_items.select_related("platform").get(pk=pk)
    except ContentItem.DoesNotExist:
        raise Http404 from None


def case_content_items(*, case: Case) -> QuerySet[ContentItem]:
    return case.content_items.select_related("platform").order_by("created_at", "id")


def content_status_history(*, item: ContentItem) -> QuerySet[ContentStatusChange]:
    return item.status_changes.select_related("recorded_by").order_by("-on", "-recorded_at", "-id")


def escalations_visible(*, user) -> QuerySet[Escalation]:
    """Escalations holding at least one item of a case the user may see.

    An escalation may gather items of several cases; a user who sees only some
    of them sees the escalation with those items only (``escalation_entries``).
    """
    visible_items = EscalationItem.objects.filter(
        escalation_id=OuterRef("pk"), item__case__in=case_list_visible(user=user), item__removed_at__isnull=True
    )
    return Escalation.objects.filter(Exists(visible_items))


def escalation_get_for_user(user, pk: int) -> Escalation:
    try:
        return escalations_visible(user=user).select_related("platform").get(pk=pk)
    except Escalation.DoesNotExist:
        raise Http404 from None


def escalation_entries(*, escalation: Escalation, user) -> QuerySet[EscalationItem]:
    """The escalation's items that the user may see, with their case and platform."""
    return (
        escalation.entries.filter(item__case__in=case_list_visible(user=user), item__removed_at__isnull=True)
        .select_related("item__case", "item__platform")
        .order_by("item__case__reference", "item_id")
    )


def cases_without_platform_consent(*, case_ids) -> list[str]:
    """References of these cases where an affected person has not consented to the case being
    raised with a platform (the rule the platform documents apply, for the escalation CSV too)."""
    from cases.choices import ConsentStatus, PersonRole

    missing = Person.objects.filter(case_id__in=list(case_ids), role=PersonRole.AFFECTED).exclude(
        consent_platform_status=ConsentStatus.GIVEN
    )
    return sorted(set(missing.values_list("case__reference", flat=True)))
