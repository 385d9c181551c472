# Two commands do everything on a fresh machine: `make build` and `make test`.
# `make build` creates .venv with what building needs (requirements.lock); `make test` adds the test
# tools (requirements-test.lock). Both locks pin every package by version and sha256 hash; `make lock`
# writes them from the ranges in pyproject.toml. Every target that builds, checks, previews or
# publishes goes through the `policysite` command (policybuild/cli.py).

# Values given on the command line or in the environment (a municipality's folder name from CI, a
# name, a remote, a folder) are taken exactly as written: make never expands them ($(value ...)) and
# never writes them into a recipe. They are exported, and the recipes read them as quoted shell
# variables ("$$M"), so each reaches policysite as one argument, whatever it holds
# (tests/test_make.py tries `;`, quotes, `$$(...)`, `$(shell ...)`, backquotes and newlines).
M ?=
NAME ?=
REMOTE ?= origin
BRANCH ?= gh-pages
SHARDS ?=
DIR ?=
PORT ?= 8000
VERSIONED ?=
PYTHON ?= python3
# The engine under the build (policybuild/engine.py): MkDocs, or its continuation ProperDocs. Both are
# in the locks; `make build ENGINE=properdocs`, `make test ENGINE=properdocs`.
ENGINE ?= mkdocs
override USER_VALUES := M NAME REMOTE BRANCH SHARDS DIR PORT VERSIONED PYTHON ENGINE
$(foreach name,$(USER_VALUES),$(eval override $(name) := $$(value $(name))))
export $(USER_VALUES)

# Only a known engine name, as one word; anything else stops make before any recipe runs. (The
# value is only compared here, never expanded: ENGINE holds it literally.) policysite reads it
# as POLICY_ENGINE and checks it again.
override ENGINES := mkdocs properdocs
ifneq ($(words $(ENGINE)) $(filter $(ENGINES),$(ENGINE)),1 $(ENGINE))
$(error ENGINE skal være en af / must be one of: $(ENGINES))
endif
export POLICY_ENGINE := $(ENGINE)

# What make itself creates, which a pull request could have committed so that make would run or trust
# it (.venv/bin/python, caches, site/, node_modules): refused before anything else runs.
ifneq ($(shell sh tools/checkout-guard.sh >&2 && echo ok),ok)
$(error make stopper, se ovenfor / make stops, see above)
endif

override VENV := .venv
override BIN := $(VENV)/bin
override LOCK := requirements.lock
override TEST_LOCK := requirements-test.lock
# A change to a lock or to pyproject.toml changes the stamp's name, so the next make reinstalls.
override STAMP := $(VENV)/.installed-$(shell cat $(LOCK) pyproject.toml | cksum | cut -d' ' -f1)
override TEST_STAMP := $(VENV)/.installed-test-$(shell cat $(TEST_LOCK) $(LOCK) pyproject.toml | cksum | cut -d' ' -f1)
override PIP := $(BIN)/python -m pip --disable-pip-version-check --no-input
# Where `make deploy-prepare` puts what `make deploy-push` publishes.
override DEPLOY_DIR := .deploy

.PHONY: build test bench browser-tools pdf-packages check new serve gate clean distclean setup lock screenshots figures \
        deploy deploy-prepare deploy-push

# Only hash-checked wheels from the lock, never a source package to build; then the project itself,
# from this folder, with the build backend the lock installed. pip check catches a lock that no
# longer covers pyproject.toml (run `make lock`).
$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || "$$PYTHON" -m venv $(VENV)
	$(PIP) install --quiet --require-hashes --only-binary :all: -r $(LOCK)
	$(PIP) install --quiet --no-deps --no-build-isolation --no-index -e .
	@problems=$$($(PIP) check) || { echo "$$problems" >&2; echo "$(LOCK) dækker ikke pyproject.toml: kør 'make lock' / $(LOCK) does not cover pyproject.toml: run 'make lock'" >&2; exit 1; }
	rm -f $(VENV)/.installed-*
	touch $@

$(TEST_STAMP): $(STAMP) $(TEST_LOCK)
	$(PIP) install --quiet --require-hashes --only-binary :all: -r $(TEST_LOCK)
	rm -f $(VENV)/.installed-test-*
	touch $@

## .venv with what building needs (no test tools).
setup: $(STAMP) pdf-packages

## Build the portal and every microsite into site/ (M=<slug> builds one microsite).
## VERSIONED=1 builds each microsite into site/<slug>/<edition>/ as `make deploy` publishes it.
build: $(STAMP) pdf-packages
	$(BIN)/policysite build $${M:+--municipality="$$M"} $${VERSIONED:+--versioned}

## Check all content without writing a site: a summary line, then errors and warnings side by side and
## readability (LIX) per municipality; M=<slug> checks one municipality and the portal pages it appears on.
## Exits non-zero on errors; warnings are listed only. Messages are Danish; LANG=en (or
## POLICYSITE_LANG=en) gives English.
check: $(STAMP)
	$(BIN)/policysite check $${M:+--municipality="$$M"}

