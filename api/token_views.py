"""The token section of the security page: create (shown once) and revoke one's own tokens."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from api import tokens
from api.forms import TokenCreateForm
from api.models import ApiToken


@never_cache
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Both factors are required: a password alone never makes a token."""
    if not request.user.is_verified():
        raise PermissionDenied
    form = TokenCreateForm(request.POST)
    if form.is_valid():
        try:
            token, text = tokens.token_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                scopes=form.cleaned_data["scopes"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            return render(request, "api/token_created.html", {"token": token, "text": text})
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("account:security")


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        raise Http404
    tokens.token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("account:security")
