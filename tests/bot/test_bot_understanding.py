"""The readers, each format in each language, relative to a fixed today (Wednesday 4 March 2026).
The annotated corpus (tests/bot/corpus) is scored by ``make bench-bot``; these pin the rules."""

import datetime as dt

import pytest

from bot import understanding as u
from bot.dates import parse_date_answer, parse_dates
from bot.money import find_amounts, parse_vat, split_fee
from bot.normalise import numbers_in_words
from bot.parties import parse_contract_type, parse_email, parse_vat_number

TODAY = dt.date(2026, 3, 4)
D = dt.date


def fee(text: str, lang: str = "nl") -> int | None:
    return u.extract(text, TODAY, lang).amount_cents


@pytest.mark.parametrize("text,cents", [
    ("1.250,50 €", 125050), ("250 euro", 25000), ("€250", 25000), ("€ 1,250.50", 125050),
    ("300 EUR", 30000), ("250€", 25000), ("1 250 euro", 125000), ("250,5 €", 25050),
    ("nee, 300 euro", 30000), ("non, 300 euros", 30000), ("no, 300 euro", 30000),
    ("het kost 1.250 euro", 125000), ("ça coûte 99,99 €", 9999), ("250,- morgen", 25000),
    ("400e excl. btw", 40000), ("EUR 250", 25000),
])
def test_amounts(text, cents):
    assert fee(text) == cents


@pytest.mark.parametrize("text,lang,cents", [
    ("tweehonderd euro", "nl", 20000), ("vijfenzeventig euro", "nl", 7500),
    ("tweehonderdvijftig euro", "nl", 25000), ("deux cents euros", "fr", 20000),
    ("soixante-quinze euros", "fr", 7500), ("two hundred euros", "en", 20000),
    ("one hundred and fifty euros", "en", 15000),
])
def test_amounts_in_words_through_text2num(text, lang, cents):
    assert fee(text, lang) == cents
    assert numbers_in_words("Les Trois Suisses", "fr") == "Les Trois Suisses"  # names stay


def test_bare_amount_only_when_asked_and_not_a_date_or_rate():
    assert u.extract("250", TODAY, "nl", "amount_cents").amount_cents == 25000
    assert u.extract("tweehonderd", TODAY, "nl", "amount_cents").amount_cents == 20000
    assert u.extract("12/03", TODAY, "nl", "amount_cents").amount_cents is None
    assert u.extract("21 %", TODAY, "nl", "amount_cents").amount_cents is None


@pytest.mark.parametrize("text,fee_cents,expenses", [
    ("fotograaf 300 euro, treinticket 18 euro", 30000, [("travel", 1800)]),
    ("300 euros, repas 14 €", 30000, [("meals", 1400)]),
    ("400 euro plus parking fee 7.50", 40000, [("travel", 750)]),
    ("90 euros et 22 euros de matériel", 9000, [("material", 2200)]),
    ("1.500 euro, overnachting 3 x 45 = 135 euro", 150000, [("accommodation", 13500)]),
    ("300 euro per avond neen totaal 600 euro", 60000, []),
    ("3 x 40 euro = 120 euro", 12000, []),
])
def test_expenses_are_told_apart_from_the_fee(text, fee_cents, expenses):
    found, costs = split_fee(find_amounts(text, text))
    assert found.cents == fee_cents
    assert [(e.expense, e.cents) for e in costs] == expenses


@pytest.mark.parametrize("text,mode", [
    ("300 euro incl. btw", "included"), ("btw inbegrepen", "included"), ("400 € TVAC", "included"),
    ("400 € TTC", "included"), ("tva comprise", "included"), ("€300 incl. VAT", "included"),
    ("VAT included", "included"), ("1500 euro incl, morgen", "included"),
    ("300 euro excl. btw", "excluded"), ("zonder btw", "excluded"), ("+ btw", "excluded"),
    ("400 euros HTVA", "excluded"), ("400 euros HT", "excluded"), ("hors TVA", "excluded"),
    ("sans TVA", "excluded"), ("excl. VAT", "excluded"), ("+ VAT", "excluded"),
    ("without VAT", "excluded"), ("ex VAT", "excluded"),
    ("btw verlegd", "exempt"), ("autoliquidation", "exempt"), ("reverse charge", "exempt"),
    ("vrijgesteld van btw", "exempt"), ("250 euro", None),
])
def test_vat_wording(text, mode):
    vat = parse_vat(text)
    assert vat.mode == mode
    assert vat.rate != "0" or mode == "exempt"  # 'zonder btw' is not a 0 % rate


