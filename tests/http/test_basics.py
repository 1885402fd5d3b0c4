"""What every endpoint shares: problem+json in the caller's language, request ids, health."""

import pytest

from backend.platform.settings import DEV_SECRET, Settings, SettingsError


async def test_unknown_route_is_a_localised_problem(client):
    r = await client.get("/api/v1/nowhere", headers={"Accept-Language": "fr-BE,fr;q=0.9"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == 404 and body["title"] == "Introuvable."
    assert body["type"].endswith("/not_found")


async def test_request_id_is_echoed_or_made(client):
    r = await client.get("/api/v1/health/live", headers={"X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    r = await client.get("/api/v1/health/live")
    assert len(r.headers["x-request-id"]) == 32


async def test_health(client):
    assert (await client.get("/api/v1/health/live")).json() == {"status": "ok"}
    ready = await client.get("/api/v1/health/ready")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "queue": "ok"}


async def test_authenticated_routes_refuse_anonymous_callers(client):
    r = await client.get("/api/v1/units", headers={"Accept-Language": "en"})
    assert r.status_code == 401
    assert r.json()["detail"] == "Please sign in to continue."
    assert r.headers["www-authenticate"] == "Bearer"


async def test_malformed_json_is_a_422_problem(client):
    r = await client.post("/api/v1/simulations", content=b"{not json",
                          headers={"content-type": "application/json", "Accept-Language": "nl"})
    assert r.status_code in (400, 422)
    assert r.headers["content-type"].startswith("application/problem+json")


async def test_rate_limit_answers_429_with_retry_after(app, settings, clean_db):
    import httpx

    from backend.app import create_app

    # A second app on the already open pool (the session's), with a strict public limit.
    strict = create_app(Settings(**{**settings.__dict__, "public_rate_limit_per_minute": 3}))
    transport = httpx.ASGITransport(app=strict, client=("198.51.100.9", 1))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        codes = [(await c.get("/api/v1/rule-sets")).status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200]
        limited = await c.get("/api/v1/rule-sets", headers={"Accept-Language": "en"})
    await strict.state.redis.aclose()
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) > 0
    assert "Too many requests" in limited.json()["detail"]


def test_production_refuses_dev_secrets_and_embedded_services():
    with pytest.raises(SettingsError) as refused:
        Settings.from_env({"APP_ENV": "production"})
    message = str(refused.value)
    assert "DATABASE_URL" in message and "REDIS_URL" in message and "SECRET_KEY" in message
    with pytest.raises(SettingsError):
        Settings.from_env({"APP_ENV": "production", "DATABASE_URL": "postgresql://x/y",
                           "REDIS_URL": "redis://x", "SECRET_KEY": DEV_SECRET,
                           "JWT_PRIVATE_KEYS": '{"k1": "pem"}'})


def test_development_defaults():
    settings = Settings.from_env({})
    assert settings.app_env == "development" and settings.database_url is None


async def test_input_postgres_cannot_store_is_a_422_not_a_500(client):
    from backend.people import service as people
    from tests.conftest import bearer

    await people.create_staff("nul@smart.coop", "a long enough password", "adviser", "N", "Ul")
    tokens = (await client.post("/api/v1/auth/password",
                                json={"email": "nul@smart.coop",
                                      "password": "a long enough password"})).json()
    r = await client.get("/api/v1/backoffice/review-items?status=%00%C3%AD", headers=bearer(tokens))
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")


async def test_rate_limit_blocks_stay_global_across_processes(settings, clean_db, monkeypatch):
    """Two processes (two middlewares) share one Redis count: together they never let more
    than the limit through, and refuse at most (block - 1) each too early."""
    import redis.asyncio as aioredis

    from backend.http.middleware import RateLimitMiddleware

    passed = []

    async def app(scope, receive, send):
        passed.append(scope["path"])

    async def send(message):
        pass

    frozen = 1_800_000_000.0  # one window for the whole test, whatever the clock does
    monkeypatch.setattr("backend.http.middleware.time.time", lambda: frozen)
    redis = aioredis.Redis.from_url(settings.redis_url)
    limit = 100  # block of 5 slots per Redis round trip
    processes = [RateLimitMiddleware(app, redis, limit, limit) for _ in range(2)]
    calls = {"n": 0}
    original = redis.pipeline

    def counting_pipeline(*args, **kwargs):
        calls["n"] += 1
        return original(*args, **kwargs)

    redis.pipeline = counting_pipeline
    try:
        for i in range(300):
            scope = {"type": "http", "path": "/api/v1/simulations", "headers": [],
                     "client": ("198.51.100.10", 1),
                     "state": {"language": "en", "request_id": f"r{i}"}}
            await processes[i % 2](scope, None, send)
    finally:
        await redis.aclose()
    assert limit - 2 * 4 <= len(passed) <= limit
    assert calls["n"] <= 300 // 5 + 2 + 2  # Redis once per block, once more when refused
