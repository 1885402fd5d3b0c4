"""Clients and the QuickJob flow: quote, order, invoice, expenses, contract, Dimona, salary, review."""

from backend.platform.migrations.sql import sql_migration

ID = "2026-11-22T06:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "clients, quickjobs, documents, invoices with gap-free numbers, salaries, review queue"

STATEMENTS = [
    """
    CREATE TABLE client (
        id uuid PRIMARY KEY,
        name varchar(200) NOT NULL,
        email varchar(254),
        vat_number varchar(20),
        company_number varchar(20),
        country varchar(2) NOT NULL DEFAULT 'BE',
        address text,
        language varchar(2) NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'en')),
        created_by uuid REFERENCES person (id),
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    # Deduplication: one client per VAT number, else per e-mail (api.md, issue 4).
    "CREATE UNIQUE INDEX client_vat ON client (upper(vat_number)) WHERE vat_number IS NOT NULL",
    "CREATE UNIQUE INDEX client_email ON client (lower(email)) WHERE vat_number IS NULL AND email IS NOT NULL",
    """
    CREATE TABLE quickjob (
        id uuid PRIMARY KEY,
        person uuid NOT NULL REFERENCES person (id),
        unit uuid NOT NULL REFERENCES unit (id),
        client uuid NOT NULL REFERENCES client (id),
        function varchar(120) NOT NULL,
        description text NOT NULL,
        performance_dates date[] NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        vat_included boolean NOT NULL DEFAULT false,
        vat_rate varchar(3) NOT NULL,
        vat_exemption varchar(40),
        contract_type varchar(20) NOT NULL,
        withholding_rate varchar(8),
        paid_in_cash boolean NOT NULL DEFAULT false,
        status varchar(20) NOT NULL,
        simulation jsonb NOT NULL,
        rule_set varchar(60) NOT NULL,
        pay_date date NOT NULL,
        review_reasons text[] NOT NULL DEFAULT '{}',
        language varchar(2) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX quickjob_person ON quickjob (person, created_at DESC)",
    """
    CREATE TABLE quickjob_event (
        id bigserial PRIMARY KEY,
        quickjob uuid NOT NULL REFERENCES quickjob (id),
        at timestamptz NOT NULL DEFAULT now(),
        kind varchar(40) NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX quickjob_event_job ON quickjob_event (quickjob, id)",
    # Gap-free numbering: one row per (legal entity, series, year), incremented under a row lock
    # in the same transaction that creates the document.
    """
    CREATE TABLE document_counter (
        legal_entity varchar(32) NOT NULL REFERENCES legal_entity (id),
        series varchar(20) NOT NULL,
        year integer NOT NULL,
        last_number integer NOT NULL DEFAULT 0,
        PRIMARY KEY (legal_entity, series, year)
    )""",
    """
    CREATE TABLE quote (
        id uuid PRIMARY KEY,
        quickjob uuid NOT NULL UNIQUE REFERENCES quickjob (id),
        number varchar(20) NOT NULL UNIQUE,
        issue_date date NOT NULL,
        valid_until date NOT NULL,
        accept_token_hash varchar(64) NOT NULL UNIQUE,
        status varchar(10) NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'accepted', 'declined', 'expired')),
        decided_at timestamptz,
        decline_reason text,
        pdf_key text NOT NULL,
        clauses jsonb NOT NULL
    )""",
    """
    CREATE TABLE client_order (
        id uuid PRIMARY KEY,
        quickjob uuid NOT NULL UNIQUE REFERENCES quickjob (id),
        quote uuid NOT NULL REFERENCES quote (id),
        source varchar(20) NOT NULL CHECK (source IN ('client_link', 'worker_attested')),
        signed_order_key text,
        confirmed_at timestamptz NOT NULL DEFAULT now(),
        client_ip varchar(45)
    )""",
    """
    CREATE TABLE invoice (
        id uuid PRIMARY KEY,
        quickjob uuid NOT NULL REFERENCES quickjob (id),
        legal_entity varchar(32) NOT NULL REFERENCES legal_entity (id),
        kind varchar(12) NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
        year integer NOT NULL,
        sequence integer NOT NULL,
        number varchar(20) NOT NULL,
        credits uuid UNIQUE REFERENCES invoice (id),
        issue_date date NOT NULL,
        due_date date NOT NULL,
        structured_communication varchar(21) NOT NULL,
        base_cents bigint NOT NULL,
        vat_cents bigint NOT NULL,
        total_cents bigint NOT NULL,
        vat_rate varchar(3) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'paid', 'credited')),
        paid_cents bigint NOT NULL DEFAULT 0,
        pdf_key text NOT NULL,
        ubl_key text,
        peppol_transmission varchar(80),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (legal_entity, kind, year, sequence),
        CHECK (base_cents + vat_cents = total_cents)
    )""",
    "CREATE UNIQUE INDEX invoice_one_live_per_quickjob ON invoice (quickjob) WHERE kind = 'invoice' AND status <> 'credited'",
    "CREATE INDEX invoice_communication ON invoice (structured_communication)",
    """
    CREATE TABLE cash_collection (
        id uuid PRIMARY KEY,
        quickjob uuid NOT NULL UNIQUE REFERENCES quickjob (id),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        collected_on date NOT NULL,
        pdf_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    """
    CREATE TABLE expense (
        id uuid PRIMARY KEY,
        quickjob uuid NOT NULL REFERENCES quickjob (id),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        category varchar(20) NOT NULL,
        spent_on date,
        description text,
        receipt_key text,
        receipt_content_type varchar(40),
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX expense_quickjob ON expense (quickjob)",
    """
    CREATE TABLE contract (
        id uuid PRIMARY KEY,
        quickjob uuid NOT NULL UNIQUE REFERENCES quickjob (id),
        person uuid NOT NULL REFERENCES person (id),
        contract_type varchar(20) NOT NULL,
        function varchar(120) NOT NULL,
        work_dates date[] NOT NULL,
        gross_cents bigint NOT NULL,
        withholding_rate varchar(8),
        status varchar(12) NOT NULL DEFAULT 'planned'
            CHECK (status IN ('planned', 'declared', 'blocked', 'cancelled', 'completed')),
        pdf_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    """
    CREATE TABLE dimona (
        id uuid PRIMARY KEY,
        contract uuid NOT NULL REFERENCES contract (id),
        work_date date NOT NULL,
        reference varchar(40),
        status varchar(24) NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'accepted', 'accepted_with_warning', 'refused', 'waiting', 'cancelled')),
        message text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (contract, work_date)
    )""",
    """
    CREATE TABLE salary_payment (
        id uuid PRIMARY KEY,
        contract uuid NOT NULL UNIQUE REFERENCES contract (id),
        quickjob uuid NOT NULL REFERENCES quickjob (id),
        person uuid NOT NULL REFERENCES person (id),
        pay_date date NOT NULL,
        gross_cents bigint NOT NULL,
        social_security_cents bigint NOT NULL,
        withholding_cents bigint NOT NULL,
        net_cents bigint NOT NULL,
        expenses_cents bigint NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'paid')),
        guarantee_advance boolean NOT NULL DEFAULT false,
        payslip_key text,
        paid_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX salary_due ON salary_payment (pay_date) WHERE status = 'scheduled'",
    """
    CREATE TABLE review_item (
        id uuid PRIMARY KEY,
        quickjob uuid REFERENCES quickjob (id),
        person uuid REFERENCES person (id),
        kind varchar(30) NOT NULL,
        reasons text[] NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'rejected')),
        decided_by uuid REFERENCES person (id),
        decided_at timestamptz,
        decision_reason text,
        context jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX review_open ON review_item (created_at) WHERE status = 'open'",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
