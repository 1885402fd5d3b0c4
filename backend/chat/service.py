"""One message turn on a stored conversation, for every channel (REST, Telegram, terminal).

The dialogue engine (``bot.dialogue``) is pure; here it gets its state from PostgreSQL, its
services through the port (``backend.chat.port.ServicesPort``), and a file that came with the
message (a receipt photo) checked and kept for the conversation as the API checks a receipt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field

from backend.chat import repository as conversations
from backend.chat.port import ServicesPort
from backend.http.context import Principal
from backend.platform import i18n
from backend.platform.db import unit_of_work
from backend.platform.errors import DomainError
from backend.quickjobs import expenses
from backend.quickjobs.policy import today as quickjob_today
from backend.quickjobs.ports import Ports
from bot.dialogue import handle_message, new_state, redact


@dataclass(frozen=True)
class Attachment:
    """A file that came with a message: its bytes and declared type, or why there are none
    (``unavailable``: the channel could not fetch it; ``problem``: an i18n code)."""

    content_type: str = ""
    data: bytes | None = None
    unavailable: bool = False
    problem: str | None = None


def keep_attachment(attachment: Attachment, person: uuid.UUID, ports: Ports,
                    lang: str) -> dict:
    """What the dialogue gets of a file: a reference to it, kept in the file storage (by its
    digest: the same photo twice is one file) after the API's receipt checks (type, size), or
    the localised reason it was refused. The expense's receipt is stored from it later."""
    if attachment.unavailable:
        return {"unavailable": True}
    if attachment.problem or attachment.data is None:
        return {"problem": i18n.t(attachment.problem or "receipt_type", lang,
                                  max_mb=expenses.RECEIPT_MAX_BYTES // (1024 * 1024))}
    try:
        expenses.check_upload(attachment.data, attachment.content_type, "attachment")
    except DomainError as exc:
        error = exc.errors[0]
        return {"problem": i18n.t(error.code, lang, **error.params)}
    digest = hashlib.sha256(attachment.data).hexdigest()[:40]
    key = ports.storage.save(
        f"bot/{person}/{digest}{expenses.extension(attachment.content_type)}",
        attachment.data, attachment.content_type)
    return {"ref": f"upload:{key}", "contentType": attachment.content_type,
            "size": len(attachment.data)}


@dataclass
class _Storage:
    data: dict

    def contains(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str):
        return self.data[key]

    def put(self, key: str, value) -> None:
        self.data[key] = value


@dataclass
class _Handler:
    """The Zulip-style handler the engine talks to: storage, replies, today, services."""

    storage: _Storage
    services: ServicesPort
    default_language: str
    day: dt.date
    replies: list[dict] = field(default_factory=list)

    def today(self) -> dt.date:
        return self.day

    def send_reply(self, message: dict, text: str, quick_replies: list[str]) -> None:
        self.replies.append({"text": text, "quick_replies": quick_replies})


async def handle(principal: Principal, conversation_id: uuid.UUID | None, text: str,
                 language: str, ports: Ports, channel: str = "api",
                 attachment: Attachment | None = None) -> tuple[uuid.UUID, list[dict]]:
    """One user message: load (or start) the conversation, run the engine, store the result.
    An unknown or expired conversation id starts a new conversation. ``attachment``: a file that
    came with the message (a receipt photo), kept and passed to the engine as a reference."""
    async with unit_of_work():
        conversation = None
        if conversation_id is not None:
            conversation = await conversations.active_conversation(conversation_id, principal.id)
        if conversation is None:
            conversation = await conversations.insert_conversation(uuid.uuid4(), principal.id,
                                                                   channel, language)
    cid = conversation.id
    state = conversation.state or new_state()
    today = quickjob_today()
    handler = _Handler(storage=_Storage({"state": state}),
                       services=ServicesPort(principal, ports, cid, today, channel),
                       default_language=language, day=today)
    message = {"content": text}
    if attachment is not None:
        message["attachment"] = keep_attachment(attachment, principal.id, ports,
                                                state.get("lang") or language)
    state = await handle_message(message, handler)
    async with unit_of_work():
        await conversations.save_state(cid, state, state["lang"])
        said = redact(text) if text or attachment is None else "[photo]"
        await conversations.add_messages(
            cid, [("user", said)] + [("bot", redact(r["text"])) for r in handler.replies])
    return cid, handler.replies
