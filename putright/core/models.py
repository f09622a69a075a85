"""Abstract bases shared by every app."""

from django.db import models

from putright.core.presentation import vocabulary_label


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VocabularyItem(models.Model):
    """A label in a configurable vocabulary (issue natures, root causes, ...)."""

    name = models.CharField(max_length=200, unique=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return vocabulary_label(self.name)


class BackgroundRun(TimeStampedModel):
    """A piece of background work a user or a job asked for, filled in by a task.

    Claimed once by `putright.core.tasks.run_claim`; `error` is a message for the user
    (never a traceback); `attempts` counts tries of work that is retried.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    # Shown when the worker stopped (power cut, kill -9) while doing this; None for work
    # that must not be failed and redone blindly (an email may already have gone).
    stalled_message: str | None = (
        "The background worker stopped while doing this, so it did not finish. "
        "Nothing was changed; ask for it again."
    )

    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
