"""Two-factor sign-in for staff (django-otp): a TOTP application, and recovery codes.

After the password (Django's admin login, throttled by django-axes), a staff account that
must use a second factor is sent to one more page before any admin page answers:
- with a device: "Code de vérification" takes the application's six digits or one of the
  recovery codes (each works once);
- without one yet: "Activer la double authentification" shows the key (a QR code, and the
  key as text), asks one code to confirm it, then shows ten recovery codes, once.

Who must: superusers under production settings (``DEBUG`` off), every staff account when
``ADMIN_2FA_REQUIRED`` is on, and anyone who enrolled a device. With ``DEBUG`` on (``make
run``, the embedded default) nobody must, so the local ``admin`` that ``make run`` prints
signs in with its password alone, as before.

Wrong codes are counted by django-axes like wrong passwords (same limit, same lock-out,
for the account from the client's address), under a name of their own, so that a correct
password, which resets the password step's count, never gives more tries at the code.
"""

import base64

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as reset_attempts
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
DEVICE_NAME = "Application d’authentification"
RECOVERY_NAME = "Codes de secours"
# Failed codes are recorded for this name, apart from the password step's.
THROTTLE_SUFFIX = " (code)"
ADMIN_PREFIX = "/admin/"
# Admin addresses a signed-in account reaches before its second factor.
OPEN_PATHS = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/jsi18n/",
    "/admin/mot-de-passe-oublie/",
    "/admin/nouveau-mot-de-passe/",
    "/admin/double-authentification/",
)


def required_for(user) -> bool:
    """Whether ``user`` must pass a second factor to use the admin."""
    if not user.is_authenticated or not user.is_staff:
        return False
    if settings.ADMIN_2FA_REQUIRED:
        return True
    if user.is_superuser and settings.ADMIN_2FA_SUPERUSERS:
        return True
    return user_has_device(user)


def acts_as_staff(user) -> bool:
    """Whether ``user`` may use staff rights now: an active staff account that gave its
    second factor when it must give one. Until then, on the public site too, a staff
    session reads what a visitor reads (no draft, no reserved body, no draft's file):
    the password alone opens nothing more than the admin's second-factor page."""
    if user is None or not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    known = getattr(user, _ACTS_AS_STAFF, None)
    if known is None:
        is_verified = getattr(user, "is_verified", None)
        known = not required_for(user) or bool(is_verified and is_verified())
        setattr(user, _ACTS_AS_STAFF, known)
    return known


_ACTS_AS_STAFF = "_cuf_acts_as_staff"


class TwoFactorMiddleware:
    """Sends a staff account that must pass its second factor to it, from every admin
    address (the editor's image upload included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        user = request.user
        if (
            path.startswith(ADMIN_PREFIX)
            and not path.startswith(OPEN_PATHS)
            and user.is_authenticated
            and not user.is_verified()
            and required_for(user)
        ):
            target = "two_factor_verify" if user_has_device(user) else "two_factor_enrol"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def _throttle_credentials(user) -> dict:
    return {"username": user.get_username() + THROTTLE_SUFFIX}


def _locked_out(request, user):
    credentials = _throttle_credentials(user)
    if AxesProxyHandler.is_locked(request, credentials):
        return render(
            request,
            settings.AXES_LOCKOUT_TEMPLATE,
            {
                "failure_limit": settings.AXES_FAILURE_LIMIT,
                "cooloff_timedelta": settings.AXES_COOLOFF_TIME,
            },
            status=429,
        )
    return None


def _failed(request, user) -> None:
    user_login_failed.send(
        sender=__name__, credentials=_throttle_credentials(user), request=request
    )


def _passed(request, user, device) -> None:
    otp_login(request, device)
    reset_attempts(username=user.get_username() + THROTTLE_SUFFIX)
    # A new session key once both factors passed, as after a password login.
    request.session.cycle_key()


def _page(request, template: str, **context):
    # The admin's own context: its header and title, as on every admin page.
    return render(request, template, {**admin.site.each_context(request), **context})


def _normalised(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


@login_required
def verify(request):
    user = request.user
    if not user.is_staff or not user_has_device(user):
        return redirect("admin:index")
    if locked := _locked_out(request, user):
        return locked
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, _normalised(form.cleaned_data["code"]))
        if device is not None:
            _passed(request, user, device)
            return redirect(_next(request))
        _failed(request, user)
        if locked := _locked_out(request, user):
            return locked
        form.add_error("code", "Code incorrect ou expiré : saisissez le code affiché maintenant.")
    return _page(
        request,
        "admin/two_factor/verify.html",
        form=form,
        next=_next(request),
        title="Code de vérification",
    )


def _recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@login_required
def enrol(request):
    user = request.user
    if not user.is_staff:
        return redirect("admin:index")
    if user_has_device(user) and not user.is_verified():
        return redirect(f"{reverse('two_factor_verify')}?next={_next(request)}")
    if locked := _locked_out(request, user):
        return locked
    # One unconfirmed device at a time: its key is shown until a code confirms it.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(_normalised(form.cleaned_data["code"])):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _recovery_codes(user)
            _passed(request, user, device)
            return _page(
                request,
                "admin/two_factor/recovery_codes.html",
                codes=codes,
                next=_next(request),
                title="Vos codes de secours",
            )
        _failed(request, user)
        if locked := _locked_out(request, user):
            return locked
        form.add_error(
            "code",
            "Ce code ne correspond pas à la clé : vérifiez l’heure de votre téléphone et "
            "saisissez le code affiché maintenant.",
        )
    qr = segno.make(device.config_url, error="m")
    return _page(
        request,
        "admin/two_factor/enrol.html",
        form=form,
        next=_next(request),
        title="Activer la double authentification",
        # An SVG image as a data: address: the policy allows data: images, and no script
        # is needed to show it.
        qr_code=qr.svg_data_uri(scale=5, border=2, dark="#000", light="#fff"),
        secret=_grouped(device),
    )


def _grouped(device) -> str:
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


urlpatterns = [
    path("admin/double-authentification/", verify, name="two_factor_verify"),
    path("admin/double-authentification/activer/", enrol, name="two_factor_enrol"),
]
