# Two commands do everything on a fresh machine: `make build` and `make test`.
# Each creates .venv with the pinned dependencies (requirements.lock) on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
M ?=
PORT ?= 8000

REMOTE ?= origin
BRANCH ?= gh-pages

.PHONY: build test bench browser-tools pdf-packages check new serve clean setup deploy

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP) pdf-packages

## Build the portal and every microsite into site/ (M=<slug> builds one microsite).
## VERSIONED=1 builds each microsite into site/<slug>/<edition>/ as `make deploy` publishes it.
build: $(STAMP) pdf-packages
	$(BIN)/policysite build $(if $(M),--municipality $(M)) $(if $(VERSIONED),--versioned)

## Publish with mike to $(REMOTE)'s $(BRANCH) branch (GitHub Pages): every microsite under
## <slug>/<edition>/ with <slug>/latest/, and the portal at the top. M=<slug> publishes one
## microsite only; SHARDS=<dir> takes microsites built elsewhere with VERSIONED=1.
deploy: $(STAMP) pdf-packages
	$(BIN)/policysite deploy --remote "$(REMOTE)" --branch "$(BRANCH)" $(if $(M),--municipality $(M)) $(if $(SHARDS),--shards "$(SHARDS)")

## Measure build time, page weight and Lighthouse at 10, 30 and 98 municipalities against a stock
## Material site and plain Markdown conversion; prints a table and a JSON line (BENCH_RUNS=3 runs each).
bench: $(STAMP) pdf-packages browser-tools
	@test -f bench/node_modules/lighthouse/cli/index.js || npm ci --prefix bench --ignore-scripts --no-audit --no-fund
	$(BIN)/python bench/run.py

## Run the whole test suite.
test: $(STAMP) pdf-packages browser-tools
	$(BIN)/python -m pytest

## What the accessibility tests run: Debian's Chromium (driven by Playwright), Java for the
## W3C Nu checker, and axe-core and vnu-jar pinned in tools/package-lock.json. Installed only
## when missing; vnu-jar's install script (which would download a Java) is not run.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser-tools:
	@if [ ! -x /usr/bin/chromium ] || ! command -v java >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y \
	    $$([ -x /usr/bin/chromium ] || echo chromium) \
	    $$(command -v java >/dev/null 2>&1 || echo default-jre-headless) \
	    $$(command -v npm >/dev/null 2>&1 || echo npm); \
	fi
	@test -d tools/node_modules/axe-core && test -f tools/node_modules/vnu-jar/build/dist/vnu.jar \
	  || npm ci --prefix tools --ignore-scripts --no-audit --no-fund

## What the whole-policy PDFs need from Debian (policybuild/pdf.py): WeasyPrint's pango, pangoft2 and
## harfbuzz-subset, and the fonts they embed (Lato, DejaVu Sans for what Lato lacks); poppler-utils
## (pdfinfo, pdftotext, pdftoppm) reads the PDFs in tests/test_pdf.py. Installed only when missing.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-lato fonts-dejavu-core poppler-utils
pdf-packages:
	@missing=$$(for package in $(PDF_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q 'ok installed' || echo $$package; done); \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; fi

## Check all content without writing a site: errors, warnings and readability (LIX) per municipality.
## Exits non-zero on errors; warnings are listed only.
check: $(STAMP)
	$(BIN)/python -m policybuild.cli check

## Create a municipality from the template and build it: make new M=<slug> NAME="<Kommune name>".
new: $(STAMP) pdf-packages
	@test -n "$(M)" && test -n "$(NAME)" || { echo 'Usage: make new M=<slug> NAME="<Kommune name>"  (e.g. make new M=roskilde NAME="Roskilde Kommune")' >&2; exit 2; }
	$(BIN)/python -m policybuild.cli new "$(M)" --name "$(NAME)"

## Preview with live reload: the portal, or one microsite with M=<slug>.
serve: $(STAMP)
	POLICY_DOCS_DIR=$(if $(M),municipalities/$(M),docs) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

clean:
	rm -rf site .site.* $(VENV)
