"""The case list's filters. Each receives the already scoped queryset; an invalid value returns nothing.

Drop-downs that list records (actors, tags, assigned officers) are callables
scoped to the user: only values found on cases the user may see. The
vocabularies (violation types, platforms, professions, countries) are the
organisation's published taxonomies, listed whole.
"""

import copy
import hashlib
from functools import partial

import django_filters
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cases import dropdowns, selectors
from cases.choices import OPEN_INTERVENTION_STATUSES, Sensitivity, Status, country_names
from cases.dropdowns import actor_choices, officer_choices, tag_choices, taxonomy_choices, taxonomy_id
from cases.models import Case, Intervention, Person, Platform, Profession, Violation, ViolationType
from cases.search import query_words, search, search_exact
from cases.selectors import case_list_visible, may_see_personal_data
from cases.widgets import FastSelect

# name → (label, keyset ordering)
SORTS = {
    "newest": (_("Newest first"), ("-created_at", "-id")),
    "oldest": (_("Oldest first"), ("created_at", "id")),
    "updated": (_("Recently updated"), ("-updated_at", "-id")),
}


def _country_choices() -> list[tuple[str, str]]:
    return list(country_names().items())


def _own_copy(base_filter):
    """A filter for one filterset: its attributes copied, its ``extra`` (where the user's choices
    go) and its method's helper its own, and no field left from elsewhere (``Filter.field``
    builds one on first use)."""
    own = copy.copy(base_filter)
    own.extra = dict(base_filter.extra)
    vars(own).pop("_field", None)
    # A filter with a ``method`` holds a helper that points back at the filter (to find its
    # filterset): set again, it points at the copy.
    if own.method is not None:
        own.method = base_filter.method
    return own


class _BuiltForThisForm(dict):
    """A form's fields that were built for it alone: a form copies its class's fields so that no
    two forms share one; these are already its own, and a copy of the mapping is enough."""

    def __deepcopy__(self, memo):
        return dict(self)


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"type": "search", "dir": "auto"}),
    )
    violation_type = django_filters.ChoiceFilter(
        widget=FastSelect,
        choices=partial(taxonomy_choices, ViolationType),
        method="filter_violation_type",
        label=_("Type"),
    )
    platform = django_filters.ChoiceFilter(
        widget=FastSelect,
        choices=partial(taxonomy_choices, Platform),
        method="filter_platform",
        label=_("Platform"),
    )
    country = django_filters.ChoiceFilter(widget=FastSelect, choices=_country_choices, label=_("Country"))
    status = django_filters.ChoiceFilter(widget=FastSelect, choices=Status.choices, label=_("Status"))
    sensitivity = django_filters.ChoiceFilter(widget=FastSelect, choices=Sensitivity.choices, label=_("Sensitivity"))
    date_from = django_filters.DateFilter(
        field_name="start_date", lookup_expr="gte", label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        field_name="start_date", lookup_expr="lte", label=_("To"), widget=forms.DateInput(attrs={"type": "date"})
    )
    # The choices of these three depend on the user: given in __init__.
    actor = django_filters.ChoiceFilter(widget=FastSelect, method="filter_actor", label=_("Actor"))
    profession = django_filters.ChoiceFilter(
        widget=FastSelect,
        choices=partial(taxonomy_choices, Profession),
        method="filter_profession",
        label=_("Affected person's profession"),
    )
    tag = django_filters.ChoiceFilter(widget=FastSelect, method="filter_tag", label=_("Tag"))
    assigned = django_filters.ChoiceFilter(widget=FastSelect, method="filter_assigned", label=_("Assigned officer"))
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        label=_("Intervention overdue"),
        widget=forms.Select(choices=[("", "—"), ("true", _("Yes")), ("false", _("No"))]),
    )
    archived = django_filters.ChoiceFilter(
        widget=FastSelect,
        choices=[("only", _("Archived only")), ("all", _("Open and archived"))],
        method="filter_archived",
        empty_label=_("Open cases"),
        label=_("Archive"),
    )
    sort = django_filters.ChoiceFilter(
        widget=FastSelect,
        choices=[(key, label) for key, (label, _ordering) in SORTS.items()],
        method="filter_nothing",
        empty_label=None,
        label=_("Sort"),
    )

    class Meta:
        model = Case
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # django-filter's own __init__, except that each filter is copied shallowly (with its own
        # ``extra``, and without a field built for another request) instead of deep-copied: a
        # deep copy of fifteen filters, their lazy labels and choice lists was a millisecond of
        # every list page. The fields are then built for this filterset alone.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: _own_copy(base_filter) for name, base_filter in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self
        user = getattr(self.request, "user", None) or AnonymousUser()
        for name, choices in (("actor", actor_choices), ("tag", tag_choices), ("assigned", officer_choices)):
            self.filters[name].extra["choices"] = partial(choices, user)

    def get_form_class(self):
        form_class = super().get_form_class()
        # The fields were built for this filterset (``_own_copy``): the form need not copy them again.
        form_class.base_fields = _BuiltForThisForm(form_class.base_fields)
        return form_class

    @property
    def qs(self):
        return self._open_unless_asked(super().qs)

    def _open_unless_asked(self, queryset):
        data = getattr(self.form, "cleaned_data", {}) if self.is_bound else {}
        if data.get("archived") in (None, ""):
            queryset = queryset.filter(archived_at__isnull=True)
        return queryset

    @property
    def ordering(self) -> tuple[str, ...]:
        # An invalid filter lists nothing (``filtered_cases``), and is not searched: no rank to sort by.
        data = self.form.cleaned_data if self.is_bound and self.is_valid() else {}
        ordering = SORTS.get(data.get("sort") or "newest", SORTS["newest"])[1]
        # A search puts the cases that hold every word as typed before those found through stems.
        return ("search_rank", *ordering) if query_words(data.get("q") or "") else ordering

    @property
    def dates_given(self) -> bool:
        """A valid filter with a range of start dates."""
        if not (self.is_bound and self.is_valid()):
            return False
        return any(self.form.cleaned_data.get(name) for name in ("date_from", "date_to"))

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_search(self, queryset, name, value):
        words = query_words(value)
        if not words:
            return queryset
        personal = may_see_personal_data(self.request.user) if self.request else False
        return (search_exact if self.exact_only else search)(queryset, words, personal=personal)

    exact_only = False

    @property
    def exact_matches(self):
        """The same cases with only those a search ranks first (every word as typed), or None
        without a search: ``keyset_page`` looks for a page of them among the newest cases first."""
        if not (self.is_bound and self.is_valid() and query_words(self.form.cleaned_data.get("q") or "")):
            return None
        self.exact_only = True  # read by filter_search, through each filter's link to this filterset
        try:
            return self._open_unless_asked(self.filter_queryset(self.queryset.all()))
        finally:
            self.exact_only = False

    # The values below were checked against the drop-down's choices: only what the user may choose.
    def filter_violation_type(self, queryset, name, value):
        violations = Violation.objects.filter(
            case_id=OuterRef("pk"), violation_type_id=taxonomy_id(ViolationType, value)
        )
        return queryset.filter(Exists(violations))

    def filter_platform(self, queryset, name, value):
        violations = Violation.objects.filter(case_id=OuterRef("pk"), platform_id=taxonomy_id(Platform, value))
        return queryset.filter(Exists(violations))

    def filter_actor(self, queryset, name, value):
        return queryset.filter(Exists(Violation.objects.filter(case_id=OuterRef("pk"), actors=int(value))))

    def filter_profession(self, queryset, name, value):
        persons = Person.objects.filter(case_id=OuterRef("pk"), profession_id=taxonomy_id(Profession, value))
        return queryset.filter(Exists(persons))

    def filter_tag(self, queryset, name, value):
        return queryset.filter(Exists(Case.tags.through.objects.filter(case_id=OuterRef("pk"), tag_id=int(value))))

    def filter_assigned(self, queryset, name, value):
        assigned = Case.assigned_officers.through.objects.filter(case_id=OuterRef("pk"), user_id=int(value))
        return queryset.filter(Exists(assigned))

    def filter_overdue(self, queryset, name, value):
        overdue = Intervention.objects.filter(
            case_id=OuterRef("pk"), status__in=OPEN_INTERVENTION_STATUSES, due_date__lt=timezone.localdate()
        )
        return queryset.filter(Exists(overdue)) if value else queryset.exclude(Exists(overdue))

    def filter_archived(self, queryset, name, value):
        return queryset.filter(archived_at__isnull=False) if value == "only" else queryset


