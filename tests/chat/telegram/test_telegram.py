"""The Telegram channel on the real database, Redis and rq worker, fed with recorded Bot API
updates (tests/chat/telegram/telegram_updates/: single updates, and conversations as getUpdates returns
them). Replies are read back from the Telegram file outbox once the worker has sent them."""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from backend.platform.db import fetch
from tests.conftest import (
    bearer,
    become_member,
    complete_profile,
    eventually,
    sign_in,
    staff_sign_in,
)
from tests.quickjobs.conftest import quickjob_body

UPDATES = Path(__file__).parent / "telegram_updates"
WEBHOOK = "/api/v1/telegram/webhook/{}"
HEADER = "X-Telegram-Bot-Api-Secret-Token"
SUMMARY = {"nl": "Samenvatting", "fr": "Résumé", "en": "Summary"}
CREATED = {"nl": "Klaar!", "fr": "Votre QuickJob est créé", "en": "Done!"}
HOW_TO_LINK = {"nl": "Koppel eerst deze chat", "fr": "Liez d'abord cette conversation",
               "en": "First link this chat"}
PHONES = {"nl": "+32470200001", "fr": "+32470200002", "en": "+32470200003"}


def recorded(name: str):
    """A recorded update (a dict) or conversation (the list of a getUpdates answer)."""
    data = json.loads((UPDATES / name).read_text())
    return data["result"] if isinstance(data, dict) and "result" in data else data


def with_text(update: dict, text: str, update_id: int | None = None) -> dict:
    """The same update with another text (a fresh code, a date); entities follow the text."""
    update = copy.deepcopy(update)
    message = update["message"]
    message["text"] = text
    if text.startswith("/"):
        message["entities"] = [{"offset": 0, "length": len(text.split()[0]),
                                "type": "bot_command"}]
    else:
        message.pop("entities", None)
    if update_id is not None:
        update["update_id"] = update_id
    return update


def chat_of(update: dict) -> int:
    return update["message"]["chat"]["id"]


@pytest.fixture
def secret(settings) -> str:
    return settings.telegram_webhook_secret


async def deliver(client, update: dict, secret: str, header: str | None = None) -> int:
    headers = {HEADER: secret if header is None else header}
    r = await client.post(WEBHOOK.format(secret), json=update, headers=headers)
    return r.status_code


async def queued(chat_id: int) -> list[dict]:
    """The messages queued for a chat (outbox rows, in order), before any worker sends them."""
    rows = await fetch("SELECT payload FROM outbox_message WHERE job = 'telegram.send' "
                       "ORDER BY created_at")
    out = []
    for row in rows:
        payload = row["payload"]
        payload = json.loads(payload) if isinstance(payload, str) else payload
        if payload["chatId"] == chat_id:
            out += payload["messages"]
    return out


def texts(messages: list[dict]) -> str:
    return "\n".join(m["text"] for m in messages)


def sent(settings, chat_id: int) -> list[dict]:
    """``sendMessage`` bodies in the Telegram file outbox for a chat, in reply order."""
    folder = settings.outbox_dir / "telegram"
    if not folder.exists():
        return []
    items = [json.loads(p.read_text()) for p in folder.glob("*.json")]
    items = [i for i in items if i["body"]["chat_id"] == chat_id]

    def order(item):
        key, _, index = item["key"].rpartition("-")
        return (int(key[1:]) if key[1:].isdigit() else 0, int(index))

    return [i["body"] for i in sorted(items, key=order)]


PROFILE = {"firstName": "Lena", "lastName": "Peeters", "nationalNumber": "85.07.30-033.28",
           "birthDate": "1985-07-30", "address": "Kerkstraat 5, 9000 Gent",
           "iban": "BE71 0961 2345 6769"}


async def member(client, phone: str, language: str = "nl") -> dict:
    """A member worker whose profile has all a QuickJob needs (name, identity, IBAN)."""
    headers = bearer(await sign_in(client, phone=phone))
    await complete_profile(client, headers, language=language)
    await become_member(client, headers)
    return headers


