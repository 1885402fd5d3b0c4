"""Date-versioned rule sets: loading, validation, lookup, description.

One JSON file per (country, legal entity, validity period) in ``rulesets/``::

    {"id": "be-smart-2025", "country": "BE", "legal_entity": "smart",
     "valid_from": "2025-01-01", "valid_to": "2025-12-31", "description": "...",
     "parameters": {"contribution.rate_percent": {"value": "6.5", "source": "seed 000:535"}, ...},
     "amendments": [{"valid_from": "2025-02-01", "note": "...", "parameters": {...partial...}}]}

Every parameter is ``{"value", "source"}``; the source names the official document, a seed
reference (``002:401-412``) or says "unverified". Amendments split a file into segments
(mid-year changes such as the February index); a segment's id is ``<file id>`` for the
first one and ``<file id>@<valid_from>`` for the next ones.

Legal entity ids: ``smart`` = Smart Belgium (the cooperative's Belgian employer entity).

Lookup: ``RuleBook.for_date(country, entity, on)`` returns the segment whose validity
contains ``on``; a date after the latest segment returns the latest one with
``fallback=True`` (e.g. 2026 while no 2026 set exists); a date before the earliest one is
an ``EngineInputError``. Results always name the segment id and the fallback flag.

Rates are decimal strings (percent unless the key says otherwise), amounts integer cents.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .errors import EngineInputError, RuleSetError
from .money import RateSyntaxError, Ratio, decimal_ratio, parse_decimal, percent_ratio

RULESET_DIR = Path(__file__).with_name("rulesets")

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
LANGS = ("nl", "fr", "en")
PAY_DATE_RULES = ("working_days_after_last_day", "tenth_of_next_month")
MONTHLY_PAY_DATE_RULES = ("last_working_day_of_month",)

# --------------------------------------------------------------------------- schema
# key pattern ("*" = one identifier segment) -> kind
SCHEMA: dict[str, str] = {
    "limits.max_amount_cents": "cents_pos",
    "limits.max_performance_dates": "int_pos",
    "limits.max_expenses": "int_pos",
    "contribution.rate_percent": "percent",
    "expense_categories.*.in_contribution_base": "bool",
    "contract_types.*.coefficient": "coefficient",
    "contract_types.*.worker_ss_percent": "percent",
    "contract_types.*.worker_ss_base_percent": "percent_base",
    "contract_types.*.employer_ss_percent": "percent",
    "contract_types.*.withholding_default": "percent",
    "contract_types.*.withholding_minimum": "percent",
    "contract_types.*.withholding_options": "percent_list",
    "contract_types.*.monthly_key_formula": "bool",
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
    "student.yearly_hour_quota": "int_pos",
    "platform.minimum_hourly_wage_cents": "cents_pos",
    "platform.minimum_paid_hours_per_day": "int_pos",
    "key_formula.professional_expenses_percent": "percent",
    "key_formula.professional_expenses_cap_cents": "cents_pos",
    "key_formula.brackets": "brackets",
    "key_formula.tax_free_reduction_cents": "cents",
    "key_formula.marital_quotient_percent": "percent",
    "key_formula.marital_quotient_cap_cents": "cents",
    "key_formula.children_monthly_reduction_cents": "cents_list",
    "key_formula.children_extra_monthly_reduction_cents": "cents",
    "work_bonus.part_a": "work_bonus_part",
    "work_bonus.part_b": "work_bonus_part",
    "work_bonus.fiscal_part_a_percent": "percent",
    "work_bonus.fiscal_part_b_percent": "percent",
    "special_ss.tiers": "tiers",
    "special_ss.max_cents": "cents",
}
# wildcard group -> names that must be present
REQUIRED_NAMES = {
    "contract_types": CONTRACT_TYPES,
    "expense_categories": EXPENSE_CATEGORIES,
    "vat.exemptions": VAT_EXEMPTIONS,
}
_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _match(key: str) -> str | None:
    if key in SCHEMA:
        return key
    parts = key.split(".")
    for pattern in SCHEMA:
        pp = pattern.split(".")
        if len(pp) != len(parts):
            continue
        if all(a == b or (a == "*" and _IDENT.match(b)) for a, b in zip(pp, parts, strict=True)):
            return pattern
    return None


def _fail(where: str, problem: str) -> RuleSetError:
    return RuleSetError(where, problem)


def _check_value(where: str, kind: str, value: Any) -> None:  # noqa: C901 - one switch
    def is_int(v: Any) -> bool:
        return type(v) is int

    def dec(v: Any, what: str = "decimal string") -> None:
        try:
            parse_decimal(v)
        except RateSyntaxError as exc:
            raise _fail(where, f"expected a {what}: {exc}") from None

    if kind in ("cents", "cents_pos", "int_pos"):
        if not is_int(value) or value < 0 or (kind != "cents" and value == 0):
            raise _fail(
                where, f"expected a {'positive ' if kind != 'cents' else 'non-negative '}integer"
            )
    elif kind == "bool":
        if not isinstance(value, bool):
            raise _fail(where, "expected true or false")
    elif kind in ("percent", "percent_base"):
        dec(value, "percent as a decimal string")
        v = parse_decimal(value)
        upper = 200 if kind == "percent_base" else 100
        if v < 0 or v > upper:
            raise _fail(where, f"percent out of range 0..{upper}: {value}")
    elif kind == "coefficient":
        dec(value, "coefficient as a decimal string")
        v = parse_decimal(value)
        if v < 1 or v > 5:
            raise _fail(where, f"coefficient out of range 1..5: {value}")
    elif kind == "percent_list":
        if not isinstance(value, list) or not value:
            raise _fail(where, "expected a non-empty list of decimal strings")
        seen = set()
        for i, v in enumerate(value):
            _check_value(f"{where}[{i}]", "percent", v)
            n = parse_decimal(v).normalize()
            if n in seen:
                raise _fail(where, f"duplicate value {v}")
            seen.add(n)
    elif kind == "cents_list":
        if not isinstance(value, list) or not value:
            raise _fail(where, "expected a non-empty list of integers (cents)")
        for i, v in enumerate(value):
            _check_value(f"{where}[{i}]", "cents", v)
    elif kind == "mention":
        if not isinstance(value, dict) or set(value) != set(LANGS):
            raise _fail(where, "expected an object with exactly the keys nl, fr, en")
        for lang, text in value.items():
            if not isinstance(text, str) or not text.strip():
                raise _fail(f"{where}.{lang}", "expected a non-empty string")
    elif kind == "vat_category":
        if value not in VAT_CATEGORIES:
            raise _fail(where, f"expected one of {', '.join(VAT_CATEGORIES)}")
    elif kind == "vatex":
        if not isinstance(value, str) or not re.fullmatch(r"(?i)vatex-[a-z]{2}-[a-z0-9-]+", value):
            raise _fail(where, "expected a VATEX code such as vatex-eu-ae")
    elif kind == "exemption_code":
        if not isinstance(value, str) or not _IDENT.match(value):
            raise _fail(where, "expected an exemption code (a key of vat.exemptions)")
    elif kind == "client_kind":
        if value not in ("any", "other_eu", "non_eu"):
            raise _fail(where, "expected one of any, other_eu, non_eu")
    elif kind == "country_list":
        if not isinstance(value, list) or not all(
            isinstance(c, str) and _COUNTRY.match(c) for c in value
        ):
            raise _fail(where, "expected a list of two-letter upper-case country codes")
    elif kind == "pay_date_rule":
        if value not in PAY_DATE_RULES:
            raise _fail(where, f"expected one of {', '.join(PAY_DATE_RULES)}")
    elif kind == "monthly_pay_date_rule":
        if value not in MONTHLY_PAY_DATE_RULES:
            raise _fail(where, f"expected one of {', '.join(MONTHLY_PAY_DATE_RULES)}")
    elif kind == "holidays":
        if not isinstance(value, list) or not value:
            raise _fail(where, "expected a non-empty list of holiday rules")
        codes = set()
        for i, h in enumerate(value):
            w = f"{where}[{i}]"
            if not isinstance(h, dict):
                raise _fail(w, "expected an object")
            code = h.get("code")
            if not isinstance(code, str) or not _IDENT.match(code) or code in codes:
                raise _fail(w, "missing, invalid or duplicate code")
            codes.add(code)
            _check_value(f"{w}.names", "mention", h.get("names"))
            rule = h.get("rule")
            if rule == "fixed":
                if set(h) != {"code", "rule", "month", "day", "names"}:
                    raise _fail(w, "a fixed holiday has exactly code, rule, month, day, names")
                m, d = h["month"], h["day"]
                if not (is_int(m) and is_int(d)):
                    raise _fail(w, "month and day must be integers")
                try:
                    date(2024, m, d)  # leap year: accepts 29 Feb
                except ValueError:
                    raise _fail(w, f"invalid month/day {m}/{d}") from None
            elif rule == "easter":
                if set(h) != {"code", "rule", "offset", "names"}:
                    raise _fail(w, "an Easter-based holiday has exactly code, rule, offset, names")
                if not is_int(h["offset"]) or not -100 <= h["offset"] <= 100:
                    raise _fail(w, "offset must be an integer between -100 and 100")
            else:
                raise _fail(w, "rule must be 'fixed' or 'easter'")
    elif kind == "brackets":
        if not isinstance(value, list) or not value:
            raise _fail(where, "expected a non-empty list of brackets")
        prev = 0
        for i, b in enumerate(value):
            w = f"{where}[{i}]"
            if not isinstance(b, dict) or set(b) != {"up_to_cents", "percent"}:
                raise _fail(w, "a bracket has exactly up_to_cents and percent")
            _check_value(f"{w}.percent", "percent", b["percent"])
            last = i == len(value) - 1
            up = b["up_to_cents"]
            if last:
                if up is not None:
                    raise _fail(w, "the last bracket must be open (up_to_cents: null)")
            else:
                if not is_int(up) or up <= prev:
                    raise _fail(w, "up_to_cents must be increasing integers")
                prev = up
    elif kind == "tiers":
        if not isinstance(value, list) or not value:
            raise _fail(where, "expected a non-empty list of tiers")
        prev = -1
        for i, t in enumerate(value):
            w = f"{where}[{i}]"
            if not isinstance(t, dict) or set(t) != {"over_cents", "base_cents", "percent"}:
                raise _fail(w, "a tier has exactly over_cents, base_cents, percent")
            _check_value(f"{w}.over_cents", "cents", t["over_cents"])
            _check_value(f"{w}.base_cents", "cents", t["base_cents"])
            _check_value(f"{w}.percent", "percent", t["percent"])
            if t["over_cents"] <= prev:
                raise _fail(w, "over_cents must be increasing")
            prev = t["over_cents"]
    elif kind == "work_bonus_part":
        keys = {"max_cents", "threshold_cents", "slope", "zero_at_cents"}
        if not isinstance(value, dict) or set(value) != keys:
            raise _fail(where, f"expected exactly {sorted(keys)}")
        for k in ("max_cents", "threshold_cents", "zero_at_cents"):
            _check_value(f"{where}.{k}", "cents", value[k])
        dec(value["slope"], "slope as a decimal string")
        if value["zero_at_cents"] < value["threshold_cents"]:
            raise _fail(where, "zero_at_cents must be >= threshold_cents")
    else:  # pragma: no cover - schema and checker are maintained together
        raise _fail(where, f"unknown kind {kind}")


def _check_parameters(where: str, params: Any, *, complete: bool) -> None:
    if not isinstance(params, dict):
        raise _fail(where, "'parameters' must be an object")
    for key, entry in params.items():
        w = f"{where}.{key}"
        pattern = _match(key)
        if pattern is None:
            raise _fail(w, "unknown parameter (typo?)")
        if not isinstance(entry, dict) or set(entry) != {"value", "source"}:
            raise _fail(w, 'each parameter is exactly {"value": ..., "source": "..."}')
        if not isinstance(entry["source"], str) or len(entry["source"].strip()) < 3:
            raise _fail(w, "a parameter needs a source (document, URL, seed line or 'unverified')")
        _check_value(w, SCHEMA[pattern], entry["value"])
    if not complete:
        return
    for pattern in SCHEMA:
        if "*" in pattern:
            continue
        if pattern not in params:
            raise _fail(f"{where}.{pattern}", "missing parameter")
    for group, names in REQUIRED_NAMES.items():
        subkeys = [p.split(".")[-1] for p in SCHEMA if p.startswith(group + ".*.")]
        present = {k[len(group) + 1 :].split(".")[0] for k in params if k.startswith(group + ".")}
        for name in set(names) | present:
            for sub in subkeys:
                key = f"{group}.{name}.{sub}"
                if key not in params:
                    raise _fail(f"{where}.{key}", "missing parameter")


def _parse_date(where: str, value: Any) -> date:
    if not isinstance(value, str):
        raise _fail(where, "expected an ISO date string")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(where, f"invalid ISO date {value!r}") from None


def _norm_rate(text: str) -> str:
    return format(parse_decimal(text).normalize(), "f")


# --------------------------------------------------------------------------- compiled parts
class ContractRule:
    """Compiled parameters of one contract type (integer ratios for the hot path)."""

    __slots__ = (
        "code",
        "coefficient",
        "coefficient_text",
        "worker_ss",
        "worker_ss_text",
        "ss_base_text",
        "employer_ss_text",
        "withholding_default",
        "withholding_default_text",
        "withholding_minimum",
        "withholding_minimum_text",
        "withholding_options",
        "withholding_options_text",
        "monthly_key_formula",
    )

    def __init__(self, code: str, p: Mapping[str, Any]):
        pre = f"contract_types.{code}."
        self.code = code
        self.coefficient_text = p[pre + "coefficient"]
        self.coefficient = decimal_ratio(self.coefficient_text)
        self.worker_ss_text = p[pre + "worker_ss_percent"]
        self.ss_base_text = p[pre + "worker_ss_base_percent"]
        a, b = percent_ratio(self.worker_ss_text)
        c, d = percent_ratio(self.ss_base_text)
        # one combined rate, one rounding: ss = round_half_up(gross x base% x rate%)
        self.worker_ss = (a * c, b * d)
        self.employer_ss_text = p[pre + "employer_ss_percent"]
        self.withholding_default_text = _norm_rate(p[pre + "withholding_default"])
        self.withholding_default = percent_ratio(self.withholding_default_text)
        self.withholding_minimum_text = _norm_rate(p[pre + "withholding_minimum"])
        self.withholding_minimum = percent_ratio(self.withholding_minimum_text)
        self.withholding_options_text = tuple(_norm_rate(x) for x in p[pre + "withholding_options"])
        self.withholding_options = {t: percent_ratio(t) for t in self.withholding_options_text}
        self.monthly_key_formula = p[pre + "monthly_key_formula"]


class RuleSet:
    """One validity segment of a rule-set file, validated and compiled."""

    def __init__(
        self,
        *,
        id: str,
        file_id: str,
        country: str,
        legal_entity: str,
        valid_from: date,
        valid_to: date,
        description: str,
        params: Mapping[str, Mapping[str, Any]],
    ):
        self.id = id
        self.file_id = file_id
        self.country = country
        self.legal_entity = legal_entity
        self.valid_from = valid_from
        self.valid_to = valid_to
        self.description = description
        self.params: dict[str, dict[str, Any]] = {k: dict(v) for k, v in sorted(params.items())}
        self._compile()

    # ---- access
    def value(self, key: str) -> Any:
        return self.params[key]["value"]

    def source(self, key: str) -> str:
        return self.params[key]["source"]

    def describe(self) -> dict[str, Any]:
        """JSON-able listing of every parameter with its value and source (GET /rule-sets)."""
        return {
            "id": self.id,
            "fileId": self.file_id,
            "country": self.country,
            "legalEntity": self.legal_entity,
            "validFrom": self.valid_from.isoformat(),
            "validTo": self.valid_to.isoformat(),
            "description": self.description,
            "parameters": [
                {"key": k, "value": v["value"], "source": v["source"]}
                for k, v in self.params.items()
            ],
        }

    def __repr__(self) -> str:
        return f"RuleSet({self.id!r}, {self.valid_from}..{self.valid_to})"

    # ---- compilation
    def _compile(self) -> None:
        v = self.value
        self.max_amount_cents: int = v("limits.max_amount_cents")
        self.max_performance_dates: int = v("limits.max_performance_dates")
        self.max_expenses: int = v("limits.max_expenses")
        self.contribution_text: str = _norm_rate(v("contribution.rate_percent"))
        self.contribution: Ratio = percent_ratio(self.contribution_text)
        self.expense_in_base: dict[str, bool] = {
            c: v(f"expense_categories.{c}.in_contribution_base")
            for c in self._names("expense_categories")
        }
        self.contracts: dict[str, ContractRule] = {
            c: ContractRule(c, {k: e["value"] for k, e in self.params.items()})
            for c in self._names("contract_types")
        }
        for c in self.contracts.values():
            if c.withholding_default_text not in c.withholding_options:
                raise _fail(
                    self.id,
                    f"contract_types.{c.code}.withholding_default is not one of the options",
                )
            if _ratio_lt(c.withholding_default, c.withholding_minimum):
                raise _fail(
                    self.id, f"contract_types.{c.code}.withholding_default is below the minimum"
                )
        rates = [_norm_rate(r) for r in v("vat.rates")]
        self.vat_rates: dict[str, Ratio] = {r: percent_ratio(r) for r in rates}
        if "0" not in self.vat_rates:
            raise _fail(self.id, "vat.rates must contain 0 (exempt operations)")
        self.vat_exemptions: dict[str, tuple[dict[str, str], str]] = {
            e: (v(f"vat.exemptions.{e}.mention"), v(f"vat.exemptions.{e}.client"))
            for e in self._names("vat.exemptions")
        }
        # exemption -> (EN 16931 VAT category, VATEX reason code) for e-invoices
        self.vat_exemption_codes: dict[str, tuple[str, str]] = {
            e: (v(f"vat.exemptions.{e}.ubl_category"), v(f"vat.exemptions.{e}.vatex").lower())
            for e in self.vat_exemptions
        }
        self.place_of_supply: dict[str, str] = {
            "eu_business": v("vat.place_of_supply.eu_business_exemption"),
            "non_eu_business": v("vat.place_of_supply.non_eu_business_exemption"),
        }
        for kind, code in self.place_of_supply.items():
            wanted = "other_eu" if kind == "eu_business" else "non_eu"
            if code not in self.vat_exemptions or self.vat_exemptions[code][1] != wanted:
                raise _fail(self.id, f"vat.place_of_supply.{kind}_exemption must name an "
                                     f"exemption of vat.exemptions whose client is {wanted}")
        self.eu_countries: frozenset[str] = frozenset(v("vat.eu_countries"))
        self.holiday_rules: list[dict[str, Any]] = v("calendar.public_holidays")
        self.pay_date_rule: str = v("calendar.pay_date_rule")
        self.pay_date_working_days: int = v("calendar.pay_date_working_days")
        self.monthly_pay_date_rule: str = v("calendar.monthly_pay_date_rule")
        self.student_hour_quota: int = v("student.yearly_hour_quota")
        self.platform_min_hourly_cents: int = v("platform.minimum_hourly_wage_cents")
        self.platform_min_paid_hours: int = v("platform.minimum_paid_hours_per_day")
        kf = "key_formula."
        self.prof_expenses: Ratio = percent_ratio(v(kf + "professional_expenses_percent"))
        self.prof_expenses_cap: int = v(kf + "professional_expenses_cap_cents")
        self.brackets: list[tuple[int | None, Ratio]] = [
            (b["up_to_cents"], percent_ratio(b["percent"])) for b in v(kf + "brackets")
        ]
        self.tax_free_reduction: int = v(kf + "tax_free_reduction_cents")
        self.marital_quotient: Ratio = percent_ratio(v(kf + "marital_quotient_percent"))
        self.marital_quotient_cap: int = v(kf + "marital_quotient_cap_cents")
        self.children_reduction: list[int] = list(v(kf + "children_monthly_reduction_cents"))
        self.children_extra: int = v(kf + "children_extra_monthly_reduction_cents")
        self.work_bonus_parts: list[tuple[int, int, Ratio, int]] = []
        for part in ("part_a", "part_b"):
            wb = v(f"work_bonus.{part}")
            self.work_bonus_parts.append(
                (
                    wb["max_cents"],
                    wb["threshold_cents"],
                    decimal_ratio(wb["slope"]),
                    wb["zero_at_cents"],
                )
            )
        self.fiscal_work_bonus: tuple[Ratio, Ratio] = (
            percent_ratio(v("work_bonus.fiscal_part_a_percent")),
            percent_ratio(v("work_bonus.fiscal_part_b_percent")),
        )
        self.special_ss_tiers: list[tuple[int, int, Ratio]] = [
            (t["over_cents"], t["base_cents"], percent_ratio(t["percent"]))
            for t in v("special_ss.tiers")
        ]
        self.special_ss_max: int = v("special_ss.max_cents")
        self._holidays: dict[int, dict[date, dict[str, Any]]] = {}
        # per-segment caches used by the hot path (filled lazily, bounded by distinct inputs)
        self.cache: dict[Any, Any] = {}

    def _names(self, group: str) -> list[str]:
        prefix = group + "."
        names: list[str] = []
        for k in self.params:
            if k.startswith(prefix):
                name = k[len(prefix) :].split(".")[0]
                if name not in names:
                    names.append(name)
        return names

    # ---- calendar data
    def holidays(self, year: int) -> dict[date, dict[str, Any]]:
        """Public holidays of ``year`` from the rule data: ``{date: holiday rule}``."""
        got = self._holidays.get(year)
        if got is None:
            easter = easter_sunday(year)
            got = {}
            for h in self.holiday_rules:
                if h["rule"] == "fixed":
                    try:
                        day = date(year, h["month"], h["day"])
                    except ValueError:  # 29 February in a non-leap year
                        continue
                else:
                    day = easter + timedelta(days=h["offset"])
                got[day] = h
            self._holidays[year] = got
        return got


def _ratio_lt(a: Ratio, b: Ratio) -> bool:
    return a[0] * b[1] < b[0] * a[1]


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


# --------------------------------------------------------------------------- documents
def segments_from_document(doc: Any, where: str = "<document>") -> list[RuleSet]:
    """Validate one rule-set document (parsed JSON) and expand it into segments."""
    if not isinstance(doc, dict):
        raise _fail(where, "a rule-set file must contain a JSON object")
    allowed = {
        "id",
        "country",
        "legal_entity",
        "valid_from",
        "valid_to",
        "currency",
        "description",
        "parameters",
        "amendments",
    }
    extra = set(doc) - allowed
    if extra:
        raise _fail(where, f"unknown top-level keys: {sorted(extra)}")
    for key in ("id", "country", "legal_entity", "valid_from", "valid_to", "parameters"):
        if key not in doc:
            raise _fail(where, f"missing top-level key '{key}'")
    fid = doc["id"]
    if not isinstance(fid, str) or not re.match(r"^[a-z0-9][a-z0-9-]*$", fid):
        raise _fail(where, "id must be lower-case letters, digits and dashes")
    where = f"{where} ({fid})"
    country, entity = doc["country"], doc["legal_entity"]
    if not isinstance(country, str) or not _COUNTRY.match(country):
        raise _fail(where, "country must be a two-letter upper-case code")
    if not isinstance(entity, str) or not _IDENT.match(entity):
        raise _fail(where, "legal_entity must be a lower-case identifier")
    if doc.get("currency", "EUR") != "EUR":
        raise _fail(where, "only EUR is supported")
    start = _parse_date(f"{where}.valid_from", doc["valid_from"])
    end = _parse_date(f"{where}.valid_to", doc["valid_to"])
    if end < start:
        raise _fail(where, "valid_to is before valid_from")
    description = doc.get("description", "")
    if not isinstance(description, str):
        raise _fail(where, "description must be a string")
    _check_parameters(f"{where}.parameters", doc["parameters"], complete=True)
    amendments = doc.get("amendments", [])
    if not isinstance(amendments, list):
        raise _fail(where, "amendments must be a list")
    params = dict(doc["parameters"])
    starts = [start]
    param_sets = [dict(params)]
    for i, am in enumerate(amendments):
        w = f"{where}.amendments[{i}]"
        if not isinstance(am, dict) or not {"valid_from", "parameters"} <= set(am) <= {
            "valid_from",
            "parameters",
            "note",
        }:
            raise _fail(w, "an amendment has valid_from, parameters and an optional note")
        s = _parse_date(f"{w}.valid_from", am["valid_from"])
        if s <= starts[-1] or s > end:
            raise _fail(
                w, "amendments must start after the previous segment and within the file validity"
            )
        _check_parameters(f"{w}.parameters", am["parameters"], complete=False)
        params.update(am["parameters"])
        _check_parameters(f"{w}.parameters", params, complete=True)
        starts.append(s)
        param_sets.append(dict(params))
    out = []
    for n, (s, ps) in enumerate(zip(starts, param_sets, strict=True)):
        e = starts[n + 1] - timedelta(days=1) if n + 1 < len(starts) else end
        out.append(
            RuleSet(
                id=fid if n == 0 else f"{fid}@{s.isoformat()}",
                file_id=fid,
                country=country,
                legal_entity=entity,
                valid_from=s,
                valid_to=e,
                description=description,
                params=ps,
            )
        )
    return out


class RuleBook:
    """All rule sets, indexed by (country, legal entity) and date. Immutable after load."""

    def __init__(self, rule_sets: Iterable[RuleSet]):
        self._by_key: dict[tuple[str, str], list[RuleSet]] = {}
        self._by_id: dict[str, RuleSet] = {}
        for rs in rule_sets:
            if rs.id in self._by_id:
                raise _fail(rs.id, "duplicate rule-set id")
            self._by_id[rs.id] = rs
            self._by_key.setdefault((rs.country, rs.legal_entity), []).append(rs)
        for key, lst in self._by_key.items():
            lst.sort(key=lambda r: r.valid_from)
            for prev, nxt in zip(lst, lst[1:], strict=False):
                if nxt.valid_from <= prev.valid_to:
                    raise _fail(nxt.id, f"validity overlaps {prev.id} for {key[0]}/{key[1]}")
                if nxt.valid_from != prev.valid_to + timedelta(days=1):
                    raise _fail(
                        nxt.id,
                        f"gap after {prev.id} for {key[0]}/{key[1]} (rule sets must be contiguous)",
                    )
        self._cache: dict[tuple[str, str, date], tuple[RuleSet, bool]] = {}

    @classmethod
    def from_documents(cls, docs: Iterable[Any]) -> RuleBook:
        out: list[RuleSet] = []
        for i, d in enumerate(docs):
            out.extend(segments_from_document(d, f"<document {i}>"))
        return cls(out)

    @classmethod
    def load(cls, directory: str | Path = RULESET_DIR) -> RuleBook:
        directory = Path(directory)
        out: list[RuleSet] = []
        files = sorted(directory.glob("*.json"))
        if not files:
            raise _fail(str(directory), "no rule-set files found")
        for path in files:
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise _fail(path.name, f"invalid JSON: {exc}") from None
            segs = segments_from_document(doc, path.name)
            if path.stem != segs[0].file_id:
                raise _fail(path.name, f"file name must be <id>.json (id is {segs[0].file_id})")
            out.extend(segs)
        return cls(out)

    @staticmethod
    @functools.cache
    def default() -> RuleBook:
        """The rule sets shipped with the engine, loaded once per process."""
        return RuleBook.load(RULESET_DIR)

    def rule_sets(self) -> list[RuleSet]:
        return sorted(self._by_id.values(), key=lambda r: (r.country, r.legal_entity, r.valid_from))

    def get(self, rule_set_id: str) -> RuleSet:
        return self._by_id[rule_set_id]

    def describe(self) -> list[dict[str, Any]]:
        return [rs.describe() for rs in self.rule_sets()]

    def for_date(
        self, country: str, legal_entity: str, on: date, *, field: str = "performanceDates"
    ) -> tuple[RuleSet, bool]:
        """The rule set for ``on`` and whether it is a fallback (date after the latest set)."""
        key = (country, legal_entity, on)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        lst = self._by_key.get((country, legal_entity))
        if not lst:
            known = {c for c, _ in self._by_key}
            fld = "legalEntity" if country in known else "country"
            raise EngineInputError(
                fld,
                "no_rule_set",
                {"country": country, "entity": legal_entity, "date": on.isoformat()},
            )
        if on < lst[0].valid_from:
            raise EngineInputError(
                field,
                "no_rule_set",
                {"country": country, "entity": legal_entity, "date": on.isoformat()},
            )
        result: tuple[RuleSet, bool] | None = None
        for rs in lst:
            if rs.valid_from <= on <= rs.valid_to:
                result = (rs, False)
                break
        if result is None:
            result = (lst[-1], True)
        if len(self._cache) < 100_000:
            self._cache[key] = result
        return result
