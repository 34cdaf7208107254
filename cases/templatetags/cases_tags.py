from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from cases.choices import DatePrecision

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
