"""The locks: every package pinned with sha256 hashes, runtime apart from test, both covering pyproject.toml.

`make build` installs requirements.lock, `make test` also requirements-test.lock
(tests/test_make.py shows which make runs). Here: what the locks hold. The
dependency closure is walked through the installed packages' own metadata, so a
dependency that pyproject.toml gained without `make lock` is caught here.
"""
from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from conftest import REPO
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

RUNTIME = REPO / "requirements.lock"
TEST = REPO / "requirements-test.lock"
TOOL = REPO / "tools" / "lock" / "pip-tools.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}\b")


def entries(lock: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) for every requirement of a lock; fails on anything not pinned by ==."""
    found: dict[str, tuple[str, list[str]]] = {}
    text = lock.read_text(encoding="utf-8")
    for entry in re.split(r"\n(?=\S)", text):
        entry = "\n".join(line for line in entry.splitlines() if not line.lstrip().startswith("#")).strip()
        if not entry:
            continue
        match = PIN.match(entry)
        assert match, f"{lock.name}: not an exact pin: {entry.splitlines()[0]!r}"
        found[canonicalize_name(match[1])] = (match[2], HASH.findall(entry))
    return found


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def closure(requirements: list[str]) -> set[str]:
    """Every distribution the requirements need here (Python 3.11 on Linux), from installed metadata."""
    names: set[str] = set()
    seen: set[tuple[str, frozenset[str]]] = set()
    environment = default_environment()
    # Each requirement with the extras its parent was asked for (which its marker may name).
    todo: list[tuple[Requirement, tuple[str, ...]]] = [(Requirement(text), ()) for text in requirements]
    while todo:
        requirement, parent_extras = todo.pop()
        if requirement.marker and not any(requirement.marker.evaluate({**environment, "extra": extra})
                                          for extra in ("", *parent_extras)):
            continue
        key = (canonicalize_name(requirement.name), frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        names.add(key[0])
        try:
            requires = metadata.requires(requirement.name) or []
        except metadata.PackageNotFoundError:
            pytest.fail(f"{requirement.name} is not installed: run `make test` (after `make lock` if pyproject.toml "
                        f"changed)")
        todo.extend((Requirement(text), tuple(requirement.extras)) for text in requires)
    return names


@pytest.mark.parametrize("lock", [RUNTIME, TEST, TOOL], ids=lambda path: path.name)
def test_every_package_is_pinned_with_sha256_hashes(lock: Path) -> None:
    pinned = entries(lock)
    assert pinned
    unhashed = [name for name, (_, hashes) in pinned.items() if not hashes]
    assert not unhashed, f"{lock.name}: no --hash for {unhashed}; run `make lock`"
    text = lock.read_text(encoding="utf-8")
    # Nothing that would make pip look elsewhere or take an unpinned file.
    assert not re.search(r"^\s*(-e|--editable|--index-url|--extra-index-url|-i |--find-links|-f |--trusted-host)",
                         text, re.MULTILINE)
    assert "make lock" in text.splitlines()[4]  # written by make lock, as its header says


def test_the_runtime_lock_covers_the_dependencies_and_nothing_for_tests() -> None:
    runtime = entries(RUNTIME)
    needed = closure(project()["dependencies"])
    missing = needed - set(runtime)
    assert not missing, f"requirements.lock lacks {sorted(missing)}: run `make lock`"
    # pip itself and the build backend (`pip install --no-build-isolation -e .`) are pinned too.
    assert {"pip", "setuptools"} <= set(runtime)
    extra = set(runtime) - needed - {"pip", "setuptools"}
    assert not extra, f"requirements.lock holds what building does not need: {sorted(extra)}"
    test_only = closure(project()["optional-dependencies"]["test"]) - needed
    assert {"pytest", "playwright", "hypothesis", "beautifulsoup4"} <= test_only
    assert not test_only & set(runtime)


def test_the_test_lock_adds_the_test_tools_at_the_runtime_versions() -> None:
    runtime, test = entries(RUNTIME), entries(TEST)
    needed = closure(project()["dependencies"] + project()["optional-dependencies"]["test"])
    missing = needed - set(test)
    assert not missing, f"requirements-test.lock lacks {sorted(missing)}: run `make lock`"
    # Installed after the runtime lock, it must not change a version the build uses.
    changed = {name: (version, test[name][0]) for name, (version, _) in runtime.items()
               if name not in test or test[name][0] != version}
    assert not changed, f"the locks disagree: {changed}; run `make lock`"


def test_each_direct_dependency_is_in_its_lock_by_name() -> None:
    # Without installed metadata: the check that fails first when pyproject.toml changed without `make lock`.
    runtime, test = entries(RUNTIME), entries(TEST)
    for text in project()["dependencies"]:
        requirement = Requirement(text)
        assert canonicalize_name(requirement.name) in runtime, f"{requirement.name}: run `make lock`"
        assert requirement.specifier.contains(runtime[canonicalize_name(requirement.name)][0])
    for text in project()["optional-dependencies"]["test"]:
        requirement = Requirement(text)
        assert canonicalize_name(requirement.name) in test, f"{requirement.name}: run `make lock`"
        assert requirement.specifier.contains(test[canonicalize_name(requirement.name)][0])


def test_this_venv_runs_what_the_locks_pin() -> None:
    # `make test` installed the test lock; a version here that differs means the stamp logic failed.
    different = {}
    for name, (version, _) in entries(TEST).items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            different[name] = (version, None)
            continue
        if installed != version:
            different[name] = (version, installed)
    assert not different, different


def test_the_lock_tool_is_pinned_and_writes_for_python_3_11_on_linux() -> None:
    tool = entries(TOOL)
    assert "pip-tools" in tool and "pip" in tool and "setuptools" in tool
    script = (REPO / "tools" / "lock" / "compile.sh").read_text(encoding="utf-8")
    assert "--generate-hashes" in script and "--require-hashes -r tools/lock/pip-tools.lock" in script
    assert "(3, 11)" in script and '"x86_64"' in script and '"Linux"' in script
    assert "--constraint requirements.lock" in script
