"""Reads of the API: the same selectors, access helpers and disclosure as the pages."""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from api import serializers
from api.base import REFERENCE, ApiView
from api.models import Scope
from casebook.audit import Action, record
from cases.choices import Status, country_names
from cases.disclosure import CASE_TEXT_FIELDS, RECORD_TEXT_FIELDS, read_in_place
from cases.filters import CaseFilter, filtered_cases
from cases.models import ActorType, Outcome, Platform, Profession, ViolationType
from cases.selectors import (
    actors_visible,
    case_get_for_user,
    case_links_visible,
    case_list_visible,
    sees_everything,
)
from evidence import services as evidence_services
from evidence import serving
from evidence.models import CustodyEvent
from evidence.selectors import evidence_get_for_user
from reporting import jobs
from reporting.models import Report
from reporting.views import _download

CASE_FILTERS = [
    *(
        OpenApiParameter(name, str, description=str(case_filter.label or name))
        for name, case_filter in CaseFilter.base_filters.items()
    ),
    OpenApiParameter("cursor", str, description="The page: taken from `next` or `previous`."),
    OpenApiParameter("size", int, enum=[25, 50, 100], description="Rows per page (25 unless 50 or 100)."),
]


class CasePagination(CursorPagination):
    """Cursor pages in the order the list page offers (``sort``), 25 rows unless ``size`` says 50 or 100."""

    page_size = 25
    page_size_query_param = "size"
    max_page_size = 100
    ordering = ("-created_at", "-id")


class CaseList(ApiView):
    serializer_class = serializers.CaseListSerializer
    pagination_class = CasePagination

    @extend_schema(
        parameters=CASE_FILTERS,
        responses=serializers.CasePageSerializer,
        operation_id="cases_list",
        summary="Cases, with the list page's filters and search",
    )
    def get(self, request):
        case_filter, cases = filtered_cases(request)
        self.paginator.ordering = case_filter.ordering
        page = self.paginate_queryset(cases)
        read_in_place(self.reader([case.pk for case in page]), page, CASE_TEXT_FIELDS)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class CaseDetail(ApiView):
    serializer_class = serializers.CaseDetailSerializer

    @extend_schema(parameters=[REFERENCE], summary="One case")
    def get(self, request, reference):
        case = case_get_for_user(request.user, reference)
        record(actor=request.user, action=Action.CASE_VIEWED, case=case, request=request)
        read_in_place(self.reader([case.pk]), [case], CASE_TEXT_FIELDS)
        return Response(self.get_serializer(case).data)


class EvidenceDetail(ApiView):
    serializer_class = serializers.EvidenceSerializer

    @extend_schema(summary="One evidence item (metadata)")
    def get(self, request, pk: int):
        item = evidence_get_for_user(request.user, pk)
        evidence_services.custody_record(item=item, action=CustodyEvent.Action.VIEWED, actor=request.user)
        record(actor=request.user, action=Action.EVIDENCE_VIEWED, case=item.case, target=item, request=request)
        read_in_place(self.reader([item.case_id]), [item], RECORD_TEXT_FIELDS["evidence"])
        return Response(self.get_serializer(item).data)


BINARY = {(200, "application/octet-stream"): bytes}


class EvidenceDownload(ApiView):
    """The original file, checked against its hash, as an attachment; recorded in custody."""

    scope = Scope.DOWNLOAD

    @extend_schema(summary="Download an evidence file", responses=BINARY)
    def get(self, request, pk: int):
        item = evidence_get_for_user(request.user, pk)
        if not item.has_file:
            raise Http404
        response = serving.attachment(item, request.user)
        if response.status_code == 200:
            evidence_services.custody_record(item=item, action=CustodyEvent.Action.DOWNLOADED, actor=request.user)
            record(actor=request.user, action=Action.EVIDENCE_DOWNLOADED, case=item.case, target=item, request=request)
        return response


class CaseLinkList(ApiView):
    serializer_class = serializers.CaseLinkSerializer

    @extend_schema(
        parameters=[REFERENCE],
        summary="Linked cases the caller may also see",
        responses=serializers.CaseLinkSerializer(many=True),
    )
    def get(self, request, reference):
        case = case_get_for_user(request.user, reference)
        links = case_links_visible(case=case, user=request.user)
        reader = self.reader([case.pk, *(other.pk for _link, other in links)])
        read_in_place(reader, [other for _link, other in links], ("title",))
        rows = [
            {"reference": other.reference, "title": other.title, "kind": link.kind, "note": reader.text(link.note)}
            for link, other in links
        ]
        return Response(self.get_serializer(rows, many=True).data)


