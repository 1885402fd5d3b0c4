"""Open-ended (monthly) employment contracts and their monthly salaries (002:379)."""

from backend.platform.migrations.sql import sql_migration

ID = "2026-12-01T20:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "open-ended employment and monthly salaries"

STATEMENTS = [
    """
    CREATE TABLE employment (
        id uuid PRIMARY KEY,
        person uuid NOT NULL REFERENCES person (id),
        unit uuid NOT NULL REFERENCES unit (id),
        contract_type varchar(20) NOT NULL DEFAULT 'open_ended',
        monthly_gross_cents bigint NOT NULL CHECK (monthly_gross_cents > 0),
        family_status varchar(20) NOT NULL DEFAULT 'single',
        dependent_children integer NOT NULL DEFAULT 0 CHECK (dependent_children >= 0),
        start_date date NOT NULL,
        end_date date,
        status varchar(10) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
        projected_income_cents bigint,
        created_by uuid REFERENCES person (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date IS NULL OR end_date >= start_date)
    )""",
    "CREATE INDEX employment_person ON employment (person)",
    """
    CREATE TABLE monthly_salary (
        id uuid PRIMARY KEY,
        employment uuid NOT NULL REFERENCES employment (id),
        person uuid NOT NULL REFERENCES person (id),
        unit uuid NOT NULL REFERENCES unit (id),
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        pay_date date NOT NULL,
        days_employed integer NOT NULL,
        days_in_month integer NOT NULL,
        gross_cents bigint NOT NULL,
        social_security_cents bigint NOT NULL,
        withholding_cents bigint NOT NULL,
        special_social_security_cents bigint NOT NULL,
        net_cents bigint NOT NULL,
        employer_cost_cents bigint NOT NULL,
        rule_set varchar(60) NOT NULL,
        rule_set_fallback boolean NOT NULL,
        payslip jsonb NOT NULL,
        payslip_key text,
        paid_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (employment, month),
        CHECK (gross_cents - social_security_cents - withholding_cents
               - special_social_security_cents = net_cents)
    )""",
    # A payment file line is either a QuickJob salary or a monthly salary.
    "ALTER TABLE payment_file_item DROP CONSTRAINT payment_file_item_pkey",
    "ALTER TABLE payment_file_item ALTER COLUMN salary DROP NOT NULL",
    "ALTER TABLE payment_file_item ADD CONSTRAINT payment_file_item_salary_key UNIQUE (salary)",
    "ALTER TABLE payment_file_item ADD COLUMN monthly_salary uuid UNIQUE REFERENCES monthly_salary (id)",
    "ALTER TABLE payment_file_item ADD CONSTRAINT payment_file_item_one_salary "
    "CHECK ((salary IS NULL) <> (monthly_salary IS NULL))",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
