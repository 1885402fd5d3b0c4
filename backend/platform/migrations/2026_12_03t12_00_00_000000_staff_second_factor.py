"""Staff sign-in with a second factor (TOTP or an e-mailed code), sessions bound to a role."""

from backend.platform.migrations.sql import sql_migration

ID = "2026-12-03T12:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "staff second factor: TOTP credentials, sign-in challenges, session roles"

STATEMENTS = [
    # One TOTP secret per person (RFC 6238), encrypted with a key derived from SECRET_KEY.
    # confirmed_at is null while enrolment waits for the first code from the authenticator;
    # last_step is the newest time step accepted, so a code is never accepted twice.
    """
    CREATE TABLE totp_credential (
        person uuid PRIMARY KEY REFERENCES person (id),
        secret_encrypted text NOT NULL,
        confirmed_at timestamptz,
        last_step bigint,
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    # Between a correct password and the second factor: the challenge the client holds (hashed
    # here) says which person and which method; an e-mailed code is stored hashed too.
    """
    CREATE TABLE staff_challenge (
        id uuid PRIMARY KEY,
        person uuid NOT NULL REFERENCES person (id),
        token_hash text NOT NULL UNIQUE,
        method varchar(5) NOT NULL CHECK (method IN ('totp', 'email')),
        code_hash text,
        attempts smallint NOT NULL DEFAULT 0,
        ip varchar(45),
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((method = 'email') = (code_hash IS NOT NULL))
    )""",
    "CREATE INDEX staff_challenge_person ON staff_challenge (person, created_at DESC)",
    # The role a session was signed in for: a worker's session never turns into a staff one
    # when the person is later made an adviser (the refresh is refused instead).
    "ALTER TABLE refresh_token ADD COLUMN role varchar(10)",
    "CREATE INDEX refresh_token_person ON refresh_token (person) WHERE revoked_at IS NULL",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
