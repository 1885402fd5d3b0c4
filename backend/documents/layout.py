"""The page every PDF document is drawn on: A4, the cooperative's identity in the header and
the footer, and the blocks the documents are made of (sections, key-value rows, address boxes,
the lines and VAT tables, totals, notices, signatures, the EPC QR code).

fpdf2 with DejaVu Sans from ``fonts/`` (embedded as a subset): a character the font lacks is
transliterated with anyascii (``Page.normalize_text``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path

from anyascii import anyascii
from babel import Locale
from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from backend.documents.epc_qr import epc_qr
from backend.documents.formatting import (
    format_company_number,
    format_decimal,
    format_money,
    format_percent,
    format_vat_number,
)
from backend.documents.labels import label
from backend.documents.models import DocumentLine, Totals
from backend.documents.parties import Party, Worker, mask_national_number
from backend.platform.formatting import locale_for

ACCENT = (24, 62, 110)
GREY = (95, 95, 95)
LIGHT = (238, 241, 246)
BLACK = (0, 0, 0)

FONT = "DejaVuSans"
FONT_DIR = Path(__file__).with_name("fonts")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}


def country_name(code: str, language: str) -> str:
    """``"US"`` -> ``Verenigde Staten`` / ``États-Unis`` / ``United States`` (CLDR, Babel)."""
    return Locale.parse(locale_for(language)).territories.get(code, code)


class Page(FPDF):
    """A4 page with the cooperative's identity in the header and the footer."""

    def __init__(self, organisation: Party, language: str, title: str, number: str,
                 issue_date: date) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        for style, filename in FONT_FILES.items():
            self.add_font(FONT, style, FONT_DIR / filename)
        self.organisation = organisation
        self.language = language
        self.doc_title = title
        self.doc_number = number
        self.set_margins(18, 14, 18)
        self.set_auto_page_break(True, margin=22)
        self.creation_date = datetime.combine(issue_date, time(0), tzinfo=UTC)
        self.set_title(f"{title} {number}")
        self.set_author(organisation.name)
        self.set_creator("smart-quickjob backend.documents")
        self.set_lang({"nl": "nl-BE", "fr": "fr-BE", "en": "en"}[language])
        self.add_page()

    # fpdf2 hook: every text goes through here before encoding
    def normalize_text(self, text: str) -> str:
        cmap = getattr(self.current_font, "cmap", None)
        if cmap is not None and any(ord(ch) not in cmap for ch in text):
            text = "".join(ch if ord(ch) in cmap or ch in "\n\r\t" else anyascii(ch) or "?"
                           for ch in text)
        return super().normalize_text(text)

    def header(self) -> None:
        org = self.organisation
        lang = self.language
        top = self.t_margin
        self.set_xy(self.l_margin, top)
        self.set_text_color(*ACCENT)
        self.set_font(FONT, "B", 13)
        left_width, right_width = 92, 80
        self.multi_cell(left_width, 6, org.name, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*GREY)
        self.set_font(FONT, "", 8)
        for line in identity_lines(org, lang):
            self.multi_cell(left_width, 3.8, line, align="L", new_x=XPos.LMARGIN,
                            new_y=YPos.NEXT)
        bottom_left = self.get_y()
        # title and number on the right, the title shrunk to fit its column
        self.set_xy(self.w - self.r_margin - right_width, top)
        self.set_text_color(*ACCENT)
        size = 16.0
        self.set_font(FONT, "B", size)
        while self.get_string_width(self.doc_title) > right_width and size > 9:
            size -= 0.5
            self.set_font(FONT, "B", size)
        self.cell(right_width, 8, self.doc_title, align="R", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_font(FONT, "", 10)
        self.set_text_color(*BLACK)
        self.multi_cell(right_width, 5, f"{label('number', lang)} {self.doc_number}", align="R",
                        new_x=XPos.LEFT, new_y=YPos.NEXT)
        bottom_left = max(bottom_left, self.get_y())
        y = max(bottom_left, top + 16) + 2
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.5)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_line_width(0.2)
        self.set_draw_color(*BLACK)
        self.set_text_color(*BLACK)
        self.set_xy(self.l_margin, y + 4)

    def footer(self) -> None:
        org = self.organisation
        self.set_y(-14)
        self.set_font(FONT, "", 7)
        self.set_text_color(*GREY)
        parts = [org.name]
        if org.vat_number:
            parts.append(f"{label('vat_number', self.language)} {format_vat_number(org.vat_number)}")
        if org.register:
            parts.append(org.register)
        footer = " · ".join(parts)
        size = 7.0
        while self.get_string_width(footer) > self.epw - 32 and size > 5:
            size -= 0.25
            self.set_font(FONT, "", size)
        self.cell(self.epw - 30, 4, footer)
        self.set_font(FONT, "", 7)
        self.cell(30, 4, label("page", self.language, page=self.page_no(), pages="{nb}"),
                  align="R")
        self.set_text_color(*BLACK)

    # ----------------------------------------------------------- building blocks

    def section(self, title: str) -> None:
        self.ln(3)
        self.set_font(FONT, "B", 10)
        self.set_text_color(*ACCENT)
        self.cell(0, 6, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*BLACK)

    def paragraph(self, text: str, size: float = 9, style: str = "", height: float = 4.5) -> None:
        self.set_font(FONT, style, size)
        self.multi_cell(0, height, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def key_values(self, rows: Sequence[tuple[str, str]], label_width: float = 48) -> None:
        for key, value in rows:
            if not value:
                continue
            self.set_font(FONT, "B", 9)
            self.set_text_color(*GREY)
            y = self.get_y()
            self.multi_cell(label_width, 5, key, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            label_bottom = self.get_y()
            self.set_xy(self.l_margin + label_width, y)
            self.set_text_color(*BLACK)
            self.set_font(FONT, "", 9)
            self.multi_cell(0, 5, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_y(max(self.get_y(), label_bottom, y + 5))

    def boxes(self, left: tuple[str, Sequence[str]], right: tuple[str, Sequence[str]]) -> None:
        """Two side-by-side blocks (a title and lines), e.g. supplier and client."""
        gap = 6
        width = (self.epw - gap) / 2
        top = self.get_y()
        bottoms = []
        for i, (title, lines) in enumerate((left, right)):
            x = self.l_margin + i * (width + gap)
            self.set_xy(x, top)
            self.set_font(FONT, "B", 8)
            self.set_text_color(*GREY)
            self.cell(width, 5, title.upper(), new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.set_text_color(*BLACK)
            for j, line in enumerate(lines):
                self.set_font(FONT, "B" if j == 0 else "", 10 if j == 0 else 9)
                self.set_x(x)
                self.multi_cell(width, 4.6, line, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
            bottoms.append(self.get_y())
        self.set_xy(self.l_margin, max(bottoms) + 3)

    def lines_table(self, lines: Sequence[DocumentLine]) -> None:
        lang = self.language
        self.set_font(FONT, "", 9)
        heading = FontFace(emphasis="BOLD", fill_color=LIGHT, color=ACCENT)
        with self.table(
            col_widths=(66, 16, 29, 24, 39),
            text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
            borders_layout="HORIZONTAL_LINES",
            headings_style=heading,
            line_height=5,
            padding=(1.2, 1.5),
        ) as table:
            row = table.row()
            for code in ("description", "qty", "unit_price", "vat_rate", "amount_excl"):
                row.cell(label(code, lang))
            for line in lines:
                row = table.row()
                row.cell(line.description)
                row.cell(format_decimal(line.quantity, lang))
                row.cell(format_money(line.unit_price_cents, lang))
                row.cell(vat_rate_text(line.vat_rate, lang))
                row.cell(format_money(line.amount_cents, lang))
        self.ln(2)

    def vat_table(self, totals: Totals) -> None:
        lang = self.language
        self.set_font(FONT, "", 8.5)
        heading = FontFace(emphasis="BOLD", fill_color=LIGHT, color=ACCENT)
        with self.table(
            col_widths=(22, 31, 31),
            width=84,
            align="LEFT",
            text_align=("RIGHT", "RIGHT", "RIGHT"),
            borders_layout="HORIZONTAL_LINES",
            headings_style=heading,
            line_height=4.6,
            padding=(1, 1.5),
        ) as table:
            row = table.row()
            for code in ("vat_rate", "vat_base", "vat_amount"):
                row.cell(label(code, lang))
            for sub in totals.breakdown:
                row = table.row()
                row.cell(vat_rate_text(sub.vat_rate, lang))
                row.cell(format_money(sub.base_cents, lang))
                row.cell(format_money(sub.vat_cents, lang))

    def totals_block(self, rows: Sequence[tuple[str, str, bool]], top: float | None = None) -> None:
        """Right-aligned label/amount rows; the flagged ones in bold."""
        width_label, width_value = 52, 32
        x = self.w - self.r_margin - width_label - width_value
        if top is not None:
            self.set_y(top)
        for text, value, strong in rows:
            self.set_x(x)
            self.set_font(FONT, "B" if strong else "", 10 if strong else 9)
            if strong:
                self.set_fill_color(*LIGHT)
            self.cell(width_label, 6, text, align="L", fill=strong)
            self.cell(width_value, 6, value, align="R", fill=strong,
                      new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_x(self.l_margin)

    def notice(self, text: str, size: float = 9) -> None:
        """A framed, filled paragraph for what must not be missed."""
        self.ln(2)
        self.set_fill_color(*LIGHT)
        self.set_draw_color(*ACCENT)
        self.set_font(FONT, "B", size)
        self.multi_cell(0, 4.8, text, border=1, fill=True, align="L", padding=2.5,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*BLACK)
        self.ln(2)

    def signatures(self, left: str, right: str) -> None:
        self.ln(6)
        if self.get_y() > self.h - 60:
            self.add_page()
        gap = 10
        width = (self.epw - gap) / 2
        top = self.get_y()
        for i, title in enumerate((left, right)):
            x = self.l_margin + i * (width + gap)
            self.set_xy(x, top)
            self.set_font(FONT, "B", 9)
            self.cell(width, 5, title)
            self.line(x, top + 25, x + width, top + 25)
        self.set_xy(self.l_margin, top + 28)

    def qr_code(self, payload: str, top: float, caption: str, size: float = 32) -> None:
        """The EPC QR code at the right margin from ``top``, drawn as vector squares (sharp at
        any zoom, no image library), with its quiet zone and a caption under it."""
        matrix = epc_qr(payload).matrix
        quiet = 4
        module = size / (len(matrix) + 2 * quiet)
        x0 = self.w - self.r_margin - size
        self.set_fill_color(255, 255, 255)
        self.rect(x0, top, size, size, style="F")
        self.set_fill_color(*BLACK)
        for row_index, row in enumerate(matrix):
            y = top + (row_index + quiet) * module
            col = 0
            while col < len(row):
                if row[col]:
                    start = col
                    while col < len(row) and row[col]:
                        col += 1
                    self.rect(x0 + (start + quiet) * module, y, (col - start) * module, module,
                              style="F")
                else:
                    col += 1
        self.set_xy(x0 - 6, top + size)
        self.set_font(FONT, "", 7)
        self.set_text_color(*GREY)
        self.multi_cell(size + 12, 3.2, caption, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*BLACK)
        self.set_y(max(self.get_y(), top + size + 4))

    def render(self) -> bytes:
        return bytes(self.output())


def identity_lines(party: Party, language: str) -> list[str]:
    """The cooperative's identity under its name (company law: seat, enterprise number,
    register and court): address, VAT and enterprise numbers, RPR/RPM, e-mail. The bank
    account is printed where a payment is asked for (the invoice), nowhere else."""
    lines = list(party.display_address())
    ids = []
    if party.vat_number:
        ids.append(f"{label('vat_number', language)} {format_vat_number(party.vat_number)}")
    if party.company_number:
        ids.append(f"{label('company_number', language)} {format_company_number(party.company_number)}")
    if ids:
        lines.append(" · ".join(ids))
    if party.register:
        lines.append(party.register)
    if party.email:
        lines.append(party.email)
    return lines


def party_lines(party: Party, language: str) -> list[str]:
    """A client's or supplier's block: name, address, country, VAT and company numbers."""
    lines = [party.name, *party.display_address()]
    if party.country_code != "BE" or not party.address_lines:
        lines.append(country_name(party.country_code, language))
    if party.vat_number:
        lines.append(f"{label('vat_number', language)} {format_vat_number(party.vat_number)}")
    if party.company_number and not (
            party.vat_number and party.vat_number.endswith(party.company_number)):
        lines.append(f"{label('company_number', language)} {format_company_number(party.company_number)}")
    if party.register:
        lines.append(party.register)
    if party.email:
        lines.append(party.email)
    return lines


def worker_lines(worker: Worker, language: str) -> list[str]:
    lines = [worker.name, *worker.address_lines]
    if worker.country_code != "BE":
        lines.append(country_name(worker.country_code, language))
    if worker.national_number:
        lines.append(f"{label('national_number', language)} {mask_national_number(worker.national_number)}")
    return lines


def vat_rate_text(rate: str, language: str) -> str:
    if Decimal(rate) == 0:
        return f"{format_percent('0', language)} {label('exempt', language)}"
    return format_percent(rate, language)
