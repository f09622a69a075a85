"""Ombudsman casework pages for the complaints team: list, detail, decision, compliance."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from putright.accounts.policy import Capability, role_required
from putright.audit.constants import ReadKind
from putright.audit.services import audit_read
from putright.complaints.constants import Ombudsman
from putright.core.errors import ServiceError
from putright.core.inputs import parse_id, visible
from putright.ombudsman import forms, selectors, services
from putright.ombudsman.models import (
    Decision,
    OmbudsmanCase,
    OmbudsmanFinding,
    Recommendation,
)

# Ombudsman casework is for the roles with the Ombudsman capability (the complaints team);
# heads of service read their own services' cases (`selectors.ombudsman_scope`).
_complaints_team = role_required(Capability.OMBUDSMAN)
_readers = role_required(Capability.OMBUDSMAN_READ)


def _form_page(
    request, form, *, title, item=None, button="Save", **extra: Any
) -> HttpResponse:
    return render(
        request,
        "ombudsman/form.html",
        {"form": form, "title": title, "item": item, "button": button, **extra},
    )


def _submit(form, service, **fixed: Any) -> Any:
    """Run the service; a refused change becomes a form error and returns None."""
    try:
        return service(**fixed, **form.cleaned_data)
    except ServiceError as error:
        form.add_service_error(error)
        return None


def _date(value: str | None) -> dt.date | None:
    # A date that is not one is ignored, like any unknown filter value.
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


FIGURE_NAMES = (
    "directorate",
    "team",
    "received_from",
    "received_to",
    "decided_from",
    "decided_to",
    "investigation",
    "decision",
)


def _figure_filters(get: Any) -> selectors.FigureFilters:
    """The filters a dashboard Ombudsman figure links with (see `FigureFilters`)."""
    decision = get.get("decision", "")
    return selectors.FigureFilters(
        directorate=parse_id(get.get("directorate") or ""),
        team=parse_id(get.get("team") or ""),
        received_from=_date(get.get("received_from")),
        received_to=_date(get.get("received_to")),
        decided_from=_date(get.get("decided_from")),
        decided_to=_date(get.get("decided_to")),
        investigation=get.get("investigation") == "1",
        decision=decision if decision in Decision.values else "",
    )


@_readers
def ombudsman_list(request: HttpRequest) -> HttpResponse:
    get = request.GET
    ombudsman = (
        get.get("ombudsman", "") if get.get("ombudsman") in Ombudsman.values else ""
    )
    state = get.get("state", "") if get.get("state") in ("open", "decided") else ""
    figure = _figure_filters(get)
    qs = selectors.ombudsman_case_list(
        user=request.user,
        ombudsman=ombudsman,
        state=state,
        q=visible(get.get("q", ""))[:100],
        figure=figure,
    )
    page = Paginator(qs, 25).get_page(get.get("page"))
    query = get.copy()
    query.pop("page", None)
    return render(
        request,
        "ombudsman/list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "ombudsmen": Ombudsman.choices,
            "selected": {"ombudsman": ombudsman, "state": state, "q": get.get("q", "")},
            "figure": figure,
            "figure_query": [(n, get[n]) for n in FIGURE_NAMES if get.get(n)],
        },
    )


@_readers
def ombudsman_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.ombudsman_case_get_for_user(user=request.user, pk=pk)
    audit_read(
        user=request.user,
        kind=ReadKind.OMBUDSMAN_CASE_VIEWED,
        target=item,
        case=item.case,
    )
    return render(
        request,
        "ombudsman/detail.html",
        {
            "item": item,
            "recommendations": item.recommendation_items.all(),
            "findings": item.findings.all(),
            "records_findings": item.ombudsman == Ombudsman.HO,
        },
    )


@_complaints_team
@require_http_methods(["GET", "POST"])
def ombudsman_new(request: HttpRequest) -> HttpResponse:
    form = forms.OmbudsmanCaseForm(
        request.POST or None,
        initial={"complaint_reference": request.GET.get("case", "")},
    )
    if request.method == "POST" and form.is_valid():
        item = _submit(form, services.ombudsman_case_log, by=request.user)
        if item:
            messages.success(request, f"Ombudsman case {item.reference} recorded.")
            return redirect(item)
    return _form_page(
        request, form, title="Record an Ombudsman case", button="Record case"
    )


@_complaints_team
@require_http_methods(["GET", "POST"])
def ombudsman_decision(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(OmbudsmanCase, pk=pk)
    initial = {
        "decided": item.decided,
        "decision": item.decision,
        "satisfactory_remedy_by_council": item.satisfactory_remedy_by_council,
        "remedy_amount": item.remedy_amount,
        "is_public_report": item.is_public_report,
        "requirement": item.requirement,
        "lessons": item.lessons,
    }
    form = forms.DecisionForm(
        request.POST or None, initial=initial, ombudsman=item.ombudsman
    )
    if request.method == "POST" and form.is_valid():
        if _submit(
            form, services.ombudsman_decision_record, item=item, by=request.user
        ):
            messages.success(request, "Decision recorded.")
            return redirect(item)
    return _form_page(request, form, title="Record the decision", item=item)


@_complaints_team
@require_http_methods(["GET", "POST"])
def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(OmbudsmanCase, pk=pk)
    form = forms.RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _submit(form, services.recommendation_add, item=item, by=request.user):
            messages.success(request, "Recommendation added.")
            return redirect(item)
    return _form_page(
        request, form, title="Add a recommendation", item=item, button="Add"
    )


@_complaints_team
@require_http_methods(["GET", "POST"])
def recommendation_edit(request: HttpRequest, pk: int, rec: int) -> HttpResponse:
    item = get_object_or_404(OmbudsmanCase, pk=pk)
    recommendation = get_object_or_404(Recommendation, pk=rec, ombudsman_case=item)
    form = forms.ComplianceForm(
        request.POST or None,
        initial={
            "completed_on": recommendation.completed_on,
            "not_complied": recommendation.compliance
            == Recommendation.Compliance.NOT_COMPLIED,
        },
    )
    if request.method == "POST" and form.is_valid():
        if _submit(
            form,
            services.recommendation_update,
            recommendation=recommendation,
            by=request.user,
        ):
            messages.success(request, "Compliance recorded.")
            return redirect(item)
    return _form_page(request, form, title="Record compliance", item=item)


@_complaints_team
@require_http_methods(["GET", "POST"])
def finding_new(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(OmbudsmanCase, pk=pk, ombudsman=Ombudsman.HO)
    form = forms.FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _submit(form, services.finding_add, item=item, by=request.user):
            messages.success(request, "Finding recorded.")
            return redirect(item)
    return _form_page(
        request,
        form,
        title="Record a finding",
        item=item,
        button="Record finding",
        elements=forms.HO_ELEMENTS,
    )


@_complaints_team
@require_http_methods(["POST"])
def finding_remove(request: HttpRequest, pk: int, finding: int) -> HttpResponse:
    item = get_object_or_404(OmbudsmanCase, pk=pk)
    recorded = get_object_or_404(OmbudsmanFinding, pk=finding, ombudsman_case=item)
    try:
        services.finding_remove(recorded=recorded, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Finding removed.")
    return redirect(item)
