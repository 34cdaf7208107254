"""Settings for the test suite: the real settings, with data kept in a temporary folder."""

import os
import tempfile

os.environ.setdefault("CASEBOOK_DATA_DIR", tempfile.mkdtemp(prefix="casebook-test-"))

from casebook.settings import *  # noqa: F403

# Tests create many users; a fast hasher keeps them quick. Argon2 stays in production.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CASEBOOK_MAX_UPLOAD_BYTES = 5 * 1024 * 1024

# Only the tests may empty the append-only audit table (see tests/support).
INSTALLED_APPS = ["tests.support", *INSTALLED_APPS]  # noqa: F405
