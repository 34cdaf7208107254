"""A takedown log through the spreadsheet import: one row per content item, its rows grouped into cases.

A row with a content URL becomes a content item of its group's case, on the
platform of the row's Platform column, with its status as the sheet states it
and on whose word (a platform notice, a user report, a check by the team; the
import itself when the sheet does not say). The items of a batch are written
together, by ``case_create_many`` for the new cases and ``content_write_many``
for the recorded ones: what ``content_item_save`` and ``content_status_record``
would write one by one.

An item is found again by its platform's id, or without one by its URL: a
second import of the same file finds every item as it is and writes nothing,
and a group whose sheet gives no id of its own finds its case through the
items already recorded there.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.choices import ContentKind, StatusSource
from cases.models import Case, ContentItem, ContentStatusChange
from cases.services import ItemWrite, StatusStatement, case_refresh_search, content_write_many, local_today
from imports import fields as catalogue

# Sheet column → the item's field.
ITEM_FIELDS = {
    "content_url": "url",
    "content_kind": "kind",
    "content_id": "content_id",
    "author_handle": "author_handle",
    "content_published_on": "published_on",
    "content_removed_on": "removed_on",
    "content_reason": "stated_reason",
    "content_policy": "policy",
    "content_statement_of_reasons_id": "statement_of_reasons_id",
}
COLUMN_OF_FIELD = {name: key for key, name in ITEM_FIELDS.items()}
DATES = ("content_published_on", "content_removed_on", "content_status_on")
# Columns no list of cases has: a sheet with one of them is a takedown log.
LOG_MARKERS = {key for key in catalogue.BY_KEY if key.startswith("content_")} | {"author_handle"}
# Headers that name something else in a takedown log than in a list of cases (by their normalised words).
IN_A_LOG = {
    **dict.fromkeys(("url", "link", "post", "post url", "content", "الرابط", "المنشور"), "content_url"),
    **dict.fromkeys(("status", "الحاله"), "content_status"),
    **dict.fromkeys(("reason", "stated reason", "السبب"), "content_reason"),
    **dict.fromkeys(("policy", "السياسه"), "content_policy"),
    **dict.fromkeys(("handle", "account", "الحساب"), "author_handle"),
    **dict.fromkeys(("removal date", "تاريخ الحذف"), "content_removed_on"),
}


@dataclass
class ItemRow:
    """One content item as its rows describe it (a later row of the same item adds its status)."""

    row: int
    platform: object  # a Platform, or a NewEntry an administrator confirmed
    fields: dict
    statements: list[StatusStatement] = field(default_factory=list)  # as the sheet states them

    @property
    def identity(self) -> tuple:
        return item_identity(self.platform, self.fields.get("content_id", ""), self.fields["url"])

    @property
    def label(self) -> str:
        kind = self.fields.get("kind")
        parts = [str(ContentKind(kind).label) if kind else "", _platform_label(self.platform)]
        return " · ".join(filter(None, [*parts, self.fields.get("content_id") or self.fields["url"]]))


def _platform_label(platform) -> str:
    return getattr(platform, "text", None) or str(platform)


def _platform_key(platform):
    """A platform's pk (given as such or as the entry), or for one not yet created its text."""
    if isinstance(platform, int):
        return platform
    return getattr(platform, "pk", None) or ("new", _platform_label(platform))


def item_identity(platform, content_id: str, url: str) -> tuple:
    """The platform's id of the content where there is one, else the URL without its trailing slash."""
    if content_id:
        return ("id", _platform_key(platform), content_id.strip())
    return url_identity(url)


def url_identity(url: str) -> tuple:
    return ("url", url.strip().rstrip("/"))


# --- Suggestions ---------------------------------------------------------------------------


