"""The front door in Welsh: the switch, every public page's text, and the language kept."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from putright.complaints import follow
from putright.complaints.constants import Outcome, StageStatus
from putright.complaints.models import Case, Stage
from putright.notifications.models import NotificationEmail, NotificationLog
from putright.organisation.models import Council
from putright.public.models import FrontDoorContact
from putright.public.tests.journeys import COMPLAINT, token

pytestmark = pytest.mark.django_db

WELSH_COUNCIL = "Cyngor Bwrdeistref Demo"
DOCUMENT_NAME = "llythyr-yr-ysgol.pdf"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Welsh month names, written out here rather than taken from the code under test.
WELSH_MONTHS = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
]
# Text that is the same in both languages: names, numbers, addresses and acronyms.
ALLOWED = {
    WELSH_COUNCIL,
    DOCUMENT_NAME,
    "Post",  # the Welsh word for post is "post"
    "ico.org.uk/make-a-complaint",
    "equalityadvisoryservice.com",
    ", 0303 123 1113.",
    ".",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
VOID |= {"source", "track", "wbr"}
SPOKEN_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text nodes and spoken attributes, leaving out
    scripts, styles and anything marked as being in another language (`lang="en-GB"`)."""

    def __init__(self, page_language: str) -> None:
        super().__init__()
        self.page_language = page_language
        self.stack: list[bool] = []  # True where the element is left out
        self.texts: list[str] = []

    def _skipping(self) -> bool:
        return any(self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang")
        other_language = (
            tag != "html" and lang is not None and lang != self.page_language
        )
        skip = tag in ("script", "style") or other_language
        if not skip and not self._skipping():
            for name in SPOKEN_ATTRIBUTES:
                if values.get(name):
                    self.texts.append(str(values[name]).strip())
        if tag not in VOID:
            self.stack.append(skip)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._skipping() and re.search(r"[A-Za-z]", text):
            self.texts.append(text)


def visible_text(response: Any, language: str) -> list[str]:
    parser = VisibleText(language)
    parser.feed(response.content.decode())
    return parser.texts


@pytest.fixture
def welsh_council(council: Council, services: dict[str, Any]) -> Council:
    council.name_cy = WELSH_COUNCIL
    council.save()
    services["send"].name_cy = "Anghenion addysgol arbennig (AAA)"
    services["care"].name_cy = "Gofal a chymorth i oedolion"
    for service in services.values():
        service.save()
    return council


def in_language(client: Any, language: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


def complaint_answers(services: dict[str, Any], who: str = "myself") -> dict[str, Any]:
    answers = {"service": {"service": f"s{services['send'].pk}"}, **COMPLAINT}
    answers["who"] = {"who": who}
    answers["person"] = {
        "person_name": "Arjun Patel",
        "relationship": "",
        "consent": "on",
    }
    answers["adjustments"] = {"needs": ["large_print", "welsh"], "details": ""}
    return answers


def pages_of_a_welsh_complaint(client: Any, services: dict[str, Any]) -> list[Any]:
    """Every page of the complaint journey in Welsh, with each question's errors too."""
    pages = [client.get(path) for path in ("/feedback/", "/feedback/privacy/")]
    pages.append(client.get("/feedback/accessibility/"))
    answers = complaint_answers(services, who="behalf")
    response = client.get("/feedback/complaint/", follow=True)
    while "/check/" not in response.request["PATH_INFO"]:
        path = response.request["PATH_INFO"]
        step = path.rstrip("/").rsplit("/", 1)[-1]
        pages.append(response)
        if step == "documents":
            pages += documents_step_pages(client, path)
        elif step not in ("adjustments", "equality"):
            pages.append(client.post(path, {}))  # the page with its error messages
        response = client.post(path, answers[step], follow=True)
        assert "govuk-error-summary" not in response.content.decode(), step
    pages.append(response)
    sent = client.post(
        "/feedback/complaint/check/", {"token": token(response), "website": ""}
    )
    pages.append(client.get(sent["Location"]))
    return pages


def documents_step_pages(client: Any, path: str) -> list[Any]:
    """The documents question with its error (an empty file), then with a document added."""
    empty = client.post(path, {"documents": [SimpleUploadedFile("empty.pdf", b"")]})
    assert "govuk-error-summary" in empty.content.decode()
    upload = SimpleUploadedFile(DOCUMENT_NAME, PDF, content_type="application/pdf")
    client.post(path, {"documents": [upload]})
    added = client.get(path)
    assert DOCUMENT_NAME in added.content.decode()
    return [empty, added]


def english_left(response: Any, allowed: set[str]) -> list[str]:
    return [
        text
        for text in visible_text(response, "cy")
        if text not in allowed and not re.fullmatch(r"CMP-[\w-]+", text)
    ]


def english_source_texts(client: Any, services: dict[str, Any]) -> set[str]:
    """The English text of the same pages: what must not appear unchanged in Welsh."""
    in_language(client, "en-gb")
    seen: set[str] = set()
    for page in pages_of_a_welsh_complaint(client, services):
        seen.update(visible_text(page, "en-GB"))
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    return seen


def test_every_page_of_the_complaint_journey_has_no_english_left_in_welsh(
    client, services, welsh_council
):
    english = english_source_texts(client, services)
    data = {"Priya Patel", "priya@example.org", "Arjun Patel"}
    data |= {
        text
        for answer in COMPLAINT.values()
        for text in answer.values()
        if text and isinstance(text, str)
    }
    assert "Check your answers before sending" in english
    in_language(client, "cy")
    for page in pages_of_a_welsh_complaint(client, services):
        assert page.status_code == 200
        body = page.content.decode()
        assert '<html lang="cy"' in body
        untranslated = [
            text for text in english_left(page, ALLOWED | data) if text in english
        ]
        assert not untranslated, (page.request["PATH_INFO"], untranslated)


@pytest.mark.parametrize("journey", ["compliment", "comment"])
def test_compliment_and_comment_journeys_have_no_english_left_in_welsh(
    client, services, welsh_council, journey
):
    english: set[str] = set()
    for language in ("en-gb", "cy"):
        in_language(client, language)
        response = client.get(f"/feedback/{journey}/", follow=True)
        pages = [response]
        path = response.request["PATH_INFO"]
        response = client.post(
            path, {"service": f"s{services['care'].pk}"}, follow=True
        )
        pages.append(response)
        pages.append(client.post(response.request["PATH_INFO"], {}))
        if language == "en-gb":
            for page in pages:
                english.update(visible_text(page, "en-GB"))
            continue
        for page in pages:
            left = [t for t in english_left(page, ALLOWED) if t in english]
            assert not left, (page.request["PATH_INFO"], left)


def test_welsh_pages_name_the_council_in_welsh_and_english_pages_in_english(
    client, welsh_council
):
    english = client.get("/feedback/").content.decode()
    in_language(client, "cy")
    welsh = client.get("/feedback/").content.decode()
    assert '<html lang="en-GB"' in english
    assert "Demo Borough Council" in english
    assert WELSH_COUNCIL not in english
    assert WELSH_COUNCIL in welsh
    assert "Demo Borough Council" not in welsh
    assert "Gwneud cwyn" in welsh


def test_a_council_without_a_welsh_name_keeps_its_name_on_welsh_pages(client):
    in_language(client, "cy")
    assert "Demo Borough Council" in client.get("/feedback/").content.decode()


def test_services_are_offered_by_their_welsh_names_on_welsh_pages(
    client, services, welsh_council
):
    services["care"].name_cy = ""
    services["care"].save()
    in_language(client, "cy")
    body = client.get("/feedback/complaint/service/").content.decode()
    assert "Anghenion addysgol arbennig (AAA)" in body
    assert "Special educational needs (SEND)" not in body
    assert "Care and support for adults" in body, "no Welsh name: the English one"
    assert "Dydw i ddim yn siŵr" in body


def test_the_switch_returns_to_the_same_question_with_the_answers_kept(
    client, services
):
    client.post("/feedback/complaint/service/", {"service": f"s{services['send'].pk}"})
    client.post("/feedback/complaint/what-happened/", COMPLAINT["what-happened"])
    page = client.get("/feedback/complaint/what-happened/")
    assert 'href="/feedback/complaint/what-happened/?lang=cy"' in page.content.decode()

    switched = client.get("/feedback/complaint/what-happened/?lang=cy")

    assert switched.status_code == 302
    assert switched["Location"] == "/feedback/complaint/what-happened/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"
    body = client.get(switched["Location"]).content.decode()
    assert "Beth ddigwyddodd?" in body
    assert "My son&#x27;s EHC plan review was 12 weeks late." in body
    # And back to English, on the same page.
    back = client.get("/feedback/complaint/what-happened/?lang=en-gb")
    assert back["Location"] == "/feedback/complaint/what-happened/"
    assert "What happened?" in client.get(back["Location"]).content.decode()


def test_the_switch_keeps_the_rest_of_the_address(client):
    response = client.get("/feedback/complaint/contact/?change=1&lang=cy")
    assert response["Location"] == "/feedback/complaint/contact/?change=1"


def test_a_language_the_council_does_not_offer_changes_nothing(client):
    response = client.get("/feedback/?lang=fr")
    assert response["Location"] == "/feedback/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert '<html lang="en-GB"' in client.get("/feedback/").content.decode()


def test_a_browser_asking_for_welsh_gets_welsh_until_the_resident_chooses(client):
    welsh = client.get("/feedback/", HTTP_ACCEPT_LANGUAGE="cy,en;q=0.5")
    assert '<html lang="cy"' in welsh.content.decode()
    assert welsh["Content-Language"] == "cy"
    # Caches keep the two languages apart.
    assert {"Cookie", "Accept-Language"} <= {
        value.strip() for value in welsh["Vary"].split(",")
    }
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-gb"
    chosen = client.get("/feedback/", HTTP_ACCEPT_LANGUAGE="cy,en;q=0.5")
    assert '<html lang="en-GB"' in chosen.content.decode()


def test_staff_pages_stay_in_english_whatever_the_resident_chose(client):
    in_language(client, "cy")
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="cy")
    body = response.content.decode()
    assert '<html lang="en-GB"' in body
    assert "Skip to main content" in body
    assert "Neidio i’r prif gynnwys" not in body


def send_complaint(client: Any, services: dict[str, Any]) -> Any:
    answers = complaint_answers(services)
    response = client.get("/feedback/complaint/", follow=True)
    while "/check/" not in response.request["PATH_INFO"]:
        step = response.request["PATH_INFO"].rstrip("/").rsplit("/", 1)[-1]
        response = client.post(
            response.request["PATH_INFO"], answers[step], follow=True
        )
    return client.post(
        "/feedback/complaint/check/",
        {"token": token(response), "website": ""},
        follow=True,
    )


def test_a_complaint_sent_in_welsh_is_answered_in_welsh(client, services):
    in_language(client, "cy")
    response = send_complaint(client, services)
    case = Case.objects.get()
    assert case.language == "cy"
    # Staff read the help asked for in English; the case's language says how to reply.
    assert (
        case.reasonable_adjustments
        == "Letters in large print\nTo be contacted in Welsh"
    )
    stage = case.stages.get()
    body = response.content.decode()
    for due in (stage.acknowledge_due, stage.due):
        welsh_date = f"{due.day} {WELSH_MONTHS[due.month - 1]} {due.year}"
        assert f"<strong>{welsh_date}</strong>" in body
    assert "Eich cyfeirnod yw" in body


def test_a_complaint_sent_in_english_is_answered_in_english(client, services):
    send_complaint(client, services)
    assert Case.objects.get().language == "en-gb"


def test_the_other_ways_to_reach_the_council_are_given_in_welsh_where_written(client):
    contact = FrontDoorContact.load()
    contact.phone = "01970 633 633"
    contact.opening_hours = "Monday to Friday, 9am to 5pm"
    contact.opening_hours_cy = "Dydd Llun i ddydd Gwener, 9am i 5pm"
    contact.postal_address = "County Hall\nAberystwyth"
    contact.save()
    in_language(client, "cy")
    welsh = client.get("/feedback/").content.decode()
    assert "Dydd Llun i ddydd Gwener, 9am i 5pm" in welsh
    assert "Monday to Friday" not in welsh
    assert "County Hall" in welsh, "no Welsh address: the English one"
    in_language(client, "en-gb")
    assert "Monday to Friday, 9am to 5pm" in client.get("/feedback/").content.decode()


# -- Following a case in Welsh -----------------------------------------------------------

# The Ombudsman's contact details and the council's phone are the same in both languages.
FOLLOW_ALLOWED = ALLOWED | {
    "www.lgo.org.uk",
    "0300 061 0614",
    "PO Box 4771, Coventry CV4 0EH",
}


def in_both_languages(client: Any, call: Any) -> tuple[set[str], Any]:
    """The English text of a page, and the same page in Welsh."""
    in_language(client, "en-gb")
    english = set(visible_text(call(), "en-GB"))
    in_language(client, "cy")
    return english, call()


def _answered(case: Case, *, days_ago: int = 0) -> Stage:
    stage = case.stages.order_by("-number").first()
    stage.status = StageStatus.RESPONDED
    stage.responded = timezone.localdate() - timezone.timedelta(days=days_ago)
    stage.received = min(stage.received, stage.responded)
    stage.outcome = Outcome.PARTLY_UPHELD
    stage.save()
    return stage


def follow_pages(client: Any, case: Case) -> list[tuple[str, Any]]:
    """Every state of the follow page, with its forms' errors, and the fresh link pages."""
    url = follow.follow_path(case)
    pages = [("received", lambda: client.get(url))]
    pages.append(("add-error", lambda: client.post(url + "add/", {"text": ""})))
    in_language(client, "cy")
    added = client.post(url + "add/", {"text": "Mae gen i lythyr arall."})
    pages.append(("added", lambda: client.get(added["Location"])))
    return pages


def review_pages(client: Any, case: Case) -> list[tuple[str, Any]]:
    url = follow.follow_path(case)
    return [
        ("available", lambda: client.get(url)),
        ("review-error", lambda: client.post(url + "review/", {"reasons": " "})),
    ]


# A sentence each page must show in Welsh (written out here, not from the catalogue),
# so that the comparison is known to be of the right page.
FOLLOW_WELSH = {
    "received": "Mae wedi dod i law. Byddwn yn ei gydnabod",
    "add-error": "Dywedwch wrthym beth rydych am ei ychwanegu",
    "added": "Diolch. Rydym wedi ychwanegu’r hyn a anfonoch at eich achos.",
    "too-late": "Daeth yr amser i ofyn am adolygiad i ben ar",
    "available": "Gofyn am adolygiad",
    "review-error": "Dywedwch wrthym pam rydych yn gofyn am adolygiad.",
    "asked": "Mae eich cais am adolygiad wedi dod i law.",
    "last": "Hwn oedd cam olaf gweithdrefn gwyno’r cyngor.",
    "request": "Cael dolen newydd i ddilyn eich achos",
    "request-error": "Rhowch eich cyfeirnod.",
    "asked-link": "Gwiriwch eich e-bost",
    "expired": "Mae’r ddolen hon wedi dod i ben neu nid yw’n gyflawn",
}


def assert_welsh(client: Any, name: str, call: Any, allowed: set[str]) -> None:
    english, welsh = in_both_languages(client, call)
    body = welsh.content.decode()
    assert '<html lang="cy"' in body, name
    assert FOLLOW_WELSH[name] in body.replace("&#x27;", "'"), name
    assert len(english) > 10, name
    left = [text for text in english_left(welsh, allowed) if text in english]
    assert not left, (name, left)


def test_the_follow_pages_have_no_english_left_in_welsh(
    client, services, welsh_council
):
    in_language(client, "cy")
    send_complaint(client, services)
    client.session.flush()
    case = Case.objects.get()
    allowed = FOLLOW_ALLOWED | {case.reference}
    checked = []
    for name, call in follow_pages(client, case):
        assert_welsh(client, name, call, allowed)
        checked.append(name)
    stage = _answered(case, days_ago=90)
    assert_welsh(
        client, "too-late", lambda: client.get(follow.follow_path(case)), allowed
    )
    stage.responded = timezone.localdate()
    stage.save()
    for name, call in review_pages(client, case):
        assert_welsh(client, name, call, allowed)
        checked.append(name)
    in_language(client, "cy")
    asked = client.post(
        follow.follow_path(case) + "review/", {"reasons": "Nid wyf yn fodlon."}
    )
    assert_welsh(client, "asked", lambda: client.get(asked["Location"]), allowed)
    assert case.stages.count() == 2
    _answered(case)  # stage 2 answered: the last stage, the Ombudsman next
    last = client.get(follow.follow_path(case)).content.decode()
    assert "Yr Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol" in last
    assert_welsh(client, "last", lambda: client.get(follow.follow_path(case)), allowed)
    for name, call in (
        ("request", lambda: client.get("/feedback/follow/")),
        (
            "request-error",
            lambda: client.post("/feedback/follow/", {"reference": "", "email": ""}),
        ),
        ("asked-link", lambda: client.get("/feedback/follow/asked/")),
        ("expired", lambda: client.get("/feedback/follow/nonsense/")),
    ):
        assert_welsh(client, name, call, allowed)
        checked.append(name)
    assert len(checked) == 9


def test_the_fresh_link_email_is_in_the_case_language(
    client, services, welsh_council, django_capture_on_commit_callbacks
):
    in_language(client, "cy")
    send_complaint(client, services)
    case = Case.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/feedback/follow/",
            {"reference": case.reference, "email": case.contact_email},
        )
    sent = NotificationEmail.objects.get(kind=NotificationLog.Kind.FOLLOW_LINK)
    assert sent.subject == f"Eich dolen i ddilyn {case.reference}"
    assert sent.body.startswith(
        f"Gofynnoch am ddolen newydd i ddilyn {case.reference}.\n\nAgorwch y ddolen"
    )
    assert "\\n" not in sent.body  # line breaks, not backslashes
    assert "You asked" not in sent.body