async def link_code(client, headers) -> dict:
    r = await client.post("/api/v1/me/telegram-link", headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


async def linked_chat(client, secret, headers, template: dict, update_id: int) -> int:
    """Link the chat of ``template`` (a recorded update) to the person of ``headers``."""
    code = (await link_code(client, headers))["code"]
    update = with_text(template, f"/start {code}", update_id)
    assert await deliver(client, update, secret) == 200
    rows = await fetch("SELECT person FROM telegram_chat WHERE chat_id = {}", chat_of(update))
    assert rows, await queued(chat_of(update))
    return chat_of(update)


async def counts() -> dict:
    out = {}
    for table in ("telegram_update", "telegram_chat", "outbox_message", "bot_conversation",
                  "bot_message", "audit_log"):
        out[table] = (await fetch(f"SELECT count(*) AS n FROM {table}"))[0]["n"]
    return out


# The webhook's door ----------------------------------------------------------------------------

async def test_wrong_secret_path_or_header_is_refused_and_nothing_is_stored(client, secret,
                                                                            caplog):
    update = recorded("unlinked_hello_nl.json")
    before = await counts()
    assert await deliver(client, update, "not-the-secret", header=secret) == 404
    r = await client.post(WEBHOOK.format(secret), json=update, headers={HEADER: "wrong"})
    assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem")
    r = await client.post(WEBHOOK.format(secret), json=update)  # no header at all
    assert r.status_code == 401
    # The secrets are checked before the body is even read.
    r = await client.post(WEBHOOK.format("nope"), content=b"{not json", headers={HEADER: "x"})
    assert r.status_code == 404
    assert await counts() == before
    assert await deliver(client, update, secret) == 200  # the right pair gets in
    logged = [r.fields["path"] for r in caplog.records if r.name == "backend.access"]
    assert "/api/v1/telegram/webhook/***" in logged
    assert not [p for p in logged if secret in p or "not-the-secret" in p]  # never in the log


async def test_edits_and_group_messages_are_acknowledged_and_ignored(client, secret):
    for name in ("edited_message.json", "group_message.json"):
        r = await client.post(WEBHOOK.format(secret), json=recorded(name), headers={HEADER: secret})
        assert r.status_code == 200 and r.json() == {"ok": True}, name
    assert (await counts())["telegram_update"] == 0
    assert (await counts())["outbox_message"] == 0


async def test_a_photo_from_an_unlinked_chat_is_not_fetched(client, secret, fake_bot_api):
    photo = recorded("photo.json")
    assert await deliver(client, photo, secret) == 200
    assert HOW_TO_LINK["nl"] in texts(await queued(chat_of(photo)))
    assert fake_bot_api.calls == []  # nothing downloaded for a stranger
    assert await fetch("SELECT 1 FROM bot_conversation") == []


@pytest.mark.parametrize("name,lang", [
    ("unlinked_hello_nl.json", "nl"), ("unlinked_hello_fr.json", "fr"),
    ("unlinked_hello_en.json", "en"), ("unlinked_hello_de.json", "nl"),
])
async def test_an_unlinked_chat_is_told_how_to_link_in_its_language(client, secret, name, lang):
    update = recorded(name)
    assert await deliver(client, update, secret) == 200
    messages = await queued(chat_of(update))
    assert len(messages) == 1
    assert HOW_TO_LINK[lang] in messages[0]["text"] and "/link" in messages[0]["text"]
    assert await fetch("SELECT 1 FROM bot_conversation") == []


# Linking -----------------------------------------------------------------------------------------

async def test_a_code_from_the_app_links_the_chat_once(client, secret, settings, worker):
    headers = await member(client, PHONES["nl"])
    issued = await link_code(client, headers)
    code = issued["code"]
    assert len(code) == 8 and issued["deepLink"].endswith(f"?start={code}")
    expires = dt.datetime.fromisoformat(issued["expiresAt"])
    assert dt.timedelta(minutes=9) < expires - dt.datetime.now(dt.UTC) <= dt.timedelta(minutes=10)
    stored = await fetch("SELECT * FROM telegram_link_code")
    assert len(stored) == 1 and code not in json.dumps(stored, default=str)  # hashed only

    start = with_text(recorded("start_deep_link.json"), f"/start {code}")
    assert await deliver(client, start, secret) == 200
    chat = await fetch("SELECT * FROM telegram_chat")
    assert [(c["chat_id"], c["telegram_user_id"]) for c in chat] == [(chat_of(start),) * 2]
    r = await client.get("/api/v1/me/telegram-link", headers=headers)
    assert r.json() == {"linkedChats": 1}
    actions = [r["action"] for r in await fetch("SELECT action FROM audit_log ORDER BY id")]
    assert "telegram.link_code_created" in actions and "telegram.linked" in actions

    # Reused by someone else: refused, the chat stays unlinked.
    reuse = with_text(recorded("link_command.json"), f"/link {code.lower()}")
    assert await deliver(client, reuse, secret) == 200
    assert "déjà servi" in texts(await queued(chat_of(reuse)))
    assert len(await fetch("SELECT * FROM telegram_chat")) == 1

    # The replies leave through the worker into the Telegram outbox.
    replies = await eventually(lambda: sent(settings, chat_of(start)))
    assert "gekoppeld" in replies[0]["text"] and replies[0]["reply_markup"] == {
        "remove_keyboard": True}


async def test_expired_wrong_and_replaced_codes_are_refused_then_throttled(client, secret):
    headers = await member(client, PHONES["fr"], "fr")
    template = recorded("link_command.json")
    chat_id = chat_of(template)
    ids = iter(range(1000, 2000))

    async def link(text: str) -> str:
        assert await deliver(client, with_text(template, text, next(ids)), secret) == 200
        return (await queued(chat_id))[-1]["text"]

    expired = (await link_code(client, headers))["code"]
    await fetch("UPDATE telegram_link_code SET expires_at = now() - interval '1 minute'")
    assert "expiré" in await link(f"/link {expired}")
    assert "n'est pas correct" in await link("/link ZZZZ2222")
    replaced = (await link_code(client, headers))["code"]
    (await link_code(client, headers))["code"]  # a newer code retires the one before
    assert "expiré" in await link(f"/link {replaced}")
    assert await fetch("SELECT 1 FROM telegram_chat") == []
    assert "/link" in await link("/link")  # no code: how to link
    assert "n'est pas correct" in await link("/link AAAA2222")
    assert "n'est pas correct" in await link("/link BBBB2222")
    # Five failures in the hour: even a good code waits (brute force is pointless).
    good = (await link_code(client, headers))["code"]
    assert "Trop de codes" in await link(f"/link {good}")
    assert await fetch("SELECT 1 FROM telegram_chat") == []
    await fetch("UPDATE telegram_update SET received_at = now() - interval '61 minutes'")
    assert "liée à votre compte" in await link(f"/link {good}")
    assert len(await fetch("SELECT 1 FROM telegram_chat")) == 1


async def test_unlink_from_the_chat_or_from_the_app(client, secret, settings):
    headers = await member(client, PHONES["nl"])
    template = recorded("start_deep_link.json")
    chat_id = await linked_chat(client, secret, headers, template, 2001)
    assert await deliver(client, recorded("unlink_command.json"), secret) == 200
    assert "verbroken" in (await queued(chat_id))[-1]["text"]
    assert await fetch("SELECT 1 FROM telegram_chat") == []
    assert await deliver(client, with_text(template, "Hallo", 2002), secret) == 200
    assert HOW_TO_LINK["nl"] in (await queued(chat_id))[-1]["text"]

    await linked_chat(client, secret, headers, template, 2003)
    r = await client.delete("/api/v1/me/telegram-link", headers=headers)
    assert r.status_code == 204
    assert await fetch("SELECT 1 FROM telegram_chat") == []
    assert "verbroken" in (await queued(chat_id))[-1]["text"]
    actions = [r["action"] for r in await fetch("SELECT action FROM audit_log "
                                                 "WHERE object_type = 'telegram_chat' ORDER BY id")]
    assert actions == ["telegram.linked", "telegram.unlinked", "telegram.linked",
                       "telegram.unlinked"]


async def test_the_link_endpoint_is_for_workers(client):
    from backend.people import service as people

    await people.create_staff("ada@smart.coop", "correct horse battery staple", "adviser", "A", "V")
    adviser = bearer(await staff_sign_in(client, "ada@smart.coop", "correct horse battery staple"))
    assert (await client.post("/api/v1/me/telegram-link")).status_code == 401
    assert (await client.post("/api/v1/me/telegram-link", headers=adviser)).status_code == 403
    assert (await client.delete("/api/v1/me/telegram-link", headers=adviser)).status_code == 403


# Conversations -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
async def test_a_full_quickjob_through_telegram(client, secret, settings, worker, lang):
    headers = await member(client, PHONES[lang], lang)
    conversation = recorded(f"quickjob_{lang}.json")
    chat_id = await linked_chat(client, secret, headers, conversation[0], 1)
    hello, facts, yes = conversation
    assert await deliver(client, hello, secret) == 200
    assert await deliver(client, facts, secret) == 200
    summary = texts((await queued(chat_id))[-1:])
    assert SUMMARY[lang] in summary
    assert await fetch("SELECT 1 FROM quickjob") == []  # nothing without the yes
    assert await deliver(client, yes, secret) == 200

    jobs = await fetch("SELECT q.person, q.amount_cents, p.phone FROM quickjob q "
                       "JOIN person p ON p.id = q.person")
    assert len(jobs) == 1 and jobs[0]["phone"] == PHONES[lang]
    assert jobs[0]["amount_cents"] == {"nl": 125050, "fr": 25000, "en": 25000}[lang]
    conversations = await fetch("SELECT id, channel FROM bot_conversation")
    assert [c["channel"] for c in conversations] == ["telegram"]  # one, continued
    chat = (await fetch("SELECT conversation FROM telegram_chat"))[0]
    assert chat["conversation"] == conversations[0]["id"]

    def all_sent():
        bodies = sent(settings, chat_id)
        return bodies if any(CREATED[lang] in b["text"] for b in bodies) else None

    bodies = await eventually(all_sent, timeout=30)
    assert len(bodies) == len(await queued(chat_id))  # each reply once, in order
    assert SUMMARY[lang] in bodies[-2]["text"] and CREATED[lang] in bodies[-1]["text"]
    confirm = {"nl": "ja", "fr": "oui", "en": "yes"}[lang]
    keyboard = bodies[-2]["reply_markup"]["keyboard"]
    assert [button["text"] for row in keyboard for button in row][0] == confirm
    assert keyboard and bodies[-2]["reply_markup"]["one_time_keyboard"] is True


async def test_a_redelivered_update_makes_one_turn(client, secret):
    headers = await member(client, PHONES["en"], "en")
    hello, facts, yes = recorded("quickjob_en.json")
    chat_id = await linked_chat(client, secret, headers, hello, 1)
    assert await deliver(client, facts, secret) == 200
    assert await deliver(client, facts, secret) == 200  # Telegram retried
    statuses = await asyncio.gather(*(deliver(client, yes, secret) for _ in range(3)))
    assert statuses == [200, 200, 200]
    users = await fetch("SELECT text FROM bot_message WHERE sender = 'user' ORDER BY seq")
    assert [u["text"] for u in users] == [facts["message"]["text"].replace(
        "billing@acme.be", "[e-mail]"), "yes"]
    assert len(await fetch("SELECT 1 FROM quickjob")) == 1
    jobs = await fetch("SELECT payload FROM outbox_message WHERE job = 'telegram.send'")
    assert len(jobs) == 3  # link, facts, yes: one send job per processed update
    assert len([m for m in await queued(chat_id) if CREATED["en"] in m["text"]]) == 1


async def test_a_status_question_is_answered_from_real_data(client, secret, settings):
    headers = await member(client, PHONES["en"], "en")
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(function="poster design"),
                          headers=headers)
    assert r.status_code == 201, r.text
    job = (await client.get(f"/api/v1/quickjobs/{r.json()['id']}", headers=headers)).json()
    pay_date = dt.date.fromisoformat(job["payDate"])
    question = recorded("status_salary_en.json")
    chat_id = await linked_chat(client, secret, headers, question, 1)
    assert await deliver(client, question, secret) == 200
    answer = texts((await queued(chat_id))[1:])
    assert "poster design" in answer and "Brouwerij De Klok" in answer
    assert f"{pay_date.day} {pay_date.strftime('%B')} {pay_date.year}" in answer


