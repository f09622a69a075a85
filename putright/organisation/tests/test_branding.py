"""The council's colour and logo: refused unless readable, recognised and script-free."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from putright.organisation import branding
from putright.organisation.models import Council

DEMO_LOGO = (
    __import__("pathlib").Path(branding.__file__).parent.parent
    / "demo/static/demo/demo-borough-council-logo.svg"
)


def _png(size=(40, 20), fmt="PNG"):
    out = io.BytesIO()
    Image.new("RGB", size, (0, 90, 112)).save(out, fmt)
    return out.getvalue()


def _message(error):
    return " ".join(error.value.messages)


@pytest.mark.parametrize("colour", ["#1d4f91", "#005a70", "#0b0c0c", "#767676"])
def test_a_dark_enough_colour_is_accepted(colour):
    branding.brand_colour_validate(colour)


@pytest.mark.parametrize(
    ("colour", "ratio"),
    # White on #777777 is 4.48 to 1 (just under AA); yellow and white far under.
    [("#777777", "4.4"), ("#ffdd00", "1.3"), ("#ffffff", "1.0")],
)
def test_a_colour_white_text_cannot_be_read_on_is_refused(colour, ratio):
    with pytest.raises(ValidationError) as error:
        branding.brand_colour_validate(colour)
    message = _message(error)
    assert f"contrast of {ratio} to 1" in message
    assert "at least 4.5 to 1" in message


@pytest.mark.parametrize("value", ["blue", "#12345", "#1d4f9g", "1d4f91", "#1d4f91 "])
def test_a_colour_that_is_not_hex_is_refused_with_an_example(value):
    with pytest.raises(ValidationError) as error:
        branding.brand_colour_validate(value)
    assert "for example #1d4f91" in _message(error)


def test_darker_shade_for_the_border():
    assert branding.darker("#ffffff", 0.5) == "#808080"
    assert branding.darker("not a colour") == branding.darker(branding.DEFAULT_COLOUR)


@pytest.mark.parametrize("data", [_png(), _png(fmt="JPEG")])
def test_png_and_jpeg_are_accepted(data):
    branding.logo_validate(ContentFile(data, name="logo.bin"))


def test_the_demo_logo_is_a_clean_svg():
    branding.logo_validate(ContentFile(DEMO_LOGO.read_bytes(), name="logo.svg"))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"GIF89a....", "must be a PNG, JPEG or SVG"),
        (b"<html><body>hello</body></html>", "must be a PNG, JPEG or SVG"),
        (b"MZ\x90\x00 an executable named logo.png", "must be a PNG, JPEG or SVG"),
        (_png()[:60], "damaged or incomplete"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "damaged or incomplete"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused(data, expected):
    with pytest.raises(ValidationError) as error:
        branding.logo_validate(ContentFile(data, name="logo.png"))
    assert expected in _message(error)


def test_a_logo_over_the_size_limit_is_refused():
    data = _png() + b"\x00" * branding.LOGO_MAX_BYTES
    with pytest.raises(ValidationError) as error:
        branding.logo_validate(ContentFile(data, name="logo.png"))
    assert "512 KB or smaller" in _message(error)


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'


@pytest.mark.parametrize(
    "inner",
    [
        "<script>alert(1)</script>",
        '<rect width="5" height="5" onclick="alert(1)"/>',
        '<a href="javascript:alert(1)"><rect width="5" height="5"/></a>',
        '<a xlink:href="https://evil.example/"><rect width="5" height="5"/></a>',
        '<foreignObject><iframe src="https://evil.example/"/></foreignObject>',
        '<image href="https://tracker.example/pixel.png"/>',
        '<style>@import url("https://evil.example/x.css");</style>',
        '<rect width="5" height="5" style="fill:url(https://evil.example/#x)"/>',
        '<set attributeName="onmouseover" to="alert(1)"/>',
    ],
)
def test_an_svg_that_could_run_or_fetch_anything_is_refused(inner):
    data = SVG.format(inner).encode()
    with pytest.raises(ValidationError):
        branding.logo_validate(ContentFile(data, name="logo.svg"))


def test_an_svg_with_a_dtd_is_refused():
    data = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    )
    with pytest.raises(ValidationError) as error:
        branding.logo_validate(ContentFile(data, name="logo.svg"))
    assert "DTD" in _message(error)


def test_an_svg_with_local_gradients_and_styles_is_accepted():
    inner = (
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/>'
        "</linearGradient></defs><style>.a { fill: #fff; }</style>"
        '<rect class="a" width="5" height="5" fill="url(#g)"/>'
    )
    branding.logo_validate(ContentFile(SVG.format(inner).encode(), name="x.svg"))


def test_broken_svg_is_a_clear_error():
    with pytest.raises(ValidationError) as error:
        branding.logo_validate(ContentFile(b"<svg><rect></svg>", name="logo.svg"))
    assert "not well-formed" in _message(error)


def test_the_stored_name_is_ours_with_the_extension_the_content_shows(db):
    council = Council.objects.get()
    council.logo = ContentFile(_png(), name="../../etc/passwd.svg")
    council.save()
    assert council.logo.name.startswith("branding/logo-")
    assert council.logo.name.endswith(".png")


def test_the_logo_is_served_with_its_type_and_no_script(client, db):
    council = Council.objects.get()
    council.logo = ContentFile(DEMO_LOGO.read_bytes(), name="logo.svg")
    council.save()
    response = client.get("/branding/logo")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == DEMO_LOGO.read_bytes()


def test_no_logo_is_a_not_found(client, db):
    assert client.get("/branding/logo").status_code == 404


def test_branding_css_carries_the_colour_and_a_darker_border(client, db):
    Council.objects.update(brand_colour="#005a70")
    body = client.get("/branding.css").content.decode()
    assert "--pr-brand: #005a70;" in body
    assert f"--pr-brand-dark: {branding.darker('#005a70')};" in body


def test_a_stored_unreadable_colour_falls_back_to_the_default(client, db):
    Council.objects.update(brand_colour="#ffff00")
    body = client.get("/branding.css").content.decode()
    assert f"--pr-brand: {branding.DEFAULT_COLOUR};" in body
