"""The council's brand on the public pages: its colour and its logo, checked before storing.

- The colour is the header's background behind white text, so it must be a hex colour
  (#1d4f91) whose contrast with white is at least 4.5 to 1 (WCAG 2.2, 1.4.3 AA).
- The logo is a PNG, JPEG or SVG file of at most LOGO_MAX_BYTES, recognised by its content,
  not its name. An SVG is refused (not cleaned) when it could run or fetch anything:
  scripts, event handlers, embedded documents, links or styles that leave the file, and
  DTDs (entity expansion). The stored name is chosen here, never the uploader's.
"""

from __future__ import annotations

import io
import re
import secrets
import xml.etree.ElementTree as ET
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_COLOUR = "#1d4f91"
MIN_CONTRAST = 4.5
LOGO_MAX_BYTES = 512 * 1024

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "svg": "image/svg+xml"}

# Elements that run code, embed other documents or pull in outside content.
_SVG_REFUSED_ELEMENTS = frozenset(
    {
        "script",
        "foreignobject",
        "iframe",
        "embed",
        "object",
        "image",
        "use",
        "feimage",
        "animate",
        "set",
        "animatemotion",
        "animatetransform",
        "handler",
        "listener",
    }
)
_SVG_BAD_TEXT = re.compile(
    r"javascript:|vbscript:|data:|@import|expression\s*\(|url\s*\(\s*(?!['\"]?#)",
    re.IGNORECASE,
)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of white text on `colour` (1 to 21)."""
    return 1.05 / (relative_luminance(colour) + 0.05)


def brand_colour_validate(value: str) -> None:
    """Refuse a colour that is not #rrggbb or that white text cannot be read on."""
    if not isinstance(value, str) or not _HEX.match(value):
        raise ValidationError(
            _(
                "Enter the colour as a hash and six hexadecimal digits, for example "
                "#1d4f91."
            ),
            code="brand_colour_format",
        )
    ratio = contrast_with_white(value)
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            _(
                "White text on %(colour)s has a contrast of %(ratio)s to 1; it must be "
                "at least 4.5 to 1 so everyone can read the header. Choose a darker "
                "colour."
            ),
            code="brand_colour_contrast",
            params={"colour": value, "ratio": f"{int(ratio * 10) / 10:.1f}"},
        )


def darker(colour: str, share: float = 0.35) -> str:
    """`colour` darkened towards black (the header's bottom border)."""
    if not _HEX.match(colour or ""):
        colour = DEFAULT_COLOUR
    parts = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(part * (1 - share)):02x}" for part in parts)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _svg_refusal(data: bytes) -> str | None:
    """Why an SVG is refused, or None when it is only shapes, text and local styles."""
    text = data.decode("utf-8", errors="replace")
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        return str(_("The SVG file declares a DTD or entities, which are not allowed."))
    try:
        root = ET.fromstring(data)  # noqa: S314 - no DTD (refused above), no entities
    except ET.ParseError:
        return str(_("The SVG file could not be read: it is not well-formed XML."))
    if _local(root.tag) != "svg":
        return str(_("The file is not an SVG image."))
    for element in root.iter():
        refusal = _element_refusal(element)
        if refusal:
            return refusal
    return None


def _element_refusal(element: ET.Element) -> str | None:
    tag = _local(element.tag) if isinstance(element.tag, str) else ""
    if tag in _SVG_REFUSED_ELEMENTS:
        return str(
            _(
                "The SVG file contains a “%(element)s” element, which could run "
                "code or load other content. Export the logo as plain shapes."
            )
            % {"element": tag}
        )
    for name, value in element.attrib.items():
        attribute = _local(name)
        if attribute.startswith("on"):
            return str(
                _("The SVG file contains a script (the “%(attribute)s” attribute).")
                % {"attribute": attribute}
            )
        if attribute == "href" and not value.startswith("#"):
            return str(_("The SVG file links outside itself, which is not allowed."))
        if _SVG_BAD_TEXT.search(value):
            return str(_("The SVG file refers to outside content or a script."))
    if element.text and _SVG_BAD_TEXT.search(element.text):
        return str(_("The SVG file refers to outside content or a script."))
    return None


def logo_kind(data: bytes) -> str | None:
    """'png', 'jpg' or 'svg' from the file's content, or None for anything else."""
    if data.startswith(PNG):
        return "png"
    if data.startswith(JPEG):
        return "jpg"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096].lower():
        return "svg"
    return None


def _raster_is_whole(data: bytes) -> bool:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:  # noqa: BLE001 - any decoder error means a damaged image
        return False
    return True


def _read(value: Any) -> bytes:
    handle = getattr(value, "file", value)
    if hasattr(handle, "seek"):
        handle.seek(0)
    data = handle.read(LOGO_MAX_BYTES + 1)
    if hasattr(handle, "seek"):
        handle.seek(0)
    return bytes(data)


def logo_validate(value: Any) -> None:
    """Refuse a logo that is too large, not a PNG, JPEG or SVG, or an SVG with a script."""
    data = _read(value)
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(
            _(
                "The logo must be 512 KB or smaller. Save a smaller version and try again."
            ),
            code="logo_size",
        )
    kind = logo_kind(data)
    if kind is None:
        raise ValidationError(
            _("The logo must be a PNG, JPEG or SVG image. This file is none of those."),
            code="logo_type",
        )
    if kind == "svg":
        refusal = _svg_refusal(data)
        if refusal:
            raise ValidationError(refusal, code="logo_svg")
    elif not _raster_is_whole(data):
        raise ValidationError(
            _(
                "The logo image is damaged or incomplete. Export it again and try again."
            ),
            code="logo_damaged",
        )


def logo_upload_to(instance: Any, filename: str) -> str:
    """Where a logo is stored: a name of our own with the extension its content shows."""
    try:
        kind = logo_kind(_read(instance.logo))
    except (OSError, ValueError):
        kind = None
    if kind is None:
        suffix = filename.rsplit(".", 1)[-1].lower()
        kind = {"jpeg": "jpg"}.get(suffix, suffix)
    if kind not in CONTENT_TYPES:
        kind = "bin"
    return f"branding/logo-{secrets.token_hex(8)}.{kind}"
