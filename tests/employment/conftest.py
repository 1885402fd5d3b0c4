from tests.quickjobs.conftest import (  # noqa: F401
    adviser_headers,
    other_worker_headers,
    worker_headers,
)
