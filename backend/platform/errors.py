"""Domain errors: what a rule refuses, said without HTTP.

Services raise these; the edge (``backend.http.errors``) maps each kind to its problem+json
status. ``code`` names both the problem type and its localised message (``i18n``); ``params``
fill the message; ``errors`` name each bad field of an ``Invalid``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    params: dict = field(default_factory=dict)


class DomainError(Exception):
    default_code = "invalid_value"

    def __init__(self, code: str | None = None, /, *, errors: list[FieldError] | None = None,
                 retry_after: int | None = None, **params: object) -> None:
        self.code = code or self.default_code
        super().__init__(self.code)
        self.errors = errors or []
        self.retry_after = retry_after
        self.params = params


class Invalid(DomainError):
    """The input breaks a rule; nothing was changed."""

    default_code = "validation_failed"


class NotFound(DomainError):
    """No such thing, or not one the caller may see (the same answer, so nothing leaks)."""

    default_code = "not_found"


class Conflict(DomainError):
    """The current state refuses the change (already done, wrong status, too late...)."""

    default_code = "conflict"


class Forbidden(DomainError):
    """The caller is known but may not do this."""

    default_code = "forbidden"


class Unavailable(DomainError):
    """Something the change needs is briefly out of reach; worth a retry later."""

    default_code = "service_unavailable"


def invalid(field_name: str, code: str, /, **params: object) -> Invalid:
    """One bad field: the common case."""
    return Invalid(errors=[FieldError(field_name, code, params)])
