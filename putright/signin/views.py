"""The second-factor pages, the single sign-on refusal page and second-factor recovery."""

from __future__ import annotations

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.accounts.models import User
from putright.accounts.policy import AuthenticatedHttpRequest, Capability, role_required
from putright.signin.forms import CodeForm
from putright.signin.oidc import REFUSAL_SESSION_KEY
from putright.signin.qr import qr_data_uri
from putright.signin.services import (
    manual_key,
    second_factor_confirm,
    second_factor_device,
    second_factor_enrolment,
    second_factor_needed,
    second_factor_reset,
)


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return "/"


def _signed_in_with_code(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    # Cycle the session key: the session now carries more power than before the code.
    request.session.cycle_key()
    otp_login(request, device)
    return redirect(_next(request))


def _throttled_message(detail: dict | None) -> str:
    until = (detail or {}).get("locked_until")
    seconds = 60
    if until is not None:
        seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    unit = "second" if seconds == 1 else "seconds"
    return (
        f"Too many wrong codes. Wait {seconds} {unit}, then enter the code the app "
        "shows at that time."
    )


@login_required
def second_factor(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Check the code from the officer's authenticator app at sign-in."""
    device = second_factor_device(request.user)
    if device is None:
        return redirect("signin:second_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, detail = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", _throttled_message(detail))
        elif device.verify_token(form.cleaned_data["code"]):
            return _signed_in_with_code(request, device)
        else:
            form.add_error(
                "code",
                "The code is not correct. Enter the code the app shows now; codes "
                "change every 30 seconds.",
            )
    return render(
        request, "accounts/second_factor.html", {"form": form, "next": _next(request)}
    )


@login_required
def second_factor_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Set up an authenticator app: a QR code, the key to type, then a first code."""
    if second_factor_device(request.user) is not None:
        return redirect("signin:second_factor")
    if not second_factor_needed(request.user):
        return redirect("home")
    device = second_factor_enrolment(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor_confirm(device=device, token=form.cleaned_data["code"]):
            messages.success(request, "Your authenticator app is set up.")
            return _signed_in_with_code(request, device)
        form.add_error(
            "code",
            "The code is not correct. Check the app shows putright, then enter the code "
            "it shows now.",
        )
    context = {
        "form": form,
        "next": _next(request),
        "qr": qr_data_uri(device.config_url),
        "key": manual_key(device),
    }
    return render(request, "accounts/second_factor_setup.html", context)


REFUSALS = {
    "no_role": "Your council account signed in, but it is not in any group that gives "
    "a role in putright.",
    "unknown_directorate": "Your council account says you work in “{detail}”, which "
    "is not a directorate in putright.",
    "unknown_team": "Your council account says you work in “{detail}”, which is not a "
    "team in putright.",
    "ambiguous_team": "Your council account says you work in “{detail}”, and more than "
    "one directorate has a team of that name.",
    "inactive": "Your putright account has been switched off.",
    "misconfigured": "putright's role settings name a role that does not exist.",
    "expired": "The sign-in link had expired or was opened in another window.",
    "provider_said_no": "Your council's sign-in service did not sign you in.",
    "provider_error": "putright could not check your sign-in with your council's "
    "sign-in service.",
}


def sso_refused(request: HttpRequest) -> HttpResponse:
    """Why single sign-on did not let the person in, and who can fix it."""
    reason, detail = request.session.pop(REFUSAL_SESSION_KEY, ["", ""])
    text = REFUSALS.get(reason, REFUSALS["provider_said_no"]).format(detail=detail)
    context = {"reason": reason, "text": text}
    return render(request, "accounts/sso_refused.html", context, status=403)


@role_required(Capability.SIGN_IN_RECOVERY)
def staff_second_factors(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Staff who need a second factor, whether they have set one up, and a reset."""
    staff = User.objects.filter(is_active=True).order_by(
        "first_name", "last_name", "username"
    )
    with_device = set(
        TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True)
    )
    rows = [
        {"user": user, "has_device": user.pk in with_device}
        for user in staff
        if second_factor_needed(user) or user.pk in with_device
    ]
    return render(request, "accounts/staff_second_factors.html", {"rows": rows})


@require_POST
@role_required(Capability.SIGN_IN_RECOVERY)
def staff_second_factor_reset(
    request: AuthenticatedHttpRequest, pk: int
) -> HttpResponse:
    """Reset a colleague's authenticator app after checking who they are."""
    colleague = get_object_or_404(User, pk=pk)
    if colleague.pk == request.user.pk:
        messages.error(
            request,
            "You cannot reset your own second factor. Ask another member of the "
            "complaints team or an administrator.",
        )
    else:
        second_factor_reset(user=colleague, by=request.user)
        messages.success(
            request,
            f"{colleague}'s second factor is reset. They will set up a new "
            "authenticator app when they next sign in.",
        )
    return redirect("signin:staff_second_factors")
