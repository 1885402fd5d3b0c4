"""One validity segment of a rule-set file, compiled into integer ratios for the hot path.

Rates are decimal strings in the files (percent unless the key says otherwise) and become exact
fractions ``(numerator, denominator)`` here; amounts are integer cents. Nothing in this module
reads files: :mod:`backend.engine.rules` loads and validates documents and builds segments.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from .money import Ratio, decimal_ratio, parse_decimal, percent_ratio
from .rules_schema import fail

__all__ = ["ContractRule", "RuleSet", "easter_sunday", "norm_rate"]

WorkBonusPart = tuple[int, int, Ratio, int]  # max, threshold, slope, zero_at (cents)
SpecialScale = tuple[list[tuple[int, int, Ratio]], int, int]  # tiers (over, base, rate), min, max


def norm_rate(text: str) -> str:
    return format(parse_decimal(text).normalize(), "f")


def _mul(a: Ratio, b: Ratio) -> Ratio:
    return a[0] * b[0], a[1] * b[1]


def ratio_lt(a: Ratio, b: Ratio) -> bool:
    return a[0] * b[1] < b[0] * a[1]


class ContractRule:
    """Compiled parameters of one contract type."""

    __slots__ = (
        "code",
        "coefficient",
        "coefficient_text",
        "cost_parts",
        "worker_ss",
        "worker_ss_text",
        "ss_base",
        "ss_base_text",
        "employer_ss_text",
        "withholding_default",
        "withholding_default_text",
        "withholding_minimum",
        "withholding_minimum_text",
        "withholding_options",
        "withholding_options_text",
        "monthly_key_formula",
        "work_bonus_column",
        "minimum_wage",
    )

    def __init__(self, code: str, p: Mapping[str, Any]):
        pre = f"contract_types.{code}."
        self.code = code
        self.coefficient_text = p[pre + "coefficient"]
        self.coefficient = decimal_ratio(self.coefficient_text)
        self.worker_ss_text = p[pre + "worker_ss_percent"]
        self.ss_base_text = p[pre + "worker_ss_base_percent"]
        self.ss_base = percent_ratio(self.ss_base_text)
        # one combined rate, one rounding: ss = round_half_up(gross x base% x rate%)
        self.worker_ss = _mul(percent_ratio(self.worker_ss_text), self.ss_base)
        self.employer_ss_text = p[pre + "employer_ss_percent"]
        self.withholding_default_text = norm_rate(p[pre + "withholding_default"])
        self.withholding_default = percent_ratio(self.withholding_default_text)
        self.withholding_minimum_text = norm_rate(p[pre + "withholding_minimum"])
        self.withholding_minimum = percent_ratio(self.withholding_minimum_text)
        self.withholding_options_text = tuple(norm_rate(x) for x in p[pre + "withholding_options"])
        self.withholding_options = {t: percent_ratio(t) for t in self.withholding_options_text}
        self.monthly_key_formula = p[pre + "monthly_key_formula"]
        self.work_bonus_column: str = p[pre + "work_bonus"]
        self.minimum_wage: str = p[pre + "minimum_wage"]
        # (code, percent text, base percent text, combined ratio of gross)
        self.cost_parts: tuple[tuple[str, str, str, Ratio], ...] = tuple(
            (
                part["code"],
                norm_rate(part["percent"]),
                norm_rate(part["base_percent"]),
                _mul(percent_ratio(part["percent"]), percent_ratio(part["base_percent"])),
            )
            for part in p[pre + "employer_cost_parts"]
        )


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
        self.max_hours_per_day = decimal_ratio(v("limits.max_hours_per_day"))
        self.contribution_text: str = norm_rate(v("contribution.rate_percent"))
        self.contribution: Ratio = percent_ratio(self.contribution_text)
        self.expense_in_base: dict[str, bool] = {
            c: v(f"expense_categories.{c}.in_contribution_base")
            for c in self._names("expense_categories")
        }
        flat = {k: e["value"] for k, e in self.params.items()}
        self.contracts: dict[str, ContractRule] = {
            c: ContractRule(c, flat) for c in self._names("contract_types")
        }
        for c in self.contracts.values():
            self._check_contract(c)
        rates = [norm_rate(r) for r in v("vat.rates")]
        self.vat_rates: dict[str, Ratio] = {r: percent_ratio(r) for r in rates}
        if "0" not in self.vat_rates:
            raise fail(self.id, "vat_rates_need_zero", "vat.rates must contain 0 (exempt operations)")
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
                raise fail(self.id, "place_of_supply_exemption",
                           f"vat.place_of_supply.{kind}_exemption must name an exemption of "
                           f"vat.exemptions whose client is {wanted}",
                           key=f"vat.place_of_supply.{kind}_exemption", client=wanted)  # fmt: skip
        self.eu_countries: frozenset[str] = frozenset(v("vat.eu_countries"))
        self.holiday_rules: list[dict[str, Any]] = v("calendar.public_holidays")
        self.pay_date_rule: str = v("calendar.pay_date_rule")
        self.pay_date_working_days: int = v("calendar.pay_date_working_days")
        self.monthly_pay_date_rule: str = v("calendar.monthly_pay_date_rule")
        self.student_hour_quota: int = v("student.yearly_hour_quota")
        self.platform_min_paid_hours: int = v("platform.minimum_paid_hours_per_day")
        self._compile_work_time()
        self._compile_key_formula()
        self._compile_social()
        self._holidays: dict[int, dict[date, dict[str, Any]]] = {}
        # per-segment caches used by the hot path (filled lazily, bounded by distinct inputs)
        self.cache: dict[Any, Any] = {}

    def _check_contract(self, c: ContractRule) -> None:
        if c.withholding_default_text not in c.withholding_options:
            raise fail(self.id, "withholding_default_not_option",
                       f"contract_types.{c.code}.withholding_default is not one of the options",
                       contract=c.code)  # fmt: skip
        if ratio_lt(c.withholding_default, c.withholding_minimum):
            raise fail(self.id, "withholding_default_below_minimum",
                       f"contract_types.{c.code}.withholding_default is below the minimum",
                       contract=c.code)  # fmt: skip
        # the public parts of the coefficient cannot exceed it: the margin is what is left
        n, d = c.coefficient
        margin = (n - d, d)
        for _, _, _, (pn, pd) in c.cost_parts:
            margin = (margin[0] * pd - pn * margin[1], margin[1] * pd)
        if margin[0] < 0:
            raise fail(self.id, "cost_parts_exceed_coefficient",
                       f"contract_types.{c.code}.employer_cost_parts exceed the coefficient",
                       contract=c.code)  # fmt: skip

    def _compile_work_time(self) -> None:
        v = self.value
        self.full_time_weekly_hours_text: str = norm_rate(v("work_time.full_time_weekly_hours"))
        self.full_time_weekly_hours: Ratio = decimal_ratio(self.full_time_weekly_hours_text)
        self.days_per_week: int = v("work_time.days_per_week")
        wn, wd = self.full_time_weekly_hours
        self.full_time_daily_hours: Ratio = (wn, wd * self.days_per_week)
        self.default_hours_per_day_text: str = norm_rate(v("work_time.default_hours_per_day"))
        self.default_hours_per_day: tuple[str, Ratio] = (
            self.default_hours_per_day_text, decimal_ratio(self.default_hours_per_day_text))
        self.minimum_national_monthly: int = v("minimum_wage.national_monthly_cents")
        self.joint_committee: str = v("minimum_wage.joint_committee")
        self.minimum_joint_committee_monthly: int = v("minimum_wage.joint_committee_monthly_cents")
        # a monthly wage per hour: monthly x 12 / (52 x weekly hours), an exact fraction of cents
        self.minimum_hourly: dict[str, Ratio] = {}
        for basis, monthly in (
            ("national", self.minimum_national_monthly),
            ("national_and_joint_committee",
             max(self.minimum_national_monthly, self.minimum_joint_committee_monthly)),
        ):  # fmt: skip
            self.minimum_hourly[basis] = (monthly * 12 * wd, 52 * wn)
        # platform work (002:505-506): the legal minimum that applies to Smart's employees
        hn, hd = self.minimum_hourly["national_and_joint_committee"]
        self.platform_min_hourly: Ratio = (hn, hd)
        self.platform_min_hourly_cents: int = (2 * hn + hd) // (2 * hd)

    def _compile_key_formula(self) -> None:
        v = self.value
        kf = "key_formula."
        self.prof_expenses: Ratio = percent_ratio(v(kf + "professional_expenses_percent"))
        self.prof_expenses_cap: int = v(kf + "professional_expenses_cap_cents")
        self.brackets: list[tuple[int | None, Ratio]] = [
            (b["up_to_cents"], percent_ratio(b["percent"])) for b in v(kf + "brackets")
        ]
        self.tax_free_reduction: int = v(kf + "tax_free_reduction_cents")
        self.marital_quotient: Ratio = percent_ratio(v(kf + "marital_quotient_percent"))
        self.marital_quotient_cap: int = v(kf + "marital_quotient_cap_cents")
        self.children_annual: list[int] = list(v(kf + "children_annual_reduction_cents"))
        self.children_extra_annual: int = v(kf + "children_extra_annual_reduction_cents")
        self.single_parent_annual: int = v(kf + "single_parent_annual_reduction_cents")

    def _compile_social(self) -> None:
        v = self.value

        def part(key: str) -> WorkBonusPart:
            wb = v(key)
            slope = decimal_ratio(wb["slope"])
            return wb["max_cents"], wb["threshold_cents"], slope, wb["zero_at_cents"]

        self.work_bonus_parts: dict[str, tuple[WorkBonusPart, WorkBonusPart]] = {
            "100": (part("work_bonus.part_a"), part("work_bonus.part_b")),
            "108": (part("work_bonus.part_a_108"), part("work_bonus.part_b_108")),
        }
        # the largest reference wage that still gets a bonus (fast exit on the hot path)
        self.work_bonus_ceiling: int = max(
            p[3] for parts in self.work_bonus_parts.values() for p in parts
        )
        self.fiscal_work_bonus: tuple[Ratio, Ratio] = (
            percent_ratio(v("work_bonus.fiscal_part_a_percent")),
            percent_ratio(v("work_bonus.fiscal_part_b_percent")),
        )
        self.special_ss: dict[str, SpecialScale] = {}
        for status in ("single", "married_one_income", "married_two_incomes"):
            scale = v(f"special_ss.{status}")
            tiers = [
                (t["over_cents"], t["base_cents"], percent_ratio(t["percent"]))
                for t in scale["tiers"]
            ]
            self.special_ss[status] = (tiers, scale["min_cents"], scale["max_cents"])

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
