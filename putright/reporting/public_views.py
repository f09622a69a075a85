"""The public dashboard and open data (a council setting, off by default: 404 when off).

Only the published figures (docs/counting-rules.md §6): every year and service protected
together (`statistics.published`), no case list, no text typed into a case, no sign-in.
Visitors who ask too often are slowed down (429), and the answers are cached.
"""

from __future__ import annotations

import csv
import io
import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from putright.core.csv_safe import escape_row
from putright.organisation.models import Council
from putright.signin.throttle import client_address
from putright.statistics import published
from putright.statistics.selectors import published_panels

CACHE_SECONDS = published.CACHE_SECONDS


def _council_publishes() -> Council:
    council = Council.current()
    if council is None or not council.publish_figures:
        raise Http404("The council does not publish its figures here.")
    return council


def _too_many(request: HttpRequest) -> HttpResponse | None:
    if published.public_request_allowed(client_address(request)):
        return None
    response = HttpResponse(
        "You have asked for the figures too often in one minute. Wait a minute and "
        "try again.",
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = "60"
    return response


def _cached(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """The public dashboard: one year and service of the published figures."""
    _council_publishes()
    if (limited := _too_many(request)) is not None:
        return limited
    data = published.published_statistics()
    year, directorate, errors = published.published_selection(
        data,
        year=request.GET.get("year"),
        directorate=request.GET.get("directorate"),
    )
    context = {
        "years": list(reversed(data["years"])),
        "directorates": data["directorates"],
        "errors": errors,
        "selected": {
            "year": year or request.GET.get("year", ""),
            "directorate": directorate or "",
        },
        "threshold": data["threshold"],
    }
    table = (
        None
        if errors or year is None
        else published.published_table(data, year=year, directorate=directorate)
    )
    if table is None:
        return render(request, "reporting/public/figures.html", context, status=400)
    context.update(published_panels(published.published_as_text(table)))
    return _cached(render(request, "reporting/public/figures.html", context))


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    """The open data page: the downloads and the data dictionary."""
    _council_publishes()
    data = published.published_statistics()
    return _cached(
        render(
            request,
            "reporting/public/open_data.html",
            {
                "years": data["years"],
                "directorates": data["directorates"],
                "threshold": data["threshold"],
                "columns": published.OPEN_DATA_COLUMNS,
            },
        )
    )


@require_GET
def open_data_csv(request: HttpRequest) -> HttpResponse:
    _council_publishes()
    if (limited := _too_many(request)) is not None:
        return limited
    rows = published.open_data_rows(published.published_statistics())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(published.OPEN_DATA_COLUMNS)
    for row in rows:
        writer.writerow(escape_row([str(row[c]) for c in published.OPEN_DATA_COLUMNS]))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="complaints-figures.csv"'
    return _cached(response)


@require_GET
def open_data_json(request: HttpRequest) -> HttpResponse:
    _council_publishes()
    if (limited := _too_many(request)) is not None:
        return limited
    document = published.open_data_json(published.published_statistics())
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="complaints-figures.json"'
    # Keep the dump stable for people who compare downloads.
    response.content = json.dumps(document, ensure_ascii=False, indent=1).encode()
    return _cached(response)
