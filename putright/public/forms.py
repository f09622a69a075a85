"""The front door's questions, one thing per page. Validation and cleaning only."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from putright.core.forms import GovukForm
from putright.public.models import EQUALITY_QUESTIONS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Long enough for a detailed complaint (about 1,500 words), short enough to read.
LONG_TEXT_MAX = 10_000
SHORT_TEXT_MAX = 200
# Text that opens an HTML or XML tag, a comment or a script: "<b", "</", "<!", "<?".
_MARKUP = re.compile(r"<\s*[/!?a-zA-Z]")
# Digits, spaces and the punctuation people type in phone numbers.
_PHONE = re.compile(r"^\+?[0-9 ()\-]{7,20}$")

UNSURE = "unsure"


def refuse_markup(value: Any) -> None:
    """A resident's text is kept as they typed it, never as HTML: markup is refused."""
    if isinstance(value, str) and _MARKUP.search(value):
        raise ValidationError(
            _(
                "Remove the angle brackets (< and >) around words: the form does not "
                "accept HTML or other markup."
            ),
            code="markup",
        )


def _text(
    label: StrOrPromise,
    *,
    required: bool = True,
    max_length: int = SHORT_TEXT_MAX,
    help_text: StrOrPromise = "",
    textarea: bool = False,
    **attrs: Any,
) -> forms.CharField:
    widget = (
        forms.Textarea(attrs={"rows": 8, **attrs})
        if textarea
        else forms.TextInput(attrs=attrs)
    )
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=widget,
        validators=[refuse_markup],
    )


class PublicForm(GovukForm):
    """A public question page: the specific required messages are set per field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # A textarea's maxlength attribute would cut pasted text silently; the
            # server's message says how much is too much instead.
            field.widget.attrs.pop("maxlength", None)
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = str(
                    _(
                        "The answer to “{label}” must be %(limit_value)s characters "
                        "or fewer: it has %(show_value)s."
                    )
                ).format(label=field.label)

    def full_clean(self) -> None:
        super().full_clean()
        # Screen readers read the error with the field; the red border shows it.
        for name in self.errors:
            if name not in self.fields:
                continue
            bound, widget = self[name], self.fields[name].widget
            ids = [f"{bound.auto_id}_helptext"] if self.fields[name].help_text else []
            widget.attrs["aria-describedby"] = " ".join(
                [*ids, f"{bound.auto_id}-error"]
            )
            css = widget.attrs.get("class", "")
            for base in ("govuk-input", "govuk-textarea"):
                if base in css.split():
                    widget.attrs["class"] = f"{css} {base}--error"


class ServiceForm(PublicForm):
    service = forms.ChoiceField(
        label=_("Which service is it about?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the service it is about, or “I'm not sure”."),
            "invalid_choice": _(
                "Select one of the services listed: the one you sent is not offered."
            ),
        },
    )

    def __init__(
        self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["service"])
        field.choices = choices


class WhatHappenedForm(PublicForm):
    what_happened = _text(
        _("What happened?"),
        max_length=LONG_TEXT_MAX,
        textarea=True,
        help_text=_(
            "Tell us what went wrong, when it happened and who was involved, if you "
            "know. Do not include bank details or passwords. You can enter up to "
            "10,000 characters."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["what_happened"].error_messages["required"] = _(
            "Tell us what happened."
        )


class PutRightForm(PublicForm):
    put_right = _text(
        _("What would put things right?"),
        max_length=LONG_TEXT_MAX,
        textarea=True,
        help_text=_(
            "For example an apology, an explanation, a repair or a decision looked at "
            "again. You can enter up to 10,000 characters."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["put_right"].error_messages["required"] = _(
            "Tell us what would put things right."
        )


WHO_CHOICES = [
    ("myself", _("I am complaining for myself")),
    ("behalf", _("I am complaining on behalf of someone else, with their agreement")),
    ("advocate", _("I am an advocate or support worker")),
    ("elected", _("I am an MP or councillor acting for a constituent")),
]


class WhoForm(PublicForm):
    who = forms.ChoiceField(
        label=_("Who is making the complaint?"),
        choices=WHO_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who is making the complaint.")},
    )


class PersonForm(PublicForm):
    person_name = _text(_("Full name of the person the complaint is about"))
    relationship = _text(
        _("Your relationship to them or your organisation (optional)"),
        required=False,
        help_text=_("For example, daughter, Citizens Advice, or the office of the MP."),
    )
    consent = forms.BooleanField(
        label=_("They agree to me making this complaint for them"),
        error_messages={
            "required": _(
                "Confirm that the person agrees to you making this complaint for them."
            )
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person_name"].error_messages["required"] = _(
            "Enter the full name of the person the complaint is about."
        )


CONTACT_BY_CHOICES = [
    ("email", _("Email")),
    ("phone", _("Telephone")),
    ("post", _("Post")),
]


class ContactForm(PublicForm):
    full_name = _text(_("Your full name"), autocomplete="name")
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": _(
                "Enter an email address in the correct format, like name@example.com."
            )
        },
    )
    phone = _text(
        _("Telephone number"), required=False, max_length=20, autocomplete="tel"
    )
    address = _text(
        _("Postal address"),
        required=False,
        max_length=500,
        textarea=True,
        autocomplete="street-address",
    )
    contact_by = forms.ChoiceField(
        label=_("How would you like us to contact you?"),
        choices=CONTACT_BY_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you would like us to contact you.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].error_messages["required"] = _("Enter your full name.")
        self.fields["address"].widget.attrs["rows"] = 4

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and not _PHONE.match(phone):
            raise ValidationError(
                _("Enter a telephone number, like 01632 960 001 or +44 7700 900 982."),
                code="phone",
            )
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needed = {
            "email": (
                "email",
                _("Enter your email address, so that we can email you."),
            ),
            "phone": (
                "phone",
                _("Enter your telephone number, so that we can call you."),
            ),
            "post": (
                "address",
                _("Enter your postal address, so that we can write to you."),
            ),
        }.get(data.get("contact_by", ""))
        if needed and not data.get(needed[0]) and needed[0] not in self.errors:
            self.add_error(needed[0], needed[1])
        return data


NEEDS_CHOICES = [
    ("large_print", _("Letters in large print")),
    ("easy_read", _("Letters in easy read")),
    ("bsl", _("A British Sign Language (BSL) interpreter")),
    ("call_back", _("A telephone call back instead of writing")),
    ("welsh", _("To be contacted in Welsh")),
    ("other", _("Something else")),
]


class AdjustmentsForm(PublicForm):
    needs = forms.MultipleChoiceField(
        label=_("Do you need anything to help you take part? (optional)"),
        help_text=_("Select all that apply."),
        choices=NEEDS_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    details = _text(
        _("Tell us more about what you need (optional)"),
        required=False,
        max_length=1_000,
        textarea=True,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["details"].widget.attrs["rows"] = 4

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "other" in data.get("needs", []) and not data.get("details"):
            self.add_error(
                "details", _("Tell us what you need, as you selected “Something else”.")
            )
        return data


class MessageForm(PublicForm):
    message = _text(
        _("Your message"),
        max_length=LONG_TEXT_MAX,
        textarea=True,
        help_text=_(
            "Tell us who or what it is about, and when, if you can. You can enter up "
            "to 10,000 characters."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["message"].error_messages["required"] = _("Enter your message.")


class OptionalContactForm(PublicForm):
    full_name = _text(_("Your name (optional)"), required=False, autocomplete="name")
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        max_length=254,
        help_text=_("Only if you would like a reply."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": _(
                "Enter an email address in the correct format, like name@example.com."
            )
        },
    )


class SubmitForm(PublicForm):
    """The check-your-answers page: the one-time token and the honeypot."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    # Filled in only by software that fills every field; hidden from people (see the template).
    website = forms.CharField(required=False, max_length=200)


