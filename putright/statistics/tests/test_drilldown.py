"""Every dashboard figure links to the case list of exactly the records it counts.

A seeded mix of records (two services, three procedures on two day bases, escalations to
stage 2 and 3, late and extended responses, undecided stages, other contacts) is shown on
the dashboard; each linked figure's list must hold as many records as the figure says.
"""

import datetime as dt
import html as htmllib
import random
import re

import pytest

from putright.accounts.models import User
from putright.accounts.tests.factories import UserFactory
from putright.complaints.constants import Kind, Outcome
from putright.complaints.models import Procedure
from putright.complaints.tests.factories import CaseFactory, StageFactory, procedure
from putright.ombudsman.tests.factories import OmbudsmanCaseFactory
from putright.organisation.tests.factories import DirectorateFactory, TeamFactory

URL = "/dashboard/"
LINK = re.compile(
    r'href="([^"]+)" data-records-link="([^"]+)">(?:<span data-figure="[^"]*">)?([\d,]+)'
)
D = dt.date


def _answered(rng, received):
    if rng.random() < 0.15:
        return {}
    days = rng.randint(3, 40)
    due = received + dt.timedelta(days=rng.choice((10, 20, 28)))
    extended = due + dt.timedelta(days=10) if rng.random() < 0.25 else None
    return {
        "responded": received + dt.timedelta(days=days),
        "due": due,
        "extended_to": extended,
        "response_calendar_days": days,
        "response_working_days": days * 5 // 7,
        "outcome": rng.choice(list(Outcome.values)),
    }


@pytest.fixture
def records(db):
    rng = random.Random(11)
    housing = DirectorateFactory(name="Housing")
    adults = DirectorateFactory(name="Adults")
    TeamFactory(directorate=housing, name="Lettings")
    own = Procedure.objects.create(
        code="council_21",
        name="Council policy (21 calendar days)",
        family="corporate",
        day_basis="calendar",
        ombudsman="lgsco",
    )
    procedures = [own, procedure("ho_code"), procedure("adults_2009")]
    for _ in range(90):
        directorate = rng.choice((housing, adults))
        received = D(2024, 4, 1) + dt.timedelta(days=rng.randint(0, 880))
        case = CaseFactory(kind=Kind.COMPLAINT)
        chosen = rng.choice(procedures)
        for number in range(1, rng.choice((2, 2, 2, 3, 4))):
            StageFactory(
                case=case,
                number=number,
                kind=Kind.COMPLAINT,
                directorate=directorate,
                procedure=chosen,
                received=received,
                **_answered(rng, received),
            )
            received += dt.timedelta(days=rng.randint(20, 60))
    for _ in range(40):
        kind = rng.choice((Kind.COMPLIMENT, Kind.INFORMAL_COMPLAINT, Kind.COMMENT))
        StageFactory(
            case=CaseFactory(kind=kind),
            kind=kind,
            directorate=rng.choice((housing, adults)),
            received=D(2024, 4, 1) + dt.timedelta(days=rng.randint(0, 880)),
        )
    lgsco = ("upheld", "not_upheld", "closed_after_initial_enquiries")
    for _ in range(30):
        received = D(2024, 4, 1) + dt.timedelta(days=rng.randint(0, 800))
        decided = received + dt.timedelta(days=rng.randint(30, 300))
        OmbudsmanCaseFactory(
            directorate=rng.choice((housing, adults, None)),
            received=received,
            is_investigation=rng.random() < 0.5,
            decided=decided if decided < D(2026, 11, 1) else None,
            decision=rng.choice(lgsco) if decided < D(2026, 11, 1) else "",
        )
    return {"housing": housing, "adults": adults}


def _links(html):
    return [
        (name, htmllib.unescape(href), int(value.replace(",", "")))
        for href, name, value in LINK.findall(html)
    ]


def _list_count(client, href):
    response = client.get(href)
    assert response.status_code == 200, href
    if href.startswith("/cases/"):
        assert 'id="figure-filters"' in response.content.decode()
    return response.context["page"].paginator.count


@pytest.mark.parametrize(
    "selection",
    [
        {"year": "2024/2025"},
        {"year": "2024/2025", "quarter": "Q2"},
        {"year": "2025/2026", "directorate": "Housing"},
        {"year": "2025/2026", "directorate": "Adults", "quarter": "Q1"},
        {"year": "2026/2027"},
    ],
)
def test_each_figure_lists_exactly_its_records(client, records, alice, selection):
    client.force_login(alice)
    html = client.get(URL, selection).content.decode()
    links = _links(html)
    names = {name for name, _href, _value in links}
    # Headline counts, outcomes, families, day bases, timeliness, quarters, last year.
    for expected in (
        "stage-1-received",
        "stage-1-upheld",
        "stage-1-corporate-received",
        "stage-1-corporate-calendar",
        "stage-1-within",
        "stage-1-responded",
        "stage-2-received",
        "stage-1-Q1",
        "stage-1-previous",
        "contact-compliment-received",
        "ombudsman-lgsco-received",
        "ombudsman-lgsco-investigations",
        "ombudsman-lgsco-decided",
    ):
        assert expected in names, expected
    nonzero = [link for link in links if link[2]]
    assert len(nonzero) > 20
    if selection["year"] == "2026/2027":  # not over: compared with last year so far
        assert "stage-1-previous-to-date" in names
    for name, href, value in links:
        assert _list_count(client, href) == value, (name, href)


def test_a_manager_gets_links_for_their_own_service_only(client, records):
    manager = UserFactory(
        username="mo", role=User.Role.MANAGER, directorate=records["housing"]
    )
    client.force_login(manager)
    everyone = client.get(URL, {"year": "2024/2025"}).content.decode()
    assert _links(everyone) == []
    own = client.get(URL, {"year": "2024/2025", "directorate": "Housing"})
    links = _links(own.content.decode())
    assert links
    for name, href, value in links[:12]:
        assert _list_count(client, href) == value, name


def test_staff_without_case_records_get_no_links(client, records, erin):
    client.force_login(erin)
    html = client.get(URL, {"year": "2024/2025"}).content.decode()
    assert "data-records-link" not in html


def test_the_list_says_which_figure_it_lists(client, records, alice):
    client.force_login(alice)
    html = client.get(URL, {"year": "2024/2025", "quarter": "Q2"}).content.decode()
    href = {name: href for name, href, _v in _links(html)}["stage-1-upheld"]
    page = client.get(href).content.decode()
    assert "stage 1 complaint, received from 1 July 2024 to 30 September 2024" in page
    assert "upheld" in page
