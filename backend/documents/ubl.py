"""Peppol BIS Billing 3.0 (UBL 2.1) Invoice and CreditNote from an ``InvoiceDocument``.

- CustomizationID ``urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0``,
  ProfileID ``urn:fdc:peppol.eu:2017:poacc:billing:01:1.0``.
- Endpoints: Belgian enterprise number under scheme ``0208``; otherwise the party's
  ``peppol_id``, or its VAT number under the country's VAT scheme (``9944`` NL, ``9957`` FR, ...).
- One TaxSubtotal per (category, rate): ``S`` for 21/12/6 %, and for 0 % the exemption's
  EN 16931 category and VATEX code as the engine's dated rule set gives them (``E`` training,
  ``AE`` reverse charge, ``G`` export, ``O`` outside the scope), with the legal mention as
  TaxExemptionReason. VAT is rounded once per subtotal (``models.compute_totals``).
- ``O`` (not subject to VAT): no VAT identifier of the seller or the buyer, no rate
  (BR-O-02, BR-O-05); the seller is identified by its enterprise number (BT-30).
- The seller's legal form and register (RPR/RPM and court) go in CompanyLegalForm (BT-33).
- Amounts are written from integer cents (``format_amount``): no float anywhere.
- An invoice has PaymentMeans 30 (credit transfer) with PaymentID = the 12 digits of the
  structured communication and the PayeeFinancialAccount (IBAN, name, BIC): BR-50, BR-61.
  A credit note has no PaymentMeans: it asks for no payment; its BillingReference names the
  invoice it cancels.

The element order follows the UBL 2.1 XSD sequences. Tests run every variant through the
OASIS UBL 2.1 XSD, the CEN EN 16931 UBL rules and the OpenPEPPOL BIS 3.0 rules.
"""

from __future__ import annotations

import base64
import re
from decimal import Decimal

from lxml import etree
from stdnum.be import vat as be_vat

from backend.documents.formatting import format_amount
from backend.documents.models import DocumentLine, InvoiceDocument, compute_totals
from backend.documents.parties import Party
from backend.documents.values import DocumentError, normalize_decimal, ogm_digits
from backend.engine.vat import ExemptionInfo

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"

NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"

# Peppol EAS codes for VAT numbers by VAT prefix (Peppol EAS code list; Greece uses "EL").
VAT_SCHEMES: dict[str, str] = {
    "AT": "9914", "BE": "9925", "BG": "9926", "CY": "9928", "CZ": "9929", "DE": "9930",
    "EE": "9931", "EL": "9933", "ES": "9920", "FR": "9957", "HR": "9934", "HU": "9910",
    "IE": "9935", "IT": "9906", "LT": "9937", "LU": "9938", "LV": "9939", "MT": "9943",
    "NL": "9944", "PL": "9945", "PT": "9946", "RO": "9947", "SE": "9955", "SI": "9949",
    "SK": "9950",
}

_CREDIT_NOTE_TYPE = "381"
_INVOICE_TYPE = "380"


def vat_category(rate: str, exemption: ExemptionInfo | None) -> tuple[str, str | None]:
    """``("S", None)`` for a positive rate; for 0 % the exemption's category and VATEX code."""
    if Decimal(rate) > 0:
        return "S", None
    if exemption is None:
        return "Z", None
    return exemption.ubl_category, exemption.vatex


def belgian_company_number(party: Party) -> str | None:
    """The 10-digit enterprise number of a Belgian party, from its own field or its VAT number."""
    if party.company_number:
        return party.company_number.zfill(10)
    if party.vat_number and party.vat_number.startswith("BE"):
        return party.vat_number[2:].zfill(10)
    return None


