"""Run by test_faults.py in its own process (backend.platform.db.DB is a module-global engine).

Starts a private embedded PostgreSQL, creates QuickJobs in a loop through the app in-process,
stops PostgreSQL mid-way, starts it again on the same data directory, and prints one JSON
line with what happened: statuses, problem bodies/headers while down, and integrity counts.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

import httpx


async def main(tmp: Path, port: int) -> dict:
    from backend.app import create_app
    from backend.platform.db import close_pool, start_pool
    from backend.platform.embedded import discard_postgres_data, start_postgres
    from backend.platform.migrate import migrate
    from backend.platform.settings import Settings
    from tests.conftest import bearer, become_member, complete_profile, sign_in
    from tests.quickjobs.conftest import quickjob_body

    pg = start_postgres(tmp / "pg", database="faults", port=port)
    try:
        await migrate(pg.url)
        settings = Settings(app_env="test", database_url=pg.url,
                            redis_url="redis://127.0.0.1:1/0",  # no Redis: rate limit fails open
                            data_dir=tmp / "data", outbox_dir=tmp / "data" / "outbox",
                            storage_dir=tmp / "data" / "files", log_level="ERROR",
                            rate_limit_per_minute=100_000, public_rate_limit_per_minute=100_000)
        app = create_app(settings)
        await start_pool(pg.url, min_size=2, max_size=10)
        transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 50000))
        out: dict = {"before": [], "down": [], "after": [], "problems": [], "keyed": []}
        async with httpx.AsyncClient(transport=transport, base_url="http://test",
                                     timeout=30) as client:
            headers = bearer(await sign_in(client, phone="+32470123456"))
            # A named member: the quote names the worker, and there are more than three.
            await complete_profile(client, headers)
            await become_member(client, headers)

            sent = {"n": 0}

            async def create() -> int:
                # Every other request carries an Idempotency-Key: that layer writes to
                # PostgreSQL before the route runs, and must answer like the rest (503).
                sent["n"] += 1
                keyed = {"Idempotency-Key": f"fault-{sent['n']}"} if sent["n"] % 2 else {}
                r = await client.post("/api/v1/quickjobs", json=quickjob_body(),
                                      headers={**headers, **keyed})
                if keyed:
                    out["keyed"].append(r.status_code)
                if r.status_code >= 500:
                    seen = {"status": r.status_code, "type": r.headers.get("content-type"),
                            "retry_after": r.headers.get("retry-after"), "keyed": bool(keyed),
                            "problem": r.json().get("type") if "json" in r.headers.get(
                                "content-type", "") else r.text[:200]}
                    if seen not in out["problems"]:
                        out["problems"].append(seen)
                return r.status_code

            for _ in range(5):
                out["before"].append(await create())
            # Writes in flight while PostgreSQL goes down (fast shutdown: sessions killed).
            stopping = asyncio.create_task(asyncio.to_thread(pg.stop))
            while not stopping.done():
                out["down"].extend(await asyncio.gather(*(create() for _ in range(4))))
            await stopping
            for _ in range(3):
                out["down"].append(await create())
            # Same port as before, or the pool's DSN would point nowhere: backend.platform.embedded's
            # free_port() probes with a plain bind(), which fails while the old server's
            # sockets sit in TIME_WAIT (postgres itself binds with SO_REUSEADDR).
            import backend.platform.embedded as embedded

            embedded.free_port = lambda preferred: preferred
            pg2 = start_postgres(tmp / "pg", database="faults", port=port)
            out["same_url"] = pg2.url == pg.url
            pg = pg2
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                status = await create()
                out["after"].append(status)
                if status == 201 and out["after"][-3:] == [201, 201, 201]:
                    break
                await asyncio.sleep(0.1)
        await close_pool()
        await app.state.redis.aclose()

        import asyncpg

        conn = await asyncpg.connect(pg.url)
        try:
            out["quickjobs"] = await conn.fetchval("SELECT count(*) FROM quickjob")
            out["incomplete"] = [dict(r) | {"id": str(r["id"])} for r in await conn.fetch(
                "SELECT q.id, (SELECT count(*) FROM quote WHERE quickjob = q.id) AS quotes, "
                "(SELECT count(*) FROM contract WHERE quickjob = q.id) AS contracts, "
                "(SELECT count(*) FROM quickjob_event WHERE quickjob = q.id) AS events "
                "FROM quickjob q")
                if not (r["quotes"] == 1 and r["contracts"] == 1 and r["events"] >= 1)]
        finally:
            await conn.close()
        return out
    finally:
        pg.stop()
        discard_postgres_data(tmp / "pg")


if __name__ == "__main__":
    result = asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2])))
    print("RESULT " + json.dumps(result))
