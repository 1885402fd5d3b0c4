"""Labels exist in nl, fr and en with the same placeholders; the package stays framework-free."""

from __future__ import annotations

import string
import subprocess
import sys
from pathlib import Path

from backend.documents.labels import (
    CONTRACT_TYPE_LABELS,
    EXPENSE_CATEGORY_LABELS,
    LABELS,
    label,
)
from backend.documents.models import CONTRACT_TYPES
from backend.engine.rules import RuleBook


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_label_in_three_languages_with_the_same_placeholders():
    for table in (LABELS, CONTRACT_TYPE_LABELS, EXPENSE_CATEGORY_LABELS):
        for code, texts in table.items():
            assert set(texts) == {"nl", "fr", "en"}, code
            assert all(t.strip() for t in texts.values()), code
            assert placeholders(texts["nl"]) == placeholders(texts["fr"]) == \
                placeholders(texts["en"]), code


def test_every_contract_type_has_labels_and_every_exemption_a_mention_in_every_rule_set():
    assert set(CONTRACT_TYPE_LABELS) == set(CONTRACT_TYPES)
    for rule_set in RuleBook.default().rule_sets():
        for code, (mention, _client) in rule_set.vat_exemptions.items():
            assert set(mention) == {"nl", "fr", "en"}, (rule_set.id, code)
            assert rule_set.vat_exemption_codes[code][0] in ("E", "AE", "G", "O"), code


def test_label_formats_parameters():
    assert label("page", "fr", page=1, pages=3) == "Page 1/3"


def test_the_package_imports_no_web_framework_nor_orm():
    code = ("import sys, backend.documents, backend.documents.pdf, backend.documents.ubl, "
            "backend.documents.adapters, backend.documents.ports; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('litestar', 'piccolo')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stdout + result.stderr