## Create a municipality from the template and build it: make new M=<slug> NAME="<Kommune name>".
new: $(STAMP) pdf-packages
	@test -n "$$M" && test -n "$$NAME" || { echo 'Brug / usage: make new M=<slug> NAME="<Kommune name>"  (e.g. make new M=roskilde NAME="Roskilde Kommune")' >&2; exit 2; }
	$(BIN)/policysite new --name="$$NAME" -- "$$M"

## Preview with live reload on 127.0.0.1:PORT (8000): the portal, or one microsite with M=<slug>.
serve: $(STAMP)
	$(BIN)/policysite serve $${M:+--municipality="$$M"} --port="$$PORT"

## Check every file under DIR=<folder> with the final gate, as `make deploy` does before publishing.
gate: $(STAMP)
	@test -n "$$DIR" || { echo 'Brug / usage: make gate DIR=<mappe / folder>' >&2; exit 2; }
	$(BIN)/policysite gate -- "$$DIR"

## Publish with mike to REMOTE's (origin) BRANCH (gh-pages) for GitHub Pages: every microsite under
## <slug>/<edition>/ with <slug>/latest/, and the portal at the top. M=<slug> publishes one microsite
## only; SHARDS=<dir> takes microsites built elsewhere with VERSIONED=1. Three steps, which CI runs
## apart so that only the last one holds a token: deploy-prepare builds or assembles everything into
## .deploy/ without touching the remote, the gate checks every file of it, deploy-push publishes it.
deploy: deploy-prepare
	$(BIN)/policysite gate -- $(DEPLOY_DIR)/site
	$(BIN)/policysite deploy --push=$(DEPLOY_DIR) --remote="$$REMOTE" --branch="$$BRANCH"

deploy-prepare: $(STAMP) pdf-packages
	$(BIN)/policysite deploy --prepare=$(DEPLOY_DIR) $${M:+--municipality="$$M"} $${SHARDS:+--shards="$$SHARDS"}

deploy-push: $(STAMP)
	$(BIN)/policysite deploy --push=$(DEPLOY_DIR) --remote="$$REMOTE" --branch="$$BRANCH"

## Measure build time, page weight and Lighthouse at 10, 30 and 98 municipalities against a stock
## Material site and plain Markdown conversion; prints a table and a JSON line (BENCH_RUNS=3 runs each).
bench: $(TEST_STAMP) pdf-packages browser-tools
	@test -f bench/node_modules/lighthouse/cli/index.js || npm ci --prefix bench --ignore-scripts --no-audit --no-fund
	$(BIN)/python bench/run.py

## PNGs of every page type at 1280 and 375 px, light and dark, into screenshots/ (outside site/),
## from a fresh `make build`; then the figures: overview heights at 375 px, landmarks, first-load KB.
screenshots: build $(TEST_STAMP) browser-tools
	$(BIN)/policysite screenshots
	$(BIN)/policysite figures

## Each overview's height at 375 px, its navigation landmarks and what a first visit loads (KB).
figures: $(TEST_STAMP) browser-tools
	$(BIN)/policysite figures

## Run the whole test suite, on two workers (CI has two cores), with every tool installed first (the
## browser editor's too, so no two workers install it at once): pytest-xdist gives each worker whole
## test files, so the browser audits share one built site and one Chromium.
test: $(TEST_STAMP) pdf-packages browser-tools editor-tools
	$(BIN)/python -m pytest -n 2 --dist loadfile

## What the accessibility tests run: Debian's Chromium (driven by Playwright), Java for the
## W3C Nu checker, and axe-core and vnu-jar pinned in tools/package-lock.json. Installed only
## when missing; vnu-jar's install script (which would download a Java) is not run.
override SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
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
override PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-lato fonts-dejavu-core poppler-utils
pdf-packages:
	@missing=$$(for package in $(PDF_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q 'ok installed' || echo $$package; done); \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; fi

## Write requirements.lock and requirements-test.lock (sha256 hashes, Python 3.11 on Linux x86_64) from
## the ranges in pyproject.toml with the pinned pip-tools, keeping every version they already hold.
lock:
	sh tools/lock/compile.sh

## Remove what builds leave (site/, its manifest and staging folders, .cache/, .deploy/); keeps .venv.
clean:
	rm -rf site .site.* .cache $(DEPLOY_DIR)

## clean, and the installed tools too: .venv and the node_modules folders of tools/, bench/ and editor/.
distclean: clean
	rm -rf $(VENV) tools/node_modules bench/node_modules editor/node_modules

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
	$(BIN)/policysite edit --port="$$EDIT_PORT"

## The editor as static files for an origin of its own, saving through GitHub pull requests:
## make editor-bundle GITHUB_REPO=owner/name OAUTH_URL=https://<your OAuth proxy> [EDITOR_BRANCH=main]
## [PRIVATE_REPO=1] writes site-editor/; the editors' guide (docs/redaktoerer/redigering.md) says
## what IT sets up around it.
editor-bundle: $(STAMP) editor-tools
	@test -n "$$GITHUB_REPO" && test -n "$$OAUTH_URL" || { echo 'Brug / usage: make editor-bundle GITHUB_REPO=owner/name OAUTH_URL=https://auth.example.dk' >&2; exit 2; }
	$(BIN)/policysite edit --export=site-editor --github="$$GITHUB_REPO" --auth-url="$$OAUTH_URL" --branch="$$EDITOR_BRANCH" $${PRIVATE_REPO:+--private-repo}
