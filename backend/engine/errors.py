"""Engine errors with localized (nl/fr/en) messages.

``EngineInputError(field, code, params)``: ``field`` is the camelCase API field name
(``"amountCents"``, ``"expenses[0].category"``...), ``code`` a stable machine code,
``params`` the values the message needs. The HTTP layer maps it to an RFC 9457
``errors: [{"field", "message"}]`` entry with ``message(lang)``.

``RuleSetError`` is a configuration error (a broken rule-set file), never a user error.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("nl", "fr", "en")
DEFAULT_LANGUAGE = "nl"

# code -> {lang: template}. Templates use str.format with the error params.
MESSAGES: dict[str, dict[str, str]] = {
    "required": {
        "nl": "Dit veld is verplicht.",
        "fr": "Ce champ est obligatoire.",
        "en": "This field is required.",
    },
    "not_an_integer": {
        "nl": "Geef een geheel bedrag in cent (bijvoorbeeld 10000 voor € 100).",
        "fr": "Indiquez un montant entier en centimes (par exemple 10000 pour 100 €).",
        "en": "Give a whole amount in cents (for example 10000 for €100).",
    },
    "not_positive": {
        "nl": "Het bedrag moet groter zijn dan nul.",
        "fr": "Le montant doit être supérieur à zéro.",
        "en": "The amount must be greater than zero.",
    },
    "negative": {
        "nl": "De waarde mag niet negatief zijn.",
        "fr": "La valeur ne peut pas être négative.",
        "en": "The value cannot be negative.",
    },
    "too_large": {
        "nl": "Het bedrag is te hoog (maximum {max} cent). Neem contact op met je adviseur.",
        "fr": "Le montant est trop élevé (maximum {max} centimes). Contactez votre conseiller.",
        "en": "The amount is too high (maximum {max} cents). Please contact your adviser.",
    },
    "not_a_date": {
        "nl": "Elke prestatiedatum moet een geldige datum zijn.",
        "fr": "Chaque date de prestation doit être une date valide.",
        "en": "Every performance date must be a valid date.",
    },
    "no_dates": {
        "nl": "Geef minstens één prestatiedatum op.",
        "fr": "Indiquez au moins une date de prestation.",
        "en": "Give at least one performance date.",
    },
    "duplicate_date": {
        "nl": "De datum {date} staat er meer dan één keer in.",
        "fr": "La date {date} figure plus d'une fois.",
        "en": "The date {date} appears more than once.",
    },
    "too_many_dates": {
        "nl": "Te veel prestatiedata (maximum {max}).",
        "fr": "Trop de dates de prestation (maximum {max}).",
        "en": "Too many performance dates (maximum {max}).",
    },
    "no_rule_set": {
        "nl": "Voor {country}/{entity} op {date} bestaan geen berekeningsregels.",
        "fr": "Aucune règle de calcul n'existe pour {country}/{entity} au {date}.",
        "en": "No calculation rules exist for {country}/{entity} on {date}.",
    },
    "unknown_contract_type": {
        "nl": "Onbekend contracttype '{value}'. Mogelijk: {allowed}.",
        "fr": "Type de contrat inconnu « {value} ». Possibles : {allowed}.",
        "en": "Unknown contract type '{value}'. Allowed: {allowed}.",
    },
    "unknown_vat_rate": {
        "nl": "Onbekend btw-tarief '{value}'. Mogelijk: {allowed}.",
        "fr": "Taux de TVA inconnu « {value} ». Possibles : {allowed}.",
        "en": "Unknown VAT rate '{value}'. Allowed: {allowed}.",
    },
    "exemption_required": {
        "nl": "Bij 0 % btw moet je de reden van vrijstelling kiezen ({allowed}).",
        "fr": "Avec 0 % de TVA, choisissez le motif d'exonération ({allowed}).",
        "en": "With 0% VAT, choose the exemption reason ({allowed}).",
    },
    "unknown_exemption": {
        "nl": "Onbekende vrijstellingsreden '{value}'. Mogelijk: {allowed}.",
        "fr": "Motif d'exonération inconnu « {value} ». Possibles : {allowed}.",
        "en": "Unknown exemption reason '{value}'. Allowed: {allowed}.",
    },
    "exemption_not_allowed": {
        "nl": "Een vrijstellingsreden kan alleen bij 0 % btw.",
        "fr": "Un motif d'exonération n'est possible qu'avec 0 % de TVA.",
        "en": "An exemption reason is only possible with 0% VAT.",
    },
    "exemption_needs_eu_client": {
        "nl": "Verlegging van heffing kan alleen voor een klant in een ander EU-land (niet {country}).",
        "fr": "L'autoliquidation n'est possible que pour un client d'un autre pays de l'UE (pas {country}).",
        "en": "Reverse charge only applies to a client in another EU country (not {country}).",
    },
    "exemption_needs_non_eu_client": {
        "nl": "Vrijstelling wegens uitvoer kan alleen voor een klant buiten de EU.",
        "fr": "L'exonération à l'exportation n'est possible que pour un client hors UE.",
        "en": "The export exemption only applies to a client outside the EU.",
    },
    "invalid_country": {
        "nl": "Geef een landcode van twee letters (bijvoorbeeld BE).",
        "fr": "Indiquez un code pays de deux lettres (par exemple BE).",
        "en": "Give a two-letter country code (for example BE).",
    },
    "invalid_rate": {
        "nl": 'Geef een percentage als decimaal getal, bijvoorbeeld "11.11".',
        "fr": "Indiquez un pourcentage en nombre décimal, par exemple « 11.11 ».",
        "en": 'Give a percentage as a decimal number, for example "11.11".',
    },
    "withholding_below_minimum": {
        "nl": "De bedrijfsvoorheffing moet minstens {minimum} % zijn.",
        "fr": "Le précompte professionnel doit être d'au moins {minimum} %.",
        "en": "The withholding tax must be at least {minimum}%.",
    },
    "withholding_not_allowed": {
        "nl": "Dit percentage bedrijfsvoorheffing kan niet. Mogelijk: {allowed}.",
        "fr": "Ce taux de précompte professionnel n'est pas possible. Possibles : {allowed}.",
        "en": "This withholding tax rate is not possible. Allowed: {allowed}.",
    },
    "too_many_expenses": {
        "nl": "Te veel onkosten in één aanvraag (maximum {max}).",
        "fr": "Trop de frais dans une seule demande (maximum {max}).",
        "en": "Too many expenses in one request (maximum {max}).",
    },
    "unknown_expense_category": {
        "nl": "Onbekende onkostensoort '{value}'. Mogelijk: {allowed}.",
        "fr": "Catégorie de frais inconnue « {value} ». Possibles : {allowed}.",
        "en": "Unknown expense category '{value}'. Allowed: {allowed}.",
    },
    "expenses_exceed_turnover": {
        "nl": "De onkosten ({expenses} cent) en de bijdrage ({contribution} cent) zijn hoger "
        "dan de omzet zonder btw ({turnover} cent). Verlaag de onkosten.",
        "fr": "Les frais ({expenses} centimes) et la contribution ({contribution} centimes) "
        "dépassent le chiffre d'affaires hors TVA ({turnover} centimes). Réduisez les frais.",
        "en": "The expenses ({expenses} cents) and the contribution ({contribution} cents) "
        "exceed the turnover excluding VAT ({turnover} cents). Lower the expenses.",
    },
    "unknown_family_status": {
        "nl": "Onbekende gezinstoestand '{value}'. Mogelijk: {allowed}.",
        "fr": "Situation familiale inconnue « {value} ». Possibles : {allowed}.",
        "en": "Unknown family situation '{value}'. Allowed: {allowed}.",
    },
    "not_monthly_contract": {
        "nl": "Een maandloon volgens de sleutelformule bestaat alleen voor {allowed}.",
        "fr": "Un salaire mensuel selon la formule-clé n'existe que pour {allowed}.",
        "en": "A monthly salary under the key formula only exists for {allowed}.",
    },
    "invalid_hours": {
        "nl": 'Geef een aantal uren als geheel of decimaal getal (bijvoorbeeld "7.5"), niet negatief.',
        "fr": "Indiquez un nombre d'heures entier ou décimal (par exemple « 7.5 »), non négatif.",
        "en": 'Give a number of hours as a whole or decimal number (for example "7.5"), not negative.',
    },
    "invalid_hours_per_day": {
        "nl": 'Geef het aantal uren per dag als geheel of decimaal getal (bijvoorbeeld "7.6"), meer dan 0 en hoogstens {max}.',
        "fr": "Indiquez le nombre d'heures par jour en nombre entier ou décimal (par exemple « 7.6 »), plus de 0 et au plus {max}.",
        "en": 'Give the hours per day as a whole or decimal number (for example "7.6"), more than 0 and at most {max}.',
    },
    "not_a_boolean": {
        "nl": "Antwoord met ja of nee (true of false).",
        "fr": "Répondez par oui ou non (true ou false).",
        "en": "Answer yes or no (true or false).",
    },
    "single_parent_not_single": {
        "nl": "De vermindering voor een alleenstaande ouder kan alleen als je alleenstaand bent.",
        "fr": "La réduction pour parent isolé n'est possible que si vous êtes isolé.",
        "en": "The single-parent reduction only applies to a single person.",
    },
    "single_parent_needs_children": {
        "nl": "De vermindering voor een alleenstaande ouder vraagt minstens één kind ten laste.",
        "fr": "La réduction pour parent isolé demande au moins un enfant à charge.",
        "en": "The single-parent reduction needs at least one dependent child.",
    },
    "invalid_ogm": {
        "nl": "Dit is geen geldige gestructureerde mededeling (+++123/4567/89002+++).",
        "fr": "Ce n'est pas une communication structurée valide (+++123/4567/89002+++).",
        "en": "This is not a valid structured communication (+++123/4567/89002+++).",
    },
    "invalid_ogm_number": {
        "nl": "Het nummer voor een gestructureerde mededeling moet tussen 0 en 9999999999 liggen.",
        "fr": "Le numéro d'une communication structurée doit être compris entre 0 et 9999999999.",
        "en": "The number of a structured communication must be between 0 and 9999999999.",
    },
}


def render(code: str, params: Mapping[str, object], lang: str) -> str:
    templates = MESSAGES.get(code)
    if templates is None:  # pragma: no cover - every raised code is in the catalog (tested)
        return code
    template = templates.get(lang) or templates[DEFAULT_LANGUAGE]
    try:
        return template.format(**params)
    except (KeyError, IndexError):  # pragma: no cover - tested for every code
        return template


class EngineInputError(ValueError):
    """Invalid input for an engine computation, with localized messages."""

    def __init__(self, field: str, code: str, params: Mapping[str, object] | None = None):
        self.field = field
        self.code = code
        self.params: dict[str, object] = dict(params or {})
        super().__init__(f"{field}: {self.message('en')}")

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The message in ``lang`` (nl, fr, en; unknown languages fall back to nl)."""
        return render(self.code, self.params, lang if lang in LANGUAGES else DEFAULT_LANGUAGE)

    @property
    def messages(self) -> dict[str, str]:
        return {lang: self.message(lang) for lang in LANGUAGES}

    def to_problem_entry(self, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
        """``{"field", "code", "message"}`` for the RFC 9457 ``errors`` list."""
        return {"field": self.field, "code": self.code, "message": self.message(lang)}

    def __reduce__(self):  # keep picklable (used by worker queues)
        return (type(self), (self.field, self.code, self.params))


class RuleSetError(ValueError):
    """A rule-set file is invalid (configuration error at load time, or a refused upload).

    ``problems`` lists every problem found as ``(where, code, params, english)``; ``where``,
    ``problem`` and ``code`` are those of the first one. :mod:`backend.engine.rules_upload`
    turns the codes into nl/fr/en sentences for the back office.
    """

    def __init__(
        self,
        where: str,
        problem: str,
        *,
        code: str = "invalid",
        params: Mapping[str, str] | None = None,
        problems: list[tuple[str, str, dict[str, str], str]] | None = None,
    ):
        self.problems = problems or [(where, code, dict(params or {}), problem)]
        self.where, self.code, self.params, self.problem = self.problems[0]
        super().__init__("; ".join(f"{w}: {text}" for w, _, _, text in self.problems))

    @classmethod
    def many(cls, problems: list[tuple[str, str, dict[str, str], str]]) -> RuleSetError:
        where, code, params, text = problems[0]
        return cls(where, text, code=code, params=params, problems=list(problems))

    def __reduce__(self):
        return (_rebuild_rule_set_error, (self.problems,))


def _rebuild_rule_set_error(problems):
    return RuleSetError.many(problems)