# Settings, the sending job and the real Bot API adapter ---------------------------------------

def test_production_refuses_a_dev_or_weak_webhook_secret():
    from backend.platform.settings import DEV_TELEGRAM_WEBHOOK_SECRET, Settings, SettingsError

    base = {"APP_ENV": "production", "DATABASE_URL": "postgresql://x/y", "REDIS_URL": "redis://x",
            "SECRET_KEY": "s" * 40, "JWT_PRIVATE_KEYS": '{"k1": "pem"}',
            "PUBLIC_BASE_URL": "https://quickjob.example.be"}
    assert Settings.from_env(base).telegram_enabled is False  # unset: the channel is off
    for bad in (DEV_TELEGRAM_WEBHOOK_SECRET, "short"):
        with pytest.raises(SettingsError, match="TELEGRAM_WEBHOOK_SECRET"):
            Settings.from_env({**base, "TELEGRAM_WEBHOOK_SECRET": bad})
    with pytest.raises(SettingsError, match="TELEGRAM_WEBHOOK_SECRET"):
        Settings.from_env({**base, "TELEGRAM_BOT_TOKEN": "123:abc"})
    with pytest.raises(SettingsError, match="A-Z"):
        Settings.from_env({"TELEGRAM_WEBHOOK_SECRET": "has spaces/and slashes"})
    good = Settings.from_env({**base, "TELEGRAM_WEBHOOK_SECRET": "t" * 40,
                              "TELEGRAM_BOT_TOKEN": "123:abc"})
    assert good.telegram_enabled and good.telegram_bot_token == "123:abc"


