"""The front door in Welsh: the switch, every public page's text, and the language kept."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.conf import settings

from putright.complaints.models import Case
from putright.organisation.models import Council
from putright.public.models import FrontDoorContact
from putright.public.tests.journeys import COMPLAINT, token

pytestmark = pytest.mark.django_db

WELSH_COUNCIL = "Cyngor Bwrdeistref Demo"
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
        if step not in ("adjustments", "equality"):
            pages.append(client.post(path, {}))  # the page with its error messages
        response = client.post(path, answers[step], follow=True)
        assert "govuk-error-summary" not in response.content.decode(), step
    pages.append(response)
    sent = client.post(
        "/feedback/complaint/check/", {"token": token(response), "website": ""}
    )
    pages.append(client.get(sent["Location"]))
    return pages


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
