"""Procedure templates: the built-ins of docs/deadline-rules.md §3 and councils' own procedures."""

from __future__ import annotations

from django.db import transaction

from putright.complaints import deadlines
from putright.complaints.models import Procedure, ProcedureStage
from putright.organisation.models import Council

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
