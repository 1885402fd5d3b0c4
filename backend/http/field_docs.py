"""The API's vocabulary: what each wire name means, for the OpenAPI schema.

A property without its own ``msgspec.Meta(description=...)`` is described by its name here,
the same in every schema (``amountCents`` is always euro cents, ``payDate`` always the day the
net pay reaches the worker's account). ``BY_SCHEMA`` gives a name another meaning in one
schema. ``backend.http.openapi`` applies both; tests/http/test_openapi_coverage.py checks
that every property of every schema ends up described.
"""

from __future__ import annotations

from typing import NamedTuple


class Doc(NamedTuple):
    description: str
    examples: tuple = ()


def lookup(schema: str | None, name: str) -> Doc | None:
    if schema is not None and (schema, name) in BY_SCHEMA:
        return BY_SCHEMA[(schema, name)]
    return FIELDS.get(name)


def _d(description: str, *examples) -> Doc:
    return Doc(description, examples)


FIELDS: dict[str, Doc] = {}
BY_SCHEMA: dict[tuple[str, str], Doc] = {}
