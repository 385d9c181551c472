"""Property-based: whatever an editor types, the checks answer with clean messages, never a traceback."""
from __future__ import annotations

import datetime
import re
import shutil
import tempfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from policybuild.build import build_sites
from policysite import sanitize
from policysite.catalog import OVERVIEW_FIELDS, PAGE_FIELDS, check_page_text, inspect
from policysite.errors import ContentError
from policysite.messages import MESSAGES
from policysite.schema import BLOCK_FIELDS, POLICY_FIELDS

from conftest import FIXTURES, REPO

THEMES = ("faellesskab", "naboskab", "tillid")
PATH = "municipalities/alfa/side.md"
SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Front-matter: the schema's own keys and values, misspelt keys, YAML's traps, and raw YAML syntax.
KEYS = sorted({f.name for f in (*PAGE_FIELDS, *POLICY_FIELDS, *BLOCK_FIELDS)} | {"sumary", "titel", "<<", "on", ""})
SCALARS = st.one_of(
    st.text(max_size=30), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=True),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["yes", "no", "on", "off", "010", "0x1F", "12:30", "1e3", ".nan", "~", "!!python/name:os.system",
                     "&a", "*a", "<script>x</script>", "[x](javascript:y)", "{: onclick=x }", "\t", "---"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4),
    max_leaves=20,
)
YAML_NOISE = st.text(alphabet=list("abcæø :-_[]{}&*!|>#'\"\n\t0123456789.,%@`?~\\<"), max_size=200)


@st.composite
def front_matter(draw) -> str:
    choice = draw(st.integers(0, 2))
    if choice == 0:
        return draw(YAML_NOISE)
    data = draw(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if choice == 2 and text:  # damage it
        position = draw(st.integers(0, len(text)))
        text = text[:position] + draw(st.sampled_from(["\t", ":", "- ", "&a ", "*a", "!!python/tuple ", "\n  ", "'", "["])) + text[position:]
    return text


# Markdown: the constructs the checks look at, in any order and combination.
PIECES = st.sampled_from([
    "# Titel", "## Afsnit", "#### Dybt", "### Under { #id .klasse }", "Tekst.", "Lang sætning uden punktum",
    "[klik her](index.md)", "[læs](vaerdier.md#naerhed)", "[x](#nope)", "[x](../ud.md)", "[x](/abs)", "[x](kommune:beta#y)",
    "[x](JaVaScRiPt:alert(1))", "[x](&#106;avascript:1)", "[x](data:text/html,1)", "![](billede.png)", "![Et billede](b.png)",
    "<script>alert(1)</script>", "<SCRIPT>", "<iframe src=x>", "<object>", "<span onclick=x>y</span>", "{: onclick=\"x\" }",
    "<span lang=\"da\">dansk</span>", "<abbr title=\"x\">X</abbr>", "<!-- kommentar -->", "<!-- x --!> y -->", "<!-->",
    "<![CDATA[x]]>", "<!DOCTYPE html>", "<?php x ?>", "<![foo[", "- punkt", "1. punkt", "> citat", "> > > dybt",
    "| a | b |\n|---|---|\n| 1 | 2 |", "```\n<script>\n```", "    kode", "!!! note\n    Tekst", "??? x\n    y",
    "Term\n:   Definition", "<div markdown>\n*x*\n</div>", "<!-- blocks -->", "&amp; &lt; &#0; &#x110000;", "\x00", "\r\n",
    "UDFYLD", "{", "}", "[", "]", "<", ">", "&", "*", "_", "`", "\\",
])
MARKDOWN = st.one_of(
    st.lists(PIECES, max_size=12).map("\n\n".join),
    st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=12).map("".join),
    st.text(max_size=300),
)


def assert_clean(errors: list[ContentError], text: str) -> None:
    lines = len(text.splitlines()) + 1  # line breaks as YAML and editors count them (\r, \x85 too)
    for error in errors:
        assert isinstance(error, ContentError)
        assert error.code in MESSAGES
        assert error.path == PATH
        assert error.line is None or 1 <= error.line <= lines, (error, lines)
        assert error.problem.strip() and error.fix.strip()
        assert PATH in str(error) and f"[{error.code}]" in str(error)


@SETTINGS
@given(front_matter(), MARKDOWN, st.sampled_from([PAGE_FIELDS, OVERVIEW_FIELDS]), st.sampled_from(["da", "en"]))
def test_random_front_matter_and_markdown_give_only_clean_errors(fm: str, body: str, fields, lang: str) -> None:
    text = f"---\n{fm}\n---\n{body}"
    errors: list[ContentError] = []
    check_page_text(text, PATH, fields, THEMES, errors, lang)
    assert_clean(errors, text)


@SETTINGS
@given(MARKDOWN)
def test_random_markdown_under_valid_front_matter(body: str) -> None:
    text = f"---\ntitle: Side\nvalues:\n  - id: a\n    title: A\n    text: {yaml.safe_dump(body).strip()}\n    themes: [tillid]\n---\n{body}"
    errors: list[ContentError] = []
    loaded = check_page_text(text, PATH, PAGE_FIELDS, THEMES, errors)
    assert_clean(errors, text)
    if loaded is not None and not errors:
        for fragment in loaded.fragments:  # what passes is exactly what the sanitiser keeps
            assert sanitize.sanitise(fragment.html) == sanitize.canonical(fragment.html)


