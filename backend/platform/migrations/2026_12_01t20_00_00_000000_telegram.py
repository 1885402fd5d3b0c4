"""The bot on Telegram: one-time link codes, chats linked to a person, updates processed once."""

from backend.platform.migrations.sql import sql_migration

ID = "2026-12-01T20:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "telegram link codes, linked chats and processed updates"

STATEMENTS = [
    # A short code shown in the app, sent back by the Telegram user ("/start CODE" from the deep
    # link, or "/link CODE"). Only its HMAC is stored; it expires after 10 minutes and is used
    # once (used_at). A new code retires the person's earlier unused ones (expires_at = now()).
    """
    CREATE TABLE telegram_link_code (
        id uuid PRIMARY KEY,
        person uuid NOT NULL REFERENCES person (id),
        code_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        used_by_chat bigint,
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX telegram_link_code_hash ON telegram_link_code (code_hash)",
    "CREATE INDEX telegram_link_code_person ON telegram_link_code (person) WHERE used_at IS NULL",
    # A private chat linked to a person; the bot conversation it continues (channel 'telegram').
    # Unlinking deletes the row (the audit log keeps who linked and unlinked what, and when).
    """
    CREATE TABLE telegram_chat (
        chat_id bigint PRIMARY KEY,
        person uuid NOT NULL REFERENCES person (id),
        telegram_user_id bigint NOT NULL,
        conversation uuid REFERENCES bot_conversation (id),
        linked_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX telegram_chat_person ON telegram_chat (person)",
    # Telegram redelivers an update until it gets a 2xx: each update_id is processed once, in the
    # transaction of its turn. ``outcome`` also counts failed link attempts per chat (throttle).
    """
    CREATE TABLE telegram_update (
        update_id bigint PRIMARY KEY,
        chat_id bigint,
        outcome varchar(20) NOT NULL DEFAULT 'received',
        received_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX telegram_update_chat ON telegram_update (chat_id, received_at) "
    "WHERE outcome = 'link_failed'",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
