"""Is a gross per hour below the legal minimum that applies? (rule-set data, no literals)

Minimums, monthly and full-time, as dated data (``minimum_wage.*``): the national guaranteed
average minimum monthly income (GGMMI / RMMMG, NAR CAO nr. 43) and the lowest scale of the joint
committee of Smart's employees (PC 200, class A, scale I, 0 years). A monthly minimum per hour
is ``monthly × 12 / (52 × full-time weekly hours)``. Each contract type says which minimum
applies (``contract_types.*.minimum_wage``): national and joint committee for white-collar
work, national only for manual workers and artists (their committees' scales are not encoded),
none for students (their scales depend on age: an adviser checks them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .errors import EngineInputError
from .money import Ratio, format_cents
from .payroll import contract_rule, parse_hours
from .rules import RuleBook
from .ruleset import ContractRule, RuleSet

__all__ = ["MinimumWageCheck", "below_minimum", "minimum_wage_check"]

_MESSAGES = {
    "nl": "Het brutoloon per uur (€ {hourly}) ligt onder het wettelijk minimum van € {minimum} "
    "per uur ({basis}).",
    "fr": "Le salaire brut horaire ({hourly} €) est inférieur au minimum légal de {minimum} € "
    "par heure ({basis}).",
    "en": "The gross pay per hour (€{hourly}) is below the legal minimum of €{minimum} per hour "
    "({basis}).",
}
_BASIS = {
    "national": {
        "nl": "gewaarborgd gemiddeld minimum maandinkomen",
        "fr": "revenu minimum mensuel moyen garanti",
        "en": "national guaranteed minimum monthly income",
    },
    "national_and_joint_committee": {
        "nl": "minimumloon van paritair comité {jc}",
        "fr": "salaire minimum de la commission paritaire {jc}",
        "en": "minimum wage of joint committee {jc}",
    },
}


@dataclass(frozen=True)
class MinimumWageCheck:
    checked: bool  # False when no minimum is checked for the contract type (students)
    below: bool
    gross_per_hour_cents: int  # rounded half up, for display
    minimum_hourly_cents: int  # rounded half up, for display (0 when not checked)
    basis: str  # national | national_and_joint_committee | none
    joint_committee: str
    rule_set: str
    rule_set_fallback: bool
    messages: dict[str, str] = field(default_factory=dict)  # nl/fr/en when below


def below_minimum(gross_cents: int, hours: Ratio, rs: RuleSet, ct: ContractRule) -> tuple[bool, int]:
    """``(below, minimum per hour in cents)`` for ``gross_cents`` earned in ``hours`` (exact)."""
    if ct.minimum_wage == "none":
        return False, 0
    mn, md = rs.minimum_hourly[ct.minimum_wage]
    hn, hd = hours
    # gross / (hn/hd) < mn/md, without rounding either side
    return gross_cents * hd * md < mn * hn, (2 * mn + md) // (2 * md)


def minimum_wage_check(
    gross_cents: int,
    hours: int | str | Decimal,
    on: date,
    *,
    contract_type: str = "employee",
    country: str = "BE",
    legal_entity: str = "smart",
    rules: RuleBook | None = None,
) -> MinimumWageCheck:
    """Whether ``gross_cents`` for ``hours`` of work on ``on`` pays less than the minimum."""
    if type(gross_cents) is not int or gross_cents < 0:
        raise EngineInputError("grossCents", "negative", {})
    h = parse_hours(hours, "hours")
    if h <= 0:
        raise EngineInputError("hours", "invalid_hours", {})
    book = rules or RuleBook.default()
    rs, fallback = book.for_date(country, legal_entity, on, field="date")
    ct = contract_rule(rs, contract_type)
    hn, hd = h.as_integer_ratio()
    below, minimum = below_minimum(gross_cents, (hn, hd), rs, ct)
    per_hour = (2 * gross_cents * hd + hn) // (2 * hn)
    messages: dict[str, str] = {}
    if below:
        basis = {k: v.format(jc=rs.joint_committee) for k, v in _BASIS[ct.minimum_wage].items()}
        messages = {
            lang: text.format(hourly=format_cents(per_hour), minimum=format_cents(minimum),
                              basis=basis[lang])
            for lang, text in _MESSAGES.items()
        }  # fmt: skip
    return MinimumWageCheck(
        checked=ct.minimum_wage != "none",
        below=below,
        gross_per_hour_cents=per_hour,
        minimum_hourly_cents=minimum,
        basis=ct.minimum_wage,
        joint_committee=rs.joint_committee,
        rule_set=rs.id,
        rule_set_fallback=fallback,
        messages=messages,
    )
