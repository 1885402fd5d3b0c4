"""Units and ledger messages (nl, fr, en): errors, account labels and plain-language phrases."""

from __future__ import annotations

from backend.platform import i18n
from backend.units.accounts import CHART

ERRORS = {
    "invalid_cursor": {
        "nl": "Deze cursor is ongeldig. Begin opnieuw bij de eerste pagina.",
        "fr": "Ce curseur n'est pas valable. Recommencez à la première page.",
        "en": "This cursor is invalid. Start again from the first page.",
    },
    "limit_out_of_range": {
        "nl": "Kies een aantal tussen {min} en {max}.",
        "fr": "Choisissez un nombre entre {min} et {max}.",
        "en": "Choose a number between {min} and {max}.",
    },
    "unit_name_invalid": {
        "nl": "Geef een naam van 1 tot {max} tekens.",
        "fr": "Donnez un nom de 1 à {max} caractères.",
        "en": "Give a name of 1 to {max} characters.",
    },
    "unit_mode_invalid": {
        "nl": "Kies de tool 3in1 of Activiteit.",
        "fr": "Choisissez l'outil 3en1 ou Activité.",
        "en": "Choose the 3in1 or the Activity tool.",
    },
    "legal_entity_unknown": {
        "nl": "Deze juridische entiteit bestaat niet.",
        "fr": "Cette entité juridique n'existe pas.",
        "en": "This legal entity does not exist.",
    },
    "office_unknown": {
        "nl": "Dit kantoor bestaat niet.",
        "fr": "Ce bureau n'existe pas.",
        "en": "This office does not exist.",
    },
    "holders_required": {
        "nl": "Een productie-eenheid heeft minstens één houder nodig.",
        "fr": "Une unité de production a besoin d'au moins un titulaire.",
        "en": "A unit needs at least one holder.",
    },
    "person_unknown": {
        "nl": "Deze persoon bestaat niet.",
        "fr": "Cette personne n'existe pas.",
        "en": "This person does not exist.",
    },
    "unit_unknown": {
        "nl": "Deze productie-eenheid bestaat niet.",
        "fr": "Cette unité de production n'existe pas.",
        "en": "This unit does not exist.",
    },
    "unit_closed": {
        "nl": "Deze productie-eenheid is afgesloten: er kan niets meer op geboekt worden.",
        "fr": "Cette unité de production est clôturée : plus rien ne peut y être comptabilisé.",
        "en": "This unit is closed: nothing more can be booked on it.",
    },
    "ledger_kind_invalid": {
        "nl": "Het soort boeking moet uit kleine letters, cijfers en _ bestaan (max. 40).",
        "fr": "Le type d'écriture doit être en minuscules, chiffres et _ (40 max.).",
        "en": "The entry kind must be lower-case letters, digits and _ (at most 40).",
    },
    "ledger_description_required": {
        "nl": "Beschrijf de boeking.",
        "fr": "Décrivez l'écriture.",
        "en": "Describe the entry.",
    },
    "ledger_reference_too_long": {
        "nl": "De referentie is te lang (max. {max} tekens).",
        "fr": "La référence est trop longue ({max} caractères max.).",
        "en": "The reference is too long (at most {max} characters).",
    },
    "ledger_date_invalid": {
        "nl": "Geef een geldige datum.",
        "fr": "Donnez une date valable.",
        "en": "Give a valid date.",
    },
    "ledger_too_few_lines": {
        "nl": "Een boeking heeft minstens twee lijnen nodig.",
        "fr": "Une écriture a besoin d'au moins deux lignes.",
        "en": "An entry needs at least two lines.",
    },
    "ledger_account_unknown": {
        "nl": "Onbekende rekening.",
        "fr": "Compte inconnu.",
        "en": "Unknown account.",
    },
    "ledger_amount_not_cents": {
        "nl": "Een bedrag is een geheel aantal eurocent.",
        "fr": "Un montant est un nombre entier de centimes d'euro.",
        "en": "An amount is a whole number of euro cents.",
    },
    "ledger_amount_zero": {
        "nl": "Een lijn van 0 cent heeft geen zin.",
        "fr": "Une ligne de 0 centime n'a pas de sens.",
        "en": "A line of 0 cents makes no sense.",
    },
    "ledger_amount_too_large": {
        "nl": "Dit bedrag is te groot.",
        "fr": "Ce montant est trop élevé.",
        "en": "This amount is too large.",
    },
    "ledger_unbalanced": {
        "nl": "De boeking is niet in evenwicht: de lijnen tellen op tot {total} cent in plaats van 0.",
        "fr": "L'écriture n'est pas équilibrée : les lignes font {total} centimes au lieu de 0.",
        "en": "The entry does not balance: its lines add up to {total} cents instead of 0.",
    },
    "ledger_entry_not_found": {
        "nl": "Deze boeking bestaat niet.",
        "fr": "Cette écriture n'existe pas.",
        "en": "This entry does not exist.",
    },
    "already_reversed": {
        "nl": "Deze boeking werd al tegengeboekt.",
        "fr": "Cette écriture a déjà été extournée.",
        "en": "This entry has already been reversed.",
    },
    "cannot_reverse_reversal": {
        "nl": "Een tegenboeking kan niet zelf tegengeboekt worden: boek de oorspronkelijke "
              "boeking opnieuw.",
        "fr": "Une extourne ne peut pas être extournée : comptabilisez à nouveau l'écriture "
              "d'origine.",
        "en": "A reversal cannot itself be reversed: post the original entry again instead.",
    },
    "ledger_reason_required": {
        "nl": "Geef de reden van de tegenboeking.",
        "fr": "Donnez la raison de l'extourne.",
        "en": "Give the reason for the reversal.",
    },
}

