"""Mappings: suggested from the header and the values, saved under a name, checked before an import starts."""

import contextlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from imports import content
from imports import fields as catalogue
from imports.models import ImportMapping


def _require(user) -> None:
    if not user.has_perm("imports.add_importrun"):
        raise PermissionDenied


# --- Mappings -----------------------------------------------------------------------


def suggest_mapping(header: list[str], sample: list[list[str]]) -> dict[str, str]:
    """Column index → field: from the header's words first, then from what the values look like."""
    from imports.values import CellProblem, TaxonomyIndex, read_country, read_date

    suggested: dict[str, str] = {}
    for index, title in enumerate(header):
        key = catalogue.suggest_field(title)
        if key and key not in suggested.values():
            suggested[str(index)] = key
    readers = [
        ("start_date", read_date),
        ("country", read_country),
        ("platform", TaxonomyIndex(catalogue.BY_KEY["platform"].model).find),
        ("violation_type", TaxonomyIndex(catalogue.BY_KEY["violation_type"].model).find),
    ]
    for index in range(len(header)):
        if str(index) in suggested:
            continue
        values = [row[index] for row in sample if index < len(row) and row[index]]
        if not values:
            continue
        for key, reader in readers:
            if key in suggested.values():
                continue
            readable = 0
            for value in values:
                with contextlib.suppress(CellProblem):
                    reader(value)
                    readable += 1
            if readable >= max(1, len(values) * 8 // 10):
                suggested[str(index)] = key
                break
    content.adjust_suggestions(header, suggested)
    return suggested


def mapping_from_saved(saved: ImportMapping, header: list[str]) -> dict:
    """A saved mapping applied to this file's header (columns found by their header text)."""
    columns = {str(index): saved.columns[title] for index, title in enumerate(header) if title in saved.columns}
    options = dict(saved.options)
    group_by = options.pop("group_by", "")
    mapping = {"columns": columns, "values": dict(saved.values), **options}
    mapping["group_by"] = str(header.index(group_by)) if group_by in header else ""
    return mapping


@transaction.atomic
def mapping_save(*, actor, name: str, mapping: dict, header: list[str]) -> ImportMapping:
    """Keep a mapping under a name, by header text, for next month's file; the same name replaces it."""
    _require(actor)
    columns = {}
    for index, key in mapping.get("columns", {}).items():
        if key and int(index) < len(header):
            columns[header[int(index)]] = key
    group_by = mapping.get("group_by", "")
    options = {
        "defaults": mapping.get("defaults", {}),
        "source": mapping.get("source", ""),
        "group_by": header[int(group_by)] if group_by not in ("", None) and int(group_by) < len(header) else "",
    }
    saved = ImportMapping.objects.filter(name=name.strip()).first() or ImportMapping(
        name=name.strip(), created_by=actor
    )
    saved.columns, saved.values, saved.options = columns, mapping.get("values", {}), options
    saved.full_clean()
    saved.save()
    return saved


def check_mapping(mapping: dict) -> None:
    """Refuses a mapping that cannot make a case, or that asks nothing where the sheet says nothing."""
    keys = [key for key in mapping.get("columns", {}).values() if key]
    errors = []
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        errors.append(
            _("Each field takes one column; these were chosen twice: %(fields)s.")
            % {"fields": ", ".join(str(catalogue.BY_KEY[key].label) for key in duplicates)}
        )
    titled = "title" in keys or content.is_log(keys)  # a takedown log's cases are named after their items
    located = "country" in keys or mapping.get("defaults", {}).get("country")
    if not ((titled and located) or {"reference", "external_id"} & set(keys)):
        if not titled and not located:
            errors.append(_("Choose the columns of the title and the country (or a reference to update cases)."))
        elif not located:
            errors.append(
                _("Choose the column of the country, or the country of new cases (or a reference to update cases).")
            )
        else:
            errors.append(_("Choose the column of the title (or a reference to update cases)."))
    defaults = mapping.get("defaults", {})
    for name in catalogue.DEFAULTED:
        if name not in keys and not defaults.get(name):
            errors.append(
                _("The sheet has no column for “%(field)s”: choose the value new cases take.")
                % {"field": catalogue.BY_KEY[name].label}
            )
    if errors:
        raise ValidationError(errors)
