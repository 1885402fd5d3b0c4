"""Job ``telegram.send``: the replies of one update, in order, each sent at most once.

Queued through the outbox in the transaction of the turn, so nothing leaves before the turn
is committed. Every message has its own ``job_run`` key (``telegram:<key>-<index>``), recorded
in the transaction that sends it: a retry after a failure sends only what is still missing.
"""

from __future__ import annotations

import logging

from backend import composition
from backend.chat.telegram.adapters import OutgoingTelegram, TelegramRefused, TelegramSender
from backend.jobs.runner import once
from backend.platform.db import unit_of_work
from backend.platform.settings import Settings

log = logging.getLogger("backend.telegram")


async def send_replies(payload: dict, settings: Settings | None = None,
                       sender: TelegramSender | None = None) -> int:
    """Send ``payload["messages"]`` to ``payload["chatId"]``; returns how many went out now."""
    if sender is None:
        sender = composition.adapters(settings).telegram
    sent = 0
    for index, item in enumerate(payload["messages"]):
        key = f"{payload['key']}-{index}"
        async with unit_of_work():
            if not await once(f"telegram:{key}", "telegram.send"):
                continue  # sent by an earlier run of this job
            try:
                sender.send(OutgoingTelegram(key=key, chat_id=int(payload["chatId"]),
                                             text=item["text"],
                                             reply_markup=item.get("replyMarkup")))
            except TelegramRefused as exc:
                # The chat is gone or blocked the bot: retrying cannot help; the key stays.
                log.warning("telegram refused a message", extra={"fields": {
                    "key": key, "reason": str(exc)}})
                continue
            sent += 1
    return sent
