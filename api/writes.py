"""Writes of the API: the page's services, so history, search and audit follow as they do there.

Each view finds the case with the access helper first (404 for hidden and missing alike),
then lets the service decide what the caller's role may do (403).
"""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from api import serializers
from api.base import REFERENCE, ApiView
from api.views import CaseDetail, CaseList
from cases import services
from cases.disclosure import CASE_TEXT_FIELDS, RECORD_TEXT_FIELDS, read_in_place
from cases.selectors import case_get_for_user
from evidence import services as evidence_services


def _may_add_evidence(user) -> None:
    if not user.has_perm("evidence.add_evidenceitem"):
        raise PermissionDenied


class CaseListCreate(CaseList):
    @extend_schema(
        request=serializers.CaseWriteSerializer,
        responses={201: serializers.CaseDetailSerializer},
        summary="Create a case (intake)",
    )
    def post(self, request):
        if not request.user.has_perm("cases.add_case"):
            raise PermissionDenied
        incoming = serializers.CaseWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        case = services.case_create(actor=request.user, **incoming.validated_data)
        read_in_place(self.reader([case.pk]), [case], CASE_TEXT_FIELDS)
        return Response(serializers.CaseDetailSerializer(case).data, status=status.HTTP_201_CREATED)


class CaseDetailUpdate(CaseDetail):
    @extend_schema(
        parameters=[REFERENCE],
        request=serializers.CaseWriteSerializer(partial=True),
        responses={200: serializers.CaseDetailSerializer},
        summary="Change a case's own fields",
    )
    def patch(self, request, reference):
        case = case_get_for_user(request.user, reference)
        if not request.user.has_perm("cases.change_case"):
            raise PermissionDenied
        incoming = serializers.CaseWriteSerializer(case, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        case = services.case_update(actor=request.user, case=case, **incoming.validated_data)
        read_in_place(self.reader([case.pk]), [case], CASE_TEXT_FIELDS)
        return Response(serializers.CaseDetailSerializer(case).data)


class EvidenceFileCreate(ApiView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        parameters=[REFERENCE],
        request={"multipart/form-data": serializers.EvidenceFileWriteSerializer},
        responses={201: serializers.EvidenceSerializer},
        summary="Add a file as evidence (the same intake checks as the page)",
    )
    def post(self, request, reference):
        case = case_get_for_user(request.user, reference)
        _may_add_evidence(request.user)
        incoming = serializers.EvidenceFileWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        uploaded = incoming.validated_data["file"]
        try:
            item = evidence_services.evidence_add(
                actor=request.user, case=case, uploaded=uploaded, description=incoming.validated_data["description"]
            )
        finally:
            uploaded.close()
        read_in_place(self.reader([case.pk]), [item], RECORD_TEXT_FIELDS["evidence"])
        return Response(serializers.EvidenceSerializer(item).data, status=status.HTTP_201_CREATED)


class EvidenceLinkCreate(ApiView):
    @extend_schema(
        parameters=[REFERENCE],
        request=serializers.EvidenceLinkWriteSerializer,
        responses={201: serializers.EvidenceSerializer},
        summary="Keep a URL as evidence, with its capture date (the server never fetches it)",
    )
    def post(self, request, reference):
        case = case_get_for_user(request.user, reference)
        _may_add_evidence(request.user)
        incoming = serializers.EvidenceLinkWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        item = evidence_services.link_add(actor=request.user, case=case, **incoming.validated_data)
        read_in_place(self.reader([case.pk]), [item], RECORD_TEXT_FIELDS["evidence"])
        return Response(serializers.EvidenceSerializer(item).data, status=status.HTTP_201_CREATED)
