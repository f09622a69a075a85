"""Pages for restrictions on contact: record one on a case, review it, list reviews due."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from putright.accounts.policy import AuthenticatedHttpRequest, Capability, role_required
from putright.complaints import selectors, services
from putright.complaints.models import Restriction
from putright.complaints.restriction_forms import RestrictionForm, ReviewForm
from putright.core.errors import ServiceError


@role_required(Capability.ALL_CASES)
def restriction_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    current = Restriction.objects.filter(ended_on__isnull=True).select_related(
        "case", "approved_by"
    )
    return render(
        request,
        "complaints/restriction_list.html",
        {
            "restrictions": current,
            "today": today,
            "due": sum(1 for r in current if r.is_review_due_on(today)),
        },
    )


@role_required(Capability.ALL_CASES)
def restriction_new(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_detail(user=request.user, reference=reference).case
    form = RestrictionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.restriction_record(case=case, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Restriction recorded.")
            return redirect(case.get_absolute_url())
    return render(
        request,
        "complaints/restriction_form.html",
        {"case": case, "form": form, "title": "Record a restriction on contact"},
        status=400 if form.is_bound and form.errors else 200,
    )


@role_required(Capability.ALL_CASES)
def restriction_review(
    request: AuthenticatedHttpRequest, reference: str, pk: int
) -> HttpResponse:
    case = selectors.case_detail(user=request.user, reference=reference).case
    restriction = get_object_or_404(Restriction, pk=pk, case=case, ended_on=None)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.restriction_review(
                restriction=restriction, by=request.user, **form.cleaned_data
            )
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Review recorded.")
            return redirect(case.get_absolute_url())
    return render(
        request,
        "complaints/restriction_form.html",
        {
            "case": case,
            "form": form,
            "restriction": restriction,
            "title": "Review the restriction on contact",
        },
        status=400 if form.is_bound and form.errors else 200,
    )
