"""Every check runs in linear time with explicit bounds (issue 11, family 8).

LIX is linear; Markdown beyond policysite.textbounds is refused before it is
rendered, with the file and line; line numbers come from an index and repeated
findings are capped, so reporting is linear too; and a large hostile page is
refused or fully checked within a few seconds, whatever its shape.
"""
from __future__ import annotations

import glob
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policybuild.build import build_one, build_sites
from policysite import lix, pagecheck, textbounds
from policysite.catalog import check_page_text
from policysite.frontmatter import parse
from policysite.markup import TextTooComplex, render
from policysite.review import page_lix
from policysite.schema import PAGE_FIELDS

from conftest import FIXTURES, REPO, copy_project
from hostile import assert_refused, fresh_copy, run_both, snapshot

TARGET = "municipalities/alfa/vaerdier.md"
# Generous for a shared 2-core machine under load: unloaded, each case takes well under a second.
SECONDS = 8.0


def _best(function, *args, runs: int = 3) -> float:
    """The shortest processor time of a few runs: the machine is shared, so wall-clock time is not ours."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        function(*args)
        best = min(best, time.process_time() - started)
    return best


# ----------------------------------------------------------------- LIX

@pytest.mark.parametrize("shape", [".", ". ", "a.", ": ", "A. ", "!?", ".\t\t", "ord. Ord "])
def test_lix_is_linear(shape: str) -> None:
    # Each text has a word, so the sentence pattern runs over all of it. The old pattern took
    # 14 s on 20,000 dots and grew with the square: 16 times as long for 4 times the text.
    small = "Ord " + shape * (150_000 // len(shape))
    large = "Ord " + shape * (600_000 // len(shape))
    slow = _best(lix.count, [large], runs=3)
    assert slow < 3, slow
    assert slow / max(_best(lix.count, [small], runs=3), 1e-3) < 8


def test_lix_finds_sentence_ends_as_before() -> None:
    counted = lix.count(["Det er godt. Vi vil mere! Hvad nu? Se: Alt er fint... Og så. den 2. august, bl.a. "
                         "kommunen gør det. «Ja» siger hun. (Nej) siger han"])
    assert counted.sentences == 8 and counted.words == 27


def test_a_paragraph_of_dots_is_counted_at_once() -> None:
    started = time.perf_counter()
    assert lix.count(["." * 60_000 + " Ord"]).sentences == 2
    assert time.perf_counter() - started < 1


# ----------------------------------------------------------------- the bounds, one by one

def _page(body: str) -> str:
    return "---\ntitle: Side\n---\n\n" + body


@pytest.mark.parametrize(("body", "line", "phrase"), [
    ("Tekst.\n\n" + "[" * 20_000, 7, "'[' are open at once"),
    ("[a](b [c](d [e](f [g](h [i](j\n", 5, "link addresses"),
    ('[a]("x) ' * 6, 5, "link addresses"),
    ("a\n\n" + "<a " * 10 + ">", 7, "start an HTML tag"),
    ("<span>a</span>" * 1_001, 5, "HTML tags"),
    ('<div markdown="1">\n\n' * 21, 45, "'markdown' attribute"),
    ("> " * 9 + "citat", 5, "quote marks"),
    (" " * 41 + "- punkt", 5, "indented by more than"),
    ("`" * 33, 5, "backticks"),
    ("# Overskrift\n\n" * 1_001, 2_005, "headings"),
    ("~~~\nkode\n~~~\n\n" * 101, 405, "code blocks"),
    ("term\n" + ": definition\n" * 101, 5, "definitions"),
    ("tekst\n***\n" * 1_000, 5, "headings, rules or underlines"),
    ("`a" * 5_000, 5, "formatting marks all through it"),
    ("*a* og *b*\n\n" * 1_300, 2_505, "formatting marks"),
    ("linje\n" * 5_001, 5_004, "lines"),
    ("afsnit\n\n" * 2_001, 4_005, "paragraphs"),
    ("ord " * 26_000, 4, "characters long"),
])
def test_text_beyond_a_bound_is_refused_before_rendering(body: str, line: int, phrase: str) -> None:
    errors: list = []
    started = time.perf_counter()
    check_page_text(_page(body), "side.md", PAGE_FIELDS, (), errors)
    assert time.perf_counter() - started < SECONDS
    refused = [e for e in errors if e.code == "text-too-complex"]
    assert refused, [str(e) for e in errors]
    assert phrase in refused[0].problem_in("en"), refused[0].problem_in("en")
    assert refused[0].problem != refused[0].problem_in("en")  # Danish unless English is asked for
    assert refused[0].line == line, (refused[0].line, refused[0].problem)
    with pytest.raises(TextTooComplex):
        render(body)


def test_real_pages_are_far_below_the_bounds() -> None:
    paths = sorted(glob.glob(str(REPO / "municipalities" / "*" / "*.md")) + glob.glob(str(REPO / "docs" / "**" / "*.md"),
                                                                                      recursive=True))
    assert paths
    for path in paths:
        body = parse(Path(path).read_text(encoding="utf-8"), path).body
        # The same text ten times over still passes: the bounds leave room.
        assert textbounds.check(body) is None, path
        assert textbounds.check("\n\n".join([body] * 10)) is None, path


# ----------------------------------------------------------------- a large hostile page

def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _paragraphs(unit: str, size: int) -> str:
    return _fill(unit.strip("\n") + "\n\n", size)


NEAR_THE_FILE_LIMIT = pagecheck.MAX_FILE_CHARS - 1_000
WITHIN = textbounds.MAX_CHARS - 500
SHAPES = {
    # The three from the issue, close to the 1 MB file limit.
    "60,000 dots and more": "." * NEAR_THE_FILE_LIMIT,
    "20,000 [ and more": "[" * NEAR_THE_FILE_LIMIT,
    "images without alt text": _paragraphs("![](x.png)", NEAR_THE_FILE_LIMIT),
    # Others that made Python-Markdown slow, close to the file limit too.
    "<a over and over": _fill("<a", NEAR_THE_FILE_LIMIT),
    "`a over and over": _fill("`a", NEAR_THE_FILE_LIMIT),
    "nested quotes": "\n".join("> " * (i % 200) + "a" for i in range(2_000)),
    "headings in one paragraph": _fill("# a\n", NEAR_THE_FILE_LIMIT),
    "rules in one paragraph": _fill("a\n***\n", NEAR_THE_FILE_LIMIT),
    "definitions in one paragraph": "a\n" + _fill(": b\n", NEAR_THE_FILE_LIMIT),
    "link addresses never closed": _fill("[a](", NEAR_THE_FILE_LIMIT),
    # At the bounds: as much as is allowed, which must be checked in full, quickly.
    "dots within the bounds": "." * WITHIN,
    "4 unclosed [ in one paragraph": "[[[[" + _fill("ord ", WITHIN),
    "brackets 4 deep": _paragraphs("[[[[a]]]] " * 2, 200)[:20_000] + "\n\n" + _fill("ord ", WITHIN - 20_000),
    "2,000 images without alt text": "\n\n".join(["![](x.png) ![](y.png)"] * 1_000) + "\n\n" + _fill("ord ", 60_000),
    "2,000 paragraphs with links": "\n\n".join(["[a](b) [c](d)"] * 1_999) + "\n\n" + _fill("ord ", 60_000),
    "table of 4,000 rows": "|a|b|\n|-|-|\n" + "|a|b|\n" * 4_000 + "\n" + _fill("ord ", 60_000),
    "1,000 headings": "# a\n\n" * 1_000 + _fill("ord ", 90_000),
    "lists 10 deep": "\n".join(" " * (4 * (i % 10)) + "- a" for i in range(4_990)),
    "quotes 8 deep": "\n".join("> " * (i % 9) + "a" for i in range(4_990)),
    "200 code blocks": "~~~\nkode\n~~~\n\n" * 100 + _fill("ord ", 90_000),
    "tags up to the limit": "<span>a</span>\n\n" * 500 + _fill("ord ", 80_000),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_large_hostile_page_is_refused_or_checked_within_seconds(shape: str) -> None:
    """What `make check` does with one page: every check of the catalog, then the warnings and LIX."""
    text = _page(SHAPES[shape])
    assert len(text.encode()) <= pagecheck.MAX_FILE_CHARS
    errors: list = []
    started = time.perf_counter()
    loaded = check_page_text(text, "side.md", PAGE_FIELDS, (), errors)
    if loaded is not None and loaded.fragments:
        pagecheck.vague_link_warnings("side.md", text, loaded.fragments)
        pagecheck.placeholder_warnings("side.md", text)
        lix.count(u for u in loaded.fragments[0].analysis.units)
    elapsed = time.perf_counter() - started
    assert elapsed < SECONDS, (shape, elapsed)
    refused = [e for e in errors if e.code == "text-too-complex"]
    if refused:
        assert refused[0].line is not None and 1 <= refused[0].line <= text.count("\n") + 1
    else:
        assert loaded is not None, [str(e) for e in errors]
    # Reporting is bounded: at most MAX_PER_CODE listed per code, then one line with the count.
    for code in {e.code for e in errors}:
        assert sum(1 for e in errors if e.code == code) <= 21, code


def test_thousands_of_images_without_alt_text_are_reported_in_order_and_capped() -> None:
    body = "\n\n".join(f"![](bild-{n}.png) ![](bild-{n}b.png)" for n in range(1_000))
    text = _page(body)
    errors: list = []
    started = time.perf_counter()
    check_page_text(text, "side.md", PAGE_FIELDS, (), errors)
    assert time.perf_counter() - started < SECONDS
    missing = [e for e in errors if e.code == "image-alt-missing"]
    assert [e.line for e in missing[:20]] == [5 + 2 * (n // 2) for n in range(20)]
    assert missing[20].line is None and "1,980 more problem(s) like those above (2,000 in all)" in missing[20].problem_in("en")
    assert len(missing) == 21


def test_the_same_finding_again_is_located_on_its_own_line() -> None:
    text = _page("![](x.png)\n\nTekst.\n\n![](x.png)\n")
    errors: list = []
    check_page_text(text, "side.md", PAGE_FIELDS, (), errors)
    assert [e.line for e in errors if e.code == "image-alt-missing"] == [5, 9]


# ----------------------------------------------------------------- as editors run it

@pytest.fixture(scope="module")
def good_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("bounds") / "project", FIXTURES / "municipalities")
    build_sites(root, root / "site", jobs=2, log=lambda message: None)
    return root


def test_build_and_check_refuse_20000_brackets_with_file_and_line(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    page = root / TARGET
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    line = text.count("\n") + 1
    page.write_text(text + "[" * 20_000 + "\n", encoding="utf-8")
    before = snapshot(root / "site")
    started = time.perf_counter()
    results = run_both(root)
    assert time.perf_counter() - started < 60
    assert_refused(results, path=TARGET, line=line, code="text-too-complex", says=("'[' er åbne på én gang",))
    assert snapshot(root / "site") == before


def test_check_reads_a_paragraph_of_60000_dots_in_seconds(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    page = root / TARGET
    page.write_text(page.read_text(encoding="utf-8") + "\n" + "." * 60_000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "policybuild.cli", "--root", str(root), "check"],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert time.perf_counter() - started < 30
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": 0 fejl og" in result.stdout.splitlines()[0]


def test_the_build_hook_refuses_text_beyond_the_bounds_that_no_check_saw(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """hooks/policy_bounds.py: the portal built directly, so the catalog never saw its pages."""
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    (root / "docs" / "index.md").write_text("---\ntitle: Forside\n---\n\nVelkommen.\n\n" + "[" * 20_000 + "\n",
                                            encoding="utf-8")
    started = time.perf_counter()
    with caplog.at_level("ERROR", logger="mkdocs"):
        result = build_one(root, "", tmp_path / "out")
    assert time.perf_counter() - started < 30
    assert result.error is not None
    assert "docs/index.md, linje 7: Mere end 4 '[' er åbne på én gang her" in caplog.text
    assert "[text-too-complex]" in caplog.text


def test_a_plain_field_beyond_the_bounds_is_refused_not_a_traceback(good_project: Path, tmp_path: Path) -> None:
    """A field without markup characters is read as text (LIX, cards) too; it is bounded like any other."""
    root = fresh_copy(good_project, tmp_path / "project")
    page = root / TARGET
    lines = "\n".join(f"      Linje {n}" for n in range(6_000))
    page.write_text(page.read_text(encoding="utf-8").replace(
        "    summary: Vi er tæt på hinanden.\n", f"    summary: |\n{lines}\n", 1), encoding="utf-8")
    before = snapshot(root / "site")
    assert_refused(run_both(root), path=TARGET, line=6, code="text-too-complex", says=("mere end 5.000 linjer",))
    assert snapshot(root / "site") == before
