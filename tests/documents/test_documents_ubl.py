"""Peppol BIS Billing 3.0 UBL: every variant the project produces passes the official validators
(OASIS UBL 2.1 XSD, CEN EN 16931 UBL rules, OpenPEPPOL BIS 3.0 rules: tests/official_validation.py)
and is consistent to the cent."""

from __future__ import annotations

import base64
import re
from datetime import date
from decimal import Decimal

import pytest
from documents_samples import (
    BE_CLIENT,
    FR_CLIENT,
    NL_CLIENT,
    SMART,
    US_BUSINESS,
    US_CLIENT,
    make_invoice,
)
from lxml import etree

from backend.documents.models import DocumentLine, compute_totals
from backend.documents.parties import Party
from backend.documents.pdf import render_invoice
from backend.documents.ubl import CUSTOMIZATION_ID, PROFILE_ID, peppol_endpoint, render_ubl_invoice
from backend.documents.values import DocumentError
from backend.engine.vat import place_of_supply, vat_amounts
from tests.official_validation import assert_valid_ubl, ubl_findings

NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
SMART_IBAN = "BE71096123456769"


def assert_valid(xml: bytes) -> etree._Element:
    assert_valid_ubl(xml)
    return etree.fromstring(xml)


def cents(root: etree._Element, path: str) -> int:
    """An amount as int cents; also checks it is written with exactly two decimals."""
    text = root.findtext(path, namespaces=NS)
    assert text is not None, path
    assert re.fullmatch(r"-?\d+\.\d{2}", text), f"{path}: {text!r}"
    return int(Decimal(text) * 100)


def assert_consistent(root: etree._Element, doc) -> None:
    credit = doc.kind == "credit_note"
    line_tag = "cac:CreditNoteLine" if credit else "cac:InvoiceLine"
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
        percent = sub.findtext("cac:TaxCategory/cbc:Percent", namespaces=NS)
        if sub.findtext("cac:TaxCategory/cbc:ID", namespaces=NS) == "O":
            assert percent is None  # BR-O-05/BR-O-09: no rate when not subject to VAT
        else:
            assert Decimal(percent) == Decimal(expected.vat_rate)
    total = "cac:LegalMonetaryTotal/cbc:"
    assert cents(root, total + "LineExtensionAmount") == doc.totals.base_cents
    assert cents(root, total + "TaxExclusiveAmount") == doc.totals.base_cents
    assert cents(root, total + "TaxInclusiveAmount") == doc.totals.total_cents
    assert cents(root, total + "PayableAmount") == doc.totals.total_cents - doc.prepaid_cents
    assert root.findtext("cbc:CustomizationID", namespaces=NS) == CUSTOMIZATION_ID
    assert root.findtext("cbc:ProfileID", namespaces=NS) == PROFILE_ID
    if credit:  # a credit note asks for no payment
        assert root.find("cac:PaymentMeans", NS) is None
    else:  # BR-50 / BR-61: a credit transfer names the payee's account
        assert root.findtext("cac:PaymentMeans/cbc:PaymentMeansCode", namespaces=NS) == "30"
        assert root.findtext("cac:PaymentMeans/cbc:PaymentID", namespaces=NS) == \
            re.sub(r"\D", "", doc.structured_communication)
        assert root.findtext("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID",
                             namespaces=NS) == SMART_IBAN
        assert root.findtext("cac:PaymentMeans/cac:PayeeFinancialAccount/"
                             "cac:FinancialInstitutionBranch/cbc:ID", namespaces=NS) == "GKCCBEBB"
    supplier = root.find("cac:AccountingSupplierParty/cac:Party/cbc:EndpointID", NS)
    assert (supplier.get("schemeID"), supplier.text) == ("0208", "0896755397")


def categories(root: etree._Element) -> list[tuple[str, str | None]]:
    return [(s.findtext("cac:TaxCategory/cbc:ID", namespaces=NS),
             s.findtext("cac:TaxCategory/cbc:Percent", namespaces=NS))
            for s in root.findall("cac:TaxTotal/cac:TaxSubtotal", NS)]


# ------------------------------------------------------------------ every variant we produce


def _lines(*specs) -> tuple[DocumentLine, ...]:
    return tuple(DocumentLine.of(*spec) for spec in specs)


