"""The report reads its figures in a fixed number of queries, however many records there are.

A council with three times the directorates, teams, complaints and Ombudsman cases must
cost the same number of queries: no section may query once per directorate, team,
procedure or case.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.complaints.constants import Channel, Kind, Outcome
from putright.complaints.models import ComplainantType, IssueNature
from putright.complaints.tests.factories import CaseFactory, StageFactory, procedure
from putright.ombudsman.models import Decision
from putright.ombudsman.tests.factories import OmbudsmanCaseFactory
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory
from putright.reporting.blocks import INTERNAL, PUBLIC
from putright.reporting.build import build_report
from putright.statistics.engine import selection_for

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
OUTCOMES = [Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.NOT_UPHELD]


def _council(*, directorates: range, per_team: int) -> None:
    """Each directorate: two teams of stage 1 complaints (some escalated), contacts and
    LGSCO and Housing Ombudsman cases, over the report year and the year before."""
    procedures = [procedure("children_1989"), procedure("lgsco_code")]
    natures = [
        IssueNature.objects.get_or_create(name=f"Nature {n}")[0] for n in range(3)
    ]
    kinds = [
        ComplainantType.objects.get_or_create(name=f"Type {n}")[0] for n in range(2)
    ]
    channels = [Channel.EMAIL, Channel.WEB_FORM, Channel.LETTER]
    for d in directorates:
        directorate = DirectorateFactory(name=f"Directorate {d:02d}")
        for t in range(2):
            team = TeamFactory(directorate=directorate, name=f"Team {d:02d}-{t}")
            for i in range(per_team):
                received = dt.date(2022, 5, 2) + (i * 9 + t) * DAY
                fields = {
                    "directorate": directorate,
                    "team": team,
                    "procedure": procedures[(d + i) % 2],
                    "outcome": OUTCOMES[i % 3],
                    "channel": channels[i % 3],
                    "complainant_type": kinds[i % 2],
                    "is_commissioned": i % 4 == 0,
                    "due": received + 14 * DAY,
                    "responded": received + (10 + i % 8) * DAY,
                    "response_calendar_days": 10 + i % 8,
                    "response_working_days": (10 + i % 8) * 5 // 7,
                }
                case = CaseFactory(kind=Kind.COMPLAINT)
                stage = StageFactory(
                    case=case, kind=Kind.COMPLAINT, received=received, **fields
                )
                stage.issue_natures.add(natures[i % 3])
                if i % 3 == 0:
                    StageFactory(
                        case=case,
                        kind=Kind.COMPLAINT,
                        number=2,
                        received=received + 30 * DAY,
                        **fields,
                    )
                StageFactory(
                    kind=Kind.COMPLAINT,
                    directorate=directorate,
                    team=team,
                    procedure=fields["procedure"],
                    received=received - 365 * DAY,
                )
                StageFactory(
                    kind=Kind.COMPLIMENT,
                    directorate=directorate,
                    team=team,
                    received=received,
                    summary=f"Thank you, team {d}-{t}.",
                )
                StageFactory(
                    kind=Kind.INFORMAL_COMPLAINT,
                    directorate=directorate,
                    received=received,
                )
            for o, ombudsman in enumerate(("lgsco", "ho")):
                OmbudsmanCaseFactory(
                    reference=f"{d:02d} {t} {o} 1",
                    ombudsman=ombudsman,
                    directorate=directorate,
                    received=dt.date(2022, 5, 1),
                    is_investigation=True,
                    decided=dt.date(2022, 11, 1) + d * DAY,
                    decision=Decision.UPHELD,
                    requirement="Apologise.",
                    lessons="Apology made.",
                )


def _queries_to_build(audience: str) -> list[str]:
    period = selection_for(year="2022/2023").period
    with CaptureQueriesContext(connection) as captured:
        report = build_report(period=period, audience=audience)
    assert report.sections  # the report really was built
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("audience", [PUBLIC, INTERNAL])
def test_building_the_report_costs_the_same_queries_for_three_times_the_records(
    audience,
):
    _council(directorates=range(2), per_team=2)
    small = _queries_to_build(audience)

    # Now 6 directorates, 12 teams and more than three times the cases.
    _council(directorates=range(2, 6), per_team=6)
    large = _queries_to_build(audience)

    assert len(large) == len(small), "\n".join(sql for sql in large if sql not in small)
