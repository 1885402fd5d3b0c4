"""Messages of the HTTP edge (nl, fr, en): tokens, body limits."""

from backend.platform.i18n import register

register({
    "invalid_token": {
        "nl": "Je aanmelding is ongeldig of verlopen. Meld je opnieuw aan.",
        "fr": "Votre connexion n'est pas valable ou a expiré. Reconnectez-vous.",
        "en": "Your sign-in is invalid or has expired. Please sign in again.",
    },
    "payload_too_large": {
        "nl": "Het verzoek is te groot (hoogstens {max} kB).",
        "fr": "La requête est trop volumineuse ({max} Ko au maximum).",
        "en": "The request is too large (at most {max} kB).",
    },
    "json_too_deep": {
        "nl": "De JSON is te diep genest (hoogstens {max} niveaus).",
        "fr": "Le JSON est trop profondément imbriqué ({max} niveaux au maximum).",
        "en": "The JSON is nested too deeply (at most {max} levels).",
    },
    # A constraint of the published schema (msgspec.Meta / an enum): backend.http.errors.
    "at_least": {
        "nl": "Deze waarde moet minstens {limit} zijn.",
        "fr": "Cette valeur doit être d'au moins {limit}.",
        "en": "This value must be at least {limit}.",
    },
    "more_than": {
        "nl": "Deze waarde moet groter zijn dan {limit}.",
        "fr": "Cette valeur doit être supérieure à {limit}.",
        "en": "This value must be more than {limit}.",
    },
    "at_most": {
        "nl": "Deze waarde mag hoogstens {limit} zijn.",
        "fr": "Cette valeur ne peut pas dépasser {limit}.",
        "en": "This value must be at most {limit}.",
    },
    "less_than": {
        "nl": "Deze waarde moet kleiner zijn dan {limit}.",
        "fr": "Cette valeur doit être inférieure à {limit}.",
        "en": "This value must be less than {limit}.",
    },
    "min_characters": {
        "nl": "Vul minstens {limit} teken(s) in.",
        "fr": "Indiquez au moins {limit} caractère(s).",
        "en": "Enter at least {limit} character(s).",
    },
    "max_characters": {
        "nl": "Hoogstens {limit} tekens.",
        "fr": "{limit} caractères au maximum.",
        "en": "At most {limit} characters.",
    },
    "min_items": {
        "nl": "Geef er minstens {limit}.",
        "fr": "Indiquez-en au moins {limit}.",
        "en": "Give at least {limit}.",
    },
    "max_items": {
        "nl": "Hoogstens {limit}.",
        "fr": "{limit} au maximum.",
        "en": "At most {limit}.",
    },
    "wrong_format": {
        "nl": "Deze waarde heeft niet het verwachte formaat.",
        "fr": "Cette valeur n'a pas le format attendu.",
        "en": "This value does not have the expected format.",
    },
    "not_allowed_value": {
        "nl": "Deze waarde is niet een van de toegelaten waarden.",
        "fr": "Cette valeur ne fait pas partie des valeurs admises.",
        "en": "This value is not one of the allowed values.",
    },
})
