"""Settings read from the environment."""

from backend.platform.settings import Settings


def test_links_to_clients_follow_port_in_development():
    assert Settings.from_env({}).public_base_url == "http://localhost:8000"
    assert Settings.from_env({"PORT": "8123"}).public_base_url == "http://localhost:8123"
    given = Settings.from_env({"PORT": "8123", "PUBLIC_BASE_URL": "https://qj.example.be/"})
    assert given.public_base_url == "https://qj.example.be"
