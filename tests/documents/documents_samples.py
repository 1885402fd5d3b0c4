"""Sample parties and documents for the documents tests (no database, no web app),
and ``extract_text`` to read what a rendered PDF says."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from backend.documents.legal_entity import legal_entity
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
from backend.documents.values import make_ogm

SMART_ENTITY = legal_entity("smart")
SMART = SMART_ENTITY.party("nl")
SMART_FR = SMART_ENTITY.party("fr")
BE_CLIENT = Party("Atelier Dupont bv", ("Rue de la Loi 16", "1000 Bruxelles"), "BE",
                  vat_number="BE 0403.019.261", email="compta@dupont.example")
NL_CLIENT = Party("Ontwerpstudio Van Dijk B.V.", ("Keizersgracht 1", "1015 CJ Amsterdam"), "NL",
                  vat_number="NL004495445B01")
FR_CLIENT = Party("Atelier Łukasz Żółć SARL", ("12 rue de la Paix", "75002 Paris"), "FR",
                  vat_number="FR40303265045")
US_CLIENT = Party("Acme Inc.", ("1 Main Street", "Springfield, IL 62701"), "US",
                  vat_number=None, peppol_id="0060:123456789")
US_BUSINESS = Party("Acme Inc.", ("1 Main Street", "Springfield, IL 62701"), "US",
                    vat_number="US12-3456789", peppol_id="0060:123456789")
EMPLOYEE = Worker("Anaïs Peeters", ("Kerkstraat 5", "9000 Gent"), national_number="85073003328",
                  iban="BE71096123456769")


def make_invoice(lines: tuple[DocumentLine, ...] | None = None, **changes) -> InvoiceDocument:
    lines = lines or (DocumentLine.of("Stand op de beurs: ontwerp en opbouw", 100000, "21"),)
    language = changes.get("language", "nl")
    fields = dict(
        number="2026/000042", issue_date=date(2026, 3, 3), due_date=date(2026, 4, 2),
        service_dates=(date(2026, 3, 2),), supplier=SMART_ENTITY.party(language),
        customer=BE_CLIENT, lines=lines,
        totals=compute_totals(lines), structured_communication=make_ogm(2026000042),
        payment_iban="BE71 0961 2345 6769", payment_bic="GKCCBEBB", language="nl",
        worker_name="Anaïs Peeters", order_reference="Q-2026-0007",
    )
    fields.update(changes)
    return InvoiceDocument(**fields)


def make_quote(language: str = "nl", **changes) -> QuoteDocument:
    lines = (DocumentLine.of("Workshop keramiek", 45000, "21"),
             DocumentLine.of("Klei en glazuur", 1250, "6", quantity="4"))
    doc = QuoteDocument(
        number="Q-2026-0007", issue_date=date(2026, 2, 20), valid_until=date(2026, 3, 20),
        language=language, supplier=SMART_ENTITY.party(language), worker_name="Anaïs Peeters",
        client=BE_CLIENT,
        function="keramist", description="Workshop keramiek voor 12 personen",
        performance_dates=(date(2026, 3, 2), date(2026, 3, 3)), lines=lines,
        totals=compute_totals(lines),
        clauses=ProtectiveClauses(cancellation_fee_percent="50", notice_period_days=30),
        accept_url="https://quickjob.example/public/quotes/tok123",
    )
    return replace(doc, **changes) if changes else doc


def make_contract(language: str = "nl", **changes) -> ContractDocument:
    doc = ContractDocument(
        number="C-2026-0100", issue_date=date(2026, 2, 27), language=language,
        employer=SMART_ENTITY.party(language),
        worker=EMPLOYEE, function="grafisch ontwerper", description="Ontwerp van een beursstand",
        country="BE", risks="Werken op een ladder", work_dates=(date(2026, 3, 2), date(2026, 3, 3)),
        contract_type="employee", gross_cents=40000, withholding_rate="11.11",
        hours_per_day="7.6", joint_committee="200", client_name="Atelier Dupont bv",
    )
    return replace(doc, **changes) if changes else doc


def make_payslip(language: str = "nl", **changes) -> PayslipDocument:
    doc = PayslipDocument(
        number="P-2026-0100", issue_date=date(2026, 3, 5), language=language,
        employer=SMART_ENTITY.party(language),
        worker=EMPLOYEE, period_start=date(2026, 3, 2), period_end=date(2026, 3, 3),
        work_dates=(date(2026, 3, 2), date(2026, 3, 3)), contract_type="employee",
        gross_cents=40000, social_security_cents=5228, taxable_cents=34772,
        withholding_rate="11.11", withholding_cents=3863, net_cents=30909,
        pay_date=date(2026, 3, 11), rule_set_id="BE-2026-01",
        expense_refunds=(ExpenseRefund("travel", 2500, "trein"),), contract_number="C-2026-0100",
    )
    return replace(doc, **changes) if changes else doc


def make_cash(language: str = "nl", **changes) -> CashCollectionDocument:
    doc = CashCollectionDocument(
        number="CC-2026-0003", issue_date=date(2026, 3, 2), language=language,
        supplier=SMART_ENTITY.party(language),
        worker_name="Anaïs Peeters", client_name="Bezoekers kerstmarkt",
        description="Verkoop van kaarsen", collection_date=date(2026, 3, 1), amount_cents=12100,
        vat_rate="21", place="Gent",
    )
    return replace(doc, **changes) if changes else doc


def extract_text(pdf: bytes) -> str:
    """The text a PDF shows, page after page (pypdf reads the embedded font's ToUnicode map,
    so what it returns is what a person sees and a screen reader says)."""
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)
