"""From QuickJob rows to documents (backend/quickjobs/documents.py), without a database: the
supplier is named the same way on the quote, the contract and the invoice in each document's
language; the invoice names the accepted quote and the account to pay; the credit note asks
for nothing; every exemption code the engine emits renders."""

from __future__ import annotations

import datetime as dt
import io
import uuid

import msgspec
import pytest
from lxml import etree
from pypdf import PdfReader

from backend.engine import SimulationInput, simulate
from backend.quickjobs import documents
from backend.quickjobs.rows import InvoiceRow, QuickJobRow, SalaryRow, WorkerRow
from backend.units.rows import LegalEntityRow
from tests.official_validation import assert_valid_ubl

DAY = dt.date.today() + dt.timedelta(days=10)
NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}


def text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


NOW = dt.datetime.now(dt.UTC)


def job(language="fr", **changes) -> QuickJobRow:
    row = QuickJobRow(
        id=uuid.uuid4(), person=uuid.uuid4(), unit=uuid.uuid4(), client=uuid.uuid4(),
        function="graphiste", description="Affiche du festival", performance_dates=[DAY],
        amount_cents=100000, vat_included=False, vat_rate="21", vat_exemption=None,
        contract_type="employee", withholding_rate=None, paid_in_cash=False, status="accepted",
        simulation={}, rule_set="be-smart-2026", pay_date=DAY, review_reasons=[],
        language=language, created_at=NOW, updated_at=NOW, client_name="Atelier Dupont bv",
        client_email="compta@dupont.example", client_vat="BE0403019261",
        client_company_number="0403019261", client_country="BE",
        client_address="Rue de la Loi 16, 1000 Bruxelles", client_language=language)
    return msgspec.structs.replace(row, **changes)


PERSON = WorkerRow(id=uuid.uuid4(), phone=None, email=None, first_name="Łukasz",
                   last_name="Żółć", language="nl", national_number="85073003328",
                   iban="BE62510007547061", address=None)


def credited_invoice(number: str) -> InvoiceRow:
    return InvoiceRow(
        id=uuid.uuid4(), quickjob=uuid.uuid4(), legal_entity="smart", kind="invoice", year=DAY.year,
        sequence=42, number=number, credits=None, issue_date=DAY, due_date=DAY,
        structured_communication="+++202/6000/04236+++", base_cents=100000, vat_cents=21000,
        total_cents=121000, vat_rate="21", status="issued", paid_cents=0, pdf_key="x.pdf",
        ubl_key=None, peppol_transmission=None, created_at=NOW, public_token_hash=None)


def sim(rate="21", exemption=None, country="BE"):
    return simulate(SimulationInput(performance_dates=(DAY,), amount_cents=100000,
                                    vat_rate=rate, vat_exemption=exemption,
                                    client_country=country))


def test_the_supplier_is_named_the_same_way_on_quote_contract_and_invoice():
    quote = text(documents.quote_pdf(job("fr"), PERSON, sim(), "Q2026-000007", DAY, DAY,
                                     {"cancellationFeePercent": "50", "noticePeriodDays": 14,
                                      "depositPercent": "30"}, "https://qj.example/q/tok"))
    invoice_pdf, _ = documents.invoice_files(job("fr"), PERSON, None, sim(), "2026/000042", DAY,
                                             DAY + dt.timedelta(days=30), "+++202/6000/04236+++",
                                             kind="invoice", credited=None,
                                             order_reference="Q2026-000007")
    invoice = text(invoice_pdf)
    for document in (quote, invoice):
        assert "Smart – Productions Associées asbl" in document
        assert "Rue Coenraets 72" in document and "1060 Saint-Gilles" in document
        assert "RPM Tribunal de l'entreprise francophone de Bruxelles" in document
        assert "Verenigde Producties" not in document and "BE00" not in document
    contract = text(documents.contract_pdf(job("fr"), PERSON, sim()))  # the worker reads nl
    assert "Smart – Verenigde Producties vzw" in contract and "Coenraetsstraat 72" in contract
    assert "Łukasz Żółć" in contract
    # the quote promises no deposit, whatever an old stored clause says
    assert "Acompte" not in quote and "IBAN" not in quote
    # the invoice: order = the accepted quote; the account to pay
    assert "Bon de commande Q2026-000007" in invoice
    assert "BE71 0961 2345 6769" in invoice and "GKCCBEBB" in invoice


