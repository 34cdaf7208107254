"""What every API view shares: token authentication, scopes, rate limit, JSON errors."""

from django.contrib.auth.decorators import login_not_required
from drf_spectacular.utils import OpenApiParameter
from rest_framework.generics import GenericAPIView

from api.authentication import TokenAuthentication
from api.models import Scope
from api.permissions import TokenScope
from api.throttling import TokenRateThrottle
from cases.disclosure import reader_for_cases

REFERENCE = OpenApiParameter("reference", str, OpenApiParameter.PATH, description="A case reference, e.g. DR-2026-0042")


class ApiView(GenericAPIView):
    """A view of the API. ``scope`` is what a GET needs; ``scopes_by_method`` says more."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [TokenScope]
    throttle_classes = [TokenRateThrottle]
    scope = Scope.READ
    scopes_by_method = {"POST": Scope.WRITE, "PATCH": Scope.WRITE, "PUT": Scope.WRITE, "DELETE": Scope.WRITE}

    def reader(self, case_ids):
        return reader_for_cases(self.request.user, case_ids)

    @classmethod
    def as_view(cls, **initkwargs):
        # The token is the login: Django's login redirect and second-factor step are for pages.
        return login_not_required(super().as_view(**initkwargs))
