"""The data of each document, built in code so that templates only lay it out."""

from django.utils import timezone

from cases.models import Case
from evidence.models import CustodyEvent


def case_file_data(*, case: Case, language: str) -> dict:
    """Everything the case file shows, in a fixed number of queries."""
    items = list(case.evidence_items.order_by("uploaded_at", "id"))
    custody = {}
    for event in CustodyEvent.objects.filter(item__case=case).order_by("at", "id"):
        custody.setdefault(event.item_id, []).append(event)
    return {
        "case": case,
        "language": language,
        "direction": "rtl" if language == "ar" else "ltr",
        "generated_at": timezone.now(),
        "evidence": [
            {
                "item": item,
                "custody_count": len(custody.get(item.pk, [])),
                "last_event": (custody.get(item.pk) or [None])[-1],
            }
            for item in items
        ],
    }
