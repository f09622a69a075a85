"""The link officer's benchmarks page and the complaints team's sampling queue."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from putright.statistics.benchmark_models import ContactSample, SampledContact
from putright.statistics.benchmarks import import_benchmarks
from putright.statistics.tests.test_sampling import contact

pytestmark = pytest.mark.django_db
LGSCO = Path(__file__).parent / "data" / "lgsco_benchmarks.csv"


def test_benchmarks_page_shows_each_year_with_the_number_of_authorities(client, alice):
    import_benchmarks(LGSCO)
    client.force_login(alice)
    html = client.get(reverse("statistics:benchmarks")).content.decode()
    assert "Upheld rate of detailed investigations" in html
    # 2023/2024: 60.0% against 70.0% over 2; 2024/2025: 80.0% against 68.3% over 3.
    for year, council, mean, count in (
        ("2023/2024", "60.0%", "70.0%", "2"),
        ("2024/2025", "80.0%", "68.3%", "3"),
    ):
        assert f">{year}</th>" in html
        row = html.split(f">{year}</th>")[1].split("</tr>")[0]
        assert [council, mean, count] == [
            cell.split(">")[-1] for cell in row.split("</td>")[1:4]
        ]


def test_pages_need_the_right_role(client, erin):
    client.force_login(erin)  # a reporting viewer: no Ombudsman cases, no case records
    assert client.get(reverse("statistics:benchmarks")).status_code == 403
    assert client.get(reverse("statistics:sampling")).status_code == 403


def test_drawing_and_reviewing_through_the_pages(client, alice, childrens):
    angry = contact(childrens, "Still waiting, this is unacceptable")
    for _ in range(3):
        contact(childrens)
    client.force_login(alice)
    bad = client.post(
        reverse("statistics:sampling"),
        {
            "start_day": "1",
            "start_month": "4",
            "start_year": "2024",
            "end_day": "",
            "end_month": "",
            "end_year": "",
            "size": "x",
            "seed": "s",
        },
    )
    assert bad.status_code == 400
    assert "Enter the sample size as a whole number" in bad.content.decode()
    assert not ContactSample.objects.exists()

    response = client.post(
        reverse("statistics:sampling"),
        {
            "start_day": "1",
            "start_month": "4",
            "start_year": "2024",
            "end_day": "31",
            "end_month": "3",
            "end_year": "2025",
            "size": "1",
            "seed": "s",
        },
    )
    sample = ContactSample.objects.get()
    assert response.url == reverse("statistics:sample", args=[sample.pk])
    page = client.get(response.url).content.decode()
    assert "Still waiting, this is unacceptable" in page
    assert "complaint word, dissatisfaction" in page

    item = sample.items.get(stage=angry)
    url = reverse("statistics:sample_review", args=[item.pk])
    assert client.post(url, {"was_complaint": "yes"}).status_code == 400
    client.post(url, {"was_complaint": "yes", "action": "treated"})
    item.refresh_from_db()
    assert (item.was_complaint, item.action, item.reviewed_by) == (
        True,
        "treated",
        alice,
    )
    assert SampledContact.objects.filter(was_complaint__isnull=False).count() == 1
    assert dt.date(2024, 4, 1) == sample.start


def test_dashboard_compares_with_similar_authorities_for_a_whole_year(client, alice):
    import_benchmarks(LGSCO)
    client.force_login(alice)
    url = reverse("statistics:dashboard")
    html = client.get(url, {"year": "2024/2025"}).content.decode()
    assert (
        "LGSCO, upheld rate of detailed investigations: 80.0% for the council, compared "
        "with an average of 68.3% over 3 authorities (metropolitan boroughs)."
    ) in html
    quarter = client.get(url, {"year": "2024/2025", "quarter": "Q1"}).content.decode()
    assert "Compared with similar authorities" not in quarter
