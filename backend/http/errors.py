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

from backend.engine import EngineInputError
from backend.http.context import language_of
from backend.http.problems import FieldError, Problem
from backend.platform import i18n
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

PROBLEM_JSON = "application/problem+json"

_EXPECTED = re.compile(r"Expected `([^`]+)`")
_AT = re.compile(r"at `\$\.?([^`]*)`")
_MISSING = re.compile(r"missing required field `([^`]+)`")
_UNKNOWN = re.compile(r"unknown field `([^`]+)`")


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
        problem = Problem(405, "method_not_allowed")
    elif exc.status_code == 429:
        problem = Problem(429, "rate_limited", seconds=60)
    elif exc.status_code < 500:
        problem = Problem(exc.status_code, "invalid_value")
    else:
        problem = Problem(exc.status_code, "internal_error")
    return _problem_response(request, problem)


def unexpected_handler(request: Request, exc: Exception) -> Response:
    if isinstance(exc, (asyncpg.exceptions.DataError, UnicodeDecodeError)):
        # Input PostgreSQL or the multipart parser cannot take (a NUL byte, invalid UTF-8):
        # the caller's fault, and nothing was written.
        return _problem_response(
            request, Problem(422, "validation_failed", errors=[FieldError("body", "invalid_value")]))
    if isinstance(exc, _UNAVAILABLE):
        log.warning("dependency unavailable: %r", exc)
        return _problem_response(
            request, Problem(503, "service_unavailable", headers={"Retry-After": "2"})
        )
    log.exception("unhandled error", extra={"fields": {"path": request.url.path}})
    return _problem_response(request, Problem(500, "internal_error"))


def engine_problem(exc: EngineInputError) -> Problem:
    """The engine localises its own messages; carry them as a field error."""
    code = f"engine.{exc.code}"
    i18n.register({code: {lang: exc.message(lang) for lang in i18n.LANGUAGES}})
    return Problem(422, "validation_failed", errors=[FieldError(exc.field, code)])


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
    Exception: unexpected_handler,
}