async def test_the_send_job_sends_each_reply_once(app, clean_db):
    from backend.chat.telegram.tasks import send_replies

    class Flaky:
        def __init__(self, fail_at: int | None) -> None:
            self.fail_at, self.sent = fail_at, []

        def send(self, message):
            if len(self.sent) == self.fail_at:
                raise ConnectionError("telegram down")
            self.sent.append(message)

    payload = {"key": "u42", "chatId": 7, "messages": [{"text": "one"}, {"text": "two"},
                                                       {"text": "three"}]}
    first = Flaky(fail_at=1)
    with pytest.raises(ConnectionError):
        await send_replies(payload, sender=first)
    retry = Flaky(fail_at=None)
    assert await send_replies(payload, sender=retry) == 2
    again = Flaky(fail_at=None)
    assert await send_replies(payload, sender=again) == 0
    assert [m.text for m in first.sent + retry.sent] == ["one", "two", "three"]
    assert [m.key for m in retry.sent] == ["u42-1", "u42-2"]


class _FakeTelegram(BaseHTTPRequestHandler):
    calls: list = []
    status = 200

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).calls.append((self.path, json.loads(body)))
        status = type(self).status
        answer = {"ok": status == 200, "result": {"message_id": 1}} if status == 200 else {
            "ok": False, "error_code": status, "description": "Forbidden: bot was blocked"}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_the_bot_api_adapter_calls_send_message():
    from backend.chat.telegram.adapters import (
        BotApiTelegram,
        OutgoingTelegram,
        TelegramRefused,
        TelegramUnavailable,
    )

    server = HTTPServer(("127.0.0.1", 0), _FakeTelegram)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        api = BotApiTelegram("123:secret-token", f"http://127.0.0.1:{server.server_port}")
        markup = {"keyboard": [[{"text": "ja"}]], "one_time_keyboard": True}
        api.send(OutgoingTelegram("u1-0", 5123456701, "Hallo", markup))
        path, body = _FakeTelegram.calls[-1]
        assert path == "/bot123:secret-token/sendMessage"
        assert body == {"chat_id": 5123456701, "text": "Hallo", "reply_markup": markup}
        _FakeTelegram.status = 403
        with pytest.raises(TelegramRefused, match="blocked") as refused:
            api.send(OutgoingTelegram("u1-1", 5123456701, "Hallo"))
        assert "secret-token" not in str(refused.value)
        _FakeTelegram.status = 502
        with pytest.raises(TelegramUnavailable):
            api.send(OutgoingTelegram("u1-2", 5123456701, "Hallo"))
    finally:
        _FakeTelegram.status = 200
        server.shutdown()
        server.server_close()
    with pytest.raises(TelegramUnavailable):  # nobody listening
        BotApiTelegram("1:x", f"http://127.0.0.1:{server.server_port}", timeout=1).send(
            OutgoingTelegram("u1-3", 1, "x"))