# What each line means for the worker: "<account>.up" when the account's natural amount grows
# (e.g. more turnover, more owed by clients), "<account>.down" when it shrinks.
LINES: dict[str, dict[str, dict[str, str]]] = {
    "receivable": {
        "up": {"nl": "Je klanten moeten je {amount} betalen.",
               "fr": "Vos clients doivent vous payer {amount}.",
               "en": "Your clients owe you {amount}."},
        "down": {"nl": "{amount} die klanten verschuldigd waren, is vereffend.",
                 "fr": "{amount} dus par des clients sont réglés.",
                 "en": "{amount} that clients owed is settled."},
    },
    "bank": {
        "up": {"nl": "{amount} komt binnen op de bankrekening.",
               "fr": "{amount} arrivent sur le compte bancaire.",
               "en": "{amount} arrives in the bank account."},
        "down": {"nl": "{amount} gaat van de bankrekening af.",
                 "fr": "{amount} quittent le compte bancaire.",
                 "en": "{amount} leaves the bank account."},
    },
    "cash": {
        "up": {"nl": "{amount} werd cash ontvangen.",
               "fr": "{amount} ont été reçus en espèces.",
               "en": "{amount} was received in cash."},
        "down": {"nl": "{amount} cash werd afgedragen.",
                 "fr": "{amount} en espèces ont été remis.",
                 "en": "{amount} in cash was handed over."},
    },
    "vat_payable": {
        "up": {"nl": "{amount} btw wordt opzijgezet voor de staat.",
               "fr": "{amount} de TVA sont mis de côté pour l'État.",
               "en": "{amount} VAT is set aside for the state."},
        "down": {"nl": "{amount} btw is niet meer verschuldigd aan de staat.",
                 "fr": "{amount} de TVA ne sont plus dus à l'État.",
                 "en": "{amount} VAT is no longer owed to the state."},
    },
    "salary_payable": {
        "up": {"nl": "{amount} nettoloon moet aan de werknemer betaald worden.",
               "fr": "{amount} de salaire net sont à payer au travailleur.",
               "en": "{amount} net salary is to be paid to the worker."},
        "down": {"nl": "{amount} nettoloon wordt aan de werknemer betaald.",
                 "fr": "{amount} de salaire net sont payés au travailleur.",
                 "en": "{amount} net salary is paid to the worker."},
    },
    "withholding_payable": {
        "up": {"nl": "{amount} bedrijfsvoorheffing wordt opzijgezet voor de belastingen.",
               "fr": "{amount} de précompte professionnel sont mis de côté pour les impôts.",
               "en": "{amount} withholding tax is set aside for the tax office."},
        "down": {"nl": "{amount} bedrijfsvoorheffing wordt aan de belastingen betaald.",
                 "fr": "{amount} de précompte professionnel sont payés aux impôts.",
                 "en": "{amount} withholding tax is paid to the tax office."},
    },
    "social_security_payable": {
        "up": {"nl": "{amount} sociale zekerheid wordt opzijgezet.",
               "fr": "{amount} de sécurité sociale sont mis de côté.",
               "en": "{amount} social security is set aside."},
        "down": {"nl": "{amount} sociale zekerheid wordt betaald.",
                 "fr": "{amount} de sécurité sociale sont payés.",
                 "en": "{amount} social security is paid."},
    },
    "expense_refund_payable": {
        "up": {"nl": "{amount} onkosten moeten aan de werknemer terugbetaald worden.",
               "fr": "{amount} de frais sont à rembourser au travailleur.",
               "en": "{amount} expenses are to be refunded to the worker."},
        "down": {"nl": "{amount} onkosten worden aan de werknemer terugbetaald.",
                 "fr": "{amount} de frais sont remboursés au travailleur.",
                 "en": "{amount} expenses are refunded to the worker."},
    },
    "cooperative_payable": {
        "up": {"nl": "{amount} gaat naar de coöperatie voor de gedeelde diensten en "
                     "werkgeverslasten.",
               "fr": "{amount} vont à la coopérative pour les services partagés et les "
                     "charges patronales.",
               "en": "{amount} goes to the cooperative for shared services and employer "
                     "charges."},
        "down": {"nl": "{amount} aan de coöperatie is vereffend.",
                 "fr": "{amount} dus à la coopérative sont réglés.",
                 "en": "{amount} owed to the cooperative is settled."},
    },
    "guarantee_advance": {
        "up": {"nl": "Het waarborgfonds schiet {amount} voor.",
               "fr": "Le fonds de garantie avance {amount}.",
               "en": "The guarantee fund advances {amount}."},
        "down": {"nl": "{amount} van het voorschot van het waarborgfonds is vereffend.",
                 "fr": "{amount} de l'avance du fonds de garantie sont réglés.",
                 "en": "{amount} of the guarantee fund's advance is settled."},
    },
    "turnover": {
        "up": {"nl": "Omzet: {amount} zonder btw.",
               "fr": "Chiffre d'affaires : {amount} hors TVA.",
               "en": "Turnover: {amount} excluding VAT."},
        "down": {"nl": "De omzet daalt met {amount}.",
                 "fr": "Le chiffre d'affaires diminue de {amount}.",
                 "en": "Turnover goes down by {amount}."},
    },
    "other_income": {
        "up": {"nl": "{amount} andere inkomsten (subsidie, sponsoring of correctie).",
               "fr": "{amount} d'autres revenus (subside, sponsoring ou correction).",
               "en": "{amount} other income (subsidy, sponsoring or correction)."},
        "down": {"nl": "De andere inkomsten dalen met {amount}.",
                 "fr": "Les autres revenus diminuent de {amount}.",
                 "en": "Other income goes down by {amount}."},
    },
    "contribution": {
        "up": {"nl": "{amount} gemeenschappelijke bijdrage voor de gedeelde diensten.",
               "fr": "{amount} de contribution mutualisée pour les services partagés.",
               "en": "{amount} shared contribution for the shared services."},
        "down": {"nl": "{amount} gemeenschappelijke bijdrage wordt teruggegeven.",
                 "fr": "{amount} de contribution mutualisée sont rendus.",
                 "en": "{amount} shared contribution is given back."},
    },
    "expenses": {
        "up": {"nl": "{amount} beroepskosten ten laste van de eenheid.",
               "fr": "{amount} de frais professionnels à charge de l'unité.",
               "en": "{amount} professional expenses charged to the unit."},
        "down": {"nl": "{amount} beroepskosten worden teruggenomen.",
                 "fr": "{amount} de frais professionnels sont repris.",
                 "en": "{amount} professional expenses are taken back."},
    },
    "labour_cost": {
        "up": {"nl": "{amount} loonkost (brutoloon en werkgeverslasten).",
               "fr": "{amount} de coût salarial (salaire brut et charges patronales).",
               "en": "{amount} labour cost (gross wage and employer charges)."},
        "down": {"nl": "De loonkost daalt met {amount}.",
                 "fr": "Le coût salarial diminue de {amount}.",
                 "en": "Labour cost goes down by {amount}."},
    },
    "other_expense": {
        "up": {"nl": "{amount} andere kosten.",
               "fr": "{amount} d'autres charges.",
               "en": "{amount} other costs."},
        "down": {"nl": "De andere kosten dalen met {amount}.",
                 "fr": "Les autres charges diminuent de {amount}.",
                 "en": "Other costs go down by {amount}."},
    },
}

