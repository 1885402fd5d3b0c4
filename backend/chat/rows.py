"""Chat rows as the repositories return them: typed, read by attribute."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec


class ConversationRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    person: uuid.UUID
    channel: str
    language: str
    state: dict
    quickjob: uuid.UUID | None
    created_at: dt.datetime
    updated_at: dt.datetime


class MessageRow(msgspec.Struct, frozen=True):
    seq: int
    sender: str
    text: str
    created_at: dt.datetime


class ChatPerson(msgspec.Struct, frozen=True):
    """What the chat needs of a person: who, in which role and language, and the first name."""

    id: uuid.UUID
    role: str
    language: str
    first_name: str | None
    last_name: str | None
