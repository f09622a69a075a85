"""Procedure templates: the built-ins of docs/deadline-rules.md §3 and councils' own procedures."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from putright.complaints import deadlines
from putright.complaints.constants import Family, Kind
from putright.complaints.models import Procedure, ProcedureStage, Stage
from putright.organisation.models import Council, Directorate

# The Complaint Handling Codes' final stage is signed off by a senior manager.
_APPROVED_STAGES = {("lgsco_code", 2), ("ho_code", 2)}


def procedure_create_from_rule(
    *, rule: deadlines.ProcedureRule, is_builtin: bool = False
) -> tuple[Procedure, bool]:
    """Create a procedure and its stages from a rule, unless its code exists already.

    An existing procedure is returned untouched, so a council that adjusted it keeps its settings.
    """
    with transaction.atomic():
        procedure, created = Procedure.objects.get_or_create(
            code=rule.code,
            defaults={
                "name": rule.name,
                "family": rule.family,
                "day_basis": rule.day_basis,
                "ombudsman": rule.ombudsman,
                "is_builtin": is_builtin,
            },
        )
        if created:
            ProcedureStage.objects.bulk_create(
                ProcedureStage(
                    procedure=procedure,
                    number=stage.stage,
                    acknowledge_days=stage.acknowledge_days,
                    respond_days=stage.respond_days,
                    respond_unit=stage.respond_unit,
                    respond_from=stage.respond_from,
                    extension_cap=stage.extension_cap,
                    needs_approval=(rule.code, stage.stage) in _APPROVED_STAGES,
                    panel_meeting_days=stage.panel_meeting_days,
                    panel_report_days=stage.panel_report_days,
                    council_response_days=stage.council_response_days,
                )
                for stage in rule.stages
            )
    return procedure, created


def procedure_ensure_builtins() -> list[Procedure]:
    """Create the built-in procedure templates (docs/deadline-rules.md §3) that are missing."""
    created = []
    for rule in deadlines.BUILTIN_PROCEDURES:
        procedure, was_created = procedure_create_from_rule(rule=rule, is_builtin=True)
        if was_created:
            created.append(procedure)
    return created


# The corporate procedure each nation's Ombudsman sets (docs/deadline-rules.md §3).
CORPORATE_PROCEDURE_BY_NATION = {
    "england": "lgsco_code",
    "wales": "psow_model",
    "scotland": "spso_mchp",
    "northern_ireland": "nipso_mchp",
}


def procedure_corporate_default() -> Procedure | None:
    """The council's corporate complaints procedure: its nation's Ombudsman model."""
    code = CORPORATE_PROCEDURE_BY_NATION.get(Council.load().nation, "lgsco_code")
    return Procedure.objects.filter(code=code, is_active=True).first()


# The built-in procedures that apply in each nation (docs/deadline-rules.md §3): the
# Ombudsman's model procedure, and in England the Housing Ombudsman's Code and the
# statutory social care and public health procedures.
BUILTIN_PROCEDURES_BY_NATION: dict[str, frozenset[str]] = {
    "england": frozenset(
        {"lgsco_code", "ho_code", "children_1989", "adults_2009", "public_health_2012"}
    ),
    "wales": frozenset({"psow_model"}),
    "scotland": frozenset({"spso_mchp"}),
    "northern_ireland": frozenset({"nipso_mchp"}),
}
# How far back a directorate's own complaints show which procedure it usually follows.
_HABIT_DAYS = 365


def procedures_offered() -> QuerySet[Procedure]:
    """The procedures a council uses: its nation's built-ins and its own, active ones."""
    nation = Council.load().nation
    builtins = BUILTIN_PROCEDURES_BY_NATION.get(nation, frozenset())
    return Procedure.objects.filter(is_active=True).filter(
        Q(is_builtin=False) | Q(code__in=sorted(builtins))
    )


def procedure_default(
    *, kind: str, directorate: Directorate | None
) -> Procedure | None:
    """The procedure a new contact most likely follows: none unless it is a complaint;
    else the one the directorate's complaints of the last year mostly followed, or the
    nation's corporate procedure when the directorate has none yet."""
    if kind != Kind.COMPLAINT:
        return None
    offered = procedures_offered()
    if directorate is not None:
        since = timezone.localdate() - dt.timedelta(days=_HABIT_DAYS)
        usual = (
            Stage.objects.filter(
                directorate=directorate,
                kind=Kind.COMPLAINT,
                number=1,
                received__gte=since,
                procedure__in=offered,
            )
            .values("procedure")
            .annotate(uses=Count("pk"))
            .order_by("-uses", "procedure")
            .first()
        )
        if usual is not None:
            return offered.get(pk=usual["procedure"])
    default = procedure_corporate_default()
    if default is not None and offered.filter(pk=default.pk).exists():
        return default
    return offered.filter(family=Family.CORPORATE).first()
