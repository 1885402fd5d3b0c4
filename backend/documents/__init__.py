"""Documents of a QuickJob: quote, invoice / credit note (PDF and Peppol UBL), cash-collection
declaration, employment contract, payslip; plus the storage, Peppol and Dimona ports.

Pure: no web framework, no database. The QuickJob service builds the dataclasses of
``models`` and calls ``pdf.render_*`` and ``ubl.render_ubl_invoice``; ``adapters`` keep
the results in readable files.
"""

from backend.documents.models import (
    CashCollectionDocument,
    ContractDocument,
    DocumentError,
    DocumentLine,
    ExpenseRefund,
    InvoiceDocument,
    Party,
    PayslipDocument,
    ProtectiveClauses,
    QuoteDocument,
    Totals,
    VatSubtotal,
    Worker,
    compute_totals,
    make_ogm,
)

__all__ = [
    "CashCollectionDocument", "ContractDocument", "DocumentError", "DocumentLine",
    "ExpenseRefund", "InvoiceDocument", "Party", "PayslipDocument", "ProtectiveClauses",
    "QuoteDocument", "Totals", "VatSubtotal", "Worker", "compute_totals", "make_ogm",
]