@SETTINGS
@given(st.text(max_size=200) | st.lists(PIECES, max_size=10).map("".join))
def test_sanitiser_rejects_exactly_what_it_would_change(html: str) -> None:
    found = sanitize.findings(html)
    assert bool(found) == (sanitize.sanitise(html) != sanitize.canonical(html))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matter(), MARKDOWN)
def test_a_random_page_in_a_real_folder(fm: str, body: str) -> None:
    """Through files on disk, as `make check` reads them: errors or a catalog, never an exception."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copy2(REPO / "themes.yml", root / "themes.yml")
        shutil.copytree(FIXTURES / "municipalities", root / "municipalities")
        page = root / "municipalities" / "alfa" / "vaerdier.md"
        page.write_text(f"---\n{fm}\n---\n{body}", encoding="utf-8", errors="surrogatepass")
        for error in inspect(root).errors:
            assert error.code in MESSAGES and error.path.startswith("municipalities/")


# ---- Every text field the schema declares, fed text, markup and control characters ----
#
# One build per example: every field of text the schema declares gets a payload at
# once. Whatever the checks refuse must be refused with a message naming that field;
# whatever they accept must reach no output file in a form that is not escaped.

from policysite.schema import BLOCK_KINDS, CONSULTATION_FIELDS, PAGE_FIELDS as _PAGE, POLICY_FIELDS as _POLICY
from policysite.schema import THEME_LABEL, text_fields
from policysite.text import FORBIDDEN_IN_VALUE

from conftest import copy_project
from hostile import files_holding, output_files

_BLOCK_KEYS = {kind.key for kind in BLOCK_KINDS}
_FIRST_BLOCKS = "values"  # alfa/vaerdier.md has values; each block kind has the same fields


def _neutral_keys(fields, prefix: str = "", inherited: bool = False) -> set[str]:
    """The dotted keys of text fields written in the Danish file only (a neutral field or group, issue 12)."""
    keys: set[str] = set()
    for f in fields:
        key = f"{prefix}{f.name}" + ("[0]" if f.many else "")
        neutral = inherited or f.neutral
        if f.fields:
            keys |= _neutral_keys(f.fields, key + ".", neutral)
        elif neutral:
            keys.add(key)
    return keys


def _targets() -> list[tuple[tuple[str, ...], str, object]]:
    """(files, dotted key, field) for every text field, derived from the schema: in the Danish file and its
    English twin, or in the Danish file only where the schema says the fact is the same in both."""
    alfa, beta = "municipalities/alfa", "municipalities/beta"
    consultation = {f"consultation.{f.name}" for f in CONSULTATION_FIELDS}
    neutral = _neutral_keys(_POLICY) | _neutral_keys(_PAGE)

    def files(stem: str, key: str) -> tuple[str, ...]:
        return (f"{stem}.md",) if key in neutral else (f"{stem}.md", f"{stem}.en.md")

    found = []
    for key, f in text_fields(_POLICY) + [item for item in text_fields(_PAGE) if item[0].split("[")[0] not in _BLOCK_KEYS]:
        home = beta if key in consultation else alfa  # beta is the consultation draft
        found.append((files(f"{home}/index", key), key, f))
    for key, f in text_fields(_PAGE):
        if key.startswith(f"{_FIRST_BLOCKS}[0].") or key.split("[")[0] not in _BLOCK_KEYS:
            found.append((files(f"{alfa}/vaerdier", key), key, f))
    found.append((("themes.yml",), "faellesskab.da", THEME_LABEL))
    return found


TARGETS = _targets()
HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
PAYLOADS = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=24),
    st.text(alphabet=list("aæ &<>\"'`*_[](){}#!\\:/.-=;»«“”\t\n"), min_size=1, max_size=24),
    st.sampled_from([
        "Kultur & fritid", "“Sammen”", "a < b > c", "AT&T", *HOSTILE, "`<img src=x onerror=alert(1)>`",
        "&lt;script&gt;", "&#60;b&#62;", "[x](javascript:alert(1))", "![x](https://example.org/x.png)",
        "{: onclick=alert(1) }", "~~~\n<script>alert(1)</script>\n~~~", "<div>\nx", "</p><p>", "<!-- x -->",
        "*x*", "[x](kommune:nowhere)", "a\u202eb", "a\x00b", "a\x1b[31mb", "a\ufeffb", "\u2066x\u2069",
        "a\ud800b", "a\x85b", "a\ufdd0b", "tab\there",
    ]),
    st.tuples(st.text(max_size=8), st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x9b", "\u200e", "\u202d",
                                                    "\u2028", "\ufeff", "\ufffe", "\U0010ffff", "\udfff", "\r"]),
              st.text(max_size=8)).map("".join),
)


def _path(key: str) -> list[str | int]:
    return [int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", key)]


# What a new item of a list of groups needs besides its text fields: a part a heading, a further
# contact a way to reach it.
_NEW_ITEM = {"parts": {"heading": "Del"}, "contacts": {"email": "kontakt@alfa.dk"}}
# ... and of a group: an adopted policy's consultation history its dates.
_NEW_GROUP = {"consultation_history": {"consulted_until": datetime.date(2020, 2, 28), "adopted": datetime.date(2020, 3, 24)}}  # alfa was adopted on 24 March 2020


def _set(data: dict, key: str, value: str, *, danish: bool = True) -> None:
    """Write ``value`` at a dotted key, making the lists and groups on the way (with _NEW_ITEM and
    _NEW_GROUP's facts in a Danish file; an English one holds only the text)."""
    steps = _path(key)
    node = data
    for previous, step, following in zip([None, *steps], steps, steps[1:]):
        if isinstance(step, int):
            while len(node) <= step:
                node.append(dict(_NEW_ITEM.get(previous, {}) if danish else {}) if isinstance(following, str) else "")
        elif node.get(step) is None or (isinstance(following, int) and not node[step]):
            node[step] = [] if isinstance(following, int) else dict(_NEW_GROUP.get(step, {}) if danish else {})
        node = node[step]
    last = steps[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append("")
    node[last] = value


def _target_id(files: tuple[str, ...], key: str) -> str:
    return f"{files[0]}:{key}"


def _write(root: Path, payloads: dict[str, str]) -> None:
    by_file: dict[str, list[tuple[str, str]]] = {}
    for files, key, _ in TARGETS:
        for name in files:
            by_file.setdefault(name, []).append((key, payloads[_target_id(files, key)]))
    for name, values in by_file.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        if name.endswith(".yml"):
            data = yaml.safe_load(text)
            for key, value in values:
                _set(data, key, value)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            continue
        _, front, body = text.split("---\n", 2)
        data = yaml.safe_load(front)
        for key, value in values:  # the facts besides the text only in the Danish file (issue 12)
            _set(data, key, value, danish=not name.endswith(".en.md"))
        dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
        path.write_text(f"---\n{dumped}---\n{body}", encoding="utf-8", errors="surrogatepass")


def _names(error: ContentError, key: str) -> bool:
    """Whether an error is about the field at ``key`` (the raw scan names keys without list positions)."""
    if error.key is None:
        return False
    return error.key == key or re.sub(r"\[\d+\]", "", error.key) == re.sub(r"\[\d+\]", "", key)


def _marked(payloads: dict[str, str]) -> dict[str, str]:
    """Each payload between words of its own, so its raw form can be told from the theme's own code."""
    return {key: f"Q{index}q {value} q{index}Q" for index, (key, value) in enumerate(sorted(payloads.items()))}


# A few examples, each a whole build with every field filled (about 4 s each); derandomized, so CI
# sees the same examples every time, and not shrunk, which would rebuild the site hundreds of times.
@settings(max_examples=8, derandomize=True, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.fixed_dictionaries({_target_id(files, key): PAYLOADS for files, key, _ in TARGETS}).map(_marked))
@example(_marked({_target_id(files, key): "Kultur & fritid <3 a > b" for files, key, _ in TARGETS}))
def test_no_text_field_publishes_its_payload_unescaped(payloads: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = copy_project(Path(folder) / "project", FIXTURES / "municipalities")
        files = {name for files_, _, _ in TARGETS for name in files_}
        refused: set[str] = set()
        for _ in range(8):  # refusing one field can let the checks reach another (an overview's errors hide its pages')
            _write(root, {key: ("Tekst" if key in refused else value) for key, value in payloads.items()})
            errors = inspect(root).errors
            if not errors:
                break
            theme_refused = any(error.path == "themes.yml" for error in errors)
            for error in errors:
                assert error.code in MESSAGES, error
                if error.code == "unknown-theme" and theme_refused:
                    continue  # blocks using the theme whose label was refused
                assert error.path in files, error
                named = {_target_id(files_, key) for files_, key, _ in TARGETS
                         if error.path in files_ and _names(error, key)}
                assert named, f"an error that names no field written: {error}"
                refused |= named
        else:
            pytest.fail(f"still refused after replacing {sorted(refused)}: {[str(e) for e in errors]}")
        for key, value in payloads.items():
            if FORBIDDEN_IN_VALUE.search(value):
                assert key in refused, (key, value)
        site = root / "site"
        build_sites(root, site, jobs=1, log=lambda message: None)
        published = output_files(site)
        for name, data in published.items():
            if name.endswith(".xml"):
                ElementTree.fromstring(data)  # every feed and sitemap stays well-formed
        for files_, key, f in TARGETS:
            value = payloads[_target_id(files_, key)]
            if _target_id(files_, key) in refused:
                continue
            for hostile in HOSTILE:
                assert not files_holding(site, hostile), (key, value)
            if f.kind.text == "plain" and re.search(r"[<>&]", value):
                for raw in {value, " ".join(value.split())}:  # as written, and as HTML collapses spaces
                    assert not [name for name, data in published.items() if raw.encode("utf-8") in data], (key, value)
