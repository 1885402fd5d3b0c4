"""Peppol BIS Billing 3.0 UBL: schema-valid, rule-clean, consistent to the cent."""

from __future__ import annotations

import base64
import re
from datetime import date
from decimal import Decimal

import pytest
from documents_samples import BE_CLIENT, NL_CLIENT, SMART, US_CLIENT, make_invoice
from lxml import etree
from peppol import check_rules, validate_xsd

from backend.documents.models import DocumentError, DocumentLine, Party, compute_totals
from backend.documents.pdf import render_invoice
from backend.documents.ubl import CUSTOMIZATION_ID, PROFILE_ID, peppol_endpoint, render_ubl_invoice

NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}


def assert_valid(xml: bytes) -> etree._Element:
    ok, errors = validate_xsd(xml)
    assert ok, "XSD errors:\n" + "\n".join(errors)
    findings = check_rules(xml)
    for finding in findings:
        print(finding)
    fatal = [f for f in findings if f.severity == "fatal"]
    assert not fatal, "Peppol rule findings:\n" + "\n".join(str(f) for f in fatal)
    return etree.fromstring(xml)


def cents(root: etree._Element, path: str) -> int:
    """An amount as int cents; also checks it is written with exactly two decimals."""
    text = root.findtext(path, namespaces=NS)
    assert text is not None, path
    assert re.fullmatch(r"-?\d+\.\d{2}", text), f"{path}: {text!r}"
    return int(Decimal(text) * 100)


def assert_consistent(root: etree._Element, doc) -> None:
    line_tag = "cac:CreditNoteLine" if doc.kind == "credit_note" else "cac:InvoiceLine"
    lines = root.findall(line_tag, NS)
    assert len(lines) == len(doc.lines)
    assert sum(cents(ln, "cbc:LineExtensionAmount") for ln in lines) == doc.totals.base_cents
    for ln, line in zip(lines, doc.lines, strict=True):
        assert cents(ln, "cbc:LineExtensionAmount") == line.amount_cents
        assert cents(ln, "cac:Price/cbc:PriceAmount") == line.unit_price_cents
    assert cents(root, "cac:TaxTotal/cbc:TaxAmount") == doc.totals.vat_cents
    subs = root.findall("cac:TaxTotal/cac:TaxSubtotal", NS)
    assert len(subs) == len(doc.totals.breakdown)
    for sub, expected in zip(subs, doc.totals.breakdown, strict=True):
        assert cents(sub, "cbc:TaxableAmount") == expected.base_cents
        assert cents(sub, "cbc:TaxAmount") == expected.vat_cents
        assert Decimal(sub.findtext("cac:TaxCategory/cbc:Percent", namespaces=NS)) == \
            Decimal(expected.vat_rate)
    total = "cac:LegalMonetaryTotal/cbc:"
    assert cents(root, total + "LineExtensionAmount") == doc.totals.base_cents
    assert cents(root, total + "TaxExclusiveAmount") == doc.totals.base_cents
    assert cents(root, total + "TaxInclusiveAmount") == doc.totals.total_cents
    assert cents(root, total + "PayableAmount") == doc.payable_cents
    assert root.findtext("cbc:CustomizationID", namespaces=NS) == CUSTOMIZATION_ID
    assert root.findtext("cbc:ProfileID", namespaces=NS) == PROFILE_ID
    assert root.findtext("cac:PaymentMeans/cbc:PaymentMeansCode", namespaces=NS) == "30"
    assert root.findtext("cac:PaymentMeans/cbc:PaymentID", namespaces=NS) == \
        re.sub(r"\D", "", doc.structured_communication)
    assert root.findtext("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID",
                         namespaces=NS) == "BE68539007547034"
    supplier = root.find("cac:AccountingSupplierParty/cac:Party/cbc:EndpointID", NS)
    assert (supplier.get("schemeID"), supplier.text) == ("0208", "0403170701")


def categories(root: etree._Element) -> list[tuple[str, str]]:
    return [(s.findtext("cac:TaxCategory/cbc:ID", namespaces=NS),
             s.findtext("cac:TaxCategory/cbc:Percent", namespaces=NS))
            for s in root.findall("cac:TaxTotal/cac:TaxSubtotal", NS)]


