"""An import is a write like any other: it bumps `Case.version`, so stale forms are refused."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from putright.complaints.constants import StageStatus
from putright.complaints.models import Case
from putright.imports.services import import_rows
from putright.imports.tests.conftest import contact

pytestmark = pytest.mark.django_db


def _version(reference="CMP-1"):
    return Case.objects.get(reference=reference).version


def test_import_that_changes_a_record_bumps_the_case_version():
    import_rows(contacts=[contact()])
    first = _version()

    import_rows(contacts=[contact(summary="Now about transport.")])
    assert _version() == first + 1

    import_rows(contacts=[contact(summary="Now about transport.")])
    assert _version() == first + 1, "an unchanged row writes nothing"


def test_import_of_a_new_stage_or_kind_bumps_the_case_version():
    import_rows(contacts=[contact(responded="2023-04-20", outcome="not_upheld")])
    first = _version()

    import_rows(contacts=[contact(stage="2", received="2023-05-02")])
    assert _version() == first + 1


def test_form_opened_before_an_import_is_refused_after_it(client, alice):
    import_rows(contacts=[contact()])
    case = Case.objects.get()
    client.force_login(alice)
    url = reverse("complaints:case_action", args=[case.reference, "acknowledge"])
    page = client.get(url).content.decode()
    version = re.search(r'name="version" value="(\d+)"', page).group(1)

    import_rows(contacts=[contact(summary="Now about transport.")])
    response = client.post(
        url,
        {
            "version": version,
            "acknowledged": dt.date.today().isoformat(),
            "understanding": "Understood.",
        },
    )

    assert response.status_code == 200
    assert "Someone else changed this case" in response.content.decode()
    assert case.stages.get().status == StageStatus.AWAITING_ACKNOWLEDGEMENT
