import json

from backend.openapi_export import OPENAPI_PATH, render


def test_exported_schema_matches_the_code():
    """openapi/openapi.json is what the app is generated from: run `make openapi` after a change."""
    current = json.loads(render())
    committed = json.loads(OPENAPI_PATH.read_text())
    assert committed == current, "openapi/openapi.json is stale: run `make openapi`"


def test_every_operation_has_an_explicit_operation_id():
    schema = json.loads(render())
    ids = []
    for path, item in schema["paths"].items():
        for method, op in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                assert "operationId" in op, f"{method} {path}"
                ids.append(op["operationId"])
    assert len(ids) == len(set(ids))
    # Litestar's generated ids are PascalCase of the path; ours are camelCase verbs.
    assert all(i[0].islower() for i in ids), ids
