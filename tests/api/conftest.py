"""Tokens for the personas, and a client that sends one."""

import pytest
from django.test import Client

from api.models import Scope
from api.tokens import token_create
from tests.conftest import login

ALL_SCOPES = (Scope.READ, Scope.WRITE, Scope.DOWNLOAD)
# Documents these tests store by hand go here, and are removed after each test: other tests
# check that a refused export leaves nothing among the documents.
TEST_DOCUMENTS = "api-test-documents"


@pytest.fixture(autouse=True)
def _test_documents_removed():
    from django.core.files.storage import default_storage

    yield
    if default_storage.exists(TEST_DOCUMENTS):
        for name in default_storage.listdir(TEST_DOCUMENTS)[1]:
            default_storage.delete(f"{TEST_DOCUMENTS}/{name}")


def make_token(user, scopes=ALL_SCOPES, days=90, name="script") -> str:
    """A token as the security page makes it: by a user logged in with both factors."""
    user.is_verified = lambda: True
    _token, text = token_create(actor=user, name=name, days=days, scopes=scopes)
    del user.is_verified
    return text


def api(text: str | None, language: str = "en") -> Client:
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    if text:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {text}"
    return Client(**headers)


@pytest.fixture
def token_for():
    return make_token


@pytest.fixture
def api_client():
    return api


__all__ = ["TEST_DOCUMENTS", "api", "login", "make_token"]
