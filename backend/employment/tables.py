"""Open-ended (monthly) employment contracts and the months paid on them (002:379)."""

from piccolo.columns import (
    JSONB,
    UUID,
    BigInt,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from backend.people.tables import Person
from backend.platform.db import DB
from backend.units.tables import Unit


class Employment(Table, tablename="employment", db=DB):
    id = UUID(primary_key=True)
    person = ForeignKey(Person, null=False)
    unit = ForeignKey(Unit, null=False)
    contract_type = Varchar(length=20, default="open_ended")
    monthly_gross_cents = BigInt()
    family_status = Varchar(length=20, default="single")
    dependent_children = Integer(default=0)
    start_date = Date()
    end_date = Date(null=True)
    status = Varchar(length=10, default="active")  # active | ended
    projected_income_cents = BigInt(null=True)
    created_by = ForeignKey(Person, null=True)
    created_at = Timestamptz()
    single_parent = Boolean(default=False)  # Annex III: single parent with dependent children
    # A start more than EMPLOYMENT_BACKDATE_DAYS back waits for a second adviser (pending);
    # months up to pay_approved_through may be paid in one run however many they are.
    approval = Varchar(length=10, default="not_needed")  # not_needed | pending | approved
    approved_by = ForeignKey(Person, null=True)
    approved_at = Timestamptz(null=True)
    pay_approved_through = Date(null=True)


class MonthlySalary(Table, tablename="monthly_salary", db=DB):
    """One month paid (unique per employment and month: a second run pays nothing)."""

    id = UUID(primary_key=True)
    employment = ForeignKey(Employment, null=False)
    person = ForeignKey(Person, null=False)
    unit = ForeignKey(Unit, null=False)
    month = Date()  # its first day
    pay_date = Date()
    days_employed = Integer()
    days_in_month = Integer()
    gross_cents = BigInt()
    social_security_cents = BigInt()
    withholding_cents = BigInt()
    special_social_security_cents = BigInt()
    net_cents = BigInt()
    employer_cost_cents = BigInt()
    rule_set = Varchar(length=60)
    rule_set_fallback = Boolean()
    payslip = JSONB()
    payslip_key = Text(null=True)
    paid_at = Timestamptz()
