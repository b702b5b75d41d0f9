# One virtualenv for everything; each target creates it when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
RUNSTAMP := $(VENV)/.installed

.PHONY: run test lint pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(RUNSTAMP)

# The main job on the bundled agreement and example actuals; the example misses targets on
# purpose, so the demo does not fail on them (--fail-on never).
run: $(RUNSTAMP)
	$(BIN)/tulos validate
	$(BIN)/tulos check actuals/2024-h1.csv --fail-on never
	$(BIN)/tulos summary actuals/2024-h1.csv --fail-on never

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

test: lint pytest

# Speed and memory of whole processes against baselines (README, Performance); yamllint is
# installed for the comparison only, tabulate for the bench's own tables. Inputs are generated
# once per generator version.
BENCH := benchmarks/out
BENCHSTAMP := $(VENV)/.installed-bench

$(BENCHSTAMP): | $(RUNSTAMP)
	$(BIN)/python -m pip install --quiet yamllint tabulate
	touch $@

$(BENCH)/.generated: benchmarks/generate.py | $(BIN)/python
	$(BIN)/python benchmarks/generate.py --out $(BENCH) --rows 250000 --rows 500000 --rows 1000000
	touch $@

bench: $(RUNSTAMP) $(BENCHSTAMP) $(BENCH)/.generated
	$(BIN)/python benchmarks/bench.py --data $(BENCH)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .mypy_cache .pytest_cache .ruff_cache
