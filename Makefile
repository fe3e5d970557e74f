# Two commands for a fresh machine (Python 3.11+):
#   make serve   install, ingest seeds/ into the default store, serve on http://127.0.0.1:8000
#   make test    install with test tools and run the tests
#   make lock    refresh requirements.lock (exact versions) after changing dependencies in pyproject.toml
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
LOCK   := requirements.lock

.PHONY: install serve test clean lock

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# exact versions from the lock (no upstream release can change a fresh install), then kg itself without deps
$(VENV)/.installed: pyproject.toml $(LOCK) $(BIN)/activate
	$(BIN)/python -m pip install -q -r $(LOCK)
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

lock: $(BIN)/activate
	$(BIN)/python -m pip install -q pip-tools
	$(BIN)/pip-compile -q --upgrade --extra test --strip-extras --no-emit-index-url --no-emit-find-links \
		-o $(LOCK) pyproject.toml

install: $(VENV)/.installed

serve: install
	$(BIN)/kg ingest seeds/
	$(BIN)/kg serve --host 127.0.0.1 --port 8000

# graphology-gexf (Gephi Lite's parser) for the GEXF tests; they skip where npm is absent, .ci/run requires it
JS := tests/js
$(JS)/node_modules/.package-lock.json: $(JS)/package.json $(JS)/package-lock.json
	@if command -v npm >/dev/null; then cd $(JS) && npm ci --no-audit --no-fund; \
	else echo "npm not found: the graphology-gexf tests will be skipped"; fi

test: install $(JS)/node_modules/.package-lock.json
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info
