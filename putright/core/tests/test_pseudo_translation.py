"""The pseudo-Welsh catalogue the translation tests rely on: it finds unmarked text."""

import gettext

from putright.core.tests.pseudo_translation import (
    Entry,
    read_po,
    untranslated,
    visible_text,
    write_pseudo_mo,
)

HEADER = (
    "Content-Type: text/plain; charset=UTF-8\n"
    "Plural-Forms: nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : "
    "(n != 8 && n != 11) ? 2 : 3;\n"
)


def test_english_outside_the_brackets_is_reported():
    html = "<p>[Dear Pat Example,]</p><p>Thank you.</p><style>p { color: red; }</style>"
    assert untranslated(visible_text(html), ["Pat Example"]) == ["Thank", "you"]


def test_record_data_and_nested_translations_are_not_reported():
    text = (
        "[Sam, [on behalf of] Pat]\nPat says the bins were missed.\n[Date: 1 Mai 2026]"
    )
    assert untranslated(text, ["Pat says the bins were missed."]) == []


def test_pseudo_catalogue_brackets_plain_context_and_plural_strings(tmp_path):
    entries = [
        Entry(msgid="", msgstr=HEADER),
        Entry(msgid="Why"),
        Entry(msgid="May", msgctxt="month"),
        Entry(msgid="%(count)s day", msgid_plural="%(count)s days"),
    ]
    path = write_pseudo_mo(tmp_path, entries)
    with path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert catalogue.gettext("Why") == "[Why]"
    assert catalogue.pgettext("month", "May") == "[May]"
    assert catalogue.ngettext("%(count)s day", "%(count)s days", 1) == "[%(count)s day]"
    assert (
        catalogue.ngettext("%(count)s day", "%(count)s days", 3) == "[%(count)s days]"
    )


def test_welsh_catalogue_is_read_with_its_header():
    entries = read_po()
    assert entries[0].msgid == ""
    assert "Language: cy" in entries[0].msgstr
    assert "nplurals=4" in entries[0].msgstr
    assert any(entry.msgid == "Yours sincerely," for entry in entries)