async def test_a_failing_turn_is_rolled_back_and_answered_once_or_retried(client, secret,
                                                                          monkeypatch):
    from backend.chat import service

    headers = await member(client, PHONES["nl"])
    hello, facts, _ = recorded("quickjob_nl.json")
    chat_id = await linked_chat(client, secret, headers, hello, 1)

    async def broken(*args, **kwargs):
        await fetch("INSERT INTO bot_conversation (id, person) SELECT gen_random_uuid(), person "
                    "FROM telegram_chat")  # a write the rollback must undo
        raise RuntimeError("a bug")

    monkeypatch.setattr(service, "handle", broken)
    assert await deliver(client, hello, secret) == 200  # a bug: not redelivered for hours
    assert await deliver(client, hello, secret) == 200
    assert await fetch("SELECT 1 FROM bot_conversation") == []
    assert [m["text"] for m in await queued(chat_id)][1:] == [
        "Er ging iets mis aan onze kant. Er werd niets gewijzigd."]

    async def unavailable(*args, **kwargs):
        raise ConnectionError("database gone")

    monkeypatch.setattr(service, "handle", unavailable)
    assert await deliver(client, facts, secret) == 503  # Telegram retries later
    monkeypatch.undo()
    assert await deliver(client, facts, secret) == 200
    assert "Samenvatting" in (await queued(chat_id))[-1]["text"]


