"""The records a case holds (acts, persons, interventions, evidence): list, read, add, change, remove.

Every call finds the case with the access helper first (404 for hidden and missing alike),
then refuses what the caller's role may not do (403), then finds the record among the case's
own (404 for another case's record, or one removed), then reads or writes through the pages'
selectors and services, and answers with the records read as the caller may read them.
Removing is the pages' removal: the record leaves the case and stays in its history.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response

from api import serializers
from api.base import REFERENCE, ApiView
from cases import disclosure, services
from cases.disclosure import RECORD_TEXT_FIELDS, read_in_place
from cases.selectors import case_get_for_user, case_interventions, case_persons, case_violations, may_see_personal_data
from evidence.selectors import evidence_for_case


class RecordView(ApiView):
    # One kind of record of a case. ``record`` names it (``cases.<action>_<record>`` is the
    # permission a write needs); ``personal`` says it is personal data, for callers with
    # ``cases.view_personal_data`` only, to read as to write. (A comment, not a docstring:
    # the schema describes each operation with the docstring its view inherits.)

    record = ""
    personal = False
    write_serializer_class = None
    summaries: dict[str, str] = {}  # per method, for the schema

    def records(self, case):
        raise NotImplementedError

    def save(self, **kwargs):
        """The service that adds (``<record>=None``) or changes a record."""
        raise NotImplementedError

    def service_fields(self, case, validated: dict) -> dict:
        """The validated body as the service takes it."""
        return dict(validated)

    def hide_names(self, reader, records: list) -> None:
        """Blank, on these records only, the names of persons they carry that the caller may not read."""

    def case_for(self, request, reference, action: str | None = None):
        """The case (404 for hidden and missing alike), once the caller may do ``action`` to its records."""
        case = case_get_for_user(request.user, reference)
        if self.personal and not may_see_personal_data(request.user):
            raise PermissionDenied
        if action and not request.user.has_perm(f"cases.{action}_{self.record}"):
            raise PermissionDenied
        return case

    def write(self, request, case, record=None, *, partial: bool = False):
        incoming = self.write_serializer_class(data=request.data, partial=partial)
        incoming.is_valid(raise_exception=True)
        fields = self.service_fields(case, incoming.validated_data)
        return self.save(actor=request.user, case=case, **{self.record: record}, **fields)

    def answer(self, case, records: list, *, many: bool = False, status_code: int = status.HTTP_200_OK):
        """The records as the caller may read them: free text redacted, names only where readable."""
        reader = self.reader([case.pk])
        self.hide_names(reader, records)
        read_in_place(reader, records, RECORD_TEXT_FIELDS[self.record])
        context = {**self.get_serializer_context(), "reader": reader}
        body = self.get_serializer(records if many else records[0], many=many, context=context).data
        return Response(body, status=status_code)


class CaseRecords(RecordView):
    # The list of a case's records (GET) and adding one (POST).

    def get(self, request, reference):
        case = self.case_for(request, reference)
        return self.answer(case, list(self.records(case)), many=True)

    def post(self, request, reference):
        case = self.case_for(request, reference, "add")
        return self.answer(case, [self.write(request, case)], status_code=status.HTTP_201_CREATED)


class CaseRecord(RecordView):
    # One record of a case: read it (GET), change it (PATCH, the fields sent) or remove it from
    # the case (DELETE).

    http_method_names = ["get", "head", "patch", "delete", "options"]

    def record_of(self, case, pk: int):
        """Among the case's own live records only: another case's record is missing here."""
        found = self.records(case).filter(pk=pk).first()
        if found is None:
            raise Http404
        return found

    def get(self, request, reference, pk: int):
        case = self.case_for(request, reference)
        return self.answer(case, [self.record_of(case, pk)])

    def patch(self, request, reference, pk: int):
        case = self.case_for(request, reference, "change")
        record = self.record_of(case, pk)
        return self.answer(case, [self.write(request, case, record, partial=True)])

    def delete(self, request, reference, pk: int):
        case = self.case_for(request, reference, "change")
        services.record_remove(actor=request.user, item=self.record_of(case, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


# The schema names a path's ``pk`` ``id``, as it does for evidence and reports.
RECORD_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The record's id, among the case's own")


def documented(view):
    """The schema of a record view, from its kind: a summary per method, the serializers, the path."""
    read, write = view.serializer_class, view.write_serializer_class
    one = issubclass(view, CaseRecord)
    shapes = {
        "get": {"parameters": [REFERENCE, RECORD_ID], "responses": read}
        if one
        else {"parameters": [REFERENCE], "responses": read(many=True)},
        "post": {"parameters": [REFERENCE], "request": write, "responses": {201: read}},
        "patch": {"parameters": [REFERENCE, RECORD_ID], "request": write and write(partial=True), "responses": read},
        "delete": {"parameters": [REFERENCE, RECORD_ID], "responses": {204: None}},
    }
    offered = [method for method in view.http_method_names if method in shapes and hasattr(view, method)]
    summaries = {**view.summaries, "get": view.summaries["get_one" if one else "get"]}
    schemas = {method: extend_schema(summary=summaries[method], **shapes[method]) for method in offered}
    return extend_schema_view(**schemas)(view)


class ViolationRecord:
    record = "violation"
    summaries = {
        "get": "The acts of a case",
        "get_one": "One act of a case",
        "post": "Add an act to a case",
        "patch": "Change an act of a case",
        "delete": "Remove an act from a case (it stays in the case's history)",
    }
    serializer_class = serializers.ViolationSerializer
    write_serializer_class = serializers.ViolationWriteSerializer

    def records(self, case):
        return case_violations(case=case)

    def hide_names(self, reader, records: list) -> None:
        disclosure.hide_names(reader, [person for violation in records for person in violation.affected_persons.all()])

    def save(self, **kwargs):
        return services.violation_save(**kwargs)


class PersonRecord:
    record = "person"
    personal = True
    summaries = {
        "get": "The persons of a case (callers who may read personal data)",
        "get_one": "One person of a case (callers who may read personal data)",
        "post": "Add a person to a case (callers who may read personal data)",
        "patch": "Change a person of a case (callers who may read personal data)",
        "delete": "Remove a person from a case (it stays in the case's history)",
    }
    serializer_class = serializers.PersonSerializer
    write_serializer_class = serializers.PersonWriteSerializer

    def records(self, case):
        return case_persons(case=case)

    def save(self, **kwargs):
        try:
            return services.person_save(**kwargs)
        except services.ValidationError as error:
            raise serializers.consent_errors_named_as_sent(error) from error


class InterventionRecord:
    record = "intervention"
    summaries = {
        "get": "The interventions of a case",
        "get_one": "One intervention of a case",
        "post": "Add an intervention to a case",
        "patch": "Change an intervention of a case",
        "delete": "Remove an intervention from a case (it stays in the case's history)",
    }
    serializer_class = serializers.InterventionSerializer
    write_serializer_class = serializers.InterventionWriteSerializer

    def records(self, case):
        return case_interventions(case=case)

    def service_fields(self, case, validated: dict) -> dict:
        fields = dict(validated)
        if fields.get("violation") is not None:
            found = case.violations.filter(pk=fields["violation"]).first()
            if found is None:
                raise services.ValidationError({"violation": _("Choose an act of this case.")})
            fields["violation"] = found
        return fields

    def save(self, **kwargs):
        return services.intervention_save(**kwargs)


@documented
class Violations(ViolationRecord, CaseRecords):
    pass


@documented
class ViolationDetail(ViolationRecord, CaseRecord):
    pass


@documented
class Persons(PersonRecord, CaseRecords):
    pass


@documented
class PersonDetail(PersonRecord, CaseRecord):
    pass


@documented
class Interventions(InterventionRecord, CaseRecords):
    pass


@documented
class InterventionDetail(InterventionRecord, CaseRecord):
    pass


@documented
class Evidence(CaseRecords):
    record = "evidence"
    serializer_class = serializers.EvidenceSerializer
    http_method_names = ["get", "head", "options"]
    summaries = {"get": "The evidence of a case (metadata)"}

    def records(self, case):
        return evidence_for_case(case=case)
