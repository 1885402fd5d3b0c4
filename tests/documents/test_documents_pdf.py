"""Rendered PDFs: real A4 PDFs that say what the law and the worker need to read."""

from __future__ import annotations

from datetime import date

import pytest
from documents_samples import (
    FR_CLIENT,
    NL_CLIENT,
    make_cash,
    make_contract,
    make_invoice,
    make_payslip,
    make_quote,
)

from backend.documents.labels import label
from backend.documents.models import DocumentLine, compute_totals
from backend.documents.parties import Worker
from backend.documents.pdf import (
    render_cash_collection,
    render_contract,
    render_invoice,
    render_payslip,
    render_quote,
)

LANGUAGES = ("nl", "fr", "en")


def flat(text: str) -> str:
    """Wrapped lines joined with spaces, so a phrase split over two lines still matches."""
    return " ".join(text.split())


def assert_pdf(data: bytes) -> None:
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert b"/MediaBox [0 0 595.28 841.89]" in data  # A4 in points


def test_invoice_carries_every_belgian_mandatory_mention(pdf_text):
    doc = make_invoice()
    data = render_invoice(doc)
    assert_pdf(data)
    text = flat(pdf_text(data))
    for expected in [
        "Factuur", "2026/000042",  # title and sequential number
        "3 maart 2026",  # issue date
        "Datum van de prestatie 2 maart 2026",  # date of service
        # supplier: name, legal form, seat, VAT and enterprise numbers, register and court
        "Smart – Verenigde Producties vzw", "Coenraetsstraat 72", "1060 Sint-Gillis",
        "Btw BE 0896.755.397", "Ondernemingsnr. 0896.755.397",
        "RPR Franstalige ondernemingsrechtbank Brussel",
        "Atelier Dupont bv", "Rue de la Loi 16", "Btw BE 0403.019.261",  # client and VAT
        "Stand op de beurs: ontwerp en opbouw",  # description
        "Btw-tarief", "Maatstaf van heffing", "21% € 1.000,00 € 210,00",  # base/rate/VAT
        "Totaal incl. btw € 1.210,00",
        "Vervaldatum 2 april 2026",
        "+++202/6000/04236+++",
        "IBAN BE71 0961 2345 6769", "BIC GKCCBEBB",
        "op rekening BE71 0961 2345 6769 (BIC GKCCBEBB)",
        "Uitgevoerd door Anaïs Peeters", "Bestelbon Q-2026-0007",
        "Scan met uw bankapp om te betalen",
    ]:
        assert expected in text, expected


def test_invoice_with_deposit_shows_what_is_left_to_pay(pdf_text):
    text = flat(pdf_text(render_invoice(make_invoice(prepaid_cents=36300))))
    assert "Reeds betaald € -363,00" in text
    assert "Te betalen € 847,00" in text


def test_exempt_invoice_prints_the_legal_mention(pdf_text):
    lines = (DocumentLine.of("Formation InDesign", 60000, "0"),)
    doc = make_invoice(lines=lines, totals=compute_totals(lines), vat_exemption="training",
                       language="fr")
    text = flat(pdf_text(render_invoice(doc)))
    assert "Facture" in text
    assert "Exonération de TVA – art. 44, § 2, 4° du Code de la TVA" in text
    assert "0% exonéré" in text
    assert "600,00 €" in text
    # the supplier in the document's language
    assert "Smart – Productions Associées asbl" in text and "Rue Coenraets 72" in text
    assert "RPM Tribunal de l'entreprise francophone de Bruxelles" in text


def test_reverse_charge_invoice_in_english(pdf_text):
    lines = (DocumentLine.of("Illustrations", 150000, "0"),)
    doc = make_invoice(lines=lines, totals=compute_totals(lines), customer=NL_CLIENT,
                       vat_exemption="intra_eu_reverse_charge", language="en")
    text = flat(pdf_text(render_invoice(doc)))
    assert "Invoice" in text and "Reverse charge – VAT due by the customer" in text
    assert "VAT NL004495445B01" in text and "Netherlands" in text
    assert "€1,500.00" in text


@pytest.mark.parametrize("code, language, mention", [
    ("export", "nl", "Vrijgesteld van btw – uitvoer, art. 39 WBTW"),
    ("outside_scope", "en", "Outside the scope of Belgian VAT – place of supply outside the EU"),
    ("intra_eu_reverse_charge", "fr", "Autoliquidation – TVA due par le preneur"),
    ("training", "en", "VAT exempt – art. 44 §2 4° Belgian VAT Code"),
])
def test_every_exemption_prints_its_mention_on_quote_and_invoice(code, language, mention,
                                                                 pdf_text):
    lines = (DocumentLine.of("Prestation", 80000, "0"),)
    invoice = make_invoice(lines=lines, totals=compute_totals(lines), vat_exemption=code,
                           language=language)
    quote = make_quote(language, lines=lines, totals=compute_totals(lines), vat_exemption=code)
    credit = make_invoice(lines=lines, totals=compute_totals(lines), vat_exemption=code,
                          language=language, kind="credit_note", number="CN2026/000001",
                          credited_invoice_number="2026/000042")
    for data in (render_invoice(invoice), render_quote(quote), render_invoice(credit)):
        assert mention in flat(pdf_text(data))


