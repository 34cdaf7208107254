"""The records a case holds (acts, persons, interventions, evidence) through one base view.

Every call finds the case with the access helper first (404 for hidden and missing alike),
then refuses what the caller's role may not do (403), then reads or writes through the
pages' selectors and services, and answers with the records read as the caller may read them.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response

from api import serializers
from api.base import REFERENCE, ApiView
from cases import services
from cases.disclosure import RECORD_TEXT_FIELDS, hide_names, read_in_place
from cases.selectors import case_get_for_user, case_interventions, case_persons, case_violations, may_see_personal_data
from evidence.selectors import evidence_for_case


class CaseRecords(ApiView):
    # One kind of record of a case. ``record`` names it (``cases.<action>_<record>`` is the
    # permission a write needs); ``personal`` says it is personal data, for callers with
    # ``cases.view_personal_data`` only, to read as to write. (A comment, not a docstring:
    # the schema describes each operation with the docstring its view inherits.)

    record = ""
    personal = False
    write_serializer_class = None

    def records(self, case):
        raise NotImplementedError

    def case_for(self, request, reference, action: str | None = None):
        """The case (404 for hidden and missing alike), once the caller may do ``action`` to its records."""
        case = case_get_for_user(request.user, reference)
        if self.personal and not may_see_personal_data(request.user):
            raise PermissionDenied
        if action and not request.user.has_perm(f"cases.{action}_{self.record}"):
            raise PermissionDenied
        return case

    def service_fields(self, case, validated: dict) -> dict:
        """The validated body as the service takes it."""
        return dict(validated)

    def answer(self, case, records: list, *, many: bool = False, status_code: int = status.HTTP_200_OK):
        """The records as the caller may read them: free text redacted, names only where readable."""
        reader = self.reader([case.pk])
        if not reader.personal and self.record == "violation":
            hide_names(reader, [person for violation in records for person in violation.affected_persons.all()])
        read_in_place(reader, records, RECORD_TEXT_FIELDS[self.record])
        context = {**self.get_serializer_context(), "reader": reader}
        body = self.get_serializer(records if many else records[0], many=many, context=context).data
        return Response(body, status=status_code)

    def get(self, request, reference):
        case = self.case_for(request, reference)
        return self.answer(case, list(self.records(case)), many=True)

    def post(self, request, reference):
        case = self.case_for(request, reference, "add")
        incoming = self.write_serializer_class(data=request.data)
        incoming.is_valid(raise_exception=True)
        fields = self.service_fields(case, incoming.validated_data)
        saved = self.save(actor=request.user, case=case, **fields)
        return self.answer(case, [saved], status_code=status.HTTP_201_CREATED)

    def save(self, **kwargs):
        raise NotImplementedError


def _listed(summary: str, serializer):
    return extend_schema(parameters=[REFERENCE], summary=summary, responses=serializer(many=True))


def _added(summary: str, serializer, write_serializer):
    return extend_schema(parameters=[REFERENCE], request=write_serializer, responses={201: serializer}, summary=summary)


@extend_schema_view(
    get=_listed("The acts of a case", serializers.ViolationSerializer),
    post=_added("Add an act to a case", serializers.ViolationSerializer, serializers.ViolationWriteSerializer),
)
class Violations(CaseRecords):
    record = "violation"
    serializer_class = serializers.ViolationSerializer
    write_serializer_class = serializers.ViolationWriteSerializer

    def records(self, case):
        return case_violations(case=case)

    def save(self, **kwargs):
        return services.violation_save(**kwargs)


@extend_schema_view(
    get=_listed("The persons of a case (callers who may read personal data)", serializers.PersonSerializer)
)
class Persons(CaseRecords):
    record = "person"
    personal = True
    serializer_class = serializers.PersonSerializer
    http_method_names = ["get", "head", "options"]

    def records(self, case):
        return case_persons(case=case)


@extend_schema_view(
    get=_listed("The interventions of a case", serializers.InterventionSerializer),
    post=_added(
        "Add an intervention to a case", serializers.InterventionSerializer, serializers.InterventionWriteSerializer
    ),
)
class Interventions(CaseRecords):
    record = "intervention"
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


@extend_schema_view(get=_listed("The evidence of a case (metadata)", serializers.EvidenceSerializer))
class Evidence(CaseRecords):
    record = "evidence"
    serializer_class = serializers.EvidenceSerializer
    http_method_names = ["get", "head", "options"]

    def records(self, case):
        return evidence_for_case(case=case)
