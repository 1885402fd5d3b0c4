"""POST /bot/messages: one user message in, the bot's replies out (api.md); the Telegram channel
(webhook and the app's link code) on the same ``backend.chat.service.handle``."""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass
from typing import Annotated

import msgspec
from litestar import Controller, Request, delete, get, post
from litestar.connection import ASGIConnection
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.handlers import BaseRouteHandler
from litestar.params import Body

from backend.chat import service
from backend.chat.telegram import service as telegram
from backend.chat.telegram.schemas import (
    TelegramAck,
    TelegramLinkCode,
    TelegramLinkState,
    TelegramUpdate,
)
from backend.http.context import Principal
from backend.http.problems import NotFound, Problem, invalid
from backend.http.values import checked_by_service
from backend.quickjobs import expenses

MAX_TEXT = 2000
# A JSON body is at most 1 MB (backend.http.limits): base64 makes 4 characters of 3 bytes.
JSON_ATTACHMENT_MAX_BYTES = 700_000


class BotAttachmentIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    """A receipt photo (or PDF) sent with the message, base64-encoded in the JSON body."""

    content_type: Annotated[str, checked_by_service(
        description="image/jpeg, image/png, image/heic or application/pdf (as the receipt of "
                    "POST /quickjobs/{id}/expenses)", examples=["image/jpeg"],
        enum=sorted(expenses.RECEIPT_TYPES))]
    data: Annotated[str, msgspec.Meta(
        description="The file, base64 (RFC 4648): at most 700,000 bytes of file here (a JSON body "
                    "is at most 1 MB); larger receipts, up to 10 MB, through the multipart "
                    "POST /bot/messages/attachments.")]


class BotMessageIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    text: Annotated[str, checked_by_service(
        description="What the user typed (may be empty when an attachment is sent), at most "
                    "2,000 characters", examples=["Ik heb een klus voor bakkerij Janssens"],
        max_length=MAX_TEXT)] = ""
    conversation_id: str | None = None
    attachment: BotAttachmentIn | None = None


@dataclass
class BotAttachmentForm:
    """The multipart variant: the same message with the file as a part (up to 10 MB)."""

    file: UploadFile
    text: str = ""
    conversationId: str | None = None  # noqa: N815 - the form field's name, as in the JSON body


class BotReply(msgspec.Struct, rename="camel"):
    text: str
    quick_replies: list[str] = msgspec.field(default_factory=list)


class BotMessageOut(msgspec.Struct, rename="camel"):
    conversation_id: str
    replies: list[BotReply]


