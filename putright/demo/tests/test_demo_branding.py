"""The demo council carries its fictional crest and colour on the public pages."""

import datetime as dt

from putright.demo.services import DEMO_LOGO, demo_council_configure
from putright.organisation.models import Council


def test_the_demo_council_gets_its_crest_once_and_keeps_a_replacement(client, db):
    council = demo_council_configure(today=dt.date(2026, 3, 2))
    assert council.brand_colour == "#005a70"
    with council.logo.open("rb") as stored:
        assert stored.read() == DEMO_LOGO.read_bytes()
    first = council.logo.name
    page = client.get("/feedback/").content.decode()
    assert 'alt="Demo Borough Council"' in page
    # Loading the demo again keeps the logo it has (one the council may have replaced).
    assert demo_council_configure(today=dt.date(2026, 3, 2)).logo.name == first
    assert Council.objects.count() == 1