def _included(amount_incl_cents: int, rate: str) -> int:
    """The base of a price given VAT included, as the engine computes it (api vatIncluded)."""
    return vat_amounts(amount_incl_cents, rate, True).base_cents


def _variants() -> dict[str, dict]:
    reverse = place_of_supply("FR", FR_CLIENT.vat_number, "21")
    outside = place_of_supply("US", US_BUSINESS.vat_number, "21")
    return {
        "be_b2b_21": dict(lines=_lines(("Stand op de beurs: ontwerp en opbouw", 100000, "21"))),
        "be_b2b_12": dict(lines=_lines(("Catering receptie (12 %)", 45000, "12"))),
        "be_b2b_6": dict(lines=_lines(("Optreden: concert in de bibliotheek", 60000, "6"))),
        "be_b2b_mixed_rates_several_days": dict(
            lines=_lines(("Workshop keramiek", 33333, "21", "2.5"), ("Klei", 1999, "6", "3"),
                         ("Affiche", 1, "21")),
            service_dates=(date(2026, 3, 2), date(2026, 3, 5)), buyer_reference="PO-77"),
        "expenses_reinvoiced": dict(lines=_lines(
            ("Grafisch ontwerp affiche", 80000, "21"),
            ("Doorgerekende kosten: verplaatsing (120 km)", 4500, "21"),
            ("Doorgerekende kosten: drukwerk", 12000, "21"))),
        "vat_included_amounts": dict(lines=_lines(
            ("Fotoreportage (prijs btw inbegrepen: 1.000,00)", _included(100000, "21"), "21"),
            ("Boekje (prijs btw inbegrepen: 10,00)", _included(1000, "6"), "6"))),
        "reverse_charge_eu_business": dict(
            lines=_lines(("Illustrations pour le catalogue", 150000, reverse.rate)),
            customer=FR_CLIENT, vat_exemption=reverse.exemption, language="fr"),
        "reverse_charge_dutch_company": dict(
            lines=_lines(("Illustraties voor catalogus", 150000, "0")), customer=NL_CLIENT,
            vat_exemption="intra_eu_reverse_charge", language="en", order_reference=None),
        "outside_scope_non_eu_business": dict(
            lines=_lines(("Logo design", 80000, outside.rate)), customer=US_BUSINESS,
            vat_exemption=outside.exemption, language="en"),
        "export": dict(lines=_lines(("Wooden cabinet, shipped to the client", 80000, "0")),
                       customer=US_CLIENT, vat_exemption="export", language="en"),
        "training_exempt": dict(lines=_lines(("Formation InDesign (2 jours)", 60000, "0")),
                                vat_exemption="training", language="fr"),
        "unicode_names": dict(
            lines=_lines(("Warsztaty: Łukasz Żółć – ceramika, ćwiczenia", 25000, "21")),
            customer=FR_CLIENT, worker_name="Łukasz Żółć",
            vat_exemption=None, language="fr"),
        "prepaid_part": dict(prepaid_cents=20000),
    }


VARIANTS = _variants()


def build(name: str, kind: str = "invoice"):
    spec = dict(VARIANTS[name])
    lines = spec.pop("lines", None)
    if lines is not None:
        spec["totals"] = compute_totals(lines)
    if name == "unicode_names":  # a Belgian VAT client is not reverse charged: pick BE
        spec["customer"] = Party("Łukasz Żółć – Atelier Ćma bv", ("Rue de la Loi 16",
                                 "1000 Bruxelles"), "BE", vat_number="BE0403019261")
    if kind == "credit_note":
        spec.update(kind="credit_note", number="CN2026/000007",
                    credited_invoice_number="2026/000042", credited_invoice_date=date(2026, 3, 3))
        spec.pop("prepaid_cents", None)
    return make_invoice(lines=lines, **spec)


@pytest.mark.parametrize("kind", ["invoice", "credit_note"])
@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_variant_passes_the_official_validators(name, kind):
    doc = build(name, kind)
    xml = render_ubl_invoice(doc)
    root = assert_valid(xml)
    assert_consistent(root, doc)
    assert root.tag.endswith("}CreditNote" if kind == "credit_note" else "}Invoice")


