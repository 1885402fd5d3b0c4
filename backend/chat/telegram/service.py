"""The bot on Telegram: a webhook update in, the same ``backend.chat.service.handle`` as the REST
channel, the replies out through the outbox (``telegram.send`` job) after the commit.

- Each ``update_id`` is processed once: it is claimed in the transaction of its turn, so a
  redelivery (Telegram retries until it gets a 2xx) finds it and produces no second turn, and
  a turn that fails leaves nothing behind (not even the claim) and is redone on redelivery.
- A private chat is linked to a person with a one-time code made in the app
  (``create_link_code``): 8 characters, stored as an HMAC, valid 10 minutes, used once,
  5 wrong tries per chat per hour. ``/start CODE`` (deep link) or ``/link CODE`` links it,
  ``/unlink`` (or DELETE /me/telegram-link) unlinks it; both are audited.
- A linked chat continues one stored bot conversation (channel ``telegram``), which expires
  after 30 minutes of silence like any other.
- A photo (a receipt) is fetched through the Bot API (``getFile``, then the file: its largest
  size) before the turn, only for a linked chat, and passed to the turn with its caption as the
  text; without a bot token (development) it cannot be fetched and the bot says so.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
import secrets
import uuid

import asyncpg

from backend import composition
from backend.audit.service import record
from backend.chat import repository as conversations
from backend.chat import service as bot_service
from backend.chat.telegram import repository as repo
from backend.chat.telegram.adapters import (
    TelegramFileTooLarge,
    TelegramFileUnavailable,
    TelegramSender,
)
from backend.chat.telegram.messages import COMMAND_TEXTS
from backend.chat.telegram.rows import TelegramChatRow
from backend.chat.telegram.schemas import (
    TelegramLinkCode,
    TelegramLinkState,
    TelegramMessage,
    TelegramUpdate,
)
from backend.http.context import Principal
from backend.jobs import outbox
from backend.platform import i18n
from backend.platform.db import UNAVAILABLE, unit_of_work
from backend.platform.errors import NotFound
from backend.platform.settings import Settings
from backend.quickjobs.expenses import RECEIPT_MAX_BYTES

log = logging.getLogger("backend.telegram")

LINK_CODE_MINUTES = 10
LINK_FAILURES_PER_HOUR = 5
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read from a phone screen
CODE_LENGTH = 8  # 40 bits
MAX_TEXT = 2000  # as POST /bot/messages
SEND_JOB = "telegram.send"
# Infrastructure failures: the webhook answers 5xx and Telegram redelivers the update later.
RETRYABLE = (*UNAVAILABLE, asyncpg.exceptions.SerializationError,
             asyncpg.exceptions.DeadlockDetectedError)
_COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@\w+)?(?:\s+(.*))?$", re.S)


# Secrets and codes ----------------------------------------------------------------------------

def secret_matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison (of digests, so the length does not leak either)."""
    if not expected or given is None:
        return False
    return hmac.compare_digest(hashlib.sha256(expected.encode()).digest(),
                               hashlib.sha256(given.encode("utf-8", "replace")).digest())


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    return re.sub(r"[\s-]", "", raw).upper()[:64]


def hash_code(secret_key: str, code: str) -> str:
    return hmac.new(secret_key.encode(), b"telegram-link:" + code.encode(), hashlib.sha256).hexdigest()


def telegram_language(language_code: str | None) -> str | None:
    """nl/fr/en from Telegram's IETF tag ("nl", "fr-BE", "en-GB"); None for other languages."""
    tag = (language_code or "").lower()[:2]
    return tag if tag in i18n.LANGUAGES else None


def _require_enabled(settings: Settings) -> None:
    if not settings.telegram_enabled:
        raise NotFound("telegram.disabled")


def _chat_snapshot(row: TelegramChatRow | None) -> dict | None:
    if row is None:
        return None
    return {"chatId": row.chat_id, "person": row.person,
            "telegramUserId": row.telegram_user_id}


# The app's side: a code to link, unlinking -------------------------------------------------------

async def create_link_code(principal: Principal, settings: Settings) -> TelegramLinkCode:
    """A fresh one-time code for the signed-in worker; earlier unused codes stop working."""
    _require_enabled(settings)
    principal.require("worker")
    async with unit_of_work():
        await repo.retire_link_codes(principal.id)
        code = new_code()
        while await repo.link_code_in_use(hash_code(settings.secret_key, code)):
            code = new_code()  # another person's live code: astronomically rare
        row = await repo.insert_link_code(uuid.uuid4(), principal.id,
                                          hash_code(settings.secret_key, code), LINK_CODE_MINUTES)
        await record(actor_id=principal.id, action="telegram.link_code_created",
                     object_type="telegram_link_code", object_id=row.id,
                     after={"person": principal.id, "expiresAt": row.expires_at})
    return TelegramLinkCode(code=code, expires_at=row.expires_at,
                            deep_link=f"https://t.me/{settings.telegram_bot_username}?start={code}")