def test_single_line_at_21_percent():
    doc = make_invoice()
    root = assert_valid(render_ubl_invoice(doc))
    assert_consistent(root, doc)
    assert root.tag.endswith("}Invoice")
    assert root.findtext("cbc:InvoiceTypeCode", namespaces=NS) == "380"
    assert categories(root) == [("S", "21")]
    assert cents(root, "cac:TaxTotal/cbc:TaxAmount") == 21000
    customer = root.find("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", NS)
    assert (customer.get("schemeID"), customer.text) == ("0208", "0403019261")
    assert root.findtext("cac:OrderReference/cbc:ID", namespaces=NS) == "Q-2026-0007"
    assert root.findtext("cac:Delivery/cbc:ActualDeliveryDate", namespaces=NS) == "2026-03-02"
    vat = root.findtext("cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID",
                        namespaces=NS)
    assert vat == "BE0403019261"


def test_mixed_21_and_6_percent_with_deposit_and_several_days():
    lines = (DocumentLine.of("Workshop keramiek", 33333, "21", quantity="2.5"),
             DocumentLine.of("Klei", 1999, "6", quantity="3", unit_code="KGM"),
             DocumentLine.of("Affiche", 1, "21"))
    totals = compute_totals(lines)
    doc = make_invoice(lines=lines, totals=totals, prepaid_cents=20000, buyer_reference="PO-77",
                       service_dates=(date(2026, 3, 2), date(2026, 3, 5)))
    root = assert_valid(render_ubl_invoice(doc))
    assert_consistent(root, doc)
    assert categories(root) == [("S", "21"), ("S", "6")]
    assert cents(root, "cac:LegalMonetaryTotal/cbc:PrepaidAmount") == 20000
    assert root.findtext("cbc:BuyerReference", namespaces=NS) == "PO-77"
    assert root.findtext("cac:InvoicePeriod/cbc:StartDate", namespaces=NS) == "2026-03-02"
    assert root.findtext("cac:InvoicePeriod/cbc:EndDate", namespaces=NS) == "2026-03-05"
    # 2.5 x 333.33 = 833.325 -> 833.33; VAT on 833.34 at 21 % = 175.0014 -> 175.00
    assert totals.breakdown[0].base_cents == 83334 and totals.breakdown[0].vat_cents == 17500


def test_exempt_training():
    lines = (DocumentLine.of("Opleiding InDesign (2 dagen)", 60000, "0"),)
    doc = make_invoice(lines=lines, totals=compute_totals(lines), vat_exemption="training",
                       language="fr")
    root = assert_valid(render_ubl_invoice(doc))
    assert_consistent(root, doc)
    assert categories(root) == [("E", "0")]
    category = root.find("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory", NS)
    assert category.findtext("cbc:TaxExemptionReasonCode", namespaces=NS) == "VATEX-EU-132-1I"
    assert "art. 44" in category.findtext("cbc:TaxExemptionReason", namespaces=NS)
    assert "art. 44" in root.findtext("cbc:Note", namespaces=NS)
    assert cents(root, "cac:TaxTotal/cbc:TaxAmount") == 0


def test_intra_eu_reverse_charge_to_a_dutch_company():
    lines = (DocumentLine.of("Illustraties voor catalogus", 150000, "0"),)
    doc = make_invoice(lines=lines, totals=compute_totals(lines), customer=NL_CLIENT,
                       vat_exemption="intra_eu_reverse_charge", language="en",
                       order_reference=None, buyer_reference=None)
    root = assert_valid(render_ubl_invoice(doc))
    assert_consistent(root, doc)
    assert categories(root) == [("AE", "0")]
    customer = root.find("cac:AccountingCustomerParty/cac:Party", NS)
    endpoint = customer.find("cbc:EndpointID", NS)
    assert (endpoint.get("schemeID"), endpoint.text) == ("9944", "NL004495445B01")
    assert customer.findtext("cac:PartyTaxScheme/cbc:CompanyID", namespaces=NS) == "NL004495445B01"
    assert customer.findtext("cac:PostalAddress/cbc:PostalZone", namespaces=NS) == "1015 CJ"
    assert customer.findtext("cac:PostalAddress/cbc:CityName", namespaces=NS) == "Amsterdam"
    assert customer.find("cac:PartyIdentification", NS) is None  # no Belgian number
    # neither reference given: the invoice number stands in as BuyerReference (PEPPOL-R003)
    assert root.findtext("cbc:BuyerReference", namespaces=NS) == "2026/000042"
    reason = root.findtext("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason",
                           namespaces=NS)
    assert reason.startswith("Reverse charge")


def test_outside_eu_client_with_explicit_endpoint():
    lines = (DocumentLine.of("Logo design", 80000, "0"),)
    doc = make_invoice(lines=lines, totals=compute_totals(lines), customer=US_CLIENT,
                       vat_exemption="outside_eu", language="en")
    root = assert_valid(render_ubl_invoice(doc))
    assert_consistent(root, doc)
    assert categories(root) == [("G", "0")]
    endpoint = root.find("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", NS)
    assert (endpoint.get("schemeID"), endpoint.text) == ("0060", "123456789")