def test_the_check_bites_a_broken_invoice_is_rejected():
    """A deliberately broken invoice fails each layer: so a pass above means something."""
    xml = render_ubl_invoice(build("be_b2b_21"))
    root = etree.fromstring(xml)
    # 1. EN 16931: the payable amount no longer follows from the totals (BR-CO-16), and the
    #    credit transfer has no account (BR-61), as the issue found in production
    root.find("cac:LegalMonetaryTotal/cbc:PayableAmount", NS).text = "1.00"
    account = root.find("cac:PaymentMeans/cac:PayeeFinancialAccount", NS)
    account.getparent().remove(account)
    rules = {f.rule for f in ubl_findings(etree.tostring(root)) if f.fatal}
    assert {"BR-CO-16", "BR-61"} <= rules, rules
    # 2. Peppol: a wrong customization identifier
    root = etree.fromstring(xml)
    root.find("cbc:CustomizationID", NS).text = "urn:example:not-peppol"
    found = [f for f in ubl_findings(etree.tostring(root)) if f.fatal]
    assert any(f.source == "Peppol BIS 3.0" for f in found), found
    # 3. the OASIS schema: an element out of its sequence
    root = etree.fromstring(xml)
    issue_date = root.find("cbc:IssueDate", NS)
    root.remove(issue_date)
    root.append(issue_date)
    found = ubl_findings(etree.tostring(root))
    assert found and found[0].source == "XSD", found
    with pytest.raises(AssertionError, match="reject"):
        assert_valid_ubl(etree.tostring(root))


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
    assert category.findtext("cbc:TaxExemptionReasonCode", namespaces=NS) == "vatex-eu-132-1i"
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


def test_export_client_with_explicit_endpoint():
    lines = (DocumentLine.of("Wooden cabinet", 80000, "0"),)
    doc = make_invoice(lines=lines, totals=compute_totals(lines), customer=US_CLIENT,
                       vat_exemption="export", language="en")
    root = assert_valid(render_ubl_invoice(doc))
    assert_consistent(root, doc)
    assert categories(root) == [("G", "0")]
    assert root.findtext("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReasonCode",
                         namespaces=NS) == "vatex-eu-g"
    endpoint = root.find("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", NS)
    assert (endpoint.get("schemeID"), endpoint.text) == ("0060", "123456789")


def test_reverse_charge_for_a_french_business_client():
    """Place of supply (WBTW art. 21 §2): a French company with a valid FR VAT number is
    reverse charged, category AE with vatex-eu-ae, the mention in the document's language."""
    doc = build("reverse_charge_eu_business")
    root = assert_valid(render_ubl_invoice(doc))
    assert categories(root) == [("AE", "0")]
    category = root.find("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory", NS)
    assert category.findtext("cbc:TaxExemptionReasonCode", namespaces=NS) == "vatex-eu-ae"
    assert category.findtext("cbc:TaxExemptionReason", namespaces=NS).startswith("Autoliquidation")
    customer = root.find("cac:AccountingCustomerParty/cac:Party", NS)
    assert customer.findtext("cac:PartyTaxScheme/cbc:CompanyID", namespaces=NS) == "FR40303265045"
    assert customer.findtext("cac:PartyName/cbc:Name", namespaces=NS) == "Atelier Łukasz Żółć SARL"


def test_outside_scope_for_a_business_outside_the_eu():
    """Category O: no rate, no VAT identifier of either party (BR-O-02, BR-O-05); the seller
    is known by its enterprise number and its legal form and register (BT-30, BT-33)."""
    doc = build("outside_scope_non_eu_business")
    root = assert_valid(render_ubl_invoice(doc))
    assert categories(root) == [("O", None)]
    assert root.find(".//cac:PartyTaxScheme", NS) is None
    legal = root.find("cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity", NS)
    assert legal.findtext("cbc:CompanyID", namespaces=NS) == "0896755397"
    assert "asbl" in legal.findtext("cbc:CompanyLegalForm", namespaces=NS)
    assert "Outside the scope of Belgian VAT" in root.findtext("cbc:Note", namespaces=NS)


def test_credit_note_refers_to_the_invoice_and_asks_for_no_payment():
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
    assert root.find("cac:PaymentMeans", NS) is None
    assert root.find("cac:PaymentMeans/cbc:PaymentID", NS) is None


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
    assert peppol_endpoint(SMART) == ("0208", "0896755397")
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