async def link_state(principal: Principal, settings: Settings) -> TelegramLinkState:
    _require_enabled(settings)
    principal.require("worker")
    async with unit_of_work():
        return TelegramLinkState(linked_chats=len(await repo.telegram_chats_of(principal.id)))


async def unlink_person(principal: Principal, settings: Settings) -> int:
    """Unlink every chat of the signed-in worker; each chat is told so (after the commit)."""
    _require_enabled(settings)
    principal.require("worker")
    async with unit_of_work():
        person = await conversations.person_row(principal.id)
        lang = person.language if person else i18n.DEFAULT_LANGUAGE
        rows = await repo.unlink_telegram_chats_of(principal.id)
        for row in rows:
            await record(actor_id=principal.id, action="telegram.unlinked",
                         object_type="telegram_chat", object_id=row.chat_id,
                         before=_chat_snapshot(row))
            await queue_replies(f"unlink-{uuid.uuid4()}", row.chat_id,
                                [{"text": i18n.t("telegram.unlinked", lang), "quick_replies": []}])
    return len(rows)


# The webhook's side: one update ----------------------------------------------------------------

async def handle_update(update: TelegramUpdate, settings: Settings, ports: object,
                        files: TelegramSender | None = None) -> str:
    """Process one update (the webhook has checked the secrets); returns what happened:
    ``ignored``, ``duplicate``, ``turn``, ``not_linked``, ``link``, ``link_failed``,
    ``link_refused``, ``unlink``, ``too_long``, ``failed`` (an unexpected error: the turn is
    rolled back and the chat gets the generic apology, once). ``files``: where a photo is
    fetched from (the composition's Telegram adapter unless given)."""
    message = update.message
    if (message is None or message.from_ is None or message.from_.is_bot
            or message.chat.type != "private" or message.text is None and not message.photo):
        # Not a text or a photo in a private chat (edits, groups: linking a group would let
        # everyone in it act as the person): acknowledged, not stored.
        return "ignored"
    chat_id, user_id = message.chat.id, message.from_.id
    lang = telegram_language(message.from_.language_code)
    text = (message.text if message.text is not None else message.caption or "").strip()
    attachment = None
    if message.photo:
        attachment = await _photo(message, chat_id, user_id, settings, files)
    try:
        async with unit_of_work():
            if not await repo.claim_telegram_update(update.update_id, chat_id):
                return "duplicate"
            outcome, replies = await _dispatch(settings, ports, chat_id, user_id, text, lang,
                                               attachment)
            await repo.set_update_outcome(update.update_id, outcome)
            await queue_replies(f"u{update.update_id}", chat_id, replies)
    except RETRYABLE:
        raise  # rolled back, answered 5xx: Telegram delivers the update again later
    except Exception:  # noqa: BLE001 - a bug must not make Telegram redeliver it for hours
        log.exception("telegram turn failed", extra={"fields": {"updateId": update.update_id}})
        async with unit_of_work():  # the turn is rolled back; the update is answered once
            if not await repo.claim_telegram_update(update.update_id, chat_id):
                return "duplicate"
            await repo.set_update_outcome(update.update_id, "failed")
            await queue_replies(f"u{update.update_id}", chat_id, [_say("internal_error", lang)])
        return "failed"
    log.info("telegram update", extra={"fields": {"updateId": update.update_id,
                                                  "outcome": outcome}})
    return outcome


def files_for(settings: Settings) -> TelegramSender:
    """Where photos are fetched from: the composition's Telegram adapter."""
    return composition.adapters(settings).telegram


