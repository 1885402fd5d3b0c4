"""Back office banking: imported CODA statements and movements, the unmatched-payments queue,
SEPA payment files for salaries (a salary is in at most one file)."""

from backend.platform.migrations.sql import sql_migration

ID = "2026-11-22T06:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "bank statements (CODA), movements, unmatched payments, SEPA payment files"

STATEMENTS = [
    # One row per statement: the same statement (same content, or same account + number +
    # date) is never imported twice.
    """
    CREATE TABLE bank_statement (
        id uuid PRIMARY KEY,
        content_hash varchar(64) NOT NULL UNIQUE,
        file_hash varchar(64) NOT NULL,
        account varchar(34) NOT NULL,
        currency varchar(3) NOT NULL,
        number integer NOT NULL,
        old_balance_cents bigint NOT NULL,
        new_balance_cents bigint NOT NULL,
        old_balance_date date,
        new_balance_date date,
        imported_by uuid REFERENCES person (id),
        imported_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (account, number, new_balance_date)
    )""",
    """
    CREATE TABLE bank_movement (
        id uuid PRIMARY KEY,
        statement uuid NOT NULL REFERENCES bank_statement (id),
        sequence integer NOT NULL,
        detail integer NOT NULL,
        bank_reference varchar(21) NOT NULL,
        amount_cents bigint NOT NULL,
        value_date date,
        entry_date date,
        transaction_code varchar(8) NOT NULL,
        structured_communication varchar(12),
        communication text NOT NULL DEFAULT '',
        counterparty_name varchar(70),
        counterparty_account varchar(34),
        counterparty_bic varchar(11),
        status varchar(10) NOT NULL CHECK (status IN ('matched', 'unmatched', 'assigned', 'ignored')),
        match_method varchar(20),
        invoice uuid REFERENCES invoice (id),
        applied_cents bigint,
        overpaid_cents bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (statement, sequence, detail)
    )""",
    "CREATE INDEX bank_movement_invoice ON bank_movement (invoice) WHERE invoice IS NOT NULL",
    "CREATE INDEX bank_movement_overpaid ON bank_movement (created_at) WHERE overpaid_cents > 0",
    """
    CREATE TABLE unmatched_payment (
        id uuid PRIMARY KEY,
        movement uuid NOT NULL UNIQUE REFERENCES bank_movement (id),
        reason varchar(30) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assigned')),
        invoice uuid REFERENCES invoice (id),
        resolved_by uuid REFERENCES person (id),
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX unmatched_payment_open ON unmatched_payment (created_at) WHERE status = 'open'",
    """
    CREATE TABLE payment_file (
        id uuid PRIMARY KEY,
        message_id varchar(35) NOT NULL UNIQUE,
        legal_entity varchar(32) NOT NULL REFERENCES legal_entity (id),
        execution_date date NOT NULL,
        transaction_count integer NOT NULL CHECK (transaction_count > 0),
        control_sum_cents bigint NOT NULL,
        storage_key text NOT NULL,
        skipped jsonb NOT NULL DEFAULT '[]',
        created_by uuid REFERENCES person (id),
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    # The primary key on the salary is what makes "at most one payment file per salary" hold.
    """
    CREATE TABLE payment_file_item (
        salary uuid PRIMARY KEY REFERENCES salary_payment (id),
        payment_file uuid NOT NULL REFERENCES payment_file (id),
        end_to_end_id varchar(35) NOT NULL UNIQUE,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        iban varchar(34) NOT NULL
    )""",
    "CREATE INDEX payment_file_item_file ON payment_file_item (payment_file)",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
