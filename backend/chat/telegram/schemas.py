"""The parts of a Telegram Bot API ``Update`` the channel reads, and the link-code answer.

Telegram adds fields over time: unknown ones are ignored (msgspec's default), never refused.
See https://core.telegram.org/bots/api#update for the full object.
"""

from __future__ import annotations

import datetime as dt

import msgspec


class TelegramUser(msgspec.Struct):
    id: int
    is_bot: bool = False
    first_name: str | None = None
    language_code: str | None = None


class TelegramChat(msgspec.Struct):
    id: int
    type: str = "private"  # private | group | supergroup | channel


class TelegramPhotoSize(msgspec.Struct):
    file_id: str
    file_unique_id: str = ""
    width: int = 0
    height: int = 0
    file_size: int | None = None


class TelegramMessage(msgspec.Struct):
    message_id: int
    chat: TelegramChat
    date: int = 0
    from_: TelegramUser | None = msgspec.field(default=None, name="from")
    text: str | None = None
    photo: list[TelegramPhotoSize] | None = None  # the sizes Telegram made of one photo
    caption: str | None = None  # a photo's text


class TelegramUpdate(msgspec.Struct):
    """Only ``message`` with ``text`` or a ``photo`` is acted on; any other update is
    acknowledged and ignored."""

    update_id: int
    message: TelegramMessage | None = None


class TelegramAck(msgspec.Struct):
    ok: bool = True


class TelegramLinkCode(msgspec.Struct, rename="camel"):
    code: str
    expires_at: dt.datetime
    deep_link: str


class TelegramLinkState(msgspec.Struct, rename="camel"):
    linked_chats: int