# Receipt photos -------------------------------------------------------------------------------

RECEIPT = (UPDATES / "receipt.jpg").read_bytes()  # a real JPEG (320x240), as Telegram serves it
TOKEN = "123:fake-token"


class _FakeBotApiFiles(BaseHTTPRequestHandler):
    """The two Bot API calls a photo takes: getFile (the file's path), then the file itself."""

    calls: list = []
    files: dict = {}

    def do_GET(self):  # noqa: N802 - http.server's naming
        from urllib.parse import parse_qs, urlsplit

        parts = urlsplit(self.path)
        type(self).calls.append(parts.path + ("?" + parts.query if parts.query else ""))
        if parts.path == f"/bot{TOKEN}/getFile":
            file_id = parse_qs(parts.query).get("file_id", [""])[0]
            if file_id in type(self).files:
                data = type(self).files[file_id]
                self._answer(200, json.dumps({"ok": True, "result": {
                    "file_id": file_id, "file_unique_id": "u", "file_size": len(data),
                    "file_path": f"photos/{file_id[-4:]}.jpg"}}).encode(), "application/json")
            else:
                self._answer(400, b'{"ok":false,"error_code":400,"description":"Bad Request: '
                                  b'invalid file_id"}', "application/json")
            return
        for file_id, data in type(self).files.items():
            if parts.path == f"/file/bot{TOKEN}/photos/{file_id[-4:]}.jpg":
                self._answer(200, data, "image/jpeg")
                return
        self._answer(404, b'{"ok":false}', "application/json")

    def _answer(self, status: int, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_bot_api(monkeypatch):
    """A Bot API serving the recorded photo's sizes (the largest is the real JPEG), behind the
    channel's Telegram adapter (``BotApiTelegram``, the production code path)."""
    from backend.chat.telegram import service as telegram_service
    from backend.chat.telegram.adapters import BotApiTelegram

    largest = recorded("photo.json")["message"]["photo"][-1]["file_id"]
    _FakeBotApiFiles.calls = []
    _FakeBotApiFiles.files = {largest: RECEIPT, "AgACAgQAAxkBAAMeZ0vZ3Q": b"\xff\xd8\xff small"}
    server = HTTPServer(("127.0.0.1", 0), _FakeBotApiFiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    api = BotApiTelegram(TOKEN, f"http://127.0.0.1:{server.server_port}", timeout=5)
    monkeypatch.setattr(telegram_service, "files_for", lambda settings: api)
    yield _FakeBotApiFiles
    server.shutdown()
    server.server_close()


def photo_update(lang: str, update_id: int) -> dict:
    """The recorded photo update, sent from the chat of the language's recorded conversation."""
    update = copy.deepcopy(recorded("photo.json"))
    sender = recorded(f"quickjob_{lang}.json")[0]["message"]
    update["update_id"] = update_id
    update["message"]["chat"]["id"] = sender["chat"]["id"]
    update["message"]["from"] = {**update["message"]["from"], **sender["from"]}
    update["message"].pop("caption", None)
    return update


EXPENSE = {"nl": ("treinticket 18 euro", "ja", "Foto van het bonnetje toegevoegd"),
           "fr": ("billet de train 18 euros", "oui", "Photo du ticket ajoutée"),
           "en": ("train ticket 18 euros", "yes", "Receipt photo attached")}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
async def test_a_receipt_photo_is_fetched_through_the_bot_api_and_stored_on_the_expense(
        client, secret, fake_bot_api, lang):
    headers = await member(client, PHONES[lang], lang)
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(expenses=[]), headers=headers)
    assert r.status_code == 201, r.text
    job_id = r.json()["id"]
    conversation = recorded(f"quickjob_{lang}.json")
    chat_id = await linked_chat(client, secret, headers, conversation[0], 1)
    expense, yes, attached = EXPENSE[lang]
    assert await deliver(client, with_text(conversation[0], expense, 2), secret) == 200
    assert await deliver(client, with_text(conversation[0], yes, 3), secret) == 200
    assert await deliver(client, photo_update(lang, 4), secret) == 200
    assert attached in texts(await queued(chat_id))

    largest = recorded("photo.json")["message"]["photo"][-1]["file_id"]
    assert fake_bot_api.calls[0] == f"/bot{TOKEN}/getFile?file_id={largest}"
    assert fake_bot_api.calls[1].startswith(f"/file/bot{TOKEN}/photos/")
    job = (await client.get(f"/api/v1/quickjobs/{job_id}", headers=headers)).json()
    [line] = job["expenses"]
    assert (line["amountCents"], line["category"]) == (1800, "travel") and line["receiptUrl"]
    r = await client.get(line["receiptUrl"], headers=headers)
    assert r.status_code == 200 and r.content == RECEIPT  # the very JPEG Telegram served
    stored = await fetch("SELECT receipt_content_type FROM expense")
    assert stored[0]["receipt_content_type"] == "image/jpeg"
    actions = [r["action"] for r in await fetch("SELECT action FROM audit_log ORDER BY id")]
    assert "expense.receipt_attached" in actions
    said = await fetch("SELECT text FROM bot_message WHERE sender = 'user' ORDER BY seq")
    assert said[-1]["text"] == "[photo]"


async def test_without_a_bot_token_the_photo_cannot_be_fetched_and_the_bot_says_so(client, secret):
    headers = await member(client, PHONES["nl"])
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(expenses=[]), headers=headers)
    assert r.status_code == 201, r.text
    conversation = recorded("quickjob_nl.json")
    chat_id = await linked_chat(client, secret, headers, conversation[0], 1)
    assert await deliver(client, with_text(conversation[0], "treinticket 18 euro", 2), secret) == 200
    assert await deliver(client, with_text(conversation[0], "ja", 3), secret) == 200
    assert await deliver(client, photo_update("nl", 4), secret) == 200
    reply = (await queued(chat_id))[-1]["text"]
    assert "Ik kon je foto niet ophalen bij Telegram" in reply and "toegevoegd" not in reply
    assert (await fetch("SELECT receipt_key FROM expense"))[0]["receipt_key"] is None


