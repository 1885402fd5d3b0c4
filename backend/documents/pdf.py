"""PDF rendering of quotes, invoices and credit notes, contracts, payslips and cash collections.

fpdf2 with DejaVu Sans, a Unicode TrueType font shipped in ``fonts/`` (with its licence) and
embedded as a subset in every PDF: "Łukasz Żółć", Greek or Cyrillic names print as written,
whatever fonts the machine has. A character the font lacks (CJK, emoji) is transliterated
with anyascii rather than dropped; see ``layout.Page.normalize_text``.

Rendering is deterministic: the same document gives the same bytes (the PDF creation date
is the document's issue date), so storing a re-rendered document is idempotent.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf.enums import XPos, YPos

from backend.documents.epc_qr import epc_payload
from backend.documents.formatting import (
    format_date,
    format_dates,
    format_decimal,
    format_iban,
    format_money,
    format_percent,
)
from backend.documents.labels import (
    contract_type_label,
    expense_category_label,
    label,
)
from backend.documents.layout import (
    ACCENT,
    BLACK,
    FONT,
    LIGHT,
    Page,
    country_name,
    party_lines,
    vat_rate_text,
    worker_lines,
)
from backend.documents.models import (
    CashCollectionDocument,
    ContractDocument,
    InvoiceDocument,
    PayslipDocument,
    QuoteDocument,
    Totals,
)


def render_quote(doc: QuoteDocument) -> bytes:
    lang = doc.language
    pdf = Page(doc.supplier, lang, label("quote.title", lang), doc.number, doc.issue_date)
    pdf.boxes((label("supplier", lang), party_lines(doc.supplier, lang)),
              (label("client", lang), party_lines(doc.client, lang)))
    pdf.key_values([
        (label("issue_date", lang), format_date(doc.issue_date, lang)),
        (label("valid_until", lang), format_date(doc.valid_until, lang)),
        (label("service_dates", lang), format_dates(doc.performance_dates, lang)),
        (label("performed_by", lang), doc.worker_name),
        (label("function", lang), doc.function),
        (label("description", lang), doc.description),
    ])
    pdf.ln(2)
    pdf.paragraph(label("quote.intro", lang))
    pdf.ln(1)
    pdf.lines_table(doc.lines)
    _totals_and_vat(pdf, doc.totals, [])
    mention = doc.exemption_mention
    if mention:
        pdf.paragraph(mention, style="B")
    clauses = doc.clauses
    pdf.section(label("quote.clauses", lang))
    pdf.paragraph("• " + label("quote.payment", lang))
    pdf.paragraph("• " + label("quote.cancellation", lang,
                               percent=format_percent(clauses.cancellation_fee_percent, lang),
                               amount=format_money(doc.cancellation_fee_cents, lang)))
    pdf.paragraph("• " + label("quote.notice", lang, days=clauses.notice_period_days))
    pdf.paragraph("• " + label("quote.validity", lang, date=format_date(doc.valid_until, lang)))
    pdf.notice(label("quote.accept", lang, url=doc.accept_url))
    pdf.set_font(FONT, "U", 9)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 5, label("quote.accept_label", lang), link=doc.accept_url,
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*BLACK)
    return pdf.render()


def _totals_and_vat(pdf: Page, totals: Totals, extra: list[tuple[str, str, bool]]) -> None:
    lang = pdf.language
    if pdf.get_y() > pdf.h - 70:
        pdf.add_page()
    top = pdf.get_y()
    pdf.vat_table(totals)
    below_table = pdf.get_y()
    rows = [
        (label("total_excl", lang), format_money(totals.base_cents, lang), False),
        (label("total_vat", lang), format_money(totals.vat_cents, lang), False),
        (label("total_incl", lang), format_money(totals.total_cents, lang), not extra),
        *extra,
    ]
    pdf.totals_block(rows, top=top)
    pdf.set_y(max(below_table, pdf.get_y()) + 3)


def render_invoice(doc: InvoiceDocument) -> bytes:
    """An invoice or credit note with every Belgian mandatory mention (domain §5).

    An invoice ends with how to pay: the amount, due date, IBAN and BIC, the structured
    communication and an EPC QR code to scan. A credit note asks for nothing: it says
    "do not pay" and shows no account, no communication and no QR code.
    """
    lang = doc.language
    credit = doc.kind == "credit_note"
    title = label("credit_note.title" if credit else "invoice.title", lang)
    pdf = Page(doc.supplier, lang, title, doc.number, doc.issue_date)
    pdf.boxes((label("supplier", lang), party_lines(doc.supplier, lang)),
              (label("client", lang), party_lines(doc.customer, lang)))
    rows = [
        (label("number", lang), doc.number),
        (label("issue_date", lang), format_date(doc.issue_date, lang)),
        (label("service_dates", lang), format_dates(doc.service_dates, lang)),
    ]
    if not credit:
        rows.append((label("due_date", lang), format_date(doc.due_date, lang)))
    rows += [
        (label("buyer_reference", lang), doc.buyer_reference or ""),
        (label("order_reference", lang), doc.order_reference or ""),
        (label("performed_by", lang), doc.worker_name or ""),
    ]
    pdf.key_values(rows)
    if credit:
        when = (label("of_date", lang, date=format_date(doc.credited_invoice_date, lang))
                if doc.credited_invoice_date else "")
        pdf.ln(1)
        pdf.paragraph(label("credits_invoice", lang, number=doc.credited_invoice_number,
                            date=when), style="B")
    pdf.ln(2)
    pdf.lines_table(doc.lines)
    extra: list[tuple[str, str, bool]] = []
    if credit:
        extra.append((label("credited_total", lang), format_money(doc.totals.total_cents, lang), True))
    elif doc.prepaid_cents:
        extra.append((label("prepaid", lang), format_money(-doc.prepaid_cents, lang), False))
        extra.append((label("to_pay", lang), format_money(doc.payable_cents, lang), True))
    else:
        extra.append((label("to_pay", lang), format_money(doc.payable_cents, lang), True))
    _totals_and_vat(pdf, doc.totals, extra)
    mention = doc.exemption_mention
    if mention:
        pdf.paragraph(mention, style="B")
    if credit and doc.totals.vat_cents:
        pdf.paragraph(label("credit_note_vat", lang), size=8)
    if doc.worker_name:
        pdf.paragraph(label("cooperative_mention", lang, supplier=doc.supplier.name,
                            worker=doc.worker_name), size=8)
    if credit:
        pdf.notice(label("credit_note.do_not_pay", lang, number=doc.credited_invoice_number,
                         amount=format_money(doc.totals.total_cents, lang)), size=9.5)
        return pdf.render()
    pdf.section(label("payment", lang))
    iban = format_iban(doc.payment_iban)
    bic = label("bic_suffix", lang, bic=doc.payment_bic) if doc.payment_bic else ""
    pdf.notice(label("payment_instruction", lang, amount=format_money(doc.payable_cents, lang),
                     date=format_date(doc.due_date, lang), iban=iban, bic=bic,
                     ogm=doc.structured_communication), size=9.5)
    if pdf.get_y() + 45 > pdf.page_break_trigger:  # the QR code and its caption on one page
        pdf.add_page()
    top = pdf.get_y()
    pdf.key_values([
        (label("iban", lang), iban),
        (label("bic", lang), doc.payment_bic or ""),
        (label("structured_communication", lang), doc.structured_communication),
        (label("to_pay", lang), format_money(doc.payable_cents, lang)),
    ])
    if doc.payable_cents > 0:
        payload = epc_payload(name=doc.supplier.name[:70], iban=doc.payment_iban,
                              bic=doc.payment_bic, amount_cents=doc.payable_cents,
                              structured_communication=doc.structured_communication)
        pdf.qr_code(payload, top, label("epc_qr", lang))
    if doc.page_url:  # the client's page: the same figures, the QR code, the documents
        pdf.set_font(FONT, "", 8.5)
        pdf.multi_cell(0, 4.5, label("invoice.online", lang), align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*ACCENT)
        pdf.set_font(FONT, "U", 8.5)
        pdf.multi_cell(0, 4.5, doc.page_url, link=doc.page_url, align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*BLACK)
    return pdf.render()


def render_contract(doc: ContractDocument) -> bytes:
    lang = doc.language
    pdf = Page(doc.employer, lang, label("contract.title", lang), doc.number, doc.issue_date)
    intro = "contract.open_ended" if doc.contract_type == "open_ended" else "contract.parties"
    pdf.paragraph(label(intro, lang))
    pdf.ln(2)
    pdf.boxes((label("employer", lang), party_lines(doc.employer, lang)),
              (label("worker", lang), worker_lines(doc.worker, lang)))
    pdf.key_values([
        (label("contract_type", lang), contract_type_label(doc.contract_type, lang)),
        (label("function", lang), doc.function),
        (label("description", lang), doc.description),
        (label("client_of_work", lang), doc.client_name or ""),
        (label("place_of_work", lang), doc.place_of_work or ""),
        (label("country", lang), country_name(doc.country, lang)),
        (label("work_dates", lang), format_dates(doc.work_dates, lang)),
        (label("hours_per_day", lang), format_decimal(doc.hours_per_day, lang)),
        (label("joint_committee", lang), doc.joint_committee or ""),
        (label("gross", lang), format_money(doc.gross_cents, lang)),
        (label("withholding_rate", lang), format_percent(doc.withholding_rate, lang)),
    ])
    pdf.section(label("risks", lang))
    pdf.paragraph(doc.risks.strip() or label("no_particular_risk", lang))
    pdf.ln(2)
    pdf.paragraph(label("contract.pay", lang, gross=format_money(doc.gross_cents, lang),
                        rate=format_percent(doc.withholding_rate, lang)))
    pdf.ln(1)
    pdf.paragraph(label("contract.dimona", lang))
    pdf.ln(1)
    pdf.paragraph(label("contract.rules", lang))
    pdf.ln(2)
    pdf.paragraph(label("signed_on", lang, date=format_date(doc.issue_date, lang)))
    pdf.signatures(f"{label('signature_employer', lang)} – {doc.employer.name}",
                   f"{label('signature_worker', lang)} – {doc.worker.name}")
    return pdf.render()


def render_payslip(doc: PayslipDocument) -> bytes:
    lang = doc.language
    pdf = Page(doc.employer, lang, label("payslip.title", lang), doc.number, doc.issue_date)
    pdf.notice(label("payslip.estimate", lang))
    pdf.boxes((label("worker", lang), worker_lines(doc.worker, lang)),
              (label("employer", lang), party_lines(doc.employer, lang)))
    period = (format_date(doc.period_start, lang) if doc.period_start == doc.period_end
              else f"{format_date(doc.period_start, lang)} – {format_date(doc.period_end, lang)}")
    pdf.key_values([
        (label("period", lang), period),
        (label("work_dates", lang), format_dates(doc.work_dates, lang)),
        (label("contract_type", lang), contract_type_label(doc.contract_type, lang)),
        (label("contract_number", lang), doc.contract_number or ""),
        (label("pay_date", lang), format_date(doc.pay_date, lang)),
        (label("paid_to", lang), format_iban(doc.worker.iban)),
        (label("rule_set", lang), doc.rule_set_id),
    ])
    pdf.ln(3)
    money = lambda cents: format_money(cents, lang)  # noqa: E731
    rows: list[tuple[str, str, bool]] = [
        (label("gross", lang), money(doc.gross_cents), False),
        (label("social_security", lang),
         money(-(doc.social_security_cents + doc.work_bonus_cents)), False),
    ]
    if doc.work_bonus_cents:
        rows.append((label("work_bonus", lang), money(doc.work_bonus_cents), False))
    rows += [
        (label("taxable", lang), money(doc.taxable_cents), True),
        (label("withholding", lang, rate=format_percent(doc.withholding_rate, lang)),
         money(-(doc.withholding_cents + doc.fiscal_work_bonus_cents)), False),
    ]
    if doc.fiscal_work_bonus_cents:
        rows.append((label("fiscal_work_bonus", lang), money(doc.fiscal_work_bonus_cents), False))
    if doc.special_social_security_cents:
        rows.append((label("special_social_security", lang),
                     money(-doc.special_social_security_cents), False))
    rows.append((label("net", lang), money(doc.net_cents), True))
    for refund in doc.expense_refunds:
        name = expense_category_label(refund.category, lang)
        if refund.description:
            name += f" ({refund.description})"
        rows.append((f"{label('expense_refunds', lang)}: {name}", money(refund.amount_cents), False))
    rows.append((label("total_paid", lang), money(doc.paid_cents), True))
    _amount_rows(pdf, rows)
    return pdf.render()


def _amount_rows(pdf: Page, rows: Sequence[tuple[str, str, bool]]) -> None:
    value_width = 40
    for text, value, strong in rows:
        pdf.set_font(FONT, "B" if strong else "", 10 if strong else 9.5)
        if strong:
            pdf.set_fill_color(*LIGHT)
        pdf.cell(pdf.epw - value_width, 6.5, text, fill=strong, border="B" if strong else 0)
        pdf.cell(value_width, 6.5, value, align="R", fill=strong, border="B" if strong else 0,
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_cash_collection(doc: CashCollectionDocument) -> bytes:
    lang = doc.language
    pdf = Page(doc.supplier, lang, label("cash.title", lang), doc.number, doc.issue_date)
    pdf.paragraph(label("cash.statement", lang, worker=doc.worker_name,
                        date=format_date(doc.collection_date, lang),
                        amount=format_money(doc.amount_cents, lang), client=doc.client_name,
                        supplier=doc.supplier.name))
    pdf.ln(3)
    pdf.key_values([
        (label("cash.date", lang), format_date(doc.collection_date, lang)),
        (label("cash.client", lang), doc.client_name),
        (label("cash.place", lang), doc.place or ""),
        (label("performed_by", lang), doc.worker_name),
        (label("description", lang), doc.description),
    ])
    pdf.ln(3)
    rows: list[tuple[str, str, bool]] = []
    split = doc.vat_split()
    if split is not None and doc.vat_rate is not None:
        base, vat = split
        rows.append((label("total_excl", lang), format_money(base, lang), False))
        rows.append((f"{label('vat_amount', lang)} ({vat_rate_text(doc.vat_rate, lang)})",
                     format_money(vat, lang), False))
    rows.append((label("cash.amount", lang), format_money(doc.amount_cents, lang), True))
    _amount_rows(pdf, rows)
    pdf.ln(3)
    pdf.paragraph(label("cash.booking", lang), size=8.5)
    pdf.paragraph(label("signed_on", lang, date=format_date(doc.issue_date, lang)))
    pdf.signatures(f"{label('signature_declarant', lang)} – {doc.worker_name}",
                   label("signature_for", lang, name=doc.supplier.name))
    return pdf.render()


__all__ = [
    "render_cash_collection", "render_contract", "render_invoice", "render_payslip",
    "render_quote",
]
