"""Formula-injection escaping for exports, and the importer's exact inverse."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from putright.core.csv_safe import escape, unescape


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("|cmd", "'|cmd"),
        ("%APPDATA%", "'%APPDATA%"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        # Already looks escaped: one more apostrophe keeps it distinct.
        ("'=1+1", "''=1+1"),
        ("''", "'''"),
    ],
)
def test_risky_cells_get_a_leading_apostrophe(value, written):
    assert escape(value) == written
    assert unescape(written) == value


@pytest.mark.parametrize(
    "value", ["-12.50", "+3", "-0.5", "250.00", "", "Upheld", "'Tis the season", "a=b"]
)
def test_genuine_values_are_left_alone(value):
    assert escape(value) == value
    assert unescape(value) == value


@given(st.text())
def test_unescape_undoes_escape_for_every_string(value):
    assert unescape(escape(value)) == value


@given(st.text())
def test_escaped_text_never_starts_a_formula(value):
    written = escape(value)
    if written and written[0] in "=+-@|%\t\r":
        # Only a plain number may start with a sign.
        float(written)