def test_the_configured_account_is_the_one_on_the_invoice_and_in_the_email():
    entity = LegalEntityRow(id="smart", name="Smart", country="BE", vat_number="BE0896755397",
                            company_number="0896.755.397", address="Rue Coenraets 72",
                            iban="BE62 5100 0754 7061", bic="VAPEBE22")
    pdf, ubl = documents.invoice_files(job("nl"), PERSON, entity, sim(), "2026/000043", DAY, DAY,
                                       "+++202/6000/04337+++", kind="invoice", credited=None,
                                       order_reference="Q2026-000008")
    assert "BE62 5100 0754 7061" in text(pdf)
    root = etree.fromstring(ubl)
    assert root.findtext("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID",
                         namespaces=NS) == "BE62510007547061"
    assert root.findtext("cac:OrderReference/cbc:ID", namespaces=NS) == "Q2026-000008"
    assert documents.payment_params(entity) == {"iban": "BE62 5100 0754 7061", "bic": "VAPEBE22"}


def test_a_credit_note_asks_for_no_payment():
    credited = credited_invoice("2026/000042")
    pdf, ubl = documents.invoice_files(job("en"), PERSON, None, sim(), "CN2026/000001", DAY, DAY,
                                       "+++202/6000/04236+++", kind="credit_note",
                                       credited=credited)
    shown = text(pdf)
    assert "Do not pay" in shown and "2026/000042" in shown
    assert "IBAN" not in shown and "+++202/6000/04236+++" not in shown
    assert_valid_ubl(ubl)
    root = etree.fromstring(ubl)
    assert root.find("cac:PaymentMeans", NS) is None
    assert root.findtext("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID",
                         namespaces=NS) == "2026/000042"


@pytest.mark.parametrize("exemption, country, client_vat, mention", [
    ("export", "US", None, "art. 39"),  # answered 500 before: documents only knew outside_eu
    ("outside_scope", "US", "US12-3456789", "art. 21"),
    ("intra_eu_reverse_charge", "FR", "FR40303265045", "Reverse charge"),
    ("training", "BE", "BE0403019261", "art. 44"),
])
def test_every_exemption_code_of_the_engine_renders_end_to_end(exemption, country, client_vat,
                                                               mention):
    row = job("en", vat_rate="0", vat_exemption=exemption, client_country=country,
              client_vat=client_vat, client_company_number=None,
              client_address="1 Main Street, 10001 New York" if country == "US"
              else "12 rue de la Paix, 75002 Paris")
    figures = sim("0", exemption, country)
    quote = text(documents.quote_pdf(row, PERSON, figures, "Q2026-000009", DAY, DAY,
                                     {"cancellationFeePercent": "50", "noticePeriodDays": 14},
                                     "https://qj.example/q/tok"))
    assert mention in quote
    for kind, credited in (("invoice", None),
                           ("credit_note", credited_invoice("2026/000044"))):
        pdf, ubl = documents.invoice_files(row, PERSON, None, figures, "2026/000045", DAY, DAY,
                                           "+++202/6000/04438+++", kind=kind, credited=credited)
        assert mention in text(pdf)
        if ubl is not None:
            assert_valid_ubl(ubl)


def test_a_payslip_shows_the_work_bonuses_of_the_simulation():
    # a low day wage: the RSZ work bonus and the fiscal work bonus apply (payroll, issue 12)
    low = simulate(SimulationInput(performance_dates=(DAY,), amount_cents=15000, vat_rate="21"))
    assert low.work_bonus_cents > 0 and low.fiscal_work_bonus_cents > 0
    salary = SalaryRow(id=uuid.uuid4(), contract=uuid.uuid4(), quickjob=uuid.uuid4(),
                       person=PERSON.id, pay_date=DAY, gross_cents=low.gross_cents,
                       social_security_cents=low.social_security_cents,
                       withholding_cents=low.withholding_tax_cents, net_cents=low.net_cents,
                       expenses_cents=0, status="due", guarantee_advance=False,
                       payslip_key=None, paid_at=None, created_at=NOW)
    shown = text(documents.payslip_pdf(job("fr"), PERSON, salary, low))
    assert "Werkbonus" in shown and "Fiscale werkbonus" in shown  # the worker reads nl
    euros = lambda cents: f"{cents // 100},{cents % 100:02d}"  # noqa: E731
    assert euros(low.work_bonus_cents) in shown and euros(low.fiscal_work_bonus_cents) in shown
    assert euros(low.net_cents) in shown