def test_credit_note():
    lines = (DocumentLine.of("Stand op de beurs: ontwerp en opbouw", 100000, "21"),
             DocumentLine.of("Drukwerk", 5000, "6"))
    doc = make_invoice(lines=lines, totals=compute_totals(lines), kind="credit_note",
                       number="2026/000043", credited_invoice_number="2026/000042",
                       credited_invoice_date=date(2026, 3, 3))
    xml = render_ubl_invoice(doc)
    root = assert_valid(xml)
    assert_consistent(root, doc)
    assert root.tag.endswith("}CreditNote")
    assert root.findtext("cbc:CreditNoteTypeCode", namespaces=NS) == "381"
    assert root.find("cbc:DueDate", NS) is None
    ref = root.find("cac:BillingReference/cac:InvoiceDocumentReference", NS)
    assert ref.findtext("cbc:ID", namespaces=NS) == "2026/000042"
    assert ref.findtext("cbc:IssueDate", namespaces=NS) == "2026-03-03"
    assert root.find("cac:CreditNoteLine/cbc:CreditedQuantity", NS) is not None
    assert cents(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == 121000 + 5300


def test_embedded_pdf_is_the_visual_representation():
    doc = make_invoice()
    pdf = render_invoice(doc)
    root = assert_valid(render_ubl_invoice(doc, pdf=pdf))
    obj = root.find("cac:AdditionalDocumentReference/cac:Attachment/"
                    "cbc:EmbeddedDocumentBinaryObject", NS)
    assert obj.get("mimeCode") == "application/pdf"
    assert obj.get("filename") == "2026_000042.pdf"
    assert base64.b64decode(obj.text) == pdf


def test_amounts_are_never_floats_even_for_large_sums():
    lines = (DocumentLine.of("Tournee", 123456789, "21", quantity="3"),)
    doc = make_invoice(lines=lines, totals=compute_totals(lines))
    root = assert_valid(render_ubl_invoice(doc))
    assert root.findtext("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=NS) == \
        "4481481.44"


def test_customer_without_peppol_endpoint_is_refused():
    consumer = Party("Jan Janssens", ("Dorpstraat 3", "2000 Antwerpen"), "BE")
    assert peppol_endpoint(consumer) is None
    with pytest.raises(DocumentError, match="Peppol endpoint"):
        render_ubl_invoice(make_invoice(customer=consumer))


def test_reverse_charge_needs_the_customer_vat_number():
    no_vat = Party("Studio", ("Keizersgracht 1", "1015 CJ Amsterdam"), "NL",
                   peppol_id="0106:12345678")
    lines = (DocumentLine.of("Illustraties", 1000, "0"),)
    doc = make_invoice(lines=lines, totals=compute_totals(lines), customer=no_vat,
                       vat_exemption="intra_eu_reverse_charge")
    with pytest.raises(DocumentError, match="BR-AE-02"):
        render_ubl_invoice(doc)


def test_invalid_belgian_enterprise_number_is_refused():
    bad = Party("Fout bv", ("Straat 1", "1000 Brussel"), "BE", vat_number="BE0403170702")
    with pytest.raises(DocumentError, match="enterprise number"):
        render_ubl_invoice(make_invoice(customer=bad))


def test_endpoints():
    assert peppol_endpoint(SMART) == ("0208", "0403170701")
    assert peppol_endpoint(BE_CLIENT) == ("0208", "0403019261")
    assert peppol_endpoint(NL_CLIENT) == ("9944", "NL004495445B01")
    assert peppol_endpoint(Party("X", (), "BE", company_number="0403.019.261")) == \
        ("0208", "0403019261")
    assert peppol_endpoint(Party("X", (), "FR", vat_number="FR40303265045")) == \
        ("9957", "FR40303265045")


def test_one_line_address_is_split_into_street_postal_code_and_city():
    one_line = Party("Atelier Dupont bv", ("Rue de la Loi 16, 1000 Bruxelles",), "BE",
                     vat_number="BE0403019261")
    root = assert_valid(render_ubl_invoice(make_invoice(customer=one_line)))
    address = root.find("cac:AccountingCustomerParty/cac:Party/cac:PostalAddress", NS)
    assert address.findtext("cbc:StreetName", namespaces=NS) == "Rue de la Loi 16"
    assert address.findtext("cbc:PostalZone", namespaces=NS) == "1000"
    assert address.findtext("cbc:CityName", namespaces=NS) == "Bruxelles"
