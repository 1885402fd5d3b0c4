"""Service-level units tests only need the database pool, not the whole application."""

from __future__ import annotations

import pytest

from backend.platform.db import close_pool, start_pool


@pytest.fixture(scope="session")
async def db(settings):
    """The shared Piccolo pool on the test database (the ``app`` fixture reuses it if started)."""
    await start_pool(settings.database_url)
    yield
    await close_pool()
