"""Fixtures for the engine tests (pure, synchronous)."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from backend.engine import RuleBook
from backend.engine.rules import RULESET_DIR


@pytest.fixture(scope="session")
def book() -> RuleBook:
    return RuleBook.default()


@pytest.fixture(scope="session")
def rs2025(book):
    """The 2025 segment in force from 2025-02-01."""
    rs, fallback = book.for_date("BE", "smart", date(2025, 6, 1))
    assert not fallback
    return rs


@pytest.fixture(scope="session")
def _docs() -> dict[str, dict]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(RULESET_DIR.glob("*.json"))
    }


@pytest.fixture
def doc2025(_docs) -> dict:
    """A fresh deep copy of the shipped 2025 rule-set document (safe to modify)."""
    return copy.deepcopy(_docs["be-smart-2025"])


@pytest.fixture
def doc2024(_docs) -> dict:
    return copy.deepcopy(_docs["be-smart-2024"])


@pytest.fixture
def doc2026(_docs) -> dict:
    return copy.deepcopy(_docs["be-smart-2026"])
