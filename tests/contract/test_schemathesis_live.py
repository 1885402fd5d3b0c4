"""Schemathesis with every check against the running server (uvicorn, as the Procfile runs it).

The in-process test (test_schemathesis.py) validates responses case by case; some checks only
work with a real server to send their own probes: ``ignored_auth`` (the same request without or
with a wrong token), ``unsupported_method`` (405 with ``Allow``), ``missing_required_header``,
and the stateful ones. So this runs the schemathesis CLI, ``--checks all``, against uvicorn on
the test database and Redis: once as a member worker (every route), once as an adviser (the
back office). Bounded: deterministic generation, ``MAX_EXAMPLES`` per operation.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import (
    bearer,
    become_member,
    complete_profile,
    serve_api,
    sign_in,
    staff_sign_in,
)

ROOT = Path(__file__).resolve().parents[2]
OPENAPI = ROOT / "openapi" / "openapi.json"
CONFIG = Path(__file__).with_name("schemathesis.toml")  # the 422s beyond the schema, with why
MAX_EXAMPLES = 5
TIMEOUT = 900


@pytest.fixture
def live_server(settings, clean_db):
    env = {**os.environ, "APP_ENV": "test", "DATABASE_URL": settings.database_url,
           "REDIS_URL": settings.redis_url, "DATA_DIR": str(settings.data_dir),
           "OUTBOX_DIR": str(settings.outbox_dir), "STORAGE_DIR": str(settings.storage_dir),
           "RATE_LIMIT_PER_MINUTE": "1000000", "PUBLIC_RATE_LIMIT_PER_MINUTE": "1000000",
           "LOG_LEVEL": "ERROR"}
    with serve_api(env, cwd=ROOT) as url:
        yield url


def _schemathesis(url: str, token: str, *extra: str) -> subprocess.CompletedProcess:
    command = [
        str(Path(sys.executable).with_name("schemathesis")), "--config-file", str(CONFIG), "run",
        str(OPENAPI), "--url", url,
        "--checks", "all", "--max-examples", str(MAX_EXAMPLES), "--generation-deterministic",
        "--no-color", "--suppress-health-check", "all",
        "--workers", "1", "--header", f"Authorization: Bearer {token}",
        "--header", "Accept-Language: en", *extra,
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT,
                          env={**os.environ, "NO_COLOR": "1"})
    if os.environ.get("SCHEMATHESIS_OUTPUT_DIR"):  # the whole report, for a person to read
        folder = Path(os.environ["SCHEMATHESIS_OUTPUT_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"schemathesis-{abs(hash(extra))}.txt").write_text(done.stdout + done.stderr)
    return done


async def test_every_check_passes_against_the_running_server(live_server, client):
    worker = bearer(await sign_in(client, phone="+32470123456"))["Authorization"].split()[1]
    # A named member with what a contract and a salary need: every worker route can succeed.
    await complete_profile(client, {"Authorization": f"Bearer {worker}"})
    await become_member(client, {"Authorization": f"Bearer {worker}"})
    from backend.people import service

    await service.create_staff("fuzz@smart.coop", "correct horse battery staple", "adviser",
                               "Fu", "Zz")
    adviser = (await staff_sign_in(client, "fuzz@smart.coop",
                                   "correct horse battery staple"))["accessToken"]
    # The worker's session would end at its own logout (and an executed erasure): those
    # operations run last, separately.
    as_worker = _schemathesis(live_server, worker, "--exclude-path", "/api/v1/auth/logout",
                              "--exclude-path", "/api/v1/me/erasure")
    assert as_worker.returncode == 0, as_worker.stdout[-15000:] + as_worker.stderr[-3000:]
    as_adviser = _schemathesis(live_server, adviser, "--include-path-regex",
                               "^/api/v1/(backoffice|me/totp|clients)")
    assert as_adviser.returncode == 0, as_adviser.stdout[-15000:] + as_adviser.stderr[-3000:]
    erasure = _schemathesis(live_server, worker, "--include-path", "/api/v1/me/erasure")
    assert erasure.returncode == 0, erasure.stdout[-15000:] + erasure.stderr[-3000:]
    logout = _schemathesis(live_server, worker, "--include-path", "/api/v1/auth/logout")
    assert logout.returncode == 0, logout.stdout[-15000:] + logout.stderr[-3000:]
    for run in (as_worker, as_adviser, erasure, logout):
        assert "No issues found" in run.stdout or " passed" in run.stdout, run.stdout[-3000:]
