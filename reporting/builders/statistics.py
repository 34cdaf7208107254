"""The statistics report and the yearly trusted-flagger summary: counts only, no personal data.

Both read the cases through the statistics profile, which keeps no person and
no free text; what is left is taxonomy, dates, countries and actor bodies.
"""

import statistics as stats
from collections import Counter

from django.utils.translation import gettext as _

from cases.services import local_today
from reporting.builders.checks import Problem
from reporting.builders.common import base_context
from reporting.builders.content_outcomes import content_outcomes
from reporting.charts import bar_rows, column_chart
from reporting.profiles import Profile, disclose_case
from reporting.records import CaseRecord

ANSWERED = {"acknowledged", "actioned", "content_restored", "refused"}


def _ranked(counter: Counter, direction: str, limit: int = 15) -> list:
    return bar_rows(sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit], direction=direction)


# The longest span, in months, shown month by month, then quarter by quarter; beyond, by year.
MONTHLY_UP_TO = 24
QUARTERLY_UP_TO = 96


def _months(cases) -> list[tuple[str, int]]:
    counter = Counter(f"{case.start_date:%Y-%m}" for case in cases if case.start_date)
    if not counter:
        return []
    first, last = min(counter), max(counter)
    year, month = int(first[:4]), int(first[5:])
    series = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        series.append((key, counter.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return series


def by_period(months: list[tuple[str, int]]) -> tuple[str, list[tuple[str, int]]]:
    """The monthly series grouped by what its span calls for: ("month" | "quarter" | "year", series).

    A quarter is labelled by its first month (2016-04), a year by the year: digits only, since
    the chart's SVG text is not shaped for Arabic."""
    if len(months) <= MONTHLY_UP_TO:
        return "month", months
    grouped: Counter = Counter()
    quarterly = len(months) <= QUARTERLY_UP_TO
    for key, value in months:
        year, month = key[:4], int(key[5:])
        grouped[f"{year}-{(month - 1) // 3 * 3 + 1:02d}" if quarterly else year] += value
    return ("quarter" if quarterly else "year"), sorted(grouped.items())


def build_statistics(*, cases: list[CaseRecord], profile: str, language: str, options: dict) -> dict:
    disclosed = [disclose_case(case, Profile.STATISTICS) for case in cases]
    direction = "rtl" if language == "ar" else "ltr"
    by_type, by_platform, by_country, by_actor, outcomes = Counter(), Counter(), Counter(), Counter(), Counter()
    response_days, per_platform_days = [], {}
    for case in disclosed:
        by_country[case.country_name or case.country] += 1
        by_type.update({v.type_label for v in case.violations if v.type_label})
        by_platform.update({v.platform_label for v in case.violations if v.platform_label})
        by_actor.update({a.actor_type or a.name for v in case.violations for a in v.actors})
        for intervention in case.interventions:
            outcomes[intervention.status_label] += 1
            if intervention.sent_on and intervention.response_date and intervention.status in ANSWERED:
                days = (intervention.response_date - intervention.sent_on).days
                response_days.append(days)
                key = intervention.platform_label or intervention.kind_label
                per_platform_days.setdefault(key, []).append(days)
    months = _months(disclosed)
    unit, series = by_period(months)
    chart_titles = {"month": _("Cases by month"), "quarter": _("Cases by quarter"), "year": _("Cases by year")}
    return {
        **base_context(
            template="statistics",
            title=_("Statistics report"),
            profile=Profile.STATISTICS,
            language=language,
            cases=[],
            options=options,
        ),
        "case_count": len(disclosed),
        "undated": sum(1 for case in disclosed if not case.start_date),
        "period": (months[0][0], months[-1][0]) if months else None,
        "by_month": column_chart(series),
        "by_period_title": chart_titles[unit],
        "by_period_note": _("Each column starts at the month shown.") if unit == "quarter" else "",
        "by_type": _ranked(by_type, direction),
        "by_platform": _ranked(by_platform, direction),
        "by_country": _ranked(by_country, direction),
        "by_actor": _ranked(by_actor, direction),
        "outcomes": _ranked(outcomes, direction),
        "content": content_outcomes(
            [item for case in disclosed for item in case.content], today=local_today(), direction=direction
        ),
        "response": {
            "answered": len(response_days),
            "median": stats.median(response_days) if response_days else None,
            "mean": round(stats.mean(response_days), 1) if response_days else None,
            "by_recipient": [
                {"label": label, "count": len(days), "median": stats.median(days)}
                for label, days in sorted(per_platform_days.items())
            ],
        },
    }


def build_trusted_flagger(*, cases: list[CaseRecord], profile: str, language: str, options: dict) -> dict:
    """Notices sent under DSA Article 16 in one year: by provider, content type and action taken."""
    year = int(options.get("year") or 0)
    direction = "rtl" if language == "ar" else "ltr"
    by_provider, by_type, by_action = Counter(), Counter(), Counter()
    total = 0
    for case in (disclose_case(case, Profile.STATISTICS) for case in cases):
        types = {v.id: v.type_label for v in case.violations}
        for intervention in case.interventions:
            if intervention.kind != "dsa_notice" or not intervention.sent_on or intervention.sent_on.year != year:
                continue
            total += 1
            by_provider[intervention.platform_label or _("Not specified")] += 1
            by_type[types.get(intervention.violation_id) or next(iter(types.values()), _("Not specified"))] += 1
            by_action[intervention.status_label] += 1
    return {
        **base_context(
            template="trusted_flagger",
            title=_("Trusted flagger report for %(year)s") % {"year": year},
            profile=Profile.STATISTICS,
            language=language,
            cases=[],
            options=options,
        ),
        "year": year,
        "total": total,
        "by_provider": _ranked(by_provider, direction, limit=50),
        "by_type": _ranked(by_type, direction, limit=50),
        "by_action": _ranked(by_action, direction, limit=50),
    }


def check_trusted_flagger(*, cases: list[CaseRecord], options: dict, language: str = "en") -> list[Problem]:
    if not str(options.get("year") or "").strip():
        return [Problem(_("Give the year the summary covers."))]
    return []
