"""Fictitious residents for the demo council's cases, so data protection can be tried out.

The interchange files carry no personal data, so without this the demo has none to find in
a subject access request or to anonymise at the end of its retention period. Every name is
made up; email addresses use the reserved `example.org` domain, telephone numbers Ofcom's
drama range (01632 960xxx) and postcodes the unused `ZZ` area. Some people have several
cases, some have a representative, and some case notes mention other residents and staff,
as real notes do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from putright.accounts.models import User
from putright.complaints.constants import Kind
from putright.complaints.models import Attachment, Case, CaseNote, Stage

FIRST_NAMES = (
    "Amelia Olivia Isla Ava Mia Ivy Lily Freya Grace Sophia Florence Evie Rosie Willow "
    "Oliver George Noah Arthur Leo Harry Oscar Archie Henry Jack Theo Freddie Alfie "
    "Charlie Thomas Priya Aisha Zainab Fatima Mohammed Yusuf Ibrahim Chen Wei Anika "
    "Siobhan Niamh Ciaran Rhys Cerys Dylan Megan Owain Bethan Kwame Ama Tomasz Zofia "
    "Gethin Eleri Ffion Iolo Angharad Dafydd Carys Osian Nia Aled Hamza Maryam Deepak "
    "Sunita Adebayo Chiamaka Mateusz Agnieszka Ioana Andrei Farah Tariq Mei Jun"
).split()
SURNAMES = (
    "Abbott Ashdown Barraclough Blenkinsop Calloway Cheverton Dunmore Eckersley Fairbrother "
    "Gatenby Hallworth Illingworth Jessop Kettleborough Lathbury Mountford Netherwood "
    "Oakenshaw Pennington Quarrie Rowbotham Sidebottom Thackeray Umpleby Vowles Wadsworth "
    "Yardley Ackroyd Birtwistle Clegghorn Drabble Entwistle Fothergill Greenhalgh "
    "Higginbottom Inchbald Kershaw Lumb Moorhouse Nuttall Ormerod Pickersgill Ramsbottom "
    "Shufflebotham Tattersall Uttley Whitworth Okafor Adeyemi Nowak Kowalczyk Patel Begum "
    "Pritchard Llewellyn Vaughan Griffiths Prosser Bowen Howells Parry Rees Morgan "
    "Hussain Mensah Haddad Nguyen Kaur Singh Osei Popescu Ali Chowdhury"
).split()
STREETS = (
    "Mill Lane",
    "Church Street",
    "Station Road",
    "Victoria Terrace",
    "Orchard Close",
    "Queens Avenue",
    "Riverside Walk",
    "Chapel Row",
)
# Every kind of contact has a person behind it, so no list reads "Name: Not given".
PEOPLE_KINDS = tuple(Kind.values)
NOTES = (
    "Phoned {first} to talk the complaint through; {first} said {other} next door has "
    "had the same problem.",
    "Spoke to {first}. Passed the details to {staff} to check the file.",
    "Email from {first}: {other} will come to the meeting as a witness.",
)


def _moment(day: dt.date, days_later: int) -> dt.datetime:
    later = day + dt.timedelta(days=days_later)
    return timezone.make_aware(dt.datetime.combine(later, dt.time(10, 30)))


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    phone: str
    address: str


def _postcode(rng: random.Random) -> str:
    return (
        f"ZZ{rng.randint(1, 9)} {rng.randint(1, 9)}"
        f"{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTUWXY')}"
    )


def demo_person(rng: random.Random) -> Person:
    """One fictional resident (reserved email domain, drama phone range, ZZ postcode)."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    return Person(
        name=f"{first} {last}",
        email=f"{first}.{last}@example.org".lower(),
        phone=f"01632 960{rng.randint(0, 999):03d}",
        address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}, Demotown {_postcode(rng)}",
    )


def _people(rng: random.Random, count: int) -> list[Person]:
    people: list[Person] = []
    seen: set[tuple[str, str]] = set()
    count = min(count, len(FIRST_NAMES) * len(SURNAMES) // 2)  # names stay findable
    while len(people) < count:
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        if (first, last) in seen:
            continue
        seen.add((first, last))
        postcode = f"ZZ{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTUWXY')}"
        people.append(
            Person(
                name=f"{first} {last}",
                email=f"{first}.{last}@example.org".lower(),
                phone=f"01632 960{rng.randint(0, 999):03d}",
                address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}, Demotown {postcode}",
            )
        )
    return people


def demo_people_assign(rng: random.Random) -> dict[str, int]:
    """Give the demo's contacts fictitious people, notes that name others, and a few files."""
    cases = list(
        Case.objects.filter(kind__in=PEOPLE_KINDS, contact_email="").order_by(
            "reference"
        )
    )
    if not cases:
        return {"cases": 0, "notes": 0, "attachments": 0}
    people = _people(rng, max(1, len(cases) // 4))
    for case in cases:
        person = rng.choice(people)
        case.contact_name, case.contact_email = person.name, person.email
        case.contact_phone, case.contact_address = person.phone, person.address
        if case.kind == Kind.COMPLAINT and rng.random() < 0.08:
            case.representative_name = rng.choice(people).name
    Case.objects.bulk_update(
        cases,
        [
            "contact_name",
            "contact_email",
            "contact_phone",
            "contact_address",
            "representative_name",
        ],
        batch_size=1000,
    )
    staff = list(User.objects.exclude(last_name="").order_by("username"))
    author = staff[0] if staff else None
    complaints = [case for case in cases if case.kind == Kind.COMPLAINT]
    notes = []
    for case in complaints:
        if rng.random() < 0.15:
            text = rng.choice(NOTES).format(
                first=case.contact_name.split()[0],
                other=rng.choice(people).name,
                staff=rng.choice(staff).get_full_name() if staff else "the team",
            )
            notes.append(CaseNote(case=case, author=author, text=text))
    CaseNote.objects.bulk_create(notes, batch_size=1000)
    # Notes and files belong to the time of the case, not to the day the demo was loaded
    # (they count as activity for the retention period).
    received = dict(
        Stage.objects.filter(number=1, case__in=complaints).values_list(
            "case_id", "received"
        )
    )
    for note in notes:
        note.created_at = _moment(received[note.case_id], rng.randint(1, 10))
    CaseNote.objects.bulk_update(notes, ["created_at"], batch_size=1000)
    attached = 0
    for case in complaints[:: max(1, len(complaints) // 40)]:
        body = f"Dear council,\n\nI am writing about my complaint {case.reference}.\n\n{case.contact_name}\n"
        attachment = Attachment(
            case=case,
            original_name="email-from-complainant.txt",
            content_type="text/plain",
            size=len(body.encode()),
            sha256=hashlib.sha256(body.encode()).hexdigest(),
            description="Email from the complainant",
            uploaded_by=author,
        )
        attachment.file.save("upload", ContentFile(body.encode()), save=False)
        attachment.save()
        Attachment.objects.filter(pk=attachment.pk).update(
            created_at=_moment(received[case.pk], 2)
        )
        attached += 1
    return {"cases": len(cases), "notes": len(notes), "attachments": attached}