def adjust_suggestions(header: list[str], suggested: dict[str, str]) -> None:
    """In a takedown log, "URL", "Status", "Reason" and the like describe the content item, not the case."""
    if not LOG_MARKERS & set(suggested.values()):
        return
    for index, title in enumerate(header):
        meant = IN_A_LOG.get(catalogue.header_key(title))
        if meant and meant not in suggested.values():
            suggested[str(index)] = meant


def is_log(keys) -> bool:
    """A mapping that makes content items: its cases may take their title from them."""
    return "content_url" in set(keys)


# --- Reading rows -----------------------------------------------------------------------------


def read_items(planner, draft, read: list[tuple[int, dict]]) -> None:
    """The content items of a group's rows, each problem placed on its row and column."""
    if "content_url" not in planner.mapped:
        return
    today = local_today()
    by_identity: dict[tuple, ItemRow] = {}
    for number, values in read:
        url = values.get("content_url")
        if not url:
            continue
        platforms = values.get("platform") or []
        platform_column = planner.column_of("platform")
        if not platforms:
            if not any(problem.row == number and problem.column == platform_column for problem in draft.problems):
                _problem(draft, planner, number, "platform", _("A content item needs its platform."))
            continue
        fields = {}
        for key, name in ITEM_FIELDS.items():
            if key in values:
                fields[name] = values[key][0] if key in DATES else values[key]
        status_on = values["content_status_on"][0] if "content_status_on" in values else None
        if not _valid(planner, draft, number, fields, status_on, today=today):
            continue
        item = ItemRow(row=number, platform=platforms[0], fields=fields)
        known = by_identity.setdefault(item.identity, item)
        if "content_status" in values:
            source = values.get("content_status_source", StatusSource.IMPORT)
            known.statements.append(StatusStatement(values["content_status"], status_on, source))
    draft.items = list(by_identity.values())


def _problem(draft, planner, row: int, key: str, message: str) -> None:
    from imports.plan import Problem

    draft.problems.append(Problem(row, planner.column_of(key) or str(catalogue.BY_KEY[key].label), message))


