"""Following a case without an account: the page, adding information, asking for a review
and asking for a fresh link. Hostile input is refused with a clear error and stores nothing."""

import datetime as dt
import io
import re

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from putright.audit.models import AuditEvent
from putright.complaints import follow
from putright.complaints.constants import Outcome, StageStatus
from putright.complaints.models import Attachment, Case, CaseNote, Stage
from putright.notifications.models import NotificationEmail
from putright.public.tests.journeys import COMPLAINT, send, walk

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def case(client, services):
    answers = {"service": {"service": f"s{services['send'].pk}"}, **COMPLAINT}
    send(client, "complaint", walk(client, "complaint", answers))
    client.session.flush()
    return Case.objects.get()


def _answer(case, outcome=Outcome.NOT_UPHELD, days_ago=0):
    """Stage 1 answered (set directly: the staff journey is tested elsewhere)."""
    stage = case.stages.get(number=1)
    stage.status = StageStatus.RESPONDED
    stage.responded = timezone.localdate() - dt.timedelta(days=days_ago)
    stage.received = min(stage.received, stage.responded)
    stage.outcome = outcome
    stage.save()
    return stage


def _url(case, suffix=""):
    return follow.follow_path(case) + suffix


def _body(response):
    return response.content.decode()


def test_follow_page_says_where_the_case_stands_with_its_due_dates(client, case):
    response = client.get(_url(case))
    assert response.status_code == 200
    body = _body(response)
    stage = case.stages.get()
    assert case.reference in body
    assert "Received" in body
    assert "We will acknowledge it and tell you" in body
    assert stage.acknowledge_due.strftime("%-d %B %Y") in body
    assert stage.due.strftime("%-d %B %Y") in body
    assert "Not sent yet" in body
    assert "Letters we have sent you" in body
    # A resident's page: never cached, never indexed, the link never sent on.
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"


def test_follow_page_view_is_recorded_once_in_the_audit_trail_by_the_public(
    client, case
):
    client.get(_url(case))
    client.get(_url(case))  # a reload within minutes is the same viewing
    reads = AuditEvent.objects.filter(verb="read.follow_page_viewed", case=case)
    assert reads.count() == 1
    assert reads.get().actor is None
    assert reads.get().actor_label == "public web form"


def test_answered_case_shows_the_answer_and_offers_a_review(client, case):
    stage = _answer(case, Outcome.PARTLY_UPHELD)
    body = _body(client.get(_url(case)))
    assert "Answered" in body
    assert "We found that we got some things wrong" in body
    assert f"Sent on {stage.responded.strftime('%-d %B %Y')}" in body
    assert "Ask for a review" in body
    assert "(stage 2 of the council" in body


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "1.abcdef:1kAAAA:forged-signature",
        signing.TimestampSigner(salt="other").sign("1.x"),
    ],
)
def test_forged_link_gets_a_page_explaining_how_to_get_a_fresh_one(client, case, token):
    response = client.get(f"/feedback/follow/{token}/")
    assert response.status_code == 404
    body = _body(response)
    assert "This link has expired or is not complete" in body
    assert 'href="/feedback/follow/"' in body
    assert case.reference not in body
    assert not AuditEvent.objects.filter(verb="read.follow_page_viewed").exists()


def test_expired_link_explains_and_opens_nothing(client, case, settings):
    url = _url(case)
    settings.PUTRIGHT_FOLLOW_LINK_DAYS = 0
    response = client.get(url)
    assert response.status_code == 404
    assert "This link has expired" in _body(response)


def test_posts_with_a_forged_link_store_nothing(client, case):
    _answer(case)
    for action in ("add", "review"):
        response = client.post(
            f"/feedback/follow/forged/{action}/", {"text": "Hi", "reasons": "Why"}
        )
        assert response.status_code == 404
    assert CaseNote.objects.count() == 0
    assert case.stages.count() == 1


# Adding information or documents


