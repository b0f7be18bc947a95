# Two commands matter: `make serve` to see the site, `make test` to run every check.
# Each target creates .venv if needed and re-installs only when the pinned requirements change.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks

.PHONY: serve build check audit test test-fast clean lock pdf offline bench lighthouse

OFFLINE_ZIP := dist/healing-in-connection-offline.zip

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

serve: $(VENV)/.site  ## Serve the site on http://127.0.0.1:8000/healing-in-connection/ with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.site  ## Strict build into site/ (any warning fails), with the PDF and the offline copy it links to
	$(MAKE) offline
	cp $(OFFLINE_ZIP) site/downloads/

pdf: $(VENV)/.site  ## Strict build into site/, with the whole-site PDF in site/downloads/
	BUILD_PDF=1 $(BIN)/mkdocs build --strict

offline: pdf  ## The site for reading from the file system, with the PDF, zipped into dist/
	rm -rf build/offline
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir build/offline/healing-in-connection
	cp -r site/downloads build/offline/healing-in-connection/
	mkdir -p dist && rm -f $(OFFLINE_ZIP)
	cd build/offline && ../../$(BIN)/python -m zipfile -c ../../$(OFFLINE_ZIP) healing-in-connection

# Page weight is measured in Chromium through Playwright, which the test requirements install.
bench: $(VENV)/.test  ## Build times, scaling to 100x the directory entries, page weight and the PDF, against the budgets
	$(BIN)/python -m bench.run

# Lighthouse and the Node version it needs, installed with npm into .lighthouse/ (not part of `make test`).
LIGHTHOUSE_CLI := .lighthouse/node_modules/lighthouse/cli/index.js
$(LIGHTHOUSE_CLI):
	@command -v npm >/dev/null || { echo "make lighthouse needs npm (Debian: sudo apt install npm)"; exit 1; }
	npm install --no-audit --no-fund --prefix .lighthouse node@22 lighthouse@13.5.0

lighthouse: $(VENV)/.site $(LIGHTHOUSE_CLI)  ## Lighthouse mobile scores of each kind of page (needs npm and Chromium)
	$(BIN)/python -m bench.lighthouse

check: $(VENV)/.site  ## Validate all content and data without building
	$(BIN)/python -m content.check

audit: $(VENV)/.site  ## List every page and entry due for review, oldest first, and entries checked against a secondary page
	$(BIN)/python -m content.audit

test: $(VENV)/.test  ## Run every test
	$(BIN)/python -m pytest

test-fast: $(VENV)/.test  ## Unit and content tests only: no site build, no browser, on every core
	$(BIN)/python -m pytest -q -m "not slow" -n auto

clean:
	rm -rf site build dist .pytest_cache

lock:  ## Re-pin requirements*.txt from requirements*.in in a clean environment
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install -q -r requirements.in
	{ echo "# Pinned by 'make lock' from requirements.in"; .lock-venv/bin/pip freeze --exclude pip; } > requirements.txt
	.lock-venv/bin/pip install -q -r requirements-test.in
	{ echo "# Pinned by 'make lock' from requirements-test.in"; echo "-r requirements.txt"; \
	  .lock-venv/bin/pip freeze --exclude pip | grep -vxF -f requirements.txt; } > requirements-test.txt
	rm -rf .lock-venv
