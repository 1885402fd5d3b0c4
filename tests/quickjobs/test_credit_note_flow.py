"""A credit note through the API, as the client and Peppol get it: it refers to the invoice it
cancels, asks for no payment, passes the official validators, and its entries are reversed."""

from __future__ import annotations

import datetime as dt
import io

from lxml import etree
from pypdf import PdfReader

from backend.platform.formatting import format_date
from tests.official_validation import assert_valid_ubl
from tests.quickjobs.conftest import quickjob_body, token_of

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())


async def test_a_credit_note_cancels_the_invoice_for_the_client_peppol_and_the_ledger(
        client, worker_headers, adviser_headers):
    body = quickjob_body(vatRate="6")  # Belgian B2B at 6 %, expenses re-invoiced
    job = (await client.post("/api/v1/quickjobs", json=body, headers=worker_headers)).json()
    await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
    unit_before = (await client.get(f"/api/v1/units/{job['unitId']}", headers=worker_headers)).json()
    invoice = (await client.post(f"/api/v1/quickjobs/{job['id']}/invoice",
                                 headers=worker_headers)).json()
    assert invoice["vatCents"] == 6000
    assert_valid_ubl((await client.get(invoice["ublUrl"], headers=worker_headers)).content)

    r = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice/cancel", headers=worker_headers)
    assert r.status_code == 201, r.text
    credit = r.json()
    assert credit["kind"] == "credit_note" and credit["number"].startswith("CN")
    assert credit["creditsInvoiceId"] == invoice["id"]
    assert (credit["baseCents"], credit["vatCents"], credit["totalCents"]) == \
        (-invoice["baseCents"], -invoice["vatCents"], -invoice["totalCents"])
    assert credit["pageUrl"] is None  # the client reads it on the invoice's page

    # The PDF: which invoice it cancels, "do not pay", no account, no QR code to pay.
    text = pdf_text((await client.get(credit["pdfUrl"], headers=worker_headers)).content)
    assert invoice["number"] in text
    assert format_date(dt.date.fromisoformat(invoice["issueDate"]), "nl") in text
    assert "Niet betalen: deze creditnota vraagt geen betaling." in text
    assert "BE71" not in text.replace(" ", "") and invoice["structuredCommunication"] not in text

    # The UBL: a CreditNote naming the invoice, no payment means, valid for Peppol.
    ubl = (await client.get(credit["ublUrl"], headers=worker_headers)).content
    doc = etree.fromstring(ubl)
    assert etree.QName(doc).localname == "CreditNote"
    reference = doc.find(f"{{{CAC}}}BillingReference/{{{CAC}}}InvoiceDocumentReference/{{{CBC}}}ID")
    assert reference is not None and reference.text == invoice["number"]
    assert doc.find(f"{{{CAC}}}PaymentMeans") is None
    assert_valid_ubl(ubl)

    # The ledger: the invoice's entry reversed, the unit back where it was before the invoice.
    unit = (await client.get(f"/api/v1/units/{job['unitId']}", headers=worker_headers)).json()
    assert unit["balanceCents"] == unit_before["balanceCents"]
    job = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert job["status"] == "accepted" and job["invoice"]["status"] == "credited"
    assert [c["number"] for c in job["creditNotes"]] == [credit["number"]]

    # A paid invoice is never credited this way: its money is there.
    second = (await client.post(f"/api/v1/quickjobs/{job['id']}/invoice",
                                headers=worker_headers)).json()
    await client.post(f"/api/v1/backoffice/invoices/{second['id']}/payments",
                      json={"amountCents": 1000, "date": dt.date.today().isoformat()},
                      headers=adviser_headers)
    refused = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice/cancel",
                                headers={**worker_headers, "Accept-Language": "en"})
    assert refused.status_code == 409 and refused.json()["type"].endswith("/invoice_paid")
