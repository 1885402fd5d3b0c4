"""Every error leaves as localised problem+json (RFC 9457)."""

from __future__ import annotations

import logging
import re

import asyncpg
from litestar import Request, Response
from litestar.exceptions import (
    HTTPException,
    MethodNotAllowedException,
    NotAuthorizedException,
    NotFoundException,
    PermissionDeniedException,
    ValidationException,
)

import backend.http.messages  # noqa: F401 - registers the messages of the HTTP edge
from backend.engine import EngineInputError
from backend.engine.errors import MESSAGES as ENGINE_MESSAGES
from backend.http.context import language_of
from backend.http.problems import FieldError, Problem
from backend.platform import i18n
from backend.platform.claims import ClaimTaken
from backend.platform.db import UNAVAILABLE as _UNAVAILABLE
from backend.platform.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    NotFound,
    Unavailable,
)

log = logging.getLogger("backend.errors")

# The engine localises its own refusals; the edge renders them from the same catalogue.
i18n.register({f"engine.{code}": texts for code, texts in ENGINE_MESSAGES.items()})

PROBLEM_JSON = "application/problem+json"
JSON_MAX_DEPTH = 32  # also backend.http.limits

_EXPECTED = re.compile(r"Expected `([^`]+)`")
_AT = re.compile(r"at `\$\.?([^`]*)`")
_MISSING = re.compile(r"missing required field `([^`]+)`")
_UNKNOWN = re.compile(r"unknown field `([^`]+)`")
# msgspec's messages for a constraint of the schema (msgspec.Meta, Literal): "Expected `int`
# >= 1", "Expected `str` of length <= 200", "Expected `array` of length >= 1", "Expected `str`
# matching regex '...'", "Invalid enum value 'x'". Each becomes a localised field error.
_BOUND = re.compile(r"Expected `(?:int|float|number)` (>=|>|<=|<) (-?[0-9.e+]+)")
_LENGTH = re.compile(r"Expected `(str|array|object|bytes)` of length (>=|<=) ([0-9]+)")
_PATTERN = re.compile(r"Expected `str` matching regex")
_ENUM = re.compile(r"Invalid enum value")
_BOUND_CODES = {">=": "at_least", ">": "more_than", "<=": "at_most", "<": "less_than"}


def _problem_response(request: Request, problem: Problem) -> Response:
    lang = language_of(request)
    return Response(
        content=problem.to_body(lang, instance=request.url.path),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers={**problem.headers, "Content-Language": lang},
    )


def _field_path(raw: str) -> str:
    # msgspec paths look like "$.expenses[0].amountCents"
    return raw.lstrip("$").lstrip(".") or "body"


def _translate_validation(exc: ValidationException) -> Problem:
    errors: list[FieldError] = []
    extra = exc.extra if isinstance(exc.extra, list) else []
    for item in extra:
        message = str(item.get("message", "")) if isinstance(item, dict) else str(item)
        at = _AT.search(message)
        key = item.get("key") if isinstance(item, dict) else None
        source = item.get("source") if isinstance(item, dict) else None
        if at:
            field = _field_path(at.group(1))
        elif key and not (source == "body" and key == "data"):
            field = key  # Litestar moves msgspec's "$.a.b" path into "key"
        else:
            field = "body"  # the body itself ("data" is only our handlers' parameter name)
        nested = f"{field}." if field != "body" else ""
        if m := _MISSING.search(message):
            errors.append(FieldError(nested + m.group(1), "field_required"))
        elif m := _UNKNOWN.search(message):
            errors.append(FieldError(nested + m.group(1), "unknown_field"))
        elif m := _BOUND.search(message):
            errors.append(FieldError(field, _BOUND_CODES[m.group(1)], {"limit": m.group(2)}))
        elif m := _LENGTH.search(message):
            kind = "items" if m.group(1) in ("array", "object") else "characters"
            code = f"{'min' if m.group(2) == '>=' else 'max'}_{kind}"
            errors.append(FieldError(field, code, {"limit": int(m.group(3))}))
        elif _PATTERN.search(message):
            errors.append(FieldError(field, "wrong_format"))
        elif _ENUM.search(message):
            errors.append(FieldError(field, "not_allowed_value"))
        elif m := _EXPECTED.search(message):
            errors.append(FieldError(field, "expected_type", {"expected": m.group(1)}))
        elif "malformed" in message.lower():
            errors.append(FieldError("body", "malformed_body"))
        else:
            errors.append(FieldError(field, "invalid_value"))
    if not errors:
        errors.append(FieldError("body", "malformed_body"))
    return Problem(422, "validation_failed", errors=errors)


def problem_handler(request: Request, exc: Problem) -> Response:
    return _problem_response(request, exc)


def validation_handler(request: Request, exc: ValidationException) -> Response:
    return _problem_response(request, _translate_validation(exc))


