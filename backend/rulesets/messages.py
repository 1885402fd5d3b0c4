"""Messages of rule-set uploads (nl/fr/en); the engine words each problem of a file itself."""

from __future__ import annotations

from dataclasses import dataclass

from backend.platform import i18n


@dataclass(frozen=True)
class Texts:
    """Text already written in every language (an engine message), chosen when rendered."""

    texts: dict[str, str]

    def localize(self, language: str) -> str:
        return self.texts.get(language) or self.texts["nl"]

    def __str__(self) -> str:
        return self.localize("nl")


i18n.register({
    "rule_set_problem": {"nl": "{text}", "fr": "{text}", "en": "{text}"},
    "rule_set_pending": {
        "nl": "Er wacht al een opgeladen regelset {id} op een beslissing: keur die goed of "
              "weiger ze eerst.",
        "fr": "Un jeu de règles {id} déposé attend déjà une décision : approuvez-le ou "
              "refusez-le d'abord.",
        "en": "An uploaded rule set {id} is already waiting for a decision: approve or reject "
              "it first.",
    },
    "rule_set_decided": {
        "nl": "Over deze regelset werd al beslist ({status}).",
        "fr": "Ce jeu de règles a déjà fait l'objet d'une décision ({status}).",
        "en": "This rule set has already been decided ({status}).",
    },
    "own_rule_set": {
        "nl": "Een tweede beheerder keurt deze regelset goed, niet wie hem opliet.",
        "fr": "Un second administrateur approuve ce jeu de règles, pas celui qui l'a déposé.",
        "en": "A second admin approves this rule set, not the one who uploaded it.",
    },
    "rule_set_file_missing": {
        "nl": "Stuur het regelsetbestand (JSON) mee, als body of als bestand van een formulier.",
        "fr": "Joignez le fichier du jeu de règles (JSON), en corps de requête ou en fichier "
              "d'un formulaire.",
        "en": "Send the rule-set file (JSON), as the body or as the file of a form.",
    },
})
