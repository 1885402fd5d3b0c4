"""From QuickJob rows to documents (backend/quickjobs/documents.py), without a database: the
supplier is named the same way on the quote, the contract and the invoice in each document's
language; the invoice names the accepted quote and the account to pay; the credit note asks
for nothing; every exemption code the engine emits renders."""

from __future__ import annotations

import datetime as dt
import io
import uuid

import pytest
from lxml import etree
from pypdf import PdfReader

from backend.engine import SimulationInput, simulate
from backend.quickjobs import documents
from tests.official_validation import assert_valid_ubl

DAY = dt.date.today() + dt.timedelta(days=10)
NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}


def text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def job(language="fr", **changes) -> dict:
    row = {"id": uuid.uuid4(), "function": "graphiste", "description": "Affiche du festival",
           "performance_dates": [DAY], "vat_rate": "21", "vat_exemption": None,
           "contract_type": "employee", "client_name": "Atelier Dupont bv",
           "client_address": "Rue de la Loi 16, 1000 Bruxelles", "client_country": "BE",
           "client_vat": "BE0403019261", "client_company_number": "0403019261",
           "client_email": "compta@dupont.example", "client_language": language}
    row.update(changes)
    return row


PERSON = {"first_name": "Łukasz", "last_name": "Żółć", "language": "nl",
          "national_number": "85073003328", "iban": "BE62510007547061"}


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
    entity = {"id": "smart", "iban": "BE62 5100 0754 7061", "bic": "VAPEBE22"}
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
    credited = {"number": "2026/000042", "issue_date": DAY}
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
                           ("credit_note", {"number": "2026/000044", "issue_date": DAY})):
        pdf, ubl = documents.invoice_files(row, PERSON, None, figures, "2026/000045", DAY, DAY,
                                           "+++202/6000/04438+++", kind=kind, credited=credited)
        assert mention in text(pdf)
        if ubl is not None:
            assert_valid_ubl(ubl)
