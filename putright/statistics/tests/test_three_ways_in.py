"""Dashboard, API and `putright stats --json` give identical figures for every selection."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from putright.statistics.tests.dataset import build_dataset

SELECTIONS = [
    {"year": "2022/2023"},
    {"year": "2022/23", "quarter": "Q1"},
    {"year": "2022/23", "quarter": "Q4"},
    {"year": "2022/2023", "directorate": "Children's"},
    {"year": "2022/2023", "directorate": "adults", "quarter": "Q3"},
    {"year": "2021/2022", "directorate": "Adults"},
    {"year": "2022/2023", "directorate": "Children's", "team": "SEND Team"},
    {"year": "2023/2024"},
]


@pytest.fixture
def data(db):
    return build_dataset()


@pytest.mark.parametrize("selection", SELECTIONS)
def test_page_api_and_command_give_the_same_figures(client, data, alice, selection):
    client.force_login(alice)
    page = client.get("/dashboard/", selection)
    assert page.status_code == 200
    api = client.get("/api/v1/stats", selection)
    assert api.status_code == 200
    out = StringIO()
    args = [arg for key, value in selection.items() for arg in (f"--{key}", value)]
    call_command("stats", *args, "--json", stdout=out)
    from_page = json.loads(json.dumps(page.context["stats"]))
    from_cli = json.loads(out.getvalue())
    assert from_page == api.json() == from_cli
    # And the page really shows those figures.
    html = page.content.decode()
    for stage in ("1", "2", "3"):
        received = from_cli["stages"][stage]["received"]
        assert f'data-figure="stage-{stage}-received">{received}<' in html
