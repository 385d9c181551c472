"""The engine under the build (policybuild/engine.py): one place to choose it, and either builds the same site."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from policybuild import engine

from conftest import FIXTURES, REPO, copy_project

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_the_other_engine_builds_the_same_site_file_for_file_apart_from_the_generator(
        fixture_site: Path, tmp_path: Path) -> None:
    """The session's fixture site was built with this process's engine; the same project is built again
    with the other one, in a process of its own (an engine is chosen before anything imports MkDocs)."""
    other = next(name for name in engine.ENGINES if name != engine.NAME)
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    result = subprocess.run([sys.executable, "-m", "policybuild.cli", "--root", str(root), "build"],
                            env={**os.environ, engine.VARIABLE: other}, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    ours, theirs = files_of(fixture_site), files_of(root / "site")
    assert sorted(ours) == sorted(theirs)
    generators = set()
    for name, data in ours.items():
        generators.update(GENERATOR.findall(data) + GENERATOR.findall(theirs[name]))
        assert GENERATOR.sub(b"", data) == GENERATOR.sub(b"", theirs[name]), name
    assert any(b"ProperDocs" in tag for tag in generators)  # the other engine did build it
    assert any(b"ProperDocs" not in tag for tag in generators)


def run_engine(value: str, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, env={**os.environ, engine.VARIABLE: value},
                          capture_output=True, text=True, timeout=120)


def test_each_engine_answers_the_mkdocs_names_the_hooks_use() -> None:
    code = ("import policybuild.engine as e, mkdocs.plugins, mkdocs.structure.pages as p; "
            "print(e.NAME, mkdocs.plugins.__name__, p.__name__, e.build.__module__)")
    assert run_engine("mkdocs", code).stdout.split() == [
        "mkdocs", "mkdocs.plugins", "mkdocs.structure.pages", "mkdocs.commands.build"]
    assert run_engine("properdocs", code).stdout.split() == [
        "properdocs", "properdocs.plugins", "properdocs.structure.pages", "properdocs.commands.build"]


def test_an_unknown_engine_is_refused_in_both_languages() -> None:
    result = run_engine("zensical", "import policybuild.engine")
    assert result.returncode != 0
    assert "ikke en kendt motor" in result.stderr and "not a known engine" in result.stderr
    assert "mkdocs, properdocs" in result.stderr


def test_properdocs_is_refused_once_mkdocs_itself_is_loaded() -> None:
    result = run_engine("properdocs", "import mkdocs.config; import policybuild.engine")
    assert result.returncode != 0 and "already imported" in result.stderr


def test_nothing_outside_the_engine_module_imports_mkdocs() -> None:
    """The driver, the bench and the tests name the engine only through policybuild/engine.py."""
    pattern = re.compile(r"^\s*(from|import)\s+(mkdocs|properdocs)\b", re.MULTILINE)
    offenders = []
    for folder in ("policybuild", "bench", "tests"):
        for path in (REPO / folder).rglob("*.py"):
            if path.name == "engine.py" and path.parent.name == "policybuild":
                continue
            text = path.read_text(encoding="utf-8")
            # Hook files the tests write into a project are hooks, which use the mkdocs.* names.
            text = re.sub(r"'''.*?'''", "", text, flags=re.DOTALL)
            if pattern.search(text):
                offenders.append(path.relative_to(REPO).as_posix())
    assert offenders == []


def test_mkdocs_yml_is_read_by_libyaml_with_the_same_result() -> None:
    import yaml

    loader = engine.get_yaml_loader()
    assert issubclass(loader, yaml.CLoader)
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert yaml.load(text, Loader=loader) == yaml.load(text, Loader=engine.get_yaml_loader(yaml.Loader))
    assert engine.load_config(str(REPO / "mkdocs.yml"))["site_url"]