class ActorList(ApiView):
    serializer_class = serializers.ActorSerializer

    @extend_schema(
        summary="Responsible actors named on cases the caller sees", responses=serializers.ActorSerializer(many=True)
    )
    def get(self, request):
        actors = actors_visible(request.user).select_related("actor_type")
        return Response(self.get_serializer(actors, many=True).data)


TAXONOMIES = {
    "violation_types": ViolationType,
    "platforms": Platform,
    "actor_types": ActorType,
    "professions": Profession,
    "outcomes": Outcome,
}


class TaxonomyList(ApiView):
    @extend_schema(
        summary="The vocabularies, with their codes and labels in both languages",
        responses=serializers.TaxonomiesSerializer,
    )
    def get(self, request):
        vocabularies = {name: model.objects.order_by("position", "code") for name, model in TAXONOMIES.items()}
        return Response(serializers.TaxonomiesSerializer(vocabularies).data)


def _reports_for(user):
    """The user's own documents whose cases the user still sees (as the documents page lists them)."""
    visible = case_list_visible(user=user).values("pk")
    hidden = Report.cases.through.objects.exclude(case_id__in=visible).values("report_id")
    return Report.objects.filter(created_by_id=user.pk).exclude(pk__in=hidden).prefetch_related("cases")


class ReportList(ApiView):
    serializer_class = serializers.ReportSerializer

    @extend_schema(
        summary="Documents the caller made (cases still visible only)",
        responses=serializers.ReportSerializer(many=True),
    )
    def get(self, request):
        reports = _reports_for(request.user).order_by("-created_at", "-id")[:100]
        return Response(self.get_serializer(reports, many=True).data)


class ReportDownload(ApiView):
    scope = Scope.DOWNLOAD

    @extend_schema(summary="Download a document", responses={(200, "application/octet-stream"): bytes})
    def get(self, request, pk: int):
        report = _reports_for(request.user).filter(pk=pk).first()
        if report is None:
            raise Http404
        first = report.cases.order_by("pk").first()
        response = _download(report, first.reference if first else "casebook")
        if response.status_code == 200:
            record(actor=request.user, action=Action.REPORT_DOWNLOADED, case=first, target=report, request=request)
        return response


class JobDetail(ApiView):
    serializer_class = serializers.JobSerializer

    @extend_schema(summary="The status of a document job the caller asked for")
    def get(self, request, pk):
        return Response(self.get_serializer(jobs.job_get_for_user(request.user, pk)).data)


def _counts(queryset, key: str, labels) -> list[dict]:
    rows = queryset.exclude(**{f"{key}__isnull": True}).values(key).annotate(count=Count("pk", distinct=True))
    return sorted(
        ({"key": str(row[key]), "label": str(labels(row[key])), "count": row["count"]} for row in rows),
        key=lambda row: (-row["count"], row["key"]),
    )


class Statistics(ApiView):
    """Counts over the cases the caller sees, no personal data. For role-wide readers only:
    a legal partner is never given counts (PRODUCT.md section 1)."""

    serializer_class = serializers.StatisticsSerializer

    @extend_schema(summary="Counts of the open cases the caller sees")
    def get(self, request):
        user = request.user
        if not (sees_everything(user) or user.has_perm("cases.view_case")):
            raise PermissionDenied
        cases = case_list_visible(user=user, archived=False)
        violation_types = {entry.code: entry.label for entry in ViolationType.objects.all()}
        platforms = {entry.code: entry.label for entry in Platform.objects.all()}
        countries = country_names()
        by_month = cases.annotate(month=TruncMonth("created_at"))
        data = {
            "total": cases.count(),
            "by_status": _counts(cases, "status", lambda value: Status(value).label),
            "by_country": _counts(cases, "country", lambda value: countries.get(str(value), value)),
            "by_violation_type": _counts(cases, "violations__violation_type__code", violation_types.get),
            "by_platform": _counts(cases, "violations__platform__code", platforms.get),
            "by_month": _counts(by_month, "month", lambda value: f"{value:%Y-%m}"),
        }
        for row in data["by_month"]:
            row["key"] = row["label"]
        data["by_month"].sort(key=lambda row: row["key"])
        return Response(self.get_serializer(data).data)
