"""Telegram rows as the repository returns them: typed, read by attribute."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec


class TelegramChatRow(msgspec.Struct, frozen=True):
    chat_id: int
    person: uuid.UUID
    telegram_user_id: int
    conversation: uuid.UUID | None
    linked_at: dt.datetime
    updated_at: dt.datetime


class LinkCodeRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    person: uuid.UUID
    code_hash: str
    expires_at: dt.datetime
    used_at: dt.datetime | None
    used_by_chat: int | None
    created_at: dt.datetime
    expired: bool = False  # by the database's clock, when read for a link