def peppol_endpoint(party: Party) -> tuple[str, str] | None:
    """``(scheme, identifier)`` the party receives Peppol documents on, or None when unknown.

    ``party.peppol_id`` ("0208:0403170701") wins; a Belgian company gets ``0208`` + its
    enterprise number (mandatory registration since 2026-01-01); another EU company its VAT
    number under its country's VAT scheme.
    """
    if party.peppol_id:
        scheme, _, ident = party.peppol_id.partition(":")
        if not scheme or not ident:
            raise DocumentError(f"peppol_id must be 'scheme:identifier', got {party.peppol_id!r}")
        return scheme, ident
    if party.country_code == "BE":
        number = belgian_company_number(party)
        return ("0208", number) if number else None
    if party.vat_number and party.vat_number[:2] in VAT_SCHEMES:
        return VAT_SCHEMES[party.vat_number[:2]], party.vat_number
    return None


def _split_city(party: Party) -> tuple[list[str], str | None, str | None]:
    """Street lines, postal code and city: from the fields, else from a last "1000 Brussel"."""
    lines = list(party.address_lines)
    postal, city = party.postal_code, party.city
    if (postal is None and city is None) and lines:
        last = lines[-1].strip()
        m = re.fullmatch(_POSTAL_CITY, last)
        if m:
            postal, city = m.group(1), m.group(2)
            lines = lines[:-1]
        else:  # one line from a form: "Rue de la Loi 16, 1000 Bruxelles"
            head, sep, tail = last.rpartition(",")
            m = re.fullmatch(_POSTAL_CITY, tail.strip()) if sep else None
            if m and head.strip():
                postal, city = m.group(1), m.group(2)
                lines = [*lines[:-1], head.strip()]
    return lines, postal, city


_POSTAL_CITY = r"(?:[A-Z]{1,2}-)?(\d{4,5}(?:\s?[A-Z]{2})?)\s+(.+)"


class _Builder:
    def __init__(self, root_tag: str) -> None:
        self.root = etree.Element(root_tag, nsmap={None: root_tag[1:root_tag.index("}")],
                                                   "cac": CAC, "cbc": CBC})

    @staticmethod
    def cbc(parent: etree._Element, tag: str, text: str | None, /, **attrs: str) -> etree._Element | None:
        if text is None or text == "":
            return None
        el = etree.SubElement(parent, f"{{{CBC}}}{tag}", attrib=attrs)
        el.text = text
        return el

    @staticmethod
    def cac(parent: etree._Element, tag: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{CAC}}}{tag}")


def _amount(b: _Builder, parent: etree._Element, name: str, cents: int, currency: str) -> None:
    b.cbc(parent, name, format_amount(cents), currencyID=currency)


def _party(b: _Builder, parent: etree._Element, party: Party, *, role: str,
           with_vat: bool = True) -> None:
    el = b.cac(parent, "Party")
    endpoint = peppol_endpoint(party)
    if endpoint is None:
        raise DocumentError(f"{role} {party.name!r} has no Peppol endpoint (company number, "
                            "EU VAT number or peppol_id)")
    b.cbc(el, "EndpointID", endpoint[1], schemeID=endpoint[0])
    company = belgian_company_number(party) if party.country_code == "BE" else None
    if company:
        if not be_vat.is_valid(company):
            raise DocumentError(f"{role} {party.name!r}: invalid Belgian enterprise number {company}")
        ident = b.cac(el, "PartyIdentification")
        b.cbc(ident, "ID", company, schemeID="0208")
    name = b.cac(el, "PartyName")
    b.cbc(name, "Name", party.name)
    address = b.cac(el, "PostalAddress")
    lines, postal, city = _split_city(party)
    if lines:
        b.cbc(address, "StreetName", lines[0])
    if len(lines) > 1:
        b.cbc(address, "AdditionalStreetName", ", ".join(lines[1:]))
    b.cbc(address, "CityName", city)
    b.cbc(address, "PostalZone", postal)
    country = b.cac(address, "Country")
    b.cbc(country, "IdentificationCode", party.country_code)
    if party.vat_number and with_vat:
        tax = b.cac(el, "PartyTaxScheme")
        b.cbc(tax, "CompanyID", party.vat_number)
        scheme = b.cac(tax, "TaxScheme")
        b.cbc(scheme, "ID", "VAT")
    legal = b.cac(el, "PartyLegalEntity")
    b.cbc(legal, "RegistrationName", party.legal_name or party.name)
    if company:
        b.cbc(legal, "CompanyID", company, schemeID="0208")
    if role == "supplier":
        form = " – ".join(p for p in (party.legal_form, party.register) if p)
        b.cbc(legal, "CompanyLegalForm", form or None)
    if party.email:
        contact = b.cac(el, "Contact")
        b.cbc(contact, "ElectronicMail", party.email)


