"""Forms of content items, their status, re-checks and escalations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.choices import STATUS_SOURCES_BY_HAND, AppealStep, ContentStatus, PlatformAnswer, StatusSource, Urgency
from cases.models import ContentItem, Platform

DATE = {"type": "date"}


def _platform_field(**kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Platform.objects.active(), to_field_name="code", label=_("Platform"), **kwargs
    )


class ContentItemForm(forms.ModelForm):
    """An item's description; on a new item, also its first status."""

    url = forms.URLField(
        label=_("URL"), max_length=2000, assume_scheme="https", widget=forms.URLInput(attrs={"dir": "ltr"})
    )
    status = forms.ChoiceField(label=_("Status"), choices=ContentStatus.choices, initial=ContentStatus.REMOVED)
    status_on = forms.DateField(label=_("Status since"), widget=forms.DateInput(attrs=DATE), required=False)
    source = forms.ChoiceField(
        label=_("According to"), choices=STATUS_SOURCES_BY_HAND, initial=StatusSource.USER_REPORT
    )

    class Meta:
        model = ContentItem
        fields = [
            "url",
            "platform",
            "kind",
            "content_id",
            "author_handle",
            "published_on",
            "removed_on",
            "stated_reason",
            "policy",
            "statement_of_reasons_id",
            "blocked_in",
        ]
        widgets = {
            "content_id": forms.TextInput(attrs={"dir": "ltr"}),
            "author_handle": forms.TextInput(attrs={"dir": "auto"}),
            "published_on": forms.DateInput(attrs=DATE),
            "removed_on": forms.DateInput(attrs=DATE),
            "stated_reason": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "policy": forms.TextInput(attrs={"dir": "auto"}),
            "statement_of_reasons_id": forms.TextInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform"] = _platform_field()
        self.fields["blocked_in"].required = False
        if self.instance.pk:
            self.initial["platform"] = self.instance.platform.code
            for name in ("status", "status_on", "source"):
                del self.fields[name]
        else:
            self.fields["status_on"].help_text = _("Left empty: the date removed, or today.")

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ContentStatus.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE))
    source = forms.ChoiceField(label=_("According to"), choices=STATUS_SOURCES_BY_HAND)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"})
    )


class RecheckForm(forms.Form):
    """One click from the item: still down, or back. The date defaults to today."""

    result = forms.ChoiceField(choices=[("still_down", _("Still down")), ("back", _("Restored"))])
    on = forms.DateField(required=False, widget=forms.DateInput(attrs=DATE))


class EscalationForm(forms.Form):
    platform = _platform_field()
    channel = forms.CharField(label=_("Channel"), max_length=200, required=False)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    summary = forms.CharField(
        label=_("What is asked"), required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"})
    )
    items = forms.ModelMultipleChoiceField(
        label=_("Content items"), queryset=ContentItem.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items


class SendForm(forms.Form):
    sent_on = forms.DateField(label=_("Date sent"), widget=forms.DateInput(attrs=DATE))
    external_reference = forms.CharField(label=_("Reference given by the platform"), max_length=200, required=False)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Platform's answer"), choices=PlatformAnswer.choices)
    answered_on = forms.DateField(label=_("Answered on"), widget=forms.DateInput(attrs=DATE))
    note = forms.CharField(
        label=_("What the platform said"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


class AppealForm(forms.Form):
    step = forms.ChoiceField(label=_("Appeal"), choices=[c for c in AppealStep.choices if c[0]])
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE))
    dispute_body = forms.CharField(label=_("Out-of-court dispute body"), max_length=200, required=False)
