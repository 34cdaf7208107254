"""Casebook's URLs plus the floor view, and the query-count header (``benchmarks/pages.py`` only)."""

from django.db import connections
from django.http import HttpResponse
from django.urls import include, path


def floor(request):
    """Nothing but the middleware of every page, for a fully logged-in user."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("benchmark/floor/", floor), path("", include("casebook.urls"))]
handler400 = "casebook.views.bad_request"


class QueryCountMiddleware:
    """``X-Casebook-Queries``: the SQL statements the request sent to the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counting(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counting):
            response = self.get_response(request)
        response["X-Casebook-Queries"] = str(count)
        return response
