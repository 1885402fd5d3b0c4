"""Telegram: one-time link codes, chats linked to a person, updates processed once."""

from piccolo.columns import UUID, BigInt, ForeignKey, Text, Timestamptz, Varchar
from piccolo.table import Table

from backend.chat.tables import BotConversation
from backend.people.tables import Person
from backend.platform.db import DB


class TelegramLinkCode(Table, tablename="telegram_link_code", db=DB):
    id = UUID(primary_key=True)
    person = ForeignKey(Person, null=False)
    code_hash = Text()  # HMAC of the code
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True)
    used_by_chat = BigInt(null=True)
    created_at = Timestamptz()


class TelegramChat(Table, tablename="telegram_chat", db=DB):
    chat_id = BigInt(primary_key=True)
    person = ForeignKey(Person, null=False)
    telegram_user_id = BigInt()
    conversation = ForeignKey(BotConversation, null=True)
    linked_at = Timestamptz()
    updated_at = Timestamptz()


class TelegramUpdate(Table, tablename="telegram_update", db=DB):
    update_id = BigInt(primary_key=True)
    chat_id = BigInt(null=True)
    outcome = Varchar(length=20, default="received")
    received_at = Timestamptz()
