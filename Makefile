# vn-policy-kg: `make run` (install, ingest the corpus, serve on 127.0.0.1:8000), `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
UV := $(PYTHON) -m uv
STORE ?= data/store
HOST ?= 127.0.0.1
PORT ?= 8000
CORPUS := data/corpus/plans data/corpus/real
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup ingest run test browser-deps benchmark vocab clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml uv.lock
	$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet 'uv==0.13.8'
	$(UV) sync --locked --python $(PYTHON)
	touch $@

ingest: setup
	$(VENV)/bin/kg ingest $(CORPUS) --store $(STORE)

run: ingest
	$(VENV)/bin/kg serve --store $(STORE) --host $(HOST) --port $(PORT)

# Debian's chromium and chromedriver for the browser tests, and a font with Vietnamese
# glyphs for the PDF the tests make.
browser-deps:
	@if ! command -v chromedriver >/dev/null || ! command -v chromium >/dev/null \
	    || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then \
	  echo "installing chromium, chromium-driver, fonts-dejavu-core (apt)"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    chromium chromium-driver fonts-dejavu-core >/dev/null; \
	fi

test: setup browser-deps
	$(VENV)/bin/python -m pytest -q

benchmark: setup
	$(VENV)/bin/python benchmarks/extract.py
	$(VENV)/bin/python benchmarks/search.py

vocab: setup
	$(VENV)/bin/python -m kg.vocabgen

clean:
	rm -rf $(STORE)
