"""Subject access pages for the complaints team: open a request, choose cases, download.

Names and email addresses travel only in POST bodies, never in URLs, so they stay out of
access logs. Every step goes through `subject_access` services, which audit it.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from putright.accounts.policy import Capability, role_required
from putright.privacy import subject_access as sar
from putright.privacy.forms import SubjectAccessForm
from putright.privacy.models import SubjectAccessRequest

# Subject access reads every case about a person: the complaints team only.
_complaints_team = role_required(Capability.ALL_CASES)


@_complaints_team
@require_http_methods(["GET", "POST"])
def sar_list(request: HttpRequest) -> HttpResponse:
    form = SubjectAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = sar.subject_access_open(by=request.user, **form.cleaned_data)
        except sar.SubjectAccessError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Request recorded. Check the cases found.")
            return redirect(item.get_absolute_url())
    requests = SubjectAccessRequest.objects.order_by("status", "-received_on", "-pk")
    return render(
        request,
        "privacy/sar_list.html",
        {"form": form, "requests": requests[:100]},
    )


@_complaints_team
@require_http_methods(["GET", "POST"])
def sar_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(SubjectAccessRequest, pk=pk)
    error = ""
    if request.method == "POST":
        try:
            ids = [int(value) for value in request.POST.getlist("cases")]
            sar.subject_access_choose(request=item, by=request.user, case_ids=ids)
        except ValueError:
            error = "Choose cases from the list."
        except sar.SubjectAccessError as refused:
            error = refused.message
        else:
            messages.success(request, "The cases for this request are saved and held.")
            return redirect(item.get_absolute_url())
    chosen = set(item.cases.values_list("pk", flat=True))
    matches = sar.subject_access_matches(
        email=item.email, name=item.name, postcode=item.postcode
    )
    return render(
        request,
        "privacy/sar_detail.html",
        {
            "item": item,
            "matches": matches,
            "chosen": chosen,
            "error": error,
            "holds": item.holds.filter(released_at__isnull=True).count(),
        },
        status=400 if error else 200,
    )


@_complaints_team
def sar_download(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(SubjectAccessRequest, pk=pk)
    try:
        content = sar.subject_access_export(request=item, by=request.user)
    except sar.SubjectAccessError as error:
        messages.error(request, error.message)
        return redirect(item.get_absolute_url())
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="subject-access-request-{item.pk}.zip"'
    )
    response["Cache-Control"] = "no-store"
    return response


@_complaints_team
@require_POST
def sar_complete(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(SubjectAccessRequest, pk=pk)
    try:
        sar.subject_access_complete(request=item, by=request.user)
    except sar.SubjectAccessError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Request completed. Its holds are released.")
    return redirect(item.get_absolute_url())
