"""The people of the QuickJob tests (worker A, worker B, an adviser), shared with this folder."""

from tests.quickjobs.conftest import (  # noqa: F401 - fixtures re-exported for this folder
    adviser_headers,
    other_worker_headers,
    passerby_headers,
    worker_headers,
)
