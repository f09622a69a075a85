"""Ombudsman pages: ids too large for the database, or not numbers, are 404, never 500."""

import pytest

BAD = [str(2**63), "99999999999999999999999"]


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize(
    "path",
    [
        "/ombudsman/{id}/",
        "/ombudsman/{id}/decision/",
        "/ombudsman/{id}/recommendations/new/",
        "/ombudsman/1/recommendations/{id}/",
    ],
)
def test_ids_no_record_could_have_are_404(client, alice, path, value):
    client.force_login(alice)
    assert client.get(path.format(id=value)).status_code == 404


@pytest.mark.parametrize("value", ["\x00", str(2**63), "-1"])
def test_list_filters_and_search_never_fail(client, alice, value):
    client.force_login(alice)
    for name in ("ombudsman", "state", "q", "page"):
        assert client.get("/ombudsman/", {name: value}).status_code == 200
