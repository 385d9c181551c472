"""Property-based: whatever an editor types, the checks answer with clean messages, never a traceback."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
