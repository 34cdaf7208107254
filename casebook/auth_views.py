"""Login in two steps (password, then a TOTP or backup code), enrolment, logout everywhere."""

import base64
import io

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as axes_reset
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from casebook import sessions
from casebook.audit import Action, record
from casebook.middleware import second_factor_exempt
from casebook.security import client_ip


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        help_text=gettext_lazy("The six digits shown by your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split()).lower()


class EnrolForm(TokenForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].help_text = _("The six digits your authenticator app shows once it has the key.")


def _safe_next(request: HttpRequest) -> str:
    """The page asked for before login, if it is on this site; the case list otherwise."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class LoginView(auth_views.LoginView):
    """The password step; a locked-out client is refused by django-axes before any check."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)  # django.contrib.auth.login: a new session id
        if settings.REQUIRE_2FA:
            step = "account:verify" if user_has_device(self.request.user) else "account:enrol"
            return redirect(f"{resolve_url(step)}?next={_quote(self.get_success_url())}")
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["session_expired"] = self.request.session.pop(sessions.EXPIRED, False)
        return context


def _quote(url: str) -> str:
    from urllib.parse import quote

    return quote(url, safe="/")


def _second_factor_failed(request: HttpRequest, stage: str) -> None:
    """Count a wrong code like a wrong password: the same lockout applies."""
    record(actor=request.user, action=Action.SECOND_FACTOR_FAILED, request=request, detail={"stage": stage})
    user_login_failed.send(
        sender=__name__, credentials={"username": request.user.get_username()}, request=request, stage=stage
    )
    if getattr(request, "axes_locked_out", False):
        logout(request)


def _locked(request: HttpRequest) -> bool:
    return not AxesProxyHandler.is_allowed(request, {"username": request.user.get_username()})


def _verified(request: HttpRequest, device) -> HttpResponse:
    axes_reset(ip=client_ip(request), username=request.user.get_username())
    otp_login(request, device)
    sessions.rotate(request)
    record(actor=request.user, action=Action.LOGIN, request=request, detail={"device": device.persistent_id})
    return redirect(_safe_next(request))


@second_factor_exempt
@sensitive_post_parameters("token")
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of login: a TOTP code (each accepted once) or a single-use backup code."""
    if request.user.is_verified():
        return redirect(_safe_next(request))
    if not user_has_device(request.user):
        return redirect(f"{resolve_url('account:enrol')}?next={_quote(_safe_next(request))}")
    if _locked(request):
        logout(request)
        return locked_out(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        throttled = False
        with transaction.atomic():
            for device in devices_for_user(request.user, for_verify=True):
                allowed, _reason = device.verify_is_allowed()
                if not allowed:
                    throttled = True
                    continue
                if device.verify_token(token):
                    return _verified(request, device)
        _second_factor_failed(request, "verify")
        if throttled:
            form.add_error(None, _("Too many wrong codes. Wait a moment before trying again."))
        else:
            form.add_error("token", _("This code is not valid. A code can be used only once: wait for the next one."))
    return render(request, "registration/verify.html", {"form": form, "next": _safe_next(request)})


def _qr_data_uri(url: str) -> str:
    """The provisioning QR code as an SVG data URI: shown as an image, nothing inline to run."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with fresh ones; each works once."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="backup", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.CASEBOOK_BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _secret_groups(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


@second_factor_exempt
@sensitive_post_parameters("token")
@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """First login: add an authenticator app, prove it works, receive backup codes."""
    if user_has_device(request.user):
        if request.user.is_verified():
            return redirect("account:security")
        return redirect(f"{resolve_url('account:verify')}?next={_quote(_safe_next(request))}")
    if _locked(request):
        logout(request)
        return locked_out(request)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            accepted = device.verify_token(form.cleaned_data["token"])
            if accepted:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_backup_codes(request.user)
                record(actor=request.user, action=Action.DEVICE_ENROLLED, request=request, target=device)
                record(actor=request.user, action=Action.BACKUP_CODES_CREATED, request=request)
        if accepted:
            _verified(request, device)
            return render(request, "registration/backup_codes.html", {"codes": codes, "next": _safe_next(request)})
        _second_factor_failed(request, "enrol")
        form.add_error("token", _("This code is not valid. Check the clock of your phone and try the next code."))
    context = {
        "form": form,
        "qr": _qr_data_uri(device.config_url),
        "secret": _secret_groups(device),
        "next": _safe_next(request),
    }
    return render(request, "registration/enrol.html", context)


@never_cache
@require_http_methods(["GET"])
def security(request: HttpRequest) -> HttpResponse:
    """The user's own sign-in settings: backup codes left, logout everywhere."""
    backup = StaticDevice.objects.filter(user=request.user, name="backup").first()
    remaining = backup.token_set.count() if backup else 0
    return render(request, "registration/security.html", {"backup_codes_left": remaining})


@never_cache
@require_POST
def backup_codes(request: HttpRequest) -> HttpResponse:
    with transaction.atomic():
        codes = _new_backup_codes(request.user)
        record(actor=request.user, action=Action.BACKUP_CODES_CREATED, request=request)
    return render(request, "registration/backup_codes.html", {"codes": codes, "next": resolve_url("account:security")})


@require_POST
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of this user, this one included (a lost or seized device), and every
    other credential an app gave them (API tokens), all audited."""
    user = request.user
    with transaction.atomic():
        record(actor=user, action=Action.LOGOUT_EVERYWHERE, request=request)
        sessions.logged_out_everywhere.send(sender=logout_everywhere, user=user, request=request)
    logout(request)
    sessions.end_all(user)
    messages.success(request, _("You were logged out on every device, and your API tokens were revoked."))
    return redirect("login")


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The page a locked-out client sees (also django-axes' lockout response)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
