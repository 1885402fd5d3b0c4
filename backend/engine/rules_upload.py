"""Check a rule-set file uploaded in the back office, with every problem in nl/fr/en.

Adding next year's rules is a data change: an admin uploads ``be-smart-2027.json``, this pure
function checks it exactly as the shipped files are checked (schema, ranges, a source for every
parameter, contiguous validity with the rule sets already there), a second admin approves it,
and the service stores it and builds the book with it (``RuleBook.from_documents`` or
:meth:`RuleBook.extended_with`). Nothing here reads or writes anything.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import RuleSetError
from .rules import RuleBook

__all__ = ["RuleSetProblem", "RuleSetValidation", "validate_rule_set_upload"]

MAX_UPLOAD_BYTES = 2_000_000
_UNCONFIRMED = ("unverified", "not confirmed", "not found")

T = dict[str, str]
MESSAGES: dict[str, T] = {
    **{
        "expected_" + what: {
            "nl": f"Verwacht {nl} als decimaal getal in tekst (bijvoorbeeld \"13.07\").",
            "fr": f"{fr} est attendu en nombre décimal sous forme de texte (par exemple « 13.07 »).",
            "en": f"Expected {en} as a decimal number in text (for example \"13.07\").",
        }
        for what, nl, fr, en in (
            ("percent", "een percentage", "Un pourcentage", "a percentage"),
            ("coefficient", "een coëfficiënt", "Un coefficient", "a coefficient"),
            ("slope", "een hellingscoëfficiënt", "Un coefficient de pente", "a slope"),
            ("hours", "een aantal uren", "Un nombre d'heures", "a number of hours"),
        )
    },
    "invalid_json": {
        "nl": "Het bestand is geen geldige JSON ({detail}).",
        "fr": "Le fichier n'est pas du JSON valide ({detail}).",
        "en": "The file is not valid JSON ({detail}).",
    },
    "not_utf8": {
        "nl": "Het bestand is niet in UTF-8 gecodeerd.",
        "fr": "Le fichier n'est pas encodé en UTF-8.",
        "en": "The file is not UTF-8 encoded.",
    },
    "too_large": {
        "nl": "Het bestand is te groot (maximum {max} bytes).",
        "fr": "Le fichier est trop volumineux (maximum {max} octets).",
        "en": "The file is too large (maximum {max} bytes).",
    },
    "not_an_object": {
        "nl": "Het bestand moet één JSON-object bevatten.",
        "fr": "Le fichier doit contenir un objet JSON.",
        "en": "The file must contain one JSON object.",
    },
    "unknown_top_level_keys": {
        "nl": "Onbekende velden bovenaan: {keys}.",
        "fr": "Champs inconnus au premier niveau : {keys}.",
        "en": "Unknown top-level fields: {keys}.",
    },
    "missing_top_level_key": {
        "nl": "Het veld '{key}' ontbreekt.",
        "fr": "Le champ « {key} » manque.",
        "en": "The field '{key}' is missing.",
    },
    "bad_id": {
        "nl": "De id mag alleen kleine letters, cijfers en streepjes bevatten.",
        "fr": "L'id ne peut contenir que des minuscules, des chiffres et des tirets.",
        "en": "The id may only contain lower-case letters, digits and dashes.",
    },
    "bad_country": {
        "nl": "Het land moet een code van twee hoofdletters zijn (BE).",
        "fr": "Le pays doit être un code de deux majuscules (BE).",
        "en": "The country must be a two-letter upper-case code (BE).",
    },
    "bad_entity": {
        "nl": "De juridische entiteit moet een id in kleine letters zijn (smart).",
        "fr": "L'entité juridique doit être un identifiant en minuscules (smart).",
        "en": "The legal entity must be a lower-case identifier (smart).",
    },
    "bad_currency": {
        "nl": "Alleen EUR wordt ondersteund.",
        "fr": "Seul l'EUR est pris en charge.",
        "en": "Only EUR is supported.",
    },
    "bad_date": {
        "nl": "Geen geldige datum (JJJJ-MM-DD).",
        "fr": "Date invalide (AAAA-MM-JJ).",
        "en": "Not a valid date (YYYY-MM-DD).",
    },
    "end_before_start": {
        "nl": "De einddatum ligt voor de begindatum.",
        "fr": "La date de fin précède la date de début.",
        "en": "The end date is before the start date.",
    },
    "bad_description": {
        "nl": "De beschrijving moet tekst zijn.",
        "fr": "La description doit être un texte.",
        "en": "The description must be text.",
    },
    "bad_amendment": {
        "nl": "Een wijziging heeft valid_from, parameters en eventueel een note.",
        "fr": "Une modification a valid_from, parameters et éventuellement une note.",
        "en": "An amendment has valid_from, parameters and an optional note.",
    },
    "amendment_outside": {
        "nl": "De wijziging van {date} moet na de vorige beginnen en binnen de geldigheid van het bestand vallen.",
        "fr": "La modification du {date} doit commencer après la précédente et dans la validité du fichier.",
        "en": "The amendment of {date} must start after the previous one and within the file's validity.",
    },
    "expected_parameters": {
        "nl": "'parameters' moet een object zijn.",
        "fr": "« parameters » doit être un objet.",
        "en": "'parameters' must be an object.",
    },
    "unknown_parameter": {
        "nl": "Onbekende parameter '{key}' (tikfout?).",
        "fr": "Paramètre inconnu « {key} » (faute de frappe ?).",
        "en": "Unknown parameter '{key}' (typo?).",
    },
    "bad_entry": {
        "nl": 'Elke parameter is precies {{"value": ..., "source": "..."}}.',
        "fr": 'Chaque paramètre est exactement {{"value": ..., "source": "..."}}.',
        "en": 'Each parameter is exactly {{"value": ..., "source": "..."}}.',
    },
    "missing_source": {
        "nl": "Deze parameter heeft geen bron: noem de officiële tekst en een tweede bron.",
        "fr": "Ce paramètre n'a pas de source : citez le texte officiel et une seconde source.",
        "en": "This parameter has no source: name the official text and a second source.",
    },
    "missing_parameter": {
        "nl": "De parameter '{key}' ontbreekt.",
        "fr": "Le paramètre « {key} » manque.",
        "en": "The parameter '{key}' is missing.",
    },
    "out_of_range": {
        "nl": "De waarde {value} ligt buiten het bereik {low} tot {high}.",
        "fr": "La valeur {value} est hors de la plage {low} à {high}.",
        "en": "The value {value} is outside the range {low} to {high}.",
    },
    "expected_cents": {
        "nl": "Verwacht een geheel bedrag in cent, niet negatief.",
        "fr": "Un montant entier en centimes, non négatif, est attendu.",
        "en": "Expected a whole amount in cents, not negative.",
    },
    "expected_cents_positive": {
        "nl": "Verwacht een geheel getal groter dan nul.",
        "fr": "Un nombre entier supérieur à zéro est attendu.",
        "en": "Expected a whole number greater than zero.",
    },
    "expected_mention": {
        "nl": "Verwacht een tekst in het Nederlands, Frans en Engels (nl, fr, en).",
        "fr": "Un texte en néerlandais, français et anglais (nl, fr, en) est attendu.",
        "en": "Expected a text in Dutch, French and English (nl, fr, en).",
    },
    "expected_text": {
        "nl": "Verwacht een korte, niet-lege tekst.",
        "fr": "Un texte court et non vide est attendu.",
        "en": "Expected a short, non-empty text.",
    },
    "expected_one_of": {
        "nl": "Verwacht een van: {allowed}.",
        "fr": "Une de ces valeurs est attendue : {allowed}.",
        "en": "Expected one of: {allowed}.",
    },
    "expected_list": {
        "nl": "Verwacht een niet-lege lijst.",
        "fr": "Une liste non vide est attendue.",
        "en": "Expected a non-empty list.",
    },
    "duplicate_value": {
        "nl": "De waarde {value} staat er twee keer in.",
        "fr": "La valeur {value} figure deux fois.",
        "en": "The value {value} appears twice.",
    },
    "expected_object": {
        "nl": "Verwacht een object.",
        "fr": "Un objet est attendu.",
        "en": "Expected an object.",
    },
    "bad_holiday": {
        "nl": "Ongeldige feestdag (code, regel, datum of namen).",
        "fr": "Jour férié invalide (code, règle, date ou noms).",
        "en": "Invalid public holiday (code, rule, date or names).",
    },
    "bad_table": {
        "nl": "Ongeldige tabel: velden, volgorde of grenzen kloppen niet.",
        "fr": "Tableau invalide : champs, ordre ou limites incorrects.",
        "en": "Invalid table: fields, order or limits are wrong.",
    },
    "expected_countries": {
        "nl": "Verwacht een lijst landcodes van twee hoofdletters.",
        "fr": "Une liste de codes pays de deux majuscules est attendue.",
        "en": "Expected a list of two-letter upper-case country codes.",
    },
    "expected_bool": {
        "nl": "Verwacht true of false.",
        "fr": "true ou false est attendu.",
        "en": "Expected true or false.",
    },
    "expected_vatex": {
        "nl": "Verwacht een VATEX-code (CEF-lijst), bijvoorbeeld \"VATEX-EU-AE\".",
        "fr": "Un code VATEX (liste CEF) est attendu, par exemple « VATEX-EU-AE ».",
        "en": "Expected a VATEX code (CEF list), for example \"VATEX-EU-AE\".",
    },
    "expected_exemption_code": {
        "nl": "Verwacht de code van een vrijstelling (een sleutel van vat.exemptions).",
        "fr": "Le code d'une exonération est attendu (une clé de vat.exemptions).",
        "en": "Expected the code of an exemption (a key of vat.exemptions).",
    },
    "place_of_supply_exemption": {
        "nl": "{key} moet een vrijstelling van vat.exemptions noemen met als klant {client}.",
        "fr": "{key} doit nommer une exonération de vat.exemptions dont le client est {client}.",
        "en": "{key} must name an exemption of vat.exemptions whose client is {client}.",
    },
    "vat_rates_need_zero": {
        "nl": "De btw-tarieven moeten 0 bevatten (vrijgestelde verrichtingen).",
        "fr": "Les taux de TVA doivent contenir 0 (opérations exonérées).",
        "en": "The VAT rates must include 0 (exempt supplies).",
    },
    "withholding_default_not_option": {
        "nl": "Het standaardpercentage voorheffing van {contract} staat niet in de keuzelijst.",
        "fr": "Le taux de précompte par défaut de {contract} ne figure pas parmi les options.",
        "en": "The default withholding rate of {contract} is not one of the options.",
    },
    "withholding_default_below_minimum": {
        "nl": "Het standaardpercentage voorheffing van {contract} ligt onder het minimum.",
        "fr": "Le taux de précompte par défaut de {contract} est sous le minimum.",
        "en": "The default withholding rate of {contract} is below the minimum.",
    },
    "cost_parts_exceed_coefficient": {
        "nl": "De delen van de loonkost van {contract} zijn samen groter dan de coëfficiënt.",
        "fr": "Les parts du coût salarial de {contract} dépassent ensemble le coefficient.",
        "en": "The labour-cost parts of {contract} add up to more than the coefficient.",
    },
    "file_name_mismatch": {
        "nl": "De bestandsnaam moet <id>.json zijn.",
        "fr": "Le nom du fichier doit être <id>.json.",
        "en": "The file name must be <id>.json.",
    },
    "no_files": {
        "nl": "Er zijn geen regelsetbestanden gevonden.",
        "fr": "Aucun fichier de règles n'a été trouvé.",
        "en": "No rule-set files were found.",
    },
    "duplicate_id": {
        "nl": "Deze id bestaat twee keer.",
        "fr": "Cet id existe deux fois.",
        "en": "This id exists twice.",
    },
    "id_exists": {
        "nl": "Er bestaat al een regelset {id}; kies vervangen om hem te verbeteren.",
        "fr": "Un jeu de règles {id} existe déjà ; choisissez remplacer pour le corriger.",
        "en": "A rule set {id} already exists; choose replace to correct it.",
    },
    "overlap": {
        "nl": "De geldigheid overlapt met {other} (vanaf {day}).",
        "fr": "La validité chevauche {other} (à partir du {day}).",
        "en": "The validity overlaps {other} (from {day}).",
    },
    "gap": {
        "nl": "Er is een gat na {other}: de nieuwe regels moeten op {day} beginnen.",
        "fr": "Il y a un trou après {other} : les nouvelles règles doivent commencer le {day}.",
        "en": "There is a gap after {other}: the new rules must start on {day}.",
    },
    "unconfirmed_source": {
        "nl": "De bron zegt dat deze waarde niet bevestigd is: laat ze nakijken voor goedkeuring.",
        "fr": "La source indique que cette valeur n'est pas confirmée : faites-la vérifier avant l'approbation.",
        "en": "The source says this value is not confirmed: have it checked before approval.",
    },
}
_GENERIC = {
    "nl": "Ongeldige waarde: {problem}",
    "fr": "Valeur invalide : {problem}",
    "en": "Invalid value: {problem}",
}


@dataclass(frozen=True)
class RuleSetProblem:
    where: str  # e.g. "<upload> (be-smart-2027).parameters.key_formula.brackets[2]"
    code: str
    params: dict[str, str]
    messages: dict[str, str]

    def message(self, lang: str = "nl") -> str:
        return self.messages.get(lang) or self.messages["nl"]


@dataclass(frozen=True)
class RuleSetValidation:
    ok: bool
    file_id: str | None
    segment_ids: tuple[str, ...]
    problems: tuple[RuleSetProblem, ...]
    warnings: tuple[RuleSetProblem, ...] = ()
    book: RuleBook | None = field(default=None, repr=False)  # the book with the file, when ok


def _problem(where: str, code: str, params: Mapping[str, str], english: str) -> RuleSetProblem:
    params = dict(params)
    templates = MESSAGES.get(code, _GENERIC)
    try:
        messages = {lang: t.format(problem=english, **params) for lang, t in templates.items()}
    except (KeyError, IndexError):  # pragma: no cover - every code's params are tested
        messages = {lang: t.format(problem=english) for lang, t in _GENERIC.items()}
    return RuleSetProblem(where, code, params, messages)


def _fail(exc: RuleSetError, file_id: str | None = None) -> RuleSetValidation:
    problems = tuple(_problem(*p) for p in exc.problems)
    return RuleSetValidation(False, file_id, (), problems)


def validate_rule_set_upload(
    raw: bytes | str | Mapping[str, Any],
    existing: RuleBook | None = None,
    *,
    replace: bool = False,
) -> RuleSetValidation:
    """Check an uploaded rule-set file against the rule sets in force (default: shipped ones).

    ``replace``: the file corrects the rule set of the same id (its validity must still fit).
    Returns every problem found (``ok`` False) or the book that includes the file (``ok``).
    Parameters whose source says "unverified" come back as ``warnings`` for the approver.
    """
    if isinstance(raw, bytes | str):
        size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
        if size > MAX_UPLOAD_BYTES:
            exc = RuleSetError("<upload>", "file too large", code="too_large",
                               params={"max": str(MAX_UPLOAD_BYTES)})  # fmt: skip
            return _fail(exc)
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            return _fail(RuleSetError("<upload>", "not UTF-8", code="not_utf8"))
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            return _fail(RuleSetError("<upload>", f"invalid JSON: {exc}", code="invalid_json",
                                      params={"detail": f"{exc.msg}, line {exc.lineno}"}))  # fmt: skip
    else:
        doc = json.loads(json.dumps(raw))  # a private deep copy, JSON types only
    book = existing or RuleBook.default()
    file_id = doc.get("id") if isinstance(doc, dict) and isinstance(doc.get("id"), str) else None
    try:
        extended = book.extended_with(doc, replace=replace)
    except RuleSetError as exc:
        return _fail(exc, file_id)
    warnings = []
    for docs in [doc["parameters"], *(a["parameters"] for a in doc.get("amendments", []))]:
        for key, entry in docs.items():
            if any(word in entry["source"].lower() for word in _UNCONFIRMED):
                warnings.append(_problem(f"{file_id}.{key}", "unconfirmed_source", {"key": key}, ""))
    segments = tuple(rs.id for rs in extended.rule_sets() if rs.file_id == file_id)
    return RuleSetValidation(True, file_id, segments, (), tuple(warnings), extended)
