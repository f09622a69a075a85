"""The JSON API, version 1 (OpenAPI at /api/v1/docs and /api/v1/openapi.json)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError
from pydantic import Field

from putright.accounts import policy
from putright.accounts.policy import Capability
from putright.api.auth import (
    PUBLIC_VISITOR,
    PublishedFiguresAuth,
    RateLimited,
    StaffSessionAuth,
    TokenAuth,
)
from putright.api.schemas import ErrorOut, StatsOut
from putright.organisation.models import Council, CouncilNotSetUp
from putright.statistics import engine, published
from putright.statistics.disclosure import statistics_disclosed
from putright.statistics.selection import selection_parse

api = NinjaAPI(
    title="putright API",
    version="1",
    description=(
        "Aggregate complaint statistics (docs/counting-rules.md §5). Authenticate with "
        "`Authorization: Bearer <token>` (make one with `putright api_token USERNAME`) "
        "or a signed-in session. No personal data is returned. For staff without case "
        "access (reporting viewers, administrators) small numbers are hidden as the "
        "published figures are: see `suppressed`. When the council publishes its "
        "figures, `/stats` (by year and service) and `/open-data` answer without "
        "credentials with the published figures, at most 60 requests a minute."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), StaffSessionAuth(), PublishedFiguresAuth()],
)


@api.exception_handler(RateLimited)
def rate_limited(request: HttpRequest, exc: Exception) -> Any:
    response = api.create_response(
        request,
        {"detail": "Too many requests this minute: wait a minute and try again."},
        status=429,
    )
    response["Retry-After"] = "60"
    return response


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> Any:
    return api.create_response(
        request,
        {
            "detail": "Sign in, or send a valid token as 'Authorization: Bearer <token>'."
        },
        status=401,
    )


@api.exception_handler(CouncilNotSetUp)
def council_not_set_up(request: HttpRequest, exc: Exception) -> Any:
    return api.create_response(request, {"detail": str(exc)}, status=503)


class StatsQuery(Schema):
    year: str | None = Field(
        None,
        description="Financial year, e.g. 2022/2023 or 2022/23. Default: the latest "
        "year with complaints.",
    )
    quarter: str | None = Field(None, description="Q1, Q2, Q3 or Q4; blank for all.")
    directorate: str | None = Field(
        None, description="Service name (case-insensitive) or id; blank for all."
    )
    team: str | None = Field(None, description="Team name or id within the service.")


def _published(filters: StatsQuery) -> Any:
    """The published figures for a visitor without credentials (year and service only)."""
    if filters.quarter or filters.team:
        field = "quarter" if filters.quarter else "team"
        message = (
            "The published figures are by year and service: leave out the "
            f"{field}, or sign in."
        )
        return Status(
            400, {"detail": message, "errors": [{"field": field, "message": message}]}
        )
    data = published.published_statistics()
    year, directorate, errors = published.published_selection(
        data, year=filters.year, directorate=filters.directorate
    )
    if errors:
        return Status(
            400,
            {
                "detail": " ".join(m for _f, m in errors),
                "errors": [{"field": f, "message": m} for f, m in errors],
            },
        )
    return published.published_table(data, year=year, directorate=directorate)


@api.get(
    "/open-data",
    response={200: dict[str, Any], 401: ErrorOut, 429: ErrorOut},
    summary="Every published year and service (the open data download)",
    tags=["statistics"],
)
def open_data(request: HttpRequest, response: HttpResponse) -> Any:
    """The published figures of every year and service, as on the public dashboard."""
    patch_cache_control(response, public=True, max_age=published.CACHE_SECONDS)
    return published.open_data_json(published.published_statistics())


@api.get(
    "/stats",
    response={200: StatsOut, 400: ErrorOut, 401: ErrorOut, 429: ErrorOut},
    summary="Complaint statistics for a year or quarter",
    tags=["statistics"],
    # `suppressed` and `small_number_threshold` appear only when figures are hidden.
    exclude_unset=True,
)
def stats(request: HttpRequest, filters: Query[StatsQuery]) -> Any:
    """The same figures as the dashboard and `putright stats --json`."""
    if getattr(request, "auth", None) == PUBLIC_VISITOR:
        return _published(filters)
    parsed = selection_parse(
        year=filters.year,
        quarter=filters.quarter,
        directorate=filters.directorate,
        team=filters.team,
    )
    if parsed.selection is None:
        return Status(
            400,
            {
                "detail": parsed.message,
                "errors": [
                    {"field": error.field, "message": error.message}
                    for error in parsed.errors
                ],
            },
        )
    selection = parsed.selection
    figures = engine.statistics_for(
        period=selection.period,
        directorate=selection.directorate,
        team=selection.team,
    )
    if policy.can(getattr(request, "auth", None), Capability.CASEWORK):
        return figures
    # Staff without case access get what may be published (§6.2).
    threshold = Council.load().small_number_threshold
    return statistics_disclosed(figures, threshold=threshold)
