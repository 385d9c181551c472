"""Helpers for tests that try content as a hostile editor would.

A hostile input is either refused (build and check exit 1 naming the file, the
line and the code, and ``site/`` stays byte-identical) or published harmlessly
(its payload appears in no output file in raw form: every file under ``site/``
is searched, not just the HTML, and gzip files are searched decompressed).
"""
from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path inside it."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def fresh_copy(good_project: Path, destination: Path) -> Path:
    """A copy of a built project; the site's files are hard links (the build never writes in place)."""
    shutil.copytree(good_project, destination, ignore=shutil.ignore_patterns("site"), symlinks=True)
    shutil.copytree(good_project / "site", destination / "site", copy_function=os.link)
    return destination


def run_both(root: Path, *extra: str, lang: str | None = None) -> dict[str, subprocess.CompletedProcess]:
    """`policysite build` and `policysite check` as editors run them, side by side (in Danish, the
    default, or with ``--lang``)."""
    language = ["--lang", lang] if lang else []
    processes = {
        command: subprocess.Popen(
            [sys.executable, "-m", "policybuild.cli", "--root", str(root), *language, command, *extra],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for command in ("build", "check")
    }
    results = {}
    for command, process in processes.items():
        out, err = process.communicate(timeout=300)
        results[command] = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    return results


def output_files(site: Path) -> dict[str, bytes]:
    """Every published file's bytes, gzip files decompressed."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            files[path.relative_to(site).as_posix()] = data
    return files


def files_holding(site: Path, payload: str | bytes) -> list[str]:
    """The published files that hold ``payload`` byte for byte."""
    raw = payload.encode("utf-8") if isinstance(payload, str) else payload
    return [name for name, data in output_files(site).items() if raw in data]


def assert_nowhere_raw(site: Path, payload: str | bytes) -> None:
    holding = files_holding(site, payload)
    assert not holding, f"{payload!r} is published raw in {holding[:10]}"


def assert_refused(results: dict[str, subprocess.CompletedProcess], *, path: str, line: int | None, code: str,
                   says: tuple[str, ...] = ()) -> None:
    """Both commands exit 1 without a traceback and name the file, the line and the code."""
    for command, result in results.items():
        output = result.stdout + result.stderr
        assert result.returncode == 1, (command, output)
        assert "Traceback" not in output, (command, output)
        where = path if line is None else f"{path}, (?:linje|line) {line}"  # Danish, or English with --lang en
        named = re.compile((re.escape(path) if line is None else re.escape(path) + f", (?:linje|line) {line}")
                           + r"(?![\w.])")  # line 2 is not line 21, a.md is not a.md.en
        lines = [text for text in output.splitlines() if named.search(text) and f"[{code}]" in text]
        assert lines, (command, where, code, output)
        for phrase in says:
            assert phrase in lines[0], (command, phrase, lines[0])
