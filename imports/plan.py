"""From rows to cases, without writing anything: what each group of rows would become, and why not.

A *draft* is one future case: its fields from the group's first row, an act
from each row (rows describing the same act add their links to it), the
persons named in the rows, and every problem found, each with its row and
column. ``classify`` then compares drafts with what is already recorded:
a draft is new, an update of a case (found by its Casebook reference or by
the sheet's own id), unchanged, or refused.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cases.choices import DatePrecision
from cases.models import Case, ContentItem, Person, Tag, Violation
from cases.search import title_key
from cases.selectors import case_list_visible
from cases.services.bulk import CHECKED_ON_WRITE
from cases.validation import normalise_partial
from imports import content
from imports import fields as catalogue
from imports.models import ImportedRecord
from imports.values import (
    CellProblem,
    TaxonomyIndex,
    read_choice,
    read_country,
    read_date,
    read_precision,
    value_key,
)

NEW, UPDATED, UNCHANGED, REFUSED = "new", "updated", "unchanged", "refused"
# Marks an act read from cells listing several types or platforms (the case list's CSV): which
# platform went with which type is not said, so such an act is known when its type and its
# platform are each among the case's acts.
LISTED = "_listed"
MULTIPLE = ("violation_type", "platform", "person_name")
ACT_FIELDS = {
    "violation_type": "violation_type",
    "platform": "platform",
    "violation_date": "date",
    "content_concerned": "content_concerned",
    "violation_description": "description",
    "legal_basis": "legal_basis",
    "stated_reason": "stated_reason",
    "outcome": "outcome",
}
PERSON_FIELDS = {
    "person_name": "name",
    "person_name_latin": "name_latin",
    "person_other_names": "other_names",
    "person_pseudonym": "pseudonym",
    "person_role": "role",
    "person_gender": "gender",
    "person_profession": "profession",
    **{
        f"consent_{kind}_{part}": f"consent_{kind}_{part}"
        for kind in ("state", "public", "platform")
        for part in ("status", "date", "method")
    },
}


@dataclass
class Problem:
    row: int
    column: str
    message: str
    warning: bool = False


@dataclass
class NewEntry:
    """A taxonomy entry an administrator confirmed the import may create."""

    model: type
    text: str

    @property
    def code(self) -> str:
        """A stable code: the text's Latin slug, or for text without Latin letters one derived from its hash."""
        slug = slugify(self.text, allow_unicode=False)
        if not slug:
            slug = "entry-" + hashlib.sha256(value_key(self.text).encode()).hexdigest()[:10]
        return slug[:30]


@dataclass
class Draft:
    key: str
    rows: list[tuple[int, list[str]]]
    case: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    acts: list[dict] = field(default_factory=list)
    persons: list[dict] = field(default_factory=list)
    reference: str = ""
    external_id: str = ""
    problems: list[Problem] = field(default_factory=list)
    existing: Case | None = None
    outcome: str = NEW
    changes: dict = field(default_factory=dict)
    new_acts: list[dict] = field(default_factory=list)
    new_persons: list[dict] = field(default_factory=list)
    changed_persons: list[tuple[Person, dict]] = field(default_factory=list)
    changed_acts: list[tuple[Violation, dict]] = field(default_factory=list)
    items: list = field(default_factory=list)  # content items of a takedown log (imports.content)
    item_writes: list = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return any(not problem.warning for problem in self.problems)

    @property
    def title(self) -> str:
        if self.case.get("title"):
            return self.case["title"]
        return self.existing.title if self.existing is not None else ""

    @property
    def dates(self) -> str:
        """The start date as the preview shows it: as precise as the sheet says."""
        start = self.case.get("start_date")
        if start is None:
            return ""
        precision = self.case.get("start_date_precision", DatePrecision.DAY)
        shown = {DatePrecision.YEAR: f"{start:%Y}", DatePrecision.MONTH: f"{start:%Y-%m}"}.get(precision, f"{start}")
        return f"≈ {shown}" if precision == DatePrecision.APPROXIMATE else shown

    @property
    def act_labels(self) -> list[str]:
        def label(value) -> str:
            return value.text if isinstance(value, NewEntry) else str(value)

        return [
            " · ".join(label(act[name]) for name in ("violation_type", "platform") if act.get(name))
            for act in self.acts
        ]

    @property
    def country(self) -> str:
        from cases.choices import country_names

        code = self.case.get("country", "")
        return country_names().get(code, code)

    @property
    def person_labels(self) -> list[str]:
        return [person.get("name") or person.get("pseudonym", "") for person in self.persons]

    @property
    def first_row(self) -> int:
        return self.rows[0][0]


