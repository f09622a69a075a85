"""Sampling closed service requests and informal complaints: the likely-complaint rule,
a reproducible seeded sample, the audited review, and `sampling_evidence`."""

import datetime as dt

import pytest

from putright.audit.models import AuditEvent
from putright.complaints.constants import Kind
from putright.complaints.tests.factories import CaseFactory, StageFactory
from putright.core.errors import ServiceError
from putright.core.periods import Period
from putright.statistics import likely_complaint
from putright.statistics.benchmark_models import SampledContact
from putright.statistics.sampling import draw_sample, review_contact, sampling_evidence

D = dt.date


JUNE_3 = D(2024, 6, 3)
JUNE_10 = D(2024, 6, 10)


def contact(
    directorate,
    summary="Bin not collected on Tuesday.",
    *,
    kind=Kind.SERVICE_REQUEST,
    received=JUNE_3,
    responded=JUNE_10,
    email="",
    name="",
    team=None,
):
    case = CaseFactory(kind=kind, contact_email=email, contact_name=name)
    return StageFactory(
        case=case,
        kind=kind,
        directorate=directorate,
        team=team,
        received=received,
        responded=responded,
        summary=summary,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I want to complain about the bin crew.", ["word"]),
        ("This is UNACCEPTABLE.", ["word"]),
        ("I will go to the Ombudsman", ["word"]),
        ("Still   waiting for the repair after six weeks", ["dissatisfaction"]),
        ("Totally unacceptable, I am not happy", ["word", "dissatisfaction"]),
        ("Please collect a sofa on Friday.", []),
        (
            "Complainant asked for a bulky waste slot",
            ["word"],
        ),  # the rule's known noise
        ("uncomplaining neighbour", []),  # whole words only
    ],
)
def test_rule_signals(text, expected):
    assert likely_complaint.signals(text) == expected


def test_repeat_is_the_same_person_and_team_within_the_window():
    a, b = "email:a@example.org", "email:b@example.org"
    contacts = [
        (1, a, "roads", D(2024, 1, 1)),
        (2, a, "roads", D(2024, 3, 30)),  # 89 days later: a repeat
        (3, a, "waste", D(2024, 3, 31)),  # another team: not
        (4, b, "roads", D(2024, 1, 1)),
        (5, b, "roads", D(2024, 4, 1)),  # 91 days later: not
        (6, "", "roads", D(2024, 1, 2)),  # nobody known: never
        (7, "", "roads", D(2024, 1, 3)),
    ]
    assert likely_complaint.repeats(contacts) == {2}
    assert likely_complaint.person_key(" A@Example.org ", "x") == "email:a@example.org"
    assert likely_complaint.person_key("", " Ann  Smith") == "name:ann smith"


@pytest.fixture
def period_contacts(childrens, alice):
    plain = [
        contact(childrens, received=D(2024, 5, 1) + dt.timedelta(days=i))
        for i in range(30)
    ]
    angry = contact(childrens, "Third time I have asked: this is unacceptable.")
    open_one = contact(childrens, "I want to complain", responded=None)
    compliment = contact(childrens, "Complain? No, thanks!", kind=Kind.COMPLIMENT)
    return plain, angry, open_one, compliment


def test_a_sample_is_reproducible_and_adds_the_flagged(period_contacts, alice):
    plain, angry, open_one, compliment = period_contacts
    args = {"start": D(2024, 4, 1), "end": D(2025, 3, 31), "size": 5, "seed": "abc"}

    first = draw_sample(actor=alice, **args)
    second = draw_sample(actor=alice, **args)
    other = draw_sample(actor=alice, **{**args, "seed": "xyz"})

    def chosen(sample, reasons=("random", "both")):
        return {i.stage_id for i in sample.items.filter(reason__in=reasons)}

    assert chosen(first) == chosen(second)
    assert chosen(first) != chosen(other)
    assert len(chosen(first)) == 5
    assert first.population == 31  # the open one and the compliment are not sampled
    flagged = first.items.get(stage=angry)
    assert flagged.reason in ("rule", "both")
    assert flagged.signals == "word,dissatisfaction"
    ids = set(first.items.values_list("stage_id", flat=True))
    assert open_one.pk not in ids
    assert compliment.pk not in ids
    event = AuditEvent.objects.get(verb="sample.drawn", target_id=str(first.pk))
    assert event.after["seed"] == "abc"
    assert event.after["population"] == 31


def test_bad_requests_are_refused_with_the_field(period_contacts, alice):
    with pytest.raises(ServiceError) as refused:
        draw_sample(
            actor=alice, start=D(2024, 4, 1), end=D(2024, 3, 1), size=5, seed="s"
        )
    assert refused.value.field == "end"
    with pytest.raises(ServiceError) as refused:
        draw_sample(
            actor=alice, start=D(2019, 4, 1), end=D(2019, 5, 1), size=5, seed="s"
        )
    assert "No closed service requests" in refused.value.message
    with pytest.raises(ServiceError) as refused:
        draw_sample(
            actor=alice, start=D(2024, 4, 1), end=D(2024, 5, 1), size=0, seed="s"
        )
    assert refused.value.field == "size"


def test_reviews_are_audited_and_counted_as_evidence(period_contacts, alice):
    plain, angry, *_ = period_contacts
    sample = draw_sample(
        actor=alice, start=D(2024, 4, 1), end=D(2025, 3, 31), size=3, seed="s1"
    )
    items = list(sample.items.all())
    flagged = sample.items.get(stage=angry)
    review_contact(actor=alice, item=flagged, was_complaint=True, action="treated")
    randoms = [i for i in items if i.reason == "random"]
    review_contact(actor=alice, item=randoms[0], was_complaint=False, action="none")
    with pytest.raises(ServiceError) as refused:
        review_contact(
            actor=alice, item=randoms[1], was_complaint=False, action="treated"
        )
    assert refused.value.field == "action"
    with pytest.raises(ServiceError):
        review_contact(actor=alice, item=randoms[1], was_complaint=None, action="none")

    event = AuditEvent.objects.get(verb="sample.reviewed", target_id=str(flagged.pk))
    assert event.after == {"was_complaint": True, "action": "treated"}
    assert event.case_id == angry.case_id

    evidence = sampling_evidence(Period(2024))
    assert evidence["samples"] == 1
    assert evidence["contacts"] == len(items)
    assert evidence["reviewed"] == 2
    assert evidence["awaiting_review"] == len(items) - 2
    assert evidence["were_complaints"] == 1
    assert evidence["flagged_reviewed"] == 1
    assert evidence["rule_precision"] == 100
    assert evidence["actions"]["treated"] == 1
    assert sampling_evidence("2024/2025") == evidence
    assert sampling_evidence("2023/2024")["contacts"] == 0


def test_a_contact_in_two_samples_counts_once(period_contacts, alice):
    _, angry, *_ = period_contacts
    args = {"start": D(2024, 4, 1), "end": D(2025, 3, 31), "size": 2}
    first = draw_sample(actor=alice, seed="a", **args)
    draw_sample(actor=alice, seed="b", **args)
    review_contact(
        actor=alice,
        item=first.items.get(stage=angry),
        was_complaint=True,
        action="none",
    )
    evidence = sampling_evidence(Period(2024))
    assert evidence["were_complaints"] == 1
    assert evidence["contacts"] == len(
        set(SampledContact.objects.values_list("stage_id", flat=True))
    )
