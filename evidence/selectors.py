from django.http import Http404

from cases.selectors import case_list_visible
from evidence.models import EvidenceItem


def evidence_for_case(*, case):
    return case.evidence_items.select_related("uploaded_by").order_by("uploaded_at", "id")


def evidence_get_for_user(user, pk: int) -> EvidenceItem:
    """The item if its case is visible to the user; Http404 for missing and hidden alike."""
    try:
        return EvidenceItem.objects.select_related("case").get(pk=pk, case__in=case_list_visible(user=user))
    except EvidenceItem.DoesNotExist:
        raise Http404 from None
