# Two commands for a fresh machine (Python 3.11+):
#   make serve   install, ingest seeds/ into the default store, serve on http://127.0.0.1:8000 (the explorer at /)
#   make test    install with test tools and run the tests
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: install serve test clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/activate
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

serve: install
	$(BIN)/kg ingest seeds/
	@echo "explorer: http://127.0.0.1:8000/   API docs: http://127.0.0.1:8000/docs"
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
