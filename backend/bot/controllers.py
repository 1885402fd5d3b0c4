"""POST /bot/messages: one user message in, the bot's replies out (api.md)."""

from __future__ import annotations

import uuid

import msgspec
from litestar import Controller, Request, post

from backend.bot import service
from backend.http.context import Principal
from backend.http.problems import invalid


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


CONTROLLERS = [BotController]
