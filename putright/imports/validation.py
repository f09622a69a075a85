"""Check one interchange row and turn it into typed values (docs/interchange-format.md §4).

Every problem in a row is reported, not just the first, as (row, column, value, reason).
Closed vocabularies must match exactly; open ones (issue natures, root causes, complainant
types, refusal reasons) and directorates and teams are only tidied here and created by the
writer. Checks that need other rows (duplicates, one kind per reference) live in the
service, which sees the whole run.

Hand-written rather than a Django form per row: a form costs far more per row than the import
budget of 50 microseconds allows (see docs/adr/0002-import-audit-and-speed.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from putright.complaints import deadlines
from putright.complaints.constants import Channel, Kind, Ombudsman, Outcome, RemedyType
from putright.core.inputs import control_character, date_out_of_range, visible
from putright.imports.columns import SEPARATOR
from putright.imports.results import ImportProblem
from putright.ombudsman.models import DECISIONS_BY_OMBUDSMAN

KINDS = frozenset(Kind.values)
OUTCOMES = frozenset(Outcome.values)
CHANNELS = frozenset(Channel.values)
REMEDIES = frozenset(RemedyType.values)
OMBUDSMEN = frozenset(Ombudsman.values)
DECISIONS = {code: frozenset(values) for code, values in DECISIONS_BY_OMBUDSMAN.items()}
TRUE = frozenset({"true", "yes", "1", "y"})
FALSE = frozenset({"false", "no", "0", "n", ""})
MAX_AMOUNT = Decimal("99999999.99")
REFERENCE_LENGTH = 50
LABEL_LENGTH = 200


def _choices(values: frozenset[str]) -> str:
    return ", ".join(sorted(values))


@dataclass(slots=True)
class ContactRow:
    """A valid contacts row, typed. Labels are tidied names, resolved to ids on writing."""

    number: int
    present: frozenset[str]
    reference: str
    kind: str
    stage: int
    procedure_id: int | None
    directorate: str
    team: str
    received: dt.date
    acknowledged: dt.date | None
    due: dt.date | None
    extended_to: dt.date | None
    responded: dt.date | None
    outcome: str
    refusal_reason: str
    channel: str
    complainant_type: str
    issue_natures: tuple[str, ...]
    root_causes: tuple[str, ...]
    remedies: tuple[str, ...]
    financial_remedy: Decimal | None
    learning: str
    commissioned: bool
    constituency: str
    summary: str
    # The first hash of the row's cells (putright/imports/digests.py), set by the run.
    digest: bytes = b""


@dataclass(slots=True)
class OmbudsmanRow:
    """A valid Ombudsman row, typed."""

    number: int
    present: frozenset[str]
    reference: str
    ombudsman: str
    complaint_reference: str
    directorate: str
    team: str
    category: str
    received: dt.date
    investigation: bool
    decided: dt.date | None
    decision: str
    satisfactory_remedy_by_council: bool
    remedy_amount: Decimal | None
    recommendations: int | None
    recommendations_on_time: int | None
    recommendations_late: int | None
    requirement: str
    lessons: str
    summary: str


@dataclass(frozen=True)
class ProcedureInfo:
    pk: int
    rule: deadlines.ProcedureRule


def tidy_label(value: str) -> str:
    """A label as stored: single spaces, no leading or trailing space."""
    return " ".join(value.split())


def _folded(value: str) -> str:
    """A closed-vocabulary word as written loosely (`Partly Upheld`) in our spelling."""
    return value.lower().replace(" ", "_").replace("-", "_")


def _label_parts(value: str) -> Iterator[str]:
    """The tidied, non-blank labels of a several-values cell."""
    for part in value.split(SEPARATOR):
        label = tidy_label(part)
        if label:
            yield label


def _once_each(labels: Iterable[str]) -> tuple[str, ...]:
    """Labels in order, a repeat (in any case) counted once."""
    found: dict[str, str] = {}
    for label in labels:
        found.setdefault(label.casefold(), label)
    return tuple(found.values())


class RowChecker:
    """Shared cell parsers; each records a problem and returns None when a cell is bad."""

    def __init__(self, *, source: str, date_formats: list[str]) -> None:
        self.source = source
        self.date_formats = date_formats
        self.today = timezone.localdate()
        self.problems: list[ImportProblem] = []
        # Cells repeat a great deal (a few thousand dates, a few hundred labels in a
        # million rows): each good cell text is parsed once and then looked up. Only values
        # that passed every check are remembered, so a bad cell is reported every time.
        self._good_dates: dict[str, dt.date] = {}
        self._good_labels: dict[str, str] = {}
        self._good_label_lists: dict[str, tuple[str, ...]] = {}
        # Every row of a source has the same columns: one frozenset shared by all.
        self._present: frozenset[str] = frozenset()

    def present(self, row: dict[str, str]) -> frozenset[str]:
        """The row's columns, as the writer reads them (shared while they repeat)."""
        if row.keys() != self._present:
            self._present = frozenset(row)
        return self._present

    def problem(self, number: int, column: str, value: str, message: str) -> None:
        self.problems.append(ImportProblem(number, column, value, message, self.source))

    def date(self, number: int, row: dict[str, str], column: str) -> dt.date | None:
        """A date cell, refused when unreadable or outside 1990 to a year ahead of today."""
        text = row.get(column, "")
        if not text:
            return None
        known = self._good_dates.get(text)
        if known is not None:
            return known
        found = self._read_date(number, row, column)
        if found is None:
            return None
        problem = date_out_of_range(found, self.today)
        if problem:
            self.problem(
                number, column, row.get(column, ""), problem[0].lower() + problem[1:]
            )
            return None
        self._good_dates[text] = found
        return found

    def _read_date(
        self, number: int, row: dict[str, str], column: str
    ) -> dt.date | None:
        value = row.get(column, "")
        if not value:
            return None
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                digits = value[:4] + value[5:7] + value[8:]
                if digits.isascii() and digits.isdigit():
                    self.problem(number, column, value, "there is no such date.")
                    return None
        for fmt in self.date_formats:
            try:
                return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007
            except ValueError:
                continue
        if len(value) == 19 and value.endswith(" 00:00:00"):
            return self._read_date(number, {column: value[:10]}, column)
        expected = "YYYY-MM-DD" + "".join(f" or {fmt}" for fmt in self.date_formats)
        self.problem(
            number,
            column,
            value,
            f"not a date in the form {expected}, or there is no such date.",
        )
        return None

    def boolean(self, number: int, row: dict[str, str], column: str) -> bool:
        value = row.get(column, "")
        folded = value.lower()
        if folded in TRUE:
            return True
        if folded not in FALSE:
            self.problem(number, column, value, "use true or false (or yes/no, 1/0).")
        return False

    def amount(self, number: int, row: dict[str, str], column: str) -> Decimal | None:
        value = row.get(column, "")
        if not value:
            return None
        text = value.replace(",", "").removeprefix("£").strip()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            self.problem(
                number, column, value, "not an amount in pounds, such as 250.00."
            )
            return None
        if amount < 0:
            self.problem(number, column, value, "an amount cannot be negative.")
            return None
        if amount.as_tuple().exponent < -2:  # type: ignore[operator]
            self.problem(
                number, column, value, "an amount in pounds has at most 2 decimals."
            )
            return None
        if amount > MAX_AMOUNT:
            self.problem(number, column, value, "the amount is too large.")
            return None
        return amount.quantize(Decimal("0.01"))

    def count(self, number: int, row: dict[str, str], column: str) -> int | None:
        value = row.get(column, "")
        if not value:
            return None
        if not value.isdigit() or len(value) > 9:
            self.problem(number, column, value, "use a whole number of 0 or more.")
            return None
        return int(value)

    def within_length(self, number: int, column: str, value: str) -> bool:
        if len(value) <= LABEL_LENGTH:
            return True
        self.problem(number, column, value, f"longer than {LABEL_LENGTH} characters.")
        return False

    def label(self, number: int, row: dict[str, str], column: str) -> str:
        text = row.get(column, "")
        known = self._good_labels.get(text)
        if known is not None:
            return known
        value = tidy_label(text)
        if not self.within_length(number, column, value):
            return ""
        self._good_labels[text] = value
        return value

    # What the parsers make of a cell, recording nothing: for rows known to be good
    # (a re-import's unchanged rows, putright/imports/digests.py), whose cells an earlier
    # run checked. A cell that would be refused reads as blank or as its tidied text.

    def peek_label(self, text: str) -> str:
        known = self._good_labels.get(text)
        return known if known is not None else tidy_label(text)

    def peek_labels(self, value: str) -> tuple[str, ...]:
        if not value:
            return ()
        known = self._good_label_lists.get(value)
        if known is not None:
            return known
        return _once_each(_label_parts(value))

    @staticmethod
    def peek_choice(value: str, allowed: Container[str]) -> str:
        return value if value in allowed else _folded(value)

    def labels(self, number: int, row: dict[str, str], column: str) -> tuple[str, ...]:
        value = row.get(column, "")
        if not value:
            return ()
        known = self._good_label_lists.get(value)
        if known is not None:
            return known
        before = len(self.problems)
        labels = _once_each(
            label
            for label in _label_parts(value)
            if self.within_length(number, column, label)
        )
        if len(self.problems) == before:
            self._good_label_lists[value] = labels
        return labels

    def choice(
        self,
        number: int,
        row: dict[str, str],
        column: str,
        allowed: frozenset[str],
        *,
        required: bool = False,
    ) -> str:
        value = row.get(column, "")
        if not value:
            if required:
                self.problem(number, column, value, "required.")
            return ""
        if value in allowed:
            return value
        folded = _folded(value)
        if folded in allowed:
            return folded
        self.problem(number, column, value, f"not one of {_choices(allowed)}.")
        return ""

    def reference(self, number: int, row: dict[str, str], column: str) -> str:
        value = row.get(column, "")
        if not value:
            self.problem(number, column, value, "required.")
        elif len(value) > REFERENCE_LENGTH:
            self.problem(
                number,
                column,
                value,
                f"a reference has at most {REFERENCE_LENGTH} characters.",
            )
            return ""
        return value

    def extra_cells(self, number: int, row: dict[str, str]) -> None:
        if "\x00extra" in row:
            self.problem(
                number, "", "", "the row has more cells than the header has columns."
            )
        # NUL is stored by SQLite but refused by PostgreSQL: refused here on both. One search
        # over the whole row keeps the clean row's cost to a single scan.
        if control_character("\n".join(row.values())) is None:
            return
        for column, value in row.items():
            if column.startswith("\x00"):
                continue
            code = control_character(value)
            if code:
                self.problem(
                    number,
                    column,
                    visible(value)[:100],
                    f"the cell contains a hidden control character ({code}): remove "
                    "it; text can hold tabs and line breaks but no other control "
                    "character.",
                )


