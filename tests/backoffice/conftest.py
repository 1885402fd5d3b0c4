import datetime as dt
from pathlib import Path

from backend.engine.ogm import make_ogm, parse_ogm
from tests.quickjobs.conftest import (  # noqa: F401
    adviser_headers,
    other_worker_headers,
    quickjob_body,
    token_of,
    worker_headers,
)

FIXTURES = Path(__file__).parent / "fixtures"
# The fixtures were written for invoices of 2026; the structured communication of an invoice
# carries its year, so the loader rewrites them for the year the tests run in (same width).
FIXTURE_YEAR = 26


def ogm_digits(year: int, sequence: int) -> str:
    return parse_ogm(make_ogm(year % 100 * 10**8 + sequence))


def load_fixture(name: str) -> str:
    text = (FIXTURES / name).read_text()
    year = dt.date.today().year
    for sequence in range(1, 10):
        text = text.replace(ogm_digits(FIXTURE_YEAR, sequence), ogm_digits(year, sequence))
    return text
