"""The Ombudsman section's further figures (issue 11 item 2), worked out by hand.

2022/2023 (1 April 2022 to 31 March 2023), the LGSCO:
  a Children's, SEND Team, Education: received 1 May, investigated, upheld 1 September,
    the council had already offered a satisfactory remedy
  b Children's, SEND Team, Education: received 1 June, investigated, not upheld 1 October
  c Children's, no team: received 1 July, closed after initial enquiries 20 July
  d Housing, Lettings, Housing: received 1 August, investigated, upheld 10 January 2023
  e Housing, Lettings: received 1 February 2023, no decision (at initial assessment)
  f Housing, Lettings: received 1 March 2023, investigated, upheld 1 May 2023 (after the
    year end: under investigation at it)
  g Children's: received December 2021, referred back 15 April 2022
  h Housing: received November 2021, investigated, no decision (awaiting)
  i Housing: received May 2021, investigated, upheld September 2021 (2021/2022)
The Housing Ombudsman (Housing, Repairs):
  j maladministration 1 November: repairs maladministration, complaint handling none
  k service failure 1 December: damp service failure, complaint handling reasonable redress
  l no maladministration 1 January 2023: both parts no maladministration
  m maladministration 1 February 2023: no findings recorded
  n maladministration 10 April 2023 (next year): maladministration and none
"""

from __future__ import annotations

import datetime as dt

import pytest

from putright.core.periods import Period
from putright.ombudsman.models import Decision, OmbudsmanFinding
from putright.ombudsman.tests.factories import OmbudsmanCaseFactory
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory
from putright.reporting.blocks import INTERNAL, PUBLIC, Suppressed
from putright.reporting.build import build_report
from putright.reporting.tests.leaks import build_leak_dataset

pytestmark = pytest.mark.django_db
YEAR = Period(2022)
D = dt.date


@pytest.fixture
def casework(db):
    childrens = DirectorateFactory(name="Children's")
    housing = DirectorateFactory(name="Housing")
    send = TeamFactory(directorate=childrens, name="SEND Team")
    lettings = TeamFactory(directorate=housing, name="Lettings")
    repairs = TeamFactory(directorate=housing, name="Repairs")

    def lgsco(directorate, received, decided=None, decision="", **extra):
        return OmbudsmanCaseFactory(
            ombudsman="lgsco",
            directorate=directorate,
            received=received,
            decided=decided,
            decision=decision,
            **extra,
        )

    up, no = Decision.UPHELD, Decision.NOT_UPHELD
    inv = {"is_investigation": True}
    lgsco(
        childrens,
        D(2022, 5, 1),
        D(2022, 9, 1),
        up,
        team=send,
        category="Education",
        satisfactory_remedy_by_council=True,
        **inv,
    )
    lgsco(
        childrens,
        D(2022, 6, 1),
        D(2022, 10, 1),
        no,
        team=send,
        category="Education",
        **inv,
    )
    lgsco(
        childrens,
        D(2022, 7, 1),
        D(2022, 7, 20),
        Decision.CLOSED_AFTER_INITIAL_ENQUIRIES,
    )
    lgsco(
        housing,
        D(2022, 8, 1),
        D(2023, 1, 10),
        up,
        team=lettings,
        category="Housing",
        **inv,
    )
    lgsco(housing, D(2023, 2, 1), team=lettings)
    lgsco(housing, D(2023, 3, 1), D(2023, 5, 1), up, team=lettings, **inv)
    lgsco(childrens, D(2021, 12, 1), D(2022, 4, 15), Decision.REFERRED_BACK)
    lgsco(housing, D(2021, 11, 1), **inv)
    lgsco(housing, D(2021, 5, 1), D(2021, 9, 1), up, **inv)

    def ho(decided, decision, findings):
        item = OmbudsmanCaseFactory(
            ombudsman="ho",
            directorate=housing,
            team=repairs,
            received=decided - dt.timedelta(days=150),
            is_investigation=True,
            decided=decided,
            decision=decision,
        )
        for order, (element, finding) in enumerate(findings, start=1):
            OmbudsmanFinding.objects.create(
                ombudsman_case=item, element=element, finding=finding, order=order
            )

    ho(
        D(2022, 11, 1),
        Decision.MALADMINISTRATION,
        [
            ("Repairs", "maladministration"),
            ("Complaint Handling", "no_maladministration"),
        ],
    )
    ho(
        D(2022, 12, 1),
        Decision.SERVICE_FAILURE,
        [
            ("Damp & Mould", "service_failure"),
            ("Complaint Handling", "reasonable_redress"),
        ],
    )
    ho(
        D(2023, 1, 1),
        Decision.NO_MALADMINISTRATION,
        [
            ("Repairs", "no_maladministration"),
            ("Complaint Handling", "no_maladministration"),
        ],
    )
    ho(D(2023, 2, 1), Decision.MALADMINISTRATION, [])
    ho(
        D(2023, 4, 10),
        Decision.MALADMINISTRATION,
        [
            ("Repairs", "maladministration"),
            ("Complaint Handling", "no_maladministration"),
        ],
    )
    return {"housing": housing}


