"""The VAT place of supply through the whole API (WBTW art. 21 §2; Directive 2006/112 art. 44,
196): the simulation, the quote (PDF and page), the invoice, the credit note and their UBL
agree, and the UBL passes the official validators (tests/official_validation.py)."""

from __future__ import annotations

import io
import re

import pytest
from lxml import etree
from pypdf import PdfReader

from tests.official_validation import assert_valid_ubl
from tests.quickjobs.conftest import quickjob_body, token_of

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"

FRENCH_BUSINESS = {"name": "Atelier Dupont SARL", "email": "compta@atelier-dupont.fr",
                   "vatNumber": "FR40303265045", "country": "FR",
                   "address": "12 rue de la Paix, 75002 Paris", "language": "fr"}
SWISS_BUSINESS = {"name": "Uhrenatelier Keller AG", "email": "buchhaltung@keller.ch",
                  "vatNumber": "CHE-109.322.551 MWST", "country": "CH",
                  "address": "Bahnhofstrasse 1, 8001 Zürich", "language": "en"}
FRENCH_PERSON = {"name": "Camille Martin", "email": "camille.martin@example.fr",
                 "country": "FR", "address": "3 place Bellecour, 69002 Lyon", "language": "fr"}


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())


def vat_categories(ubl: bytes) -> set[str]:
    doc = etree.fromstring(ubl)
    return {e.text for e in doc.iter(f"{{{CBC}}}ID")
            if e.getparent().tag == f"{{{CAC}}}TaxCategory"
            or e.getparent().tag == f"{{{CAC}}}ClassifiedTaxCategory"}


async def invoiced(client, headers, body: dict) -> tuple[dict, dict]:
    r = await client.post("/api/v1/quickjobs", json=body, headers=headers)
    assert r.status_code == 201, r.text
    job = r.json()
    accepted = await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
    assert accepted.status_code == 201, accepted.text
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice", headers=headers)
    assert r.status_code == 201, r.text
    return job, r.json()


async def test_a_french_business_client_is_reverse_charged_everywhere(client, worker_headers):
    # The worker picks 21 %, as for a Belgian client: the place of supply decides.
    body = quickjob_body(client=FRENCH_BUSINESS, vatRate="21")
    job, invoice = await invoiced(client, worker_headers, body)
    sim = job["simulation"]
    assert sim["vatCents"] == 0 and sim["totalInclVatCents"] == sim["turnoverCents"] == 100000
    # The public simulation with the same treatment gives the same cents.
    same = (await client.post("/api/v1/simulations", json={
        "performanceDates": body["performanceDates"], "amountCents": 100000, "vatRate": "0",
        "vatExemption": "intra_eu_reverse_charge", "clientCountry": "FR",
        "contractType": "employee", "withholdingRate": "11.11",
        "expenses": body["expenses"]})).json()
    assert same == sim

    quote_pdf = pdf_text((await client.get(job["quote"]["pdfUrl"], headers=worker_headers)).content)
    assert "Autoliquidation" in quote_pdf and "Devis" in quote_pdf  # the client reads French
    page = (await client.get(f"/q/{token_of(job['quote']['acceptUrl'])}")).text
    assert "Autoliquidation – TVA due par le preneur" in page

    assert invoice["vatCents"] == 0 and invoice["totalCents"] == 100000
    invoice_pdf = pdf_text((await client.get(invoice["pdfUrl"], headers=worker_headers)).content)
    assert "Autoliquidation" in invoice_pdf and "FR40303265045" in invoice_pdf
    assert invoice["ublUrl"], "a French company with a VAT number is reached on Peppol"
    ubl = (await client.get(invoice["ublUrl"], headers=worker_headers)).content
    assert vat_categories(ubl) == {"AE"}
    assert b"vatex-eu-ae" in ubl.lower() and b"FR40303265045" in ubl
    assert_valid_ubl(ubl)  # XSD, EN 16931, Peppol BIS 3.0
    invoice_page = (await client.get(re.sub(r"^https?://[^/]+", "", invoice["pageUrl"]))).text
    assert "Autoliquidation" in invoice_page

    # Its credit note: the same treatment, nothing to pay, valid too.
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice/cancel", headers=worker_headers)
    assert r.status_code == 201, r.text
    credit = r.json()
    assert credit["kind"] == "credit_note" and credit["totalCents"] == -100000
    credit_ubl = (await client.get(credit["ublUrl"], headers=worker_headers)).content
    assert b"<CreditNote" in credit_ubl and vat_categories(credit_ubl) == {"AE"}
    assert invoice["number"].encode() in credit_ubl  # it refers to the invoice it cancels
    assert_valid_ubl(credit_ubl)
    credit_pdf = pdf_text((await client.get(credit["pdfUrl"], headers=worker_headers)).content)
    assert "Autoliquidation" in credit_pdf and invoice["number"] in credit_pdf
    assert "BE71" not in credit_pdf.replace(" ", "")  # no account: it asks for no payment


async def test_a_business_client_outside_the_eu_is_outside_the_scope(client, worker_headers):
    job, invoice = await invoiced(client, worker_headers,
                                  quickjob_body(client=SWISS_BUSINESS, vatRate="21"))
    assert job["simulation"]["vatCents"] == 0
    assert invoice["vatCents"] == 0 and invoice["totalCents"] == 100000
    text = pdf_text((await client.get(invoice["pdfUrl"], headers=worker_headers)).content)
    assert "Outside the scope of Belgian VAT" in text and "Switzerland" in text
    assert invoice["ublUrl"] is None  # no Peppol address known for a Swiss company


async def test_private_clients_pay_belgian_vat_wherever_they_live(client, worker_headers):
    job, invoice = await invoiced(client, worker_headers,
                                  quickjob_body(client=FRENCH_PERSON, vatRate="21"))
    assert job["simulation"]["vatCents"] == 21000
    assert invoice["vatCents"] == 21000 and invoice["totalCents"] == 121000
    assert invoice["ublUrl"] is None  # a private person is not on Peppol


@pytest.mark.parametrize("number", ["FR00000000000", "CHE-109.322.552"])
async def test_an_invalid_vat_number_is_refused_and_nothing_is_made(client, worker_headers,
                                                                     number):
    country = "FR" if number.startswith("FR") else "CH"
    body = quickjob_body(client={**FRENCH_BUSINESS, "vatNumber": number, "country": country})
    r = await client.post("/api/v1/quickjobs", json=body, headers=worker_headers)
    assert r.status_code == 422
    assert [e["field"] for e in r.json()["errors"]] == ["client.vatNumber"]
    listing = (await client.get("/api/v1/quickjobs", headers=worker_headers)).json()
    assert listing["items"] == []


async def test_expenses_added_later_keep_the_reverse_charge(client, worker_headers):
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(client=FRENCH_BUSINESS),
                          headers=worker_headers)
    job = r.json()
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/expenses", headers=worker_headers,
                          data={"amount_cents": "2500", "category": "material"},
                          files={"receipt": ("bon.jpg", b"\xff\xd8\xff\xe0" + b"0" * 2000,
                                             "image/jpeg")})
    assert r.status_code == 201, r.text
    job = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert job["simulation"]["vatCents"] == 0 and job["simulation"]["expensesCents"] == 7500