class Planner:
    """Reads rows with one run's mapping, for one user (whose visibility and rights decide)."""

    def __init__(self, *, mapping: dict, header: list[str], user, source: str = ""):
        self.header = header
        self.user = user
        self.source = source
        self.columns = {int(index): key for index, key in mapping.get("columns", {}).items() if key}
        self.mapped = set(self.columns.values())
        self.defaults = mapping.get("defaults", {})
        creatable = mapping.get("create", {}) if self._may_create_entries() else {}
        self.indexes = {}
        self.creatable = {}
        self.unknown: dict[str, set[str]] = {}
        self.limits = {key: limit for key in self.mapped if (limit := length_limit(key))}
        for key in self.mapped:
            spec = catalogue.BY_KEY[key]
            if spec.kind == catalogue.TAXONOMY:
                self.indexes[key] = TaxonomyIndex(spec.model, mapping.get("values", {}).get(key))
                self.creatable[key] = {value_key(text) for text in creatable.get(key, [])}

    def _may_create_entries(self) -> bool:
        return self.user.has_perm("cases.add_platform") and self.user.has_perm("cases.add_violationtype")

    def column_of(self, key: str) -> str:
        for index, mapped in self.columns.items():
            if mapped == key:
                return self.header[index] if index < len(self.header) else ""
        return ""

    # --- One cell, one row ---------------------------------------------------------

    def _read(self, key: str, text: str, problems: list[Problem], row: int, column: str):
        spec = catalogue.BY_KEY[key]
        try:
            if spec.kind in (catalogue.TEXT, catalogue.KEY):
                _check_length(text, self.limits.get(key))
                return text
            if spec.kind == catalogue.DATE:
                value, precision = read_date(text)
                if precision == DatePrecision.YEAR:
                    problems.append(
                        Problem(row, column, _("“%(value)s”: only the year is known.") % {"value": text}, True)
                    )
                return value, precision
            if spec.kind == catalogue.PRECISION:
                return read_precision(text)
            if spec.kind == catalogue.COUNTRY:
                return read_country(text)
            if spec.kind == catalogue.CHOICE:
                return read_choice(text, spec.choices)
            if spec.kind == catalogue.LIST:
                parts = [part.strip() for part in text.replace("،", ";").split(";") if part.strip()]
                for part in parts:
                    _check_length(part, self.limits.get(key))
                return parts
            if spec.kind == catalogue.TAXONOMY:
                try:
                    return self.indexes[key].find(text)
                except CellProblem:
                    if value_key(text) in self.creatable.get(key, ()):
                        return NewEntry(spec.model, text)
                    self.unknown.setdefault(key, set()).add(text)
                    raise
        except CellProblem as problem:
            problems.append(Problem(row, column, str(problem), problem.warning))
        return None

    def read_row(self, number: int, cells: list[str]) -> dict:
        """The values of one row by field key (lists for the fields that may hold several)."""
        values: dict = {"_problems": []}
        for index, key in self.columns.items():
            text = cells[index].strip() if index < len(cells) else ""
            if not text:
                continue
            column = self.header[index] if index < len(self.header) else ""
            parts = [part.strip() for part in text.split(";") if part.strip()] if key in MULTIPLE else [text]
            read = [self._read(key, part, values["_problems"], number, column) for part in parts]
            read = [value for value in read if value is not None]
            if read:
                values[key] = read if key in MULTIPLE else read[0]
        return values

    # --- A group of rows: one case --------------------------------------------------

    def draft(self, key: str, rows: list[tuple[int, list[str]]]) -> Draft:
        draft = Draft(key=key, rows=rows)
        read = [(number, self.read_row(number, cells)) for number, cells in rows]
        for _number, values in read:
            draft.problems += values.pop("_problems")
        first_number, first = read[0]
        draft.reference = first.get("reference", "")
        draft.external_id = first.get("external_id", "")
        self._case_fields(draft, first)
        seen_acts: dict[tuple, dict] = {}
        seen_persons: dict[str, dict] = {}
        for _number, values in read:
            for act in self._acts(values):
                signature = act_signature(act)
                if signature in seen_acts:
                    seen_acts[signature]["content_concerned"] = _merge_lines(
                        seen_acts[signature].get("content_concerned", ""), act.get("content_concerned", "")
                    )
                else:
                    seen_acts[signature] = act
            for person in self._persons(values):
                name_key = value_key(person.get("name") or person.get("pseudonym", ""))
                seen_persons.setdefault(name_key, person)
        draft.acts = list(seen_acts.values())
        draft.persons = list(seen_persons.values())
        content.read_items(self, draft, read)
        self._validate(draft, first_number)
        return draft

    def _case_fields(self, draft: Draft, values: dict) -> None:
        for spec in catalogue.FIELDS:
            if spec.part != catalogue.CASE or spec.key not in values or spec.kind == catalogue.KEY:
                continue
            value = values[spec.key]
            if spec.key == "tags":
                draft.tags = value
            elif spec.kind == catalogue.DATE:
                draft.case[spec.key], precision = value
                draft.case.setdefault(f"{spec.key}_precision", precision)
            else:
                draft.case[spec.key] = value
        for name in ("start_date_precision", "end_date_precision"):
            if name in values:
                draft.case[name] = values[name]

    def _acts(self, values: dict) -> list[dict]:
        types = values.get("violation_type", [])
        platforms = values.get("platform", [])
        if not types:
            return []
        common: dict = {}
        for key, name in ACT_FIELDS.items():
            if key in values and key not in MULTIPLE:
                if key == "violation_date":
                    common["date"], common["date_precision"] = values[key]
                elif key == "content_concerned":
                    common[name] = _merge_lines(values[key], "")
                else:
                    common[name] = values[key]
        acts = []
        listed = len(types) > 1 or len(platforms) > 1
        # One act per type; several platforms pair with the types in order, one platform serves every act.
        for position in range(max(len(types), len(platforms))):
            act = dict(common, violation_type=types[min(position, len(types) - 1)])
            if position < len(platforms):
                act["platform"] = platforms[position]
            elif len(platforms) == 1:
                act["platform"] = platforms[0]
            if listed:
                act[LISTED] = True
            acts.append(act)
        return acts

    def _persons(self, values: dict) -> list[dict]:
        names = values.get("person_name", [])
        if not names and "person_pseudonym" not in values and "person_name_latin" not in values:
            return []
        common = {name: values[key] for key, name in PERSON_FIELDS.items() if key in values and key not in MULTIPLE}
        for key in list(common):
            if key.endswith("_date") and isinstance(common[key], tuple):
                common[key] = common[key][0]
        if len(names) > 1:
            # Several persons in one cell (the case list's CSV): their other fields cannot be told apart.
            return [{"name": name} for name in names]
        person = dict(common)
        if names:
            person["name"] = names[0]
        return [person]

    def _validate(self, draft: Draft, row: int) -> None:
        """The same model rules as the case form, each error placed on its column."""
        # What is left out here is checked again when the case is written (``CHECKED_ON_WRITE``);
        # everything else is not, for a new case (``NewCase.checked``).
        candidate = Case(created_by_id=self.user.pk, **{**self.defaults_for_new_cases(), **draft.case})
        self._clean(candidate, draft, row, exclude=["reference", "created_by", *CHECKED_ON_WRITE[Case]])
        for person in draft.persons:
            self._clean(Person(**person), draft, row, exclude=["case", *CHECKED_ON_WRITE[Person]], prefix="person_")
        for act in draft.acts:
            fields = {name: value for name, value in act.items() if name != LISTED and not isinstance(value, NewEntry)}
            self._clean(Violation(**fields), draft, row, exclude=["case", *CHECKED_ON_WRITE[Violation]])

    def _clean(self, instance, draft: Draft, row: int, *, exclude: list[str], prefix: str = "") -> None:
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                key = name if name in catalogue.BY_KEY else f"{prefix}{name}"
                if name == "date":
                    key = "violation_date"
                column = self.column_of(key) if key in catalogue.BY_KEY else ""
                for message in messages:
                    draft.problems.append(Problem(row, column, message))

    def defaults_for_new_cases(self) -> dict:
        names = (*catalogue.DEFAULTED, *catalogue.OPTIONAL_DEFAULTS)
        return {name: self.defaults[name] for name in names if self.defaults.get(name)}

    # --- Against what is recorded ----------------------------------------------------

    def classify(self, drafts: list[Draft]) -> None:
        """Finds the case each draft updates, what would change, and refuses duplicates."""
        references = {draft.reference for draft in drafts if draft.reference}
        external = {draft.external_id for draft in drafts if draft.external_id and not draft.reference}
        visible = case_list_visible(user=self.user)
        by_reference = {case.reference: case for case in visible.filter(reference__in=references)}
        records = ImportedRecord.objects.filter(source=self.source, external_id__in=external)
        record_cases = dict(records.values_list("external_id", "case_id"))
        by_id = {case.pk: case for case in visible.filter(pk__in=record_cases.values())}
        for draft in drafts:
            if draft.refused:
                continue
            if draft.reference:
                draft.existing = by_reference.get(draft.reference)
                if draft.existing is None:
                    draft.problems.append(
                        Problem(
                            draft.first_row,
                            self.column_of("reference"),
                            _("No case with the reference %(reference)s that you may change.")
                            % {"reference": draft.reference},
                        )
                    )
            elif draft.external_id in record_cases:
                draft.existing = by_id.get(record_cases[draft.external_id])
                if draft.existing is None:
                    draft.problems.append(
                        Problem(
                            draft.first_row,
                            self.column_of("external_id"),
                            _("This row updates a case you may no longer see or change."),
                        )
                    )
        content.match_cases(self, drafts)
        for draft in drafts:
            if draft.existing is None and not draft.refused:
                self._require(draft)
        self._find_duplicates([draft for draft in drafts if draft.existing is None and not draft.refused])
        existing = [draft.existing for draft in drafts if draft.existing is not None and not draft.refused]
        acts: dict[int, dict] = defaultdict(dict)
        for violation in Violation.objects.filter(case__in=existing):
            acts[violation.case_id].setdefault(act_signature(_violation_fields(violation)), violation)
        persons: dict[int, list[Person]] = defaultdict(list)
        for person in Person.objects.filter(case__in=existing):
            persons[person.case_id].append(person)
        tags: dict[int, set] = defaultdict(set)
        for case_id, name in Case.tags.through.objects.filter(case__in=existing).values_list("case_id", "tag__name"):
            tags[case_id].add(name)
        for draft in drafts:
            if draft.refused:
                draft.outcome = REFUSED
            elif draft.existing is None:
                draft.outcome = NEW
                draft.new_acts, draft.new_persons = draft.acts, draft.persons
            else:
                self._compare(draft, acts[draft.existing.pk], persons[draft.existing.pk], tags[draft.existing.pk])
                draft.outcome = (
                    UPDATED
                    if (
                        draft.changes
                        or draft.new_acts
                        or draft.new_persons
                        or draft.changed_persons
                        or draft.changed_acts
                    )
                    else UNCHANGED
                )
        content.compare(self, drafts)

    def _require(self, draft: Draft) -> None:
        """A new case needs its title and country; an update keeps what the sheet leaves empty."""
        for name in catalogue.REQUIRED:
            if name not in draft.case and name not in self.defaults_for_new_cases():
                spec = catalogue.BY_KEY[name]
                draft.problems.append(
                    Problem(
                        draft.first_row,
                        self.column_of(name) or str(spec.label),
                        _("“%(field)s” is required and empty.") % {"field": spec.label},
                    )
                )

    def _find_duplicates(self, drafts: list[Draft]) -> None:
        """A new case with the title, date and country of a recorded one is refused as its likely duplicate."""
        keys = {
            id(draft): title_key(draft.case.get("title", ""), draft.case.get("country"), draft.case.get("start_date"))
            for draft in drafts
        }
        candidates = [draft for draft in drafts if keys[id(draft)]]
        if not candidates:
            return
        known = {}
        # Only cases the importer may see: a hidden case is neither named nor made known by a refusal.
        recorded = recorded_titles({keys[id(draft)] for draft in candidates}, among=case_list_visible(user=self.user))
        for reference, title, translation in recorded.values_list("reference", "title_key", "title_translation_key"):
            for key in (title, translation):
                if key:
                    known.setdefault(key, reference)
        for draft in candidates:
            match = known.get(keys[id(draft)])
            if match:
                draft.problems.append(
                    Problem(
                        draft.first_row,
                        self.column_of("title"),
                        _(
                            "Looks like a duplicate of %(reference)s (same title, date and country). "
                            "Give its reference in a Reference column to update it instead."
                        )
                        % {"reference": match},
                    )
                )

    def _compare(self, draft: Draft, acts: dict, persons: list[Person], tags: set) -> None:
        case = draft.existing
        for name, value in draft.case.items():
            current = case.country.code if name == "country" else getattr(case, name)
            if name == "status":
                if value != current:
                    draft.problems.append(
                        Problem(
                            draft.first_row,
                            self.column_of("status"),
                            _("The status is changed with the workflow buttons, not by an import; left as it is."),
                            warning=True,
                        )
                    )
                continue
            if name in ("start_date", "end_date") and value is not None:
                value = normalise_partial(
                    value, draft.case.get(f"{name}_precision", getattr(case, f"{name}_precision"))
                )
            if value != current:
                draft.changes[name] = value
        if draft.tags and set(draft.tags) != tags:
            draft.changes["tags"] = draft.tags
        types = {violation.violation_type_id for violation in acts.values()}
        platforms = {violation.platform_id for violation in acts.values()}
        for act in draft.acts:
            if act.get(LISTED):
                if _identity(act["violation_type"]) not in types or (
                    act.get("platform") and _identity(act["platform"]) not in platforms
                ):
                    draft.new_acts.append(act)
                continue
            known = acts.get(act_signature(act))
            if known is None:
                draft.new_acts.append(act)
                continue
            links = _merge_lines(known.content_concerned, act.get("content_concerned", ""))
            if links != known.content_concerned:
                draft.changed_acts.append((known, {"content_concerned": links}))
        for person in draft.persons:
            spelling = value_key(person.get("name") or person.get("pseudonym", ""))
            match = next(
                (
                    known
                    for known in persons
                    if spelling
                    and spelling in {value_key(text) for text in (*known.spellings, known.pseudonym) if text}
                ),
                None,
            )
            if match is None:
                draft.new_persons.append(person)
                continue
            changed = {
                name: value
                for name, value in person.items()
                if name not in ("name", "pseudonym") and getattr(match, name) != value
            }
            if changed:
                draft.changed_persons.append((match, changed))


