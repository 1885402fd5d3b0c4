# Two commands on a fresh machine: `make run` and `make test` (Python 3.11 and make are enough).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: faults run test install openapi lint chat bench bench-engine bench-quickjob bench-payroll bench-bot bench-load bench-worker client clean

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

chat: $(STAMP) ## talk to the bot as the demo worker (over HTTP when `make run` is up, else in-process)
	APP_ENV=$${APP_ENV:-development} $(PY) -m backend.chat.terminal $(ARGS)

faults: $(STAMP) ## the fault tests alone: PostgreSQL restart, Redis down, worker SIGKILL
	$(PY) -m pytest tests/faults

openapi: $(STAMP) ## re-export openapi/openapi.json from the code
	$(PY) -m backend.openapi_export

lint: $(STAMP)
	$(VENV)/bin/ruff check .

bench: bench-engine bench-quickjob bench-payroll bench-load bench-bot bench-worker ## every benchmark; figures in bench/README.md

bench-engine: $(STAMP) ## Smart Belgium's 2017 year through the engine
	$(PY) bench/engine_year.py

bench-quickjob: $(STAMP) ## OTP sign-in to a created QuickJob, server time per step
	$(PY) bench/quickjob_flow.py

bench-payroll: $(STAMP) ## a salary run over 10,000 due contracts
	$(PY) bench/payroll_run.py --contracts 10000 --monthly 1000

bench-bot: $(STAMP) ## the chat-bot: messages to a QuickJob, server time per reply
	$(PY) bench/bot.py

bench-load: $(STAMP) ## wrk against the API + worker on PostgreSQL/Redis (needs wrk: apt-get install wrk)
	$(PY) bench/load/run.py

bench-worker: $(STAMP) ## the worker's start-up overhead per job and drain rate (trivial jobs via the outbox)
	$(PY) bench/worker_jobs.py

CLIENT := clients/typescript

$(CLIENT)/node_modules/.quickjob-lock.sha256: $(CLIENT)/package-lock.json
	cd $(CLIENT) && npm ci --no-audit --no-fund
	sha256sum $(CLIENT)/package-lock.json | cut -d' ' -f1 > $@

client: $(CLIENT)/node_modules/.quickjob-lock.sha256 ## the app's typed client: generate from openapi/openapi.json, tsc --noEmit
	cd $(CLIENT) && npm run --silent generate && npx tsc --noEmit

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
