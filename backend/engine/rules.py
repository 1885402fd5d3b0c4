"""Date-versioned rule sets: documents, loading, contiguity, lookup.

One JSON file per (country, legal entity, validity period) in ``rulesets/``::

    {"id": "be-smart-2026", "country": "BE", "legal_entity": "smart",
     "valid_from": "2026-01-01", "valid_to": "2026-12-31", "description": "...",
     "parameters": {"contribution.rate_percent": {"value": "6.5", "source": "seed 000:535"}, ...},
     "amendments": [{"valid_from": "2026-04-01", "note": "...", "parameters": {...partial...}}]}

Every parameter is ``{"value", "source"}``; the source names the official document and a
second, independent one (payroll bureau or open implementation), a seed reference
(``002:401-412``) or says what could not be confirmed. Amendments split a file into segments
(mid-year changes such as an indexation); a segment's id is ``<file id>`` for the first one and
``<file id>@<valid_from>`` for the next ones. The schema and value checks live in
:mod:`backend.engine.rules_schema`, the compiled segment in :mod:`backend.engine.ruleset`, the
check of an uploaded file in :mod:`backend.engine.rules_upload`.

Legal entity ids: ``smart`` = Smart Belgium (the cooperative's Belgian employer entity).

Lookup: ``RuleBook.for_date(country, entity, on)`` returns the segment whose validity
contains ``on``; a date after the latest segment returns the latest one with
``fallback=True`` (no rule set in force yet: results say so in words, see
:mod:`backend.engine.notices`); a date before the earliest one is an ``EngineInputError``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .errors import EngineInputError
from .rules_schema import (
    CONTRACT_TYPES,
    COUNTRY,
    EXPENSE_CATEGORIES,
    IDENT,
    LANGS,
    REQUIRED_TOP_LEVEL,
    SCHEMA,
    TOP_LEVEL_KEYS,
    VAT_EXEMPTIONS,
    check_parameters,
    fail,
)
from .ruleset import ContractRule, RuleSet, easter_sunday

__all__ = [
    "CONTRACT_TYPES",
    "EXPENSE_CATEGORIES",
    "LANGS",
    "RULESET_DIR",
    "SCHEMA",
    "VAT_EXEMPTIONS",
    "ContractRule",
    "RuleBook",
    "RuleSet",
    "easter_sunday",
    "segments_from_document",
]

RULESET_DIR = Path(__file__).with_name("rulesets")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _parse_date(where: str, value: Any) -> date:
    if not isinstance(value, str):
        raise fail(where, "bad_date", "expected an ISO date string")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(where, "bad_date", f"invalid ISO date {value!r}", value=value) from None


def _check_header(doc: Any, where: str) -> tuple[str, str, str, date, date, str]:
    if not isinstance(doc, dict):
        raise fail(where, "not_an_object", "a rule-set file must contain a JSON object")
    extra = set(doc) - set(TOP_LEVEL_KEYS)
    if extra:
        raise fail(where, "unknown_top_level_keys", f"unknown top-level keys: {sorted(extra)}",
                   keys=", ".join(sorted(extra)))  # fmt: skip
    for key in REQUIRED_TOP_LEVEL:
        if key not in doc:
            raise fail(where, "missing_top_level_key", f"missing top-level key '{key}'", key=key)
    fid = doc["id"]
    if not isinstance(fid, str) or not _ID.match(fid):
        raise fail(where, "bad_id", "id must be lower-case letters, digits and dashes")
    country, entity = doc["country"], doc["legal_entity"]
    if not isinstance(country, str) or not COUNTRY.match(country):
        raise fail(where, "bad_country", "country must be a two-letter upper-case code")
    if not isinstance(entity, str) or not IDENT.match(entity):
        raise fail(where, "bad_entity", "legal_entity must be a lower-case identifier")
    if doc.get("currency", "EUR") != "EUR":
        raise fail(where, "bad_currency", "only EUR is supported")
    start = _parse_date(f"{where}.valid_from", doc["valid_from"])
    end = _parse_date(f"{where}.valid_to", doc["valid_to"])
    if end < start:
        raise fail(where, "end_before_start", "valid_to is before valid_from")
    description = doc.get("description", "")
    if not isinstance(description, str):
        raise fail(where, "bad_description", "description must be a string")
    return fid, country, entity, start, end, description


def segments_from_document(doc: Any, where: str = "<document>") -> list[RuleSet]:
    """Validate one rule-set document (parsed JSON) and expand it into segments."""
    fid, country, entity, start, end, description = _check_header(doc, where)
    where = f"{where} ({fid})"
    check_parameters(f"{where}.parameters", doc["parameters"], complete=True)
    amendments = doc.get("amendments", [])
    if not isinstance(amendments, list):
        raise fail(where, "bad_amendment", "amendments must be a list")
    params = dict(doc["parameters"])
    starts = [start]
    param_sets = [dict(params)]
    for i, am in enumerate(amendments):
        w = f"{where}.amendments[{i}]"
        if not isinstance(am, dict) or not {"valid_from", "parameters"} <= set(am) <= {
            "valid_from",
            "parameters",
            "note",
        }:
            raise fail(w, "bad_amendment", "an amendment has valid_from, parameters and an optional note")
        s = _parse_date(f"{w}.valid_from", am["valid_from"])
        if s <= starts[-1] or s > end:
            raise fail(w, "amendment_outside",
                       "amendments must start after the previous segment and within the file validity",
                       date=s.isoformat())  # fmt: skip
        check_parameters(f"{w}.parameters", am["parameters"], complete=False)
        params.update(am["parameters"])
        starts.append(s)
        param_sets.append(dict(params))
    out = []
    for n, (s, ps) in enumerate(zip(starts, param_sets, strict=True)):
        e = starts[n + 1] - timedelta(days=1) if n + 1 < len(starts) else end
        out.append(
            RuleSet(
                id=fid if n == 0 else f"{fid}@{s.isoformat()}",
                file_id=fid,
                country=country,
                legal_entity=entity,
                valid_from=s,
                valid_to=e,
                description=description,
                params=ps,
            )
        )
    return out


def _check_contiguous(by_key: dict[tuple[str, str], list[RuleSet]]) -> None:
    for key, lst in by_key.items():
        lst.sort(key=lambda r: r.valid_from)
        for prev, nxt in zip(lst, lst[1:], strict=False):
            if nxt.valid_from <= prev.valid_to:
                raise fail(nxt.id, "overlap", f"validity overlaps {prev.id} for {key[0]}/{key[1]}",
                           other=prev.id, day=nxt.valid_from.isoformat())  # fmt: skip
            if nxt.valid_from != prev.valid_to + timedelta(days=1):
                raise fail(nxt.id, "gap",
                           f"gap after {prev.id} for {key[0]}/{key[1]} (rule sets must be contiguous)",
                           other=prev.id, day=(prev.valid_to + timedelta(days=1)).isoformat())  # fmt: skip


class RuleBook:
    """All rule sets, indexed by (country, legal entity) and date. Immutable after load."""

    def __init__(self, rule_sets: Iterable[RuleSet], documents: Iterable[Any] = ()):
        self._by_key: dict[tuple[str, str], list[RuleSet]] = {}
        self._by_id: dict[str, RuleSet] = {}
        for rs in rule_sets:
            if rs.id in self._by_id:
                raise fail(rs.id, "duplicate_id", "duplicate rule-set id")
            self._by_id[rs.id] = rs
            self._by_key.setdefault((rs.country, rs.legal_entity), []).append(rs)
        _check_contiguous(self._by_key)
        self.documents: tuple[Any, ...] = tuple(documents)
        self._cache: dict[tuple[str, str, date], tuple[RuleSet, bool]] = {}

    @classmethod
    def from_documents(cls, docs: Iterable[Any]) -> RuleBook:
        docs = list(docs)
        out: list[RuleSet] = []
        for i, d in enumerate(docs):
            out.extend(segments_from_document(d, f"<document {i}>"))
        return cls(out, docs)

    @classmethod
    def load(cls, directory: str | Path = RULESET_DIR) -> RuleBook:
        directory = Path(directory)
        out: list[RuleSet] = []
        docs: list[Any] = []
        files = sorted(directory.glob("*.json"))
        if not files:
            raise fail(str(directory), "no_files", "no rule-set files found")
        for path in files:
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise fail(path.name, "invalid_json", f"invalid JSON: {exc}", detail=exc.msg) from None
            segs = segments_from_document(doc, path.name)
            if path.stem != segs[0].file_id:
                raise fail(path.name, "file_name_mismatch",
                           f"file name must be <id>.json (id is {segs[0].file_id})")  # fmt: skip
            out.extend(segs)
            docs.append(doc)
        return cls(out, docs)

    @staticmethod
    @functools.cache
    def default() -> RuleBook:
        """The rule sets shipped with the engine, loaded once per process."""
        return RuleBook.load(RULESET_DIR)

    def extended_with(self, doc: Any, *, replace: bool = False) -> RuleBook:
        """A new book with one more document (``replace``: it supersedes the file of the same id).

        Raises :class:`RuleSetError` when the result is not valid (schema, overlap, gap).
        """
        segs = segments_from_document(doc, "<upload>")
        fid = segs[0].file_id
        kept = [rs for rs in self._by_id.values() if not (replace and rs.file_id == fid)]
        if not replace and any(rs.file_id == fid for rs in kept):
            raise fail(fid, "id_exists", f"a rule set {fid} already exists", id=fid)
        docs = [d for d in self.documents if not (replace and d.get("id") == fid)]
        return RuleBook([*kept, *segs], [*docs, doc])

    def rule_sets(self) -> list[RuleSet]:
        return sorted(self._by_id.values(), key=lambda r: (r.country, r.legal_entity, r.valid_from))

    def get(self, rule_set_id: str) -> RuleSet:
        return self._by_id[rule_set_id]

    def describe(self) -> list[dict[str, Any]]:
        return [rs.describe() for rs in self.rule_sets()]

    def latest(self, country: str, legal_entity: str) -> RuleSet | None:
        lst = self._by_key.get((country, legal_entity))
        return lst[-1] if lst else None

    def in_force(self, country: str, legal_entity: str, on: date) -> bool:
        """Whether a rule set is in force on ``on`` (False for a fallback date or none at all)."""
        lst = self._by_key.get((country, legal_entity))
        return bool(lst) and lst[0].valid_from <= on <= lst[-1].valid_to

    def for_date(
        self, country: str, legal_entity: str, on: date, *, field: str = "performanceDates"
    ) -> tuple[RuleSet, bool]:
        """The rule set for ``on`` and whether it is a fallback (date after the latest set)."""
        key = (country, legal_entity, on)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        lst = self._by_key.get((country, legal_entity))
        if not lst:
            known = {c for c, _ in self._by_key}
            fld = "legalEntity" if country in known else "country"
            raise EngineInputError(
                fld,
                "no_rule_set",
                {"country": country, "entity": legal_entity, "date": on.isoformat()},
            )
        if on < lst[0].valid_from:
            raise EngineInputError(
                field,
                "no_rule_set",
                {"country": country, "entity": legal_entity, "date": on.isoformat()},
            )
        result: tuple[RuleSet, bool] | None = None
        for rs in lst:
            if rs.valid_from <= on <= rs.valid_to:
                result = (rs, False)
                break
        if result is None:
            result = (lst[-1], True)
        if len(self._cache) < 100_000:
            self._cache[key] = result
        return result

