from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import Scope
from api.tokens import DEFAULT_DAYS, MAX_DAYS


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=80, help_text=_("Where the token is used, e.g. “hashtag monitor”.")
    )
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=MAX_DAYS, initial=DEFAULT_DAYS)
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=Scope.choices, initial=[Scope.READ], widget=forms.CheckboxSelectMultiple
    )
