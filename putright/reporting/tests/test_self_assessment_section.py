"""The Code self-assessment comes first in the annual report, suppressed in the public one."""

import datetime as dt

import pytest

from putright.complaints import services as casework
from putright.complaints.constants import Outcome
from putright.complaints.models import Restriction
from putright.complaints.tests.factories import StageFactory
from putright.core.periods import Period
from putright.reporting.blocks import INTERNAL, PUBLIC, Suppressed
from putright.reporting.build import build_report
from putright.selfassessment import services
from putright.selfassessment.provisions import PROVISIONS

pytestmark = pytest.mark.django_db
YEAR = Period(2024)


def _table(report, key):
    return next(t for t in report.tables() if t.key == key)


def _row(table, label):
    return next(r for r in table.rows if r[0] == label)


@pytest.fixture
def records(alice, carol, childrens, adults):
    # Six stage 1 complaints in Adults, all acknowledged within 5 working days; one in
    # Children's, acknowledged late. Two restrictions in Adults, one in Children's.
    stages = [
        StageFactory(
            directorate=adults,
            received=dt.date(2024, 6, 3),
            acknowledged=dt.date(2024, 6, 4),
            responded=dt.date(2024, 6, 10),
            outcome=Outcome.NOT_UPHELD,
        )
        for _ in range(6)
    ]
    late = StageFactory(
        directorate=childrens,
        received=dt.date(2024, 6, 3),
        acknowledged=dt.date(2024, 6, 28),
    )
    for stage in (stages[0], stages[1], late):
        casework.restriction_record(
            case=stage.case,
            by=alice,
            approved_by=carol,
            starts_on=dt.date(2024, 7, 1),
            reason=Restriction.Reason.ABUSIVE,
            restricts="Written contact only",
            review_on=dt.date(2025, 1, 1),
        )
    assessment = services.assessment_start(first_year=2024, by=alice)
    for p in PROVISIONS:
        services.answer_save(
            assessment=assessment, provision=p.number, by=alice, complies=True
        )
    services.answer_save(
        assessment=assessment,
        provision="6.1",
        by=alice,
        complies=False,
        commentary="Children's acknowledgements slipped in June",
        action="Daily check of new complaints",
        target_date=dt.date(2025, 12, 31),
    )
    services.assessment_sign_off(
        assessment=assessment,
        by=alice,
        signed_off_by="Cabinet",
        signed_off_on=dt.date(2025, 6, 10),
        minute_reference="CAB 25/61",
    )


def test_it_is_the_first_section_of_both_versions(records):
    for audience in (INTERNAL, PUBLIC):
        report = build_report(period=YEAR, audience=audience)
        assert report.sections[0].key == "self_assessment"


def test_the_answers_and_sign_off(records):
    report = build_report(period=YEAR, audience=PUBLIC)
    answers = _table(report, "self_assessment")
    assert len(answers.rows) == len(PROVISIONS)
    row = next(r for r in answers.rows if r[0].startswith("6.1 "))
    assert row[2:] == [
        "No",
        "Children's acknowledgements slipped in June",
        "Daily check of new complaints (by 31 December 2025)",
    ]
    opening = report.sections[0].blocks[0].text
    assert f"against {len(PROVISIONS)} provisions" in opening
    assert f"complies with {len(PROVISIONS) - 1}" in opening
    assert "Signed off by Cabinet on 10 June 2025 (minute CAB 25/61)" in opening


def test_evidence_is_shown_internally_and_suppressed_publicly(records, adults):
    label = "Stage 1 acknowledged within 5 working days"
    internal = _row(
        _table(
            build_report(period=YEAR, audience=INTERNAL), "self_assessment_evidence"
        ),
        label,
    )
    assert internal[1:3] == [6, 7]
    public = build_report(period=YEAR, audience=PUBLIC)
    shown = _row(_table(public, "self_assessment_evidence"), label)
    # Children's 1 stage 1 complaint is small, so Adults' 6 is hidden beside it (a part
    # goes before the total). Whether the council's 7 is shown depends on what else the
    # report must protect; the evidence uses it as its base only where the summary shows
    # it, so it never gives a hidden 7 away.
    adults_outcomes = _table(public, f"dir_{adults.pk}_outcomes")
    assert _row(adults_outcomes, "Stage 1")[1] == Suppressed(5, secondary=True)
    total = _row(_table(public, "summary"), "Stage 1 complaints")[3]
    assert shown[1] == 6
    if isinstance(total, Suppressed):
        assert shown[2] == Suppressed(5, secondary=True)
    else:
        assert total == shown[2] == 7
    # Restrictions are 2 and 1: each below the threshold, so each is hidden.
    restrictions = _table(public, "restrictions")
    assert {r[0]: r[1] for r in restrictions.rows} == {
        "Adults": Suppressed(5),
        "Children's": Suppressed(5),
    }
    internal_restrictions = _table(
        build_report(period=YEAR, audience=INTERNAL), "restrictions"
    )
    assert {r[0]: r[1] for r in internal_restrictions.rows} == {
        "Adults": 2,
        "Children's": 1,
    }


def test_a_directorate_report_has_no_self_assessment(records, adults):
    report = build_report(period=YEAR, directorate=adults, audience=INTERNAL)
    assert "self_assessment" not in [s.key for s in report.sections]
