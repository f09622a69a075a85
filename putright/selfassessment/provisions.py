"""The Complaint Handling Code's provisions, sections 1 to 9, as the self-assessment lists them.

docs/regulatory-rules.md §1.8: the LGSCO's and the Housing Ombudsman's Codes have the same nine
sections; each provision is listed once, with its number in each Code (`lgsco`, `ho`; blank
where that Code has no such provision), a summary of the requirement in our words (the
council's form quotes the Code itself), and the evidence measures from
`putright.statistics.code_evidence` that bear on it. `number` is the stable key the
council's answers are stored against.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Provision:
    number: str
    section: int
    lgsco: str
    ho: str
    summary: str
    evidence: tuple[str, ...] = ()


SECTIONS = {
    1: "Definition of a complaint",
    2: "Exclusions",
    3: "Accessibility and awareness",
    4: "Complaint handling staff",
    5: "The complaint handling process",
    6: "Complaint stages",
    7: "Putting things right",
    8: "Self-assessment, reporting and compliance",
    9: "Scrutiny and oversight",
}

# The evidence measures, in the order the pages show them, with their headings.
EVIDENCE = {
    "service_requests": "Service requests recorded and complaints grown from one",
    "exclusions": "Complaints not accepted, by reason",
    "acknowledged": "Acknowledged within 5 working days",
    "stage1": "Stage 1 answered within 10 working days",
    "stage2": "Stage 2 answered within 20 working days",
    "extensions": "Extensions: number, reason, length and cap",
    "escalations": "Escalation requests accepted and refused",
    "final_letters": "Ombudsman's details in final responses",
    "remedies": "Remedies delivered by the date promised",
    "learning": "Learning actions completed on time",
}

PROVISIONS: tuple[Provision, ...] = (
    Provision(
        "1.1",
        1,
        "1.4",
        "1.2",
        "A complaint is an expression of dissatisfaction, however made, about the standard of service, actions or lack of action.",
        ("service_requests",),
    ),
    Provision(
        "1.2",
        1,
        "1.5",
        "1.3",
        "Residents need not use the word complaint; where dissatisfaction is expressed, the choice to complain is offered.",
        ("service_requests",),
    ),
    Provision(
        "1.3",
        1,
        "1.8",
        "1.4",
        "Service requests are recorded, monitored and reviewed regularly, and told apart from complaints in the policy.",
        ("service_requests",),
    ),
    Provision(
        "1.4",
        1,
        "1.7",
        "1.5",
        "A complaint can be made while a service request about the same matter is still being handled.",
        ("service_requests",),
    ),
    Provision(
        "2.1",
        2,
        "2.1",
        "2.1",
        "A complaint is accepted unless there is a valid reason not to, evidenced and considered case by case.",
        ("exclusions",),
    ),
    Provision(
        "2.2",
        2,
        "2.3",
        "2.2",
        "The policy sets out the reasonable circumstances in which a complaint is not accepted.",
        ("exclusions",),
    ),
    Provision(
        "2.3",
        2,
        "2.4",
        "2.4",
        "A refusal is explained in writing, with the right to take the decision to the Ombudsman.",
        ("exclusions",),
    ),
    Provision(
        "2.4",
        2,
        "2.5",
        "",
        "No blanket exclusions that would deny redress.",
        ("exclusions",),
    ),
    Provision(
        "3.1",
        3,
        "3.1",
        "3.1",
        "Complaining is accessible to all, in more than one way, with reasonable adjustments made and recorded.",
        (),
    ),
    Provision(
        "3.2",
        3,
        "3.3",
        "3.3",
        "The complaints policy and how to complain are published and easy to find.",
        (),
    ),
    Provision(
        "3.3",
        3,
        "3.5",
        "3.5",
        "Residents are told of the right to go to the Ombudsman and may ask for a representative's help.",
        (),
    ),
    Provision(
        "4.1",
        4,
        "4.1",
        "4.1",
        "A person or team is responsible for complaint handling, with access to staff at every level.",
        (),
    ),
    Provision(
        "4.2",
        4,
        "4.3",
        "4.3",
        "Complaint handling staff are trained and given the time and authority to resolve complaints.",
        (),
    ),
    Provision(
        "5.1",
        5,
        "5.1",
        "5.1",
        "A single complaints policy with two stages; nobody is treated less favourably for complaining.",
        ("escalations",),
    ),
    Provision(
        "5.2",
        5,
        "5.4",
        "5.6",
        "The complaint as understood, and the outcomes sought, are set out when it is logged.",
        ("acknowledged",),
    ),
    Provision(
        "5.3",
        5,
        "5.5",
        "",
        "If a response will be late, the resident is told when it will come and why.",
        ("extensions",),
    ),
    Provision(
        "5.4",
        5,
        "5.6",
        "",
        "Reasonable adjustments are made, recorded and reviewed.",
        (),
    ),
    Provision(
        "5.5",
        5,
        "5.12",
        "5.12",
        "A full record is kept of each complaint, its outcome at each stage and all correspondence.",
        ("final_letters",),
    ),
    Provision(
        "5.6",
        5,
        "5.14",
        "5.14",
        "Any restriction on contact for unreasonable behaviour is proportionate, explained and reviewed.",
        (),
    ),
    Provision(
        "6.1",
        6,
        "6.2",
        "6.2",
        "Stage 1 complaints are acknowledged, defined and logged within 5 working days.",
        ("acknowledged",),
    ),
    Provision(
        "6.2",
        6,
        "6.3",
        "6.3",
        "Stage 1 responses are sent within 10 working days of the acknowledgement.",
        ("stage1",),
    ),
    Provision(
        "6.3",
        6,
        "6.4",
        "6.4",
        "A stage 1 extension is at most 10 further working days without good reason, and explained.",
        ("extensions",),
    ),
    Provision(
        "6.4",
        6,
        "6.5",
        "6.5",
        "An extension notice gives the Ombudsman's contact details.",
        ("extensions",),
    ),
    Provision(
        "6.5",
        6,
        "6.6",
        "6.6",
        "A response is sent when the answer is known; outstanding actions are tracked.",
        ("learning",),
    ),
    Provision(
        "6.6",
        6,
        "6.10",
        "6.11",
        "Requests for stage 2 are acknowledged within 5 working days and refused only with reasons.",
        ("acknowledged", "escalations"),
    ),
    Provision(
        "6.7",
        6,
        "6.13",
        "6.13",
        "Stage 2 is handled by someone who did not handle stage 1.",
        ("escalations",),
    ),
    Provision(
        "6.8",
        6,
        "6.15",
        "6.15",
        "Stage 2 responses are sent within 20 working days of the acknowledgement; any extension at most 20 more.",
        ("stage2", "extensions"),
    ),
    Provision(
        "6.9",
        6,
        "6.19",
        "6.19",
        "The final response says how to go to the Ombudsman.",
        ("final_letters",),
    ),
    Provision(
        "7.1",
        7,
        "7.1",
        "7.1",
        "Where something has gone wrong it is acknowledged and put right with a suitable remedy.",
        ("remedies",),
    ),
    Provision(
        "7.2",
        7,
        "7.3",
        "7.3",
        "What will happen and by when is stated, and followed through.",
        ("remedies",),
    ),
    Provision(
        "8.1",
        8,
        "8.1",
        "8.1",
        "An annual complaints performance and service improvement report, with this self-assessment first.",
        ("exclusions",),
    ),
    Provision(
        "8.2",
        8,
        "8.2",
        "8.2",
        "The report goes to the governing body, and its response is published alongside.",
        (),
    ),
    Provision(
        "8.3",
        8,
        "8.3",
        "8.3",
        "The self-assessment is repeated after a significant restructure or change of procedure.",
        (),
    ),
    Provision(
        "9.1",
        9,
        "9.1",
        "9.1",
        "Complaints are used to learn and improve; learning is tracked to completion.",
        ("learning",),
    ),
    Provision(
        "9.2",
        9,
        "9.3",
        "9.6",
        "A member responsible for complaints oversees performance, trends and learning.",
        (),
    ),
    Provision(
        "9.3",
        9,
        "9.4",
        "9.7",
        "The governing body receives regular information on complaints and on the Ombudsman's findings.",
        (),
    ),
)

BY_NUMBER = {p.number: p for p in PROVISIONS}


def by_section() -> list[tuple[int, str, list[Provision]]]:
    return [
        (number, title, [p for p in PROVISIONS if p.section == number])
        for number, title in SECTIONS.items()
    ]
