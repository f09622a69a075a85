"""Every sentence of every reminder email is marked for translation.

The reminders go out under a pseudo-Welsh catalogue that brackets every string of the real
catalogue; English left outside brackets was never marked (or `make messages` not run).
"""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from putright.complaints import services
from putright.complaints.constants import Kind
from putright.complaints.tests.factories import procedure
from putright.core.tests.pseudo_translation import (
    read_po,
    untranslated,
    write_pseudo_mo,
)
from putright.notifications.models import NotificationLog
from putright.notifications.services import reminders_send

# Monday 2 March 2026, then the days on which each kind of reminder falls due.
LOGGED = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
RUNS = [
    dt.datetime(2026, 3, 6, 9, 0, tzinfo=dt.UTC),
    dt.datetime(2026, 3, 20, 9, 0, tzinfo=dt.UTC),
    dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC),
]


@pytest.fixture
def pseudo_welsh(settings, tmp_path):
    write_pseudo_mo(tmp_path, read_po())
    settings.LOCALE_PATHS = [tmp_path]
    with translation.override("cy"):
        yield


@pytest.fixture
def cases(alice, bob, carol, childrens, send_team):
    with time_machine.travel(LOGGED, tick=False):
        return [
            services.case_log(
                by=alice,
                kind=Kind.COMPLAINT,
                channel="email",
                received=dt.date(2026, 3, 2),
                directorate=childrens,
                team=send_team,
                procedure=procedure("lgsco_code"),
                handler=handler,
                contact_name="Pat Example",
                summary="Late reply.",
            )
            for handler in (bob, None)
        ]


def test_every_reminder_email_is_translated(pseudo_welsh, cases, alice, bob, carol):
    for day in RUNS:
        with time_machine.travel(day, tick=False):
            reminders_send()
    kinds = set(NotificationLog.objects.values_list("kind", flat=True))
    # Every reminder kind (a follow link and an email's auto-reply go to residents: they
    # are not reminders).
    assert kinds == set(NotificationLog.Kind.values) - {
        NotificationLog.Kind.FOLLOW_LINK,
        NotificationLog.Kind.EMAIL_RECEIPT,
    }
    data = [case.reference for case in cases] + [
        str(user) for user in (alice, bob, carol)
    ]
    data += [user.get_short_name() for user in (alice, bob, carol)]
    data += [cases[0].stages.get().directorate.name]
    for message in mail.outbox:
        assert untranslated(message.subject, data) == [], message.subject
        assert untranslated(message.body, data) == [], message.body
