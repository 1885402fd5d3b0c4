"""RFC 9457 problem details, localised. Raise ``Problem`` anywhere below the controllers."""

from __future__ import annotations

from backend.platform import i18n
from backend.platform.errors import FieldError

PROBLEM_BASE = "https://quickjob.example/problems/"


class Problem(Exception):
    """A client-facing error: ``code`` names both the problem type and its message."""

    def __init__(
        self,
        status: int,
        code: str,
        /,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        **params: object,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.errors = errors or []
        self.headers = headers or {}
        self.params = params

    def to_body(self, lang: str, instance: str | None = None) -> dict:
        body: dict = {
            "type": PROBLEM_BASE + self.code,
            "title": i18n.t(self.code, lang, **self.params),
            "status": self.status,
            "detail": i18n.t(self.code, lang, **self.params),
        }
        if instance:
            body["instance"] = instance
        if self.errors:
            body["errors"] = [
                {"field": e.field, "code": e.code, "message": i18n.t(e.code, lang, **e.params)}
                for e in self.errors
            ]
        return body


def invalid(field_name: str, code: str, /, **params: object) -> Problem:
    """422 for one bad field: the common case."""
    return Problem(422, "validation_failed", errors=[FieldError(field_name, code, params)])


class NotFound(Problem):
    def __init__(self) -> None:
        super().__init__(404, "not_found")


class Forbidden(Problem):
    def __init__(self) -> None:
        super().__init__(403, "forbidden")


# The documented shape of every error response (OpenAPI), as sent by backend.http.errors.
import msgspec  # noqa: E402


class ProblemFieldError(msgspec.Struct):
    field: str
    code: str
    message: str


class ProblemDetails(msgspec.Struct, omit_defaults=True):
    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[ProblemFieldError] | None = None
