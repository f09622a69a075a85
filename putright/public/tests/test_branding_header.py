"""The public pages carry the council's name, logo and colour."""

from django.core.files.base import ContentFile

from putright.organisation.models import Council


def test_without_a_logo_the_header_shows_the_councils_name(client, db):
    council = Council.load()
    page = client.get("/feedback/").content.decode()
    assert f'class="pr-council-name">{council.name}</a>' in page
    assert "pr-council-logo" not in page
    assert "/branding.css" in page


def test_with_a_logo_the_header_shows_it_with_the_name_as_its_text(client, db):
    council = Council.load()
    council.logo = ContentFile(
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"/>', name="x.svg"
    )
    council.save()
    page = client.get("/feedback/").content.decode()
    assert f'alt="{council.name}"' in page
    assert 'src="/branding/logo?v=' in page
