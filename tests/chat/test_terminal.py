"""`make chat` (backend.chat.terminal) driven with piped stdin: in-process on the test database,
as the command itself (a subprocess, demo data included), and over HTTP to a running API."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys

import pytest

from backend.demo import DEMO_PHONE
from backend.platform.db import fetch
from backend.platform.embedded import free_port
from tests.conftest import bearer, serve_api, sign_in

FACTS = "Web design for client Acme Ltd, €250 next Monday, billing@acme.be"


def _env(settings, **extra) -> dict:
    return {**os.environ, "DATABASE_URL": settings.database_url, "REDIS_URL": settings.redis_url,
            "DATA_DIR": str(settings.data_dir), "OUTBOX_DIR": str(settings.outbox_dir),
            "STORAGE_DIR": str(settings.storage_dir), "LOG_LEVEL": "WARNING", **extra}


async def test_in_process_chat_creates_one_quickjob_and_stops_at_quit(client, settings):
    from backend.chat.terminal import converse

    headers = bearer(await sign_in(client, phone=DEMO_PHONE))
    r = await client.patch("/api/v1/me", json={"firstName": "Lena", "lastName": "Peeters"},
                           headers=headers)
    assert r.status_code == 200, r.text
    r = await client.post("/api/v1/me/membership", json={"shares": 1}, headers=headers)
    assert r.status_code in (200, 201), r.text
    stdin = io.StringIO(f"Hello\n\n{FACTS}\nyes\nquit\nnever read\n")
    out = io.StringIO()
    assert await converse(settings, stdin, out) == 0
    text = out.getvalue()
    assert "bot> Hello!" in text and "Summary" in text and "Done!" in text
    assert "[yes]  [no]  [cancel]" in text  # quick replies shown
    assert len(await fetch("SELECT 1 FROM quickjob")) == 1
    conversations = await fetch("SELECT channel FROM bot_conversation")
    assert [c["channel"] for c in conversations] == ["terminal"]  # one conversation, continued
    users = await fetch("SELECT text FROM bot_message WHERE sender = 'user' ORDER BY seq")
    assert [u["text"] for u in users][-1] == "yes"


async def test_make_chat_in_process_signs_in_as_the_demo_worker(settings, clean_db):
    """The command as `make chat` runs it, on the test database: migrations and demo data, then
    the chat; Ctrl-D (end of input) ends it."""
    env = _env(settings, APP_ENV="development")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "backend.chat.terminal", "--local", env=env,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = await asyncio.wait_for(
        proc.communicate(b"hoeveel staat er nog op mijn eenheid?\n"), timeout=120)
    assert proc.returncode == 0, err.decode()
    text = out.decode()
    assert f"signed in as the demo worker {DEMO_PHONE}" in text
    assert "bot> Op je eenheid" in text  # the demo unit, from the real ledger


@pytest.fixture
def api_server(settings, clean_db):
    """The API as `make run` serves it (uvicorn, own process) on the test database."""
    with serve_api(_env(settings, APP_ENV="test"), ready="/api/v1/health/live",
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as url:
        yield url


async def test_over_http_when_the_api_is_running(api_server):
    from backend.chat.terminal import api_alive, main

    assert api_alive(api_server)
    out = io.StringIO()
    stdin = io.StringIO("Hello\nhelp\n")  # then the end of input, as Ctrl-D
    code = await asyncio.to_thread(main, ["--http", api_server, "--language", "en"], stdin, out)
    assert code == 0
    text = out.getvalue()
    assert "over " + api_server in text and "bot> Hello!" in text and "I can create a QuickJob" in text
    rows = await fetch("SELECT c.channel, p.phone FROM bot_conversation c "
                       "JOIN person p ON p.id = c.person")
    assert [(r["channel"], r["phone"]) for r in rows] == [("api", DEMO_PHONE)]


def test_api_alive_is_false_when_nothing_listens():
    from backend.chat.terminal import api_alive

    assert api_alive(f"http://127.0.0.1:{free_port(18500)}") is False
