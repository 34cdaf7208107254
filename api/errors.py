"""Every error of the API as JSON, in the caller's language (Accept-Language), with a stable code.

``{"error": {"code": "not_found", "message": "…", "fields": {"title": ["…"]}}}``. The code is
what a program tests; the message is for a person. A case that is hidden answers exactly like
one that does not exist. Nothing from the request (a searched name, a value refused) is echoed
in ``message``; ``fields`` holds the validation messages of the fields sent.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from evidence.uploads import UploadRefused


def _messages(detail) -> object:
    if isinstance(detail, dict):
        return {key: _messages(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_messages(value) for value in detail]
    return str(detail)


def error_response(code: str, message: str, status_code: int, fields=None, headers=None) -> Response:
    body = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return Response({"error": body}, status=status_code, headers=headers)


def _django_validation_fields(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        # Every message of a field, not only its first error's: a value may break several rules at once.
        return {
            field: [str(message) for refusal in errors for message in refusal.messages]
            for field, errors in error.error_dict.items()
        }
    return {"non_field_errors": [str(message) for message in error.messages]}


def exception_handler(exc, context):
    """DRF's hook: one shape for every error."""
    headers = {}
    if isinstance(exc, Http404 | exceptions.NotFound):
        response = error_response("not_found", _("Not found."), status.HTTP_404_NOT_FOUND)
    elif isinstance(exc, exceptions.NotAuthenticated):
        response = error_response(
            "not_authenticated",
            _("Send a token: “Authorization: Bearer <token>”."),
            status.HTTP_401_UNAUTHORIZED,
            headers={"WWW-Authenticate": getattr(exc, "auth_header", "Bearer")},
        )
    elif isinstance(exc, exceptions.AuthenticationFailed):
        response = error_response(
            "token_invalid",
            str(exc.detail),
            status.HTTP_401_UNAUTHORIZED,
            headers={"WWW-Authenticate": getattr(exc, "auth_header", "Bearer")},
        )
    elif isinstance(exc, exceptions.PermissionDenied) and exc.get_codes() == "scope_missing":
        response = error_response("scope_missing", str(exc.detail), status.HTTP_403_FORBIDDEN)
    elif isinstance(exc, exceptions.PermissionDenied | DjangoPermissionDenied):
        response = error_response("permission_denied", _("Your role does not allow this."), status.HTTP_403_FORBIDDEN)
    elif isinstance(exc, exceptions.Throttled):
        headers["Retry-After"] = str(int(exc.wait or 60))
        response = error_response(
            "rate_limited", _("Too many calls; try again later."), status.HTTP_429_TOO_MANY_REQUESTS, headers=headers
        )
    elif isinstance(exc, UploadRefused):
        response = error_response("file_refused", str(exc), status.HTTP_400_BAD_REQUEST)
    elif isinstance(exc, DjangoValidationError):
        response = error_response(
            "invalid", _("Some values were refused."), status.HTTP_400_BAD_REQUEST, _django_validation_fields(exc)
        )
    elif isinstance(exc, exceptions.ValidationError):
        fields = _messages(exc.detail)
        if not isinstance(fields, dict):
            fields = {"non_field_errors": fields if isinstance(fields, list) else [fields]}
        response = error_response("invalid", _("Some values were refused."), status.HTTP_400_BAD_REQUEST, fields)
    elif isinstance(exc, exceptions.ParseError):
        response = error_response("malformed", _("The request body could not be read."), status.HTTP_400_BAD_REQUEST)
    elif isinstance(exc, exceptions.MethodNotAllowed):
        response = error_response(
            "method_not_allowed", _("This method is not allowed here."), status.HTTP_405_METHOD_NOT_ALLOWED
        )
    elif isinstance(exc, exceptions.UnsupportedMediaType):
        response = error_response(
            "unsupported_media_type", _("Send JSON, or a multipart form for files."), exc.status_code
        )
    elif isinstance(exc, exceptions.NotAcceptable):
        response = error_response("not_acceptable", _("This answer is only given as JSON."), exc.status_code)
    elif isinstance(exc, exceptions.APIException):
        response = error_response("error", _("The request could not be served."), exc.status_code)
    else:
        return None  # an unexpected error: a 500, logged without the request's data
    set_rollback()
    return response
