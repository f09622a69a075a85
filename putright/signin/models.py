"""Which account at the council's identity provider is which putright user."""

from django.conf import settings
from django.db import models


class SingleSignOnIdentity(models.Model):
    """One account at an OpenID provider (issuer and subject), linked to one user.

    The subject never changes for a person at their provider, unlike their email address,
    so a renamed or re-addressed officer keeps their putright account and history.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="single_sign_on_identities",
    )
    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "single sign-on identity"
        verbose_name_plural = "single sign-on identities"
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="sso_identity_unique_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.issuer}"
