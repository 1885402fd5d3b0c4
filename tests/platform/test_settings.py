"""Settings read from the environment."""

import pytest

from backend.platform.settings import Settings, SettingsError


def test_links_to_clients_follow_port_in_development():
    assert Settings.from_env({}).public_base_url == "http://localhost:8000"
    assert Settings.from_env({"PORT": "8123"}).public_base_url == "http://localhost:8123"
    given = Settings.from_env({"PORT": "8123", "PUBLIC_BASE_URL": "https://qj.example.be/"})
    assert given.public_base_url == "https://qj.example.be"


def test_production_needs_the_public_https_origin_for_client_links():
    base = {"APP_ENV": "production", "DATABASE_URL": "postgresql://x/y", "REDIS_URL": "redis://x",
            "SECRET_KEY": "s" * 40, "JWT_PRIVATE_KEYS": '{"k1": "pem"}', "PORT": "8080"}
    for missing_or_wrong in ({}, {"PUBLIC_BASE_URL": "http://quickjob.example.be"},
                             {"PUBLIC_BASE_URL": "https://localhost:8443"}):
        with pytest.raises(SettingsError, match="PUBLIC_BASE_URL"):
            Settings.from_env({**base, **missing_or_wrong})
    given = Settings.from_env({**base, "PUBLIC_BASE_URL": "https://quickjob.example.be/"})
    assert given.public_base_url == "https://quickjob.example.be"  # PORT does not enter it