def test_the_bot_api_adapter_fetches_a_file_and_keeps_the_token_out_of_errors(fake_bot_api):
    from backend.chat.telegram import service as telegram_service
    from backend.chat.telegram.adapters import (
        BotApiTelegram,
        FileOutboxTelegram,
        TelegramFileTooLarge,
        TelegramFileUnavailable,
    )

    largest = recorded("photo.json")["message"]["photo"][-1]["file_id"]
    api = telegram_service.files_for(None)  # the fixture's: BotApiTelegram on the fake Bot API
    assert isinstance(api, BotApiTelegram)
    assert api.fetch_file(largest, 10_000_000) == RECEIPT
    with pytest.raises(TelegramFileTooLarge):
        api.fetch_file(largest, 1000)
    with pytest.raises(TelegramFileUnavailable, match="invalid file_id") as unknown:
        api.fetch_file("nope", 10_000_000)
    assert TOKEN not in str(unknown.value)
    with pytest.raises(TelegramFileUnavailable, match="TELEGRAM_BOT_TOKEN"):
        FileOutboxTelegram(Path("/tmp")).fetch_file(largest, 10_000_000)


def test_a_file_type_is_read_from_its_bytes():
    from backend.chat.telegram.service import sniff_type

    assert sniff_type(RECEIPT) == "image/jpeg"
    assert sniff_type(b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert sniff_type(b"%PDF-1.7 ...") == "application/pdf"
    assert sniff_type(b"GIF89a") == "application/octet-stream"
