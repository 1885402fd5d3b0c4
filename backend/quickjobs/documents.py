"""Turn QuickJob rows and engine figures into the documents package's models, then render."""

from __future__ import annotations

import datetime as dt

from backend.documents import pdf as render
from backend.documents.formatting import format_iban
from backend.documents.legal_entity import LegalEntity, legal_entity
from backend.documents.models import (
    CashCollectionDocument,
    ContractDocument,
    DocumentLine,
    ExpenseRefund,
    InvoiceDocument,
    PayslipDocument,
    ProtectiveClauses,
    QuoteDocument,
    compute_totals,
)
from backend.documents.parties import Party, Worker
from backend.documents.ubl import peppol_endpoint, render_ubl_invoice
from backend.engine import Simulation
from backend.people import identity
from backend.quickjobs.rows import ExpenseRow, InvoiceRow, QuickJobRow, SalaryRow, WorkerRow
from backend.units.rows import LegalEntityRow


def issuing_entity(entity: LegalEntityRow | None) -> LegalEntity:
    """The cooperative's legal entity (reference data, backend.documents.legal_entity) with
    the bank account configured in its ``legal_entity`` row, when there is one."""
    if entity is None:
        return legal_entity("smart")
    return legal_entity(entity.id).with_bank_account(entity.iban, entity.bic)


def payment_params(entity: LegalEntityRow | None) -> dict[str, str]:
    """The account a client pays to, as message parameters (the invoice e-mail)."""
    party = issuing_entity(entity).party("nl")
    return {"iban": format_iban(party.iban), "bic": party.bic or ""}


def supplier(entity: LegalEntityRow | None, language: str = "nl") -> Party:
    """The cooperative as supplier or employer, named the same way on every document in
    ``language``."""
    return issuing_entity(entity).party(language)


def client_party(job: QuickJobRow) -> Party:
    lines = tuple(line.strip() for line in (job.client_address or "").replace(",", "\n").split("\n")
                  if line.strip())
    return Party(name=job.client_name, address_lines=lines,
                 country_code=(job.client_country or "BE").upper(),
                 vat_number=job.client_vat, company_number=job.client_company_number,
                 email=job.client_email)


def worker_name(person: WorkerRow) -> str:
    """First and last name; never a phone number or an e-mail address in their place (a quote
    needs the name: backend.people.identity)."""
    return identity.display_name(person) or "—"


def worker(person: WorkerRow) -> Worker:
    lines = tuple(line.strip() for line in (person.address or "").split("\n") if line.strip())
    return Worker(name=worker_name(person), address_lines=lines,
                  national_number=person.national_number, iban=person.iban)


def _lines(job: QuickJobRow, sim: Simulation) -> tuple[DocumentLine, ...]:
    description = f"{job.function}: {job.description}"[:300]
    return (DocumentLine.of(description, sim.turnover_cents, job.vat_rate, quantity="1"),)


def quote_pdf(job: QuickJobRow, person: WorkerRow, sim: Simulation, number: str, issued: dt.date,
              valid_until: dt.date, clauses: dict, accept_url: str,
              entity: LegalEntityRow | None = None) -> bytes:
    lines = _lines(job, sim)
    language = job.client_language
    return render.render_quote(QuoteDocument(
        number=number, issue_date=issued, valid_until=valid_until, language=language,
        supplier=supplier(entity, language), worker_name=worker_name(person),
        client=client_party(job),
        function=job.function, description=job.description,
        performance_dates=tuple(job.performance_dates), lines=lines, totals=compute_totals(lines),
        clauses=ProtectiveClauses(clauses["cancellationFeePercent"], clauses["noticePeriodDays"]),
        accept_url=accept_url, vat_exemption=job.vat_exemption,
    ))


