"""What a result must say in words when no rule set is in force for its date.

``RuleBook.for_date`` answers a date after the latest rule set with the latest one and
``fallback=True``. Every result that used such a set carries :func:`fallback_notice` (nl/fr/en)
and shows it as its first line, so a person reading a simulation or a payslip cannot miss it;
the services route such a QuickJob to review (reason ``review.rule_set_fallback``) and hold such
a payroll month until the rule set exists (``RuleBook.in_force``).
"""

from __future__ import annotations

from datetime import date

from .ruleset import RuleSet

__all__ = ["FALLBACK_LABEL", "fallback_notice"]

FALLBACK_LABEL = {
    "nl": "Let op: nog geen berekeningsregels van kracht",
    "fr": "Attention : aucune règle de calcul en vigueur",
    "en": "Warning: no calculation rules in force yet",
}

_TEXT = {
    "nl": "Voor {date} zijn de wettelijke bedragen nog niet ingeladen. Deze cijfers zijn voorlopig "
    "berekend met de regels van {rule_set} (geldig tot {valid_to}) en kunnen nog wijzigen. Een "
    "adviseur kijkt ze na; er wordt niets betaald voor de regels van kracht zijn.",
    "fr": "Pour le {date}, les montants légaux ne sont pas encore chargés. Ces chiffres sont "
    "calculés provisoirement avec les règles {rule_set} (valables jusqu'au {valid_to}) et peuvent "
    "encore changer. Un conseiller les vérifie ; rien n'est payé avant que les règles soient en "
    "vigueur.",
    "en": "The legal amounts for {date} are not loaded yet. These figures are provisional, "
    "computed with the rules of {rule_set} (valid until {valid_to}), and may still change. An "
    "adviser checks them; nothing is paid before the rules are in force.",
}


def fallback_notice(rs: RuleSet, on: date) -> dict[str, str]:
    """The explanation, in nl/fr/en, that ``on`` has no rule set in force (cached per set)."""
    key = ("fallback_notice", on)
    hit = rs.cache.get(key)
    if hit is None:
        params = {"date": on.isoformat(), "rule_set": rs.id, "valid_to": rs.valid_to.isoformat()}
        hit = {lang: text.format(**params) for lang, text in _TEXT.items()}
        if len(rs.cache) < 50_000:
            rs.cache[key] = hit
    return hit
