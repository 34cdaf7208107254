"""The OpenAPI schema: served to logged-in users, and complete about errors, so that a client
(and the fuzzing in the test suite) can hold every answer against it."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularAPIView
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {
                    "type": "string",
                    "description": "Stable: not_found, not_authenticated, token_invalid, scope_missing, "
                    "permission_denied, rate_limited, invalid, file_refused, malformed, method_not_allowed, "
                    "unsupported_media_type, not_acceptable, error",
                },
                "message": {"type": "string", "description": "For a person, in the language asked for."},
                "fields": {"type": "object", "description": "Validation messages per field sent."},
            },
        }
    },
}

ERRORS = {
    "400": "Refused values or an unreadable body",
    "401": "No token, or one that is not valid, has expired or was revoked",
    "403": "The token lacks the scope, or the user's role does not allow this",
    "404": "Missing, or not visible to the token's user (the two answer alike)",
    "405": "Method not allowed",
    "406": "Only JSON is offered",
    "409": "A stored file no longer matches its recorded hash",
    "415": "Unsupported request body type",
    "429": "Rate limit reached",
}


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A token made on your security page."}


def add_errors(result, generator, request, public):
    """Every operation may answer with the error shape (drf-spectacular postprocessing hook)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                if code == "409" and "download" not in operation.get("operationId", ""):
                    continue
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result


class SchemaView(SpectacularAPIView):
    """For users logged in to the pages (both factors); not for tokens."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = []


_schema = SchemaView.as_view()


def schema_page(request):
    """DRF marks its views open to anonymous visitors; this one goes through the login and the
    second-factor step like any page."""
    return _schema(request)