@pytest.mark.parametrize("text,rate,exemption", [
    ("6% btw", "6", None), ("btw 21", "21", None), ("TVA 12 %", "12", None), ("21 % VAT", "21", None),
    ("btw verlegd", "0", "intra_eu_reverse_charge"), ("export", "0", "export"),
    ("exonéré de TVA car formation", "0", "training"), ("vrijgesteld", None, None),
    ("wat betaalt de 6,5 % bijdrage", None, None),
])
def test_vat_rates_and_exemptions(text, rate, exemption):
    vat = parse_vat(text)
    assert (vat.rate, vat.exemption) == (rate, exemption)


@pytest.mark.parametrize("text,lang,days", [
    ("morgen", "nl", [D(2026, 3, 5)]), ("demain", "fr", [D(2026, 3, 5)]),
    ("tomorrow", "en", [D(2026, 3, 5)]), ("overmorgen", "nl", [D(2026, 3, 6)]),
    ("après-demain", "fr", [D(2026, 3, 6)]), ("vandaag", "nl", [TODAY]),
    ("gisteren", "nl", [D(2026, 3, 3)]), ("hier", "fr", [D(2026, 3, 3)]),
    ("yesterday", "en", [D(2026, 3, 3)]), ("hier", "nl", []),
    ("volgende dinsdag", "nl", [D(2026, 3, 10)]), ("mardi prochain", "fr", [D(2026, 3, 10)]),
    ("next Tuesday", "en", [D(2026, 3, 10)]), ("volgende week donderdag", "nl", [D(2026, 3, 12)]),
    ("jeudi de la semaine prochaine", "fr", [D(2026, 3, 12)]), ("vorige vrijdag", "nl", [D(2026, 2, 27)]),
    ("12/03", "nl", [D(2026, 3, 12)]), ("12/12", "nl", [D(2026, 12, 12)]), ("12-12", "nl", [D(2026, 12, 12)]),
    ("12/03/2027", "nl", [D(2027, 3, 12)]), ("2026-05-01", "nl", [D(2026, 5, 1)]),
    # a past day is kept in this year, never moved a year on
    ("01/02", "nl", [D(2026, 2, 1)]), ("5 février", "fr", [D(2026, 2, 5)]),
    ("1 en 2 en 3 maart", "nl", [D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 3)]),
    ("du 8 au 10", "fr", [D(2026, 3, 8), D(2026, 3, 9), D(2026, 3, 10)]),
    ("Monday to Wednesday", "en", [D(2026, 3, 9), D(2026, 3, 10), D(2026, 3, 11)]),
    ("16 t.e.m. 18 maart", "nl", [D(2026, 3, 16), D(2026, 3, 17), D(2026, 3, 18)]),
    ("les 4 et 5 avril", "fr", [D(2026, 4, 4), D(2026, 4, 5)]),
    ("op 12/03 en 13/03", "nl", [D(2026, 3, 12), D(2026, 3, 13)]),
    ("March 19th", "en", [D(2026, 3, 19)]), ("le 1er avril", "fr", [D(2026, 4, 1)]),
    ("over twee weken", "nl", [D(2026, 3, 18)]), ("dans 3 jours", "fr", [D(2026, 3, 7)]),
    ("maandag 9 maart", "nl", [D(2026, 3, 9)]), ("niet morgen maar 12 maart", "nl", [D(2026, 3, 12)]),
    ("change the date to Friday", "en", [D(2026, 3, 6)]), ("1.250,50 €", "nl", []),
    ("tram 4.20", "en", []),
])
def test_dates(text, lang, days):
    assert parse_dates(text, TODAY, lang) == days


def test_a_date_answer_the_patterns_miss_goes_to_dateparser_on_the_frozen_day():
    assert parse_date_answer("in a fortnight", TODAY, "en") == [D(2026, 3, 18)]


@pytest.mark.parametrize("text,code", [
    ("als student", "student"), ("comme étudiant", "student"), ("as a student", "student"),
    ("artiestencontract", "artist"), ("contrat d'artiste", "artist"), ("ouvrier", "manual_worker"),
    ("arbeider", "manual_worker"), ("als bediende", "employee"), ("artist 1bis", "artist_1bis"),
    ("intérim", "interim"), ("make-up artiest bij de trouw", None),
])
def test_contract_types(text, code):
    assert parse_contract_type(text) == code


def test_email_and_vat_number():
    assert parse_email("mail naar Info@DeKlok.be.") == "info@deklok.be"
    assert parse_vat_number("btw BE 0403.019.261") == ("BE0403019261", True)
    assert parse_vat_number("TVA FR40303265045") == ("FR40303265045", True)
    assert parse_vat_number("BE0403019262") == ("BE0403019262", False)
    assert parse_vat_number("bel me op 0470 12 34 56") == (None, False)


@pytest.mark.parametrize("text,answer", [
    ("ja", True), ("Oui !", True), ("yes please", True), ("ok", True), ("d'accord", True),
    ("akkoord", True), ("nee", False), ("non", False), ("no, 300 euro", False),
    ("neen", False), ("misschien", None),
])
def test_yes_no(text, answer):
    assert u.yes_no(text) is answer


