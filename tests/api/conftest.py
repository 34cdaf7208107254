"""Tokens for the personas, and a client that sends one."""

import pytest
from django.test import Client

from api.models import Scope
from api.tokens import token_create
from tests.conftest import login

ALL_SCOPES = (Scope.READ, Scope.WRITE, Scope.DOWNLOAD)


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


__all__ = ["api", "login", "make_token"]
