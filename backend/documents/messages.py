"""Localised messages of the documents context (registered with ``backend.platform.i18n``)."""

from __future__ import annotations

from backend.platform.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    "payment_account_missing": {
        "nl": "Voor {entity} is geen bankrekening (IBAN) ingesteld: er kan geen factuur worden "
              "uitgegeven. Er werd niets gewijzigd.",
        "fr": "Aucun compte bancaire (IBAN) n'est configuré pour {entity} : aucune facture ne "
              "peut être émise. Rien n'a été modifié.",
        "en": "No bank account (IBAN) is configured for {entity}: no invoice can be issued. "
              "Nothing was changed.",
    },
    "payment_account_invalid": {
        "nl": "De bankrekening van {entity} ({iban}) is geen geldige IBAN: er kan geen factuur "
              "worden uitgegeven. Er werd niets gewijzigd.",
        "fr": "Le compte bancaire de {entity} ({iban}) n'est pas un IBAN valable : aucune "
              "facture ne peut être émise. Rien n'a été modifié.",
        "en": "The bank account of {entity} ({iban}) is not a valid IBAN: no invoice can be "
              "issued. Nothing was changed.",
    },
    "payment_account_demo": {
        "nl": "{entity} heeft enkel de demorekening: in productie wordt zonder echte "
              "bankrekening geen factuur uitgegeven. Er werd niets gewijzigd.",
        "fr": "{entity} n'a que le compte de démonstration : en production, aucune facture "
              "n'est émise sans vrai compte bancaire. Rien n'a été modifié.",
        "en": "{entity} only has the demo account: in production no invoice is issued without "
              "a real bank account. Nothing was changed.",
    },
}

register(MESSAGES)
