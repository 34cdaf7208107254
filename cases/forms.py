from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from cases.selectors import legal_partners


class CaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = [
            "title",
            "language",
            "narrative",
            "country",
            "start_date",
            "sensitivity",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "narrative": forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
            "title": forms.TextInput(attrs={"dir": "auto"}),
        }

    def clean_start_date(self):
        date = self.cleaned_data.get("start_date")
        if date and date > timezone.localdate():
            raise forms.ValidationError(_("The incident date cannot be in the future."))
        return date


class ShareForm(forms.Form):
    partner = forms.ModelChoiceField(queryset=None, label=_("Legal partner"), empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = legal_partners()
