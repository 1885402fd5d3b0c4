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
})
