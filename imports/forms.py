"""The import's forms: the upload, and the mapping read from the mapping page's dynamic fields."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cases.choices import Sensitivity, VerificationLevel
from imports import fields as catalogue
from imports.models import ImportMapping
from imports.reading import ENCODINGS


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("CSV (UTF-8, UTF-16 or Windows-1256), XLSX or ODS; the first row holds the column names."),
    )


class SheetForm(forms.Form):
    """How the file is read: which sheet of a workbook, which encoding of a CSV file."""

    sheet = forms.ChoiceField(label=_("Sheet"), required=False)
    encoding = forms.ChoiceField(label=_("Encoding"), required=False, choices=list(ENCODINGS.items()))

    def __init__(self, *args, sheets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sheet"].choices = [(name, name) for name in sheets]


class OptionsForm(forms.Form):
    """What the sheet does not say: defaults for new cases, the grouping and the source of its ids."""

    saved = forms.ModelChoiceField(label=_("Use a saved mapping"), queryset=ImportMapping.objects.all(), required=False)
    group_by = forms.ChoiceField(
        label=_("Rows with the same value in this column make one case"),
        required=False,
        help_text=_("A takedown log with one row per post: choose the account column. Empty: one row, one case."),
    )
    source = forms.CharField(
        label=_("Source of the external ids"),
        max_length=120,
        required=False,
        help_text=_("The sheet's own ids are unique within this source (e.g. “takedown log”)."),
    )
    default_sensitivity = forms.ChoiceField(
        label=_("Sensitivity of new cases"),
        choices=[("", "—"), *Sensitivity.choices],
        required=False,
    )
    default_verification_level = forms.ChoiceField(
        label=_("Verification level of new cases"),
        choices=[("", "—"), *VerificationLevel.choices],
        required=False,
    )
    default_country = forms.ChoiceField(
        label=_("Country of new cases"),
        required=False,
        help_text=_("For a sheet without a country column, such as a takedown log."),
    )
    save_as = forms.CharField(label=_("Save this mapping as"), max_length=120, required=False)
    keep_as_evidence = forms.CharField(
        label=_("Keep the file as evidence of the case"),
        max_length=20,
        required=False,
        help_text=_("A case reference, e.g. DR-2026-0042. Empty: the file is deleted once imported."),
    )

    def __init__(self, *args, header=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group_by"].choices = [("", "—"), *((str(index), title) for index, title in enumerate(header))]
        self.fields["default_country"].choices = [("", "—"), *countries]


def field_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    parts = {
        catalogue.CASE: _("Case"),
        catalogue.ACT: _("Act"),
        catalogue.PERSON: _("Person"),
        catalogue.CONTENT: _("Content item"),
    }
    grouped = []
    for part, label in parts.items():
        grouped.append((label, [(spec.key, spec.label) for spec in catalogue.FIELDS if spec.part == part]))
    return grouped


def mapping_from_post(data, header: list[str], *, may_create: bool) -> dict:
    """The mapping the page describes: ``column_<i>`` → field, ``value_<field>_<n>`` → entry code for the
    raw value in ``raw_<field>_<n>``, and (for administrators) ``create_<field>_<n>`` to add an entry."""
    columns = {}
    for index in range(len(header)):
        key = data.get(f"column_{index}", "")
        if key in catalogue.BY_KEY:
            columns[str(index)] = key
    values: dict[str, dict[str, str]] = {}
    create: dict[str, list[str]] = {}
    for name in data:
        if not name.startswith("raw_"):
            continue
        suffix = name[len("raw_") :]
        key = suffix.rsplit("_", 1)[0]
        if key not in catalogue.BY_KEY:
            continue
        raw = data.get(name, "")
        if code := data.get(f"value_{suffix}", ""):
            values.setdefault(key, {})[raw] = code
        elif may_create and data.get(f"create_{suffix}"):
            create.setdefault(key, []).append(raw)
    group_by = data.get("group_by", "")
    return {
        "header": list(header),
        "columns": columns,
        "values": values,
        "create": create,
        "group_by": group_by if group_by.isdigit() and int(group_by) < len(header) else "",
        "source": data.get("source", "").strip()[:120],
        "defaults": {
            name: data.get(f"default_{name}", "")
            for name in catalogue.DEFAULTED
            if data.get(f"default_{name}", "") in {value for value, _label in catalogue.BY_KEY[name].choices.choices}
        }
        | ({"country": data["default_country"]} if data.get("default_country", "") in countries else {}),
    }