def _tax_category(b: _Builder, parent: etree._Element, tag: str, category: str, rate: str,
                  reason_code: str | None = None, reason: str | None = None) -> None:
    el = b.cac(parent, tag)
    b.cbc(el, "ID", category)
    if category != "O":  # not subject to VAT: no rate at all (BR-O-05)
        b.cbc(el, "Percent", normalize_decimal(Decimal(rate)))
    if reason_code or reason:
        b.cbc(el, "TaxExemptionReasonCode", reason_code)
        b.cbc(el, "TaxExemptionReason", reason)
    scheme = b.cac(el, "TaxScheme")
    b.cbc(scheme, "ID", "VAT")


def _line(b: _Builder, doc: InvoiceDocument, index: int, line: DocumentLine, credit: bool) -> None:
    cur = doc.currency
    el = b.cac(b.root, "CreditNoteLine" if credit else "InvoiceLine")
    b.cbc(el, "ID", str(index))
    b.cbc(el, "CreditedQuantity" if credit else "InvoicedQuantity", line.quantity,
          unitCode=line.unit_code)
    _amount(b, el, "LineExtensionAmount", line.amount_cents, cur)
    item = b.cac(el, "Item")
    first_line = line.description.strip().splitlines()[0]
    if first_line != line.description.strip():
        b.cbc(item, "Description", line.description.strip())
    b.cbc(item, "Name", first_line[:200])
    category, _ = vat_category(line.vat_rate, doc.exemption)
    _tax_category(b, item, "ClassifiedTaxCategory", category, line.vat_rate)
    price = b.cac(el, "Price")
    _amount(b, price, "PriceAmount", line.unit_price_cents, cur)


