"""The production settings plus what only the page benchmark needs (``benchmarks/pages.py``).

A bare login-required view (the floor: what every page pays for the middleware,
the session, the user and the second factor) in the benchmark's own URL
configuration, and a response header with the number of SQL queries of the
request. Nothing here is part of Casebook itself.
"""

from casebook.settings import *  # noqa: F403
from casebook.settings import MIDDLEWARE

ROOT_URLCONF = "benchmarks.pages_urls"
# Outermost, so that the count includes the session, the user and the audit entries.
MIDDLEWARE = ["benchmarks.pages_urls.QueryCountMiddleware", *MIDDLEWARE]
