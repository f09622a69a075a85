"""QR codes for authenticator apps, drawn on the server as SVG (no script, no CDN)."""

from __future__ import annotations

import segno


def qr_data_uri(text: str) -> str:
    """A data: URI of an SVG QR code; the CSP allows data: images only."""
    return str(segno.make(text, error="m").svg_data_uri(scale=5, border=2))
