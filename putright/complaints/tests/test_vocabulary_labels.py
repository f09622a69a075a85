"""Open vocabularies take what a council's file says; a code in one reads as words."""

from django.urls import reverse

from putright.complaints.models import ComplainantType


def test_the_log_form_offers_who_is_contacting_us_as_words(client, alice):
    for name in ("young_person", "mp", "advocate", "Parent"):
        ComplainantType.objects.create(name=name)
    client.force_login(alice)
    html = client.get(reverse("complaints:case_log")).content.decode()
    for label in ("Young person", "MP", "Advocate", "Parent"):
        assert f">{label}</option>" in html
    assert "young_person" not in html
    assert ">mp</option>" not in html
