"""A Welsh letter is Welsh: no English phrase of the same letter in English is left in it.

Each kind of letter to the complainant is rendered twice for the same stage, in English and
in Welsh. Every pair of neighbouring English words in the English letter (and every
one-word line, such as a remedy type) must be absent from the Welsh letter, apart from what
is the same in both languages: names, references, addresses, email addresses and websites,
and what the officer typed into the case (it is kept as typed).
"""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from putright.complaints.constants import Language, Outcome, StageStatus
from putright.complaints.models import Stage
from putright.complaints.tests.factories import StageFactory, procedure
from putright.correspondence import documents
from putright.correspondence.kinds import SPECS, Audience, LetterKind
from putright.correspondence.services import _email_body, letter_render
from putright.correspondence.tests.test_letters_render import (
    STAFF_SUMMARY,
    _case,
    _respond,
)

WELSH_COUNCIL = "Cyngor Bwrdeistref Demo"
# What the officer wrote into the case (test_letters_render's scenario): kept as typed.
TYPED = (
    "You told us nobody replied about your son's plan.",
    "Policy 4.2 says we reply within 10 days.",
    "£50 for the time and trouble.",
    "Check replies weekly",
    "We are waiting for the school's records.",
    "A reply and an apology.",
)
# The same in both languages: people, places, addresses and the Ombudsmen's contacts.
SAME_IN_BOTH = (
    "Sam Advocate",
    "Bob Officer",
    "1 High Street",
    "Townsville AB1 2CD",
    "bob@council.example",
    "complaints@council.example",
    "PO Box 4771, Coventry CV4 0EH",
    "www.lgo.org.uk",
    "www.ombudsman.wales",
    "1 Ffordd yr Hen Gae, Pencoed CF35 5LJ",
    *TYPED,
)
# Words that are Welsh too.
WELSH_TOO = {"Post"}
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _without_what_is_the_same(text: str) -> str:
    for same in sorted(SAME_IN_BOTH, key=len, reverse=True):
        text = text.replace(same, "\n")
    text = re.sub(r"https?://\S+", "\n", text)  # the follow link
    return re.sub(r"\b[A-Z]{3}-[\d-]+\b", "\n", text)  # references


def english_phrases(text: str) -> set[str]:
    """Pairs of neighbouring words, and lone words on a line, of the English letter."""
    text = _without_what_is_the_same(text)
    phrases: set[str] = set()
    for piece in re.split(r"[\n.,:;()]+", text):
        words = WORD.findall(piece)
        if len(words) == 1 and len(words[0]) > 3 and words[0] not in WELSH_TOO:
            phrases.add(words[0])
        phrases.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return phrases


def english_left(english: str, welsh: str) -> list[str]:
    welsh = _without_what_is_the_same(welsh)
    return sorted(
        phrase
        for phrase in english_phrases(english)
        if re.search(rf"(?<![\w’'-]){re.escape(phrase)}(?![\w’'-])", welsh)
    )


def test_the_check_finds_english_left_in_a_welsh_text():
    english = "Dear Sam Advocate,\n\n# Our decision\n\nApology\n\nYours sincerely,"
    welsh = "Annwyl Sam Advocate,\n\n# Ein penderfyniad\n\nApology\n\nYours sincerely,"
    assert english_left(english, welsh) == ["Apology", "Yours sincerely"]
    assert english_left(english, "Annwyl Sam Advocate,\n\n# Ein penderfyniad") == []


def _stage(case, code: str, *, number: int = 1, handler=None) -> Stage:
    return StageFactory(
        case=case,
        procedure=procedure(code),
        number=number,
        status=StageStatus.IN_PROGRESS,
        received=dt.date(2026, 6, 1),
        acknowledged=dt.date(2026, 6, 2),
        acknowledge_due=dt.date(2026, 6, 8),
        due=dt.date(2026, 6, 29),
        summary=STAFF_SUMMARY,
        understanding=TYPED[0],
        extended_to=dt.date(2026, 7, 13),
        extension_reason=TYPED[4],
        handler=handler,
    )


