"""People, sign-in, membership, units and the append-only double-entry journal."""

from backend.platform.migrations.sql import sql_migration

ID = "2026-11-22T04:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "foundation: people, auth, membership, units, journal, audit, outbox, idempotency"

STATEMENTS = [
    """
    CREATE TABLE person (
        id uuid PRIMARY KEY,
        phone varchar(20) UNIQUE,
        email varchar(254) UNIQUE,
        role varchar(10) NOT NULL DEFAULT 'worker' CHECK (role IN ('worker', 'adviser', 'admin')),
        first_name varchar(100),
        last_name varchar(100),
        language varchar(2) NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'en')),
        national_number varchar(11),
        iban varchar(34),
        address text,
        birth_date date,
        password_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (phone IS NOT NULL OR email IS NOT NULL)
    )""",
    """
    CREATE TABLE otp_challenge (
        id uuid PRIMARY KEY,
        destination varchar(254) NOT NULL,
        channel varchar(5) NOT NULL CHECK (channel IN ('sms', 'email')),
        code_hash text NOT NULL,
        attempts smallint NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        ip varchar(45),
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX otp_challenge_destination ON otp_challenge (destination, created_at DESC)",
    """
    CREATE TABLE refresh_token (
        id uuid PRIMARY KEY,
        person uuid NOT NULL REFERENCES person (id),
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX refresh_token_family ON refresh_token (family_id)",
    """
    CREATE TABLE share_purchase (
        id uuid PRIMARY KEY,
        person uuid NOT NULL REFERENCES person (id),
        shares integer NOT NULL CHECK (shares > 0),
        category varchar(1) NOT NULL CHECK (category IN ('A', 'B', 'C')),
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        purchased_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    """
    CREATE TABLE usage_agreement (
        id uuid PRIMARY KEY,
        person uuid NOT NULL REFERENCES person (id),
        version varchar(20) NOT NULL,
        accepted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (person, version)
    )""",
    """
    CREATE TABLE performance (
        id uuid PRIMARY KEY,
        person uuid NOT NULL REFERENCES person (id),
        reference varchar(64) NOT NULL UNIQUE,
        with_share boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX performance_person ON performance (person)",
    """
    CREATE TABLE legal_entity (
        id varchar(32) PRIMARY KEY,
        name varchar(200) NOT NULL,
        country varchar(2) NOT NULL,
        vat_number varchar(20) NOT NULL,
        company_number varchar(20) NOT NULL,
        address text NOT NULL,
        iban varchar(34) NOT NULL,
        bic varchar(11) NOT NULL
    )""",
    """
    CREATE TABLE office (
        id varchar(32) PRIMARY KEY,
        name varchar(100) NOT NULL,
        city varchar(100) NOT NULL
    )""",
    """
    CREATE TABLE unit (
        id uuid PRIMARY KEY,
        name varchar(200) NOT NULL,
        mode varchar(10) NOT NULL CHECK (mode IN ('3in1', 'activity')),
        legal_entity varchar(32) NOT NULL REFERENCES legal_entity (id),
        office varchar(32) REFERENCES office (id),
        personal boolean NOT NULL DEFAULT false,
        status varchar(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    """
    CREATE TABLE unit_holder (
        id uuid PRIMARY KEY,
        unit uuid NOT NULL REFERENCES unit (id),
        person uuid NOT NULL REFERENCES person (id),
        since date NOT NULL,
        UNIQUE (unit, person)
    )""",
    "CREATE INDEX unit_holder_person ON unit_holder (person)",
    "CREATE SEQUENCE journal_entry_seq",
    """
    CREATE TABLE journal_entry (
        id uuid PRIMARY KEY,
        seq bigint NOT NULL UNIQUE DEFAULT nextval('journal_entry_seq'),
        unit uuid NOT NULL REFERENCES unit (id),
        kind varchar(40) NOT NULL,
        description text NOT NULL,
        reference varchar(80),
        effective_date date NOT NULL,
        reverses uuid UNIQUE REFERENCES journal_entry (id),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX journal_entry_unit ON journal_entry (unit, seq)",
    """
    CREATE TABLE journal_line (
        id bigserial PRIMARY KEY,
        entry uuid NOT NULL REFERENCES journal_entry (id),
        unit uuid NOT NULL REFERENCES unit (id),
        account varchar(30) NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents <> 0)
    )""",
    "CREATE INDEX journal_line_unit_account ON journal_line (unit, account)",
    "CREATE INDEX journal_line_entry ON journal_line (entry)",
    # Money movements are never updated or deleted: corrections are reversal entries.
    """
    CREATE FUNCTION journal_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'journal is append-only: % on % refused, post a reversal instead',
            TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
    END $$""",
    """
    CREATE TRIGGER journal_entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON journal_entry
        FOR EACH STATEMENT EXECUTE FUNCTION journal_is_append_only()""",
    """
    CREATE TRIGGER journal_line_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON journal_line
        FOR EACH STATEMENT EXECUTE FUNCTION journal_is_append_only()""",
    # Every entry balances, checked at commit so that its lines can be inserted one by one.
    """
    CREATE FUNCTION journal_entry_balances() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        total bigint;
        line_count integer;
    BEGIN
        SELECT coalesce(sum(amount_cents), 0), count(*) INTO total, line_count
            FROM journal_line WHERE entry = NEW.entry;
        IF total <> 0 OR line_count < 2 THEN
            RAISE EXCEPTION 'journal entry % does not balance (sum %, % lines)',
                NEW.entry, total, line_count USING ERRCODE = 'P0002';
        END IF;
        RETURN NULL;
    END $$""",
    """
    CREATE CONSTRAINT TRIGGER journal_line_balanced AFTER INSERT ON journal_line
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balances()""",
    """
    CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        action varchar(60) NOT NULL,
        object_type varchar(40) NOT NULL,
        object_id varchar(64) NOT NULL,
        before jsonb,
        after jsonb,
        request_id varchar(64)
    )""",
    "CREATE INDEX audit_log_object ON audit_log (object_type, object_id, at)",
    """
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION journal_is_append_only()""",
    """
    CREATE TABLE outbox_message (
        id uuid PRIMARY KEY,
        job varchar(80) NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key varchar(200) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz,
        relay_attempts integer NOT NULL DEFAULT 0,
        last_error text
    )""",
    "CREATE INDEX outbox_pending ON outbox_message (created_at) WHERE relayed_at IS NULL",
    """
    CREATE TABLE job_run (
        key varchar(200) PRIMARY KEY,
        job varchar(80) NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now()
    )""",
    """
    CREATE TABLE idempotency_record (
        scope_key varchar(300) PRIMARY KEY,
        request_hash varchar(64) NOT NULL,
        status_code integer,
        content_type text,
        body bytea,
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
