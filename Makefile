# Two commands on a fresh machine (Python 3.11, pip, gcc, make): `make demo`, `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
EXAMPLE := examples/dossiers/kien-cuong-weasel-coffee.yaml

.PHONY: demo test venv install install-test lint typecheck docs bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

venv: $(PY)

install: $(PY)
	$(PIP) install --quiet .
	@touch $(VENV)/.installed

install-test: $(PY)
	$(PIP) install --quiet -e '.[test,durable,docs]'

demo: install
	$(VENV)/bin/ocop-rules evaluate $(EXAMPLE)

test: install-test
	$(PY) -m ocop_rules lint
	$(PY) -m ruff check .
	$(PY) -m mypy ocop_rules
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --quiet --site-dir site
	$(PY) -m pytest

docs: install-test
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir site

bench: install-test
	$(PY) benchmarks/evaluate.py
	$(PY) benchmarks/engines.py
	$(PY) benchmarks/batch.py

clean:
	rm -rf $(VENV) build dist site .pytest_cache .mypy_cache .ruff_cache
