"""Display rounding is half up everywhere: 12.5 days reads 13, a 6.25% share reads 6.3%."""

import datetime as dt
from decimal import Decimal

import pytest

from putright.core import presentation as p


@pytest.mark.parametrize(
    ("value", "expected"),
    [(12.5, "13"), (13.5, "14"), (12.4, "12"), (0.5, "1"), (2, "2"), (1234.5, "1,235")],
)
def test_day_averages_read_in_whole_days_rounded_half_up(value, expected):
    assert p.whole_days(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(6.25, "6.3%"), (6.3, "6.3%"), (60, "60.0%"), (33.35, "33.4%"), (2.675, "2.7%")],
)
def test_percentages_read_to_one_place_rounded_half_up(value, expected):
    assert p.percent_text(value) == expected


def test_a_share_is_worked_out_exactly_not_through_a_binary_float():
    # 1 of 16 is 6.25%: format(6.25, ".1f") gives 6.2, the engine and the display 6.3.
    assert p.share(1, 16) == Decimal("6.3")
    assert p.share_text(1, 16) == "6.3%"
    assert p.share(1, 0) is None


def test_missing_figures_read_as_a_dash():
    assert p.whole_days(None) == p.percent_text(None) == p.money(None) == "–"
    assert p.share_text(3, 0) == "–"


def test_counts_plurals_money_and_dates_read_as_councils_publish_them():
    assert p.count_text(1234) == "1,234"
    assert p.plural(1, "complaint") == "1 complaint"
    assert p.plural(1500, "enquiry", "enquiries") == "1,500 enquiries"
    assert p.money(Decimal("1500")) == "£1,500.00"
    assert p.money(12.345) == "£12.35"
    assert p.long_date(dt.date(2022, 4, 1)) == "1 April 2022"
    assert p.long_date("2023-03-31") == "31 March 2023"


def test_the_extraction_moment_reads_the_same_in_every_format():
    moment = dt.datetime(2026, 12, 1, 9, 5)
    assert p.time_and_date(moment) == "09:05 on 1 December 2026"


def test_template_filters_read_as_the_module_does():
    from django.template import Context, Template

    template = Template(
        "{% load presentation %}{{ day|long_date }}|{{ amount|money }}|"
        "{{ share|percent }}|{{ days|whole_days }}"
    )
    rendered = template.render(
        Context(
            {
                "day": dt.date(2022, 4, 1),
                "amount": Decimal("1500"),
                "share": 6.25,
                "days": 12.5,
            }
        )
    )
    assert rendered == "1 April 2022|£1,500.00|6.3%|13"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("young_person", "Young person"),
        ("mp", "MP"),
        ("advocate", "Advocate"),
        ("business", "Business"),
        ("send_transport", "SEND transport"),
        ("Service Delay", "Service Delay"),
        ("Communication and Information", "Communication and Information"),
    ],
)
def test_a_vocabulary_entry_written_as_a_code_reads_as_words(name, expected):
    assert p.vocabulary_label(name) == expected