def test_complainant_adds_words_and_a_document_that_staff_see_as_theirs(
    client, case, alice
):
    response = client.post(
        _url(case, "add/"),
        {
            "text": "Here is the letter from the school.",
            "documents": [
                SimpleUploadedFile("school.pdf", PDF, content_type="application/pdf")
            ],
        },
        follow=True,
    )
    assert "We have added what you sent to your case" in _body(response)
    note = CaseNote.objects.get(case=case)
    assert note.from_complainant
    assert note.author is None
    document = Attachment.objects.get(case=case)
    assert document.from_complainant
    assert document.original_name == "school.pdf"
    event = AuditEvent.objects.get(verb="case.information_added")
    assert "school" not in str(event.after)
    assert "letter" not in str(event.after)

    client.force_login(alice)
    staff = _body(client.get(case.get_absolute_url()))
    assert "Here is the letter from the school." in staff
    assert "Added by the complainant" in staff
    assert "added by the complainant" in staff  # beside the document


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Tell us what you want to add"),
        ({"text": "<script>alert(1)</script>"}, "does not accept HTML"),
        ({"text": "x" * 100_000}, "must be 10000 characters or fewer"),
        ({"text": "Late\x00 again"}, ""),
    ],
)
def test_hostile_information_is_refused_and_nothing_is_stored(
    client, case, data, message
):
    response = client.post(_url(case, "add/"), data)
    assert response.status_code == 400
    body = _body(response)
    assert "There is a problem" in body
    assert message in body
    assert CaseNote.objects.count() == 0
    assert not AuditEvent.objects.filter(verb="case.information_added").exists()


def test_disguised_file_is_refused_with_its_name_and_nothing_is_stored(client, case):
    response = client.post(
        _url(case, "add/"),
        {
            "text": "Two files",
            "documents": [
                SimpleUploadedFile("fine.pdf", PDF),
                SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00\x03 this is an exe"),
            ],
        },
    )
    assert response.status_code == 400
    body = _body(response)
    assert "invoice.pdf: The selected file is not a real PDF" in body
    assert CaseNote.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_adding_information_is_rate_limited_per_address(client, case, settings):
    settings.PUTRIGHT_PUBLIC_ADDRESS_LIMIT = 2
    for number in range(2):
        client.post(_url(case, "add/"), {"text": f"Message {number}"})
    response = client.post(_url(case, "add/"), {"text": "One too many"})
    assert response.status_code == 400
    assert "the most forms we accept in one hour" in _body(response)
    assert CaseNote.objects.count() == 2


# Asking for a review


def test_review_request_creates_one_stage_awaiting_acknowledgement(client, case, alice):
    first = _answer(case)
    data = {"reasons": "You did not look at the school's emails."}
    response = client.post(_url(case, "review/"), data, follow=True)
    assert "We have received your request for a review" in _body(response)
    client.post(_url(case, "review/"), data)  # a double submit

    assert case.stages.count() == 2
    stage = case.stages.get(number=2)
    assert stage.status == StageStatus.AWAITING_ACKNOWLEDGEMENT
    assert stage.received == timezone.localdate()
    assert stage.team_id == first.team_id
    assert stage.directorate_id == first.directorate_id
    assert stage.handler is None
    assert stage.acknowledge_due
    assert stage.due
    first.refresh_from_db()
    assert first.status == StageStatus.CLOSED
    event = AuditEvent.objects.get(verb="stage.escalation_requested")
    assert event.actor_label == "public web form"

    body = _body(client.get(_url(case)))
    assert "Review asked for" in body
    assert "You asked for a review on" in body
    assert "Ask for a review</button>" not in body

    client.force_login(alice)
    staff = _body(client.get(case.get_absolute_url()))
    assert "Awaiting acknowledgement" in staff
    assert "Review asked for by the complainant" in staff


def test_review_needs_reasons_and_stores_nothing_without(client, case):
    _answer(case)
    response = client.post(_url(case, "review/"), {"reasons": "  "})
    assert response.status_code == 400
    assert "Tell us why you are asking for a review." in _body(response)
    assert case.stages.count() == 1


def test_review_refused_before_the_answer(client, case):
    response = client.post(_url(case, "review/"), {"reasons": "Too slow"})
    assert response.status_code == 400
    assert "once we have sent you our answer" in _body(response)
    assert case.stages.count() == 1


def test_review_refused_past_the_window_names_the_ombudsman(client, case):
    _answer(case, days_ago=60)
    page = _body(client.get(_url(case)))
    assert "The time for asking for a review ended on" in page
    assert "Local Government and Social Care Ombudsman" in page
    assert "0300 061 0614" in page
    response = client.post(_url(case, "review/"), {"reasons": "Late, sorry"})
    assert response.status_code == 400
    assert "The time for asking for a review has passed" in _body(response)
    assert case.stages.count() == 1


def test_no_review_after_the_last_stage_points_to_the_ombudsman(client, case):
    stage = _answer(case)
    Stage.objects.create(
        case=case,
        number=2,
        kind=stage.kind,
        procedure=stage.procedure,
        directorate=stage.directorate,
        received=stage.responded,
        responded=stage.responded,
        status=StageStatus.RESPONDED,
        outcome=Outcome.NOT_UPHELD,
    )
    page = _body(client.get(_url(case)))
    assert "This was the last stage of the council" in page
    assert "www.lgo.org.uk" in page
    response = client.post(_url(case, "review/"), {"reasons": "Still unhappy"})
    assert response.status_code == 400
    assert "has no further stage" in _body(response)
    assert case.stages.count() == 2


