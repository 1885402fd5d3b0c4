"""The chat bot: conversations (state, expiry after inactivity) and minimised transcripts."""

from backend.platform.migrations.sql import sql_migration

ID = "2026-11-22T06:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "bot conversations and messages"

STATEMENTS = [
    # One row per conversation: the dialogue state (a plain JSON dict) and, once the user said
    # yes, the QuickJob it created (a second yes finds it here: one QuickJob per conversation).
    # A conversation untouched for 30 minutes (updated_at) is expired: the next message starts
    # a new one.
    """
    CREATE TABLE bot_conversation (
        id uuid PRIMARY KEY,
        person uuid NOT NULL REFERENCES person (id),
        channel varchar(20) NOT NULL DEFAULT 'api',
        language varchar(2) NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'en')),
        state jsonb NOT NULL DEFAULT '{}',
        quickjob uuid REFERENCES quickjob (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX bot_conversation_person ON bot_conversation (person, updated_at DESC)",
    # The transcript, personal data masked (e-mails, IBANs, national/VAT/phone numbers).
    """
    CREATE TABLE bot_message (
        id bigserial PRIMARY KEY,
        conversation uuid NOT NULL REFERENCES bot_conversation (id),
        seq integer NOT NULL,
        sender varchar(4) NOT NULL CHECK (sender IN ('user', 'bot')),
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (conversation, seq)
    )""",
]

async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
