"""Pure calculation core: contribution, payroll, VAT, OGM, calendar, rule sets.

No I/O except reading the engine's own rule-set files at load time; stdlib and
python-stdnum only. Money is integer cents, rates exact decimals from the rule sets.

Public API (stable; the HTTP API, the bot and the back office import from here)::

    from backend.engine import simulate, SimulationInput, ExpenseInput, RuleBook
"""

from .errors import EngineInputError, RuleSetError
from .keyformula import KeyFormula, key_formula
from .minimum_wage import MinimumWageCheck, minimum_wage_check
from .monthly import (
    FAMILY_STATUSES,
    FamilySituation,
    MonthlyPayslip,
    MonthPay,
    month_gross,
    month_pay,
    monthly_gross_from_projection,
    monthly_payslip,
)
from .notices import fallback_notice
from .ogm import format_ogm, is_valid_ogm, make_ogm, parse_ogm
from .payroll import StudentQuota, employer_cost, largest_gross, student_quota
from .platform_work import PlatformShift, PlatformViolation, check_platform_work
from .rules import CONTRACT_TYPES, EXPENSE_CATEGORIES, VAT_EXEMPTIONS, RuleBook, RuleSet
from .rules_upload import RuleSetProblem, RuleSetValidation, validate_rule_set_upload
from .simulation import ExpenseInput, Line, Simulation, SimulationInput, simulate
from .vat import VatAmounts, exemption_mention, vat_amounts
from .workcalendar import (
    DayFlag,
    Holiday,
    add_working_days,
    flag_sundays_and_holidays,
    is_working_day,
    last_day_of_month,
    monthly_pay_date,
    pay_date,
    pay_date_for,
    public_holidays,
)

__all__ = [
    "CONTRACT_TYPES",
    "EXPENSE_CATEGORIES",
    "FAMILY_STATUSES",
    "VAT_EXEMPTIONS",
    "DayFlag",
    "EngineInputError",
    "ExpenseInput",
    "FamilySituation",
    "Holiday",
    "KeyFormula",
    "Line",
    "MinimumWageCheck",
    "MonthPay",
    "MonthlyPayslip",
    "PlatformShift",
    "PlatformViolation",
    "RuleBook",
    "RuleSet",
    "RuleSetError",
    "RuleSetProblem",
    "RuleSetValidation",
    "Simulation",
    "SimulationInput",
    "StudentQuota",
    "VatAmounts",
    "add_working_days",
    "check_platform_work",
    "employer_cost",
    "exemption_mention",
    "fallback_notice",
    "flag_sundays_and_holidays",
    "format_ogm",
    "is_valid_ogm",
    "is_working_day",
    "key_formula",
    "largest_gross",
    "last_day_of_month",
    "make_ogm",
    "minimum_wage_check",
    "month_gross",
    "month_pay",
    "monthly_gross_from_projection",
    "monthly_pay_date",
    "monthly_payslip",
    "parse_ogm",
    "pay_date",
    "pay_date_for",
    "public_holidays",
    "simulate",
    "student_quota",
    "validate_rule_set_upload",
    "vat_amounts",
]
