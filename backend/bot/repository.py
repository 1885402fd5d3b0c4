"""Conversation rows. Services call these inside their unit of work."""

from __future__ import annotations

import json
import uuid

from backend.db import fetch

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
    """Append (sender, minimised text) rows; seq is unique per conversation."""
    for sender, text in messages:
        await fetch(
            "INSERT INTO bot_message (conversation, seq, sender, text) VALUES ({}, "
            "(SELECT coalesce(max(seq), 0) + 1 FROM bot_message WHERE conversation = {}), {}, {})",
            conversation_id, conversation_id, sender, text)


async def messages(conversation_id: uuid.UUID) -> list[dict]:
    return await fetch("SELECT seq, sender, text, created_at FROM bot_message "
                       "WHERE conversation = {} ORDER BY seq", conversation_id)
