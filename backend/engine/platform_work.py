"""Platform work checks (bike couriers, seed 002:474-510).

Conditions negotiated with the platforms (002:505-506): pay per hour at least the legal
minimum that applies to Smart's employees (``minimum_wage.*``, see :mod:`.minimum_wage`), at
least ``platform.minimum_paid_hours_per_day``
paid hours per worked day. :func:`check_platform_work` never raises for a rule breach: it
returns the violations, which the API routes to the human review queue ("Doelstelling 5 %").
Hours are integer minutes (no floats).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .errors import EngineInputError
from .money import format_cents
from .rules import RuleBook

__all__ = ["PlatformShift", "PlatformViolation", "check_platform_work"]


@dataclass(frozen=True)
class PlatformShift:
    day: date
    paid_minutes: int
    pay_cents: int


VIOLATION_MESSAGES = {
    "below_minimum_paid_hours": {
        "nl": "Op {date} zijn maar {paid_hours} uur betaald; minimum {minimum_hours} uur per gewerkte dag.",
        "fr": "Le {date}, seules {paid_hours} heures sont payées ; minimum {minimum_hours} heures par jour presté.",
        "en": "On {date} only {paid_hours} hours are paid; minimum {minimum_hours} hours per worked day.",
    },
    "below_minimum_hourly_wage": {
        "nl": "Op {date} is het uurloon € {hourly} lager dan het wettelijk minimum € {minimum}.",
        "fr": "Le {date}, le salaire horaire de {hourly} € est inférieur au minimum légal de {minimum} €.",
        "en": "On {date} the hourly pay of €{hourly} is below the legal minimum of €{minimum}.",
    },
}


@dataclass(frozen=True)
class PlatformViolation:
    code: str
    day: date
    params: dict[str, str]
    rule_set: str
    rule_set_fallback: bool
    messages: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str = "nl") -> str:
        return self.messages.get(lang) or self.messages["nl"]


def _hours_text(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h}" if m == 0 else f"{h}.{m * 100 // 60:02d}"


def check_platform_work(
    shifts: tuple[PlatformShift, ...] | list[PlatformShift],
    *,
    country: str = "BE",
    legal_entity: str = "smart",
    rules: RuleBook | None = None,
) -> tuple[PlatformViolation, ...]:
    """Violations of the platform rules, per worked day (several shifts a day are summed)."""
    book = rules or RuleBook.default()
    per_day: dict[date, list[int]] = {}
    for i, s in enumerate(shifts):
        if type(s.day) is not date:
            raise EngineInputError(f"shifts[{i}].day", "not_a_date", {})
        if type(s.paid_minutes) is not int or s.paid_minutes < 0:
            raise EngineInputError(f"shifts[{i}].paidMinutes", "negative", {})
        if type(s.pay_cents) is not int or s.pay_cents < 0:
            raise EngineInputError(f"shifts[{i}].payCents", "negative", {})
        acc = per_day.setdefault(s.day, [0, 0])
        acc[0] += s.paid_minutes
        acc[1] += s.pay_cents
    out: list[PlatformViolation] = []
    for day in sorted(per_day):
        minutes, pay = per_day[day]
        rs, fallback = book.for_date(country, legal_entity, day, field="shifts")
        min_minutes = rs.platform_min_paid_hours * 60
        if minutes < min_minutes:
            params = {
                "date": day.isoformat(),
                "paid_hours": _hours_text(minutes),
                "minimum_hours": str(rs.platform_min_paid_hours),
            }
            out.append(_violation("below_minimum_paid_hours", day, params, rs.id, fallback))
        # hourly = pay / (minutes / 60) >= hn/hd  <=>  pay * 60 * hd >= hn * minutes (exact)
        hn, hd = rs.platform_min_hourly
        if minutes > 0 and pay * 60 * hd < hn * minutes:
            hourly = (pay * 60) // minutes  # shown rounded down: never overstates the pay
            params = {
                "date": day.isoformat(),
                "hourly": format_cents(hourly),
                "minimum": format_cents(rs.platform_min_hourly_cents),
            }
            out.append(_violation("below_minimum_hourly_wage", day, params, rs.id, fallback))
    return tuple(out)


def _violation(
    code: str, day: date, params: dict[str, str], rs_id: str, fallback: bool
) -> PlatformViolation:
    msgs = {lang: t.format(**params) for lang, t in VIOLATION_MESSAGES[code].items()}
    return PlatformViolation(code, day, params, rs_id, fallback, msgs)
