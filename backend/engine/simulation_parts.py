"""Helpers of :func:`backend.engine.simulate`: input checks, cached texts, the work bonus of
day contracts. Every cache lives on the rule-set segment (``rs.cache``), bounded in size."""

from __future__ import annotations

from datetime import date
from typing import Any

from .errors import EngineInputError
from .money import RateSyntaxError, Ratio, format_cents, format_percent, parse_decimal
from .notices import FALLBACK_LABEL, fallback_notice
from .rules import RuleBook
from .ruleset import ContractRule, RuleSet
from .social import day_work_bonus
from .texts import SIMULATION, fmt
from .vat import check_vat
from .workcalendar import weekdays_in_month

_COUNTRY_OK: dict[str, bool] = {}
_CACHE_MAX = 50_000


def check_dates(dates: Any) -> date:
    """Validate performance dates; return the last one."""
    if not isinstance(dates, tuple | list):
        raise EngineInputError("performanceDates", "not_a_date", {})
    n = len(dates)
    if n == 0:
        raise EngineInputError("performanceDates", "no_dates", {})
    if n == 1:
        d = dates[0]
        if type(d) is not date:
            raise EngineInputError("performanceDates", "not_a_date", {})
        return d
    for d in dates:
        if type(d) is not date:
            raise EngineInputError("performanceDates", "not_a_date", {})
    if len(set(dates)) != n:
        seen: set[date] = set()
        for d in dates:
            if d in seen:
                raise EngineInputError("performanceDates", "duplicate_date", {"date": d.isoformat()})
            seen.add(d)
    return max(dates)


def hours_per_day(rs: RuleSet, value: Any) -> tuple[str, Ratio]:
    """``(normalised text, exact ratio)`` of the hours per day (None: the rule-set default)."""
    if value is None:
        value = rs.default_hours_per_day_text
    key = ("hpd", value) if isinstance(value, str | int) and not isinstance(value, bool) else None
    hit = rs.cache.get(key) if key else None
    if hit is not None:
        return hit
    mx = rs.max_hours_per_day
    error = EngineInputError(
        "hoursPerDay", "invalid_hours_per_day", {"max": format_percent(rs.value("limits.max_hours_per_day"))}
    )
    if key is None:
        raise error
    try:
        d = parse_decimal(str(value))
    except RateSyntaxError:
        raise error from None
    n, den = d.as_integer_ratio()
    if n <= 0 or n * mx[1] > mx[0] * den:
        raise error
    result = (format(d.normalize(), "f"), (n, den))
    if len(rs.cache) < _CACHE_MAX:
        rs.cache[key] = result
    return result


def vat_terms(rs: RuleSet, inp: Any) -> tuple[tuple[int, int], str | None, str]:
    key = ("vat", inp.vat_rate, inp.vat_exemption, inp.client_country)
    try:
        hit = rs.cache.get(key)
    except TypeError:  # unhashable garbage input: validated below
        hit = key = None
    if hit is not None:
        return hit
    cc = inp.client_country
    ok = _COUNTRY_OK.get(cc) if isinstance(cc, str) else False
    if ok is None:
        ok = len(cc) == 2 and cc.isascii() and cc.isalpha() and cc.isupper()
        if len(_COUNTRY_OK) < 1_000:
            _COUNTRY_OK[cc] = ok
    if not ok:
        raise EngineInputError("clientCountry", "invalid_country", {})
    if not isinstance(inp.vat_rate, str):
        raise EngineInputError(
            "vatRate",
            "unknown_vat_rate",
            {"value": str(inp.vat_rate), "allowed": ", ".join(rs.vat_rates)},
        )
    if inp.vat_exemption is not None and not isinstance(inp.vat_exemption, str):
        raise EngineInputError(
            "vatExemption",
            "unknown_exemption",
            {"value": str(inp.vat_exemption), "allowed": ", ".join(rs.vat_exemptions)},
        )
    ratio, exemption = check_vat(rs, inp.vat_rate, inp.vat_exemption, cc)
    result = (ratio, exemption, format_percent(inp.vat_rate))
    if key is not None and len(rs.cache) < _CACHE_MAX:
        rs.cache[key] = result
    return result


def _pair(code: str, **params: object) -> tuple[dict[str, str], dict[str, str]]:
    label, expl = SIMULATION[code]
    return fmt(label, **params), fmt(expl, **params)


