"""Conversation rows, through Piccolo's query builder with typed rows. Services call these
inside their unit of work."""

from __future__ import annotations

import uuid

from piccolo.columns.combination import WhereRaw

from backend.chat.rows import ChatPerson, ConversationRow, MessageRow
from backend.chat.tables import BotConversation, BotMessage
from backend.people.tables import Person
from backend.platform.db import NOW, fetch, new_row, row, rows

IDLE_MINUTES = 30  # a conversation untouched this long is expired


async def active_conversation(conversation_id: uuid.UUID, person: uuid.UUID,
                              *, for_update: bool = False) -> ConversationRow | None:
    """The person's conversation, unless it expired after ``IDLE_MINUTES`` of inactivity."""
    query = BotConversation.select().where(
        (BotConversation.id == conversation_id) & (BotConversation.person == person)
        # WhereRaw: the expiry is measured by the database's clock.
        & WhereRaw("updated_at > now() - make_interval(mins => {})", IDLE_MINUTES))
    if for_update:
        query = query.lock_rows()
    return await row(query, ConversationRow)


async def insert_conversation(conversation_id: uuid.UUID, person: uuid.UUID, channel: str,
                              language: str) -> ConversationRow:
    return await row(BotConversation.insert(new_row(
        BotConversation, id=conversation_id, person=person, channel=channel, language=language))
        .returning(*BotConversation.all_columns()), ConversationRow)


async def save_state(conversation_id: uuid.UUID, state: dict, language: str) -> None:
    await BotConversation.update({BotConversation.state: state,
                                  BotConversation.language: language,
                                  BotConversation.updated_at: NOW}) \
        .where(BotConversation.id == conversation_id)


async def lock_quickjob(conversation_id: uuid.UUID) -> uuid.UUID | None:
    """The QuickJob this conversation created, with the row locked (serialises two yeses)."""
    found = await BotConversation.select(BotConversation.quickjob) \
        .where(BotConversation.id == conversation_id).lock_rows()
    return found[0]["quickjob"] if found else None


async def set_quickjob(conversation_id: uuid.UUID, quickjob_id: uuid.UUID) -> None:
    await BotConversation.update({BotConversation.quickjob: quickjob_id}) \
        .where(BotConversation.id == conversation_id)


async def add_messages(conversation_id: uuid.UUID, messages: list[tuple[str, str]]) -> None:
    """Append (sender, minimised text) rows in one statement; seq is unique per conversation."""
    if not messages:
        return
    # Raw SQL: the rows take their seq from the stored maximum in the same statement
    # (INSERT ... SELECT over unnest WITH ORDINALITY).
    await fetch(
        "INSERT INTO bot_message (conversation, seq, sender, text) "
        "SELECT {}, base.seq + m.n, m.sender, m.text "
        "FROM (SELECT coalesce(max(seq), 0) AS seq FROM bot_message WHERE conversation = {}) base, "
        "unnest({}::text[], {}::text[]) WITH ORDINALITY AS m(sender, text, n)",
        conversation_id, conversation_id, [m[0] for m in messages], [m[1] for m in messages])


async def messages(conversation_id: uuid.UUID) -> list[MessageRow]:
    return await rows(BotMessage.select(BotMessage.seq, BotMessage.sender, BotMessage.text,
                                        BotMessage.created_at)
                      .where(BotMessage.conversation == conversation_id)
                      .order_by(BotMessage.seq), MessageRow)


async def person_row(person: uuid.UUID) -> ChatPerson | None:
    return await row(Person.select(Person.id, Person.role, Person.language, Person.first_name,
                                   Person.last_name).where(Person.id == person), ChatPerson)