EQUALITY_LABELS = {
    "age_band": _("What is your age?"),
    "sex": _("What is your sex?"),
    "disability": _(
        "Do you have a physical or mental health condition or illness that has lasted "
        "or is expected to last 12 months or more?"
    ),
    "ethnic_group": _("What is your ethnic group?"),
    "religion": _("What is your religion?"),
    "sexual_orientation": _(
        "Which of the following best describes your sexual orientation?"
    ),
}


class EqualityForm(PublicForm):
    """Optional equality monitoring: every question may be left unanswered."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in EQUALITY_QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=EQUALITY_LABELS[name],
                choices=choices.choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Select one of the answers listed, or none.")
                },
            )


class MultipleFileInput(forms.FileInput):
    """A file input that takes several files at once (no JavaScript needed)."""

    allow_multiple_selected = True

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"class": "govuk-file-upload", **(attrs or {})})


class MultipleFileField(forms.FileField):
    """Zero or more files; each is checked by the casework checks in the service."""

    widget = MultipleFileInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.error_messages.update(
            {
                "empty": _("The selected file is empty."),
                "invalid": _("The selected file could not be read. Choose it again."),
                "missing": _("The selected file could not be read. Choose it again."),
                "max_length": _("The selected file's name is too long. Rename it."),
            }
        )

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        single = super().clean
        return [single(upload, initial) for upload in files if upload]


DOCUMENTS_HINT = _(
    "Optional. For example letters, photographs or emails. Up to 10 files, each smaller "
    "than 10 MB: PDF, Word (.docx), Excel (.xlsx), OpenDocument text, JPEG, PNG, plain "
    "text or email (.eml)."
)


class DocumentsForm(PublicForm):
    """The complaint journey's optional documents (kept as pending uploads until sent)."""

    documents = MultipleFileField(
        label=_("Do you want to send any documents?"), help_text=DOCUMENTS_HINT
    )


class FollowAddForm(PublicForm):
    """Add information or documents to a case on its follow page."""

    text = _text(
        _("What do you want to add?"),
        max_length=LONG_TEXT_MAX,
        textarea=True,
        help_text=_(
            "Tell us anything new, or what the documents show. Do not include bank "
            "details or passwords. You can enter up to 10,000 characters."
        ),
    )
    documents = MultipleFileField(
        label=_("Documents (optional)"), help_text=DOCUMENTS_HINT
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = _(
            "Tell us what you want to add, and describe any documents."
        )
        self.fields["text"].widget.attrs["rows"] = 5


class FollowReviewForm(PublicForm):
    """Ask for the next stage of the procedure, with reasons."""

    reasons = _text(
        _("Why are you not happy with our answer?"),
        max_length=LONG_TEXT_MAX,
        textarea=True,
        help_text=_(
            "Tell us which parts of our answer you disagree with and why, and what "
            "would put things right. You can enter up to 10,000 characters."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reasons"].error_messages["required"] = _(
            "Tell us why you are asking for a review."
        )
        self.fields["reasons"].widget.attrs["rows"] = 5


class FreshLinkForm(PublicForm):
    """Ask for a new follow link: the reference and the email address on the case."""

    reference = _text(
        _("Your reference"),
        max_length=50,
        help_text=_("It is in the email we sent you, for example CMP-2026-000123."),
        spellcheck="false",
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("The address you gave us with your complaint."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _(
                "Enter an email address in the correct format, like name@example.com."
            ),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reference"].error_messages["required"] = _("Enter your reference.")

    def clean_reference(self) -> str:
        return str(self.cleaned_data.get("reference", "")).strip().upper()
