"""POST /bot/messages: one user message in, the bot's replies out (api.md); the Telegram channel
(webhook and the app's link code) on the same ``backend.chat.service.handle``."""

from __future__ import annotations

import uuid

import msgspec
from litestar import Controller, Request, delete, get, post
from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler

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


class BotMessageIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    text: str
    conversation_id: str | None = None


class BotReply(msgspec.Struct, rename="camel"):
    text: str
    quick_replies: list[str] = msgspec.field(default_factory=list)


class BotMessageOut(msgspec.Struct, rename="camel"):
    conversation_id: str
    replies: list[BotReply]


class BotController(Controller):
    path = "/bot"
    tags = ["bot"]

    @post("/messages", operation_id="postBotMessage", status_code=200,
          summary="Chat with the QuickJob bot (nl, fr, en); an expired conversation starts anew")
    async def post_message(self, data: BotMessageIn, principal: Principal, language: str,
                           request: Request) -> BotMessageOut:
        if not data.text.strip() or len(data.text) > 2000:
            raise invalid("text", "text_required", max=2000)
        conversation_id = None
        if data.conversation_id:
            try:
                conversation_id = uuid.UUID(data.conversation_id)
            except ValueError as exc:
                raise invalid("conversationId", "invalid_value") from exc
        cid, replies = await service.handle(principal, conversation_id, data.text, language,
                                            request.app.state.quickjob_ports)
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

    @post("/webhook/{secret:str}", operation_id="receiveTelegramUpdate", status_code=200,
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

    @post("/", operation_id="createTelegramLinkCode", status_code=201,
          summary="A one-time code (10 minutes) and deep link to link a Telegram chat to the "
                  "worker's account; earlier unused codes stop working")
    async def create_code(self, principal: Principal, request: Request) -> TelegramLinkCode:
        return await telegram.create_link_code(principal, request.app.state["settings"])

    @get("/", operation_id="getTelegramLink", summary="How many Telegram chats are linked")
    async def state(self, principal: Principal, request: Request) -> TelegramLinkState:
        return await telegram.link_state(principal, request.app.state["settings"])

    @delete("/", operation_id="unlinkTelegram", status_code=204,
            summary="Unlink every Telegram chat of the worker (each chat is told)")
    async def unlink(self, principal: Principal, request: Request) -> None:
        await telegram.unlink_person(principal, request.app.state["settings"])


CONTROLLERS = [BotController, TelegramWebhookController, TelegramLinkController]
