"""Export the OpenAPI document the mobile app is generated from: ``make openapi``."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from backend.platform.settings import PROJECT_ROOT, Settings

OPENAPI_PATH = PROJECT_ROOT / "openapi" / "openapi.json"


def render() -> str:
    from backend.app import create_app
    from backend.rulesets import book

    # No connection is opened: the schema comes from the route table alone. Making the app
    # points the process's rule-book source at these settings: put the caller's back (a test
    # process keeps computing with its own Redis).
    settings = Settings(app_env="test", data_dir=Path(tempfile.mkdtemp()),
                        redis_url="redis://127.0.0.1:1/0")
    previous = book.source()
    try:
        schema = create_app(settings).openapi_schema.to_schema()
    finally:
        book.use(previous)
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    OPENAPI_PATH.parent.mkdir(exist_ok=True)
    OPENAPI_PATH.write_text(render())
    print(f"wrote {OPENAPI_PATH}")


if __name__ == "__main__":
    main()
