"""Conversation rows. Services call these inside their unit of work."""

from __future__ import annotations

import json
import uuid

from backend.platform.db import fetch

IDLE_MINUTES = 30  # a conversation untouched this long is expired


def _decode(row: dict) -> dict:
    if isinstance(row.get("state"), str):
        row["state"] = json.loads(row["state"])
    return row


async def active_conversation(conversation_id: uuid.UUID, person: uuid.UUID,
                              *, for_update: bool = False) -> dict | None:
    """The person's conversation, unless it expired after ``IDLE_MINUTES`` of inactivity."""
    lock = " FOR UPDATE" if for_update else ""
    rows = await fetch(
        "SELECT * FROM bot_conversation WHERE id = {} AND person = {} "
        "AND updated_at > now() - make_interval(mins => {})" + lock,
        conversation_id, person, IDLE_MINUTES)
    return _decode(rows[0]) if rows else None


async def insert_conversation(conversation_id: uuid.UUID, person: uuid.UUID, channel: str,
                              language: str) -> dict:
    rows = await fetch(
        "INSERT INTO bot_conversation (id, person, channel, language) VALUES ({}, {}, {}, {}) "
        "RETURNING *", conversation_id, person, channel, language)
    return _decode(rows[0])


async def save_state(conversation_id: uuid.UUID, state: dict, language: str) -> None:
    await fetch("UPDATE bot_conversation SET state = {}::jsonb, language = {}, updated_at = now() "
                "WHERE id = {}", json.dumps(state, default=str), language, conversation_id)


async def lock_quickjob(conversation_id: uuid.UUID) -> uuid.UUID | None:
    """The QuickJob this conversation created, with the row locked (serialises two yeses)."""
    rows = await fetch("SELECT quickjob FROM bot_conversation WHERE id = {} FOR UPDATE",
                       conversation_id)
    return rows[0]["quickjob"] if rows else None


async def set_quickjob(conversation_id: uuid.UUID, quickjob_id: uuid.UUID) -> None:
    await fetch("UPDATE bot_conversation SET quickjob = {} WHERE id = {}", quickjob_id,
                conversation_id)


async def add_messages(conversation_id: uuid.UUID, messages: list[tuple[str, str]]) -> None:
    """Append (sender, minimised text) rows in one statement; seq is unique per conversation."""
    if not messages:
        return
    await fetch(
        "INSERT INTO bot_message (conversation, seq, sender, text) "
        "SELECT {}, base.seq + m.n, m.sender, m.text "
        "FROM (SELECT coalesce(max(seq), 0) AS seq FROM bot_message WHERE conversation = {}) base, "
        "unnest({}::text[], {}::text[]) WITH ORDINALITY AS m(sender, text, n)",
        conversation_id, conversation_id, [m[0] for m in messages], [m[1] for m in messages])


async def messages(conversation_id: uuid.UUID) -> list[dict]:
    return await fetch("SELECT seq, sender, text, created_at FROM bot_message "
                       "WHERE conversation = {} ORDER BY seq", conversation_id)


# Telegram channel -----------------------------------------------------------------------------

UPDATE_MEMORY_DAYS = 7  # Telegram may reuse an update_id after a week without updates


async def claim_telegram_update(update_id: int, chat_id: int | None) -> bool:
    """True the first time ``update_id`` is seen (row written in the caller's transaction); a
    concurrent redelivery waits on the row and then gets False."""
    rows = await fetch(
        "INSERT INTO telegram_update (update_id, chat_id) VALUES ({}, {}) "
        "ON CONFLICT (update_id) DO UPDATE SET chat_id = EXCLUDED.chat_id, outcome = 'received', "
        "received_at = now() "
        "WHERE telegram_update.received_at < now() - make_interval(days => {}) "
        "RETURNING update_id", update_id, chat_id, UPDATE_MEMORY_DAYS)
    return bool(rows)


async def set_update_outcome(update_id: int, outcome: str) -> None:
    await fetch("UPDATE telegram_update SET outcome = {} WHERE update_id = {}", outcome, update_id)


async def recent_link_failures(chat_id: int, minutes: int) -> int:
    rows = await fetch(
        "SELECT count(*) AS n FROM telegram_update WHERE chat_id = {} AND outcome = 'link_failed' "
        "AND received_at > now() - make_interval(mins => {})", chat_id, minutes)
    return rows[0]["n"]


