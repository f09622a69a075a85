"""Equality monitoring for the complaints team: counts only, small numbers suppressed.

The one staff page of the public app. The answers have no link to any case; this page shows
how many people gave each answer, with docs/counting-rules.md §6.2 suppression applied so
that no small group can be picked out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from putright.accounts.policy import Capability, role_required
from putright.core.inputs import parse_id
from putright.organisation.models import Council, Directorate
from putright.public.forms import EQUALITY_LABELS
from putright.public.models import EQUALITY_QUESTIONS, EqualityResponse
from putright.statistics.disclosure import Disclosure, hidden_label

NOT_ANSWERED = ""


@dataclass(frozen=True)
class AnswerRow:
    label: str
    count: str


@dataclass(frozen=True)
class QuestionTable:
    question: str
    rows: list[AnswerRow]


@dataclass(frozen=True)
class EqualitySummary:
    responses: str
    tables: list[QuestionTable]
    threshold: int


def equality_summary(*, directorate: Directorate | None) -> EqualitySummary:
    """Counts of each answer to each question, suppressed as published figures are (§6.2)."""
    threshold = Council.load().small_number_threshold
    responses = EqualityResponse.objects.all()
    if directorate is not None:
        responses = responses.filter(directorate=directorate)
    d = Disclosure(threshold=threshold)
    total = d.count("responses", responses.count())
    counted: dict[str, dict[str, int]] = {}
    for name, choices in EQUALITY_QUESTIONS:
        values = dict(
            responses.values_list(name).annotate(n=Count("pk")).values_list(name, "n")
        )
        counted[name] = values
        keys = [
            d.count(f"{name}.{value}", int(values.get(value, 0)))
            for value in [*choices.values, NOT_ANSWERED]
        ]
        d.parts(total, keys)
    hidden = d.solve()

    def shown(key: str) -> str:
        why = hidden.get(key)
        return hidden_label(why, threshold) if why else str(d.values[key])

    tables = [
        QuestionTable(
            question=str(EQUALITY_LABELS[name]),
            rows=[
                AnswerRow(label=str(label), count=shown(f"{name}.{value}"))
                for value, label in [*choices.choices, (NOT_ANSWERED, "Not answered")]
            ],
        )
        for name, choices in EQUALITY_QUESTIONS
    ]
    return EqualitySummary(responses=shown(total), tables=tables, threshold=threshold)


@role_required(Capability.ALL_CASES)
def equality_monitoring(request: HttpRequest) -> HttpResponse:
    directorates = list(Directorate.objects.filter(is_active=True))
    chosen_id = parse_id(request.GET.get("directorate"))
    chosen = next((d for d in directorates if d.pk == chosen_id), None)
    context: dict[str, Any] = {
        "summary": equality_summary(directorate=chosen),
        "directorates": directorates,
        "chosen": chosen,
    }
    return render(request, "public/equality_monitoring.html", context)
