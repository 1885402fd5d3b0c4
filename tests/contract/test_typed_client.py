"""The app's side of the contract: a typed client generated from openapi/openapi.json compiles.

``clients/typescript`` generates TypeScript types from the exported schema with
openapi-typescript (pinned in its package-lock.json) and type-checks ``src/app.ts``, which uses
them the way the mobile app does (OTP sign-in, simulation, QuickJob creation and status, a bot
message, a problem+json error). A schema the app cannot consume fails ``tsc --noEmit`` here.

The second test shows the check has teeth: the same app against a copy of the schema with a
field it uses renamed, removed, or a new required request field, must not compile.

Needs node and npm (``npm ci`` runs when node_modules is missing or the lock changed). Without
them the tests are skipped, unless ``CI`` is set: then they fail.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "clients" / "typescript"
SCHEMA = ROOT / "openapi" / "openapi.json"
STAMP = CLIENT / "node_modules" / ".quickjob-lock.sha256"
TIMEOUT = 600


def _run(args: list[str], cwd: Path = CLIENT) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT,
                          env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"})


def _show(result: subprocess.CompletedProcess) -> str:
    return f"$ {shlex.join(result.args)}\n(exit {result.returncode})\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def node_modules() -> Path:
    """npm ci, only when node_modules is missing or package-lock.json changed since."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        message = "node and npm are needed for the typed-client contract test"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    lock = hashlib.sha256((CLIENT / "package-lock.json").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != lock:
        result = _run(["npm", "ci", "--no-audit", "--no-fund"])
        assert result.returncode == 0, _show(result)
        STAMP.write_text(lock + "\n")
    return CLIENT / "node_modules"


def _generate(schema: Path, output: Path) -> subprocess.CompletedProcess:
    """package.json's generate script, with another input and output (same flags)."""
    script = json.loads((CLIENT / "package.json").read_text())["scripts"]["generate"]
    args = shlex.split(script)
    args[args.index("../../openapi/openapi.json")] = str(schema)
    args[args.index("--output") + 1] = str(output)
    return _run([str(CLIENT / "node_modules" / ".bin" / args[0]), *args[1:]])


def _tsc(project: Path | None = None) -> subprocess.CompletedProcess:
    tsc = str(CLIENT / "node_modules" / ".bin" / "tsc")
    return _run([tsc, "--noEmit", *(["-p", str(project)] if project else [])])


def test_the_app_type_checks_against_the_schema(node_modules):
    generated = _run(["npm", "run", "--silent", "generate"])
    assert generated.returncode == 0, _show(generated)
    assert (CLIENT / "src" / "schema.d.ts").stat().st_size > 0
    checked = _tsc()
    assert checked.returncode == 0, "the app does not compile against openapi/openapi.json:\n" \
        + _show(checked)


def _rename(schema: dict, component: str, old: str, new: str) -> None:
    target = schema["components"]["schemas"][component]
    target["properties"][new] = target["properties"].pop(old)
    target["required"] = [new if name == old else name for name in target.get("required", [])]


def _remove(schema: dict, component: str, name: str) -> None:
    target = schema["components"]["schemas"][component]
    del target["properties"][name]
    target["required"] = [n for n in target.get("required", []) if n != name]


def _require_new(schema: dict, component: str, name: str) -> None:
    target = schema["components"]["schemas"][component]
    target["properties"][name] = {"type": "string"}
    target["required"] = [*target.get("required", []), name]


BREAKS = {
    # a response field the app reads is renamed
    "TokenPair.accessToken renamed": (lambda s: _rename(s, "TokenPair", "accessToken",
                                                        "access_token"), "accessToken"),
    # a response field the app reads disappears
    "QuickJobOut.status removed": (lambda s: _remove(s, "QuickJobOut", "status"), "status"),
    # the app's request body misses a field that became required
    "QuickJobCreate.clientReference required": (
        lambda s: _require_new(s, "QuickJobCreate", "clientReference"), "clientReference"),
}


@pytest.mark.parametrize("name", list(BREAKS))
def test_a_schema_the_app_cannot_consume_fails(node_modules, tmp_path, name):
    change, symptom = BREAKS[name]
    schema = copy.deepcopy(json.loads(SCHEMA.read_text()))
    change(schema)
    broken = tmp_path / "openapi.json"
    broken.write_text(json.dumps(schema))
    (tmp_path / "src").mkdir()
    generated = _generate(broken, tmp_path / "src" / "schema.d.ts")
    assert generated.returncode == 0, _show(generated)
    shutil.copy(CLIENT / "src" / "app.ts", tmp_path / "src" / "app.ts")
    (tmp_path / "tsconfig.json").write_text(json.dumps({
        "extends": str(CLIENT / "tsconfig.json"), "include": ["src/**/*.ts"]}))
    checked = _tsc(tmp_path / "tsconfig.json")
    assert checked.returncode != 0, f"{name}: tsc accepted a schema the app cannot use"
    assert symptom in checked.stdout, _show(checked)
