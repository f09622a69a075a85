"""The background half of a fresh follow link: find the case, email the link if it matches.

Queued by `putright.public.services.follow_link_request` for every request, matched or not;
run by the task `putright.public.tasks.send_follow_link`.
"""

from __future__ import annotations

import hashlib

from django.utils import translation
from django.utils.translation import gettext as _

from putright.audit.services import audit_record
from putright.complaints import follow
from putright.complaints.models import Case
from putright.complaints.services.intake import PUBLIC_ACTOR
from putright.notifications.models import NotificationLog
from putright.notifications.services import public_email_queue


def follow_link_send(*, reference: str, digest: str) -> bool:
    """Email a new follow link to the case's own address when reference and address match.

    Returns whether an email was queued (never shown to the person who asked).
    """
    case = Case.objects.filter(reference=reference).first()
    if case is None or not follow.digest_matches(case, digest):
        return False
    token = follow.follow_token(case)
    with translation.override(case.language):
        subject = _("Your link to follow %(reference)s") % {"reference": case.reference}
        body = _(
            "You asked for a new link to follow %(reference)s.\n\n"
            "Open this link to see where your case stands, add information or "
            "documents, or ask for a review:\n%(url)s\n\n"
            "The link works for %(days)s days. If you did not ask for it, you can "
            "ignore this email."
        ) % {
            "reference": case.reference,
            "url": follow.follow_url(case),
            "days": follow.link_days(),
        }
    queued = public_email_queue(
        key=f"follow_link:{case.pk}:{hashlib.sha256(token.encode()).hexdigest()[:32]}",
        kind=NotificationLog.Kind.FOLLOW_LINK,
        to=case.contact_email,
        subject=subject,
        body=body,
    )
    if queued is None:  # the same link was queued a moment ago
        return False
    audit_record(
        actor=PUBLIC_ACTOR,
        verb="case.follow_link_sent",
        target=case,
        case=case,
        after={"email": queued.pk},
    )
    return True