# Titles of the entry kinds the services post (``backend.units.ledger.KINDS``).
KINDS = {
    "invoice": {"nl": "Factuur", "fr": "Facture", "en": "Invoice"},
    "credit_note": {"nl": "Creditnota", "fr": "Note de crédit", "en": "Credit note"},
    "client_payment": {"nl": "Betaling door de klant", "fr": "Paiement du client",
                       "en": "Client payment"},
    "cash_collection": {"nl": "Aangifte van inning", "fr": "Déclaration d'encaissement",
                        "en": "Cash collection"},
    "contribution": {"nl": "Gemeenschappelijke bijdrage", "fr": "Contribution mutualisée",
                     "en": "Shared contribution"},
    "expense": {"nl": "Onkostennota", "fr": "Note de frais", "en": "Expense claim"},
    "expense_refund": {"nl": "Terugbetaling van onkosten", "fr": "Remboursement de frais",
                       "en": "Expense refund"},
    "labour_cost": {"nl": "Loonkost van een contract", "fr": "Coût salarial d'un contrat",
                    "en": "Labour cost of a contract"},
    "salary_paid": {"nl": "Uitbetaling van het loon", "fr": "Paiement du salaire",
                    "en": "Salary payment"},
    "guarantee_advance": {"nl": "Voorschot van het waarborgfonds",
                          "fr": "Avance du fonds de garantie",
                          "en": "Guarantee fund advance"},
    "guarantee_settled": {"nl": "Vereffening van het waarborgfonds",
                          "fr": "Règlement du fonds de garantie",
                          "en": "Guarantee fund settlement"},
    "correction": {"nl": "Correctie", "fr": "Correction", "en": "Correction"},
    "reversal": {"nl": "Tegenboeking", "fr": "Extourne", "en": "Reversal"},
    "other": {"nl": "Boeking", "fr": "Écriture", "en": "Entry"},
}