def texts(rs: RuleSet, ct: ContractRule, wh_text: str, vat_text: str, exemption: str | None,
          hours_text: str, below: bool) -> tuple:  # fmt: skip
    """Every label and explanation of a simulation's lines, formatted once per combination.

    A flat tuple in line order (see :func:`backend.engine.simulation.simulate`): label and
    explanation of each line; then the cost parts as ``(code, label, explanation, num, den)``
    and the VAT mention.
    """
    key = ("texts", ct.code, wh_text, vat_text, exemption, hours_text, below)
    hit = rs.cache.get(key)
    if hit is not None:
        return hit
    coef = format_percent(ct.coefficient_text)
    mention = None
    if exemption is not None:
        mention = rs.vat_exemptions[exemption][0]
        vat_pair = _pair("vat_exempt", mention_nl=mention["nl"], mention_fr=mention["fr"],
                         mention_en=mention["en"])  # fmt: skip
    else:
        vat_pair = _pair("vat", vat=vat_text)
    ss, base = format_percent(ct.worker_ss_text), format_percent(ct.ss_base_text)
    if ct.code == "student":
        ss_pair = _pair("social_security_student", ss=ss, employer=format_percent(ct.employer_ss_text))
    else:
        ss_pair = _pair("social_security", ss=ss, base=base)
    if ct.minimum_wage == "none":
        hour_code, minimum = "gross_per_hour_unchecked", "0"
    else:
        hour_code = "gross_per_hour_below" if below else "gross_per_hour"
        mn, md = rs.minimum_hourly[ct.minimum_wage]
        minimum = format_cents((2 * mn + md) // (2 * md))
    parts = tuple(
        ("employer_cost_" + code,
         *_pair("employer_cost_" + code, pct=format_percent(pct), base=format_percent(pbase)), pn, pd)
        for code, pct, pbase, (pn, pd) in ct.cost_parts
    )  # fmt: skip
    pairs = (
        _pair("turnover"),
        vat_pair,
        _pair("total_incl_vat"),
        _pair("contribution", rate=rs.contribution_text),
        _pair("expenses"),
        _pair("work_budget"),
        _pair("employer_cost", coef=coef),
        _pair("employer_cost_margin"),
        _pair("gross", coef=coef),
        _pair(hour_code, hours=hours_text, minimum=minimum),
        ss_pair,
        _pair("work_bonus", weekly=rs.full_time_weekly_hours_text),
        _pair("taxable"),
        _pair("withholding_tax_monthly" if ct.monthly_key_formula else "withholding_tax", wh=wh_text),
        _pair(
            "fiscal_work_bonus",
            a=format_percent(rs.value("work_bonus.fiscal_part_a_percent")),
            b=format_percent(rs.value("work_bonus.fiscal_part_b_percent")),
        ),
        _pair("unit_remainder"),
    )
    # flat: label, explanation of each line in order, then the cost parts and the VAT mention
    result = (*(text for pair in pairs for text in pair), parts, mention)
    if len(rs.cache) < _CACHE_MAX:
        rs.cache[key] = result
    return result


def net_text(rs: RuleSet, pay: date) -> tuple[dict[str, str], dict[str, str]]:
    key = ("net_text", pay)
    hit = rs.cache.get(key)
    if hit is None:
        label, expl = SIMULATION["net"]
        hit = (fmt(label), fmt(expl, pay_date=pay.isoformat()))
        if len(rs.cache) < _CACHE_MAX:
            rs.cache[key] = hit
    return hit


def fallback_texts(rs: RuleSet, on: date) -> tuple[dict[str, str], dict[str, str]]:
    return dict(FALLBACK_LABEL), fallback_notice(rs, on)


def work_bonus(
    book: RuleBook, inp: Any, rs: RuleSet, last: date, ct: ContractRule, gross: int, ss: int,
    hours: Ratio,
) -> tuple[int, int]:  # fmt: skip
    """``(social bonus, fiscal bonus)`` of day contracts in several months (RSZ: S, H, U, P).

    The gross is spread over the performance dates equally (the same hours every day); each
    calendar month uses the rule set in force in it and is capped at its own contribution.
    (One date: :func:`simulate` calls :func:`~backend.engine.social.day_work_bonus` itself.)
    """
    col = ct.work_bonus_column
    months: dict[tuple[int, int], list[date]] = {}
    for day in inp.performance_dates:
        months.setdefault((day.year, day.month), []).append(day)
    n = len(inp.performance_dates)
    keys = sorted(months)
    sn, sd = ct.worker_ss
    shares = [gross * len(months[k]) // n for k in keys]
    for i in range(gross - sum(shares)):  # hand out the cents left, first months first
        shares[i] += 1
    bonus = fiscal = 0
    for (y, m), share in zip(keys, shares, strict=True):
        days = months[(y, m)]
        mrs = rs if (y, m) == (last.year, last.month) else book.for_date(
            inp.country, inp.legal_entity, max(days))[0]  # fmt: skip
        d = weekdays_in_month(y, m, mrs.days_per_week)
        b, f = day_work_bonus(share, len(days), hours[0], hours[1], d, mrs, col,
                              (2 * share * sn + sd) // (2 * sd))  # fmt: skip
        bonus += b
        fiscal += f
    return (bonus if bonus < ss else ss), fiscal
