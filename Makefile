# The two commands a new user needs: `make run` (build the study; serve it) and `make test`.
# Each creates .venv and installs what it needs on first use.
VENV ?= .venv
PYTHON ?= python3
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint install clean

$(STAMP): pyproject.toml
	rm -f $(VENV)/.installed-*
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/diaspora-atlas build
	$(VENV)/bin/diaspora-atlas serve --host $${HOST:-127.0.0.1} --port $${PORT:-8000}

test: $(STAMP)
	VENV=$(VENV) scripts/test.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts benchmarks
	$(VENV)/bin/ruff format --check src tests scripts benchmarks
	$(VENV)/bin/mypy

clean:
	rm -rf var .mypy_cache .ruff_cache .pytest_cache
