"""Rules a record must satisfy whatever the form: dates that exist and follow each other, consents that add up.

Called from the models' ``clean()``, hence from ``full_clean()`` in every service.
"""

import calendar
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import ConsentKind, ConsentStatus, DatePrecision

EARLIEST = date(1900, 1, 1)


def period_end(value: date, precision: str) -> date:
    """The last day a partial date may stand for (a month date covers the whole month)."""
    if precision == DatePrecision.YEAR:
        return date(value.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value


def normalise_partial(value: date | None, precision: str) -> date | None:
    """A month date is stored as the month's first day, a year date as 1 January."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def _not_future_or_ancient(errors: dict, field: str, value: date | None) -> None:
    if value is None:
        return
    if value > timezone.localdate():
        errors.setdefault(field, []).append(_("This date is in the future."))
    elif value < EARLIEST:
        errors.setdefault(field, []).append(_("This date is before 1900; check the year."))


def check_case(case) -> None:
    errors: dict[str, list[str]] = {}
    _not_future_or_ancient(errors, "start_date", case.start_date)
    _not_future_or_ancient(errors, "end_date", case.end_date)
    if case.end_date and not case.start_date:
        errors.setdefault("start_date", []).append(_("Give the start date when there is an end date."))
    if case.start_date and case.end_date and period_end(case.end_date, case.end_date_precision) < case.start_date:
        errors.setdefault("end_date", []).append(_("The end date is before the start date."))
    if errors:
        raise ValidationError(errors)


def check_person(person) -> None:
    errors: dict[str, list[str]] = {}
    if not (person.name.strip() or person.pseudonym.strip()):
        errors.setdefault("pseudonym", []).append(_("Give a name or a pseudonym."))
    for kind in ConsentKind:
        status = getattr(person, f"consent_{kind}_status")
        on = getattr(person, f"consent_{kind}_date")
        method = getattr(person, f"consent_{kind}_method")
        _not_future_or_ancient(errors, f"consent_{kind}_date", on)
        if status == ConsentStatus.NOT_ASKED:
            if on or method:
                errors.setdefault(f"consent_{kind}_status", []).append(
                    _("A date or a manner is recorded: say whether the consent was given, refused or withdrawn.")
                )
            continue
        if not on:
            errors.setdefault(f"consent_{kind}_date", []).append(
                {
                    ConsentStatus.GIVEN: _("Give the date the consent was given."),
                    ConsentStatus.REFUSED: _("Give the date the person refused."),
                    ConsentStatus.WITHDRAWN: _("Give the date the consent was withdrawn."),
                }[status]
            )
        if status == ConsentStatus.GIVEN and not method:
            errors.setdefault(f"consent_{kind}_method", []).append(_("Say how the consent was given."))
    if errors:
        raise ValidationError(errors)


def check_violation(violation) -> None:
    errors: dict[str, list[str]] = {}
    _not_future_or_ancient(errors, "date", violation.date)
    if errors:
        raise ValidationError(errors)


def check_intervention(intervention) -> None:
    errors: dict[str, list[str]] = {}
    _not_future_or_ancient(errors, "sent_on", intervention.sent_on)
    _not_future_or_ancient(errors, "response_date", intervention.response_date)
    if intervention.response_date and intervention.sent_on and intervention.response_date < intervention.sent_on:
        errors.setdefault("response_date", []).append(_("The response cannot come before the date sent."))
    if intervention.due_date and intervention.due_date < EARLIEST:
        errors.setdefault("due_date", []).append(_("This date is before 1900; check the year."))
    if errors:
        raise ValidationError(errors)
