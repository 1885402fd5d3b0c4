"""Request body limits, before anything reads a body: 413 for too large, 422 for JSON nested
deeper than any of our documents (a thousand levels made the decoder recurse into a 500).

JSON bodies (``application/json``, ``*+json``) may have ``JSON_MAX_BYTES``; other bodies
(multipart uploads: receipts, signed orders, CODA files) ``MAX_BODY_BYTES``. A
``Content-Length`` over the limit is refused without reading; a body streamed without one is
counted as it comes.
"""

from __future__ import annotations

import re
from itertools import accumulate

from backend.http.errors import JSON_MAX_DEPTH
from backend.http.middleware import replaying, send_problem
from backend.http.problems import FieldError, Problem

JSON_MAX_BYTES = 1024 * 1024
MAX_BODY_BYTES = 10_000_000  # Litestar's own request_max_body_size
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_BRACKETS = bytes(range(256)).translate(None, b"[]{}")  # everything but brackets, to delete


def json_depth(body: bytes) -> int:
    """How deep arrays and objects nest (0 for a scalar); brackets inside strings don't count."""
    brackets = _STRING.sub(b"", body).translate(None, _BRACKETS)
    return max(accumulate(1 if c in b"[{" else -1 for c in brackets), default=0)


def too_deep(body: bytes, limit: int = JSON_MAX_DEPTH) -> bool:
    if body.count(b"[") + body.count(b"{") <= limit:
        return False  # cannot nest deeper than it has openings: the common case, no scan
    return json_depth(body) > limit


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


def _is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


class BodyLimitMiddleware:
    def __init__(self, app, json_max_bytes: int = JSON_MAX_BYTES,
                 max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.json_max_bytes = json_max_bytes
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        state = scope.get("state", {})
        lang, request_id = state.get("language", "nl"), state.get("request_id")
        is_json = _is_json(_header(scope, b"content-type"))
        limit = self.json_max_bytes if is_json else self.max_bytes
        too_large = Problem(413, "payload_too_large", max=limit // 1024)
        length = _header(scope, b"content-length")
        if length is not None and length.strip().isdigit() and int(length) > limit:
            return await send_problem(send, too_large, lang, request_id)
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return await send_problem(send, too_large, lang, request_id)
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if is_json and too_deep(body):
            problem = Problem(422, "validation_failed",
                              errors=[FieldError("body", "json_too_deep", {"max": JSON_MAX_DEPTH})])
            return await send_problem(send, problem, lang, request_id)
        return await self.app(scope, replaying(body, receive), send)
