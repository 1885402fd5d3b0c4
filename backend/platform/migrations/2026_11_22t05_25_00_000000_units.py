"""Units and ledger: the chart of accounts and same-unit integrity enforced by the database."""

from backend.platform.migrations.sql import sql_migration

ID = "2026-11-22T05:25:00:000000"
VERSION = "1.38.0"
DESCRIPTION = ("units: known ledger accounts, entries without lines refused, lines and "
               "reversals stay in their entry's unit")

# Keep in sync with backend/units/accounts.py (tests/units check both lists are equal).
# Adding an account: a new migration that drops and re-creates this constraint.
ACCOUNTS = (
    "receivable", "bank", "cash",
    "vat_payable", "salary_payable", "withholding_payable", "social_security_payable",
    "expense_refund_payable", "cooperative_payable", "guarantee_advance",
    "turnover", "other_income",
    "contribution", "expenses", "labour_cost", "other_expense",
)

STATEMENTS = [
    "ALTER TABLE journal_line ADD CONSTRAINT journal_line_account_known CHECK (account IN ("
    + ", ".join(f"'{code}'" for code in ACCOUNTS) + "))",
    "ALTER TABLE journal_entry ADD CONSTRAINT journal_entry_kind_format "
    "CHECK (kind ~ '^[a-z][a-z0-9_]{0,39}$')",
    "ALTER TABLE journal_entry ADD CONSTRAINT journal_entry_not_self_reversal "
    "CHECK (reverses IS NULL OR reverses <> id)",
    # (id, unit) is unique since id is: it lets lines and reversals point at their unit too.
    "ALTER TABLE journal_entry ADD CONSTRAINT journal_entry_id_unit UNIQUE (id, unit)",
    "ALTER TABLE journal_line ADD CONSTRAINT journal_line_entry_same_unit "
    "FOREIGN KEY (entry, unit) REFERENCES journal_entry (id, unit)",
    "ALTER TABLE journal_entry ADD CONSTRAINT journal_entry_reverses_same_unit "
    "FOREIGN KEY (reverses, unit) REFERENCES journal_entry (id, unit)",
    # The foundation checks each entry when one of its lines is inserted; an entry inserted
    # without any line escaped that check. This one fires per entry, at commit too.
    """
    CREATE FUNCTION journal_entry_has_balanced_lines() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        total bigint;
        line_count integer;
    BEGIN
        SELECT coalesce(sum(amount_cents), 0), count(*) INTO total, line_count
            FROM journal_line WHERE entry = NEW.id;
        IF total <> 0 OR line_count < 2 THEN
            RAISE EXCEPTION 'journal entry % does not balance (sum %, % lines)',
                NEW.id, total, line_count USING ERRCODE = 'P0002';
        END IF;
        RETURN NULL;
    END $$""",
    """
    CREATE CONSTRAINT TRIGGER journal_entry_balanced AFTER INSERT ON journal_entry
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
        EXECUTE FUNCTION journal_entry_has_balanced_lines()""",
    "CREATE INDEX unit_created ON unit (created_at, id)",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
