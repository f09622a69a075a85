"""Records that reproduce seed 000 (the published 2022/2023 dashboard) give its figures.

Seed 000 shows, for one service (read here as Children's), 41 stage 1 complaints (14 not
upheld, 21 part upheld, 6 upheld; 29 corporate at 22 calendar days on average, 12 statutory
at 14 working days), 40 the year before; 6 stage 2 (0, 5, 1; 2 corporate, 4 statutory), 9
the year before; no stage 3 in either year; 91 informal complaints and 90 compliments. For
another (read as Adults): 25 stage 1 (9, 9, 7; 1 corporate at 54 calendar days, 24 statutory
at 16 working days), 34 the year before; no stage 2, 1 the year before; 72 informal
complaints and 472 compliments.
"""

import datetime as dt
import json
import re
from io import StringIO
from itertools import count

import pytest
from django.core.management import call_command

from putright.complaints.constants import Kind, Outcome
from putright.complaints.models import Case, Procedure, Stage
from putright.complaints.tests.factories import procedure
from putright.organisation.tests.factories import DirectorateFactory

_refs = count(1)


def _records(directorate, kind, first_year, items, proc=None, number=1):
    """`items`: (outcome, calendar days, working days) per record, spread over the year."""
    start = dt.date(first_year, 4, 3)
    cases = Case.objects.bulk_create(
        Case(reference=f"SEED-{next(_refs):05d}", kind=kind) for _ in items
    )
    stages = []
    for index, (case, (outcome, cal, wd)) in enumerate(zip(cases, items, strict=True)):
        received = start + dt.timedelta(days=(index * 359) // max(len(items), 1))
        answered = cal is not None
        stages.append(
            Stage(
                case=case,
                number=number,
                kind=kind,
                procedure=proc,
                directorate=directorate,
                received=received,
                due=received + dt.timedelta(days=30),
                responded=received + dt.timedelta(days=cal) if answered else None,
                response_calendar_days=cal,
                response_working_days=wd,
                outcome=outcome,
            )
        )
    Stage.objects.bulk_create(stages)


def _outcomes(not_upheld, partly, upheld):
    return (
        [Outcome.NOT_UPHELD] * not_upheld
        + [Outcome.PARTLY_UPHELD] * partly
        + [Outcome.UPHELD] * upheld
    )


@pytest.fixture
def seed(db):
    childrens = DirectorateFactory(name="Children's")
    adults = DirectorateFactory(name="Adults")
    corporate = Procedure.objects.create(
        code="wolverhampton_corporate",
        name="Corporate complaints procedure",
        family="corporate",
        day_basis="calendar",
        ombudsman="lgsco",
    )
    children, adult_care = procedure("children_1989"), procedure("adults_2009")
    complaint = Kind.COMPLAINT
    # Children's 2022/2023, stage 1: 29 corporate (14 x 20 + 14 x 24 + 22 = 638 calendar
    # days, 22.0 on average) and 12 statutory (6 x 12 + 6 x 16 = 168 working days, 14.0).
    outcomes = _outcomes(14, 21, 6)
    corporate_days = [20] * 14 + [24] * 14 + [22]
    _records(
        childrens,
        complaint,
        2022,
        [(o, d, d - 6) for o, d in zip(outcomes[:29], corporate_days, strict=True)],
        corporate,
    )
    statutory_days = [12] * 6 + [16] * 6
    _records(
        childrens,
        complaint,
        2022,
        [(o, d + 6, d) for o, d in zip(outcomes[29:], statutory_days, strict=True)],
        children,
    )
    # Children's stage 2: 2 corporate, 4 statutory.
    outcomes = _outcomes(0, 5, 1)
    _records(
        childrens, complaint, 2022, [(o, 30, 20) for o in outcomes[:2]], corporate, 2
    )
    _records(
        childrens, complaint, 2022, [(o, 30, 20) for o in outcomes[2:]], children, 2
    )
    # Adults 2022/2023, stage 1: 1 corporate at 54 calendar days; 24 statutory averaging 16
    # working days (12 x 15 + 12 x 17 = 384).
    outcomes = _outcomes(9, 9, 7)
    _records(adults, complaint, 2022, [(outcomes[0], 54, 38)], corporate)
    _records(
        adults,
        complaint,
        2022,
        [(o, 25, d) for o, d in zip(outcomes[1:], [15] * 12 + [17] * 12, strict=True)],
        adult_care,
    )
    # 2021/2022.
    _records(childrens, complaint, 2021, [(Outcome.UPHELD, 20, 14)] * 40, children)
    _records(childrens, complaint, 2021, [(Outcome.UPHELD, 30, 20)] * 9, children, 2)
    _records(adults, complaint, 2021, [(Outcome.UPHELD, 20, 14)] * 34, adult_care)
    _records(adults, complaint, 2021, [(Outcome.UPHELD, 20, 14)] * 1, corporate, 2)
    # Informal complaints and compliments.
    _records(childrens, Kind.INFORMAL_COMPLAINT, 2022, [("", None, None)] * 91)
    _records(childrens, Kind.COMPLIMENT, 2022, [("", None, None)] * 90)
    _records(adults, Kind.INFORMAL_COMPLAINT, 2022, [("", None, None)] * 72)
    _records(adults, Kind.COMPLIMENT, 2022, [("", None, None)] * 472)


def stats_json(*args):
    out = StringIO()
    call_command("stats", "--year", "2022/2023", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_childrens_panel_of_seed_000(seed):
    stats = stats_json("--directorate", "Children's")
    s1, s2, s3 = (stats["stages"][k] for k in ("1", "2", "3"))
    assert s1["received"] == 41
    outcomes = s1["outcomes"]
    assert (outcomes["not_upheld"], outcomes["partly_upheld"], outcomes["upheld"]) == (
        14,
        21,
        6,
    )
    corporate, statutory = s1["by_family"]["corporate"], s1["by_family"]["statutory"]
    assert (corporate["received"], corporate["day_basis"]) == (29, "calendar")
    assert corporate["average_response_days"] == 22.0
    assert (statutory["received"], statutory["day_basis"]) == (12, "working")
    assert statutory["average_response_days"] == 14.0
    assert (s1["previous_year"]["received"], s1["difference"]) == (40, 1)
    assert s1["sentence"] == (
        "In comparison to 2021/2022 an increase has been seen in the number of "
        "stage 1 complaints received"
    )
    assert s2["received"] == 6
    assert [s2["outcomes"][o] for o in ("not_upheld", "partly_upheld", "upheld")] == [
        0,
        5,
        1,
    ]
    assert s2["by_family"]["corporate"]["received"] == 2
    assert s2["by_family"]["statutory"]["received"] == 4
    assert (s2["previous_year"]["received"], s2["difference"]) == (9, -3)
    assert s2["direction"] == "decrease"
    assert (s3["received"], s3["difference"], s3["direction"]) == (0, 0, "no change")
    assert s3["sentence"] == (
        "In comparison to 2021/2022 no change has been seen in the number of "
        "stage 3 complaints received"
    )
    assert stats["contacts"]["informal_complaint"]["received"] == 91
    assert stats["contacts"]["compliment"]["received"] == 90


def test_adults_panel_of_seed_000(seed):
    stats = stats_json("--directorate", "adults")
    s1, s2 = stats["stages"]["1"], stats["stages"]["2"]
    assert s1["received"] == 25
    assert [s1["outcomes"][o] for o in ("not_upheld", "partly_upheld", "upheld")] == [
        9,
        9,
        7,
    ]
    assert s1["by_family"]["corporate"]["received"] == 1
    assert s1["by_family"]["corporate"]["average_response_days"] == 54.0
    assert s1["by_family"]["statutory"]["received"] == 24
    assert s1["by_family"]["statutory"]["average_response_days"] == 16.0
    assert (s1["previous_year"]["received"], s1["difference"]) == (34, -9)
    assert (s2["received"], s2["previous_year"]["received"], s2["difference"]) == (
        0,
        1,
        -1,
    )
    assert stats["contacts"]["informal_complaint"]["received"] == 72
    assert stats["contacts"]["compliment"]["received"] == 472


def test_dashboard_shows_the_seed_figures_in_whole_days(client, seed, alice):
    client.force_login(alice)
    html = client.get(
        "/dashboard/", {"year": "2022/2023", "directorate": "Children's"}
    ).content.decode()

    def figure(name):
        return re.search(rf'data-figure="{name}">([^<]*)<', html).group(1)

    assert figure("stage-1-received") == "41"
    assert figure("stage-1-not_upheld") == "14"
    assert figure("stage-1-partly_upheld") == "21"
    assert figure("stage-1-upheld") == "6"
    assert figure("stage-1-corporate-received") == "29"
    assert figure("stage-1-corporate-days") == "22"
    assert figure("stage-1-statutory-days") == "14"
    assert figure("stage-2-difference") == "-3"
    assert figure("contact-informal_complaint-received") == "91"
    assert "Average response days (calendar days)" in html
    assert "Stage 1 complaints part upheld (council is partly at fault)" in html
