"""Seed 002's "categories of feedback received": each type of enquiry's share of all the
enquiries of the year, as a column of the summary's totals table.

The figures are seed 001's (2022/2023 totals table, quoted in test_acceptance_seed001.py);
the shares are worked out by hand from them: of 2,391 enquiries, 1,442 service requests and
informal complaints is 60.3%, 156 stage one complaints 6.5%, 20 stage two complaints 0.8%,
42 Housing Ombudsman enquiries 1.8%, 37 LGSCO enquiries 1.5% and 694 compliments 29.0%.
"""

import re
from html import unescape

import pytest

from putright.reporting.generation import report_generate
from putright.reporting.parameters import report_parameters
from putright.reporting.tests.seed001 import build_seed001

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SHARES = [
    ("Service requests and informal complaints", "1,442", "60.3%"),
    ("Stage 1 complaints", "156", "6.5%"),
    ("Stage 2 complaints", "20", "0.8%"),
    ("Housing Ombudsman enquiries", "42", "1.8%"),
    ("LGSCO enquiries", "37", "1.5%"),
    ("Compliments", "694", "29.0%"),
    ("Total number of enquiries", "2,391", "100.0%"),
]


def test_the_totals_table_gives_each_types_share_of_the_years_enquiries():
    build_seed001()
    parameters = report_parameters(year="2022/23", fmt="html", audience="internal")
    html = report_generate(parameters=parameters).decode()
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))

    assert "Type of enquiry 2020/2021 2021/2022 2022/2023 Share, 2022/2023" in text
    for label, count, share in SHARES:
        assert re.search(
            rf"{re.escape(label)}( \S+){{2}} {re.escape(count)} {re.escape(share)} ",
            text,
        ), label
    assert "Share: each type's part of all the enquiries received in 2022/2023." in text
