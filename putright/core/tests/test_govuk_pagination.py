"""The GOV.UK pagination component: numbered links, the current page marked, ellipses."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template

from putright.core.templatetags.govuk import pagination_items


def _page(number, pages=10):
    return Paginator(range(pages * 5), 5).get_page(number)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, [1, 2, None, 10]),
        (5, [1, None, 4, 5, 6, None, 10]),
        (10, [1, None, 9, 10]),
        (3, [1, 2, 3, 4, None, 10]),
    ],
)
def test_pages_shown_are_the_ends_the_current_page_and_its_neighbours(number, expected):
    assert pagination_items(_page(number)) == expected


def test_two_pages_need_no_ellipsis():
    assert pagination_items(_page(2, pages=2)) == [1, 2]


def test_the_component_marks_the_current_page_and_keeps_the_filters():
    html = Template('{% include "govuk/pagination.html" %}').render(
        Context({"page": _page(5), "query": "view=overdue"})
    )
    assert (
        'href="?view=overdue&amp;page=5" aria-label="Page 5" aria-current="page"'
        in html
    )
    assert html.count("aria-current") == 1
    assert "govuk-pagination__item--ellipses" in html
    assert 'rel="next"' in html
    assert 'rel="prev"' in html
    assert "Page 5 of" not in html


def test_one_page_shows_no_pagination():
    html = Template('{% include "govuk/pagination.html" %}').render(
        Context({"page": _page(1, pages=1), "query": ""})
    )
    assert html.strip() == ""
