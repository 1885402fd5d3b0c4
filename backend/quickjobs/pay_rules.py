"""The pay rules a QuickJob is checked against before its quote goes out (issue 12, items 6-7).

Each finding sends the QuickJob to the review queue with a reason a person can act on, in the
reader's language (amounts and dates written for that language):

- ``review.rule_set_fallback``: no rule set is in force for the last day worked yet (the
  figures are last year's rules; nothing is paid on them: the payroll run holds the salary);
- ``review.below_minimum_wage``: the gross per hour (gross / (days x hours per day)) is below
  the legal minimum that applies (the engine: GGMMI and the PC 200 scale, as dated data);
- ``review.sunday_or_holiday``: work on a Sunday or a public holiday. A review, not a mere
  warning: Sunday rest (Arbeidswet 16 March 1971, art. 11) and public-holiday rest (law of
  4 January 1974, art. 4) forbid such work unless a legal exception applies to the activity
  (art. 12-14: shows, hospitality, fairs...), and the worker is owed a replacement rest day;
  only a person can check that before the contract is binding and its Dimona declared.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from backend.engine import RuleBook, Simulation, flag_sundays_and_holidays
from backend.platform import i18n
from backend.platform.errors import FieldError
from backend.platform.formatting import LANGUAGES, date_texts, format_date, money_texts

MIN_HOURS_PER_DAY = Decimal(1)
MAX_HOURS_PER_DAY = Decimal(12)

i18n.register({
    "review.rule_set_fallback": {
        "nl": "Voor {date} zijn de wettelijke bedragen nog niet van kracht: de cijfers zijn "
              "voorlopig berekend met {ruleSet}. Er wordt niets betaald voor de regels van "
              "kracht zijn.",
        "fr": "Pour le {date}, les montants légaux ne sont pas encore en vigueur : les chiffres "
              "sont calculés provisoirement avec {ruleSet}. Rien n'est payé avant que les "
              "règles soient en vigueur.",
        "en": "The legal amounts for {date} are not in force yet: the figures are provisional, "
              "computed with {ruleSet}. Nothing is paid before the rules are in force.",
    },
    "review.below_minimum_wage": {
        "nl": "Het brutoloon per uur ({hourly}, {hours} uur per dag) ligt onder het wettelijk "
              "minimum van {minimum} per uur.",
        "fr": "Le salaire brut horaire ({hourly}, {hours} heures par jour) est inférieur au "
              "minimum légal de {minimum} par heure.",
        "en": "The gross pay per hour ({hourly}, {hours} hours a day) is below the legal "
              "minimum of {minimum} per hour.",
    },
    "review.sunday_or_holiday": {
        "nl": "Werk op een zondag of feestdag ({days}): toegelaten alleen als een wettelijke "
              "uitzondering geldt, met een inhaalrustdag.",
        "fr": "Travail un dimanche ou un jour férié ({days}) : permis seulement si une "
              "exception légale s'applique, avec un jour de repos compensatoire.",
        "en": "Work on a Sunday or a public holiday ({days}): allowed only under a legal "
              "exception, with a replacement rest day.",
    },
    "hours_per_day_invalid": {
        "nl": "Geef het aantal uren per dag tussen {min} en {max} (bijvoorbeeld 3 of \"7.6\").",
        "fr": "Indiquez le nombre d'heures par jour entre {min} et {max} (par exemple 3 ou "
              "« 7.6 »).",
        "en": "Give the hours per day between {min} and {max} (for example 3 or \"7.6\").",
    },
})


def parse_hours_per_day(value: int | str | None) -> Decimal | None:
    """``hoursPerDay`` as given (a whole number, or a decimal string such as "7.6")."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(value) from None
    if not hours.is_finite() or hours.as_tuple().exponent < -2:
        raise ValueError(value)
    return hours


def hours_per_day_error(value: int | str | None) -> FieldError | None:
    """The field error of a bad ``hoursPerDay`` (1 to 12 hours, at most two decimals)."""
    try:
        hours = parse_hours_per_day(value)
    except ValueError:
        hours = Decimal(-1)
    if hours is None or MIN_HOURS_PER_DAY <= hours <= MAX_HOURS_PER_DAY:
        return None
    return FieldError("hoursPerDay", "hours_per_day_invalid",
                      {"min": str(MIN_HOURS_PER_DAY), "max": str(MAX_HOURS_PER_DAY)})


def hours_text(value: int | str | None) -> str | None:
    """The engine's input: a decimal string (None: the rule set's full-time day)."""
    hours = parse_hours_per_day(value)
    return None if hours is None else format(hours.normalize(), "f")


def minutes_per_day(value: int | str | None) -> int:
    hours = parse_hours_per_day(value)
    return 0 if hours is None else int(hours * 60)


def _hours_texts(hours: str) -> dict[str, str]:
    decimal = Decimal(hours)
    return {lang: format(decimal.normalize(), "f").replace(".", "," if lang != "en" else ".")
            for lang in LANGUAGES}


def _day_name(flag, lang: str) -> str:
    name = flag.names.get(lang) or flag.names["nl"]
    return name.lower() if flag.kind == "sunday" and lang != "en" else name


def pay_rule_reasons(sim: Simulation, dates, book: RuleBook, *, country: str = "BE",
                     legal_entity: str = "smart") -> list[dict]:
    """Review reasons ``{"code", "params"}`` from the engine's figures and the calendar."""
    reasons = []
    if sim.rule_set_fallback:
        reasons.append({"code": "review.rule_set_fallback",
                        "params": {"date": date_texts(max(dates)), "ruleSet": sim.rule_set}})
    if sim.below_minimum_wage:
        reasons.append({"code": "review.below_minimum_wage", "params": {
            "hourly": money_texts(sim.gross_per_hour_cents),
            "minimum": money_texts(sim.minimum_hourly_wage_cents),
            "hours": _hours_texts(sim.hours_per_day)}})
    flags = flag_sundays_and_holidays(dates, country=country, legal_entity=legal_entity,
                                      rules=book)
    if flags:
        reasons.append({"code": "review.sunday_or_holiday", "params": {"days": {
            lang: ", ".join(f"{format_date(f.day, lang)} ({_day_name(f, lang)})" for f in flags)
            for lang in LANGUAGES}, "dates": [f.day.isoformat() for f in flags]}})
    return reasons
