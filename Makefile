# Two commands matter: `make serve` to see the site, `make test` to run every check.
# Each target creates .venv if needed and re-installs only when the pinned requirements change.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks

.PHONY: serve build check test clean lock

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "Could not create a virtual environment. On Debian or Ubuntu run: sudo apt install python3-venv"; exit 1; }
	@$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.site: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	@touch $@

$(VENV)/.test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-test.txt
	@touch $@

serve: $(VENV)/.site  ## Serve the site on http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.site  ## Strict build into site/: any warning fails
	$(BIN)/mkdocs build --strict

check: $(VENV)/.site  ## Validate all content and data without building
	$(BIN)/python -m content.check

test: $(VENV)/.test  ## Run every test
	$(BIN)/python -m pytest

clean:
	rm -rf site .pytest_cache

lock:  ## Re-pin requirements*.txt from requirements*.in in a clean environment
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install -q -r requirements.in
	{ echo "# Pinned by 'make lock' from requirements.in"; .lock-venv/bin/pip freeze --exclude pip; } > requirements.txt
	.lock-venv/bin/pip install -q -r requirements-test.in
	{ echo "# Pinned by 'make lock' from requirements-test.in"; echo "-r requirements.txt"; \
	  .lock-venv/bin/pip freeze --exclude pip | grep -vxF -f requirements.txt; } > requirements-test.txt
	rm -rf .lock-venv