# Parameters of the list that choose a page, not cases.
PAGING = frozenset({"after", "before", "size"})


def is_filtered(query) -> bool:
    return bool(set(query) - PAGING)


def filtered_cases(request):
    """The user's cases through the list's filters: (filter, queryset); an invalid filter gives nothing.

    The case list, its CSV export and the document composer all choose cases this way.
    """
    visible = case_list_visible(user=request.user)
    case_filter = CaseFilter(request.GET if is_filtered(request.GET) else None, queryset=visible, request=request)
    if case_filter.is_bound and not case_filter.is_valid():
        return case_filter, visible.none()
    return case_filter, case_filter.qs


def estimate_key(request, case_filter: CaseFilter) -> str | None:
    """A name for the list's query, for its kept size estimate (``cases.pagination``), without
    compiling it: the user, what the user sees and the filters decide the query. None (the query's
    own text is the key) for a user whose scope is their shares, which would cost a query to name."""
    user = request.user
    if not user.is_authenticated or not (selectors.sees_everything(user) or user.has_perm(selectors.VIEW)):
        return None
    filters = sorted((name, request.GET.getlist(name)) for name in request.GET if name not in PAGING)
    if case_filter.is_bound and not case_filter.is_valid():
        return None
    named = repr((user.pk, dropdowns.scope(user), filters))
    return "cases:estimate:request:" + hashlib.sha256(named.encode()).hexdigest()


def filter_fields_html(case_filter: CaseFilter, user) -> str:
    """The filter form's fields as HTML.

    The form is the same for every page of the user's list with the same filter until a
    drop-down's choices change, and building and rendering its fifteen fields is a good part of
    the page: it is kept as HTML under the key of the drop-downs it shows (``cases.dropdowns``)
    and of the values the form shows, for as long as the drop-downs are. A form with errors is
    rendered anew (its messages may depend on the day).
    """
    key = dropdowns.fragment_key("filters", user)
    if case_filter.is_bound:
        if not case_filter.is_valid():
            return render_to_string("cases/filter_fields.html", {"form": case_filter.form})
        shown = sorted((name, case_filter.data.getlist(name)) for name in case_filter.form.fields)
        key += ":" + hashlib.sha256(repr(shown).encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render_to_string("cases/filter_fields.html", {"form": case_filter.form})
        cache.set(key, str(html), dropdowns.SCOPED_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by the template above, escaping included
