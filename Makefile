# Two commands for a fresh machine:
#   make demo   build the demo project (and its web package) into demo-out/
#   make test   install everything the tests need, then run them all
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
WEB    := scenes/web
DEMO   := demo-out

.PHONY: demo test install web model-tools translations system-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

# The exhibition front end (panorama viewer, three.js...) comes from the npm
# registry and is bundled by esbuild; nothing third-party lives in the repo.
$(WEB)/node_modules/.package-lock.json: $(WEB)/package.json $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error

# hls.js for the classroom (LAN) player page of live tours.
LAN    := streaming/web
$(LAN)/node_modules/.package-lock.json: $(LAN)/package.json $(LAN)/package-lock.json
	cd $(LAN) && npm ci --no-audit --no-fund --loglevel=error

# glTF-Transform and the Khronos glTF-Validator, run on 3D models (assets/models/node).
MODELS := assets/models/node
$(MODELS)/node_modules/.package-lock.json: $(MODELS)/package.json $(MODELS)/package-lock.json
	cd $(MODELS) && npm ci --no-audit --no-fund --loglevel=error

model-tools: $(MODELS)/node_modules/.package-lock.json

web: $(WEB)/node_modules/.package-lock.json $(LAN)/node_modules/.package-lock.json translations
	cd $(WEB) && npm run --silent build

# The studio's Chinese: each studio/gui/translations/*.ts compiled to a .qm beside it
# (build output, shipped as package data, not kept in git).
TS := $(wildcard studio/gui/translations/*.ts)
translations: $(TS:.ts=.qm)

studio/gui/translations/%.qm: studio/gui/translations/%.ts | $(VENV)/.installed
	$(BIN)/pyside6-lrelease -silent $< -qm $@

system-deps:
	bash .ci/system-deps.sh

demo: install web model-tools
	$(BIN)/yunzhan demo --out $(DEMO)

test: system-deps install web model-tools
	QT_QPA_PLATFORM=offscreen HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE-ci} $(BIN)/python -m pytest -q

bench: install web model-tools
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) $(MODELS)/node_modules $(WEB)/node_modules $(WEB)/dist $(LAN)/node_modules $(DEMO) studio/gui/translations/*.qm
