import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from casebook.audit.actions import Action
from casebook.models import AuditEvent


def _users(request):
    # Only administrators reach the audit page; they manage every account anyway.
    return get_user_model().objects.order_by("username")


class AuditFilter(django_filters.FilterSet):
    actor = django_filters.ModelChoiceFilter(label=_("User"), queryset=_users)
    case = django_filters.CharFilter(
        label=_("Case reference"), field_name="case_reference", lookup_expr="iexact", max_length=40
    )
    action = django_filters.ChoiceFilter(label=_("Action"), choices=Action.choices)
    since = django_filters.DateFilter(
        label=_("From"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("Until"),
        field_name="created_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields = ["actor", "case", "action", "since", "until"]
