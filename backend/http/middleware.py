"""Pure ASGI middleware: request context and JSON access log, rate limiting, idempotency.

Order (outermost first): context -> rate limit -> idempotency -> Litestar routing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable

from backend.http import idempotency
from backend.http.context import Principal
from backend.http.errors import problem_for
from backend.http.problems import FieldError, Problem
from backend.jobs.cpu_yield import ApiLoad
from backend.platform import claims, i18n

log = logging.getLogger("backend.access")


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


def _client_ip(scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


async def send_problem(send, problem: Problem, lang: str, request_id: str | None) -> None:
    body = json.dumps(problem.to_body(lang)).encode()
    headers = [(b"content-type", b"application/problem+json"),
               (b"content-length", str(len(body)).encode()),
               (b"content-language", lang.encode())]
    if request_id:
        headers.append((b"x-request-id", request_id.encode()))
    headers += [(k.lower().encode(), v.encode()) for k, v in problem.headers.items()]
    await send({"type": "http.response.start", "status": problem.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def replaying(body: bytes, receive):
    """A ``receive`` for the app behind a layer that read the whole body: that body first,
    then the connection's own messages (a disconnect)."""
    given = False

    async def replay():
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


# A client's link is its credential: logs keep the route, never the token.
_TOKEN_PATHS = ("/q/", "/i/", "/api/v1/public/quotes/")


def loggable_path(path: str) -> str:
    for prefix in _TOKEN_PATHS:
        if path.startswith(prefix):
            _, _, rest = path[len(prefix):].partition("/")
            return f"{prefix}{{token}}" + (f"/{rest}" if rest else "")
    return path


class RequestContextMiddleware:
    """Request id, language, the bearer's principal (if any), and one JSON log line per request.

    Its collaborators come from the app factory: ``authenticate`` (the Authorization header,
    None when absent, and the path, to the caller's principal, None when anonymous; it raises
    a 401 Problem for a header that is there but wrong, or a dependency's error: a 503),
    ``bind_request_id`` (so the audit log records the request) and ``load`` (counts the
    requests in flight, so background work waits while the API is saturated; None: not
    counted).
    """

    def __init__(self, app, *,
                 authenticate: Callable[[str | None, str], Awaitable[Principal | None]],
                 bind_request_id: Callable[[str], object],
                 load: ApiLoad | None = None) -> None:
        self.app = app
        self.authenticate = authenticate
        self.bind_request_id = bind_request_id
        self.load = load

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        state = scope.setdefault("state", {})
        incoming = _header(scope, b"x-request-id")
        request_id = incoming if incoming and len(incoming) <= 64 else uuid.uuid4().hex
        state["request_id"] = request_id
        self.bind_request_id(request_id)
        state["language"] = i18n.negotiate(_header(scope, b"accept-language"))
        app = self.app
        try:
            # Any Authorization header is checked, on public routes too: a bad one is a 401.
            state["principal"] = await self.authenticate(_header(scope, b"authorization"),
                                                         scope["path"])
        except Exception as exc:  # noqa: BLE001 - a 401, or 503 while a dependency is down
            problem = exc if isinstance(exc, Problem) else problem_for(exc)
            state["principal"] = None

            async def app(scope, receive, send):
                await send_problem(send, problem, state["language"], None)  # id added below
        status_holder = {"status": 500}

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        if self.load is not None:
            self.load.started()
        try:
            await app(scope, receive, send_wrapper)
        finally:
            if self.load is not None:
                self.load.ended()
            principal = state.get("principal")
            log.info("request", extra={"fields": {
                "request_id": request_id,
                "method": scope.get("method"),
                "path": loggable_path(scope.get("path", "")),
                "status": status_holder["status"],
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "person_id": str(principal.id) if principal else None,
            }})


# The client's pages (backend.clientpages): public, limited like the public API.
PUBLIC_PAGE_PREFIXES = ("/q/", "/i/")
PUBLIC_PREFIXES = ("/api/v1/auth/", "/api/v1/simulations", "/api/v1/rule-sets", "/api/v1/public/",
                   *PUBLIC_PAGE_PREFIXES)
