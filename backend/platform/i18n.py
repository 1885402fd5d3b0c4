"""Localised messages (nl, fr, en; nl by default, as in api.md) for errors, documents and the bot.

Each bounded context registers its own catalogue with ``register``; a missing language is a
bug caught by tests/test_i18n.py, which checks every registered code has all three.
"""

from __future__ import annotations

from backend.platform.formatting import localize

LANGUAGES = ("nl", "fr", "en")
DEFAULT_LANGUAGE = "nl"

_CATALOGUE: dict[str, dict[str, str]] = {}


def register(messages: dict[str, dict[str, str]]) -> None:
    for code, texts in messages.items():
        missing = set(LANGUAGES) - set(texts)
        if missing:
            raise ValueError(f"message {code!r} lacks {sorted(missing)}")
        if code in _CATALOGUE and _CATALOGUE[code] != texts:
            # Two modules meaning different things by one code: the text would depend on which
            # was imported last.
            raise ValueError(f"message {code!r} is registered twice with different texts")
        _CATALOGUE[code] = texts


def catalogue() -> dict[str, dict[str, str]]:
    return dict(_CATALOGUE)


def t(code: str, lang: str, /, **params: object) -> str:
    """The message in ``lang``; amounts and dates passed as ``formatting.Money`` / ``Day`` are
    written the reader's way here, when the language is known."""
    texts = _CATALOGUE.get(code)
    if texts is None:
        return code
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    try:
        return text.format(**{k: localize(v, lang) for k, v in params.items()})
    except (KeyError, IndexError):
        return text


def negotiate(accept_language: str | None) -> str:
    """Pick nl/fr/en from an Accept-Language header, honouring q-values."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    best, best_q = DEFAULT_LANGUAGE, -1.0
    for order, part in enumerate(accept_language.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()[:2]
        q = 1.0
        for p in pieces[1:]:
            p = p.strip()
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        q -= order * 1e-6  # earlier wins on ties
        if tag in LANGUAGES and q > best_q:
            best, best_q = tag, q
    return best


register({
    "validation_failed": {
        "nl": "Sommige gegevens zijn ongeldig.",
        "fr": "Certaines données ne sont pas valables.",
        "en": "Some of the data is invalid.",
    },
    "invalid_value": {
        "nl": "Deze waarde is ongeldig.",
        "fr": "Cette valeur n'est pas valable.",
        "en": "This value is invalid.",
    },
    "expected_type": {
        "nl": "Verwacht: {expected}.",
        "fr": "Attendu : {expected}.",
        "en": "Expected {expected}.",
    },
    "field_required": {
        "nl": "Dit veld is verplicht.",
        "fr": "Ce champ est obligatoire.",
        "en": "This field is required.",
    },
    "unknown_field": {
        "nl": "Onbekend veld.",
        "fr": "Champ inconnu.",
        "en": "Unknown field.",
    },
    "malformed_body": {
        "nl": "De inhoud van het verzoek is geen geldige JSON.",
        "fr": "Le contenu de la requête n'est pas un JSON valable.",
        "en": "The request body is not valid JSON.",
    },
    "not_authenticated": {
        "nl": "Meld je aan om verder te gaan.",
        "fr": "Connectez-vous pour continuer.",
        "en": "Please sign in to continue.",
    },
    "forbidden": {
        "nl": "Je hebt geen toegang tot deze gegevens.",
        "fr": "Vous n'avez pas accès à ces données.",
        "en": "You do not have access to this.",
    },
    "not_found": {
        "nl": "Niet gevonden.",
        "fr": "Introuvable.",
        "en": "Not found.",
    },
    "method_not_allowed": {
        "nl": "Deze methode is hier niet toegestaan.",
        "fr": "Cette méthode n'est pas autorisée ici.",
        "en": "This method is not allowed here.",
    },
    "rate_limited": {
        "nl": "Te veel verzoeken. Probeer het over {seconds} seconden opnieuw.",
        "fr": "Trop de requêtes. Réessayez dans {seconds} secondes.",
        "en": "Too many requests. Try again in {seconds} seconds.",
    },
    "idempotency_conflict": {
        "nl": "Deze Idempotency-Key werd al gebruikt voor een ander verzoek.",
        "fr": "Cette Idempotency-Key a déjà servi pour une autre requête.",
        "en": "This Idempotency-Key was already used for a different request.",
    },
    "idempotency_in_progress": {
        "nl": "Een verzoek met deze Idempotency-Key is nog bezig.",
        "fr": "Une requête avec cette Idempotency-Key est encore en cours.",
        "en": "A request with this Idempotency-Key is still in progress.",
    },
    "service_unavailable": {
        "nl": "De dienst is even niet beschikbaar. Probeer het zo meteen opnieuw.",
        "fr": "Le service est momentanément indisponible. Réessayez dans un instant.",
        "en": "The service is briefly unavailable. Please try again in a moment.",
    },
    "internal_error": {
        "nl": "Er ging iets mis aan onze kant. Er werd niets gewijzigd.",
        "fr": "Une erreur s'est produite chez nous. Rien n'a été modifié.",
        "en": "Something went wrong on our side. Nothing was changed.",
    },
})
