import html

from django import template
from django.urls import reverse
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cases.choices import DatePrecision, Sensitivity, Status, country_names

register = template.Library()


@register.simple_tag
def partial_date(value, precision):
    """A date shown only as precisely as it is known: "March 2026", "2026", "about 14 March 2026"."""
    if value is None:
        return "—"
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    text = formats.date_format(value, "DATE_FORMAT")
    if precision == DatePrecision.APPROXIMATE:
        return _("about %(date)s") % {"date": text}
    return text


@register.simple_tag
def case_rows(cases, violations):
    """The rows of the case list, written in Python rather than in the template.

    A page holds up to a hundred rows of a dozen values each; Django's template
    engine spent about a fifth of a millisecond on each row, more than the
    database did on the whole page. Every value is escaped here; ``violations``
    comes from ``selectors.case_list_violations``.
    """
    arabic = (get_language() or "en").startswith("ar")
    statuses = {code: escape(label) for code, label in Status.choices}
    sensitivities = {code: escape(label) for code, label in Sensitivity.choices}
    countries = country_names()
    archived = escape(_("Archived"))
    # Reversed once: the reference (letters, digits and dashes) is all that changes from row to row.
    url_before, url_after = reverse("cases:detail", args=["~"]).split("~")
    # The standard library's escaping, which Django's ``escape`` applies after checking each value
    # for a lazy translation (none of the values below is one): the same text, without that check.
    quote = html.escape
    rows = []
    for case in cases:
        chips = []
        for type_en, type_ar, platform_en, platform_ar in violations.get(case.pk, ()):
            label = quote(type_ar if arabic else type_en)
            platform = platform_ar if arabic else platform_en
            if platform:
                label = f"{label} · {quote(platform)}"
            chips.append(f'<span class="chip">{label}</span>')
        reference = quote(case.reference)
        badge = f' <span class="badge">{archived}</span>' if case.archived_at else ""
        # The stored code (the field keeps it clean), without building a Country object per row
        # (a default given to ``get`` would build it anyway).
        code = (vars(case)["country"] if "country" in vars(case) else case.country.code) or ""  # noqa: SIM401
        country = quote(countries.get(code, code))
        # The title in the reader's language when it has been translated; the original on hover.
        title, title_language = case.title_for_reader()
        original = f' title="{quote(case.title)}"' if title != case.title else ""
        rows.append(
            '<tr class="case-row">'
            f'<td><a href="{url_before}{reference}{url_after}"><bdi>{reference}</bdi></a>{badge}</td>'
            f'<td lang="{quote(title_language)}" dir="auto"{original}>{quote(title)}</td>'
            f"<td>{''.join(chips)}</td>"
            f"<td>{country}</td>"
            f'<td><span class="badge status-{quote(case.status)}">{statuses.get(case.status, "")}</span></td>'
            f'<td><span class="badge sensitivity-{quote(case.sensitivity)}">'
            f"{sensitivities.get(case.sensitivity, '')}</span></td>"
            "</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every value above is escaped)
