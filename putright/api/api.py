"""The JSON API, version 1 (OpenAPI at /api/v1/docs and /api/v1/openapi.json)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError
from pydantic import Field

from putright.accounts import policy
from putright.accounts.policy import Capability
from putright.api.auth import StaffSessionAuth, TokenAuth
from putright.api.schemas import ErrorOut, StatsOut
from putright.organisation.models import Council, CouncilNotSetUp
from putright.statistics import engine
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
        "published figures are: see `suppressed`."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), StaffSessionAuth()],
)


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


@api.get(
    "/stats",
    response={200: StatsOut, 400: ErrorOut, 401: ErrorOut},
    summary="Complaint statistics for a year or quarter",
    tags=["statistics"],
    # `suppressed` and `small_number_threshold` appear only when figures are hidden.
    exclude_unset=True,
)
def stats(request: HttpRequest, filters: Query[StatsQuery]) -> Any:
    """The same figures as the dashboard and `putright stats --json`."""
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