def length_limit(key: str) -> int | None:
    """The most characters the field a column fills can hold (its model field's ``max_length``),
    for the columns whose text is stored as written; None for the others."""
    spec = catalogue.BY_KEY[key]
    if spec.kind not in (catalogue.TEXT, catalogue.KEY, catalogue.LIST):
        return None
    model, name = {
        "external_id": (ImportedRecord, "external_id"),
        "tags": (Tag, "name"),
    }.get(key) or {
        catalogue.CASE: (Case, key),
        catalogue.ACT: (Violation, ACT_FIELDS.get(key)),
        catalogue.PERSON: (Person, PERSON_FIELDS.get(key)),
        catalogue.CONTENT: (ContentItem, content.ITEM_FIELDS.get(key)),
    }[spec.part]
    try:
        return model._meta.get_field(name).max_length
    except FieldDoesNotExist:
        return None


def _check_length(text: str, limit: int | None) -> None:
    """A longer text would fail its batch when written: its row is refused in the preview instead."""
    if limit is not None and len(text) > limit:
        raise CellProblem(
            _("Too long: %(length)d characters, where at most %(limit)d fit.") % {"length": len(text), "limit": limit}
        )


def recorded_titles(keys: set[str], *, among=None):
    """The recorded cases (``among`` them, all by default) whose title or translation, with their
    country and start date, has one of these keys: one exact lookup per key in the keys' indexes,
    however many cases share a date known only to its year."""
    keys = sorted(keys)
    cases = Case.objects.all() if among is None else among
    return cases.filter(Q(title_key__in=keys) | Q(title_translation_key__in=keys)).order_by("pk")


def _merge_lines(first: str, second: str) -> str:
    """Links one per line, each once; a sheet may put several in a cell, separated by semicolons."""
    lines = [line.strip() for text in (first, second) for line in (text or "").replace(";", "\n").splitlines()]
    return "\n".join(dict.fromkeys(line for line in lines if line))


def _violation_fields(violation: Violation) -> dict:
    return {
        "violation_type": violation.violation_type_id,
        "platform": violation.platform_id,
        "date": violation.date,
        "outcome": violation.outcome_id,
        "legal_basis": violation.legal_basis,
        "stated_reason": violation.stated_reason,
        "description": violation.description,
        "content_concerned": violation.content_concerned,
    }


def _identity(value):
    if isinstance(value, NewEntry):
        return ("new", value.code)
    return getattr(value, "pk", value)


def act_signature(act: dict) -> tuple:
    """What makes two acts the same act: type, platform, date, outcome and wording; links are merged."""
    return tuple(
        _identity(act.get(name)) or None
        for name in ("violation_type", "platform", "date", "outcome", "legal_basis", "stated_reason", "description")
    )
