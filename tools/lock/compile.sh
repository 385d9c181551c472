#!/bin/sh
# `make lock`: writes the hash-checked locks from the ranges in pyproject.toml, for Python 3.11 on
# Linux x86_64 (what CI and the project's machines run):
#   requirements.lock       what `make build`, `check`, `serve` and `deploy` install
#   requirements-test.lock  that plus the test tools (pyproject.toml's `test` extra), for `make test`
#   tools/lock/pip-tools.lock  the tool that writes them (pip-tools.in beside this file)
# pip-compile keeps every version the locks already hold and only adds or changes what the ranges
# require, so after adding a dependency to pyproject.toml, `make lock` is the one command to run.
# The test lock is constrained by the runtime lock: both install the same version of every shared
# package. pip-compile runs at the version pinned in pip-tools.lock, in a throwaway venv.
set -eu
cd "$(dirname "$0")/../.."
python=${PYTHON:-python3}
"$python" - <<'PY'
import platform
import sys

if sys.version_info[:2] != (3, 11) or platform.system() != "Linux" or platform.machine() != "x86_64":
    sys.exit("make lock: låsene gælder Python 3.11 på Linux x86_64; her er Python "
             f"{platform.python_version()} på {platform.system()} {platform.machine()}. Sæt PYTHON=<en Python 3.11>.\n"
             "make lock: the locks are for Python 3.11 on Linux x86_64; this is Python "
             f"{platform.python_version()} on {platform.system()} {platform.machine()}. Set PYTHON=<a Python 3.11>.")
PY
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r tools/lock/pip-tools.lock

compile() {
    CUSTOM_COMPILE_COMMAND="make lock" "$work/venv/bin/pip-compile" --quiet --generate-hashes --allow-unsafe \
        --strip-extras --no-emit-index-url --no-emit-find-links --no-build-isolation "$@"
}
(cd tools/lock && compile --output-file pip-tools.lock pip-tools.in)
compile --output-file requirements.lock pyproject.toml tools/lock/install.in
compile --extra test --constraint requirements.lock --output-file requirements-test.lock \
    pyproject.toml tools/lock/install.in
echo "Skrev requirements.lock, requirements-test.lock og tools/lock/pip-tools.lock (wrote them)."