EXPLAIN = {
    "ledger.title": {"nl": "{title}:", "fr": "{title} :", "en": "{title}:"},
    "ledger.effect.up": {
        "nl": "Het saldo van je eenheid stijgt met {amount}.",
        "fr": "Le solde de votre unité augmente de {amount}.",
        "en": "Your unit's balance goes up by {amount}.",
    },
    "ledger.effect.down": {
        "nl": "Het saldo van je eenheid daalt met {amount}.",
        "fr": "Le solde de votre unité diminue de {amount}.",
        "en": "Your unit's balance goes down by {amount}.",
    },
    "ledger.effect.none": {
        "nl": "Het saldo van je eenheid verandert niet.",
        "fr": "Le solde de votre unité ne change pas.",
        "en": "Your unit's balance does not change.",
    },
    "ledger.reversal": {
        "nl": "Dit maakt boeking nr. {seq} van {date} volledig ongedaan. Reden: {reason}",
        "fr": "Ceci annule entièrement l'écriture n° {seq} du {date}. Raison : {reason}",
        "en": "This fully cancels entry no. {seq} of {date}. Reason: {reason}",
    },
    "ledger.reversed": {
        "nl": "Deze boeking werd later tegengeboekt.",
        "fr": "Cette écriture a ensuite été extournée.",
        "en": "This entry was later reversed.",
    },
    "unit.summary": {
        "nl": "Omzet {turnover} + andere inkomsten {other_income} − bijdrage {contribution} "
              "− onkosten {expenses} − loonkost {labour_cost} − andere kosten {other_expense} "
              "= {balance} beschikbaar in je eenheid.",
        "fr": "Chiffre d'affaires {turnover} + autres revenus {other_income} − contribution "
              "{contribution} − frais {expenses} − coût salarial {labour_cost} − autres charges "
              "{other_expense} = {balance} disponibles dans votre unité.",
        "en": "Turnover {turnover} + other income {other_income} − contribution {contribution} "
              "− expenses {expenses} − labour cost {labour_cost} − other costs {other_expense} "
              "= {balance} available in your unit.",
    },
}


def _catalogue() -> dict[str, dict[str, str]]:
    messages: dict[str, dict[str, str]] = dict(ERRORS)
    messages.update(EXPLAIN)
    for code, info in CHART.items():
        messages[f"account.{code.value}"] = dict(info.labels)
    for account, directions in LINES.items():
        for direction, texts in directions.items():
            messages[f"ledger.line.{account}.{direction}"] = texts
    for kind, texts in KINDS.items():
        messages[f"ledger.kind.{kind}"] = texts
    return messages


i18n.register(_catalogue())