def sniff_type(data: bytes) -> str:
    """The file's type from its first bytes (a photo from Telegram is a JPEG; never trusted
    from a name)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1"):
        return "image/heic"
    return "application/octet-stream"


async def _photo(message: TelegramMessage, chat_id: int, user_id: int, settings: Settings,
                 files: TelegramSender | None) -> bot_service.Attachment | None:
    """The largest size of a photo sent to a linked chat, fetched before the turn's transaction
    (a network call): its bytes, or why there are none. An unlinked chat's photo is not
    fetched."""
    async with unit_of_work():
        chat = await repo.telegram_chat(chat_id)
    if chat is None or chat.telegram_user_id != user_id:
        return None
    largest = max(message.photo, key=lambda p: (p.width * p.height, p.file_size or 0))
    if largest.file_size is not None and largest.file_size > RECEIPT_MAX_BYTES:
        return bot_service.Attachment(problem="receipt_size")
    files = files or files_for(settings)
    try:
        data = await asyncio.to_thread(files.fetch_file, largest.file_id, RECEIPT_MAX_BYTES)
    except TelegramFileTooLarge:
        return bot_service.Attachment(problem="receipt_size")
    except TelegramFileUnavailable as exc:
        log.warning("telegram photo not fetched", extra={"fields": {"reason": str(exc)}})
        return bot_service.Attachment(unavailable=True)
    return bot_service.Attachment(content_type=sniff_type(data), data=data)


def _say(code: str, lang: str | None, **params) -> dict:
    return {"text": i18n.t(code, lang or i18n.DEFAULT_LANGUAGE, **params), "quick_replies": []}


async def _dispatch(settings: Settings, ports: object, chat_id: int, user_id: int, text: str,
                    lang: str | None, attachment: bot_service.Attachment | None = None,
                    ) -> tuple[str, list[dict]]:
    match = _COMMAND.match(text) if attachment is None else None
    command = match.group(1).lower() if match else None
    argument = (match.group(2) or "").strip() if match else ""
    # Locked: two updates of one chat take turns on its conversation.
    chat = await repo.telegram_chat(chat_id, for_update=True)
    if command in ("start", "link") and argument:
        return await _link(settings, chat, chat_id, user_id, argument, lang)
    if command == "unlink":
        if chat is None:
            return "not_linked", [_say("telegram.not_linked", lang)]
        await repo.unlink_telegram_chat(chat_id)
        await record(actor_id=chat.person, action="telegram.unlinked",
                     object_type="telegram_chat", object_id=chat_id, before=_chat_snapshot(chat))
        return "unlink", [_say("telegram.unlinked", lang)]
    if chat is None or chat.telegram_user_id != user_id or command == "link":
        return "not_linked", [_say("telegram.how_to_link", lang)]
    person = await conversations.person_row(chat.person)
    language = lang or person.language
    if command in COMMAND_TEXTS:
        text = COMMAND_TEXTS[command][language]
    if len(text) > MAX_TEXT:
        return "too_long", [_say("telegram.too_long", language, max=MAX_TEXT)]
    conversation_id, replies = await bot_service.handle(
        Principal(person.id, person.role), chat.conversation, text, language, ports,
        channel="telegram", attachment=attachment)
    if conversation_id != chat.conversation:
        await repo.set_chat_conversation(chat_id, conversation_id)
    return "turn", replies


async def _link(settings: Settings, chat: TelegramChatRow | None, chat_id: int, user_id: int, argument: str,
                lang: str | None) -> tuple[str, list[dict]]:
    if await repo.recent_link_failures(chat_id, 60) >= LINK_FAILURES_PER_HOUR:
        return "link_refused", [_say("telegram.too_many_attempts", lang)]
    code = await repo.link_code_by_hash(hash_code(settings.secret_key, normalise_code(argument)))
    if code is None or code.used_at is not None:
        return "link_failed", [_say("telegram.code_invalid", lang)]
    if code.expired:
        return "link_failed", [_say("telegram.code_expired", lang)]
    person = await conversations.person_row(code.person)
    await repo.use_link_code(code.id, chat_id)
    row = await repo.link_telegram_chat(chat_id, person.id, user_id)
    await record(actor_id=person.id, action="telegram.linked", object_type="telegram_chat",
                 object_id=chat_id, before=_chat_snapshot(chat), after=_chat_snapshot(row))
    language = lang or person.language
    return "link", [_say("telegram.linked", language, name=person.first_name or "QuickJob")]


# Replies ----------------------------------------------------------------------------------------

def reply_markup(quick_replies: list[str]) -> dict | None:
    """Quick replies as a reply keyboard: short ones side by side, long ones one per row."""
    if not quick_replies:
        return None
    if all(len(q) <= 12 for q in quick_replies):
        rows = [[{"text": q} for q in quick_replies]]
    else:
        rows = [[{"text": q}] for q in quick_replies]
    return {"keyboard": rows, "resize_keyboard": True, "one_time_keyboard": True}


async def queue_replies(key: str, chat_id: int, replies: list[dict]) -> None:
    """One ``telegram.send`` job with the turn's replies in order, in the caller's transaction.
    A turn without any quick reply takes an earlier keyboard away."""
    if not replies:
        return
    messages = []
    for reply in replies:
        item: dict = {"text": reply["text"]}
        markup = reply_markup(reply.get("quick_replies") or [])
        if markup:
            item["replyMarkup"] = markup
        messages.append(item)
    if not any("replyMarkup" in m for m in messages):
        messages[-1]["replyMarkup"] = {"remove_keyboard": True}
    await outbox.add(SEND_JOB, {"key": key, "chatId": chat_id, "messages": messages},
                     dedupe_key=f"telegram:{key}")
