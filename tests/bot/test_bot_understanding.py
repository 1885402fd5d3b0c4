"""The parsers, each format in each language, relative to a fixed today (a Wednesday)."""

import datetime as dt

import pytest

from bot import understanding as u

TODAY = dt.date(2026, 3, 4)
D = dt.date


@pytest.mark.parametrize("text,cents", [
    ("1.250,50 €", 125050), ("250 euro", 25000), ("€250", 25000), ("€ 1,250.50", 125050),
    ("300 EUR", 30000), ("250€", 25000), ("1 250 euro", 125000), ("250,5 €", 25050),
    ("nee, 300 euro", 30000), ("non, 300 euros", 30000), ("no, 300 euro", 30000),
    ("het kost 1.250 euro", 125000), ("ça coûte 99,99 €", 9999),
])
def test_amounts(text, cents):
    assert u.parse_amount(text) == cents


def test_bare_amount_only_when_asked_and_not_a_date_or_rate():
    assert u.parse_amount("250") is None
    assert u.parse_amount("250", bare=True) == 25000
    assert u.parse_amount("12/03", bare=True) is None
    assert u.parse_amount("21 %", bare=True) is None


@pytest.mark.parametrize("text,days", [
    ("morgen", [D(2026, 3, 5)]), ("demain", [D(2026, 3, 5)]), ("tomorrow", [D(2026, 3, 5)]),
    ("overmorgen", [D(2026, 3, 6)]), ("vandaag", [TODAY]), ("aujourd'hui", [TODAY]),
    ("vendredi prochain", [D(2026, 3, 6)]), ("volgende vrijdag", [D(2026, 3, 6)]),
    ("next Monday", [D(2026, 3, 9)]), ("lundi", [D(2026, 3, 9)]), ("maandag", [D(2026, 3, 9)]),
    ("next Wednesday", [D(2026, 3, 11)]),
    ("12/03", [D(2026, 3, 12)]), ("12/03/2027", [D(2027, 3, 12)]), ("01/02", [D(2027, 2, 1)]),
    ("12 maart", [D(2026, 3, 12)]), ("12 mars", [D(2026, 3, 12)]), ("12 March", [D(2026, 3, 12)]),
    ("March 12", [D(2026, 3, 12)]), ("le 1er avril", [D(2026, 4, 1)]), ("5 février", [D(2027, 2, 5)]),
    ("2026-05-01", [D(2026, 5, 1)]),
    ("op 12/03 en 13/03", [D(2026, 3, 12), D(2026, 3, 13)]),
    ("change the date to Friday", [D(2026, 3, 6)]),
])
def test_dates(text, days):
    assert u.parse_dates(text, TODAY) == days


def test_no_date_in_amounts():
    assert u.parse_dates("1.250,50 €", TODAY) == []


@pytest.mark.parametrize("text,rate", [
    ("6% btw", "6"), ("btw 21", "21"), ("TVA 12 %", "12"), ("21 % VAT", "21"), ("6 %", "6"),
    ("geen btw", "0"), ("sans TVA", "0"), ("no VAT", "0"), ("250 euro", None),
    ("wat betaalt de 6,5 % bijdrage", None),
])
def test_vat_rates(text, rate):
    assert u.parse_vat_rate(text) == rate


@pytest.mark.parametrize("text,code", [
    ("als student", "student"), ("comme étudiant", "student"), ("as a student", "student"),
    ("artiest", "artist"), ("artiste", "artist"), ("ouvrier", "manual_worker"),
    ("arbeider", "manual_worker"), ("bediende", "employee"), ("employé", "employee"),
    ("artist 1bis", "artist_1bis"), ("intérim", "interim"),
])
def test_contract_types(text, code):
    assert u.parse_contract_type(text) == code


def test_email_and_vat_number():
    assert u.parse_email("mail naar Info@DeKlok.be.") == "info@deklok.be"
    assert u.parse_vat_number("btw BE 0403.019.261") == ("BE0403019261", True)
    assert u.parse_vat_number("TVA FR40303265045") == ("FR40303265045", True)
    assert u.parse_vat_number("BE0403019262") == ("BE0403019262", False)
    assert u.parse_vat_number("bel me op 0470 12 34 56") == (None, False)


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


@pytest.mark.parametrize("text,expected", [
    ("Grafisch ontwerp voor klant Brouwerij De Klok, 1.250,50 € op 12 maart, 6% btw, info@deklok.be",
     {"function": "Grafisch ontwerp", "client_name": "Brouwerij De Klok", "amount_cents": 125050,
      "dates": ["2026-03-12"], "vat_rate": "6", "email": "info@deklok.be"}),
    ("Photographe pour le client Café Central, 250 euros vendredi prochain, TVA BE0403019261",
     {"function": "Photographe", "client_name": "Café Central", "amount_cents": 25000,
      "dates": ["2026-03-06"], "vat_number": "BE0403019261"}),
    ("Quote for client Acme Ltd as a web designer, €250 next Monday, student",
     {"function": "web designer", "client_name": "Acme Ltd", "amount_cents": 25000,
      "dates": ["2026-03-09"], "contract_type": "student"}),
])
def test_several_facts_in_one_message(text, expected):
    assert u.extract(text, TODAY).as_fields() == expected


def test_bare_answers_count_for_the_field_asked():
    assert u.extract("Café Central", TODAY, "client_name").client_name == "Café Central"
    assert u.extract("fotograaf", TODAY, "function").function == "fotograaf"
    assert u.extract("250", TODAY, "amount_cents").amount_cents == 25000
    assert u.extract("ja", TODAY, "client_name").client_name is None