def test_caller_given_exemption_mention_wins(pdf_text):
    lines = (DocumentLine.of("Concert", 50000, "0"),)
    doc = make_invoice(lines=lines, totals=compute_totals(lines), vat_exemption="training",
                       vat_exemption_mention="Vrijgesteld – bijzondere vermelding X")
    assert "Vrijgesteld – bijzondere vermelding X" in flat(pdf_text(render_invoice(doc)))


def test_credit_note_names_the_credited_invoice(pdf_text):
    doc = make_invoice(kind="credit_note", number="2026/000043",
                       credited_invoice_number="2026/000042",
                       credited_invoice_date=date(2026, 3, 3), language="fr")
    data = render_invoice(doc)
    text = flat(pdf_text(data))
    assert "Note de crédit" in text
    assert "Cette note de crédit annule la facture 2026/000042 du 3 mars 2026." in text
    assert "Montant crédité 1 210,00 €" in text
    assert "Ne pas payer : cette note de crédit ne demande aucun paiement." in text
    # it asks for nothing: no due date, no account, no communication, no QR code
    for absent in ("Échéance", "IBAN", "+++", "Merci de payer", "Scannez", "À payer"):
        assert absent not in text, absent


def test_quote_carries_the_protective_clauses(pdf_text):
    doc = make_quote()
    data = render_quote(doc)
    assert_pdf(data)
    text = flat(pdf_text(data))
    assert "Offerte" in text and "Q-2026-0007" in text
    assert "Geldig tot 20 maart 2026" in text
    assert "Datum van de prestatie 2 maart 2026 – 3 maart 2026" in text
    assert "Uitgevoerd door Anaïs Peeters" in text and "Functie keramist" in text
    # no deposit is promised: payment on invoice, after the work (issue 11)
    assert "Voorschot" not in text
    assert "Betaling: na de prestatie, op factuur" in text
    assert "vergoeding van 50% van het totaalbedrag (€ 298,75)" in text
    assert "opzegtermijn van 30 dagen" in text
    assert "https://quickjob.example/public/quotes/tok123" in text
    assert b"/URI (https://quickjob.example/public/quotes/tok123)" in data  # clickable
    assert "Totaal incl. btw € 597,50" in text
    assert "IBAN" not in text and "BE71" not in text  # a quote asks for no payment yet


def test_quote_clauses_in_english(pdf_text):
    from backend.documents.models import ProtectiveClauses

    doc = make_quote("en", clauses=ProtectiveClauses("25", 14))
    text = flat(pdf_text(render_quote(doc)))
    assert "Deposit" not in text
    assert "a fee of 25% of the total (€149.38)" in text
    assert "with 14 days' notice" in text


def test_contract(pdf_text):
    data = render_contract(make_contract())
    assert_pdf(data)
    text = flat(pdf_text(data))
    for expected in [
        "Arbeidsovereenkomst", "C-2026-0100", "WERKGEVER", "WERKNEMER", "Anaïs Peeters",
        "Rijksregisternr. 85.07.30-XXX.XX", "Soort overeenkomst Bediende",
        "Functie grafisch ontwerper", "Omschrijving Ontwerp van een beursstand",
        "Land van tewerkstelling België", "Werken op een ladder",
        "Arbeidsdagen 2 maart 2026 – 3 maart 2026", "Uren per dag 7,6",
        "Paritair comité 200", "Brutoloon € 400,00", "Gekozen bedrijfsvoorheffing 11,11%",
        "Smart – Verenigde Producties vzw", "RPR Franstalige ondernemingsrechtbank Brussel",
        "Dimona",
    ]:
        assert expected in text, expected
    assert "033.28" not in text and "85073003328" not in text  # masked, never in full


def test_payslip_states_it_is_an_estimate_in_every_language(pdf_text):
    notices = {"nl": "driemaandelijkse aangifte (DmfA)", "fr": "déclaration trimestrielle (DmfA)",
               "en": "quarterly declaration (DmfA)"}
    for language in LANGUAGES:
        data = render_payslip(make_payslip(language))
        assert_pdf(data)
        text = flat(pdf_text(data))
        assert label("payslip.title", language) in text
        assert notices[language] in text, language
        assert "BE-2026-01" in text  # which rule set computed it


