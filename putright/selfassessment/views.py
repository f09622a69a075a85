"""Staff pages: the years, one year's provisions with the evidence beside each, the forms."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from putright.accounts.policy import (
    AuthenticatedHttpRequest,
    Capability,
    can,
    forbidden,
    role_required,
)
from putright.core.errors import ServiceError
from putright.core.periods import Period
from putright.organisation.models import Council
from putright.selfassessment import export, services
from putright.selfassessment.evidence import for_period
from putright.selfassessment.forms import AnswerForm, SignOffForm, StartForm
from putright.selfassessment.models import Answer, SelfAssessment
from putright.selfassessment.provisions import BY_NUMBER, EVIDENCE, SECTIONS


def _period(assessment: SelfAssessment) -> Period:
    return Period(
        assessment.first_year, start_month=Council.load().financial_year_start_month
    )


@role_required(Capability.REPORTS)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    can_edit = can(request.user, Capability.ALL_CASES)
    form = StartForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            return forbidden(request, (Capability.ALL_CASES,))
        if form.is_valid():
            try:
                assessment = services.assessment_start(
                    first_year=form.cleaned_data["year"], by=request.user
                )
            except ServiceError as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request, f"Self-assessment {assessment.label} started."
                )
                return redirect("selfassessment:detail", year=assessment.first_year)
    return render(
        request,
        "selfassessment/index.html",
        {
            "assessments": SelfAssessment.objects.all(),
            "form": form,
            "can_edit": can_edit,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@role_required(Capability.REPORTS)
def detail(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    assessment = get_object_or_404(SelfAssessment, first_year=year)
    evidence = for_period(_period(assessment))
    return render(
        request,
        "selfassessment/detail.html",
        {
            "assessment": assessment,
            "sections": export.form_rows(assessment, evidence),
            "can_edit": can(request.user, Capability.ALL_CASES)
            and not assessment.is_locked,
            "sign_off_form": SignOffForm(),
            "evidence_titles": EVIDENCE,
            "sign_off": export.sign_off_text(assessment),
        },
    )


@role_required(Capability.ALL_CASES)
def answer(
    request: AuthenticatedHttpRequest, year: int, provision: str
) -> HttpResponse:
    assessment = get_object_or_404(SelfAssessment, first_year=year)
    item = BY_NUMBER.get(provision)
    if item is None:
        raise Http404("No such provision.")
    current = Answer.objects.filter(assessment=assessment, provision=provision).first()
    initial = {}
    if current is not None:
        initial = {
            "complies": {True: "yes", False: "no"}.get(current.complies),  # type: ignore[arg-type]
            "commentary": current.commentary,
            "action": current.action,
            "target_date": current.target_date,
        }
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.answer_save(
                assessment=assessment,
                provision=provision,
                by=request.user,
                complies=data["complies"] == "yes",
                commentary=data["commentary"],
                action=data["action"],
                target_date=data["target_date"],
            )
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Answer to provision {provision} saved.")
            url = reverse("selfassessment:detail", kwargs={"year": year})
            return redirect(f"{url}#provision-{provision}")
    return render(
        request,
        "selfassessment/answer.html",
        {
            "assessment": assessment,
            "provision": item,
            "section_title": SECTIONS[item.section],
            "form": form,
            "locked": assessment.is_locked,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@role_required(Capability.ALL_CASES)
def sign_off(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    assessment = get_object_or_404(SelfAssessment, first_year=year)
    form = SignOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_sign_off(
                assessment=assessment, by=request.user, **form.cleaned_data
            )
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Self-assessment {assessment.label} signed off.")
            return redirect("selfassessment:detail", year=year)
    return render(
        request,
        "selfassessment/sign_off.html",
        {"assessment": assessment, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


def _download(year: int, kind: str) -> HttpResponse:
    assessment = get_object_or_404(SelfAssessment, first_year=year)
    evidence = for_period(_period(assessment))
    council = Council.load().name
    if kind == "docx":
        body = export.docx_bytes(council, assessment, evidence)
        content_type = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
    else:
        body = export.xlsx_bytes(council, assessment, evidence)
        content_type = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="self-assessment-{assessment.first_year}.{kind}"'
    )
    return response


@role_required(Capability.REPORTS)
def download_docx(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    return _download(year, "docx")


@role_required(Capability.REPORTS)
def download_xlsx(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    return _download(year, "xlsx")
