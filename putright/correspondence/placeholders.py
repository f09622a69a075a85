"""The small language council templates are written in (ADR 0009).

- Paragraphs are separated by a blank line. A paragraph starting `# ` is a heading; lines
  starting `- ` are a bulleted list.
- `((name))` is replaced by a value the letter hands in; the names are a closed list per
  kind (`kinds.py`). There is no attribute access, no loop and no condition: a template
  cannot reach anything it was not given.
- A value is text, or a block (paragraphs and lists, such as the Ombudsman's details),
  which must stand alone in its paragraph.
- A paragraph whose placeholder has no value is left out, and so is a heading left with
  nothing under it: optional parts never leave a blank ("Your complaint is .").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext

PLACEHOLDER = re.compile(r"\(\(\s*([a-z_]+)\s*\)\)")
_STRAY = re.compile(r"\(\(|\)\)|\{\{|\}\}|\{%|%\}")


@dataclass(frozen=True)
class Block:
    """One piece of a rendered letter: a heading, a paragraph or a bulleted list."""

    kind: str  # "heading", "paragraph" or "list"
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


Value = str | list[Block] | None


class TemplateInvalid(ValueError):
    """The template cannot be used; the message says why, in words a person can act on."""


def placeholders_in(body: str) -> set[str]:
    return set(PLACEHOLDER.findall(body))


def template_check(body: str, *, allowed: set[str], required: set[str]) -> None:
    """Refuse a template that uses an unknown name, lacks a required one, or is malformed."""
    if not body.strip():
        raise TemplateInvalid(gettext("Write the letter: the template is empty."))
    used = placeholders_in(body)
    unknown = sorted(used - allowed)
    if unknown:
        raise TemplateInvalid(
            gettext("This letter cannot use %(names)s. It can use: %(allowed)s.")
            % {
                "names": ", ".join(f"(({n}))" for n in unknown),
                "allowed": ", ".join(f"(({n}))" for n in sorted(allowed)),
            }
        )
    missing = sorted(required - used)
    if missing:
        raise TemplateInvalid(
            gettext("The letter must include %(names)s.")
            % {"names": ", ".join(f"(({n}))" for n in missing)}
        )
    stray = _STRAY.search(PLACEHOLDER.sub("", body))
    if stray:
        raise TemplateInvalid(
            gettext(
                "Check the brackets near “%(text)s”: a placeholder is written like "
                "((reference))."
            )
            % {"text": stray.group(0)}
        )


def _paragraphs(body: str) -> list[str]:
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _fill(paragraph: str, values: dict[str, Value]) -> str | list[Block] | None:
    """The paragraph with its values in; a block; or None when a value is missing."""
    names = PLACEHOLDER.findall(paragraph)
    whole = PLACEHOLDER.fullmatch(paragraph)
    if whole:
        value = values.get(whole.group(1))
        if isinstance(value, list):
            return value or None
    for name in names:
        value = values.get(name)
        if isinstance(value, list):
            # A block inside a sentence: written out as its text.
            value = " ".join(block.text for block in value)
        if value is None or not str(value).strip():
            return None
    return PLACEHOLDER.sub(
        lambda match: _as_text(values.get(match.group(1))), paragraph
    )


def _as_text(value: Value) -> str:
    if isinstance(value, list):
        return " ".join(block.text for block in value)
    return "" if value is None else str(value)


def _block(paragraph: str) -> Block:
    if paragraph.startswith("# "):
        return Block("heading", (paragraph[2:].strip(),))
    lines = [line.strip() for line in paragraph.split("\n")]
    if all(line.startswith("- ") for line in lines):
        return Block("list", tuple(line[2:].strip() for line in lines))
    return Block("paragraph", tuple(lines))


def template_render(body: str, values: dict[str, Value]) -> list[Block]:
    """The letter's blocks, optional parts without a value left out."""
    blocks: list[Block] = []
    for paragraph in _paragraphs(body):
        filled = _fill(paragraph, values)
        if filled is None:
            continue
        if isinstance(filled, list):
            blocks.extend(filled)
        else:
            blocks.append(_block(filled))
    # A heading with nothing under it (its section was all optional) goes too.
    kept = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind == "heading" and (
            following is None or following.kind == "heading"
        ):
            continue
        kept.append(block)
    return kept
