"""Charts for the statistics report, drawn as SVG by the app and embedded in the PDF.

WeasyPrint draws SVG text without Arabic shaping, so words stay in HTML next
to the drawing: a bar chart is a list of rows, each an HTML label and an SVG
bar carrying its number; the monthly chart labels its columns with digits only.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_WIDTH = 320
BAR_HEIGHT = 14
COLOUR = "#2f5d7c"


@dataclass(frozen=True)
class BarRow:
    label: str
    value: int
    svg: SafeString


def bar_rows(counts: list[tuple[str, int]], *, direction: str = "ltr") -> list[BarRow]:
    """One row per label, longest bar the largest value; bars grow from the start edge."""
    largest = max((value for _label, value in counts), default=0) or 1
    rows = []
    for label, value in counts:
        length = round((BAR_WIDTH - 40) * value / largest)
        x = BAR_WIDTH - length if direction == "rtl" else 0
        text_x = BAR_WIDTH - length - 4 if direction == "rtl" else length + 4
        anchor = "end" if direction == "rtl" else "start"
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="bar" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" '
            f'viewBox="0 0 {BAR_WIDTH} {BAR_HEIGHT}" role="img">'
            f'<rect x="{x}" y="2" width="{length}" height="{BAR_HEIGHT - 4}" fill="{COLOUR}"/>'
            f'<text x="{text_x}" y="{BAR_HEIGHT - 3}" text-anchor="{anchor}" font-size="9" '
            f'font-family="DejaVu Sans">{int(value)}</text></svg>'
        )
        rows.append(BarRow(label=label, value=value, svg=mark_safe(svg)))  # noqa: S308 - numbers only
    return rows


def column_chart(series: list[tuple[str, int]], *, width: int = 480, height: int = 160) -> SafeString:
    """Columns over time (``YYYY-MM`` or ``YYYY`` labels), with the count above each column."""
    if not series:
        return mark_safe("")
    largest = max(value for _label, value in series) or 1
    margin = 18  # room for the first and last labels, centred under their columns
    slot = (width - 2 * margin) / len(series)
    column = max(2.0, slot * 0.7)
    plot = height - 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="columns" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">',
        f'<line x1="0" y1="{plot}" x2="{width}" y2="{plot}" stroke="#999" stroke-width="0.5"/>',
    ]
    label_every = max(1, round(len(series) / 12))
    for index, (label, value) in enumerate(series):
        column_height = (plot - 12) * value / largest
        x = margin + index * slot + (slot - column) / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{plot - column_height:.1f}" width="{column:.1f}" '
            f'height="{column_height:.1f}" fill="{COLOUR}"/>'
        )
        if value:
            parts.append(
                f'<text x="{x + column / 2:.1f}" y="{plot - column_height - 2:.1f}" text-anchor="middle" '
                f'font-size="7" font-family="DejaVu Sans">{int(value)}</text>'
            )
        if index % label_every == 0:
            parts.append(
                f'<text x="{x + column / 2:.1f}" y="{plot + 11}" text-anchor="middle" font-size="7" '
                f'font-family="DejaVu Sans">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - labels escaped, the rest numbers