@pytest.mark.parametrize("text,intent", [
    ("heeft mijn klant betaald?", "client_paid"), ("mon client a-t-il payé ?", "client_paid"),
    ("has my client paid?", "client_paid"), ("wanneer wordt mijn loon betaald?", "salary"),
    ("quand mon salaire est-il payé ?", "salary"), ("when is my salary paid?", "salary"),
    ("hoeveel staat er nog op mijn eenheid?", "unit"), ("combien reste-t-il dans mon unité ?", "unit"),
    ("how much is left in my unit?", "unit"), ("waar is mijn loonfiche?", "payslip"),
    ("où est ma fiche de paie ?", "payslip"), ("where is my payslip?", "payslip"),
    ("waar is mijn contract?", "contract"), ("où est mon contrat ?", "contract"),
    ("what does the 6.5 % pay for?", "contribution"), ("à quoi sert la cotisation ?", "contribution"),
    ("annuleer", "cancel"), ("annuler", "cancel"), ("cancel", "cancel"), ("help", "help"),
    ("aide", "help"), ("opnieuw beginnen", "restart"), ("recommencer", "restart"),
    ("start again", "restart"), ("ik wil een adviseur", "handoff"),
    ("je veux parler à un conseiller", "handoff"), ("I want a human", "handoff"),
])
def test_intents(text, intent):
    assert intent in u.intents(text)


@pytest.mark.parametrize("text,lang", [
    ("Hallo, ik wil een offerte maken voor morgen", "nl"),
    ("Bonjour, je voudrais faire un devis pour demain", "fr"),
    ("Hi, I would like to make a quote for tomorrow", "en"),
    ("€250", "nl"),
])
def test_language_detection(text, lang):
    assert u.detect_language(text) == lang


def test_language_requests():
    assert u.language_request("en français svp") == "fr"
    assert u.language_request("in English please") == "en"
    assert u.language_request("in het Nederlands") == "nl"
    assert u.language_request("250 euro") is None


@pytest.mark.parametrize("text,lang,expected", [
    ("Grafisch ontwerp voor klant Brouwerij De Klok, 1.250,50 € op 12 maart, 6% btw, info@deklok.be",
     "nl", {"function": "Grafisch ontwerp", "client_name": "Brouwerij De Klok", "amount_cents": 125050,
            "dates": ["2026-03-12"], "vat_rate": "6", "email": "info@deklok.be"}),
    ("Photographe pour le client Café Central, 250 euros TVAC vendredi prochain, TVA BE0403019261",
     "fr", {"function": "Photographe", "client_name": "Café Central", "amount_cents": 25000,
            "dates": ["2026-03-06"], "vat_number": "BE0403019261", "client_kind": "company",
            "vat_mode": "included"}),
    ("Photo shoot for the Smith family as a student, €250 next Monday, train ticket 18 euros",
     "en", {"function": "Photo shoot", "client_name": "Smith family", "client_kind": "private",
            "amount_cents": 25000, "dates": ["2026-03-09"], "contract_type": "student",
            "expenses": [{"category": "travel", "amount_cents": 1800}]}),
])
def test_several_facts_in_one_message(text, lang, expected):
    assert u.extract(text, TODAY, lang).as_fields() == expected


def test_bare_answers_count_for_the_field_asked():
    assert u.extract("Café Central", TODAY, "fr", "client_name").client_name == "Café Central"
    assert u.extract("Brouwerij De Klok", TODAY, "nl", "client_name").client_name == "Brouwerij De Klok"
    assert u.extract("fotograaf", TODAY, "nl", "function").function == "fotograaf"
    assert u.extract("ja", TODAY, "nl", "client_name").client_name is None
    for text in ("geen idee", "pas encore", "no client yet", "weet ik nog niet"):
        assert u.is_non_answer(text)
        assert u.extract(text, TODAY, "nl", "client_name").client_name is None


@pytest.mark.parametrize("text,lang,asked", [
    ("hoeveel hou ik over van 300 euro", "nl", "money_question"),
    ("combien je touche net pour 250€", "fr", "money_question"),
    ("how much do I keep from 400 euros?", "en", "money_question"),
    ("maak de factuur", "nl", "invoice"), ("fais la facture", "fr", "invoice"),
    ("make the invoice", "en", "invoice"), ("wanneer wordt mijn loon betaald?", "nl", "salary"),
    ("is mijn offerte al aanvaard?", "nl", "quickjob_status"),
    ("Fotograaf voor Acme, 250 euro morgen", "nl", None),
])
def test_what_the_message_asks(text, lang, asked):
    assert u.intent(text, lang) == asked
