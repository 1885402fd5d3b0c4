"""Turn QuickJob rows and engine figures into the documents package's models, then render."""

from __future__ import annotations

import datetime as dt

from backend.documents import pdf as render
from backend.documents.models import (
    CashCollectionDocument,
    ContractDocument,
    DocumentLine,
    ExpenseRefund,
    InvoiceDocument,
    Party,
    PayslipDocument,
    ProtectiveClauses,
    QuoteDocument,
    Worker,
    compute_totals,
)
from backend.documents.ubl import peppol_endpoint, render_ubl_invoice
from backend.engine import Simulation
from backend.quickjobs.rows import ExpenseRow, InvoiceRow, QuickJobRow, SalaryRow, WorkerRow
from backend.units.rows import LegalEntityRow

# The cooperative as it appears on every document; the legal_entity row overrides these.
_DEFAULT_ENTITY = LegalEntityRow(
    id="smart", name="Smart", address="Coenraetsstraat 72\n1060 Brussel", country="BE",
    vat_number="BE0896755397", company_number="0896755397", iban="BE00000000000000",
    bic="GEBABEBB")


def supplier(entity: LegalEntityRow | None) -> Party:
    e = entity or _DEFAULT_ENTITY
    lines = tuple(line.strip() for line in (e.address or "").replace(",", "\n").split("\n")
                  if line.strip())
    return Party(name=e.name, address_lines=lines, country_code=e.country,
                 vat_number=e.vat_number, company_number=e.company_number,
                 iban=e.iban, bic=e.bic, legal_form="cv")


def client_party(job: QuickJobRow) -> Party:
    lines = tuple(line.strip() for line in (job.client_address or "").replace(",", "\n").split("\n")
                  if line.strip())
    return Party(name=job.client_name, address_lines=lines,
                 country_code=(job.client_country or "BE").upper(),
                 vat_number=job.client_vat, company_number=job.client_company_number,
                 email=job.client_email)


def worker_name(person: WorkerRow) -> str:
    full = " ".join(p for p in (person.first_name, person.last_name) if p)
    return full or person.email or person.phone or "—"


def worker(person: WorkerRow) -> Worker:
    lines = tuple(line.strip() for line in (person.address or "").split("\n") if line.strip())
    return Worker(name=worker_name(person), address_lines=lines,
                  national_number=person.national_number, iban=person.iban)


def _lines(job: QuickJobRow, sim: Simulation) -> tuple[DocumentLine, ...]:
    description = f"{job.function}: {job.description}"[:300]
    return (DocumentLine.of(description, sim.turnover_cents, job.vat_rate, quantity="1"),)


def quote_pdf(job: QuickJobRow, person: WorkerRow, sim: Simulation, number: str, issued: dt.date,
              valid_until: dt.date, clauses: dict, accept_url: str, entity: LegalEntityRow | None = None) -> bytes:
    lines = _lines(job, sim)
    return render.render_quote(QuoteDocument(
        number=number, issue_date=issued, valid_until=valid_until, language=job.client_language,
        supplier=supplier(entity), worker_name=worker_name(person), client=client_party(job),
        function=job.function, description=job.description,
        performance_dates=tuple(job.performance_dates), lines=lines, totals=compute_totals(lines),
        clauses=ProtectiveClauses(clauses["depositPercent"], clauses["cancellationFeePercent"],
                                  clauses["noticePeriodDays"]),
        accept_url=accept_url, vat_exemption=job.vat_exemption,
    ))


def invoice_files(job: QuickJobRow, person: WorkerRow, entity: LegalEntityRow | None, sim: Simulation, number: str,
                  issued: dt.date, due: dt.date, communication: str, *, kind: str,
                  credited: InvoiceRow | None) -> tuple[bytes, bytes | None]:
    """The PDF, and the Peppol UBL when the client can be reached on Peppol (B2B)."""
    lines = _lines(job, sim)
    doc = InvoiceDocument(
        number=number, issue_date=issued, due_date=due,
        service_dates=tuple(job.performance_dates), supplier=supplier(entity),
        customer=client_party(job), lines=lines, totals=compute_totals(lines),
        structured_communication=communication,
        payment_iban=supplier(entity).iban, payment_bic=supplier(entity).bic,
        language=job.client_language, order_reference=f"QJ-{str(job.id)[:8]}",
        vat_exemption=job.vat_exemption, kind=kind,
        credited_invoice_number=credited.number if credited else None,
        credited_invoice_date=credited.issue_date if credited else None,
        worker_name=worker_name(person),
    )
    pdf = render.render_invoice(doc)
    ubl = None
    if job.client_vat and peppol_endpoint(doc.customer) is not None:
        ubl = render_ubl_invoice(doc)
    return pdf, ubl


def contract_pdf(job: QuickJobRow, person: WorkerRow, sim: Simulation,
                 entity: LegalEntityRow | None = None) -> bytes:
    return render.render_contract(ContractDocument(
        number=f"C-{str(job.id)[:8]}", issue_date=dt.date.today(), language=person.language or "nl",
        employer=supplier(entity), worker=worker(person), function=job.function,
        description=job.description, country="BE", risks="",
        work_dates=tuple(job.performance_dates), contract_type=job.contract_type,
        gross_cents=sim.gross_cents, withholding_rate=sim.withholding_rate, hours_per_day="7.6",
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
    return render.render_payslip(PayslipDocument(
        number=f"P-{str(salary.id)[:8]}", issue_date=dt.date.today(),
        language=person.language or "nl", employer=supplier(entity), worker=worker(person),
        period_start=min(dates), period_end=max(dates), work_dates=dates,
        contract_type=job.contract_type, gross_cents=sim.gross_cents,
        social_security_cents=sim.social_security_cents, taxable_cents=sim.taxable_cents,
        withholding_rate=sim.withholding_rate, withholding_cents=sim.withholding_tax_cents,
        net_cents=sim.net_cents, pay_date=salary.pay_date, rule_set_id=sim.rule_set,
        expense_refunds=refunds, contract_number=f"C-{str(job.id)[:8]}",
    ))


def cash_collection_pdf(job: QuickJobRow, person: WorkerRow, amount_cents: int, collected_on: dt.date,
                        entity: LegalEntityRow | None = None) -> bytes:
    return render.render_cash_collection(CashCollectionDocument(
        number=f"CC-{str(job.id)[:8]}", issue_date=dt.date.today(),
        language=person.language or "nl", supplier=supplier(entity),
        worker_name=worker_name(person), client_name=job.client_name,
        description=f"{job.function}: {job.description}"[:300],
        collection_date=collected_on, amount_cents=amount_cents, vat_rate=job.vat_rate,
    ))
