"""Forms of the case pages: the case with its persons and violations inline, interventions, notes."""

import re
from datetime import date

from django import forms
from django.conf import settings
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cases.choices import CaseLinkKind, ConsentKind, ConsentStatus, DatePrecision, Language, Sensitivity, Status
from cases.dropdowns import partner_choices
from cases.models import (
    Actor,
    ActorType,
    Case,
    Intervention,
    Outcome,
    Person,
    Platform,
    Profession,
    Tag,
    Violation,
    ViolationType,
)
from cases.selectors import legal_partners, officers

_PARTIAL_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


class PartialDateWidget(forms.MultiWidget):
    # The text box, then the "approximate" box inside a label of its own.
    template_name = "cases/widgets/partial_date.html"

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(attrs={"placeholder": _("YYYY-MM-DD, YYYY-MM or YYYY"), "inputmode": "numeric"}),
            forms.CheckboxInput(),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, (list, tuple)) and len(value) == 2 and isinstance(value[1], bool):
            return list(value)
        if isinstance(value, (list, tuple)) and value:
            return partial_initial(*value)
        return ["", False]


class PartialDateField(forms.MultiValueField):
    """A date given as YYYY-MM-DD, YYYY-MM or YYYY, and whether it is approximate.

    Cleans to ``(date, precision)`` or ``(None, "day")``; 2026-02-30 is refused.
    """

    def __init__(self, **kwargs):
        fields = (forms.CharField(required=False, max_length=10), forms.BooleanField(required=False))
        super().__init__(fields=fields, widget=PartialDateWidget(), require_all_fields=False, **kwargs)
        self.help_text = self.help_text or _("Year only, month only or exact day; tick the box if approximate.")

    def compress(self, data_list):
        approximate = bool(data_list[1]) if data_list and len(data_list) > 1 else False
        if not data_list or not data_list[0]:
            if approximate:
                raise forms.ValidationError(
                    _("Give at least the year of an approximate date, or untick “Approximate”."), code="required"
                )
            return (None, DatePrecision.DAY)
        text = data_list[0]
        match = _PARTIAL_DATE.match(text)
        if not match:
            raise forms.ValidationError(_("Write the date as YYYY-MM-DD, YYYY-MM or YYYY."), code="invalid")
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            value = date(year, month or 1, day or 1)
        except ValueError:
            raise forms.ValidationError(_("This date does not exist."), code="invalid") from None
        precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
        return (value, DatePrecision.APPROXIMATE if approximate else precision)


def partial_initial(value: date | None, precision: str) -> list:
    if value is None:
        return ["", False]
    text = {
        DatePrecision.YEAR: f"{value:%Y}",
        DatePrecision.MONTH: f"{value:%Y-%m}",
    }.get(precision, value.isoformat())
    return [text, precision == DatePrecision.APPROXIMATE]


# Who reads a case at each level (cases/selectors.py decides; this says it on the form).
SENSITIVITY_AUDIENCES = {
    Sensitivity.NORMAL: _("Normal: every documentation and advocacy officer, and administrators"),
    Sensitivity.SENSITIVE: _(
        "Sensitive: documentation officers, administrators, and advocacy officers cleared for sensitive cases"
    ),
    Sensitivity.RESTRICTED: _("Restricted: only the officers assigned to the case, and administrators"),
}
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def interface_language() -> str:
    return Language.ARABIC if (get_language() or "").startswith("ar") else Language.ENGLISH


def title_language(title: str) -> str | None:
    """The language whose script most of the title's letters are in; None for a title without letters."""
    arabic, latin = len(_ARABIC_LETTER.findall(title)), len(_LATIN_LETTER.findall(title))
    if not arabic and not latin:
        return None
    return Language.ARABIC if arabic >= latin else Language.ENGLISH


def _dir_auto(*names):
    return {name: forms.TextInput(attrs={"dir": "auto"}) for name in names}


