"""Sample parties and documents for the documents tests (no database, no web app),
and ``extract_text`` to read what a rendered PDF says."""

from __future__ import annotations

import re
import zlib
from dataclasses import replace
from datetime import date

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
    make_ogm,
)

SMART = Party(
    "Smart", ("Koningsstraat 1",), "BE", vat_number="BE0403170701", iban="BE68539007547034",
    bic="GKCCBEBB", postal_code="1000", city="Brussel", legal_form="cv",
    register="RPR Brussel", email="facturen@example.be",
)
BE_CLIENT = Party("Atelier Dupont bv", ("Rue de la Loi 16", "1000 Bruxelles"), "BE",
                  vat_number="BE 0403.019.261", email="compta@dupont.example")
NL_CLIENT = Party("Ontwerpstudio Van Dijk B.V.", ("Keizersgracht 1", "1015 CJ Amsterdam"), "NL",
                  vat_number="NL004495445B01")
US_CLIENT = Party("Acme Inc.", ("1 Main Street", "Springfield, IL 62701"), "US",
                  vat_number=None, peppol_id="0060:123456789")
EMPLOYEE = Worker("Anaïs Peeters", ("Kerkstraat 5", "9000 Gent"), national_number="85073003328",
                  iban="BE71096123456769")


def make_invoice(lines: tuple[DocumentLine, ...] | None = None, **changes) -> InvoiceDocument:
    lines = lines or (DocumentLine.of("Stand op de beurs: ontwerp en opbouw", 100000, "21"),)
    fields = dict(
        number="2026/000042", issue_date=date(2026, 3, 3), due_date=date(2026, 4, 2),
        service_dates=(date(2026, 3, 2),), supplier=SMART, customer=BE_CLIENT, lines=lines,
        totals=compute_totals(lines), structured_communication=make_ogm(2026000042),
        payment_iban="BE68 5390 0754 7034", payment_bic="GKCCBEBB", language="nl",
        worker_name="Anaïs Peeters", order_reference="Q-2026-0007",
    )
    fields.update(changes)
    return InvoiceDocument(**fields)


def make_quote(language: str = "nl", **changes) -> QuoteDocument:
    lines = (DocumentLine.of("Workshop keramiek", 45000, "21"),
             DocumentLine.of("Klei en glazuur", 1250, "6", quantity="4"))
    doc = QuoteDocument(
        number="Q-2026-0007", issue_date=date(2026, 2, 20), valid_until=date(2026, 3, 20),
        language=language, supplier=SMART, worker_name="Anaïs Peeters", client=BE_CLIENT,
        function="keramist", description="Workshop keramiek voor 12 personen",
        performance_dates=(date(2026, 3, 2), date(2026, 3, 3)), lines=lines,
        totals=compute_totals(lines),
        clauses=ProtectiveClauses(deposit_percent="30", cancellation_fee_percent="50",
                                  notice_period_days=30),
        accept_url="https://quickjob.example/public/quotes/tok123",
    )
    return replace(doc, **changes) if changes else doc


def make_contract(language: str = "nl", **changes) -> ContractDocument:
    doc = ContractDocument(
        number="C-2026-0100", issue_date=date(2026, 2, 27), language=language, employer=SMART,
        worker=EMPLOYEE, function="grafisch ontwerper", description="Ontwerp van een beursstand",
        country="BE", risks="Werken op een ladder", work_dates=(date(2026, 3, 2), date(2026, 3, 3)),
        contract_type="employee", gross_cents=40000, withholding_rate="11.11",
        hours_per_day="7.6", joint_committee="200", client_name="Atelier Dupont bv",
    )
    return replace(doc, **changes) if changes else doc


def make_payslip(language: str = "nl", **changes) -> PayslipDocument:
    doc = PayslipDocument(
        number="P-2026-0100", issue_date=date(2026, 3, 5), language=language, employer=SMART,
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
        number="CC-2026-0003", issue_date=date(2026, 3, 2), language=language, supplier=SMART,
        worker_name="Anaïs Peeters", client_name="Bezoekers kerstmarkt",
        description="Verkoop van kaarsen", collection_date=date(2026, 3, 1), amount_cents=12100,
        vat_rate="21", place="Gent",
    )
    return replace(doc, **changes) if changes else doc


_STRING = re.compile(rb"\((?:\\.|[^\\)])*\)\s*Tj", re.S)


def _unescape(raw: bytes) -> str:
    out = bytearray()
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == 0x5C and i + 1 < len(raw):  # backslash
            n = raw[i + 1]
            if n in b"nrtbf":
                out += {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b",
                        ord("f"): b"\f"}[n]
                i += 2
                continue
            if 0x30 <= n <= 0x37:
                digits = re.match(rb"[0-7]{1,3}", raw[i + 1:i + 4]).group(0)
                out.append(int(digits, 8))
                i += 1 + len(digits)
                continue
            out.append(n)
            i += 2
            continue
        out.append(c)
        i += 1
    return out.decode("cp1252")


def extract_text(pdf: bytes) -> str:
    """The text shown by a PDF made with core fonts: every ``(...) Tj`` string of every
    (inflated) content stream, one per line. Enough to assert what a document says."""
    texts = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        data = match.group(1)
        try:
            data = zlib.decompress(data)
        except zlib.error:
            pass
        for s in _STRING.finditer(data):
            raw = s.group(0)
            raw = raw[1:raw.rindex(b")")]
            texts.append(_unescape(raw))
    return "\n".join(texts)

