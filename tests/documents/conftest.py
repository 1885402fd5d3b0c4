"""Fixtures of the documents tests. Names avoid the top-level conftest's ``client`` and
``worker`` fixtures (those start the databases); nothing here needs a database."""

from __future__ import annotations

import pytest
from documents_samples import extract_text


@pytest.fixture
def pdf_text():
    return extract_text
