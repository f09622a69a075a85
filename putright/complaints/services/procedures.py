"""Procedure templates: the built-ins of DATA_FORMAT.md §3."""

from __future__ import annotations

from django.db import transaction

from putright.complaints import deadlines
from putright.complaints.models import (
    Procedure,
    ProcedureStage,
)


def procedure_ensure_builtins() -> list[Procedure]:
    """Create the built-in procedure templates (DATA_FORMAT.md §3) that are missing.

    Existing rows are left alone, so a council that adjusted a built-in keeps its settings.
    """
    created = []
    with transaction.atomic():
        for rule in deadlines.BUILTIN_PROCEDURES:
            procedure, was_created = Procedure.objects.get_or_create(
                code=rule.code,
                defaults={
                    "name": rule.name,
                    "family": rule.family,
                    "day_basis": rule.day_basis,
                    "ombudsman": rule.ombudsman,
                    "is_builtin": True,
                },
            )
            if not was_created:
                continue
            created.append(procedure)
            ProcedureStage.objects.bulk_create(
                ProcedureStage(
                    procedure=procedure,
                    number=stage.stage,
                    acknowledge_days=stage.acknowledge_days,
                    respond_days=stage.respond_days,
                    respond_unit=stage.respond_unit,
                    respond_from=stage.respond_from,
                    extension_cap=stage.extension_cap,
                    needs_approval=rule.code in ("lgsco_code", "ho_code")
                    and stage.stage == 2,
                    panel_meeting_days=stage.panel_meeting_days,
                    panel_report_days=stage.panel_report_days,
                    council_response_days=stage.council_response_days,
                )
                for stage in rule.stages
            )
    return created
