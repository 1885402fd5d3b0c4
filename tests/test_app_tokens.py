"""The authenticator's remembered verifications (backend.app.RememberedVerifications): a token
that verified is answered from memory until its exp, never after, and a token that failed is
verified again every time."""

import time
import uuid

import pytest

from backend.app import RememberedVerifications
from backend.people.tokens import Claims, InvalidToken, TokenService
from backend.platform.settings import Settings


class Counting:
    def __init__(self, tokens) -> None:
        self.tokens, self.calls = tokens, 0

    def verify(self, token):
        self.calls += 1
        return self.tokens.verify(token)


@pytest.fixture
def tokens(tmp_path) -> TokenService:
    return TokenService(Settings(data_dir=tmp_path))


def test_a_good_token_is_verified_once_until_it_expires(tokens, monkeypatch):
    counting = Counting(tokens)
    remembered = RememberedVerifications(counting)
    person = uuid.uuid4()
    token = tokens.issue(person, "worker")
    first = remembered.verify(token)
    assert remembered.verify(token) == first and first.subject == person
    assert counting.calls == 1
    # Past its exp the token is not answered from memory: the service decides again.
    monkeypatch.setattr("backend.app.time.time", lambda: first.expires_at + 1)
    remembered.verify(token)  # python-jose's own clock: still valid for it
    assert counting.calls == 2


def test_a_bad_token_is_refused_every_time(tokens):
    counting = Counting(tokens)
    remembered = RememberedVerifications(counting)
    token = tokens.issue(uuid.uuid4(), "worker")
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    for _ in range(2):
        with pytest.raises(InvalidToken):
            remembered.verify(forged)
    assert counting.calls == 2
    expired = tokens.issue(uuid.uuid4(), "worker", now=int(time.time()) - 3600)
    for _ in range(2):
        with pytest.raises(InvalidToken):  # ExpiredToken is an InvalidToken
            remembered.verify(expired)
    assert counting.calls == 4


def test_memory_is_bounded():
    class Fake:
        def verify(self, token):
            return Claims(uuid.uuid4(), "worker", int(time.time()) + 60, uuid.uuid4())

    remembered = RememberedVerifications(Fake())
    for i in range(RememberedVerifications.MAX_REMEMBERED + 5):
        remembered.verify(f"t{i}")
    assert len(remembered._claims) <= RememberedVerifications.MAX_REMEMBERED