class BotController(Controller):
    path = "/bot"
    tags = ["bot"]

    @post("/messages", operation_id="postBotMessage",
          description=("One message of the user to the QuickJob bot and the bot's replies, in "
                       "the caller's language (Accept-Language or what the user writes). Give "
                       "conversationId to continue a conversation; an unknown or expired one "
                       "starts anew. The bot creates QuickJobs, answers questions and hands off "
                       "to an adviser."), status_code=200,
          summary="Chat with the QuickJob bot (nl, fr, en); an expired conversation starts anew. "
                  "An optional receipt photo rides along as base64 (attachment)")
    async def post_message(self, data: BotMessageIn, principal: Principal, language: str,
                           request: Request) -> BotMessageOut:
        file = None
        if data.attachment is not None:
            try:
                raw = base64.b64decode(data.attachment.data, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise invalid("attachment.data", "invalid_value") from exc
            if len(raw) > JSON_ATTACHMENT_MAX_BYTES:
                raise invalid("attachment.data", "receipt_size",
                              max_mb=round(JSON_ATTACHMENT_MAX_BYTES / 1_000_000, 1))
            file = service.Attachment(content_type=data.attachment.content_type, data=raw)
        return await _turn(principal, language, request, data.text, data.conversation_id, file)

    @post("/messages/attachments", operation_id="postBotMessageWithAttachment",
          description=("The same as POST /bot/messages, with the receipt (JPEG, PNG, HEIC or "
                       "PDF, up to 10 MB) as the multipart part file, and text and "
                       "conversationId as form fields. A file that is not really of its "
                       "declared type is a 422."), status_code=200,
          summary="The same message with a receipt photo or PDF as a multipart part (up to 10 MB)")
    async def post_message_with_attachment(
        self, principal: Principal, language: str, request: Request,
        data: Annotated[BotAttachmentForm, Body(media_type=RequestEncodingType.MULTI_PART)],
    ) -> BotMessageOut:
        file = service.Attachment(content_type=data.file.content_type or "",
                                  data=await data.file.read())
        return await _turn(principal, language, request, data.text, data.conversationId, file)


async def _turn(principal: Principal, language: str, request: Request, text: str,
                conversation_id: str | None, file: service.Attachment | None) -> BotMessageOut:
    """A message in, the replies out; a file is checked as the API checks a receipt (422 with the
    same localised reasons) before the conversation sees it."""
    if len(text) > MAX_TEXT or not text.strip() and file is None:
        raise invalid("text", "text_required", max=MAX_TEXT)
    if file is not None:
        expenses.check_upload(file.data, file.content_type, "attachment")
    cid = None
    if conversation_id:
        try:
            cid = uuid.UUID(conversation_id)
        except ValueError as exc:
            raise invalid("conversationId", "invalid_value") from exc
    cid, replies = await service.handle(principal, cid, text.strip(), language,
                                        request.app.state.quickjob_ports, attachment=file)
    return BotMessageOut(conversation_id=str(cid),
                         replies=[BotReply(r["text"], r["quick_replies"]) for r in replies])


async def telegram_secrets(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Before the body is read: the path secret (else 404, as if there were no such route) and
    Telegram's ``X-Telegram-Bot-Api-Secret-Token`` header (else 401) must both match."""
    expected = connection.app.state["settings"].telegram_webhook_secret
    given = connection.path_params.get("secret")
    # The access log writes the path: never the secret (nor a near miss of it).
    head, found, tail = connection.scope["path"].rpartition(f"/{given}")
    if found:
        connection.scope["path"] = f"{head}/***{tail}"
    if not telegram.secret_matches(expected, given):
        raise NotFound()
    if not telegram.secret_matches(expected,
                                   connection.headers.get("x-telegram-bot-api-secret-token")):
        raise Problem(401, "not_authenticated")


class TelegramWebhookController(Controller):
    path = "/telegram"
    tags = ["telegram"]

    @post("/webhook/{secret:str}", operation_id="receiveTelegramUpdate",
          description=("The Telegram Bot API webhook: the path secret and the X-Telegram-Bot- "
                       "Api-Secret-Token header must match (else 404 or 401). A text or photo "
                       "message of a linked chat goes to the bot; each update_id is processed "
                       "once, any other update is acknowledged and ignored."), status_code=200,
          guards=[telegram_secrets],
          summary="Telegram Bot API webhook (secret path and X-Telegram-Bot-Api-Secret-Token); "
                  "each update_id is processed once, non-text updates are acknowledged")
    async def webhook(self, secret: str, data: TelegramUpdate, request: Request) -> TelegramAck:
        await telegram.handle_update(data, request.app.state["settings"],
                                     request.app.state["quickjob_ports"])
        return TelegramAck()


class TelegramLinkController(Controller):
    path = "/me/telegram-link"
    tags = ["telegram"]
    security = [{"BearerToken": []}]

    @post("/", operation_id="createTelegramLinkCode",
          description=("A one-time code, valid 10 minutes, and the t.me deep link that sends it "
                       "to the bot; the chat that sends it is linked to the worker's account. "
                       "Earlier unused codes stop working."), status_code=201,
          summary="A one-time code (10 minutes) and deep link to link a Telegram chat to the "
                  "worker's account; earlier unused codes stop working")
    async def create_code(self, principal: Principal, request: Request) -> TelegramLinkCode:
        return await telegram.create_link_code(principal, request.app.state["settings"])

    @get("/", operation_id="getTelegramLink",
          description="How many Telegram chats are linked to the worker's account.", summary="How many Telegram chats are linked")
    async def state(self, principal: Principal, request: Request) -> TelegramLinkState:
        return await telegram.link_state(principal, request.app.state["settings"])

    @delete("/", operation_id="unlinkTelegram",
          description=("Unlinks every Telegram chat linked to the worker's account; each chat "
                       "is told. Answers 204."), status_code=204,
            summary="Unlink every Telegram chat of the worker (each chat is told)")
    async def unlink(self, principal: Principal, request: Request) -> None:
        await telegram.unlink_person(principal, request.app.state["settings"])


CONTROLLERS = [BotController, TelegramWebhookController, TelegramLinkController]