def http_handler(request: Request, exc: HTTPException) -> Response:
    if isinstance(exc, NotFoundException):
        problem = Problem(404, "not_found")
    elif isinstance(exc, NotAuthorizedException):
        problem = Problem(401, "not_authenticated", headers={"WWW-Authenticate": "Bearer"})
    elif isinstance(exc, PermissionDeniedException):
        problem = Problem(403, "forbidden")
    elif isinstance(exc, MethodNotAllowedException):
        # RFC 9110 15.5.6: a 405 lists the methods the resource has (Litestar computed them).
        allow = {k.lower(): v for k, v in (exc.headers or {}).items()}.get("allow", "")
        problem = Problem(405, "method_not_allowed", headers={"Allow": allow} if allow else None)
    elif exc.status_code == 413:
        problem = Problem(413, "payload_too_large")
    elif exc.status_code == 429:
        problem = Problem(429, "rate_limited", seconds=60)
    elif exc.status_code < 500:
        problem = Problem(exc.status_code, "invalid_value")
    else:
        problem = Problem(exc.status_code, "internal_error")
    return _problem_response(request, problem)


def is_unavailable(exc: BaseException) -> bool:
    """A dependency (PostgreSQL, Redis) is down or restarting: 503, the client retries."""
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return isinstance(exc, (*_UNAVAILABLE, RedisConnectionError, RedisTimeoutError))


def problem_for(exc: BaseException) -> Problem:
    """The problem an unexpected exception becomes (logged here)."""
    if isinstance(exc, (asyncpg.exceptions.DataError, UnicodeDecodeError)):
        # Input PostgreSQL or the multipart parser cannot take (a NUL byte, invalid UTF-8):
        # the caller's fault, and nothing was written.
        return Problem(422, "validation_failed", errors=[FieldError("body", "invalid_value")])
    if isinstance(exc, RecursionError):
        # Nesting deeper than the decoder can follow (the body limits catch it first).
        return Problem(422, "validation_failed", errors=[FieldError("body", "json_too_deep")],
                       max=JSON_MAX_DEPTH)
    if is_unavailable(exc):
        log.warning("dependency unavailable: %r", exc)
        return Problem(503, "service_unavailable", headers={"Retry-After": "2"})
    log.exception("unhandled error", exc_info=exc)
    return Problem(500, "internal_error")


def claim_taken_handler(request: Request, exc: ClaimTaken) -> Response:
    # Never sent: IdempotencyMiddleware answers from the other request's record instead.
    return _problem_response(request, Problem(409, "idempotency_in_progress",
                                              headers={"Retry-After": "1"}))


def unexpected_handler(request: Request, exc: Exception) -> Response:
    return _problem_response(request, problem_for(exc))


class ProblemGuard:
    """The outermost ASGI layer: whatever escapes the middleware (the idempotency store while
    PostgreSQL restarts, a bug) still leaves as problem+json, 503 with Retry-After when a
    dependency is down. After the response has started there is nothing left to say: logged."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # noqa: BLE001 - turned into a response or logged
            if started:
                log.warning("error after the response started: %r", exc,
                            exc_info=not is_unavailable(exc))
                return
            from backend.http.middleware import send_problem

            state = scope.get("state", {})
            await send_problem(send, problem_for(exc), state.get("language", "nl"),
                               state.get("request_id"))


def engine_problem(exc: EngineInputError) -> Problem:
    """An engine refusal as a field error, in the engine's own words (its catalogue, registered
    once below, renders with the error's params in the reader's language)."""
    return Problem(422, "validation_failed",
                   errors=[FieldError(exc.field, f"engine.{exc.code}", exc.params)])


def engine_handler(request: Request, exc: EngineInputError) -> Response:
    return _problem_response(request, engine_problem(exc))


# Each kind of domain error (backend.platform.errors) and the status it answers with.
DOMAIN_STATUS: tuple[tuple[type[DomainError], int], ...] = (
    (Invalid, 422), (NotFound, 404), (Conflict, 409), (Forbidden, 403), (Unavailable, 503))


def problem_of(exc: DomainError) -> Problem:
    """The problem+json a domain error becomes at the edge."""
    status = next((code for kind, code in DOMAIN_STATUS if isinstance(exc, kind)), 422)
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after is not None else {}
    return Problem(status, exc.code, errors=exc.errors, headers=headers, **exc.params)


def domain_handler(request: Request, exc: DomainError) -> Response:
    return _problem_response(request, problem_of(exc))


EXCEPTION_HANDLERS = {
    Problem: problem_handler,
    DomainError: domain_handler,
    EngineInputError: engine_handler,
    ValidationException: validation_handler,
    HTTPException: http_handler,
    ClaimTaken: claim_taken_handler,
    Exception: unexpected_handler,
}
