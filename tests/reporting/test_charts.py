"""The statistics charts: the period follows the data's span, bars keep to their row."""

import re

import pytest

from reporting.builders.statistics import by_period
from reporting.charts import BAR_WIDTH, bar_rows, column_chart


def months(first_year: int, count: int) -> list[tuple[str, int]]:
    series = []
    for index in range(count):
        year, month = first_year + index // 12, index % 12 + 1
        series.append((f"{year}-{month:02d}", 1 if index % 7 == 0 else 0))
    return series


@pytest.mark.parametrize(
    ("span", "unit", "columns", "first"),
    [
        (12, "month", 12, "2012-01"),
        (24, "month", 24, "2012-01"),
        (36, "quarter", 12, "2012-01"),
        (97, "year", 9, "2012"),
    ],
)
def test_the_period_follows_the_span(span, unit, columns, first):
    chosen, series = by_period(months(2012, span))
    assert (chosen, len(series), series[0][0]) == (unit, columns, first)
    assert sum(value for _key, value in series) == sum(value for _key, value in months(2012, span))


def test_quarters_are_labelled_by_their_first_month():
    _unit, series = by_period(months(2012, 36))
    assert [key for key, _value in series[:4]] == ["2012-01", "2012-04", "2012-07", "2012-10"]


def test_column_labels_stay_inside_the_drawing():
    svg = column_chart(months(2012, 24), width=480)
    for x in re.findall(r'<text x="([\d.]+)" y="1[45]\d"', svg):
        assert 15 <= float(x) <= 480 - 15


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_the_longest_bar_leaves_room_for_its_count(direction):
    rows = bar_rows([("a", 7), ("b", 3)], direction=direction)
    longest = rows[0].svg
    x, width = (float(value) for value in re.search(r'<rect x="([\d.]+)" y="2" width="([\d.]+)"', longest).groups())
    text_x = float(re.search(r'<text x="([-\d.]+)"', longest).group(1))
    assert x >= 0 and x + width <= BAR_WIDTH
    assert (text_x <= x - 2) if direction == "rtl" else (text_x >= x + width + 2)
    assert 0 < text_x < BAR_WIDTH


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "title"), [("en", "Cases by quarter"), ("ar", "القضايا حسب الربع")])
def test_statistics_name_the_period_and_lay_bars_out_as_a_table(as_user, advocacy, officer, make_case, language, title):
    import datetime

    from django.urls import reverse

    from cases import services

    for index in range(3):
        case = make_case(evidence=0)
        start = datetime.date(2012 + 2 * index, 1, 1)
        services.case_update(actor=officer, case=case, start_date=start, start_date_precision="month")
    response = as_user(advocacy).post(
        reverse("reporting:compose", args=["statistics"]),
        {"profile": "statistics", "language": language, "preview": "1", "recipient": "Annual report"},
    )
    preview = response.context["preview"]
    assert title in preview
    assert '<table class="chart bars">' in preview and "display: flex" not in preview