def _tables(report) -> dict:
    return {t.key: t for t in report.tables()}


def test_where_the_years_enquiries_stood_at_the_year_end(casework):
    table = _tables(build_report(period=YEAR, audience=INTERNAL))["omb_lgsco_standing"]
    assert table.caption == (
        "LGSCO enquiries received in 2022/2023: where they stood at the year end"
    )
    # a-f received; c decided at assessment, e still there; a, b, d, f investigated, of
    # which f not decided by 31 March; awaiting: e, f and h (from 2021/2022).
    assert [row[1] for row in table.rows] == [6, 1, 1, 4, 3, 1, 3]


def test_every_decision_by_service_and_the_teams_with_decisions(casework):
    tables = _tables(build_report(period=YEAR, audience=INTERNAL))
    by_service = tables["omb_lgsco_by_directorate"]
    assert by_service.caption == "LGSCO decisions by service, 2022/2023"
    assert by_service.columns == [
        "Service",
        "Upheld",
        "Not upheld",
        "Closed after initial enquiries",
        "Referred back for local resolution",
        "Advice given",
        "Incomplete or invalid",
        "Total",
    ]
    assert by_service.rows == [
        ["Children's", 1, 1, 1, 1, 0, 0, 4],  # a, b, c and g (received the year before)
        ["Housing", 1, 0, 0, 0, 0, 0, 1],  # d; f was decided after the year end
        ["Total", 2, 1, 1, 1, 0, 0, 5],
    ]
    teams = tables["omb_lgsco_by_team"]
    assert teams.caption == "LGSCO decisions by team, 2022/2023"
    assert teams.rows == [
        ["SEND Team", "Children's", 2, 1],
        ["Lettings", "Housing", 1, 1],
    ]
    ho = tables["omb_ho_by_directorate"]
    # Every Housing Ombudsman decision is a column, mediation and withdrawn too.
    assert len(ho.columns) == 1 + 8 + 1
    assert ho.rows[0] == ["Housing", 0, 2, 1, 0, 1, 0, 0, 0, 4]


def test_investigations_by_the_ombudsmans_category(casework):
    table = _tables(build_report(period=YEAR, audience=INTERNAL))[
        "omb_lgsco_by_category"
    ]
    assert table.caption == (
        "LGSCO detailed investigations decided in 2022/2023, by the Ombudsman's category"
    )
    assert table.rows == [
        ["Education", 1, 1, 2],
        ["Housing", 1, 0, 1],
        ["Total", 2, 1, 3],
    ]


def test_upheld_and_satisfactory_remedy_rates_over_three_years(casework):
    tables = _tables(build_report(period=YEAR, audience=INTERNAL))
    table = tables["omb_lgsco_upheld_years"]
    assert table.caption == (
        "LGSCO upheld rate of detailed investigations, 2020/2021 to 2022/2023"
    )
    # 2021/2022: i, 1 of 1. 2022/2023: a and d upheld of a, b, d; a with a remedy.
    assert table.rows[1] == ["2021/2022", "1", "1", "100.0%", "0", "0.0%"]
    assert table.rows[2] == ["2022/2023", "3", "2", "66.7%", "1", "50.0%"]
    measures = dict(tables["omb_lgsco_measures"].rows)
    assert measures["Satisfactory remedy rate of upheld cases"] == "50.0%"
    # Housing's own report: only d was decided, upheld; the council's rate beside it.
    service = _tables(
        build_report(period=YEAR, audience=INTERNAL, directorate=casework["housing"])
    )["omb_lgsco_upheld_years"]
    assert service.columns[-1] == "Council's upheld rate"
    assert service.rows[2] == ["2022/2023", "1", "1", "100.0%", "0", "0.0%", "66.7%"]


def test_housing_ombudsman_partial_maladministration(casework):
    table = _tables(build_report(period=YEAR, audience=INTERNAL))["omb_ho_partial"]
    assert table.caption == (
        "Housing Ombudsman findings on each part of the complaint, 2022/2023"
    )
    # j, k and l have findings (m none, n next year); only j mixes fault and none
    # (k's reasonable redress is not "no maladministration").
    assert [row[1] for row in table.rows] == [3, 1]


def test_the_public_version_hides_the_small_new_counts(db):
    build_leak_dataset()
    tables = _tables(build_report(period=YEAR, audience=PUBLIC))
    # 2 of partial maladministration among the Housing Ombudsman's findings.
    partial = tables["omb_ho_partial"].rows[1][1]
    assert isinstance(partial, Suppressed)
    # 3 LGSCO investigations upheld or not in Social Care, 1 not upheld in Education.
    category = tables["omb_lgsco_by_category"].rows
    assert category[0][0] == "Education"
    assert isinstance(category[0][2], Suppressed)
    assert isinstance(category[1][1], Suppressed)  # Social Care: 2 upheld
    # By team only in the internal version (Social Care's 3 decisions, 2 finding fault,
    # would all be small in public).
    assert "omb_lgsco_by_team" not in tables
