from django.db import migrations


def create_builtins(apps, schema_editor):
    from putright.complaints import deadlines

    Procedure = apps.get_model("complaints", "Procedure")
    ProcedureStage = apps.get_model("complaints", "ProcedureStage")
    for rule in deadlines.BUILTIN_PROCEDURES:
        procedure, created = Procedure.objects.get_or_create(
            code=rule.code,
            defaults={
                "name": rule.name,
                "family": rule.family,
                "day_basis": rule.day_basis,
                "ombudsman": rule.ombudsman,
                "is_builtin": True,
            },
        )
        if not created:
            continue
        for stage in rule.stages:
            ProcedureStage.objects.create(
                procedure=procedure,
                number=stage.stage,
                acknowledge_days=stage.acknowledge_days,
                respond_days=stage.respond_days,
                respond_unit=stage.respond_unit,
                respond_from=stage.respond_from,
                extension_cap=stage.extension_cap,
                needs_approval=rule.code in ("lgsco_code", "ho_code") and stage.stage == 2,
                panel_meeting_days=stage.panel_meeting_days,
                panel_report_days=stage.panel_report_days,
                council_response_days=stage.council_response_days,
            )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]
    operations = [migrations.RunPython(create_builtins, migrations.RunPython.noop)]