# A fresh link


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what a request queues once its transaction commits, as a real request does."""

    def _run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return _run


def _ask(client, reference, email, on_commit=None):
    def post():
        return client.post(
            "/feedback/follow/", {"reference": reference, "email": email}, follow=True
        )

    return on_commit(post) if on_commit else post()


def _answer_text(response):
    body = _body(response)
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return response.status_code, response.redirect_chain, body


def test_fresh_link_answer_is_the_same_for_a_real_and_an_unknown_reference(
    client, case, on_commit
):
    real = _ask(client, case.reference.lower(), "PRIYA@example.org ", on_commit)
    assert "If the details match a case, we have sent a link to that address" in (
        _body(real)
    )
    email = NotificationEmail.objects.get()
    assert email.to == "priya@example.org"
    assert "/feedback/follow/" in email.body
    link = re.search(r"http://\S+/feedback/follow/\S+/", email.body).group(0)
    assert client.get(link.split("8000", 1)[-1]).status_code == 200

    unknown = _ask(client, "CMP-2026-999999", "priya@example.org", on_commit)
    wrong_email = _ask(client, case.reference, "someone@example.org", on_commit)
    assert _answer_text(real) == _answer_text(unknown) == _answer_text(wrong_email)
    assert NotificationEmail.objects.count() == 1
    sent = AuditEvent.objects.filter(verb="case.follow_link_sent")
    assert list(sent.values_list("case", flat=True)) == [case.pk]


def test_fresh_link_request_writes_the_same_whether_or_not_it_matches(
    client, case, task_queue, on_commit
):
    """The request queues one job either way, holding no typed address; only the worker
    finds out whether the details match."""
    for reference, email in (
        (case.reference, "priya@example.org"),
        # An unknown reference of the same length: the job holds what was typed.
        (case.reference[:-6] + "999999", "priya@example.org"),
        (case.reference, "stranger@example.org"),
    ):
        _ask(client, reference, email, on_commit)
    jobs = list(task_queue.tasks())
    assert len(jobs) == 3
    assert {len(str(job.args_kwargs)) for job in jobs} == {
        len(str(jobs[0].args_kwargs))
    }
    assert all("example.org" not in str(job.args_kwargs) for job in jobs)
    assert NotificationEmail.objects.count() == 0
    task_queue.work()
    assert list(NotificationEmail.objects.values_list("to", flat=True)) == [
        "priya@example.org"
    ]


def test_fresh_link_requests_are_rate_limited_whatever_the_reference(
    client, case, settings, on_commit
):
    settings.PUTRIGHT_PUBLIC_EMAIL_LIMIT = 2
    settings.PUTRIGHT_PUBLIC_ADDRESS_LIMIT = 100
    _ask(client, "CMP-2026-999998", "priya@example.org", on_commit)
    _ask(client, "CMP-2026-999999", "priya@example.org", on_commit)
    response = _ask(client, case.reference, "priya@example.org", on_commit)
    assert response.status_code == 429
    assert "the most forms we accept in one hour" in _body(response)
    assert NotificationEmail.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reference": "", "email": "a@example.org"}, "Enter your reference."),
        ({"reference": "CMP-1", "email": "not an email"}, "correct format"),
        ({"reference": "<b>CMP</b>", "email": "a@example.org"}, "markup"),
        ({"reference": "CMP\x00", "email": "a@example.org"}, ""),
    ],
)
def test_fresh_link_form_refuses_bad_input_clearly(client, case, data, message):
    response = client.post("/feedback/follow/", data)
    assert response.status_code == 400
    assert "There is a problem" in _body(response)
    assert message in _body(response)
    assert NotificationEmail.objects.count() == 0


def test_follow_pages_pass_html_sanity(client, case):
    for url in ("/feedback/follow/", "/feedback/follow/asked/", _url(case)):
        body = _body(client.get(url))
        assert body.count("<h1") == 1, url
        assert io.StringIO(body).read()  # renders without a template error


def test_a_compliment_has_a_follow_page_without_stages_or_reviews(client, services):
    compliment = {
        "service": {"service": "unsure"},
        "message": {"message": "Sam was very kind."},
        "contact": {"full_name": "Priya Patel", "email": "priya@example.org"},
    }
    send(client, "compliment", walk(client, "compliment", compliment))
    case = Case.objects.get()
    response = client.get(_url(case))
    assert response.status_code == 200
    body = _body(response)
    assert "Your message to the council" in body
    assert "Ask for a review" not in body
    assert "Add information or documents" in body
