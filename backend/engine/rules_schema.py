"""The rule-set file schema: every parameter key, its kind, and the value checks.

A problem is reported as a :class:`~backend.engine.errors.RuleSetError` carrying one or more
``(where, code, params, english)`` entries: the English text is for developers and logs, the
code and params let :mod:`backend.engine.rules_upload` tell an admin the same thing in nl/fr/en.
Parameter checks collect every problem of a document before raising, so an uploaded file gets
the whole list at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from .errors import RuleSetError
from .money import RateSyntaxError, parse_decimal

CONTRACT_TYPES = (
    "employee",
    "manual_worker",
    "student",
    "artist",
    "artist_1bis",
    "interim",
    "training",
    "open_ended",
)
EXPENSE_CATEGORIES = ("travel", "meals", "material", "accommodation", "other")
VAT_EXEMPTIONS = ("training", "intra_eu_reverse_charge", "export", "outside_scope")
# EN 16931 VAT category codes (UNCL5305 subset) an exemption may be filed under in UBL.
VAT_CATEGORIES = ("E", "AE", "G", "O", "K", "Z")
CLIENT_KINDS = ("any", "other_eu", "non_eu")
LANGS = ("nl", "fr", "en")
PAY_DATE_RULES = ("working_days_after_last_day", "tenth_of_next_month")
MONTHLY_PAY_DATE_RULES = ("last_working_day_of_month",)
WORK_BONUS_COLUMNS = ("100", "108", "none")  # RSZ: workers declared at 100 % or at 108 %
MINIMUM_WAGE_BASES = ("national", "national_and_joint_committee", "none")
COST_PART_CODES = ("employer_social_security", "holiday_pay", "insurance")
FAMILY_SCALES = ("single", "married_one_income", "married_two_incomes")

# key pattern ("*" = one identifier segment) -> kind
SCHEMA: dict[str, str] = {
    "limits.max_amount_cents": "cents_pos",
    "limits.max_performance_dates": "int_pos",
    "limits.max_expenses": "int_pos",
    "limits.max_hours_per_day": "hours",
    "contribution.rate_percent": "percent",
    "expense_categories.*.in_contribution_base": "bool",
    "contract_types.*.coefficient": "coefficient",
    "contract_types.*.employer_cost_parts": "cost_parts",
    "contract_types.*.worker_ss_percent": "percent",
    "contract_types.*.worker_ss_base_percent": "percent_base",
    "contract_types.*.employer_ss_percent": "percent",
    "contract_types.*.withholding_default": "percent",
    "contract_types.*.withholding_minimum": "percent",
    "contract_types.*.withholding_options": "percent_list",
    "contract_types.*.monthly_key_formula": "bool",
    "contract_types.*.work_bonus": "work_bonus_column",
    "contract_types.*.minimum_wage": "minimum_wage_basis",
    "vat.rates": "percent_list",
    "vat.exemptions.*.mention": "mention",
    "vat.exemptions.*.client": "client_kind",
    "vat.exemptions.*.ubl_category": "vat_category",
    "vat.exemptions.*.vatex": "vatex",
    "vat.place_of_supply.eu_business_exemption": "exemption_code",
    "vat.place_of_supply.non_eu_business_exemption": "exemption_code",
    "vat.eu_countries": "country_list",
    "calendar.public_holidays": "holidays",
    "calendar.pay_date_rule": "pay_date_rule",
    "calendar.pay_date_working_days": "int_pos",
    "calendar.monthly_pay_date_rule": "monthly_pay_date_rule",
    "work_time.full_time_weekly_hours": "hours",
    "work_time.days_per_week": "int_pos",
    "work_time.default_hours_per_day": "hours",
    "student.yearly_hour_quota": "int_pos",
    "platform.minimum_paid_hours_per_day": "int_pos",
    "minimum_wage.national_monthly_cents": "cents_pos",
    "minimum_wage.joint_committee": "text",
    "minimum_wage.joint_committee_monthly_cents": "cents_pos",
    "key_formula.professional_expenses_percent": "percent",
    "key_formula.professional_expenses_cap_cents": "cents_pos",
    "key_formula.brackets": "brackets",
    "key_formula.tax_free_reduction_cents": "cents",
    "key_formula.marital_quotient_percent": "percent",
    "key_formula.marital_quotient_cap_cents": "cents",
    "key_formula.children_annual_reduction_cents": "cents_list",
    "key_formula.children_extra_annual_reduction_cents": "cents",
    "key_formula.single_parent_annual_reduction_cents": "cents",
    "work_bonus.part_a": "work_bonus_part",
    "work_bonus.part_b": "work_bonus_part",
    "work_bonus.part_a_108": "work_bonus_part",
    "work_bonus.part_b_108": "work_bonus_part",
    "work_bonus.fiscal_part_a_percent": "percent",
    "work_bonus.fiscal_part_b_percent": "percent",
    "special_ss.single": "special_ss_scale",
    "special_ss.married_one_income": "special_ss_scale",
    "special_ss.married_two_incomes": "special_ss_scale",
}
# wildcard group -> names that must be present
REQUIRED_NAMES = {
    "contract_types": CONTRACT_TYPES,
    "expense_categories": EXPENSE_CATEGORIES,
    "vat.exemptions": VAT_EXEMPTIONS,
}
IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
VATEX = re.compile(r"(?i)vatex-[a-z]{2}-[a-z0-9-]+")
TOP_LEVEL_KEYS = (
    "id",
    "country",
    "legal_entity",
    "valid_from",
    "valid_to",
    "currency",
    "description",
    "parameters",
    "amendments",
)
REQUIRED_TOP_LEVEL = ("id", "country", "legal_entity", "valid_from", "valid_to", "parameters")

Problem = tuple[str, str, dict[str, str], str]  # where, code, params, English text


def fail(where: str, code: str, english: str, **params: object) -> RuleSetError:
    """One problem as an exception (``params`` are stringified for message templates)."""
    return RuleSetError(where, english, code=code, params={k: str(v) for k, v in params.items()})


def match_key(key: str) -> str | None:
    if key in SCHEMA:
        return key
    parts = key.split(".")
    for pattern in SCHEMA:
        pp = pattern.split(".")
        if len(pp) != len(parts):
            continue
        if all(a == b or (a == "*" and IDENT.match(b)) for a, b in zip(pp, parts, strict=True)):
            return pattern
    return None


def _is_int(v: Any) -> bool:
    return type(v) is int


def _decimal(where: str, value: Any, what: str):
    try:
        return parse_decimal(value)
    except RateSyntaxError as exc:
        raise fail(where, "expected_" + what, f"expected a {what} decimal string: {exc}") from None


def _range(where: str, value: Any, kind: str, low: int, high: int) -> None:
    v = _decimal(where, value, kind)
    if v < low or v > high:
        raise fail(where, "out_of_range", f"{kind} out of range {low}..{high}: {value}",
                   value=value, low=low, high=high)  # fmt: skip


def _cents(where: str, value: Any, *, positive: bool) -> None:
    if not _is_int(value) or value < 0 or (positive and value == 0):
        adj = "positive" if positive else "non-negative"
        raise fail(where, "expected_cents_positive" if positive else "expected_cents",
                   f"expected a {adj} integer")  # fmt: skip


def _mention(where: str, value: Any) -> None:
    if not isinstance(value, dict) or set(value) != set(LANGS):
        raise fail(where, "expected_mention", "expected an object with exactly the keys nl, fr, en")
    for lang, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise fail(f"{where}.{lang}", "expected_text", "expected a non-empty string")


def _one_of(where: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise fail(where, "expected_one_of", f"expected one of {', '.join(allowed)}",
                   allowed=", ".join(allowed))  # fmt: skip


def _percent_list(where: str, value: Any) -> None:
    if not isinstance(value, list) or not value:
        raise fail(where, "expected_list", "expected a non-empty list of decimal strings")
    seen = set()
    for i, v in enumerate(value):
        _range(f"{where}[{i}]", v, "percent", 0, 100)
        n = parse_decimal(v).normalize()
        if n in seen:
            raise fail(where, "duplicate_value", f"duplicate value {v}", value=v)
        seen.add(n)


def _cents_list(where: str, value: Any) -> None:
    if not isinstance(value, list) or not value:
        raise fail(where, "expected_list", "expected a non-empty list of integers (cents)")
    for i, v in enumerate(value):
        _cents(f"{where}[{i}]", v, positive=False)


def _holidays(where: str, value: Any) -> None:
    if not isinstance(value, list) or not value:
        raise fail(where, "expected_list", "expected a non-empty list of holiday rules")
    codes = set()
    for i, h in enumerate(value):
        w = f"{where}[{i}]"
        if not isinstance(h, dict):
            raise fail(w, "expected_object", "expected an object")
        code = h.get("code")
        if not isinstance(code, str) or not IDENT.match(code) or code in codes:
            raise fail(w, "bad_holiday", "missing, invalid or duplicate code")
        codes.add(code)
        _mention(f"{w}.names", h.get("names"))
        rule = h.get("rule")
        if rule == "fixed":
            if set(h) != {"code", "rule", "month", "day", "names"}:
                raise fail(w, "bad_holiday", "a fixed holiday has exactly code, rule, month, day, names")
            m, d = h["month"], h["day"]
            if not (_is_int(m) and _is_int(d)):
                raise fail(w, "bad_holiday", "month and day must be integers")
            try:
                date(2024, m, d)  # leap year: accepts 29 Feb
            except ValueError:
                raise fail(w, "bad_holiday", f"invalid month/day {m}/{d}") from None
        elif rule == "easter":
            if set(h) != {"code", "rule", "offset", "names"}:
                raise fail(w, "bad_holiday", "an Easter-based holiday has exactly code, rule, offset, names")
            if not _is_int(h["offset"]) or not -100 <= h["offset"] <= 100:
                raise fail(w, "bad_holiday", "offset must be an integer between -100 and 100")
        else:
            raise fail(w, "bad_holiday", "rule must be 'fixed' or 'easter'")


def _brackets(where: str, value: Any) -> None:
    if not isinstance(value, list) or not value:
        raise fail(where, "expected_list", "expected a non-empty list of brackets")
    prev = 0
    for i, b in enumerate(value):
        w = f"{where}[{i}]"
        if not isinstance(b, dict) or set(b) != {"up_to_cents", "percent"}:
            raise fail(w, "bad_table", "a bracket has exactly up_to_cents and percent")
        _range(f"{w}.percent", b["percent"], "percent", 0, 100)
        up = b["up_to_cents"]
        if i == len(value) - 1:
            if up is not None:
                raise fail(w, "bad_table", "the last bracket must be open (up_to_cents: null)")
        elif not _is_int(up) or up <= prev:
            raise fail(w, "bad_table", "up_to_cents must be increasing integers")
        else:
            prev = up


def _special_ss_scale(where: str, value: Any) -> None:
    if not isinstance(value, dict) or set(value) != {"tiers", "min_cents", "max_cents"}:
        raise fail(where, "bad_table", "a scale has exactly tiers, min_cents, max_cents")
    _cents(f"{where}.min_cents", value["min_cents"], positive=False)
    _cents(f"{where}.max_cents", value["max_cents"], positive=False)
    if value["min_cents"] > value["max_cents"]:
        raise fail(where, "bad_table", "min_cents must not exceed max_cents")
    tiers = value["tiers"]
    if not isinstance(tiers, list) or not tiers:
        raise fail(where, "bad_table", "expected a non-empty list of tiers")
    prev = -1
    for i, t in enumerate(tiers):
        w = f"{where}.tiers[{i}]"
        if not isinstance(t, dict) or set(t) != {"over_cents", "base_cents", "percent"}:
            raise fail(w, "bad_table", "a tier has exactly over_cents, base_cents, percent")
        _cents(f"{w}.over_cents", t["over_cents"], positive=False)
        _cents(f"{w}.base_cents", t["base_cents"], positive=False)
        _range(f"{w}.percent", t["percent"], "percent", 0, 100)
        if t["over_cents"] <= prev:
            raise fail(w, "bad_table", "over_cents must be increasing")
        prev = t["over_cents"]


def _work_bonus_part(where: str, value: Any) -> None:
    keys = {"max_cents", "threshold_cents", "slope", "zero_at_cents"}
    if not isinstance(value, dict) or set(value) != keys:
        raise fail(where, "bad_table", f"expected exactly {sorted(keys)}")
    for k in ("max_cents", "threshold_cents", "zero_at_cents"):
        _cents(f"{where}.{k}", value[k], positive=False)
    _range(f"{where}.slope", value["slope"], "slope", 0, 1)
    if value["zero_at_cents"] < value["threshold_cents"]:
        raise fail(where, "bad_table", "zero_at_cents must be >= threshold_cents")


def _cost_parts(where: str, value: Any) -> None:
    if not isinstance(value, list):
        raise fail(where, "expected_list", "expected a list of cost parts")
    codes = set()
    for i, p in enumerate(value):
        w = f"{where}[{i}]"
        if not isinstance(p, dict) or set(p) != {"code", "percent", "base_percent"}:
            raise fail(w, "bad_table", "a cost part has exactly code, percent, base_percent")
        if p["code"] not in COST_PART_CODES or p["code"] in codes:
            raise fail(w, "bad_table", f"code must be one of {', '.join(COST_PART_CODES)}, once")
        codes.add(p["code"])
        _range(f"{w}.percent", p["percent"], "percent", 0, 100)
        _range(f"{w}.base_percent", p["base_percent"], "percent", 0, 200)


def _country_list(where: str, value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(c, str) and COUNTRY.match(c) for c in value):
        raise fail(where, "expected_countries", "expected a list of two-letter upper-case country codes")


def _vatex(where: str, value: Any) -> None:
    # CEF's VATEX code list: "VATEX-EU-AE", "VATEX-EU-G"... (any case in the file)
    if not isinstance(value, str) or not VATEX.fullmatch(value):
        raise fail(where, "expected_vatex", "expected a VATEX code such as vatex-eu-ae")


def _exemption_code(where: str, value: Any) -> None:
    # that it names an exemption of this rule set is checked when the segment compiles
    if not isinstance(value, str) or not IDENT.match(value):
        raise fail(where, "expected_exemption_code",
                   "expected an exemption code (a key of vat.exemptions)")  # fmt: skip


def _text(where: str, value: Any) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > 40:
        raise fail(where, "expected_text", "expected a short non-empty string")


def _hours(where: str, value: Any) -> None:
    _range(where, value, "hours", 0, 80)
    if parse_decimal(value) == 0:
        raise fail(where, "out_of_range", f"hours must be more than 0: {value}", value=value,
                   low=0, high=80)  # fmt: skip


def _bool(where: str, value: Any) -> None:
    if not isinstance(value, bool):
        raise fail(where, "expected_bool", "expected true or false")


CHECKS: dict[str, Callable[[str, Any], None]] = {
    "cents": lambda w, v: _cents(w, v, positive=False),
    "cents_pos": lambda w, v: _cents(w, v, positive=True),
    "int_pos": lambda w, v: _cents(w, v, positive=True),
    "bool": _bool,
    "percent": lambda w, v: _range(w, v, "percent", 0, 100),
    "percent_base": lambda w, v: _range(w, v, "percent", 0, 200),
    "coefficient": lambda w, v: _range(w, v, "coefficient", 1, 5),
    "hours": lambda w, v: _hours(w, v),
    "percent_list": _percent_list,
    "cents_list": _cents_list,
    "mention": _mention,
    "client_kind": lambda w, v: _one_of(w, v, CLIENT_KINDS),
    "vat_category": lambda w, v: _one_of(w, v, VAT_CATEGORIES),
    "vatex": _vatex,
    "exemption_code": _exemption_code,
    "country_list": _country_list,
    "pay_date_rule": lambda w, v: _one_of(w, v, PAY_DATE_RULES),
    "monthly_pay_date_rule": lambda w, v: _one_of(w, v, MONTHLY_PAY_DATE_RULES),
    "work_bonus_column": lambda w, v: _one_of(w, v, WORK_BONUS_COLUMNS),
    "minimum_wage_basis": lambda w, v: _one_of(w, v, MINIMUM_WAGE_BASES),
    "holidays": _holidays,
    "brackets": _brackets,
    "special_ss_scale": _special_ss_scale,
    "work_bonus_part": _work_bonus_part,
    "cost_parts": _cost_parts,
    "text": _text,
}


def check_value(where: str, kind: str, value: Any) -> None:
    CHECKS[kind](where, value)


def check_parameters(where: str, params: Any, *, complete: bool) -> None:
    """Check a parameters object; raise one RuleSetError listing every problem found."""
    if not isinstance(params, dict):
        raise fail(where, "expected_parameters", "'parameters' must be an object")
    problems: list[Problem] = []

    def note(exc: RuleSetError) -> None:
        problems.extend(exc.problems)

    for key, entry in params.items():
        w = f"{where}.{key}"
        pattern = match_key(key)
        if pattern is None:
            note(fail(w, "unknown_parameter", "unknown parameter (typo?)", key=key))
            continue
        if not isinstance(entry, dict) or set(entry) != {"value", "source"}:
            note(fail(w, "bad_entry", 'each parameter is exactly {"value": ..., "source": "..."}'))
            continue
        if not isinstance(entry["source"], str) or len(entry["source"].strip()) < 3:
            note(fail(w, "missing_source", "a parameter needs a source (document, URL, seed line or 'unverified')"))
        try:
            check_value(w, SCHEMA[pattern], entry["value"])
        except RuleSetError as exc:
            note(exc)
    if complete:
        for key in missing_keys(params):
            note(fail(f"{where}.{key}", "missing_parameter", "missing parameter", key=key))
    if problems:
        raise RuleSetError.many(problems)


def missing_keys(params: dict) -> list[str]:
    out = [p for p in SCHEMA if "*" not in p and p not in params]
    for group, names in REQUIRED_NAMES.items():
        subkeys = [p.split(".")[-1] for p in SCHEMA if p.startswith(group + ".*.")]
        present = {k[len(group) + 1 :].split(".")[0] for k in params if k.startswith(group + ".")}
        for name in sorted(set(names) | present):
            out.extend(
                f"{group}.{name}.{sub}"
                for sub in subkeys
                if f"{group}.{name}.{sub}" not in params
            )
    return out
