# Quick start: `make play` runs the game, `make test` runs every check.
# Each target sets up its own virtual environment in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: play test lint typecheck layers unit fuzz bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(TEST_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@ $(STAMP)

# Bytecode first: where PYTHONDONTWRITEBYTECODE is set, every start would
# otherwise compile the game's modules again (1.39x a bare Textual app's
# start-up instead of 1.03x; docs/performance.md, "Start-up").
play: $(STAMP)
	$(BIN)/python -m compileall -q src
	$(BIN)/iss play

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(TEST_STAMP)
	$(BIN)/mypy

# The layers of the house (contracts in pyproject.toml).
layers: $(TEST_STAMP)
	$(BIN)/lint-imports

unit: $(TEST_STAMP)
	$(BIN)/pytest

test: lint typecheck layers unit

# Fresh random examples, many more of them (see the profiles in tests/conftest.py).
fuzz: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -p no:cacheprovider tests/authoring/test_explore_fuzz.py tests/authoring/test_explore_proof.py tests/authoring/test_report_fuzz.py tests/hostile/test_loader_fuzz.py \
		tests/authoring/test_explore_stuck.py tests/authoring/test_explore_calls.py tests/authoring/test_explore_walks.py tests/authoring/test_random_walks.py \
		tests/plain/test_plain_input.py::test_fuzz_random_byte_streams_never_crash \
		tests/saves/test_hostile_saves.py::test_fuzz_the_save_reader_refuses_or_loads_never_crashes \
		tests/saves/test_hostile_saves.py::test_fuzz_the_save_reader_on_damaged_bytes \
		tests/ui/test_memory.py

# Run as modules from the repository root; each also runs as `python bench/NAME.py`.
# Each keeps its ratios for the table `bench.ratios` prints at the end.
bench: $(STAMP)
	$(BIN)/python -m bench.ratios --clear
	$(BIN)/python -m bench.bench_load
	$(BIN)/python -m bench.bench_check
	$(BIN)/python -m bench.bench_cache
	$(BIN)/python -m bench.bench_explore
	$(BIN)/python -m bench.bench_small_explore
	$(BIN)/python -m bench.bench_report
	$(BIN)/python -m bench.bench_hostile
	$(BIN)/python -m bench.bench_saves
	$(BIN)/python -m bench.bench_serve --visitors 1 4
	$(BIN)/python -m bench.peer_compare --rounds 3
	$(BIN)/python -m bench.bench_startup
	$(BIN)/python -m bench.ratios

clean:
	rm -rf $(VENV) build dist src/*.egg-info
