"""Reads of evidence, always through the visibility of the case."""

from django.http import Http404

from cases.selectors import case_list_visible
from evidence.models import CustodyEvent, Derivative, EvidenceItem


def evidence_for_case(*, case):
    return case.evidence_items.select_related("uploaded_by").order_by("uploaded_at", "id")


def evidence_get_for_user(user, pk: int) -> EvidenceItem:
    """The item if its case is visible to the user; Http404 for missing and hidden alike."""
    try:
        return EvidenceItem.objects.select_related("case", "uploaded_by").get(
            pk=pk, case__in=case_list_visible(user=user)
        )
    except EvidenceItem.DoesNotExist:
        raise Http404 from None


def custody_for_item(*, item: EvidenceItem):
    return CustodyEvent.objects.filter(item=item).select_related("actor").order_by("at", "id")


def derivatives_for(*, item: EvidenceItem) -> dict[str, Derivative]:
    if not item.sha256:
        return {}
    return {derivative.kind: derivative for derivative in Derivative.objects.filter(original_sha256=item.sha256)}
