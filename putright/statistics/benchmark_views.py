"""Staff pages: similar-authority benchmarks over the years (for the Ombudsman link
officer) and the complaints team's queue of sampled service requests."""

from __future__ import annotations

import secrets

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from putright.accounts.policy import Capability, role_required
from putright.core.errors import ServiceError
from putright.statistics import benchmarks, sampling
from putright.statistics.benchmark_models import (
    BenchmarkOmbudsman,
    ContactSample,
    SampledContact,
)
from putright.statistics.sampling_forms import ReviewForm, SampleForm


def _benchmark_rows(ombudsman: str) -> dict[str, object]:
    years = benchmarks.comparison_years(ombudsman)
    names = list(years[-1]["measures"]) if years else []
    return {
        "code": ombudsman,
        "label": BenchmarkOmbudsman(ombudsman).label,
        "measures": [
            {
                "label": benchmarks.MEASURES[name],
                "years": [
                    {
                        "year": y["year"],
                        "kind": benchmarks.type_label(y["authority_type"])
                        if y["authority_type"]
                        else "",
                        "council": benchmarks.measure_text(
                            name, y["measures"][name]["council"]
                        ),
                        "mean": benchmarks.measure_text(
                            name, y["measures"][name]["mean"]
                        ),
                        "authorities": y["measures"][name]["authorities"],
                    }
                    for y in years
                ],
            }
            for name in names
        ],
        "found": [y for y in years if y["council"]],
    }


@role_required(Capability.OMBUDSMAN_READ)
@require_GET
def benchmarks_page(request: HttpRequest) -> HttpResponse:
    """The council against similar authorities, year by year, for each Ombudsman held."""
    held = [_benchmark_rows(code) for code in benchmarks.held_ombudsmen()]
    return render(request, "statistics/benchmarks.html", {"ombudsmen": held})


@role_required(Capability.ALL_CASES)
@require_http_methods(["GET", "POST"])
def sampling_page(request: HttpRequest) -> HttpResponse:
    """The samples drawn so far, and a form to draw another."""
    if request.method == "POST":
        form = SampleForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                sample = sampling.draw_sample(
                    actor=request.user,
                    start=data["start"],
                    end=data["end"],
                    size=data["size"],
                    seed=data["seed"],
                )
            except ServiceError as error:
                form.add_service_error(error)
            else:
                return redirect("statistics:sample", sample.pk)
    else:
        form = SampleForm(initial={"size": 20, "seed": secrets.token_hex(4)})
    samples = ContactSample.objects.select_related("drawn_by")[:50]
    status = 400 if form.errors else 200
    return render(
        request,
        "statistics/sampling.html",
        {"form": form, "samples": samples},
        status=status,
    )


@role_required(Capability.ALL_CASES)
@require_GET
def sample_page(request: HttpRequest, pk: int) -> HttpResponse:
    sample = get_object_or_404(ContactSample, pk=pk)
    items = sample.items.select_related(
        "stage__case", "stage__directorate", "stage__team"
    )
    return render(request, "statistics/sample.html", {"sample": sample, "items": items})


@role_required(Capability.ALL_CASES)
@require_http_methods(["GET", "POST"])
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        SampledContact.objects.select_related("stage__case", "sample"), pk=pk
    )
    initial = {}
    if item.was_complaint is not None:
        initial = {
            "was_complaint": "yes" if item.was_complaint else "no",
            "action": item.action,
        }
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sampling.review_contact(
                actor=request.user,
                item=item,
                was_complaint=form.cleaned_data["was_complaint"],
                action=form.cleaned_data["action"],
            )
        except ServiceError as error:
            form.add_service_error(error)
        else:
            return redirect("statistics:sample", item.sample_id)
    return render(
        request,
        "statistics/sample_review.html",
        {"form": form, "item": item},
        status=400 if form.errors else 200,
    )
