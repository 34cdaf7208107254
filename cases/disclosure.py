"""What a page shows of persons to the person reading it: one place decides.

A viewer with ``cases.view_personal_data`` reads every name. A legal partner
reads a name only where the person consented to be named to the State — as in
the case file the partner downloads (the legal partner profile). Everyone else
reads pseudonyms. Text typed by hand (titles, narratives, descriptions, notes,
history values) is read with every spelling of a person the viewer may not
see named replaced by that person's pseudonym (``cases.names``).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from casebook.roles import Role, has_role
from cases.names import name_matcher


def may_see_personal_data(user) -> bool:
    """Every name, contact details, personal search and personal export columns."""
    return user.has_perm("cases.view_personal_data")


def person_label(person) -> str:
    """How a person is designated where their name may not appear."""
    return person.pseudonym or _("Person #%(number)s") % {"number": person.pk or "?"}


def named_for(user, person, *, personal: bool | None = None) -> bool:
    """Whether ``user`` may read this person's name on a page."""
    if not person.spellings:
        return False
    if may_see_personal_data(user) if personal is None else personal:
        return True
    return has_role(user, Role.PARTNER) and person.may_be_named_to_state


@dataclass
class Reader:
    """The persons of some cases as one viewer may read them; ``text`` redacts free text."""

    personal: bool
    named: set[int] = field(default_factory=set)
    rules: dict[int, list] = field(default_factory=dict)  # case id → [(matcher, label)]

    def shows_name(self, person) -> bool:
        return self.personal or person.pk in self.named

    def name(self, person) -> str:
        """The name, or the pseudonym where the viewer may not read it."""
        if self.shows_name(person) and (person.name or person.name_latin):
            return person.name or person.name_latin
        return person_label(person)

    def text(self, value: str, case_id: int | None = None) -> str:
        if not value or self.personal:
            return value
        rules = self.rules.get(case_id, []) if case_id is not None else [r for v in self.rules.values() for r in v]
        for matcher, label in rules:
            value, _count = matcher.replace(value, label)
        return value


def reader_for(user, persons: Iterable) -> Reader:
    """A reader for these persons (of one or several cases): query them once, then read any text."""
    personal = may_see_personal_data(user)
    reader = Reader(personal=personal)
    for person in persons:
        if named_for(user, person, personal=personal):
            reader.named.add(person.pk)
        elif person.spellings:
            matcher = name_matcher(person.spellings)
            if matcher:
                reader.rules.setdefault(person.case_id, []).append((matcher, person_label(person)))
    return reader


def reader_for_cases(user, case_ids: Iterable[int]) -> Reader:
    """A reader for every person of these cases, removed persons included (their names stay in old text)."""
    from cases.models import Person

    if may_see_personal_data(user):
        return Reader(personal=True)
    case_ids = sorted(set(case_ids))
    # The user of a request reads a page's persons once (the case page and its evidence panel ask).
    remembered = getattr(user, "_casebook_readers", None) if getattr(user, "casebook_request_scoped", False) else None
    if remembered is not None and tuple(case_ids) in remembered:
        return remembered[tuple(case_ids)]
    persons = Person.all_objects.filter(case_id__in=case_ids).only(
        "id",
        "case_id",
        "name",
        "name_latin",
        "other_names",
        "pseudonym",
        "consent_state_status",
        "consent_state_date",
        "consent_state_method",
    )
    reader = reader_for(user, persons)
    if getattr(user, "casebook_request_scoped", False):
        user._casebook_readers = {**(remembered or {}), tuple(case_ids): reader}
    return reader


CASE_TEXT_FIELDS = ("title", "title_translation", "narrative", "narrative_translation", "place")
RECORD_TEXT_FIELDS = {
    "violation": ("description", "stated_reason", "legal_basis", "content_concerned"),
    "intervention": ("summary", "response_text", "recipient", "external_reference"),
    "person": ("affiliation",),
    "evidence": ("description", "original_name", "note"),
}


def read_in_place(reader: Reader, objects: Iterable, fields: Iterable[str], *, case_id: int | None = None) -> None:
    """Replace, on these in-memory objects only, the text a viewer may not read. Never saved:
    the objects are those of one page being rendered. ``case_id`` for objects that do not name their case."""
    if reader.personal:
        return
    for obj in objects:
        obj._read_only_for_viewer = True
        of_case = case_id or getattr(obj, "case_id", None) or getattr(obj, "pk", None)
        deferred = obj.get_deferred_fields() if hasattr(obj, "get_deferred_fields") else set()
        for name in fields:
            if name in deferred:
                continue  # not loaded, so not shown: reading it would cost a query per row
            value = getattr(obj, name, None)
            if isinstance(value, str) and value:
                setattr(obj, name, reader.text(value, of_case))


def hide_names(reader: Reader, persons: Iterable) -> None:
    """Blank, on these in-memory persons only, every spelling the viewer may not read."""
    if reader.personal:
        return
    for person in persons:
        person._read_only_for_viewer = True
        if not reader.shows_name(person):
            person.name = person.name_latin = person.other_names = ""
