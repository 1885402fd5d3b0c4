"""`make chat`: talk to the QuickJob bot in a terminal, as the demo worker (+32470000001).

Two ways, same bot (``backend.chat.service.handle``):

- the API of `make run` answers on localhost:$PORT (8000): it owns the embedded database, so
  the chat goes over HTTP like the app does (OTP sign-in with the development code, then
  ``POST /api/v1/bot/messages``);
- otherwise in-process: the embedded PostgreSQL of `make run` (``.data/postgres``) unless
  DATABASE_URL is set, migrations, demo data, then the service directly. Jobs the bot queues
  (the quote e-mail, PDFs) wait in the outbox table until a worker (`make run`) relays them.

``quit`` (or ``exit``, ``stop``) or Ctrl-D leaves; anything started is stopped on the way out.
``--local`` / ``--http URL`` force one way.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import urllib.error
import urllib.request
import uuid
from dataclasses import replace
from typing import TextIO

from backend.demo import DEMO_PHONE
from backend.platform.settings import Settings, SettingsError

QUIT = {"quit", "exit", "stop", "/quit", ":q"}


class ChatError(RuntimeError):
    """Something the person at the terminal can act on (printed without a traceback)."""


def _interactive(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def show(replies: list[dict], out: TextIO) -> None:
    for reply in replies:
        lines = reply["text"].splitlines() or [""]
        out.write(f"bot> {lines[0]}\n")
        for line in lines[1:]:
            out.write(f"     {line}\n")
        quick = reply.get("quick_replies") or reply.get("quickReplies") or []
        if quick:
            out.write("     [" + "]  [".join(quick) + "]\n")
    out.flush()


def read_line(stdin: TextIO, out: TextIO) -> str | None:
    """The next message, or None at the end (Ctrl-D, end of piped input, or quit)."""
    while True:
        if _interactive(stdin):
            out.write("you> ")
            out.flush()
        line = stdin.readline()
        if not line:
            return None
        text = line.strip()
        if text.lower() in QUIT:
            return None
        if text:
            return text


# Over HTTP, to the API of `make run` ----------------------------------------------------------

def api_alive(base_url: str, timeout: float = 0.5) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/api/v1/health/live", timeout=timeout) as r:
            return r.status == 200
    except (OSError, ValueError):
        return False


class HttpBot:
    def __init__(self, base_url: str, language: str | None = None, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.language = language
        self.timeout = timeout
        self.tokens: dict = {}

    def _post(self, path: str, body: dict, auth: bool = False) -> tuple[int, dict]:
        headers = {"Content-Type": "application/json"}
        if self.language:
            headers["Accept-Language"] = self.language
        if auth:
            headers["Authorization"] = f"Bearer {self.tokens['accessToken']}"
        request = urllib.request.Request(self.base_url + path, data=json.dumps(body).encode(),
                                         headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            try:
                return exc.code, json.loads(exc.read() or b"{}")
            except ValueError:
                return exc.code, {}
        except OSError as exc:
            raise ChatError(f"the API at {self.base_url} does not answer ({exc})") from exc

    def sign_in(self, phone: str) -> None:
        status, sent = self._post("/api/v1/auth/otp", {"phone": phone})
        if status != 202 or not sent.get("devCode"):
            raise ChatError("the API did not hand out a development sign-in code (is it running "
                            f"in development mode?): {status} {sent.get('detail', '')}")
        status, tokens = self._post("/api/v1/auth/token", {"phone": phone, "code": sent["devCode"]})
        if status != 200:
            raise ChatError(f"sign-in failed: {status} {tokens.get('detail', '')}")
        self.tokens = tokens

    def _refresh(self) -> None:
        status, tokens = self._post("/api/v1/auth/refresh",
                                    {"refreshToken": self.tokens["refreshToken"]})
        if status != 200:
            raise ChatError("the session expired and could not be renewed; start `make chat` again")
        self.tokens = tokens

    def say(self, text: str, conversation_id: str | None) -> tuple[str, list[dict]]:
        body = {"text": text, **({"conversationId": conversation_id} if conversation_id else {})}
        status, answer = self._post("/api/v1/bot/messages", body, auth=True)
        if status == 401:  # the access token lives 15 minutes
            self._refresh()
            status, answer = self._post("/api/v1/bot/messages", body, auth=True)
        if status != 200:
            raise ChatError(f"the bot answered {status}: {answer.get('detail', answer)}")
        return answer["conversationId"], answer["replies"]


def chat_http(base_url: str, stdin: TextIO, out: TextIO, phone: str = DEMO_PHONE,
              language: str | None = None) -> int:
    bot = HttpBot(base_url, language)
    bot.sign_in(phone)
    out.write(f"QuickJob bot over {base_url} (the API of `make run`), signed in as {phone}. "
              "Type \"quit\" or press Ctrl-D to leave.\n")
    conversation_id = None
    while (text := read_line(stdin, out)) is not None:
        conversation_id, replies = bot.say(text, conversation_id)
        show(replies, out)
    return 0


# In-process, on the database directly -------------------------------------------------------------

async def demo_principal(phone: str):
    from backend.http.context import Principal
    from backend.people.tables import Person

    found = await Person.select(Person.id, Person.role).where(Person.phone == phone)
    if not found:
        raise ChatError(f"no person with phone {phone} (the demo data is made by `make run`)")
    return Principal(found[0]["id"], found[0]["role"])


async def converse(settings: Settings, stdin: TextIO, out: TextIO, phone: str = DEMO_PHONE,
                   language: str | None = None) -> int:
    """The chat loop on an open pool: one ``service.handle`` per line."""
    from backend import composition
    from backend.chat import service

    principal = await demo_principal(phone)
    ports = composition.adapters(settings).quickjobs
    language = language or "nl"
    conversation_id: uuid.UUID | None = None
    # Read synchronously: nothing else runs meanwhile, and Ctrl-C then unwinds through the
    # finally blocks of the caller (pool closed, embedded server stopped).
    while (text := read_line(stdin, out)) is not None:
        if len(text) > 2000:
            out.write("bot> (at most 2000 characters)\n")
            continue
        conversation_id, replies = await service.handle(principal, conversation_id, text, language,
                                                        ports, channel="terminal")
        show(replies, out)
    return 0


async def chat_local(settings: Settings, stdin: TextIO, out: TextIO, phone: str = DEMO_PHONE,
                     language: str | None = None) -> int:
    """Embedded PostgreSQL (unless DATABASE_URL), migrations, demo data, then the chat; the
    embedded server is stopped at the end, whatever happens."""
    import backend.platform.catalogues  # noqa: F401 - validation messages the bot repeats
    from backend.demo import seed
    from backend.platform.db import close_pool, start_pool
    from backend.platform.migrate import migrate

    embedded = None
    try:
        if settings.database_url is None:
            from backend.platform.embedded import start_postgres

            folder = settings.data_dir / "postgres"
            out.write(f"starting the embedded PostgreSQL ({folder}) ...\n")
            out.flush()
            try:
                embedded = start_postgres(folder)
            except (RuntimeError, OSError) as exc:
                raise ChatError(f"could not start the embedded PostgreSQL in {folder} ({exc}); "
                                "is `make run` still starting or stopping?") from exc
            settings = replace(settings, database_url=embedded.url)
        await migrate(settings.database_url)
        if settings.is_development:
            await seed(settings)  # idempotent; opens and closes its own pool
        await start_pool(settings.database_url, min_size=1, max_size=2)
        try:
            out.write(f"QuickJob bot (in-process), signed in as the demo worker {phone}. "
                      "Type \"quit\" or press Ctrl-D to leave.\n")
            return await converse(settings, stdin, out, phone, language)
        finally:
            await close_pool()
    finally:
        if embedded is not None:
            embedded.stop()
            out.write("embedded PostgreSQL stopped\n")
            out.flush()


def main(argv: list[str] | None = None, stdin: TextIO | None = None,
         out: TextIO | None = None) -> int:
    stdin, out = stdin or sys.stdin, out or sys.stdout
    parser = argparse.ArgumentParser(prog="make chat", description=__doc__.split("\n\n")[0])
    parser.add_argument("--http", metavar="URL", help="talk to this API (default: localhost "
                        "when it answers)")
    parser.add_argument("--local", action="store_true", help="in-process, never over HTTP")
    parser.add_argument("--phone", default=DEMO_PHONE, help="whose account (default: demo worker)")
    parser.add_argument("--language", choices=["nl", "fr", "en"], help="first language")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if _interactive(stdin):
        try:
            import readline  # noqa: F401 - line editing and history for input()
        except ImportError:
            pass
    try:
        settings = Settings.from_env()
        local_url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
        if args.http or (not args.local and api_alive(local_url)):
            return chat_http(args.http or local_url, stdin, out, args.phone, args.language)
        return asyncio.run(chat_local(settings, stdin, out, args.phone, args.language))
    except (ChatError, SettingsError) as exc:
        sys.stderr.write(f"make chat: {exc}\n")
        return 1
    except KeyboardInterrupt:
        out.write("\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
