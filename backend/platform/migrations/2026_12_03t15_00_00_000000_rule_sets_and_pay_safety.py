"""Rule sets as data (issue 12, item 6): uploaded rule-set files with their four-eyes decision,
kept for good; pay held by the payroll run (no rule set in force, too many months at once);
open-ended contracts: single parent, and a second adviser's approval of a backdated start."""

from backend.platform.migrations.sql import sql_migration

ID = "2026-12-03T15:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "rule-set uploads, payroll holds, employment approval and single parent"

STATEMENTS = [
    # One row per uploaded file: the file itself, who uploaded it, who decided and when. The
    # file and its uploader never change and no row is ever deleted (triggers below); only the
    # decision is written, once (pending -> approved | rejected; approved -> superseded when a
    # later approved upload replaces the same rule set).
    """
    CREATE TABLE rule_set_upload (
        id uuid PRIMARY KEY,
        file_id varchar(60) NOT NULL,
        country varchar(2) NOT NULL,
        legal_entity varchar(40) NOT NULL,
        valid_from date NOT NULL,
        valid_to date NOT NULL,
        segment_ids text[] NOT NULL,
        replace_existing boolean NOT NULL DEFAULT false,
        document jsonb NOT NULL,
        sha256 varchar(64) NOT NULL,
        file_name text,
        warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
        status varchar(10) NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'approved', 'rejected', 'superseded')),
        uploaded_by uuid NOT NULL REFERENCES person (id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES person (id),
        decided_at timestamptz,
        decision_reason text,
        CHECK (valid_to >= valid_from),
        CHECK ((status = 'pending') = (decided_by IS NULL)),
        -- four eyes: whoever uploaded a file never approves it
        CHECK (status NOT IN ('approved', 'superseded') OR decided_by <> uploaded_by)
    )""",
    "CREATE INDEX rule_set_upload_status ON rule_set_upload (status, decided_at)",
    """
    CREATE FUNCTION rule_set_upload_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'rule_set_upload keeps its history: % refused', TG_OP;
    END $$""",
    """
    CREATE TRIGGER rule_set_upload_no_delete BEFORE DELETE OR TRUNCATE ON rule_set_upload
        FOR EACH STATEMENT EXECUTE FUNCTION rule_set_upload_kept()""",
    """
    CREATE FUNCTION rule_set_upload_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.document IS DISTINCT FROM OLD.document OR NEW.sha256 <> OLD.sha256
                OR NEW.file_id <> OLD.file_id OR NEW.uploaded_by <> OLD.uploaded_by
                OR NEW.uploaded_at <> OLD.uploaded_at
                OR NEW.replace_existing <> OLD.replace_existing THEN
            RAISE EXCEPTION 'an uploaded rule-set file is never changed';
        END IF;
        IF NEW.status <> OLD.status AND NOT (OLD.status = 'pending'
                OR (OLD.status = 'approved' AND NEW.status = 'superseded')) THEN
            RAISE EXCEPTION 'a rule-set decision is final (% -> %)', OLD.status, NEW.status;
        END IF;
        RETURN NEW;
    END $$""",
    """
    CREATE TRIGGER rule_set_upload_decided_once BEFORE UPDATE ON rule_set_upload
        FOR EACH ROW EXECUTE FUNCTION rule_set_upload_decided_once()""",
    # Pay the payroll run did not pay, and why: visible to advisers until it is paid.
    """
    CREATE TABLE payroll_hold (
        id uuid PRIMARY KEY,
        key text NOT NULL UNIQUE,
        kind varchar(20) NOT NULL CHECK (kind IN ('quickjob_salary', 'monthly_salary')),
        reason varchar(30) NOT NULL
            CHECK (reason IN ('rule_set_fallback', 'months_above_limit')),
        person uuid NOT NULL REFERENCES person (id),
        salary uuid REFERENCES salary_payment (id),
        quickjob uuid REFERENCES quickjob (id),
        employment uuid REFERENCES employment (id),
        month date,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        status varchar(10) NOT NULL DEFAULT 'held'
            CHECK (status IN ('held', 'approved', 'released')),
        requested_by uuid REFERENCES person (id),
        approved_by uuid REFERENCES person (id),
        approved_at timestamptz,
        held_at timestamptz NOT NULL DEFAULT now(),
        last_held_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz,
        CHECK ((kind = 'quickjob_salary') = (salary IS NOT NULL)),
        CHECK ((kind = 'monthly_salary') = (employment IS NOT NULL)),
        CHECK (approved_by IS NULL OR approved_by IS DISTINCT FROM requested_by)
    )""",
    "CREATE INDEX payroll_hold_status ON payroll_hold (status, held_at)",
    "CREATE INDEX payroll_hold_open_salary ON payroll_hold (salary) WHERE status <> 'released'",
    """CREATE INDEX payroll_hold_open_employment ON payroll_hold (employment)
        WHERE status <> 'released'""",
    # Open-ended contracts: the single-parent reduction of the key formula (Annex III), and
    # the second adviser who approved a start far back (months up to pay_approved_through may
    # then be paid in one run, however many).
    "ALTER TABLE employment ADD COLUMN single_parent boolean NOT NULL DEFAULT false",
    """
    ALTER TABLE employment ADD COLUMN approval varchar(10) NOT NULL DEFAULT 'not_needed'
        CHECK (approval IN ('not_needed', 'pending', 'approved'))""",
    "ALTER TABLE employment ADD COLUMN approved_by uuid REFERENCES person (id)",
    "ALTER TABLE employment ADD COLUMN approved_at timestamptz",
    "ALTER TABLE employment ADD COLUMN pay_approved_through date",
    """
    ALTER TABLE employment ADD CONSTRAINT employment_second_adviser
        CHECK (approved_by IS NULL OR approved_by IS DISTINCT FROM created_by)""",
    """
    ALTER TABLE employment ADD CONSTRAINT employment_single_parent
        CHECK (NOT single_parent OR (family_status = 'single' AND dependent_children > 0))""",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