def _letters(bob, code: str):
    """(name, stage, kind) for every kind of letter to the complainant."""
    case = _case(full=True, language=Language.WELSH)
    one = _stage(case, code, handler=bob)
    out = [("acknowledgement", one, LetterKind.ACKNOWLEDGEMENT)]
    out.append(("extension", one, LetterKind.EXTENSION))
    _respond(one, outcome=Outcome.PARTLY_UPHELD)
    out.append(("response-stage-1", one, LetterKind.RESPONSE))
    two = _stage(case, code, number=2)
    out.append(("escalation", two, LetterKind.ESCALATION_ACKNOWLEDGEMENT))
    _respond(two, outcome=Outcome.NOT_UPHELD, remedies=False, actions=False)
    out.append(("response-final", two, LetterKind.RESPONSE))
    return out


@pytest.fixture
def welsh_council(council):
    council.name_cy = WELSH_COUNCIL
    council.save()
    return council


@pytest.mark.parametrize("code", ["psow_model", "lgsco_code"])
def test_every_letter_to_the_complainant_has_no_english_left_in_welsh(
    bob, welsh_council, code
):
    bob.first_name, bob.last_name, bob.email = "Bob", "Officer", "bob@council.example"
    bob.save()
    seen = set()
    for name, stage, kind in _letters(bob, code):
        english = letter_render(stage, kind, language="en-gb", channel="email")
        welsh = letter_render(stage, kind, language="cy", channel="email")
        english_text = documents.as_text(english.document)
        welsh_text = documents.as_text(welsh.document)
        for part in ("Yours sincerely", "Dear Sam Advocate"):  # the check has work
            assert part in english_text, name
        left = english_left(english_text, welsh_text)
        left += english_left(english.subject, welsh.subject)
        assert not left, (name, left, welsh_text)
        # The letterhead and sign-off name the council in Welsh.
        assert welsh.document.council == WELSH_COUNCIL
        assert "Demo Borough Council" not in welsh_text
        assert stage.case.reference in welsh.subject
        assert welsh.document.headings == {
            "reference": "Ein cyfeirnod",
            "date": "Dyddiad",
        }
        seen.add(kind)
    assert seen == {
        k for k, spec in SPECS.items() if spec.audience == Audience.COMPLAINANT
    }


def test_a_welsh_response_names_remedies_and_decision_in_welsh(bob, welsh_council):
    letters = {name: (stage, kind) for name, stage, kind in _letters(bob, "psow_model")}
    stage, kind = letters["response-stage-1"]
    text = documents.as_text(
        letter_render(stage, kind, language="cy", channel="post").document
    )
    # Written out here, not taken from the catalogue: what a Welsh reader should see.
    assert "Rydym wedi cadarnhau rhan o’ch cwyn." in text
    assert "Iawndal ariannol o £50.00, erbyn 31 Gorffennaf 2026" in text
    assert "Ymddiheuriad" in text
    assert "Gweithdrefn gwyno gorfforaethol" in text  # not the procedure's English name
    assert "PSOW model" not in text
    final = documents.as_text(
        letter_render(
            *letters["response-final"], language="cy", channel="post"
        ).document
    )
    assert "Ombwdsmon Gwasanaethau Cyhoeddus Cymru" in final
    assert "12 mis" in final


def test_the_email_a_welsh_letter_goes_with_is_welsh():
    letter = SimpleNamespace(
        audience=Audience.COMPLAINANT,
        language=Language.WELSH,
        case=SimpleNamespace(reference="CMP-2026-000123"),
    )
    body = _email_body(letter, "Annwyl Priya,\n")
    assert "Mae eich llythyr wedi’i atodi fel PDF" in body
    assert "CMP-2026-000123" in body
    assert "attached" not in body
