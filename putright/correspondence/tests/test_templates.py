"""The council's own templates: refused when they would not work, used when saved."""

import datetime as dt

import pytest

from putright.audit.models import AuditEvent
from putright.complaints.constants import Language
from putright.complaints.tests.factories import CaseFactory, StageFactory, procedure
from putright.core.errors import ServiceError
from putright.correspondence import documents
from putright.correspondence.kinds import LetterKind
from putright.correspondence.models import LetterTemplate
from putright.correspondence.services import (
    letter_render,
    letter_template_check,
    letter_template_save,
    template_for,
)

ACK = LetterKind.ACKNOWLEDGEMENT


@pytest.mark.parametrize(
    ("kind", "body", "field_error"),
    [
        (
            LetterKind.ALLOCATION,
            "((reference)) ((link)) ((name))",
            "cannot use ((name))",
        ),
        (
            ACK,
            "Dear ((name)), ((reference)) by ((due)).",
            "must include ((understanding))",
        ),
        (ACK, "((reference)) ((understanding)) ((due)) {{ stage.summary }}", "{{"),
        (ACK, "((reference)) ((understanding)) ((due)) ((oops)", "(("),
        (ACK, "   ", "empty"),
    ],
)
def test_a_template_that_would_not_work_is_refused(kind, body, field_error):
    with pytest.raises(ServiceError) as refused:
        letter_template_check(kind=kind, subject="Letter ((reference))", body=body)
    assert field_error in refused.value.message
    assert refused.value.field == "body"


@pytest.mark.django_db
def test_every_default_template_passes_its_own_check():
    for kind in LetterKind:
        for language in Language:
            subject, body = template_for(kind, language)
            letter_template_check(kind=kind, subject=subject, body=body)


@pytest.mark.django_db
def test_a_saved_welsh_template_is_used_for_welsh_letters_only(alice):
    template = LetterTemplate(kind=ACK, language=Language.WELSH)
    letter_template_save(
        template=template,
        by=alice,
        subject="Eich cwyn ((reference))",
        body="Annwyl ((name)),\n\n((understanding))\n\nErbyn ((due)).\n\n((reference))",
    )
    case = CaseFactory(language=Language.WELSH, contact_name="Pat Example")
    stage = StageFactory(
        case=case,
        procedure=procedure("lgsco_code"),
        understanding="You told us nobody replied.",
        due=dt.date(2026, 6, 29),
    )
    welsh = letter_render(stage, ACK, language="cy", channel="post")
    assert welsh.subject == f"Eich cwyn {case.reference}"
    assert documents.as_text(welsh.document).startswith("Annwyl Pat Example,")
    english = letter_render(stage, ACK, language="en-gb", channel="post")
    assert "Thank you for contacting" in documents.as_text(english.document)
    event = AuditEvent.objects.get(verb="letter_template.saved")
    assert "Annwyl" not in str(event.after)


@pytest.mark.django_db
def test_the_admin_refuses_a_broken_template_and_previews_a_good_one(
    client, admin_user
):
    client.force_login(admin_user)
    url = "/admin/correspondence/lettertemplate/add/"
    page = client.get(url + "?kind=extension")
    assert "((reason))" in page.content.decode()  # starts from the default wording
    broken = {
        "kind": "extension",
        "language": "en-gb",
        "subject": "Extension",
        "body": "((name))",
    }
    response = client.post(url, broken)
    assert response.status_code == 200
    assert "The letter must include" in response.content.decode()
    assert not LetterTemplate.objects.exists()
    subject, body = template_for("extension", "en-gb")
    good = {
        **broken,
        "subject": subject,
        "body": body.replace("more time", "a little longer"),
    }
    response = client.post(url, good)
    assert response.status_code == 302, response.context["adminform"].form.errors
    saved = LetterTemplate.objects.get()
    assert saved.updated_by == admin_user
    change = client.get(f"/admin/correspondence/lettertemplate/{saved.pk}/change/")
    html = change.content.decode()
    assert "We are waiting for the contractor" in html  # the preview's made-up reason
    assert "a little longer" in html
