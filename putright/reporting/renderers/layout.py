"""How wide each column of a report table is in print (PDF and Word), from what it holds.

A4 less the margins leaves room for about 115 characters of the tables' 9pt text. Each
column gets at least its longest word (so no word is split: "Maladministration" stays
whole), then a share of what is left in proportion to how much more its text wants (a
column of text: its cells' average length, up to a cap; of figures: its longest), so a
column of long sentences (what the Ombudsman required) takes the width that a column of
short figures or names does not need, and the rows are as short as they can be.
"""

from __future__ import annotations

from putright.reporting.blocks import NUMERIC_FORMATS, Table, format_cell

PAGE_CHARACTERS = 112  # of 9pt text across the printed page (about 115 fit)
PADDING = 2  # the cell's padding, in characters
TEXT_WANTED = 200  # a column of long sentences wants no more than this
SHORT_TEXT = 16  # a text this long or shorter is kept on one line when there is room
FIGURE_WANTED = 12  # "fewer than 5", "not shown", "34 working days" wrap if need be


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def column_widths(table: Table) -> list[float]:
    """Each column's share of the table's width, in per cent (they add up to 100)."""
    count = len(table.columns)
    texts: list[list[str]] = [[str(title)] for title in table.columns]
    for row in table.rows:
        for index, value in enumerate(row[:count]):
            texts[index].append(format_cell(value, table.formats[index]))
    least: list[int] = []
    wanted: list[float] = []
    for index, column in enumerate(texts):
        cells = column[1:]
        numeric = index > 0 and table.formats[index] in NUMERIC_FORMATS
        # A short label ("Stage 1") is kept whole like a word; a figure may wrap.
        whole = [t for t in cells if len(t) <= SHORT_TEXT and not numeric]
        low = max(
            max(_longest_word(t) for t in column), max(map(len, whole), default=0)
        )
        low += PADDING
        title = min(len(column[0]), 18)  # a heading wraps onto two or three lines
        want: float
        if numeric:
            longest = max((len(t) for t in cells), default=0)
            want = min(max(longest, title), FIGURE_WANTED)
        else:
            average = sum(len(t) for t in cells) / len(cells) if cells else 0
            longest = max((len(t) for t in cells), default=0)
            # short texts ("Stage 1", "Not answered") on one line
            want = min(max(average, title, min(longest, SHORT_TEXT)), TEXT_WANTED)
        least.append(low)
        wanted.append(max(low, want + PADDING))
    room = PAGE_CHARACTERS
    if sum(wanted) <= room:
        widths = [float(w) for w in wanted]
    elif sum(least) < room:
        spare = room - sum(least)
        extra = sum(w - m for w, m in zip(wanted, least, strict=True))
        widths = [
            m + (w - m) * spare / extra for w, m in zip(wanted, least, strict=True)
        ]
    else:
        widths = [float(m) for m in least]  # too many columns: the words decide
    total = sum(widths) or 1.0
    return [round(w * 100 / total, 1) for w in widths]