def render_ubl_invoice(doc: InvoiceDocument, *, pdf: bytes | None = None,
                       pdf_filename: str | None = None) -> bytes:
    """The UBL XML (UTF-8, with declaration) of an invoice, or of a credit note.

    ``pdf``, when given, is embedded as the visual representation (AdditionalDocumentReference,
    mime ``application/pdf``), which many Belgian receivers show to their accountants.
    Raises ``DocumentError`` when a party has no Peppol endpoint or the figures disagree.
    """
    credit = doc.kind == "credit_note"
    if compute_totals(doc.lines) != doc.totals:  # defended in the model too; never trust twice
        raise DocumentError("totals do not match the lines")
    exemption = doc.exemption
    category = exemption.ubl_category if exemption else "S"
    if category == "AE" and not (doc.customer.vat_number or belgian_company_number(doc.customer)):
        raise DocumentError("a reverse-charge invoice needs the customer's VAT number (BR-AE-02)")
    if not doc.supplier.vat_number:
        raise DocumentError("the supplier needs a VAT number")
    with_vat = category != "O"  # BR-O-02: no VAT identifiers when not subject to VAT
    cur = doc.currency
    b = _Builder(f"{{{NS_CREDIT_NOTE if credit else NS_INVOICE}}}{'CreditNote' if credit else 'Invoice'}")
    root = b.root
    b.cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    b.cbc(root, "ProfileID", PROFILE_ID)
    b.cbc(root, "ID", doc.number)
    b.cbc(root, "IssueDate", doc.issue_date.isoformat())
    if credit:
        b.cbc(root, "CreditNoteTypeCode", _CREDIT_NOTE_TYPE)
    else:
        b.cbc(root, "DueDate", doc.due_date.isoformat())
        b.cbc(root, "InvoiceTypeCode", _INVOICE_TYPE)
    mention = doc.exemption_mention
    b.cbc(root, "Note", mention or None)
    b.cbc(root, "DocumentCurrencyCode", cur)
    buyer_reference = doc.buyer_reference or (None if doc.order_reference else doc.number)
    b.cbc(root, "BuyerReference", buyer_reference)
    dates = sorted(doc.service_dates)
    if len(dates) > 1:
        period = b.cac(root, "InvoicePeriod")
        b.cbc(period, "StartDate", dates[0].isoformat())
        b.cbc(period, "EndDate", dates[-1].isoformat())
    if doc.order_reference:
        order = b.cac(root, "OrderReference")
        b.cbc(order, "ID", doc.order_reference)
    if credit:
        billing = b.cac(root, "BillingReference")
        ref = b.cac(billing, "InvoiceDocumentReference")
        b.cbc(ref, "ID", doc.credited_invoice_number)
        if doc.credited_invoice_date:
            b.cbc(ref, "IssueDate", doc.credited_invoice_date.isoformat())
    if pdf is not None:
        add = b.cac(root, "AdditionalDocumentReference")
        b.cbc(add, "ID", doc.number)
        attachment = b.cac(add, "Attachment")
        name = pdf_filename or re.sub(r"[^A-Za-z0-9_-]", "_", doc.number) + ".pdf"
        b.cbc(attachment, "EmbeddedDocumentBinaryObject", base64.b64encode(pdf).decode("ascii"),
              mimeCode="application/pdf", filename=name)
    supplier = b.cac(root, "AccountingSupplierParty")
    _party(b, supplier, doc.supplier, role="supplier", with_vat=with_vat)
    customer = b.cac(root, "AccountingCustomerParty")
    _party(b, customer, doc.customer, role="customer", with_vat=with_vat)
    if len(dates) == 1:
        delivery = b.cac(root, "Delivery")
        b.cbc(delivery, "ActualDeliveryDate", dates[0].isoformat())
    if not credit:  # a credit note asks for no payment
        means = b.cac(root, "PaymentMeans")
        b.cbc(means, "PaymentMeansCode", "30", name="Credit transfer")
        b.cbc(means, "PaymentID", ogm_digits(doc.structured_communication))
        account = b.cac(means, "PayeeFinancialAccount")
        b.cbc(account, "ID", doc.payment_iban)
        b.cbc(account, "Name", doc.supplier.legal_name or doc.supplier.name)
        if doc.payment_bic:
            branch = b.cac(account, "FinancialInstitutionBranch")
            b.cbc(branch, "ID", doc.payment_bic)
    tax_total = b.cac(root, "TaxTotal")
    _amount(b, tax_total, "TaxAmount", doc.totals.vat_cents, cur)
    for sub in doc.totals.breakdown:
        category, code = vat_category(sub.vat_rate, exemption)
        st = b.cac(tax_total, "TaxSubtotal")
        _amount(b, st, "TaxableAmount", sub.base_cents, cur)
        _amount(b, st, "TaxAmount", sub.vat_cents, cur)
        if category in ("S", "Z"):
            _tax_category(b, st, "TaxCategory", category, sub.vat_rate)
        else:
            _tax_category(b, st, "TaxCategory", category, sub.vat_rate, code, mention)
    totals = b.cac(root, "LegalMonetaryTotal")
    _amount(b, totals, "LineExtensionAmount", doc.totals.base_cents, cur)
    _amount(b, totals, "TaxExclusiveAmount", doc.totals.base_cents, cur)
    _amount(b, totals, "TaxInclusiveAmount", doc.totals.total_cents, cur)
    if doc.prepaid_cents and not credit:
        _amount(b, totals, "PrepaidAmount", doc.prepaid_cents, cur)
    # BR-CO-16: the amount due is total − prepaid, on a credit note too (the credited amount)
    _amount(b, totals, "PayableAmount", doc.totals.total_cents - doc.prepaid_cents, cur)
    for index, line in enumerate(doc.lines, start=1):
        _line(b, doc, index, line, credit)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


__all__ = ["CUSTOMIZATION_ID", "PROFILE_ID", "peppol_endpoint", "render_ubl_invoice",
           "vat_category"]
