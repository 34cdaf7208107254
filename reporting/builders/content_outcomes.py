"""Outcomes of content takedowns, per platform and period: counts and delays, no personal data.

Definitions, so that a figure can be checked by hand:

- *removed*: an item whose history holds a status where the content is down
  (removed, restricted, geo-blocked, suspended, removal upheld); its period is
  the month of its removal (the date removed, else its first such status);
- *restored*: a removed item whose current status is restored or reinstated;
  *upheld*: one whose current status is removal upheld;
- *days to an answer*: from the day an escalation was sent to the platform's
  answer on the item (answers of "no answer" are not answers);
- *days to restoration*: from the removal to the first restored or reinstated
  status after it;
- *answered in time*: answers on or before the escalation's due date (the
  platform's stated response time), out of the items whose answer came or whose
  due date has passed.
"""

import statistics as stats
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from cases.choices import CONTENT_BACK_STATUSES, CONTENT_DOWN_STATUSES, ContentStatus, PlatformAnswer
from reporting.charts import bar_rows
from reporting.records import ContentRecord


@dataclass
class Outcomes:
    label: str
    removed: int = 0
    restored: int = 0
    upheld: int = 0
    answer_days: list[int] = field(default_factory=list)
    restoration_days: list[int] = field(default_factory=list)
    due: int = 0
    in_time: int = 0

    @property
    def median_answer_days(self):
        return stats.median(self.answer_days) if self.answer_days else None

    @property
    def median_restoration_days(self):
        return stats.median(self.restoration_days) if self.restoration_days else None

    @property
    def in_time_percent(self):
        return round(100 * self.in_time / self.due) if self.due else None


def _removal(item: ContentRecord) -> date | None:
    """When the item went down: the date removed, else its first status where it was down."""
    down = [status.on for status in item.statuses if status.status in CONTENT_DOWN_STATUSES]
    if item.removed_on:
        return item.removed_on
    return min(down) if down else None


def _was_removed(item: ContentRecord) -> bool:
    return bool(item.removed_on) or any(status.status in CONTENT_DOWN_STATUSES for status in item.statuses)


def _add(outcomes: Outcomes, item: ContentRecord, removed_on: date, today: date) -> None:
    outcomes.removed += 1
    if item.status in CONTENT_BACK_STATUSES:
        outcomes.restored += 1
        back = [s.on for s in item.statuses if s.status in CONTENT_BACK_STATUSES and s.on >= removed_on]
        if back:
            outcomes.restoration_days.append((min(back) - removed_on).days)
    elif item.status == ContentStatus.UPHELD:
        outcomes.upheld += 1
    for entry in item.escalations:
        if entry.sent_on is None:
            continue
        answered = entry.answered_on is not None and entry.answer not in ("", PlatformAnswer.NO_ANSWER)
        if answered:
            outcomes.answer_days.append((entry.answered_on - entry.sent_on).days)
        if entry.due_date is not None and (answered or entry.due_date < today):
            outcomes.due += 1
            outcomes.in_time += int(answered and entry.answered_on <= entry.due_date)


def content_outcomes(items: list[ContentRecord], *, today: date, direction: str = "ltr") -> dict:
    """Per platform, per platform and month of removal, and in all: the figures defined above."""
    total = Outcomes(label="")
    by_platform: dict[str, Outcomes] = {}
    by_period: dict[tuple[str, str], Outcomes] = {}
    for item in items:
        if not _was_removed(item):
            continue
        removed_on = _removal(item)
        label = item.platform_label or item.platform_code
        period = f"{removed_on:%Y-%m}" if removed_on else ""
        for outcomes in (
            total,
            by_platform.setdefault(label, Outcomes(label=label)),
            by_period.setdefault((label, period), Outcomes(label=period)),
        ):
            _add(outcomes, item, removed_on or today, today)
    platforms = sorted(by_platform.values(), key=lambda row: (-row.removed, row.label))
    periods = defaultdict(list)
    for (platform, _period), outcomes in sorted(by_period.items()):
        periods[platform].append(outcomes)
    return {
        "total": total,
        "platforms": [{"outcomes": row, "periods": periods[row.label]} for row in platforms],
        "removed_chart": bar_rows([(row.label, row.removed) for row in platforms], direction=direction),
        "restored_chart": bar_rows([(row.label, row.restored) for row in platforms], direction=direction),
    }
