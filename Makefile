# Two commands do everything on a fresh machine: `make build` and `make test`.
# Each creates .venv with the pinned dependencies (requirements.lock) on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
M ?=
PORT ?= 8000

.PHONY: build test check serve clean setup

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP)

## Build the portal and every microsite into site/ (M=<slug> builds one microsite).
build: $(STAMP)
	$(BIN)/policysite build $(if $(M),--municipality $(M))

## Run the whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest

## Check all content without writing a site.
check: $(STAMP)
	$(BIN)/policysite check

## Preview with live reload: the portal, or one microsite with M=<slug>.
serve: $(STAMP)
	POLICY_DOCS_DIR=$(if $(M),municipalities/$(M),docs) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

clean:
	rm -rf site .site.* $(VENV)