def invoice_files(job: QuickJobRow, person: WorkerRow, entity: LegalEntityRow | None,
                  sim: Simulation, number: str, issued: dt.date, due: dt.date,
                  communication: str | None, *, kind: str, credited: InvoiceRow | None,
                  order_reference: str | None = None,
                  page_url: str | None = None) -> tuple[bytes, bytes | None]:
    """The PDF, and the Peppol UBL when the client can be reached on Peppol (B2B).

    ``order_reference`` is the number of the quote the client accepted; ``page_url`` the
    client's page of the invoice. A credit note carries no account and no communication: it
    asks for no payment.
    """
    lines = _lines(job, sim)
    language = job.client_language
    seller = supplier(entity, language)
    credit = kind == "credit_note"
    doc = InvoiceDocument(
        number=number, issue_date=issued, due_date=due,
        service_dates=tuple(job.performance_dates), supplier=seller,
        customer=client_party(job), lines=lines, totals=compute_totals(lines),
        structured_communication=None if credit else communication,
        payment_iban=None if credit else seller.iban,
        payment_bic=None if credit else seller.bic,
        language=language, order_reference=order_reference,
        vat_exemption=job.vat_exemption, kind=kind,
        credited_invoice_number=credited.number if credited else None,
        credited_invoice_date=credited.issue_date if credited else None,
        worker_name=worker_name(person), page_url=None if credit else page_url,
    )
    pdf = render.render_invoice(doc)
    ubl = None
    if job.client_vat and peppol_endpoint(doc.customer) is not None:
        ubl = render_ubl_invoice(doc)
    return pdf, ubl


def contract_pdf(job: QuickJobRow, person: WorkerRow, sim: Simulation,
                 entity: LegalEntityRow | None = None) -> bytes:
    language = person.language or "nl"
    return render.render_contract(ContractDocument(
        number=f"C-{str(job.id)[:8]}", issue_date=dt.date.today(), language=language,
        employer=supplier(entity, language), worker=worker(person), function=job.function,
        description=job.description, country="BE", risks="",
        work_dates=tuple(job.performance_dates), contract_type=job.contract_type,
        gross_cents=sim.gross_cents, withholding_rate=sim.withholding_rate,
        hours_per_day=sim.hours_per_day,  # the QuickJob's hoursPerDay (default: 7.6)
        client_name=job.client_name,
    ))


def payslip_pdf(job: QuickJobRow, person: WorkerRow, salary: SalaryRow, sim: Simulation,
                expenses: list[ExpenseRow] | None = None,
                entity: LegalEntityRow | None = None) -> bytes:
    dates = tuple(job.performance_dates)
    refunds = tuple(ExpenseRefund(e.category, e.amount_cents, e.description or "")
                    for e in (expenses or []))
    if not refunds and sim.expenses_cents:
        refunds = (ExpenseRefund("other", sim.expenses_cents),)
    language = person.language or "nl"
    return render.render_payslip(PayslipDocument(
        number=f"P-{str(salary.id)[:8]}", issue_date=dt.date.today(),
        language=language, employer=supplier(entity, language), worker=worker(person),
        period_start=min(dates), period_end=max(dates), work_dates=dates,
        contract_type=job.contract_type, gross_cents=sim.gross_cents,
        social_security_cents=sim.social_security_cents, taxable_cents=sim.taxable_cents,
        withholding_rate=sim.withholding_rate, withholding_cents=sim.withholding_tax_cents,
        net_cents=sim.net_cents, pay_date=salary.pay_date, rule_set_id=sim.rule_set,
        expense_refunds=refunds, contract_number=f"C-{str(job.id)[:8]}",
        work_bonus_cents=sim.work_bonus_cents, fiscal_work_bonus_cents=sim.fiscal_work_bonus_cents,
    ))


def cash_collection_pdf(job: QuickJobRow, person: WorkerRow, amount_cents: int,
                        collected_on: dt.date, entity: LegalEntityRow | None = None) -> bytes:
    language = person.language or "nl"
    return render.render_cash_collection(CashCollectionDocument(
        number=f"CC-{str(job.id)[:8]}", issue_date=dt.date.today(),
        language=language, supplier=supplier(entity, language),
        worker_name=worker_name(person), client_name=job.client_name,
        description=f"{job.function}: {job.description}"[:300],
        collection_date=collected_on, amount_cents=amount_cents, vat_rate=job.vat_rate,
    ))