def _valid(planner, draft, row: int, fields: dict, status_on: date | None, *, today: date) -> bool:
    """The model's rules (a URL that is one, lengths, choices) and the dates' order, on their columns."""
    before = len(draft.problems)
    try:
        ContentItem(**fields).full_clean(exclude=["case", "created_by", "platform"], validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                _problem(draft, planner, row, COLUMN_OF_FIELD.get(name, "content_url"), message)
    for key, value in (
        ("content_published_on", fields.get("published_on")),
        ("content_removed_on", fields.get("removed_on")),
        ("content_status_on", status_on),
    ):
        if value and value > today:
            _problem(draft, planner, row, key, _("This date is in the future."))
    published = fields.get("published_on")
    if published and fields.get("removed_on") and fields["removed_on"] < published:
        _problem(draft, planner, row, "content_removed_on", _("The content cannot be removed before it was published."))
    if published and status_on and status_on < published:
        _problem(draft, planner, row, "content_status_on", _("This date is before the content was published."))
    return len(draft.problems) == before


# --- Against what is recorded ------------------------------------------------------------------


def _recorded_items(cases) -> dict[int, dict[tuple, ContentItem]]:
    """The live items of these cases by their identity, each with the (status, day) it was stated on."""
    found: dict[int, dict[tuple, ContentItem]] = defaultdict(dict)
    items = list(ContentItem.objects.filter(case__in=cases))
    stated = defaultdict(set)
    for item_id, status, on in ContentStatusChange.objects.filter(item__in=items).values_list(
        "item_id", "status", "on"
    ):
        stated[item_id].add((status, on))
    for item in items:
        item.stated = stated[item.pk]
        found[item.case_id][item_identity(item.platform_id, item.content_id, item.url)] = item
        found[item.case_id].setdefault(url_identity(item.url), item)
    return found


def match_cases(planner, drafts) -> None:
    """A group the sheet gives no case for finds the case its items are already recorded in;
    a new case with items and no title takes one from them."""
    from cases.selectors import case_list_visible

    unplaced = [
        draft
        for draft in drafts
        if draft.items and draft.existing is None and not draft.refused and not draft.reference
    ]
    if not unplaced:
        return
    urls = {item.fields["url"].strip() for draft in unplaced for item in draft.items}
    urls |= {url.rstrip("/") for url in urls} | {url.rstrip("/") + "/" for url in urls}
    ids = {item.fields["content_id"] for draft in unplaced for item in draft.items if item.fields.get("content_id")}
    candidates = ContentItem.objects.filter(case__in=case_list_visible(user=planner.user, archived=False))
    matches = candidates.filter(url__in=urls) | candidates.filter(content_id__in=ids)
    recorded = defaultdict(list)
    for item in matches.select_related("case"):
        recorded[item_identity(item.platform_id, item.content_id, item.url)].append(item.case)
        recorded[url_identity(item.url)].append(item.case)
    for draft in unplaced:
        for item in draft.items:
            cases = recorded.get(item.identity) or recorded.get(url_identity(item.fields["url"]))
            if cases:
                draft.existing = cases[0]
                break
        if draft.existing is None and not draft.case.get("title"):
            first = draft.items[0]
            handle = first.fields.get("author_handle", "")
            platform = _platform_label(first.platform)
            title = (
                _("Takedowns of %(handle)s on %(platform)s") % {"handle": handle, "platform": platform}
                if handle
                else _("Takedowns on %(platform)s") % {"platform": platform}
            )
            # A handle and a platform's name each fit their own fields; together they may not fit a title.
            draft.case["title"] = title[: Case._meta.get_field("title").max_length]


def compare(planner, drafts) -> None:
    """What each group would write to its items; a group whose case is otherwise unchanged is
    an update when one of its items is new or changed."""
    from imports import plan

    existing = [draft.existing for draft in drafts if draft.items and draft.existing is not None and not draft.refused]
    recorded = _recorded_items(existing) if existing else {}
    for draft in drafts:
        if not draft.items or draft.outcome == plan.REFUSED:
            continue
        known_items = recorded.get(draft.existing.pk, {}) if draft.existing is not None else {}
        draft.item_writes = []
        for item in draft.items:
            known = known_items.get(item.identity) or known_items.get(url_identity(item.fields["url"]))
            if known is None:
                draft.item_writes.append((item, None, item.fields, item.statements))
                continue
            changed = {
                name: value
                for name, value in item.fields.items()
                if value not in ("", None) and getattr(known, name) != value
            }
            statements = [statement for statement in item.statements if not _already_stated(known, statement)]
            if changed or statements:
                draft.item_writes.append((item, known, changed, statements))
        if draft.outcome == plan.UNCHANGED and draft.item_writes:
            draft.outcome = plan.UPDATED


def _already_stated(item: ContentItem, statement: StatusStatement) -> bool:
    if statement.on is None:
        return item.status == statement.status
    return (statement.status, statement.on) in item.stated


# --- Writing ------------------------------------------------------------------------------------


def writes_of(draft, *, case=None, resolve) -> list[ItemWrite]:
    """What ``compare`` found to write of a group's items, as ``content_write_many`` takes it:
    each new item with its statuses, each change of a known one, each status stated anew.
    ``case`` None: the items of a case created with them (``NewCase.items``)."""
    return [
        ItemWrite(
            case=case,
            item=known,
            platform=resolve(item.platform) if known is None else None,
            fields=dict(fields),
            statements=list(statements),
        )
        for item, known, fields, statements in getattr(draft, "item_writes", None) or []
    ]


def write(draft, *, case, actor, resolve, change_reason: str) -> None:
    """A recorded case's items, written together, then its search columns refreshed once."""
    writes = writes_of(draft, case=case, resolve=resolve)
    if writes:
        content_write_many(actor=actor, writes=writes, change_reason=change_reason)
        case_refresh_search(case=case)
