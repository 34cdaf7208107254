"""The documents that background jobs can make, registered with reporting.jobs when the app loads.

``case_file`` is the case page's button; ``document`` is any document of the
composer (reporting.documents), with the cases, profile, language and options
the user chose. Both go through the same export service as an inline export,
so a job's document is the one the user would have had at once.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from cases.choices import Language
from cases.selectors import case_get_for_user
from reporting import jobs, services
from reporting.documents import document_for


def _case_file_authorize(user, parameters: dict) -> None:
    case_get_for_user(user, parameters["case"])


def _case_file_build(*, actor, parameters: dict):
    case = case_get_for_user(actor, parameters["case"])
    language = parameters.get("language") if parameters.get("language") in Language.values else case.language
    return services.case_file_export(actor=actor, case=case, language=language)


def _case_file_name(parameters: dict) -> str:
    return f"{parameters['case']}-case-file-{parameters.get('language', '')}.pdf"


def _document_authorize(user, parameters: dict) -> None:
    """The requester may still export this document of these cases (Http404/PermissionDenied if not)."""
    if not services.may_export(user, template=parameters["template"], profile=parameters["profile"]):
        raise PermissionDenied
    services.scoped_cases(actor=user, cases=parameters["cases"])


def _document_build(*, actor, parameters: dict):
    return services.export_document(
        actor=actor,
        template=parameters["template"],
        cases=parameters["cases"],
        profile=parameters["profile"],
        language=parameters["language"],
        options=parameters.get("options") or {},
        file_format=parameters.get("format", "pdf"),
    )


def _document_name(parameters: dict) -> str:
    template = parameters["template"].replace("_", "-")
    return f"{template}-{parameters['language']}.{parameters.get('format', 'pdf')}"


def register_documents() -> None:
    jobs.register_builder(
        "case_file",
        label=_("Case file"),
        build=_case_file_build,
        authorize=_case_file_authorize,
        filename=_case_file_name,
    )
    jobs.register_builder(
        "document",
        label=_("Document"),
        build=_document_build,
        authorize=_document_authorize,
        filename=_document_name,
    )


def document_label(job) -> str:
    """What the job's page calls the document: the composer's name for it when there is one."""
    if job.kind == "document":
        return str(document_for(job.parameters["template"]).kind.label)
    return str(jobs.builder_for(job.kind).label)
