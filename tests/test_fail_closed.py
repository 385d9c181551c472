"""Fail closed: every bad input stops `build` and `check`, names file and line, and leaves site/ untouched.

The fixtures are files in tests/fixtures/bad/, one per case; expected.yml there
says which file each replaces and what the message must say.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from policybuild.build import build_sites

from conftest import FIXTURES, REPO, copy_project
from hostile import fresh_copy, run_both, snapshot

BAD = FIXTURES / "bad"
EXPECTED: dict[str, dict] = yaml.safe_load((BAD / "expected.yml").read_text(encoding="utf-8"))
DEFAULT_TARGET = "municipalities/alfa/vaerdier.md"


@pytest.fixture(scope="module")
def good_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test municipalities and the portal, built once for this module."""
    root = copy_project(tmp_path_factory.mktemp("good") / "project", FIXTURES / "municipalities")
    build_sites(root, root / "site", jobs=2, log=lambda message: None)
    return root


def test_every_fixture_has_an_expected_message() -> None:
    assert {path.name for path in BAD.glob("*.md")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_stops_build_and_check(name: str, good_project: Path, tmp_path: Path) -> None:
    case = EXPECTED[name]
    root = fresh_copy(good_project, tmp_path / "project")
    before = snapshot(root / "site")
    target = case.get("replaces", DEFAULT_TARGET)
    shutil.copyfile(BAD / name, root / target)

    for command, result in run_both(root).items():
        output = result.stdout + result.stderr
        assert result.returncode == 1, (command, output)
        assert "Traceback" not in output, (command, output)
        where = f"{target}, linje {case['line']}"
        lines = [line for line in output.splitlines() if where in line and f"[{case['code']}]" in line]
        assert lines, (command, where, case["code"], output)
        message = lines[0]
        for phrase in case["says"]:
            assert phrase in message, (command, phrase, message)
        assert "Sådan retter du det:" in message
    assert snapshot(root / "site") == before
    assert not list(root.glob(".site.staging-*"))


def test_a_symlink_out_of_the_tree_is_refused(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    before = snapshot(root / "site")
    outside = tmp_path / "outside.md"
    shutil.copyfile(root / DEFAULT_TARGET, outside)
    (root / DEFAULT_TARGET).unlink()
    (root / DEFAULT_TARGET).symlink_to(outside)
    for command, result in run_both(root).items():
        assert result.returncode == 1, command
        assert f"{DEFAULT_TARGET}: Filen er et link (symlink)" in result.stdout + result.stderr
        assert "[file-symlink]" in result.stdout + result.stderr
    assert snapshot(root / "site") == before


def test_check_writes_nothing(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    result = subprocess.run([sys.executable, "-m", "policybuild.cli", "--root", str(root), "check"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    first = result.stdout.splitlines()[0]
    assert ": 0 fejl og 0 advarsler" in first and "Intet site blev skrevet." in first
    assert not (root / "site").exists()
    assert not list(root.glob(".site*"))
