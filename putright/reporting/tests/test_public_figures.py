"""The public dashboard, open data and public API (issue 11 item 1): off by default, §6-clean.

The attacker of `test_no_leaks` gets every published table at once (the open data JSON:
each year and service) and every relation a reader knows, including across tables: the
council's count is the sum of its services'. No hidden count may come out.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.core.cache import cache

from putright.organisation.models import Council
from putright.organisation.tests.factories import DirectorateFactory
from putright.reporting.tests.leaks import SECRET, build_leak_dataset
from putright.reporting.tests.test_no_leaks import (
    _api_relations,
    _flatten,
    propagate,
    recovered,
)
from putright.statistics import engine
from putright.statistics.published import RATE_LIMIT_PER_MINUTE

pytestmark = pytest.mark.django_db
SECTIONS = ("stages", "contacts", "ombudsman")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def leaky(db):
    return build_leak_dataset()


@pytest.fixture
def publishing(leaky):
    council = Council.load()
    council.publish_figures = True
    council.save()
    return leaky


def test_nothing_is_public_until_the_council_publishes(client, leaky):
    assert Council.load().publish_figures is False
    for url in (
        "/figures/",
        "/figures/open-data/",
        "/figures/open-data/figures.csv",
        "/figures/open-data/figures.json",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/v1/stats").status_code == 401
    assert client.get("/api/v1/open-data").status_code == 401


def test_the_public_dashboard_shows_published_figures_without_sign_in(
    client, publishing
):
    response = client.get("/figures/", {"year": "2022/2023"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Complaints figures" in html
    assert "fewer than 5" in html
    assert "data-records-link" not in html  # no way into case records
    assert "/cases/" not in html
    assert SECRET not in html
    assert "Zelda" not in html
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "1999/2000"}, "before the council"),
        ({"year": "2030/2031"}, "has not started yet"),
        ({"year": "2022/2023", "directorate": "Parks"}, "is not recognised"),
        ({"year": "last year"}, "year"),
    ],
)
def test_a_bad_selection_is_refused_with_a_message_not_a_page_of_zeros(
    client, publishing, query, message
):
    response = client.get("/figures/", query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert 'data-figure="stage-1-received"' not in html
    api = client.get("/api/v1/stats", query)
    assert api.status_code == 400
    assert message in api.json()["detail"]


def test_the_public_api_gives_the_published_figures_by_year_and_service(
    client, publishing
):
    body = client.get("/api/v1/stats", {"year": "2022/2023"}).json()
    assert body["suppressed"]
    html = client.get("/figures/", {"year": "2022/2023"}).content.decode()
    # The page and the API show the same published figures, hidden ones alike.
    for key, name in (("1", "stage-1-received"), ("2", "stage-2-received")):
        value = body["stages"][key]["received"]
        shown = body["suppressed"].get(f"stages.{key}.received", str(value))
        assert f'data-figure="{name}">{shown}<' in html
    refused = client.get("/api/v1/stats", {"year": "2022/2023", "quarter": "Q1"})
    assert refused.status_code == 400
    assert "by year and service" in refused.json()["detail"]
    document = client.get("/api/v1/open-data").json()
    same = next(
        t
        for t in document["tables"]
        if t["year"] == "2022/2023" and t["directorate"] is None
    )
    assert same["figures"]["stages"] == body["stages"]


def test_downloads_hold_every_year_and_service_with_hidden_figures_as_notes(
    client, publishing
):
    response = client.get("/figures/open-data/figures.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    services = {row["directorate"] for row in rows}
    assert services == {"All services", "Adults", "Children's", "Housing"}
    hidden = [row for row in rows if row["note"]]
    assert hidden
    assert all(row["value"] == "" for row in hidden)
    for row in rows:
        if row["value"].isdigit():
            assert not 0 < int(row["value"]) < 5, row
    text = response.content.decode() + client.get(
        "/figures/open-data/figures.json"
    ).content.decode(errors="replace")
    assert "Zelda" not in text
    assert "1961" not in text
    page = client.get("/figures/open-data/").content.decode()
    assert "Data dictionary" in page
    assert "stages.N.outcomes.OUTCOME" in page


def _table_relations(table: dict, prefix: str) -> list[tuple[str, list[str], bool]]:
    relations = [
        (prefix + total, [prefix + p for p in parts], exact)
        for total, parts, exact in _api_relations(table)
    ]
    for s, stage in table["stages"].items():
        for family, group in stage["by_family"].items():
            bases = group.get("by_day_basis", {})
            base = f"{prefix}stages.{s}.by_family.{family}"
            for measure in ("received", "responded"):
                relations.append(
                    (
                        f"{base}.{measure}",
                        [f"{base}.by_day_basis.{b}.{measure}" for b in bases],
                        True,
                    )
                )
    return relations


def test_no_hidden_count_can_be_worked_out_from_all_the_public_tables(
    client, publishing
):
    # A fourth service with no records: its zeros must not help either.
    DirectorateFactory(name="Parks")
    document = client.get("/api/v1/open-data").json()
    tables = {(t["year"], t["directorate"]): t["figures"] for t in document["tables"]}
    known: dict[str, int] = {}
    hidden: dict[str, str] = {}
    truth: dict[str, int] = {}
    relations: list[tuple[str, list[str], bool]] = []
    for (year, directorate), table in tables.items():
        prefix = f"{year}|{directorate or 'all'}|"
        selection = engine.selection_for(year=year, directorate=directorate)
        real = _flatten(
            {
                k: v
                for k, v in engine.statistics_for(
                    period=selection.period, directorate=selection.directorate
                ).items()
                if k in SECTIONS
            }
        )
        shown = _flatten({k: v for k, v in table.items() if k in SECTIONS})
        for key, value in shown.items():
            if key in table["suppressed"] and isinstance(real.get(key), int):
                hidden[prefix + key] = table["suppressed"][key]
                truth[prefix + key] = real[key]
            elif isinstance(value, int) and not isinstance(value, bool):
                known[prefix + key] = value
        relations += _table_relations(table, prefix)
    # Across tables: the council's count is the sum of its services' counts.
    for year in document["years"]:
        whole = f"{year}|all|"
        services = [f"{year}|{d}|" for d in document["directorates"]]
        for key in [k for k in (*known, *hidden) if k.startswith(whole)]:
            suffix = key[len(whole) :]
            parts = [s + suffix for s in services]
            if all(p in known or p in hidden for p in parts):
                relations.append((key, parts, not suffix.startswith("ombudsman")))
    assert hidden, "the dataset has small numbers: something must be hidden"
    bounds = propagate(known, hidden, relations)
    small_totals = {
        p
        for t, parts, _ in relations
        if hidden.get(t, "").startswith("fewer")
        for p in parts
    }
    assert recovered(hidden, bounds, truth, small_totals) == []


def test_a_visitor_who_asks_too_often_is_told_to_wait(client, publishing):
    for _ in range(RATE_LIMIT_PER_MINUTE):
        assert client.get("/api/v1/stats").status_code == 200
    response = client.get("/api/v1/stats")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert client.get("/figures/").status_code == 429
