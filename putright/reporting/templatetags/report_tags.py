"""Template helpers for the report: cell formatting and block types."""

from typing import Any

from django import template

from putright.core.presentation import round_half_up
from putright.reporting.blocks import NUMERIC_FORMATS, Suppressed, Table, format_cell
from putright.reporting.renderers.layout import column_widths as widths_of

register = template.Library()


@register.filter
def block_type(block: Any) -> str:
    return type(block).__name__.lower()


@register.simple_tag
def cell(value: Any, fmt: str) -> str:
    return format_cell(value, fmt)


@register.filter
def is_numeric(fmt: str) -> bool:
    return fmt in NUMERIC_FORMATS


@register.filter
def is_suppressed(value: Any) -> bool:
    return isinstance(value, Suppressed)


@register.filter
def zip_formats(row: list[Any], formats: list[str]) -> list[tuple[Any, str]]:
    return list(zip(row, formats, strict=False))


@register.filter
def column_widths(table: Table) -> list[str]:
    """Each column's width in whole per cent (`34`), whatever the locale.

    Whole numbers, so the page's markup never holds what reads as a figure of the report
    ("6.2%"); a fixed table layout shares out the odd per cent left over.
    """
    return [str(max(1, int(round_half_up(width)))) for width in widths_of(table)]
