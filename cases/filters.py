import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cases.choices import Status
from cases.models import Case


class CaseFilter(django_filters.FilterSet):
    """Filters the already scoped queryset it is given; an invalid value returns nothing."""

    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    country = django_filters.ChoiceFilter(choices=lambda: list(countries), label=_("Country"))

    class Meta:
        model = Case
        fields = ["status", "country"]
