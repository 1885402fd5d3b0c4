# Two commands on a fresh machine: `make run` and `make test` (Python 3.11 and make are enough).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install openapi lint chat bench bench-engine bench-quickjob bench-payroll clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP) ## API + worker on http://localhost:8000 (embedded PostgreSQL/Redis unless DATABASE_URL/REDIS_URL)
	APP_ENV=$${APP_ENV:-development} $(PY) -m backend.main run

test: $(STAMP) ## all tests against a real PostgreSQL, Redis and rq worker
	$(PY) -m pytest

openapi: $(STAMP) ## re-export openapi/openapi.json from the code
	$(PY) -m backend.openapi_export

lint: $(STAMP)
	$(VENV)/bin/ruff check .

bench: bench-engine bench-quickjob bench-payroll ## every benchmark; figures in bench/README.md

bench-engine: $(STAMP) ## Smart Belgium's 2017 year through the engine
	$(PY) bench/engine_year.py

bench-quickjob: $(STAMP) ## OTP sign-in to a created QuickJob, server time per step
	$(PY) bench/quickjob_flow.py

bench-payroll: $(STAMP) ## a salary run over 10,000 due contracts
	$(PY) bench/payroll_run.py --contracts 10000

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