class ContactChecker(RowChecker):
    """Checks rows of the contacts table (docs/interchange-format.md §4.1)."""

    def __init__(
        self,
        *,
        source: str,
        date_formats: list[str],
        procedures: dict[str, ProcedureInfo],
    ) -> None:
        super().__init__(source=source, date_formats=date_formats)
        self.procedures = procedures

    def check(self, number: int, row: dict[str, str]) -> ContactRow | None:
        """The typed row, or None after recording every problem it has."""
        before = len(self.problems)
        self.extra_cells(number, row)
        reference = self.reference(number, row, "reference")
        kind = self.choice(number, row, "kind", KINDS, required=True)
        stage, procedure = self._stage_and_procedure(number, row, kind)
        directorate = self.label(number, row, "directorate")
        if not directorate and not row.get("directorate"):
            self.problem(number, "directorate", "", "required.")
        team = self.label(number, row, "team")
        received, acknowledged, due, extended_to, responded = self._dates(number, row)
        outcome = self.choice(number, row, "outcome", OUTCOMES)
        refusal_reason = self.label(number, row, "refusal_reason")
        channel = self.choice(number, row, "channel", CHANNELS)
        complainant_type = self.label(number, row, "complainant_type")
        issue_natures = self.labels(number, row, "issue_natures")
        root_causes = self.labels(number, row, "root_causes")
        remedies = self._remedies(number, row)
        financial_remedy = self.amount(number, row, "financial_remedy")
        commissioned = self.boolean(number, row, "commissioned")
        constituency = row.get("constituency", "").strip()
        if kind == Kind.MP_ENQUIRY and not constituency:
            self.problem(
                number, "constituency", "", "an MP enquiry needs its constituency."
            )
        self.within_length(number, "constituency", constituency)
        if len(self.problems) > before:
            return None
        return ContactRow(
            number=number,
            present=self.present(row),
            reference=reference,
            kind=kind,
            stage=stage,
            procedure_id=procedure.pk if procedure else None,
            directorate=directorate,
            team=team,
            received=received,  # type: ignore[arg-type]
            acknowledged=acknowledged,
            due=due,
            extended_to=extended_to,
            responded=responded,
            outcome=outcome,
            refusal_reason=refusal_reason,
            channel=channel,
            complainant_type=complainant_type,
            issue_natures=issue_natures,
            root_causes=root_causes,
            remedies=remedies,
            financial_remedy=financial_remedy,
            learning=row.get("learning", ""),
            commissioned=commissioned,
            constituency=constituency,
            summary=row.get("summary", ""),
        )

    def _stage_and_procedure(
        self, number: int, row: dict[str, str], kind: str
    ) -> tuple[int, ProcedureInfo | None]:
        """A complaint names its procedure and one of its stages; nothing else does."""
        if kind == Kind.COMPLAINT:
            procedure = self._procedure(number, row.get("procedure", ""))
            return self._complaint_stage(number, row.get("stage", ""), procedure)
        if kind:
            self._no_stage_or_procedure(number, row)
        return 1, None

    def _procedure(self, number: int, code: str) -> ProcedureInfo | None:
        if not code:
            self.problem(number, "procedure", "", "a complaint needs its procedure.")
            return None
        procedure = self.procedures.get(code) or self.procedures.get(code.lower())
        if procedure is None:
            self.problem(
                number,
                "procedure",
                code,
                "unknown procedure: use one of "
                + ", ".join(sorted(self.procedures))
                + ".",
            )
        return procedure

    def _complaint_stage(
        self, number: int, stage_text: str, procedure: ProcedureInfo | None
    ) -> tuple[int, ProcedureInfo | None]:
        if not stage_text:
            self.problem(number, "stage", "", "a complaint needs its stage.")
            return 1, procedure
        if stage_text not in ("1", "2", "3"):
            self.problem(number, "stage", stage_text, "use 1, 2 or 3.")
            return 1, procedure
        stage = int(stage_text)
        if procedure and stage not in procedure.rule.stage_numbers:
            self.problem(
                number,
                "stage",
                stage_text,
                f"procedure {procedure.rule.code} has no stage {stage}.",
            )
        return stage, procedure

    def _no_stage_or_procedure(self, number: int, row: dict[str, str]) -> None:
        stage_text = row.get("stage", "")
        procedure_code = row.get("procedure", "")
        if stage_text not in ("", "1"):
            self.problem(
                number,
                "stage",
                stage_text,
                "only complaints have stages: leave it blank.",
            )
        if procedure_code:
            self.problem(
                number,
                "procedure",
                procedure_code,
                "only complaints follow a procedure: leave it blank.",
            )

    def _dates(self, number: int, row: dict[str, str]) -> tuple[dt.date | None, ...]:
        """Received (required), acknowledged, due, extended to and responded, in order."""
        received = self.date(number, row, "received")
        if received is None and not row.get("received"):
            self.problem(number, "received", "", "required.")
        acknowledged = self.date(number, row, "acknowledged")
        due = self.date(number, row, "due")
        extended_to = self.date(number, row, "extended_to")
        responded = self.date(number, row, "responded")
        if received and responded and responded < received:
            self.problem(
                number,
                "responded",
                row["responded"],
                f"the response cannot be before the date received ({received}).",
            )
        if received and acknowledged and acknowledged < received:
            self.problem(
                number,
                "acknowledged",
                row["acknowledged"],
                f"the acknowledgement cannot be before the date received ({received}).",
            )
        return received, acknowledged, due, extended_to, responded

    def _remedies(self, number: int, row: dict[str, str]) -> tuple[str, ...]:
        value = row.get("remedies", "")
        if not value:
            return ()
        result: list[str] = []
        for part in value.split(SEPARATOR):
            code = part.strip()
            if not code:
                continue
            folded = code.lower().replace(" ", "_")
            if folded not in REMEDIES:
                self.problem(
                    number, "remedies", code, f"not one of {_choices(REMEDIES)}."
                )
            elif folded not in result:
                result.append(folded)
        return tuple(sorted(result))


