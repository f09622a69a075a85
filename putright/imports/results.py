"""What an import reports: problems per cell, counts, and what it created."""

from __future__ import annotations

from dataclasses import dataclass, field

# Enough to fix a file by; a million bad rows are counted, not all kept in memory.
MAX_PROBLEMS = 10_000


@dataclass(frozen=True)
class ImportProblem:
    """One reason a row cannot be imported: `row N, column C: value V: reason`."""

    row: int
    column: str
    value: str
    message: str
    source: str = ""

    def __str__(self) -> str:
        value = self.value if len(self.value) <= 60 else self.value[:57] + "..."
        return (
            f"row {self.row}, column {self.column or '-'}: "
            f"value {value if value else '(blank)'}: {self.message}"
        )


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportResult:
    """The outcome of an import run: problems, or counts of what was written."""

    sources: list[str] = field(default_factory=list)
    errors: list[ImportProblem] = field(default_factory=list)
    error_count: int = 0
    dry_run: bool = False
    rows_read: int = 0
    contacts: Counts = field(default_factory=Counts)
    ombudsman: Counts = field(default_factory=Counts)
    created_directorates: list[str] = field(default_factory=list)
    created_teams: list[str] = field(default_factory=list)
    created_labels: dict[str, list[str]] = field(default_factory=dict)
    linked_ombudsman: int = 0
    # Cases closed because every stage has its response and outcome.
    closed_cases: int = 0
    learning_actions: int = 0
    recommendation_items: int = 0
    checksums: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    @property
    def created(self) -> int:
        return self.contacts.created + self.ombudsman.created

    @property
    def updated(self) -> int:
        return self.contacts.updated + self.ombudsman.updated

    @property
    def unchanged(self) -> int:
        return self.contacts.unchanged + self.ombudsman.unchanged

    def add_problem(self, problem: ImportProblem) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_PROBLEMS:
            self.errors.append(problem)

    def problem_lines(self) -> list[str]:
        """Every kept problem, grouped under its file when several were read."""
        lines: list[str] = []
        several = len({p.source for p in self.errors}) > 1
        current = None
        for problem in self.errors:
            if several and problem.source != current:
                current = problem.source
                lines.append(f"{current}:")
            lines.append(("  " if several else "") + str(problem))
        hidden = self.error_count - len(self.errors)
        if hidden > 0:
            lines.append(f"... and {hidden} more problems not shown.")
        return lines

    def summary(self) -> str:
        """A plain-text report of the run for the command line and the audit trail."""
        if not self.ok:
            noun = "problem" if self.error_count == 1 else "problems"
            head = (
                f"Nothing was imported: {self.error_count} {noun} found in "
                f"{', '.join(self.sources) or 'the data'}. Correct them and import again."
            )
            return "\n".join([head, *self.problem_lines()])
        verb = "Would import" if self.dry_run else "Imported"
        lines = [
            f"{verb} {self.rows_read} rows from {', '.join(self.sources) or 'the data'}"
            + (" (dry run: nothing was saved)." if self.dry_run else "."),
            f"Contact records: {self.contacts.created} created, "
            f"{self.contacts.updated} updated, {self.contacts.unchanged} unchanged.",
            f"Ombudsman cases: {self.ombudsman.created} created, "
            f"{self.ombudsman.updated} updated, {self.ombudsman.unchanged} unchanged"
            + (
                f" ({self.linked_ombudsman} linked to complaints)."
                if self.linked_ombudsman
                else "."
            ),
        ]
        if self.closed_cases:
            lines.append(
                f"Cases closed (every stage has its response and outcome): "
                f"{self.closed_cases}."
            )
        if self.learning_actions:
            lines.append(f"Learning actions created: {self.learning_actions}.")
        if self.recommendation_items:
            lines.append(
                f"Ombudsman recommendations listed: {self.recommendation_items}."
            )
        if self.created_directorates:
            lines.append("New directorates: " + ", ".join(self.created_directorates))
        if self.created_teams:
            lines.append("New teams: " + ", ".join(self.created_teams))
        for vocabulary, labels in self.created_labels.items():
            if labels:
                lines.append(f"New {vocabulary}: " + ", ".join(labels))
        return "\n".join(lines)
