"""The composer's form: which cases, which profile, which language, and what the document asks for."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import Language
from cases.models import Case, Platform
from reporting.documents import Document
from reporting.mandates import UN_MANDATES
from reporting.profiles import PERSONAL_DATA_PROFILES, Profile

MAX_CASES = 500


def platforms_of(cases) -> list[Platform]:
    """The platforms the live acts of ``cases`` (already scoped to the user) record."""
    return list(Platform.objects.filter(violations__case__in=cases, violations__removed_at__isnull=True).distinct())


EXTRA_FIELDS = {
    "mandate": lambda: forms.ChoiceField(
        label=_("Mandate addressed"),
        choices=[
            ("", _("— none: the Special Procedures Branch, or the recipient typed below —")),
            *UN_MANDATES.items(),
        ],
        required=False,
    ),
    "recipient": lambda: forms.CharField(
        label=_("Recipient"),
        max_length=200,
        help_text=_(
            "Who receives this copy: a partner, a UN mandate, a platform, a person. It is printed on every page "
            "with the export's id, so that a copy found elsewhere can be traced."
        ),
    ),
    "organisation": lambda: forms.CharField(label=_("Submitting organisation"), max_length=200, required=False),
    "contact": lambda: forms.CharField(label=_("Contact (e-mail)"), max_length=200, required=False),
    "session": lambda: forms.CharField(label=_("UPR session"), max_length=40, required=False),
    "joint": lambda: forms.BooleanField(label=_("Joint submission (5,630 words)"), required=False),
    "summary": lambda: forms.CharField(label=_("Executive summary"), widget=forms.Textarea, required=False),
    "recommendations": lambda: forms.CharField(
        label=_("Recommendations, one per line"), widget=forms.Textarea, required=False
    ),
    "platform": lambda: forms.ModelChoiceField(
        label=_("Platform"), queryset=Platform.objects.filter(is_active=True), to_field_name="code", required=False
    ),
    "explanation": lambda: forms.CharField(
        label=_("Why the content is illegal, or why the decision is wrong"), widget=forms.Textarea, required=False
    ),
    "harm": lambda: forms.CharField(label=_("Harm and urgency"), widget=forms.Textarea, required=False),
    "urgent": lambda: forms.BooleanField(label=_("Urgent: risk to a person"), required=False),
    "action": lambda: forms.CharField(label=_("Action requested"), widget=forms.Textarea, required=False),
    # Set from an escalation's page: the document lists that batch's items only.
    "escalation": lambda: forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1),
    "year": lambda: forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, initial=timezone.now().year, required=False
    ),
}


class ComposeForm(forms.Form):
    cases = forms.ModelMultipleChoiceField(
        label=_("Cases"), queryset=Case.objects.none(), to_field_name="reference", widget=forms.CheckboxSelectMultiple
    )
    profile = forms.ChoiceField(label=_("Disclosure profile"))
    language = forms.ChoiceField(label=_("Language of the document"), choices=Language.choices)

    def __init__(self, *args, document: Document, user, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document
        # The choosable cases are the filtered list, already scoped to the user:
        # a reference outside it is refused like one that does not exist.
        self.fields["cases"].queryset = cases
        if document.counts_only:
            # Counts cover the ticked cases, or every case the filter matches when none is ticked.
            self.fields["cases"].required = False
        profiles = [
            (value, Profile(value).label)
            for value in document.profiles
            if value not in PERSONAL_DATA_PROFILES or user.has_perm("cases.view_personal_data")
        ]
        self.fields["profile"].choices = profiles
        self.fields["profile"].initial = profiles[0][0] if profiles else None
        for name in ("recipient", *(name for name in document.fields if name != "recipient")):
            self.fields[name] = EXTRA_FIELDS[name]()

    def clean_cases(self):
        if "cases" not in self.fields:
            return None
        chosen = self.cleaned_data["cases"]
        if self.document.single_case and len(chosen) != 1:
            raise forms.ValidationError(_("This document is about one case: choose exactly one."))
        if len(chosen) > MAX_CASES:
            raise forms.ValidationError(_("Choose at most %(count)s cases.") % {"count": MAX_CASES})
        return chosen

    def clean(self):
        cleaned = super().clean()
        # A UN communication addressed to a mandate goes to that mandate unless another recipient is named.
        if "recipient" in self.errors and cleaned.get("mandate"):
            del self.errors["recipient"]
            cleaned["recipient"] = ""
        # A platform left unchosen is the one the chosen cases' acts record, when they record one.
        if "platform" in self.fields and not cleaned.get("platform") and cleaned.get("cases"):
            recorded = platforms_of(cleaned["cases"])
            if len(recorded) == 1:
                cleaned["platform"] = recorded[0]
        return cleaned

    def options(self) -> dict:
        options = {}
        for name in ("recipient", *self.document.fields):
            value = self.cleaned_data.get(name)
            if isinstance(value, Platform):
                value = value.code
            options[name] = "" if value is None else value
        return options
