"""Documents of a QuickJob: quote, invoice / credit note (PDF and Peppol UBL), cash-collection
declaration, employment contract, payslip; plus the storage, Peppol and Dimona ports.

Pure: no web framework, no database. The QuickJob service builds the dataclasses of
``models`` and calls ``pdf.render_*`` and ``ubl.render_ubl_invoice``; ``adapters`` keep
the results in readable files.

- ``legal_entity``: the cooperative's identity (reference data with sources), the supplier
  ``Party`` of every document in its language, and the check that an invoice has an account;
- ``epc_qr``: the EPC069-12 "scan to pay" payload and QR code of an invoice;
- money, dates and rates for people come from ``backend.platform.formatting`` (Babel); VAT exemption
  mentions, EN 16931 categories and VATEX codes from the engine's dated rule sets.
"""

from backend.documents.models import (
    CashCollectionDocument,
    ContractDocument,
    DocumentLine,
    ExpenseRefund,
    InvoiceDocument,
    PayslipDocument,
    ProtectiveClauses,
    QuoteDocument,
    Totals,
    VatSubtotal,
    compute_totals,
)
from backend.documents.parties import Party, Worker
from backend.documents.values import DocumentError, make_ogm

__all__ = [
    "CashCollectionDocument", "ContractDocument", "DocumentError", "DocumentLine",
    "ExpenseRefund", "InvoiceDocument", "Party", "PayslipDocument", "ProtectiveClauses",
    "QuoteDocument", "Totals", "VatSubtotal", "Worker", "compute_totals", "make_ogm",
]
