"""How a bot reply leaves for Telegram: the port and its two adapters.

- ``FileOutboxTelegram``: each ``sendMessage`` call written as a JSON file a person can open,
  ``$OUTBOX_DIR/telegram/`` (development, tests: TELEGRAM_BOT_TOKEN unset);
- ``BotApiTelegram``: ``POST https://api.telegram.org/bot<token>/sendMessage`` (urllib).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from backend.notifications.adapters import write_outbox_file
from backend.platform.settings import Settings

log = logging.getLogger("backend.telegram")
MAX_TEXT = 4096  # Telegram's limit for one message


@dataclass(frozen=True)
class OutgoingTelegram:
    key: str  # idempotency key: "<update_id>-<index>"
    chat_id: int
    text: str
    reply_markup: dict | None = None

    def body(self) -> dict:
        body: dict = {"chat_id": self.chat_id, "text": self.text[:MAX_TEXT]}
        if self.reply_markup:
            body["reply_markup"] = self.reply_markup
        return body


class TelegramRefused(Exception):
    """Telegram will never accept this message (chat gone, bot blocked): do not retry."""


class TelegramUnavailable(Exception):
    """Telegram (or the network) failed for now: the job is retried."""


class TelegramSender(Protocol):
    def send(self, message: OutgoingTelegram) -> None: ...


class FileOutboxTelegram:
    """Writes the exact ``sendMessage`` body as JSON: ``.data/outbox/telegram/``."""

    def __init__(self, outbox_dir: Path) -> None:
        self.folder = outbox_dir / "telegram"

    def send(self, message: OutgoingTelegram) -> None:
        write_outbox_file(self.folder, message.key,
                          {"key": message.key, "method": "sendMessage", "body": message.body()})


class BotApiTelegram:
    def __init__(self, token: str, api_url: str = "https://api.telegram.org",
                 timeout: float = 10.0) -> None:
        self._url = f"{api_url.rstrip('/')}/bot{token}/sendMessage"
        self.timeout = timeout

    def send(self, message: OutgoingTelegram) -> None:
        request = urllib.request.Request(
            self._url, data=json.dumps(message.body()).encode(), method="POST",
            headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            # The URL holds the token: only the status and Telegram's description are kept.
            description = _description(exc)
            if exc.code in (400, 403):
                raise TelegramRefused(f"{exc.code}: {description}") from None
            raise TelegramUnavailable(f"{exc.code}: {description}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise TelegramUnavailable(type(exc).__name__) from None
        if not answer.get("ok"):
            raise TelegramUnavailable(str(answer.get("description", "not ok"))[:200])


def _description(exc: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(exc.read() or b"{}").get("description", ""))[:200]
    except (ValueError, OSError):
        return ""


def sender_for(settings: Settings) -> TelegramSender:
    if settings.telegram_bot_token:
        return BotApiTelegram(settings.telegram_bot_token, settings.telegram_api_url)
    return FileOutboxTelegram(settings.outbox_dir)
