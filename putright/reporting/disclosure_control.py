"""Resolve the public report's figures once every section is built (§6.2).

`putright.statistics.disclosure` decides which figures to hide from all of them and how
they relate; here each `Figure` in a table becomes its value or `Suppressed`, each token
in a sentence its text, and each chart value its number (0 when hidden).
"""

from __future__ import annotations

import re
from typing import Any

from putright.core.presentation import count_text
from putright.reporting.blocks import (
    BulletList,
    Chart,
    Figure,
    Paragraph,
    Report,
    Section,
    Suppressed,
    Table,
)
from putright.reporting.sections.context import TOKEN_CLOSE, TOKEN_OPEN, ReportContext
from putright.statistics.disclosure import Hidden

TOKEN = re.compile(f"{TOKEN_OPEN}([^{TOKEN_CLOSE}]+){TOKEN_CLOSE}")
# A hidden figure opening a sentence (after a full stop, or the start of the text).
_OPENING_MARK = re.compile(r"(^|[.!?]\s+)(fewer than|not shown)\b")


def _capital_openings(text: str) -> str:
    """ "fewer than 5 were upheld." as "Fewer than 5 were upheld." (§6.2)."""
    return _OPENING_MARK.sub(
        lambda m: m.group(1) + m.group(2)[0].upper() + m.group(2)[1:], text
    )


class _Resolver:
    def __init__(self, ctx: ReportContext) -> None:
        if ctx.disclosure is None:
            raise ValueError("Only the public version has figures to resolve.")
        self.ctx = ctx
        self.values = ctx.disclosure.values
        self.hidden = ctx.disclosure.solve()

    def mark(self, key: str) -> Suppressed | None:
        why = self.hidden.get(key)
        if why is None:
            return None
        return Suppressed(self.ctx.threshold, secondary=why is Hidden.SECONDARY)

    def cell(self, value: Any) -> Any:
        if not isinstance(value, Figure):
            return value
        return self.mark(value.key) or value.value

    def chart_value(self, value: Any) -> Any:
        if isinstance(value, Figure):
            return 0 if value.key in self.hidden else value.value
        if isinstance(value, dict):
            return {k: self.chart_value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.chart_value(v) for v in value]
        return value

    def text(self, text: str) -> str:
        """A sentence with every token resolved; a hidden figure opening it capitalised."""
        return _capital_openings(self._text(text)) if text else text

    def _text(self, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            key = match.group(1)
            if key in self.ctx.texts:
                shown, fallback = self.ctx.texts[key]
                return self._text(fallback if key in self.hidden else shown)
            mark = self.mark(key)
            value = self.values[key]
            return str(mark) if mark else count_text(int(value or 0))

        return TOKEN.sub(replace, text)

    def section(self, section: Section) -> None:
        guarded = {
            id(block): (key, fallback) for block, key, fallback in self.ctx.guards
        }
        blocks: list[Any] = []
        for block in section.blocks:
            key, fallback = guarded.get(id(block), ("", ""))
            if key in self.hidden:
                blocks.append(Paragraph(fallback, style="note"))
            else:
                blocks.append(block)
        section.blocks = blocks
        for block in section.blocks:
            if isinstance(block, Table):
                block.rows = [[self.cell(v) for v in row] for row in block.rows]
                block.note = self.text(block.note)
            elif isinstance(block, Paragraph):
                block.text = self.text(block.text)
            elif isinstance(block, BulletList):
                block.items = [i for i in (self.text(i) for i in block.items) if i]
            elif isinstance(block, Chart):
                block.description = self.text(block.description)
                block.spec = self.chart_value(block.spec)
        section.blocks = [
            b
            for b in section.blocks
            if not (isinstance(b, Paragraph) and not b.text.strip())
            and not (isinstance(b, BulletList) and not b.items)
        ]
        for sub in section.subsections:
            self.section(sub)


def disclosure_apply(report: Report, ctx: ReportContext) -> None:
    """Replace every figure of the public report by what may be shown of it."""
    if ctx.disclosure is None:
        return
    resolver = _Resolver(ctx)
    for section in report.sections:
        resolver.section(section)
