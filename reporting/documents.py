"""The documents that jobs can make, registered with reporting.jobs when the app loads."""

from django.utils.translation import gettext_lazy as _

from cases.choices import Language
from cases.selectors import case_get_for_user
from reporting import jobs, services


def _case_file_authorize(user, parameters: dict) -> None:
    case_get_for_user(user, parameters["case"])


def _case_file_build(*, actor, parameters: dict):
    case = case_get_for_user(actor, parameters["case"])
    language = parameters.get("language") if parameters.get("language") in Language.values else case.language
    report, _pdf = services.case_file_export(actor=actor, case=case, language=language)
    return report


def _case_file_name(parameters: dict) -> str:
    return f"{parameters['case']}-case-file-{parameters.get('language', '')}.pdf"


def register_documents() -> None:
    jobs.register_builder(
        "case_file",
        label=_("Case file"),
        build=_case_file_build,
        authorize=_case_file_authorize,
        filename=_case_file_name,
    )
