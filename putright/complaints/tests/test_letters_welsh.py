"""Every sentence of every letter is marked for translation, so Welsh letters can follow.

The letters render under a pseudo-Welsh catalogue that brackets every string of the real
catalogue; English left outside brackets was never marked (or `make messages` not run).
"""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from putright.complaints.tests import letter_samples
from putright.core.tests.pseudo_translation import (
    read_po,
    untranslated,
    visible_text,
    write_pseudo_mo,
)


@pytest.fixture
def pseudo_welsh(settings, tmp_path):
    write_pseudo_mo(tmp_path, read_po())
    settings.LOCALE_PATHS = [tmp_path]
    with translation.override("cy"):
        yield


@pytest.mark.parametrize("name", list(letter_samples.samples()))
def test_every_sentence_of_the_letter_is_translated(pseudo_welsh, name):
    context = letter_samples.samples()[name]
    html = render_to_string("complaints/letter_standalone.html", context)
    assert untranslated(visible_text(html), letter_samples.data_values(context)) == []
    assert '<html lang="cy">' in html


def test_letter_dates_read_in_welsh(pseudo_welsh):
    context = letter_samples.samples()["acknowledgement"]
    html = render_to_string("complaints/letter_standalone.html", context)
    assert "1 Mehefin 2026" in html


def test_english_letter_is_unchanged_by_the_catalogue(pseudo_welsh):
    context = letter_samples.samples()["response-final"]
    with translation.override("en-gb"):
        html = render_to_string("complaints/letter_standalone.html", context)
    assert '<html lang="en-GB">' in html
    assert "[" not in visible_text(html)
    assert "You should normally do this within 6 months of this letter." in html
