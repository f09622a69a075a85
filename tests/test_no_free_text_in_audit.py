"""No typed text reaches the audit trail: a sentinel in every free-text field of every
service appears in no AuditEvent (before, after, message or label), while the case
history still says what happened and what changed."""

import pytest

from putright.audit.models import AuditEvent
from putright.complaints import selectors
from putright.complaints.models import CaseNote
from tests.conftest import SENTINEL

pytestmark = pytest.mark.django_db


def test_no_typed_text_is_in_any_audit_event(journey):
    events = list(AuditEvent.objects.all())
    assert len(events) > 30
    for event in events:
        stored = " ".join(
            [str(event.before), str(event.after), event.message, event.target_label]
        )
        assert SENTINEL.lower() not in stored.lower(), (event.verb, stored)
        assert "Probe Street" not in stored, (event.verb, stored)


def test_the_history_still_says_what_changed(journey):
    timeline = selectors.case_timeline(journey)
    labels = [item["label"] for item in timeline]
    for label in ("Contact logged", "Escalated", "Withdrawn", "Case reopened"):
        assert label in labels
    edited = {label for item in timeline for label in item["edited"]}
    assert "Reasons for the decision" in edited
    withdrawn = next(item for item in timeline if item["label"] == "Withdrawn")
    assert withdrawn["event"].message == (
        "Withdrawn on 2 March 2026. The reason is in the case notes."
    )


def test_reasons_kept_out_of_the_trail_are_in_the_case_notes(journey):
    notes = list(CaseNote.objects.filter(case=journey).values_list("text", flat=True))
    assert any(text.startswith("Withdrawn on 2 March 2026: ") for text in notes)
    assert any(text.startswith("Reopened: ") for text in notes)
