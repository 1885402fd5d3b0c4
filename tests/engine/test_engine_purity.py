"""The engine stays pure: no web/DB/I-O imports, no floats in the computation code, all
error codes translated."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from backend.engine.errors import LANGUAGES, MESSAGES

ENGINE = Path(__file__).resolve().parents[2] / "backend" / "engine"
ALLOWED_TOP = {
    "__future__", "collections", "dataclasses", "datetime", "decimal", "functools", "json",
    "pathlib", "re", "typing", "stdnum",
}  # fmt: skip


@pytest.mark.parametrize("path", sorted(ENGINE.glob("*.py")), ids=lambda p: p.name)
def test_imports_are_stdlib_or_stdnum(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        for name in names:
            assert name.split(".")[0] in ALLOWED_TOP, f"{path.name} imports {name}"


@pytest.mark.parametrize("path", sorted(ENGINE.glob("*.py")), ids=lambda p: p.name)
def test_no_float_in_engine(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant):
            assert not isinstance(node.value, float), f"float literal in {path.name}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id != "float", f"float() in {path.name}"
        if isinstance(node, ast.BinOp):
            assert not isinstance(node.op, ast.Div), f"true division in {path.name}:{node.lineno}"


def test_every_raised_code_has_three_languages():
    raised = set()
    for path in ENGINE.glob("*.py"):
        raised |= set(
            re.findall(
                r'EngineInputError\(\s*[^,]+,\s*"([a-z_]+)"', path.read_text(encoding="utf-8")
            )
        )
    assert raised, "regex found nothing"
    missing = raised - set(MESSAGES)
    assert not missing
    for code, templates in MESSAGES.items():
        assert set(templates) == set(LANGUAGES), code
        assert len(set(templates.values())) == 3, code
