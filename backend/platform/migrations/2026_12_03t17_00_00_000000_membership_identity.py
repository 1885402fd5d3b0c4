"""Membership for real (a share is a payment request until paid), the usage agreement's
evidence, a BIC where a transfer needs one, and erasure requests."""

from backend.platform.migrations.sql import sql_migration

ID = "2026-12-03T17:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = ("share payment requests, usage agreement evidence, person bic/erased_at, "
               "erasure requests, held salaries")

STATEMENTS = [
    "ALTER TABLE person ADD COLUMN bic varchar(11), ADD COLUMN erased_at timestamptz",
    # A person signs in by phone or e-mail, until their data is erased (both go then).
    "ALTER TABLE person DROP CONSTRAINT person_check",
    "ALTER TABLE person ADD CONSTRAINT person_contact CHECK "
    "(phone IS NOT NULL OR email IS NOT NULL OR erased_at IS NOT NULL)",
    "CREATE SEQUENCE share_payment_number",
    # A share is a payment request until it is paid: by a bank transfer with its structured
    # communication (matched by the CODA import), or withheld from a salary with the member's
    # consent (recorded: when, from which IP).
    """
    ALTER TABLE share_purchase
        ADD COLUMN status varchar(10) NOT NULL DEFAULT 'requested'
            CHECK (status IN ('requested', 'paid', 'cancelled')),
        ADD COLUMN structured_communication varchar(21) UNIQUE,
        ADD COLUMN paid_at timestamptz,
        ADD COLUMN paid_via varchar(10) CHECK (paid_via IN ('bank', 'salary')),
        ADD COLUMN bank_movement uuid REFERENCES bank_movement (id),
        ADD COLUMN salary uuid REFERENCES salary_payment (id),
        ADD COLUMN withhold_consent_at timestamptz,
        ADD COLUMN withhold_consent_ip varchar(45),
        ADD CHECK ((status = 'paid') = (paid_at IS NOT NULL AND paid_via IS NOT NULL))""",
    # Subscriptions recorded before payments were tracked were never paid (issue 14): each
    # becomes a payment request with its own communication; the person is a member once it is
    # paid, and may meanwhile do the three performances every non-member may.
    # The communication of sequence number n (membership_rules.json: 9000000000 + n): 10 digits
    # and their mod-97 check (97 when the remainder is 0), as +++ddd/dddd/ddddd+++.
    """
    WITH numbered AS (
        SELECT id, 9000000000 + nextval('share_payment_number') AS base
        FROM share_purchase WHERE structured_communication IS NULL ORDER BY created_at, id
    ), digits AS (
        SELECT id, lpad(base::text, 10, '0')
               || lpad((CASE WHEN base % 97 = 0 THEN 97 ELSE base % 97 END)::text, 2, '0') AS d
        FROM numbered
    )
    UPDATE share_purchase s
    SET structured_communication = '+++' || substr(d, 1, 3) || '/' || substr(d, 4, 4) || '/'
                                   || substr(d, 8, 5) || '+++'
    FROM digits WHERE s.id = digits.id""",
    "ALTER TABLE share_purchase ALTER COLUMN structured_communication SET NOT NULL",
    "CREATE INDEX share_purchase_person ON share_purchase (person, status)",
    # The usage agreement's acceptance: which text (its SHA-256), in which language, from where.
    """
    ALTER TABLE usage_agreement ADD COLUMN ip varchar(45), ADD COLUMN text_sha256 varchar(64),
        ADD COLUMN language varchar(2)""",
    """
    CREATE TABLE erasure_request (
        id uuid PRIMARY KEY,
        person uuid NOT NULL REFERENCES person (id),
        status varchar(10) NOT NULL DEFAULT 'requested'
            CHECK (status IN ('requested', 'waiting', 'done')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        ip varchar(45),
        blockers jsonb NOT NULL DEFAULT '[]',
        retained jsonb NOT NULL DEFAULT '{}',
        retain_until date,
        executed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE UNIQUE INDEX erasure_request_open ON erasure_request (person) WHERE status <> 'done'",
    # A salary waits (held) while the worker's IBAN or other details are missing; the next
    # payroll run pays it once they are there.
    "ALTER TABLE salary_payment DROP CONSTRAINT salary_payment_status_check",
    "ALTER TABLE salary_payment ADD CONSTRAINT salary_payment_status_check "
    "CHECK (status IN ('scheduled', 'held', 'paid'))",
    "DROP INDEX salary_due",
    "CREATE INDEX salary_due ON salary_payment (pay_date) WHERE status IN ('scheduled', 'held')",
    "CREATE INDEX erasure_request_status ON erasure_request (status, requested_at)",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
