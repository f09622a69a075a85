"""Links from a dashboard figure to the records behind it (the staff case list, filtered).

Each link carries the filters the statistics count by (docs/counting-rules.md §5): stage
records received in the period (`records=1`: every stage, not only each case's current
one), in the selection's service and team, with the figure's outcome, procedure family, day
basis or timeliness. The list then holds exactly as many records as the figure counts.

Links are made only for a user whose case scope holds every record of the selection
(`permissions.sees_every_record`); for anyone else a list would show fewer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from putright.complaints import permissions
from putright.complaints.constants import Kind
from putright.ombudsman.selectors import sees_every_ombudsman_case
from putright.statistics import engine


class FigureLinks:
    """Builds the case-list address of each figure of one selection."""

    def __init__(self, selection: engine.Selection) -> None:
        self.selection = selection
        self.base: dict[str, Any] = {"view": "all", "state": "all", "records": "1"}
        if selection.directorate is not None:
            self.base["directorate"] = selection.directorate.pk
        if selection.team is not None:
            self.base["team"] = selection.team.pk

    def url(
        self,
        *,
        kind: str = Kind.COMPLAINT,
        stage: str | int | None = None,
        start: dt.date | str | None = None,
        end: dt.date | str | None = None,
        **extra: Any,
    ) -> str:
        period = self.selection.period
        query = {
            **self.base,
            "kind": kind,
            "received_from": str(start or period.start),
            "received_to": str(end or period.end),
        }
        if stage is not None:
            query["stage"] = stage
        query.update({k: v for k, v in extra.items() if v not in (None, "")})
        return f"{reverse('complaints:case_list')}?{urlencode(query)}"

    def stage(self, key: str, figures: dict[str, Any]) -> dict[str, Any]:
        """Links of one stage's figures, keyed as the dashboard panel names them."""
        previous = self.selection.period.previous_year()
        links: dict[str, Any] = {
            "received": self.url(stage=key),
            "responded": self.url(stage=key, answered="1"),
            "within": self.url(stage=key, within="due"),
            "within_extended": self.url(stage=key, within="extended"),
            "previous": self.url(stage=key, start=previous.start, end=previous.end),
            "outcomes": {
                o: self.url(stage=key, outcome=o) for o in figures["outcomes"]
            },
            "families": {},
            "quarters": {
                q.quarter: self.url(stage=key, start=q.start, end=q.end)
                for q in self.selection.period.whole_year().quarters()
            },
        }
        to_date = figures["previous_year"].get("to_date")
        if to_date:
            links["previous_to_date"] = self.url(
                stage=key, start=to_date["start"], end=to_date["end"]
            )
        for family, group in figures["by_family"].items():
            links["families"][family] = {
                "received": self.url(stage=key, family=family),
                "bases": {
                    basis: self.url(stage=key, family=family, basis=basis)
                    for basis in group.get("by_day_basis", {})
                },
            }
        return links

    def contact(self, kind: str, figures: dict[str, Any]) -> dict[str, str]:
        previous = self.selection.period.previous_year()
        links = {
            "received": self.url(kind=kind),
            "previous": self.url(kind=kind, start=previous.start, end=previous.end),
        }
        to_date = figures["previous_year"].get("to_date")
        if to_date:
            links["previous_to_date"] = self.url(
                kind=kind, start=to_date["start"], end=to_date["end"]
            )
        return links


def _ombudsman_url(selection: engine.Selection, **query: Any) -> str:
    if selection.directorate is not None:
        query["directorate"] = selection.directorate.pk
    if selection.team is not None:
        query["team"] = selection.team.pk
    return f"{reverse('ombudsman:list')}?{urlencode(query)}"


def ombudsman_links(
    *, selection: engine.Selection, stats: dict[str, Any], user: Any
) -> dict[str, Any] | None:
    """Each Ombudsman figure's link to the Ombudsman case list, for users who see them all.

    `received` and `investigations` count by the date received, `decided` and each
    decision by the date decided (§5), so the links filter by those dates.
    """
    directorate_id = selection.directorate.pk if selection.directorate else None
    if not sees_every_ombudsman_case(user, directorate_id=directorate_id):
        return None
    period = selection.period
    received = {"received_from": period.start, "received_to": period.end}
    decided = {"decided_from": period.start, "decided_to": period.end}
    return {
        code: {
            "received": _ombudsman_url(selection, ombudsman=code, **received),
            "investigations": _ombudsman_url(
                selection, ombudsman=code, investigation="1", **received
            ),
            "decided": _ombudsman_url(selection, ombudsman=code, **decided),
            "decisions": {
                d: _ombudsman_url(selection, ombudsman=code, decision=d, **decided)
                for d in figures["decisions"]
            },
        }
        for code, figures in stats["ombudsman"].items()
    }


def figure_links(
    *, selection: engine.Selection, stats: dict[str, Any], user: Any
) -> dict[str, Any] | None:
    """Every figure's link for `user`, or None when a list would not hold them all."""
    if not permissions.sees_every_record(
        user,
        directorate_id=selection.directorate.pk if selection.directorate else None,
        team_id=selection.team.pk if selection.team else None,
    ):
        return None
    links = FigureLinks(selection)
    return {
        "stages": {k: links.stage(k, f) for k, f in stats["stages"].items()},
        "contacts": {k: links.contact(k, f) for k, f in stats["contacts"].items()},
    }
