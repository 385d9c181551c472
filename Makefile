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

.PHONY: build test bench browser-tools check new serve clean setup deploy

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP)

## Build the portal and every microsite into site/ (M=<slug> builds one microsite).
## VERSIONED=1 builds each microsite into site/<slug>/<edition>/ as `make deploy` publishes it.
build: $(STAMP)
	$(BIN)/policysite build $(if $(M),--municipality $(M)) $(if $(VERSIONED),--versioned)

## Publish with mike to $(REMOTE)'s $(BRANCH) branch (GitHub Pages): every microsite under
## <slug>/<edition>/ with <slug>/latest/, and the portal at the top. M=<slug> publishes one
## microsite only; SHARDS=<dir> takes microsites built elsewhere with VERSIONED=1.
deploy: $(STAMP)
	$(BIN)/policysite deploy --remote "$(REMOTE)" --branch "$(BRANCH)" $(if $(M),--municipality $(M)) $(if $(SHARDS),--shards "$(SHARDS)")

## Measure build time, page weight and Lighthouse at 10, 30 and 98 municipalities against a stock
## Material site and plain Markdown conversion; prints a table and a JSON line (BENCH_RUNS=3 runs each).
bench: $(STAMP) browser-tools
	@test -f bench/node_modules/lighthouse/cli/index.js || npm ci --prefix bench --ignore-scripts --no-audit --no-fund
	$(BIN)/python bench/run.py

## Run the whole test suite.
test: $(STAMP) browser-tools
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

## Check all content without writing a site: errors, warnings and readability (LIX) per municipality.
## Exits non-zero on errors; warnings are listed only.
check: $(STAMP)
	$(BIN)/python -m policybuild.cli check

## Create a municipality from the template and build it: make new M=<slug> NAME="<Kommune name>".
new: $(STAMP)
	@test -n "$(M)" && test -n "$(NAME)" || { echo 'Usage: make new M=<slug> NAME="<Kommune name>"  (e.g. make new M=roskilde NAME="Roskilde Kommune")' >&2; exit 2; }
	$(BIN)/python -m policybuild.cli new "$(M)" --name "$(NAME)"

## Preview with live reload: the portal, or one microsite with M=<slug>.
serve: $(STAMP)
	POLICY_DOCS_DIR=$(if $(M),municipalities/$(M),docs) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

clean:
	rm -rf site .site.* $(VENV)

# ---- The browser editor (issue 13; editor/DECISION.md) ----
# Decap CMS, decap-server and yaml pinned in editor/package-lock.json, installed once per lock.
# Values from the command line are taken exactly as written and reach the command as quoted shell
# variables ("$$GITHUB_REPO"), never expanded by make.
EDIT_PORT ?= 8020
GITHUB_REPO ?=
OAUTH_URL ?=
EDITOR_BRANCH ?= main
PRIVATE_REPO ?=
override EDITOR_VALUES := EDIT_PORT GITHUB_REPO OAUTH_URL EDITOR_BRANCH PRIVATE_REPO
$(foreach name,$(EDITOR_VALUES),$(eval override $(name) := $$(value $(name))))
export $(EDITOR_VALUES)
override EDITOR_STAMP := editor/node_modules/.installed-$(shell cat editor/package-lock.json | cksum | cut -d' ' -f1)
.PHONY: edit editor-tools editor-bundle

$(EDITOR_STAMP): editor/package.json editor/package-lock.json
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y nodejs npm; }
	npm ci --prefix editor --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

editor-tools: $(EDITOR_STAMP)

## The editor in the browser on 127.0.0.1:EDIT_PORT (8020) against this working copy; prints the
## address to open. Saving writes the files in municipalities/ (then commit them as usual). Ctrl-C stops it.
edit: $(STAMP) editor-tools
	$(BIN)/python -m policybuild.editor --port="$$EDIT_PORT"

## The editor as static files for an origin of its own, saving through GitHub pull requests:
## make editor-bundle GITHUB_REPO=owner/name OAUTH_URL=https://<your OAuth proxy> [EDITOR_BRANCH=main]
## [PRIVATE_REPO=1] writes site-editor/; the editors' guide (docs/redaktoerer/redigering.md) says
## what IT sets up around it.
editor-bundle: $(STAMP) editor-tools
	@test -n "$$GITHUB_REPO" && test -n "$$OAUTH_URL" || { echo 'Brug / usage: make editor-bundle GITHUB_REPO=owner/name OAUTH_URL=https://auth.example.dk' >&2; exit 2; }
	$(BIN)/python -m policybuild.editor --export=site-editor --github="$$GITHUB_REPO" --auth-url="$$OAUTH_URL" --branch="$$EDITOR_BRANCH" $${PRIVATE_REPO:+--private-repo}
