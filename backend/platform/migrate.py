"""Apply Piccolo migrations (Procfile `release`, `make run`, tests)."""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import sys

from backend.platform.db import configure


async def migrate(database_url: str, quiet: bool = True) -> None:
    os.environ.setdefault("PICCOLO_CONF", "backend.platform.piccolo_conf")
    configure(database_url)
    from piccolo.apps.migrations.commands.forwards import run_forwards

    out = io.StringIO()
    with contextlib.redirect_stdout(out) if quiet else contextlib.nullcontext():
        result = await run_forwards(app_name="all")
    if not result.success:
        raise RuntimeError(f"migrations failed: {result.message}\n{out.getvalue()}")


def main() -> None:
    from backend.platform.settings import Settings

    settings = Settings.from_env()
    if not settings.database_url:
        sys.exit("DATABASE_URL is not set")
    asyncio.run(migrate(settings.database_url, quiet=False))


if __name__ == "__main__":
    main()
