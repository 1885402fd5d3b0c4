"""The Bot API as the channel uses it: a reply leaves (``sendMessage``), a photo the worker sent
comes in (``getFile``, then the file's URL). The port and its two adapters:

- ``FileOutboxTelegram``: each ``sendMessage`` call written as a JSON file a person can open,
  ``$OUTBOX_DIR/telegram/`` (development, tests: TELEGRAM_BOT_TOKEN unset); without a token no
  file can be fetched from Telegram, and it says so (``TelegramFileUnavailable``);
- ``BotApiTelegram``: ``POST https://api.telegram.org/bot<token>/sendMessage``, ``getFile`` and
  ``GET https://api.telegram.org/file/bot<token>/<file_path>`` (urllib).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.parse
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


class TelegramFileUnavailable(Exception):
    """The file cannot be fetched (no token in development, Telegram or the network failing, a
    file larger than allowed): the bot tells the worker so, nothing is stored."""


class TelegramFileTooLarge(TelegramFileUnavailable):
    """Larger than a receipt may be: not downloaded."""


class TelegramSender(Protocol):
    def send(self, message: OutgoingTelegram) -> None: ...

    def fetch_file(self, file_id: str, max_bytes: int) -> bytes:
        """The bytes of a file the user sent (at most ``max_bytes``)."""
        ...


class FileOutboxTelegram:
    """Writes the exact ``sendMessage`` body as JSON: ``.data/outbox/telegram/``."""

    def __init__(self, outbox_dir: Path) -> None:
        self.folder = outbox_dir / "telegram"

    def send(self, message: OutgoingTelegram) -> None:
        write_outbox_file(self.folder, message.key,
                          {"key": message.key, "method": "sendMessage", "body": message.body()})

    def fetch_file(self, file_id: str, max_bytes: int) -> bytes:
        raise TelegramFileUnavailable("no TELEGRAM_BOT_TOKEN: files cannot be fetched")


class BotApiTelegram:
    def __init__(self, token: str, api_url: str = "https://api.telegram.org",
                 timeout: float = 10.0) -> None:
        self._url = f"{api_url.rstrip('/')}/bot{token}/sendMessage"
        self._get_file = f"{api_url.rstrip('/')}/bot{token}/getFile"
        self._files = f"{api_url.rstrip('/')}/file/bot{token}/"
        self.timeout = timeout

    def fetch_file(self, file_id: str, max_bytes: int) -> bytes:
        """``getFile`` gives the file's path (valid an hour), then its bytes are downloaded. The
        URLs hold the token: errors keep only the status and Telegram's description."""
        query = urllib.parse.urlencode({"file_id": file_id})
        try:
            with urllib.request.urlopen(f"{self._get_file}?{query}", timeout=self.timeout) as r:
                answer = json.loads(r.read() or b"{}")
            if not answer.get("ok") or not answer.get("result", {}).get("file_path"):
                raise TelegramFileUnavailable(str(answer.get("description", "no file_path"))[:200])
            size = answer["result"].get("file_size")
            if size is not None and size > max_bytes:
                raise TelegramFileTooLarge(f"file of {size} bytes")
            path = urllib.parse.quote(answer["result"]["file_path"])
            with urllib.request.urlopen(self._files + path, timeout=self.timeout) as r:
                data = r.read(max_bytes + 1)
        except urllib.error.HTTPError as exc:
            raise TelegramFileUnavailable(f"{exc.code}: {_description(exc)}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise TelegramFileUnavailable(type(exc).__name__) from None
        if len(data) > max_bytes:
            raise TelegramFileTooLarge("file larger than allowed")
        return data

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
