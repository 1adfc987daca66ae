# Linkwatch: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LINKWATCH := $(BIN)/linkwatch
# Tests use their own server instances and ports, so they never touch demo data: each of
# the TEST_WORKERS pytest-xdist workers runs a Neo4j of its own (TEST_HOME/gwN, Bolt port
# TEST_PORT+N), and the server lifecycle tests' throw-away server uses TEST_PORT+10+N.
# So a run uses the 20 ports from TEST_PORT; give another checkout running
# at the same time another TEST_PORT (and TEST_HOME is per checkout already).
TEST_HOME ?= $(CURDIR)/.linkwatch-test
TEST_PORT ?= 7688
TEST_WORKERS ?= 3
TEST_HEAP ?= 768m
TEST_PAGECACHE ?= 256m

.PHONY: install demo test lint cypher neo4j-start neo4j-stop clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

DEMO_DATA ?= .linkwatch/demo-data
DEMO_SCALE ?= small
DEMO_PORT ?= 8000
# Commands that show personal data need the case reference they are for; it is audited.
DEMO_JUSTIFICATION ?= DEMO-0001
# The first planted homicide of the demo data, to show its precursor path.
export DEMO_HOMICIDE := import json, sys; truth = json.load(open(sys.argv[1] + "/ground_truth.json")); print(next("death:" + d["outcome_death"] for d in truth["dyads"] if d["outcome"] == "homicide"))

demo: install
	@if [ -z "$$NEO4J_URI" ]; then $(LINKWATCH) neo4j start; fi
	$(LINKWATCH) db migrate
	$(LINKWATCH) generate --scale $(DEMO_SCALE) --seed 7 --out $(DEMO_DATA)
	$(LINKWATCH) ingest $(DEMO_DATA)
	$(LINKWATCH) db stats
	$(LINKWATCH) analyse series --justification $(DEMO_JUSTIFICATION) --limit 3
	$(LINKWATCH) analyse exposure --justification $(DEMO_JUSTIFICATION) --as-of 2026-01-01 --limit 5
	$(LINKWATCH) analyse precursors --justification $(DEMO_JUSTIFICATION) "$$($(BIN)/python -c "$$DEMO_HOMICIDE" $(DEMO_DATA))"
	$(LINKWATCH) analyse at-risk-dyads --justification $(DEMO_JUSTIFICATION) --as-of 2026-06-01 --limit 5
	$(LINKWATCH) analyse networks --justification $(DEMO_JUSTIFICATION) --from 2023-06-01 --to 2026-06-30 --limit 3
	$(LINKWATCH) report deaths --justification $(DEMO_JUSTIFICATION) --from 2025-07-01 --to 2026-06-30 --out .linkwatch/reports/deaths.html
	$(LINKWATCH) review open --justification $(DEMO_JUSTIFICATION) "$$($(BIN)/python -c "$$DEMO_HOMICIDE" $(DEMO_DATA))"
	$(LINKWATCH) review pack --justification $(DEMO_JUSTIFICATION) "$$($(BIN)/python -c "$$DEMO_HOMICIDE" $(DEMO_DATA))" --out .linkwatch/reports/review-pack.html
	@echo "Demo data loaded. Serving the API (Ctrl+C stops it; then: $(LINKWATCH) neo4j stop)."
	$(LINKWATCH) serve --demo-key --port $(DEMO_PORT)

lint: install
	$(BIN)/ruff check .

# Rewrites the per-kind Cypher (the store's upserts and gets, the ego networks) from the
# templates in */cypher/templates/ and the model declarations; a test fails while they differ.
cypher: install
	$(BIN)/python -m graph_model.cypher_generation
	$(BIN)/python -m queries.cypher_generation

# Runs lint, then pytest on TEST_WORKERS workers, each starting and stopping its own test
# server (tests/servers.py); on exit, stops any server a crashed worker left running. With
# NEO4J_URI set, the tests share that server and run in one process.
test: install
	@set -euo pipefail; \
	export LINKWATCH_HOME="$(TEST_HOME)" LINKWATCH_NEO4J_BOLT_PORT="$(TEST_PORT)" \
	  LINKWATCH_NEO4J_HEAP="$(TEST_HEAP)" LINKWATCH_NEO4J_PAGECACHE="$(TEST_PAGECACHE)"; \
	workers="$(TEST_WORKERS)"; \
	if [ -n "$${NEO4J_URI:-}" ]; then workers=0; fi; \
	$(BIN)/ruff check .; \
	trap '$(BIN)/python -m tests.servers stop' EXIT; \
	$(BIN)/pytest -n "$$workers" $(PYTEST_ARGS)

neo4j-start: install
	$(LINKWATCH) neo4j start

neo4j-stop: install
	$(LINKWATCH) neo4j stop

clean:
	-$(LINKWATCH) neo4j stop
	rm -rf $(VENV) .linkwatch-test .pytest_cache .ruff_cache