# Probes of the platform: never throttled, and liveness must not depend on Redis.
# The Telegram webhook is guarded by its secrets, and all its calls come from Telegram's few
# addresses: a per-IP limit would refuse (and make Telegram redeliver) ordinary traffic.
UNLIMITED_PREFIXES = ("/api/v1/health/", "/api/v1/telegram/webhook/")


class RateLimitMiddleware:
    """Fixed one-minute windows counted in Redis, per caller (person, else IP); tighter on
    public routes.

    Each process takes slots from Redis in small blocks (``INCRBY``) and spends them locally,
    so most requests make no Redis round trip. The count stays global: a process can only
    hold back the unspent part of its block, so at worst ``(block - 1)`` requests per process
    are refused a little early; none is ever let through over the limit. If Redis is
    unreachable, requests pass: availability over throttling.
    """

    MAX_BLOCK = 10

    def __init__(self, app, redis, per_minute: int, public_per_minute: int) -> None:
        self.app = app
        self.redis = redis
        self.per_minute = per_minute
        self.public_per_minute = public_per_minute
        self._window = 0
        self._slots: dict[str, int] = {}  # key -> slots left this window; -1: limit reached

    def _block(self, limit: int) -> int:
        return max(1, min(self.MAX_BLOCK, limit // 20))

    async def _allowed(self, key: str, limit: int, window: int) -> bool:
        if window != self._window:
            self._window, self._slots = window, {}
        left = self._slots.get(key, 0)
        if left > 0:
            self._slots[key] = left - 1
            return True
        if left < 0:
            return False  # the window's limit is reached: no need to ask Redis again
        block = self._block(limit)
        try:
            pipe = self.redis.pipeline()
            pipe.incrby(key, block)
            pipe.expire(key, 61)
            count, _ = await pipe.execute()
        except Exception:  # noqa: BLE001 - fail open, see docstring
            return True
        granted = max(0, min(block, limit - (count - block)))
        self._slots[key] = granted - 1 if granted else -1
        return granted > 0

    async def __call__(self, scope, receive, send):
        if (scope["type"] != "http"
                or not scope["path"].startswith(("/api/", *PUBLIC_PAGE_PREFIXES))
                or scope["path"].startswith(UNLIMITED_PREFIXES)):
            return await self.app(scope, receive, send)
        state = scope["state"]
        principal = state.get("principal")
        public = scope["path"].startswith(PUBLIC_PREFIXES)
        limit = self.public_per_minute if public and principal is None else self.per_minute
        who = f"p:{principal.id}" if principal else f"ip:{_client_ip(scope)}"
        window = int(time.time() // 60)
        key = f"rl:{'pub' if public else 'api'}:{who}:{window}"
        if not await self._allowed(key, limit, window):
            retry = 60 - int(time.time() % 60)
            problem = Problem(429, "rate_limited", seconds=retry,
                              headers={"Retry-After": str(retry)})
            return await send_problem(send, problem, state["language"], state["request_id"])
        return await self.app(scope, receive, send)


IDEMPOTENCY_PENDING_TIMEOUT = 60  # seconds before an in-flight record counts as abandoned


class IdempotencyMiddleware:
    """``Idempotency-Key`` on POST: same key + same body -> the first response again; other body -> 409.

    ``store`` keeps the records (``backend.http.idempotency``, in PostgreSQL). The key is
    claimed before the handler runs, in a statement and a commit of its own, except on the
    paths of ``claimed_with_change``: there the claim is written with the handler's change,
    in its ``together()`` block (``backend.platform.claims``). Only a route whose every
    effect is written in that block's transaction may be listed (QuickJob creation); its
    answer is held until it is known to be the one to send.
    """

    def __init__(self, app, store=idempotency,
                 claimed_with_change: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.store = store
        self.claimed_with_change = claimed_with_change

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        key = _header(scope, b"idempotency-key")
        if not key:
            return await self.app(scope, receive, send)
        state = scope["state"]
        lang, request_id = state["language"], state["request_id"]
        if len(key) > 200:
            return await send_problem(
                send, Problem(422, "validation_failed", errors=[
                    FieldError("Idempotency-Key", "invalid_value")]), lang, request_id)
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        principal: Principal | None = state.get("principal")
        caller = f"p:{principal.id}" if principal else f"ip:{_client_ip(scope)}"
        scope_key = f"{caller}|{scope['path']}|{key}"
        request_hash = hashlib.sha256(scope["path"].encode() + b"\n" + body).hexdigest()

        if scope["path"] in self.claimed_with_change:
            return await self._claimed_with_change(scope, receive, send, body, scope_key,
                                                   request_hash)
        claim = await self.store.claim(scope_key, request_hash, IDEMPOTENCY_PENDING_TIMEOUT)
        if await self._answered_by_record(send, claim, lang, request_id):
            return
        captured = _Captured()

        async def capture_send(message):
            captured.add(message)
            await send(message)

        try:
            await self.app(scope, replaying(body, receive), capture_send)
        except BaseException:
            await self.store.release(scope_key)
            raise
        if not captured.final:
            await self.store.release(scope_key)  # let the client retry with the same key
        else:
            await self.store.complete(scope_key, captured.status, captured.content_type,
                                       captured.body)

    async def _claimed_with_change(self, scope, receive, send, body: bytes, scope_key: str,
                                   request_hash: str) -> None:
        state = scope["state"]
        lang, request_id = state["language"], state["request_id"]
        claim = claims.PendingClaim(scope_key, request_hash)
        captured = _Captured()
        held: list[dict] = []

        async def hold(message):
            captured.add(message)
            held.append(message)

        try:
            with claims.claimed_with_change(claim):
                await self.app(scope, replaying(body, receive), hold)
        except BaseException:
            if claim.written:
                await self.store.release(scope_key)
            raise
        if claim.taken:  # another request has the key: its record answers (this one was undone)
            if not await self._answered_by_other(send, scope_key, request_hash, lang,
                                                 request_id):
                await send_problem(send, Problem(409, "idempotency_in_progress",
                                                 headers={"Retry-After": "1"}), lang, request_id)
            return
        if captured.final and not claim.written:
            # Refused before writing anything (a 422...): the key's answer unless it has one.
            if not await self.store.complete_with_change(
                    scope_key, request_hash, captured.status, captured.content_type,
                    captured.body) and await self._answered_by_other(
                    send, scope_key, request_hash, lang, request_id):
                return
        for message in held:
            await send(message)
        if captured.final and claim.written:
            await self.store.complete_with_change(scope_key, request_hash, captured.status,
                                                  captured.content_type, captured.body)
        elif claim.written:
            await self.store.release(scope_key)

    async def _answered_by_other(self, send, scope_key: str, request_hash: str, lang: str,
                                 request_id: str) -> bool:
        """Answer from another request's record of the key; False when that request released
        it in between (the key is free again)."""
        found = await self.store.claim(scope_key, request_hash, IDEMPOTENCY_PENDING_TIMEOUT)
        if await self._answered_by_record(send, found, lang, request_id):
            return True
        await self.store.release(scope_key)  # the claim just taken is not this request's
        return False

    @staticmethod
    async def _answered_by_record(send, claim: idempotency.Claim, lang: str,
                                  request_id: str) -> bool:
        """Answer from the key's record: a conflict, in progress, or the first answer again;
        False when the key was free (``claim`` is this request's)."""
        if claim.conflict:
            await send_problem(send, Problem(409, "idempotency_conflict"), lang, request_id)
        elif claim.in_progress:
            await send_problem(send, Problem(409, "idempotency_in_progress",
                                             headers={"Retry-After": "1"}), lang, request_id)
        elif claim.replay is not None:
            status, content_type, stored = claim.replay
            headers = [(b"content-type", content_type.encode()),
                       (b"content-length", str(len(stored)).encode()),
                       (b"idempotent-replayed", b"true")]
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": stored})
        else:
            return False
        return True


class _Captured:
    """An answer as it is sent: status, content type and body."""

    def __init__(self) -> None:
        self.status, self.content_type, self.body = 500, "application/json", b""

    def add(self, message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            for k, v in message.get("headers", []):
                if k.lower() == b"content-type":
                    self.content_type = v.decode("latin-1")
        elif message["type"] == "http.response.body":
            self.body += message.get("body", b"")

    @property
    def final(self) -> bool:
        """Not a 5xx, 401, 409 or 429: the answer the same key gets again."""
        return self.status < 500 and self.status not in (401, 409, 429)
