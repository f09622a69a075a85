"""The council admin page takes the council's colour and logo, and refuses unusable ones."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from putright.organisation.models import Council

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10" fill="#ffffff"/></svg>'
)


def _form(council, **changes):
    data = {
        "name": council.name,
        "nation": council.nation,
        "kind": council.kind,
        "population": 250000,
        "financial_year_start_month": 4,
        "timescale_target_percent": "90.0",
        "brand_colour": "#1d4f91",
        "small_number_threshold": 5,
        "reminder_working_days": 2,
        "homes": 0,
        "reference_prefix": council.reference_prefix,
        "reference_pattern": council.reference_pattern,
        "closure_days-TOTAL_FORMS": 0,
        "closure_days-INITIAL_FORMS": 0,
        "closure_days-MIN_NUM_FORMS": 0,
        "closure_days-MAX_NUM_FORMS": 1000,
    }
    data.update(changes)
    return data


@pytest.fixture
def signed_in(client, admin_user):
    client.force_login(admin_user)
    return client


def _post(client, council, **changes):
    return client.post(
        f"/admin/organisation/council/{council.pk}/change/",
        _form(council, **changes),
        follow=True,
    )


def test_a_logo_and_colour_saved_in_the_admin_reach_the_public_header(signed_in):
    council = Council.load()
    logo = SimpleUploadedFile("crest.svg", SVG, content_type="image/svg+xml")
    response = _post(signed_in, council, brand_colour="#005a70", logo=logo)
    assert response.status_code == 200
    council.refresh_from_db()
    assert council.brand_colour == "#005a70"
    assert council.logo.name.endswith(".svg")
    # The admin links to the logo as the app serves it (media files are never served).
    form = signed_in.get(f"/admin/organisation/council/{council.pk}/change/")
    assert 'href="/branding/logo"' in form.content.decode()
    signed_in.logout()
    page = signed_in.get("/feedback/").content.decode()
    assert 'class="pr-council-logo"' in page
    assert f'alt="{council.name}"' in page
    assert signed_in.get("/branding/logo").status_code == 200
    assert "--pr-brand: #005a70;" in signed_in.get("/branding.css").content.decode()


def test_a_colour_too_light_for_white_text_is_refused_with_its_contrast(signed_in):
    council = Council.load()
    page = _post(signed_in, council, brand_colour="#ffdd00").content.decode()
    assert "contrast of 1.3 to 1" in page
    assert "Choose a darker colour." in page
    council.refresh_from_db()
    assert council.brand_colour != "#ffdd00"


def test_an_svg_with_a_script_is_refused_and_not_stored(signed_in):
    council = Council.load()
    hostile = SimpleUploadedFile(
        "crest.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        content_type="image/svg+xml",
    )
    page = _post(signed_in, council, logo=hostile).content.decode()
    assert "could run code or load other content" in page
    council.refresh_from_db()
    assert not council.logo


def test_a_disguised_file_is_refused(signed_in):
    council = Council.load()
    disguised = SimpleUploadedFile(
        "crest.png", b"<html><script>alert(1)</script></html>", content_type="image/png"
    )
    page = _post(signed_in, council, logo=disguised).content.decode()
    assert "must be a PNG, JPEG or SVG image" in page
    council.refresh_from_db()
    assert not council.logo
