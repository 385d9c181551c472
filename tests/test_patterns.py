"""Whole-value rules are matched against the whole value.

Python's ``$`` also matches before a final newline, so ``re.match(r"^[a-z]+$", "abc\\n")`` succeeds:
a folder, file, id, address or date with a trailing newline would pass a rule written to refuse it,
and reach addresses, shells and pages. Every rule written ``^...$`` is therefore applied with
``fullmatch`` (the pattern text stays as it is, because the editor's forms reuse it in JavaScript,
where ``$`` means the end).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO
from policysite import schema
from policysite.errors import ContentErrors
from policysite.contentfiles import _NAME as FILE_NAME

# NAME = re.compile(r"^...$") or ("^(" + ... + ")$"), unless it is meant for many lines (re.MULTILINE).
ANCHORED = re.compile(r'^\s*(_?[A-Z][A-Z0-9_]*)\s*=\s*re\.compile\(\s*r?"\^.*\$"(?!.*MULTILINE)', re.M)
SOURCES = [path for folder in ("policysite", "policybuild", "hooks") for path in (REPO / folder).rglob("*.py")]


def test_every_whole_value_rule_is_applied_with_fullmatch() -> None:
    names = {name for path in SOURCES for name in ANCHORED.findall(path.read_text(encoding="utf-8"))}
    assert {"SLUG", "EMAIL", "DOMAIN", "PHONE", "URL", "PAGE_FILE", "_NAME"} <= names  # the scan sees them
    offenders = []
    for path in SOURCES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for name in names:
                if re.search(rf"\b{name}\.(match|search)\(", line):
                    offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == [], "\n".join(offenders)


@pytest.mark.parametrize("rule, good", [
    (schema.SLUG, "naestved"), (schema.EMAIL, "borger@kommune.dk"), (schema.DOMAIN, "kommune.dk"),
    (schema.PHONE, "+45 12 34 56 78"), (schema.URL, "https://kommune.dk/politik"),
    (schema.PAGE_FILE, "vaerdier.md"), (FILE_NAME, "logo.png"),
])
def test_a_trailing_newline_is_refused(rule: re.Pattern, good: str) -> None:
    assert rule.fullmatch(good)
    assert rule.match(good + "\n")  # what Python's $ allows
    assert not rule.fullmatch(good + "\n") and not rule.fullmatch(good + "\r\n")


def test_a_folder_or_file_name_ending_in_a_newline_is_refused(tmp_path: Path) -> None:
    from policysite.catalog import load_catalog
    from conftest import FIXTURES, copy_project

    root = copy_project(tmp_path / "p", FIXTURES / "municipalities")
    (root / "municipalities" / "alfa").rename(root / "municipalities" / "alfa\n")
    (root / "municipalities" / "beta" / "logo.png\n").write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(ContentErrors) as refused:
        load_catalog(root)
    assert {(error.code, error.path) for error in refused.value.errors} == {
        ("bad-slug", "municipalities/alfa\n"), ("file-name", "municipalities/beta/logo.png\n")}