class CaseForm(forms.ModelForm):
    start = PartialDateField(label=_("Start date"), required=False)
    end = PartialDateField(label=_("End date"), required=False)

    class Meta:
        model = Case
        fields = [
            "title",
            "language",
            "narrative",
            "title_translation",
            "narrative_translation",
            "country",
            "place",
            "verification_level",
            "sensitivity",
            "tags",
            "assigned_officers",
        ]
        widgets = {
            **_dir_auto("title", "title_translation", "place"),
            "narrative": forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
            "narrative_translation": forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
            "tags": forms.SelectMultiple(attrs={"size": 4}),
            "assigned_officers": forms.SelectMultiple(attrs={"size": 4}),
        }
        help_texts = {
            "narrative": _("In the original language of the case."),
            "title_translation": _("The title in the other language."),
            "language": _("Taken from the title's script when left as offered."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_officers"].queryset = officers()
        self.fields["tags"].queryset = Tag.objects.order_by("name")
        sensitivity = self.fields["sensitivity"]
        sensitivity.widget = forms.RadioSelect()
        sensitivity.choices = [(level, SENSITIVITY_AUDIENCES[level]) for level, _label in Sensitivity.choices]
        sensitivity.help_text = _("Legal partners see a case only once it is shared with them, at any level.")
        if self.instance.pk:
            self.initial["start"] = partial_initial(self.instance.start_date, self.instance.start_date_precision)
            self.initial["end"] = partial_initial(self.instance.end_date, self.instance.end_date_precision)
        else:
            # Not the model's defaults (sensitive, English): the organisation's and the reader's.
            self.initial["sensitivity"] = settings.CASEBOOK_DEFAULT_SENSITIVITY
            self.initial["language"] = interface_language()

    def clean(self):
        cleaned = super().clean()
        # A language left as offered follows the script the title was typed in; one chosen is kept.
        written_in = title_language(cleaned.get("title") or "")
        if not self.instance.pk and written_in and "language" not in self.changed_data:
            cleaned["language"] = written_in
        return cleaned

    def _post_clean(self):
        start, start_precision = self.cleaned_data.get("start") or (None, DatePrecision.DAY)
        end, end_precision = self.cleaned_data.get("end") or (None, DatePrecision.DAY)
        self.instance.start_date, self.instance.start_date_precision = start, start_precision
        self.instance.end_date, self.instance.end_date_precision = end, end_precision
        super()._post_clean()

    def add_error(self, field, error):
        # Model validation names the stored fields; the form shows them as "start" and "end".
        if isinstance(error, forms.ValidationError) and hasattr(error, "error_dict"):
            renamed = {}
            for name, errors in error.error_dict.items():
                renamed.setdefault({"start_date": "start", "end_date": "end"}.get(name, name), []).extend(errors)
            error = forms.ValidationError(renamed)
        super().add_error(field, error)

    def service_fields(self) -> dict:
        """The cleaned values as the services take them."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name not in ("tags", "assigned_officers")}
        data["start_date"], data["start_date_precision"] = self.cleaned_data["start"]
        data["end_date"], data["end_date_precision"] = self.cleaned_data["end"]
        return data


CONSENT_PARTS = ("status", "date", "method")


class PersonForm(forms.ModelForm):
    """A person: every spelling of the name, and each consent as a status with its date and manner.

    The spelling in the other script is suggested from the name as typed
    (``static/js/names.js`` with the table of ``cases.names``); the officer corrects it.
    """

    class Meta:
        model = Person
        fields = [
            "role",
            "name",
            "name_latin",
            "other_names",
            "pseudonym",
            "gender",
            "age_group",
            "profession",
            "affiliation",
            "contact",
            *(f"consent_{kind}_{part}" for kind in ConsentKind for part in CONSENT_PARTS),
        ]
        widgets = {
            **_dir_auto("name", "name_latin", "pseudonym", "affiliation"),
            "other_names": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            "contact": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            **{f"consent_{kind}_date": forms.DateInput(attrs={"type": "date"}) for kind in ConsentKind},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profession"].queryset = Profession.objects.active()
        self.fields["name"].widget.attrs["data-spelling-source"] = "name"
        self.fields["name_latin"].widget.attrs["data-spelling-target"] = "name"
        for kind in ConsentKind:
            # A form that does not say anything about a consent records it as not asked.
            self.fields[f"consent_{kind}_status"].required = False

    def clean(self):
        cleaned = super().clean()
        for kind in ConsentKind:
            if not cleaned.get(f"consent_{kind}_status"):
                cleaned[f"consent_{kind}_status"] = ConsentStatus.NOT_ASKED
        return cleaned

    def consent_groups(self):
        return [[self[f"consent_{kind}_{part}"] for part in CONSENT_PARTS] for kind in ConsentKind]

    def identity_fields(self):
        return [self[name] for name in ("role", "name", "name_latin", "pseudonym", "gender", "age_group", "profession")]

    def detail_fields(self):
        return [self[name] for name in ("other_names", "affiliation", "contact")]


class ViolationForm(forms.ModelForm):
    """An act; an unknown type or platform code is refused like any invalid choice.

    An actor not yet in the list is named and typed here and created with the act.
    """

    when = PartialDateField(label=_("Date"), required=False)
    new_actor_name = forms.CharField(
        label=_("Another actor, not in the list"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("Its name in Arabic or in English; it is added to the list of actors."),
    )
    new_actor_type = forms.ModelChoiceField(
        queryset=ActorType.objects.none(), to_field_name="code", required=False, label=_("Type of that actor")
    )
    # The new actor right after the list it completes; the date keeps its place at the end.
    field_order = [
        "violation_type",
        "platform",
        "description",
        "affected_persons",
        "actors",
        "new_actor_name",
        "new_actor_type",
    ]

    class Meta:
        model = Violation
        fields = [
            "violation_type",
            "platform",
            "description",
            "affected_persons",
            "actors",
            "legal_basis",
            "content_concerned",
            "stated_reason",
            "outcome",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "content_concerned": forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
            "stated_reason": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            "legal_basis": forms.TextInput(attrs={"dir": "auto"}),
            "affected_persons": forms.SelectMultiple(attrs={"size": 3}),
            "actors": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["violation_type"] = forms.ModelChoiceField(
            queryset=ViolationType.objects.active(), to_field_name="code", label=_("Violation type")
        )
        self.fields["platform"] = forms.ModelChoiceField(
            queryset=Platform.objects.active(), to_field_name="code", required=False, label=_("Platform or channel")
        )
        self.fields["outcome"] = forms.ModelChoiceField(
            queryset=Outcome.objects.active(), to_field_name="code", required=False, label=_("Outcome")
        )
        self.fields["actors"].queryset = Actor.objects.select_related("actor_type").order_by("name_en", "name_ar")
        self.fields["new_actor_type"].queryset = ActorType.objects.active()
        persons = case.persons.all() if case is not None and case.pk else Person.objects.none()
        self.fields["affected_persons"].queryset = persons
        self.fields["affected_persons"].help_text = _("Left empty on a new act: every affected person of the case.")
        if self.instance.pk:
            self.initial["when"] = partial_initial(self.instance.date, self.instance.date_precision)
            for name in ("violation_type", "platform", "outcome"):
                related = getattr(self.instance, name)
                self.initial[name] = related.code if related else None

    def _post_clean(self):
        self.instance.date, self.instance.date_precision = self.cleaned_data.get("when") or (None, DatePrecision.DAY)
        super()._post_clean()

    def add_error(self, field, error):
        if isinstance(error, forms.ValidationError) and hasattr(error, "error_dict") and "date" in error.error_dict:
            error.error_dict["when"] = error.error_dict.pop("date")
        super().add_error(field, error)

    def clean(self):
        cleaned = super().clean()
        name, actor_type = (cleaned.get("new_actor_name") or "").strip(), cleaned.get("new_actor_type")
        if name and actor_type is None and "new_actor_type" not in self.errors:
            self.add_error("new_actor_type", _("Choose the type of the new actor."))
        if actor_type is not None and not name:
            self.add_error("new_actor_name", _("Name the new actor, or leave its type empty."))
        return cleaned

    def new_actor(self) -> dict | None:
        """The actor to create with the act, as ``services.actor_create`` takes it, or None."""
        name = (self.cleaned_data.get("new_actor_name") or "").strip()
        if not name:
            return None
        return {"name": name, "actor_type": self.cleaned_data["new_actor_type"]}

    def service_fields(self) -> dict:
        data = {
            name: self.cleaned_data[name] for name in self.Meta.fields if name not in ("affected_persons", "actors")
        }
        data["date"], data["date_precision"] = self.cleaned_data["when"]
        return data


class RemovableInlineFormSet(BaseInlineFormSet):
    """ "Remove" keeps the row (it is taken off the case by the services, never deleted)."""

    deletion_widget = forms.CheckboxInput

    def get_deletion_widget(self):
        return forms.CheckboxInput(attrs={"title": _("Remove from the case")})


PersonFormSet = inlineformset_factory(
    Case, Person, form=PersonForm, formset=RemovableInlineFormSet, extra=1, can_delete=True
)
ViolationFormSet = inlineformset_factory(
    Case, Violation, form=ViolationForm, formset=RemovableInlineFormSet, extra=1, can_delete=True
)


class InterventionForm(forms.ModelForm):
    class Meta:
        model = Intervention
        fields = [
            "kind",
            "violation",
            "recipient",
            "platform",
            "channel",
            "urgency",
            "status",
            "sent_on",
            "external_reference",
            "summary",
            "response_date",
            "response_text",
            "due_date",
        ]
        widgets = {
            **{name: forms.DateInput(attrs={"type": "date"}) for name in ("sent_on", "response_date", "due_date")},
            **_dir_auto("recipient", "channel", "external_reference"),
            "summary": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "response_text": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }
        help_texts = {"due_date": _("Left empty: the platform's target response time, or the DSA six-month window.")}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["violation"].queryset = case.violations.select_related("violation_type", "platform")
        self.fields["platform"] = forms.ModelChoiceField(
            queryset=Platform.objects.active(), to_field_name="code", required=False, label=_("Platform")
        )
        if self.instance.pk and self.instance.platform_id:
            self.initial["platform"] = self.instance.platform.code


class TransitionForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)
    note = forms.CharField(required=False, max_length=100, label=_("Note"))


class ArchiveForm(forms.Form):
    renders_alike_when_blank = True  # see casebook/templatetags/blank_forms.py

    reason = forms.CharField(
        label=_("Reason for archiving"), widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}), max_length=2000
    )


class ReviewNoteForm(forms.Form):
    renders_alike_when_blank = True  # see casebook/templatetags/blank_forms.py

    text = forms.CharField(
        label=_("Legal review"), widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}), max_length=20000
    )


class LinkForm(forms.Form):
    renders_alike_when_blank = True  # see casebook/templatetags/blank_forms.py

    reference = forms.CharField(label=_("Reference of the other case"), max_length=20)
    kind = forms.ChoiceField(label=_("Link"), choices=CaseLinkKind.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ShareForm(forms.Form):
    partner = forms.ModelChoiceField(queryset=None, label=_("Legal partner"), empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = legal_partners()
        # Shown from the cache (the case page offers the form on every view); a choice is
        # checked against the queryset above when the form is sent.
        self.fields["partner"].choices = partner_choices()
