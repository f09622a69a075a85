"""The self-assessment in the Code's form: Word (python-docx) and Excel (openpyxl).

The form the Ombudsmen publish has, per provision: the provision, the requirement, complies
yes or no, evidence, commentary and explanation (docs/regulatory-rules.md §1.8). Here each
row also carries the action and target date, and the evidence is the records' figures for
the year beside what the council wrote.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from math import ceil

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from putright.core.presentation import long_date
from putright.selfassessment.evidence import Row
from putright.selfassessment.models import Answer, SelfAssessment
from putright.selfassessment.provisions import SECTIONS, Provision, by_section

COLUMNS = [
    "Provision",
    "Code requirement",
    "Comply: yes or no",
    "Evidence from the records",
    "Commentary and explanation",
    "Action and target date",
]


@dataclass(frozen=True)
class FormRow:
    provision: Provision
    answer: Answer | None
    evidence: list[Row]

    @property
    def number_text(self) -> str:
        codes = []
        if self.provision.lgsco:
            codes.append(f"LGSCO {self.provision.lgsco}")
        if self.provision.ho:
            codes.append(f"HO {self.provision.ho}")
        return f"{self.provision.number} ({'; '.join(codes)})"

    @property
    def complies_text(self) -> str:
        if self.answer is None or self.answer.complies is None:
            return "Not answered"
        return "Yes" if self.answer.complies else "No"

    @property
    def evidence_text(self) -> str:
        return "\n".join(row.text for row in self.evidence)

    @property
    def action_text(self) -> str:
        if self.answer is None or not self.answer.action:
            return ""
        if self.answer.target_date is None:
            return self.answer.action
        return f"{self.answer.action} (by {long_date(self.answer.target_date)})"

    def cells(self) -> list[str]:
        return [
            self.number_text,
            self.provision.summary,
            self.complies_text,
            self.evidence_text,
            self.answer.commentary if self.answer else "",
            self.action_text,
        ]


def form_rows(
    assessment: SelfAssessment, evidence: dict[str, list[Row]]
) -> list[tuple[int, str, list[FormRow]]]:
    answers = {a.provision: a for a in assessment.answers.all()}
    return [
        (
            number,
            title,
            [
                FormRow(
                    p,
                    answers.get(p.number),
                    [row for key in p.evidence for row in evidence.get(key, [])],
                )
                for p in provisions
            ],
        )
        for number, title, provisions in by_section()
    ]


def sign_off_text(assessment: SelfAssessment) -> str:
    if assessment.signed_off_on is None:
        return "Not yet signed off by the governing body."
    return (
        f"Signed off by {assessment.signed_off_by} on "
        f"{long_date(assessment.signed_off_on)} (minute {assessment.minute_reference})."
    )


def title(council_name: str, assessment: SelfAssessment) -> str:
    return f"{council_name}: Complaint Handling Code self-assessment {assessment.label}"


def docx_bytes(
    council_name: str, assessment: SelfAssessment, evidence: dict[str, list[Row]]
) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(9)
    document.add_heading(title(council_name, assessment), level=1)
    document.add_paragraph(sign_off_text(assessment))
    widths = [Cm(2.6), Cm(6), Cm(2), Cm(6.5), Cm(5), Cm(4.5)]
    for number, heading, rows in form_rows(assessment, evidence):
        document.add_heading(f"Section {number}: {heading}", level=2)
        table = document.add_table(rows=1, cols=len(COLUMNS))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, COLUMNS, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row.cells(), strict=True):
                cell.text = text
        for column, width in zip(table.columns, widths, strict=True):
            for cell in column.cells:
                cell.width = width
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(
    council_name: str, assessment: SelfAssessment, evidence: dict[str, list[Row]]
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"Self-assessment {assessment.first_year}"
    sheet.append([title(council_name, assessment)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([sign_off_text(assessment)])
    sheet.append([])
    sheet.append(["Section", *COLUMNS])
    header = sheet.max_row
    for cell in sheet[header]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    for number, heading, rows in form_rows(assessment, evidence):
        for row in rows:
            sheet.append([f"{number} {heading}", *row.cells()])
    widths = (22, 16, 45, 12, 50, 40, 35)
    for letter, width in zip("ABCDEFG", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=header):
        lines = 1
        for cell, width in zip(row, widths, strict=False):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            text = str(cell.value or "")
            lines = max(
                lines,
                sum(ceil(len(part) / (width * 0.9)) or 1 for part in text.split("\n")),
            )
        # Spreadsheets do not grow a row to its wrapped text when they open a file.
        sheet.row_dimensions[row[0].row].height = 13 * lines
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header}:{header}"
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = ["SECTIONS", "docx_bytes", "form_rows", "xlsx_bytes"]
