"""Which tables the export of everything holds, in the order they are loaded again.

docs/export-everything.md lists them with what each holds and what is left out. A table is
named by its database table. Left out on purpose: secrets (passwords, API tokens, second-
factor devices), work in progress of the machinery (sessions, lockouts, queued tasks,
report and import runs, pending uploads, spent form tokens) and what is derived from the
rest (the monthly roll-up, rebuilt after an import; content types and permissions, made by
`putright migrate`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db import models


@dataclass(frozen=True)
class Table:
    label: str  # app_label.ModelName (an automatic many-to-many table: app.Model_field)
    # Columns never written out (secrets, caches); loaded back as their import default.
    leave_out: tuple[str, ...] = ()
    # `putright migrate` fills this table; an import replaces those rows with the export's.
    seeded: bool = False
    notes: str = field(default="", compare=False)

    @property
    def model(self) -> type[models.Model]:
        app_label, name = self.label.split(".")
        if "_" in name:
            owner_name, m2m = name.split("_", 1)
            owner = apps.get_model(app_label, owner_name)
            through = owner._meta.get_field(m2m).remote_field.through
            return through
        return apps.get_model(app_label, name)

    @property
    def name(self) -> str:
        return str(self.model._meta.db_table)


TABLES: tuple[Table, ...] = (
    Table("organisation.Council"),
    Table("organisation.ClosureDay"),
    Table("organisation.Directorate"),
    Table("organisation.Team"),
    Table("accounts.User", leave_out=("password",)),
    Table("signin.SingleSignOnIdentity"),
    Table("complaints.Procedure", seeded=True),
    Table("complaints.ProcedureStage", seeded=True),
    Table("complaints.IssueNature"),
    Table("complaints.RootCause"),
    Table("complaints.ComplainantType"),
    Table("complaints.RefusalReason", seeded=True),
    Table("complaints.ReferenceSequence"),
    Table("complaints.Case"),
    # The import's digest is a cache of this database's versions: an export leaves it out
    # (the records' first re-import after a move takes the full path), and the format is
    # the same as before the digest existed.
    Table("complaints.Stage", leave_out=("import_digest",)),
    Table("complaints.Stage_issue_natures"),
    Table("complaints.Stage_root_causes"),
    Table("complaints.Remedy"),
    Table("complaints.LearningAction"),
    Table("complaints.CaseNote"),
    Table("complaints.Attachment"),
    Table("complaints.Restriction"),
    Table("ombudsman.OmbudsmanCase"),
    Table("ombudsman.Recommendation"),
    Table("ombudsman.OmbudsmanFinding"),
    Table("notifications.NotificationEmail"),
    Table("notifications.NotificationLog"),
    Table("correspondence.LetterTemplate"),
    Table("correspondence.Letter"),
    Table("publication.PublishedText"),
    Table("privacy.RetentionPolicy", seeded=True),
    Table("privacy.SubjectAccessRequest"),
    Table("privacy.SubjectAccessRequest_cases"),
    Table("privacy.LegalHold"),
    Table("privacy.RetentionRun"),
    Table("privacy.DisposalLog"),
    Table("public.PublicService"),
    Table("public.FrontDoorContact"),
    Table("public.EqualityResponse"),
    Table("inbox.InboundMessage"),
    Table("reporting.Commentary"),
    Table("statistics.BenchmarkAuthority"),
    Table("statistics.BenchmarkFigures"),
    Table("statistics.BenchmarkName"),
    Table("statistics.ContactSample"),
    Table("statistics.SampledContact"),
    Table("selfassessment.SelfAssessment"),
    Table("selfassessment.Answer"),
    Table("audit.AuditEvent"),
)


# Every other model of putright's, and why it is not exported (docs/export-everything.md).
LEFT_OUT: dict[str, str] = {
    "complaints.CalendarRecompute": "work in progress: a recomputation of deadlines",
    "transfer.ExportRun": "work in progress: exports themselves",
    "imports.ImportRun": "work in progress: import runs",
    "imports.ImportUpload": "work in progress: uploads on the Imports page",
    "statistics.MonthlyCount": "derived: the roll-up, rebuilt by the import",
    "reporting.ReportRun": "work in progress: report runs",
    "api.ApiToken": "a secret: API tokens are issued again",
    "public.PublicSubmission": "work in progress: spent form tokens",
    "public.PendingUpload": "work in progress: documents chosen on a form not yet sent",
}