def test_payslip_figures(pdf_text):
    text = flat(pdf_text(render_payslip(make_payslip("nl"))))
    for expected in ["Brutoloon € 400,00", "Sociale zekerheid werknemer (RSZ) € -52,28",
                     "Belastbaar loon € 347,72", "Bedrijfsvoorheffing (11,11%) € -38,63",
                     "Nettoloon € 309,09", "Terugbetaling onkosten: Verplaatsing (trein) € 25,00",
                     "Totaal uitbetaald € 334,09", "Betaaldatum 11 maart 2026",
                     "85.07.30-XXX.XX", "BE71 0961 2345 6769"]:
        assert expected in text, expected
    special = make_payslip("en", special_social_security_cents=909, net_cents=30000)
    assert "Special social security contribution -€9.09" in flat(pdf_text(render_payslip(special)))


def test_payslip_shows_the_work_bonuses_so_the_rates_add_up(pdf_text):
    # RSZ work bonus 30.00 off 13.07 % of 400.00 (52.28); fiscal work bonus 9.94 off 11.11 %
    # of 377.72 (41.96): the slip shows each contribution whole and each bonus as its own line
    slip = make_payslip("nl", social_security_cents=2228, taxable_cents=37772,
                        withholding_cents=3202, net_cents=34570, work_bonus_cents=3000,
                        fiscal_work_bonus_cents=994)
    text = flat(pdf_text(render_payslip(slip)))
    for expected in ["Brutoloon € 400,00", "Sociale zekerheid werknemer (RSZ) € -52,28",
                     "Werkbonus (korting op de persoonlijke bijdrage) € 30,00",
                     "Belastbaar loon € 377,72", "Bedrijfsvoorheffing (11,11%) € -41,96",
                     "Fiscale werkbonus € 9,94", "Nettoloon € 345,70"]:
        assert expected in text, expected
    assert 40000 - 5228 + 3000 - 4196 + 994 == slip.net_cents
    without = flat(pdf_text(render_payslip(make_payslip("nl"))))
    assert "Werkbonus" not in without and "Fiscale werkbonus" not in without


def test_cash_collection(pdf_text):
    data = render_cash_collection(make_cash())
    assert_pdf(data)
    text = flat(pdf_text(data))
    assert "Aangifte van inning" in text
    assert "Anaïs Peeters verklaart op 1 maart 2026 € 121,00 in contanten te hebben ontvangen" \
        in text
    assert "Bezoekers kerstmarkt" in text and "Verkoop van kaarsen" in text
    assert "Totaal excl. btw € 100,00" in text and "€ 21,00" in text
    no_vat = flat(pdf_text(render_cash_collection(make_cash("en", vat_rate=None))))
    assert "Amount received (incl. VAT) €121.00" in no_vat and "VAT amount" not in no_vat


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_document_renders_in_every_language(language, pdf_text):
    rendered = {
        "quote.title": render_quote(make_quote(language)),
        "invoice.title": render_invoice(make_invoice(language=language)),
        "contract.title": render_contract(make_contract(language)),
        "payslip.title": render_payslip(make_payslip(language)),
        "cash.title": render_cash_collection(make_cash(language)),
    }
    for code, data in rendered.items():
        assert_pdf(data)
        assert label(code, language) in flat(pdf_text(data)), (code, language)


def test_rendering_is_deterministic():
    assert render_invoice(make_invoice()) == render_invoice(make_invoice())
    assert render_payslip(make_payslip()) == render_payslip(make_payslip())


def test_long_invoice_flows_over_pages(pdf_text):
    lines = tuple(DocumentLine.of(f"Prestatie dag {i}: opbouw, animatie en afbraak van de stand",
                                  12345, "21") for i in range(60))
    doc = make_invoice(lines=lines, totals=compute_totals(lines))
    data = render_invoice(doc)
    text = pdf_text(data)
    assert "Pagina 2/" in text
    assert "Prestatie dag 59" in text
    assert data.count(b"/Type /Page\n") >= 2


def test_unicode_names_print_as_written(pdf_text):
    """DejaVu Sans is embedded: Ł, Ż, ó, ć, Greek and Cyrillic print, nothing is dropped."""
    person = Worker("Łukasz Żółć", ("ul. Długa 1",), "PL", national_number="85073003328")
    data = render_contract(make_contract(worker=person))
    text = flat(pdf_text(data))
    assert "Łukasz Żółć" in text and "ul. Długa 1" in text
    assert b"/FontFile2" in data and b"DejaVuSans" in data  # the font travels with the PDF
    lines = (DocumentLine.of("Ζωή – Жанна – Ærø – ß", 10000, "21"),)
    invoice = make_invoice(lines=lines, totals=compute_totals(lines), customer=FR_CLIENT,
                           language="fr")
    text = flat(pdf_text(render_invoice(invoice)))
    assert "Atelier Łukasz Żółć SARL" in text and "Ζωή – Жанна – Ærø – ß" in text


def test_a_character_the_font_lacks_is_transliterated_not_dropped(pdf_text):
    lines = (DocumentLine.of("Workshop 東京", 10000, "21"),)
    text = flat(pdf_text(render_invoice(make_invoice(lines=lines, totals=compute_totals(lines)))))
    assert "Workshop DongJing" in text
