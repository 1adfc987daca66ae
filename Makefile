# Linkwatch: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LINKWATCH := $(BIN)/linkwatch
# Tests use their own server instance and port, so they never touch demo data.
TEST_HOME ?= $(CURDIR)/.linkwatch-test
TEST_PORT ?= 7688

.PHONY: install demo test lint neo4j-start neo4j-stop clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

DEMO_DATA ?= .linkwatch/demo-data
DEMO_SCALE ?= small
DEMO_PORT ?= 8000
# The first planted homicide of the demo data, to show its precursor path.
export DEMO_HOMICIDE := import json, sys; truth = json.load(open(sys.argv[1] + "/ground_truth.json")); print(next("death:" + d["outcome_death"] for d in truth["dyads"] if d["outcome"] == "homicide"))

demo: install
	@if [ -z "$$NEO4J_URI" ]; then $(LINKWATCH) neo4j start; fi
	$(LINKWATCH) db migrate
	$(LINKWATCH) generate --scale $(DEMO_SCALE) --seed 7 --out $(DEMO_DATA)
	$(LINKWATCH) ingest $(DEMO_DATA)
	$(LINKWATCH) db stats
	$(LINKWATCH) analyse series --limit 3
	$(LINKWATCH) analyse exposure --as-of 2026-01-01 --limit 5
	$(LINKWATCH) analyse precursors "$$($(BIN)/python -c "$$DEMO_HOMICIDE" $(DEMO_DATA))"
	$(LINKWATCH) analyse at-risk-dyads --as-of 2026-06-01 --limit 5
	$(LINKWATCH) analyse networks --from 2023-06-01 --to 2026-06-30 --limit 3
	$(LINKWATCH) report deaths --from 2025-07-01 --to 2026-06-30 --out .linkwatch/reports/deaths.html
	$(LINKWATCH) review open "$$($(BIN)/python -c "$$DEMO_HOMICIDE" $(DEMO_DATA))"
	$(LINKWATCH) review pack "$$($(BIN)/python -c "$$DEMO_HOMICIDE" $(DEMO_DATA))" --out .linkwatch/reports/review-pack.html
	@echo "Demo data loaded. Serving the API (Ctrl+C stops it; then: $(LINKWATCH) neo4j stop)."
	$(LINKWATCH) serve --demo-key --port $(DEMO_PORT)

lint: install
	$(BIN)/ruff check .

# Starts the project's own test server unless NEO4J_URI is set, runs lint and pytest,
# and stops the server again even when tests fail.
test: install
	@set -euo pipefail; \
	export LINKWATCH_HOME="$(TEST_HOME)" LINKWATCH_NEO4J_BOLT_PORT="$(TEST_PORT)"; \
	if [ -z "$${NEO4J_URI:-}" ]; then \
	  $(LINKWATCH) neo4j start; \
	  trap '$(LINKWATCH) neo4j stop' EXIT; \
	fi; \
	$(BIN)/ruff check .; \
	$(BIN)/pytest $(PYTEST_ARGS)

neo4j-start: install
	$(LINKWATCH) neo4j start

neo4j-stop: install
	$(LINKWATCH) neo4j stop

clean:
	-$(LINKWATCH) neo4j stop
	rm -rf $(VENV) .linkwatch-test .pytest_cache .ruff_cache
