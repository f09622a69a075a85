import datetime as dt

import factory

from putright.complaints.constants import Kind
from putright.complaints.models import Case, Procedure, Stage
from putright.organisation.tests.factories import DirectorateFactory


def procedure(code: str) -> Procedure:
    """A built-in procedure (created by the migrations; made again after a transactional
    test has emptied the database)."""
    found = Procedure.objects.filter(code=code).first()
    if found is None:
        from putright.complaints.services import procedure_ensure_builtins

        procedure_ensure_builtins()
        found = Procedure.objects.get(code=code)
    return found


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"CMP-{n:06d}")
    kind = Kind.COMPLAINT
    contact_name = factory.Faker("name", locale="en_GB")
    contact_email = factory.Faker("email", locale="en_GB")


class StageFactory(factory.django.DjangoModelFactory):
    """A stage row; deadlines are whatever the test sets (use the services to compute)."""

    class Meta:
        model = Stage

    case = factory.SubFactory(CaseFactory)
    number = 1
    kind = factory.SelfAttribute("case.kind")
    procedure = factory.LazyAttribute(
        lambda o: procedure("lgsco_code") if o.kind == Kind.COMPLAINT else None
    )
    directorate = factory.SubFactory(DirectorateFactory)
    received = dt.date(2022, 6, 1)


def logged_complaint(*, by, directorate, team=None, received=None, **extra) -> Case:
    """A complaint logged through the service (reference, clock and audit as in real use)."""
    from putright.complaints import services

    data = {
        "kind": Kind.COMPLAINT,
        "channel": "email",
        "received": received or dt.date.today(),
        "directorate": directorate,
        "team": team,
        "procedure": procedure("lgsco_code"),
        "summary": "Late reply about an EHC plan.",
    }
    data.update(extra)
    return services.case_log(by=by, **data)
