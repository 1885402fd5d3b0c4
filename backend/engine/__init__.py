"""Pure calculation core: contribution, payroll, VAT, OGM, calendar, rule sets.

No I/O except reading the engine's own rule-set files at load time; stdlib and
python-stdnum only. Money is integer cents, rates exact decimals from the rule sets.

Public API (stable; the HTTP API, the bot and the back office import from here)::

    from backend.engine import simulate, SimulationInput, ExpenseInput, RuleBook
"""

from .errors import EngineInputError, RuleSetError
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
from .ogm import format_ogm, is_valid_ogm, make_ogm, parse_ogm
from .payroll import StudentQuota, employer_cost, largest_gross, student_quota
from .platform_work import PlatformShift, PlatformViolation, check_platform_work
from .rules import CONTRACT_TYPES, EXPENSE_CATEGORIES, VAT_EXEMPTIONS, RuleBook, RuleSet
from .simulation import ExpenseInput, Line, Simulation, SimulationInput, simulate
from .vat import VatAmounts, exemption_mention, vat_amounts
from .workcalendar import (
    Holiday,
    add_working_days,
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
    "EngineInputError",
    "ExpenseInput",
    "FamilySituation",
    "Holiday",
    "Line",
    "MonthPay",
    "MonthlyPayslip",
    "PlatformShift",
    "PlatformViolation",
    "RuleBook",
    "RuleSet",
    "RuleSetError",
    "Simulation",
    "SimulationInput",
    "StudentQuota",
    "VatAmounts",
    "add_working_days",
    "check_platform_work",
    "employer_cost",
    "exemption_mention",
    "format_ogm",
    "is_valid_ogm",
    "is_working_day",
    "largest_gross",
    "last_day_of_month",
    "make_ogm",
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
    "vat_amounts",
]
