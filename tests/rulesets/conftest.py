import pytest

from tests.quickjobs.conftest import (  # noqa: F401
    adviser_headers,
    worker_headers,
)
from tests.rulesets.rule_files import make_admin


@pytest.fixture
async def admin_headers(client):
    return await make_admin(client, "Ann")


@pytest.fixture
async def second_admin_headers(client):
    return await make_admin(client, "Bob")