class OmbudsmanChecker(RowChecker):
    """Checks rows of the Ombudsman table (docs/interchange-format.md §4.2)."""

    def check(self, number: int, row: dict[str, str]) -> OmbudsmanRow | None:
        """The typed row, or None after recording every problem it has."""
        before = len(self.problems)
        self.extra_cells(number, row)
        reference = self.reference(number, row, "reference")
        ombudsman = self.choice(number, row, "ombudsman", OMBUDSMEN, required=True)
        complaint_reference = row.get("complaint_reference", "")
        if len(complaint_reference) > REFERENCE_LENGTH:
            self.problem(
                number,
                "complaint_reference",
                complaint_reference,
                f"a reference has at most {REFERENCE_LENGTH} characters.",
            )
        directorate = self.label(number, row, "directorate")
        team = self.label(number, row, "team")
        if team and not directorate:
            self.problem(
                number, "team", team, "a team needs its directorate in the same row."
            )
        category = tidy_label(row.get("category", ""))
        received = self.date(number, row, "received")
        if received is None and not row.get("received"):
            self.problem(number, "received", "", "required.")
        investigation = self.boolean(number, row, "investigation")
        decided = self.date(number, row, "decided")
        if received and decided and decided < received:
            self.problem(
                number,
                "decided",
                row["decided"],
                f"the decision cannot be before the date received ({received}).",
            )
        decision = ""
        if ombudsman:
            decision = self.choice(number, row, "decision", DECISIONS[ombudsman])
        satisfactory = self.boolean(number, row, "satisfactory_remedy_by_council")
        remedy_amount = self.amount(number, row, "remedy_amount")
        recommendations = self.count(number, row, "recommendations")
        on_time = self.count(number, row, "recommendations_on_time")
        late = self.count(number, row, "recommendations_late")
        if (
            recommendations is not None
            and (on_time or 0) + (late or 0) > recommendations
        ):
            self.problem(
                number,
                "recommendations",
                row.get("recommendations", ""),
                "fewer recommendations than those complied with on time and late.",
            )
        self.within_length(number, "category", category)
        if len(self.problems) > before:
            return None
        return OmbudsmanRow(
            number=number,
            present=self.present(row),
            reference=reference,
            ombudsman=ombudsman,
            complaint_reference=complaint_reference,
            directorate=directorate,
            team=team,
            category=category,
            received=received,  # type: ignore[arg-type]
            investigation=investigation,
            decided=decided,
            decision=decision,
            satisfactory_remedy_by_council=satisfactory,
            remedy_amount=remedy_amount,
            recommendations=recommendations,
            recommendations_on_time=on_time,
            recommendations_late=late,
            requirement=row.get("requirement", ""),
            lessons=row.get("lessons", ""),
            summary=row.get("summary", ""),
        )
