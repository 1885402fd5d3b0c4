"""What a port method raises for a value the user must give again."""

from __future__ import annotations


class FieldProblem(Exception):
    """A service refused a value: ``field`` is a dialogue field (None: not one the user can fix
    by answering), ``message`` the localised reason."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
