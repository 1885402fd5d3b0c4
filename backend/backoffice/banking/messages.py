"""Messages of the back office's banking: CODA import, unmatched payments, SEPA payment files."""

from backend.platform import i18n

i18n.register({
    "coda_invalid": {
        "nl": "Dit is geen geldig CODA-bestand (regel {line}: {reason}).",
        "fr": "Ce fichier CODA n'est pas valable (ligne {line} : {reason}).",
        "en": "This is not a valid CODA file (line {line}: {reason}).",
    },
    "coda_too_large": {
        "nl": "Dit CODA-bestand is te groot (maximaal 10 MB).",
        "fr": "Ce fichier CODA est trop volumineux (10 Mo au maximum).",
        "en": "This CODA file is too large (at most 10 MB).",
    },
    "debtor_iban_missing": {
        "nl": "Er is geen geldig IBAN ingesteld voor de rechtspersoon {entity}: "
              "zonder rekening kan geen betalingsbestand worden gemaakt.",
        "fr": "Aucun IBAN valable n'est configuré pour l'entité juridique {entity} : "
              "impossible de créer un fichier de paiement sans compte.",
        "en": "No valid IBAN is configured for the legal entity {entity}: "
              "a payment file cannot be made without an account.",
    },
    "payment_already_assigned": {
        "nl": "Deze betaling is al aan een factuur toegewezen.",
        "fr": "Ce paiement a déjà été attribué à une facture.",
        "en": "This payment has already been assigned to an invoice.",
    },
    "invoice_unknown": {
        "nl": "Deze factuur bestaat niet.",
        "fr": "Cette facture n'existe pas.",
        "en": "This invoice does not exist.",
    },
    "unmatched_status_invalid": {
        "nl": "Kies open of assigned.",
        "fr": "Choisissez open ou assigned.",
        "en": "Choose open or assigned.",
    },
})