async def telegram_chat(chat_id: int, *, for_update: bool = False) -> dict | None:
    lock = " FOR UPDATE" if for_update else ""
    rows = await fetch("SELECT * FROM telegram_chat WHERE chat_id = {}" + lock, chat_id)
    return rows[0] if rows else None


async def link_telegram_chat(chat_id: int, person: uuid.UUID, telegram_user_id: int) -> dict:
    """Link (or re-link) the chat; a new person starts without a conversation."""
    rows = await fetch(
        "INSERT INTO telegram_chat (chat_id, person, telegram_user_id) VALUES ({}, {}, {}) "
        "ON CONFLICT (chat_id) DO UPDATE SET person = EXCLUDED.person, "
        "telegram_user_id = EXCLUDED.telegram_user_id, linked_at = now(), updated_at = now(), "
        "conversation = CASE WHEN telegram_chat.person = EXCLUDED.person "
        "THEN telegram_chat.conversation END "
        "RETURNING *", chat_id, person, telegram_user_id)
    return rows[0]


async def set_chat_conversation(chat_id: int, conversation_id: uuid.UUID) -> None:
    await fetch("UPDATE telegram_chat SET conversation = {}, updated_at = now() WHERE chat_id = {}",
                conversation_id, chat_id)


async def unlink_telegram_chat(chat_id: int) -> dict | None:
    rows = await fetch("DELETE FROM telegram_chat WHERE chat_id = {} RETURNING *", chat_id)
    return rows[0] if rows else None


async def telegram_chats_of(person: uuid.UUID) -> list[dict]:
    return await fetch("SELECT * FROM telegram_chat WHERE person = {} ORDER BY linked_at", person)


async def unlink_telegram_chats_of(person: uuid.UUID) -> list[dict]:
    return await fetch("DELETE FROM telegram_chat WHERE person = {} RETURNING *", person)


async def retire_link_codes(person: uuid.UUID) -> None:
    """A new code replaces the person's earlier unused ones."""
    await fetch("UPDATE telegram_link_code SET expires_at = least(expires_at, now()) "
                "WHERE person = {} AND used_at IS NULL", person)


async def insert_link_code(code_id: uuid.UUID, person: uuid.UUID, code_hash: str,
                           minutes: int) -> dict:
    rows = await fetch(
        "INSERT INTO telegram_link_code (id, person, code_hash, expires_at) "
        "VALUES ({}, {}, {}, now() + make_interval(mins => {})) RETURNING *",
        code_id, person, code_hash, minutes)
    return rows[0]


async def link_code_in_use(code_hash: str) -> bool:
    rows = await fetch("SELECT 1 FROM telegram_link_code WHERE code_hash = {} AND used_at IS NULL "
                       "AND expires_at > now()", code_hash)
    return bool(rows)


async def link_code_by_hash(code_hash: str) -> dict | None:
    """The newest code with this hash, row locked (two chats using one code: one wins), with
    ``expired`` computed by the database clock."""
    rows = await fetch(
        "SELECT *, expires_at <= now() AS expired FROM telegram_link_code WHERE code_hash = {} "
        "ORDER BY created_at DESC LIMIT 1 FOR UPDATE", code_hash)
    return rows[0] if rows else None


async def use_link_code(code_id: uuid.UUID, chat_id: int) -> None:
    await fetch("UPDATE telegram_link_code SET used_at = now(), used_by_chat = {} WHERE id = {}",
                chat_id, code_id)


async def person_row(person: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT id, role, language, first_name, last_name FROM person "
                       "WHERE id = {}", person)
    return rows[0] if rows else None


async def forget_old_telegram_rows() -> int:
    """Daily clean-up: update ids past Telegram's reuse window, link codes long expired."""
    updates = await fetch("DELETE FROM telegram_update WHERE received_at < now() - "
                          "make_interval(days => {}) RETURNING 1", UPDATE_MEMORY_DAYS + 1)
    codes = await fetch("DELETE FROM telegram_link_code WHERE expires_at < now() - interval '1 day' "
                        "RETURNING 1")
    return len(updates) + len(codes)
