# Two commands for a fresh machine (Python 3.11+):
#   make serve   install, ingest seeds/ into the default store, serve on http://127.0.0.1:8000 (the explorer at /)
#                (HOST=0.0.0.0 PORT=8080 TOKEN=secret STORE=path ARTICLES="seeds/ ~/news/" change the address,
#                allow writes, pick the store, ingest other folders)
#   make test    install with test tools and run the tests
#   make lock    refresh requirements.lock (exact versions, with the test and cluster extras) after changing
#                dependencies in pyproject.toml
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
TOKEN  ?=
STORE  ?=
ARTICLES ?= seeds/
LOCK   := requirements.lock

.PHONY: install serve test docs clean lock

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# exact versions from the lock (no upstream release can change a fresh install), then kg itself without deps
$(VENV)/.installed: pyproject.toml $(LOCK) $(BIN)/activate
	@echo "installing kg and its locked dependencies into $(VENV) (a few minutes the first time) ..."
	$(BIN)/python -m pip install -q -r $(LOCK)
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

lock: $(BIN)/activate
	$(BIN)/python -m pip install -q pip-tools
	$(BIN)/pip-compile -q --upgrade --extra test --extra docs --extra cluster --strip-extras --no-emit-index-url --no-emit-find-links \
		-o $(LOCK) pyproject.toml

install: $(VENV)/.installed

# the token goes in the environment, not on a command line that ps shows
serve: install
	$(BIN)/kg $(if $(STORE),--store '$(STORE)') ingest $(ARTICLES)
	$(if $(TOKEN),KG_UPDATE_TOKEN='$(TOKEN)') $(BIN)/kg $(if $(STORE),--store '$(STORE)') serve --host '$(HOST)' --port '$(PORT)'

# graphology-gexf (Gephi Lite's parser) for the GEXF tests; they skip where npm is absent, .ci/run requires it
JS := tests/js
$(JS)/node_modules/.package-lock.json: $(JS)/package.json $(JS)/package-lock.json
	@if command -v npm >/dev/null; then cd $(JS) && npm ci --no-audit --no-fund; \
	else echo "npm not found: the graphology-gexf tests will be skipped"; fi

test: install $(JS)/node_modules/.package-lock.json
	$(BIN)/python -m pytest -q

# the docs site (MkDocs with Material, from the .[docs] extra, locked with the rest) into site/; strict: a warning
# fails the build
docs: install
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

clean:
	rm -rf $(VENV) build site *.egg-info
