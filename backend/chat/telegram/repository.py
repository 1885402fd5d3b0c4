"""Telegram's rows: processed updates, linked chats, one-time link codes; through Piccolo's
query builder with typed rows, raw SQL where Piccolo cannot say it."""

from __future__ import annotations

import uuid

from piccolo.columns.combination import WhereRaw
from piccolo.querystring import QueryString

from backend.chat.telegram.rows import LinkCodeRow, TelegramChatRow
from backend.chat.telegram.tables import TelegramChat, TelegramLinkCode, TelegramUpdate
from backend.platform.db import NOW, fetch, new_row, row, rows

UPDATE_MEMORY_DAYS = 7  # Telegram may reuse an update_id after a week without updates


async def claim_telegram_update(update_id: int, chat_id: int | None) -> bool:
    """True the first time ``update_id`` is seen (row written in the caller's transaction); a
    concurrent redelivery waits on the row and then gets False."""
    # Raw SQL: an upsert that takes an old row over only past Telegram's reuse window
    # (ON CONFLICT DO UPDATE ... WHERE), which Piccolo's on_conflict cannot say.
    claimed = await fetch(
        "INSERT INTO telegram_update (update_id, chat_id) VALUES ({}, {}) "
        "ON CONFLICT (update_id) DO UPDATE SET chat_id = EXCLUDED.chat_id, outcome = 'received', "
        "received_at = now() "
        "WHERE telegram_update.received_at < now() - make_interval(days => {}) "
        "RETURNING update_id", update_id, chat_id, UPDATE_MEMORY_DAYS)
    return bool(claimed)


async def set_update_outcome(update_id: int, outcome: str) -> None:
    await TelegramUpdate.update({TelegramUpdate.outcome: outcome}) \
        .where(TelegramUpdate.update_id == update_id)


async def recent_link_failures(chat_id: int, minutes: int) -> int:
    return await TelegramUpdate.count().where(
        (TelegramUpdate.chat_id == chat_id) & (TelegramUpdate.outcome == "link_failed")
        & WhereRaw("received_at > now() - make_interval(mins => {})", minutes))


async def telegram_chat(chat_id: int, *, for_update: bool = False) -> TelegramChatRow | None:
    query = TelegramChat.select().where(TelegramChat.chat_id == chat_id)
    if for_update:
        query = query.lock_rows()
    return await row(query, TelegramChatRow)


async def link_telegram_chat(chat_id: int, person: uuid.UUID,
                             telegram_user_id: int) -> TelegramChatRow:
    """Link (or re-link) the chat; a new person starts without a conversation."""
    # Raw SQL: an upsert whose update keeps the conversation only for the same person (a CASE
    # over the old and the EXCLUDED row).
    linked = await fetch(
        "INSERT INTO telegram_chat (chat_id, person, telegram_user_id) VALUES ({}, {}, {}) "
        "ON CONFLICT (chat_id) DO UPDATE SET person = EXCLUDED.person, "
        "telegram_user_id = EXCLUDED.telegram_user_id, linked_at = now(), updated_at = now(), "
        "conversation = CASE WHEN telegram_chat.person = EXCLUDED.person "
        "THEN telegram_chat.conversation END "
        "RETURNING *", chat_id, person, telegram_user_id)
    return TelegramChatRow(**linked[0])


async def set_chat_conversation(chat_id: int, conversation_id: uuid.UUID) -> None:
    await TelegramChat.update({TelegramChat.conversation: conversation_id,
                               TelegramChat.updated_at: NOW}) \
        .where(TelegramChat.chat_id == chat_id)


async def unlink_telegram_chat(chat_id: int) -> TelegramChatRow | None:
    return await row(TelegramChat.delete().where(TelegramChat.chat_id == chat_id)
                     .returning(*TelegramChat.all_columns()), TelegramChatRow)


async def telegram_chats_of(person: uuid.UUID) -> list[TelegramChatRow]:
    return await rows(TelegramChat.select().where(TelegramChat.person == person)
                      .order_by(TelegramChat.linked_at), TelegramChatRow)


async def unlink_telegram_chats_of(person: uuid.UUID) -> list[TelegramChatRow]:
    return await rows(TelegramChat.delete().where(TelegramChat.person == person)
                      .returning(*TelegramChat.all_columns()), TelegramChatRow)


async def retire_link_codes(person: uuid.UUID) -> None:
    """A new code replaces the person's earlier unused ones."""
    await TelegramLinkCode.update(
        {TelegramLinkCode.expires_at: QueryString("least(expires_at, now())")}) \
        .where((TelegramLinkCode.person == person) & TelegramLinkCode.used_at.is_null())


async def insert_link_code(code_id: uuid.UUID, person: uuid.UUID, code_hash: str,
                           minutes: int) -> LinkCodeRow:
    return await row(TelegramLinkCode.insert(new_row(
        TelegramLinkCode, id=code_id, person=person, code_hash=code_hash,
        expires_at=QueryString("now() + make_interval(mins => {})", minutes)))
        .returning(*TelegramLinkCode.all_columns()), LinkCodeRow)


async def link_code_in_use(code_hash: str) -> bool:
    return await TelegramLinkCode.exists().where(
        (TelegramLinkCode.code_hash == code_hash) & TelegramLinkCode.used_at.is_null()
        & WhereRaw("expires_at > now()"))


async def link_code_by_hash(code_hash: str) -> LinkCodeRow | None:
    """The newest code with this hash, row locked (two chats using one code: one wins), with
    ``expired`` computed by the database clock."""
    # Raw SQL: ``expired`` is an expression of the row and the database's clock.
    found = await fetch(
        "SELECT *, expires_at <= now() AS expired FROM telegram_link_code WHERE code_hash = {} "
        "ORDER BY created_at DESC LIMIT 1 FOR UPDATE", code_hash)
    return LinkCodeRow(**found[0]) if found else None


async def use_link_code(code_id: uuid.UUID, chat_id: int) -> None:
    await TelegramLinkCode.update({TelegramLinkCode.used_at: NOW,
                                   TelegramLinkCode.used_by_chat: chat_id}) \
        .where(TelegramLinkCode.id == code_id)


async def forget_old_telegram_rows() -> int:
    """Daily clean-up: update ids past Telegram's reuse window, link codes long expired."""
    updates = await TelegramUpdate.delete().where(
        WhereRaw("received_at < now() - make_interval(days => {})", UPDATE_MEMORY_DAYS + 1)) \
        .returning(TelegramUpdate.update_id)
    codes = await TelegramLinkCode.delete().where(
        WhereRaw("expires_at < now() - interval '1 day'")).returning(TelegramLinkCode.id)
    return len(updates) + len(codes)
