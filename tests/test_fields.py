"""Field kinds, as a hostile editor would try them (issue 11, families 1, 2, 9, 10 and 12).

Each field declares its kind in the schema (plain text, inline or block
Markdown, URL ...), and the checks and the rendering both follow it. A
refused input stops `build` and `check` naming file, line and key, and leaves
site/ byte-identical; an accepted one reaches no output file in raw form.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from policybuild.build import build_sites
from policysite import crosslinks, markup, text as textrules
from policysite.schema import STATEMENT_URL_KIND, URL_KIND, OVERVIEW_FIELDS, PAGE_FIELDS, THEME_LABEL, text_fields

from conftest import FIXTURES, REPO, build, copy_project, soup
from hostile import assert_nowhere_raw, assert_refused, files_holding, fresh_copy, run_both, snapshot

ALFA = "municipalities/alfa"
BETA = "municipalities/beta"


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def good_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test municipalities and the portal, built once for this module."""
    root = copy_project(tmp_path_factory.mktemp("fields") / "project", FIXTURES / "municipalities")
    build_sites(root, root / "site", jobs=2, log=lambda message: None)
    return root


def refused(good_project: Path, tmp_path: Path, edits: list[tuple[str, str, str]],
            expected: list[tuple[str, int, str, tuple[str, ...]]]) -> None:
    """Apply ``edits``; both commands must refuse with every expected (file, line, code, phrases)."""
    root = fresh_copy(good_project, tmp_path / "project")
    before = snapshot(root / "site")
    for relative, old, new in edits:
        edit(root, relative, old, new)
    results = run_both(root, lang="en")  # the phrases below are the English messages (Danish: test_fail_closed.py)
    for path, line, code, says in expected:
        assert_refused(results, path=path, line=line, code=code, says=says)
    assert snapshot(root / "site") == before
    for _, _, new in edits:  # so no payload is anywhere in it
        assert_nowhere_raw(root / "site", new.strip())
    assert not list(root.glob(".site.staging-*"))


# ---- The schema: every text field has a kind ----

def test_every_field_of_text_declares_one_of_the_three_kinds() -> None:
    kinds = {key: f.kind.text for key, f in text_fields(OVERVIEW_FIELDS) + text_fields(PAGE_FIELDS, "page.")}
    assert kinds["title"] == kinds["municipality"] == kinds["policy_title"] == kinds["publisher"] == "plain"
    assert kinds["contact.unit"] == kinds["source.title"] == kinds["changes[0].da"] == kinds["changes[0].en"] == "plain"
    assert kinds["replaces[0]"] == kinds["references[0]"] == "plain"
    assert kinds["page.values[0].title"] == kinds["page.values[0].parts[0].heading"] == "plain"
    assert kinds["page.values[0].summary"] == kinds["page.values[0].lead"] == kinds["page.values[0].items_intro"] == "inline"
    assert kinds["page.values[0].text"] == kinds["page.values[0].items[0]"] == "block"
    assert kinds["page.focus_areas[0].parts[0].items[0]"] == "block"
    assert THEME_LABEL.kind.text == "plain"


def test_the_field_reference_shows_each_field_s_kind(good_project: Path) -> None:
    for prefix, lang in (("", "da"), ("en", "en")):
        article = soup(good_project / "site" / prefix / "redaktoerer" / "skema" / "index.html").select_one("article")
        rows = {row.select_one("td code").get_text(): row.select("td")[2].get_text(" ")
                for row in article.select("table tr") if row.select_one("td code")}
        assert ("tekst" if lang == "da" else "text") == rows["municipality"]
        assert "Markdown" in rows["summary"] and "Markdown" in rows["text"]
        assert "was.digst.dk" in rows["accessibility_statement"] and "https://" in rows["site_url"]


# ---- Plain text: refused if it holds markup, escaped wherever it is printed ----

@pytest.mark.parametrize(("value", "found"), [
    ("Principper `<img src=x onerror=alert(1)>`", "backtick"),
    ("Alfa <img src=x onerror=alert(1)>", "'<img src=x o'"),
    ("a </title><script>", "'</title"),
    ("a <!-- b -->", "'<!--"),
    ("AT&lt;T", "'&lt;'"),
    ("AT&#60;T", "'&#60;'"),
    ("Se [her](javascript:alert(1))", "link"),
    ("![x](https://example.org/x.png)", "image"),
    ("Tillid {: onclick=alert(1) }", "attribute list"),
    ("Tillid {#__config}", "attribute list"),
    ("Vi *tror* på det", "emphasis"),
    ("a \\*b", "backslash"),
])
def test_markup_in_plain_text_is_named(value: str, found: str) -> None:
    what = textrules.plain_text_markup(value, markup.render)
    assert what is not None and found in what.text("en"), (value, what)
    assert what.text("da") != what.text("en")  # named in Danish too


@pytest.mark.parametrize("value", [
    "Kultur & fritid", "“Sammen”", "a < b", "5 > 3", "AT&T", "1. januar", "# nummer 1", "- tankestreg",
    "»Sammen om Næstved«", "[UDFYLD: sidens titel]", "snake_case_ord", "2 * 3", "Kommunens' borgere", "x {y}",
])
def test_plain_text_without_markup_is_accepted(value: str) -> None:
    assert textrules.plain_text_markup(value, markup.render) is None, value


def test_markup_in_plain_text_fields_is_refused(good_project: Path, tmp_path: Path) -> None:
    payload = "`<img src=x onerror=alert(1)>`"
    refused(good_project, tmp_path, [
        (f"{ALFA}/vaerdier.md", "title: Værdier", f'title: "Principper {payload}"'),
        (f"{ALFA}/vaerdier.md", "    title: Nærhed", '    title: "Nærhed <img src=x onerror=alert(1)>"'),
        (f"{BETA}/index.en.md", "municipality: Beta Municipality", 'municipality: "Beta &lt;script&gt;"'),
        (f"{BETA}/index.md", '  address: "Gaden 2, 8888 Beta"', '  address: "Gaden {: onclick=alert(1) }"'),
        (f"{ALFA}/index.md", "    en: \"Spelling corrected", "    en: \"[Spelling](javascript:alert(1)) corrected"),
        (f"{BETA}/indsatsomraader.md", "      - heading: Hvor vil vi hen?", '      - heading: "Hvor ![x](x.png)"'),
        ("themes.yml", "  da: Fællesskab\n", "  da: \"Fællesskab `x`\"\n"),
    ], [
        (f"{ALFA}/vaerdier.md", 2, "plain-text-markup", ("key 'title'", "backtick")),
        (f"{ALFA}/vaerdier.md", 5, "plain-text-markup", ("key 'values[0].title'", "'<img src=x o'")),
        (f"{BETA}/index.en.md", 3, "plain-text-markup", ("key 'municipality'", "'&lt;'")),
        (f"{BETA}/index.md", 18, "plain-text-markup", ("key 'consultation.address'", "attribute list")),
        (f"{ALFA}/index.md", 26, "plain-text-markup", ("key 'changes[0].en'", "link")),
        (f"{BETA}/indsatsomraader.md", 7, "plain-text-markup", ("key 'focus_areas[0].parts[0].heading'", "image")),
        ("themes.yml", 6, "plain-text-markup", ("key 'faellesskab.da'", "backtick")),
    ])


TRICKY = {
    "municipality": "Alfa & Omegn Kommune",
    "policy_title": "“Sammen” & hver for sig <3",
    "page_title": "Værdier & mål > alt",
    "block_title": "Nærhed & tryghed",
    "part_heading": "Hvor vil vi hen? A < B",
    "unit": "Center for Kultur & Fritid",
    "change": "Rettet: a < b & c",
    "label": "Fællesskab & samvær",
}


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Plain text with the characters HTML gives a meaning, in every place the site prints it."""
    root = copy_project(tmp_path_factory.mktemp("tricky") / "project", FIXTURES / "municipalities")
    edit(root, f"{ALFA}/index.md", "domain: alfa.dk", "domain: alfa.dk\naccessibility_statement: https://was.alfa.dk/erklaering")
    edit(root, f"{ALFA}/index.md", "municipality: Alfa Kommune", f'municipality: "{TRICKY["municipality"]}"')
    edit(root, f"{ALFA}/index.md", "policy_title: Alfa Kommunes Medborgerskabspolitik", f'policy_title: "{TRICKY["policy_title"]}"')
    edit(root, f"{ALFA}/index.md", "  unit: Center for Fællesskab", f'  unit: "{TRICKY["unit"]}"')
    edit(root, f"{ALFA}/index.md", '    da: "Stavefejl rettet: »trykthed« → »tryghed«."', f'    da: "{TRICKY["change"]}"')
    edit(root, f"{ALFA}/index.md", "    en: \"Spelling corrected: 'trykthed' → 'tryghed'.\"",
         "    en: \"Corrected »trykthed« & »tryghed«.\"")
    edit(root, f"{ALFA}/vaerdier.md", "title: Værdier", f'title: "{TRICKY["page_title"]}"')
    edit(root, f"{ALFA}/vaerdier.md", "    title: Nærhed", f'    title: "{TRICKY["block_title"]}"')
    edit(root, f"{BETA}/indsatsomraader.md", "      - heading: Hvor vil vi hen?", f'      - heading: "{TRICKY["part_heading"]}"')
    edit(root, "themes.yml", "  da: Fællesskab\n", f'  da: "{TRICKY["label"]}"\n')
    return build(root)


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_plain_text_is_escaped_in_every_published_file(tricky_site: Path, name: str) -> None:
    value = TRICKY[name]
    assert_nowhere_raw(tricky_site, value)  # HTML, search indexes, JSON-LD, the feed, sitemaps, redirects
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert files_holding(tricky_site, escaped), value  # it is published, escaped


def test_plain_text_reads_as_written_where_material_prints_it(tricky_site: Path) -> None:
    """Escaped once: <title>, the header, the menu, <h1>, meta description, the table of contents, search."""
    page = soup(tricky_site / "alfa" / "vaerdier" / "index.html")
    name, title, block = TRICKY["municipality"], TRICKY["page_title"], TRICKY["block_title"]
    assert page.title.get_text() == f"{title} - {name}"
    assert page.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == name
    assert page.select_one(".md-header__topic[data-md-component='header-topic'] .md-ellipsis").get_text(strip=True) == title
    assert title in [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a")]
    assert page.select_one("article h1").get_text() == title
    assert page.select_one(".md-logo")["aria-label"] == name
    assert page.select_one("meta[name=description]")["content"] == TRICKY["policy_title"]
    assert block in [a.get_text(" ", strip=True) for a in page.select_one("nav.md-nav--secondary").select("a")]
    assert page.select_one("h2#naerhed").get_text().rstrip("¶") == block
    index = json.loads((tricky_site / "alfa" / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    # Material shows search titles as HTML: escaped once, they read as written.
    assert titles["vaerdier/"] == "Værdier &amp; mål &gt; alt"
    assert titles["vaerdier/#naerhed"] == "Nærhed &amp; tryghed"
    overview = soup(tricky_site / "alfa" / "index.html")
    data = json.loads(overview.select_one('script[type="application/ld+json"]').string)
    assert data["name"] == TRICKY["policy_title"] and data["publisher"]["name"] == "Alfa Kommune, Byrådet"
    assert TRICKY["unit"] in overview.select_one("address.policy-footer__contact").get_text()
    theme = soup(tricky_site / "temaer" / "faellesskab" / "index.html")
    assert theme.title.get_text().startswith(TRICKY["label"])
    assert overview.select_one("a.policy-theme[href$='temaer/faellesskab/']").get_text() == TRICKY["label"]


def test_the_feed_stays_well_formed_and_danish_quotes_keep_their_language(tricky_site: Path) -> None:
    for prefix in ("", "en/"):
        feed = ET.parse(tricky_site / "alfa" / prefix / "feed.xml").getroot()
        texts = [element.text for element in feed.iter("{http://www.w3.org/2005/Atom}content")]
        assert texts == [TRICKY["change"]] if not prefix else texts == ["Corrected »trykthed« & »tryghed«."]
    english = soup(tricky_site / "alfa" / "en" / "aendringer" / "index.html")  # the corrections' page
    assert [span.get_text() for span in english.select(".policy-changes span[lang=da]")] == ["»trykthed«", "»tryghed«"]


def test_the_accessibility_statement_may_be_on_the_municipality_s_own_domain(tricky_site: Path) -> None:
    was = (tricky_site / "alfa" / "was" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=https://was.alfa.dk/erklaering"' in was


# ---- One Markdown renderer: what is checked is what is published ----

def test_no_second_markdown_pipeline() -> None:
    """Only policysite/markup.py makes a Markdown converter (MkDocs renders bodies with the same extensions)."""
    offenders = []
    for folder in ("hooks", "policysite", "policybuild"):
        for path in sorted((REPO / folder).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            if path.name != "markup.py" and re.search(r"markdown\.markdown\(|\bMarkdown\(|import markdown\b", source):
                offenders.append(path.relative_to(REPO).as_posix())
    assert offenders == []
    assert not (REPO / "overrides" / "policy" / "blocks.md").exists()


def test_a_fenced_script_is_code_on_the_page_and_on_the_card(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    fenced = "~~~\n<script>alert(1)</script>\n~~~"
    for name, text in (("vaerdier.md", "Alle hører til."), ("vaerdier.en.md", "Everyone belongs.")):
        edit(root, f"{ALFA}/{name}", f"    text: {text}", f"    text: {json.dumps(fenced)}")  # also its card's text
    site = build(root)
    assert_nowhere_raw(site, "<script>alert(1)</script>")
    for page in (site / "alfa" / "vaerdier" / "index.html", site / "alfa" / "index.html"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in " ".join(code.decode_contents() for code in soup(page).select("pre code"))


def test_a_fence_or_element_in_a_field_cannot_swallow_what_follows(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    for name in ("vaerdier.md", "vaerdier.en.md"):  # an unclosed fence: its own field's text, nothing more
        edit(root, f"{ALFA}/{name}", "    summary: ", "    text: \"~~~\\nAbne\"\n    summary: ")
    site = build(root)
    page = soup(site / "alfa" / "vaerdier" / "index.html")
    article = page.select_one("article")
    assert [h2["id"] for h2 in article.find_all("h2", recursive=False)] == ["naerhed", "faellesskab"]
    assert not page.select("article pre")


def test_markdown_that_does_not_keep_its_field_s_shape_is_refused(good_project: Path, tmp_path: Path) -> None:
    refused(good_project, tmp_path, [
        (f"{ALFA}/vaerdier.md", "    summary: Vi er tæt på hinanden.", '    summary: "~~~\\n<script>alert(1)</script>\\n~~~"'),
        (f"{ALFA}/vaerdier.md", "      - Tryghed", '      - "Tryghed\\n\\n# Ny overskrift"'),
        (f"{ALFA}/vaerdier.md", "    text: Alle hører til.", '    text: "<div>\\nAlle hører til."'),
        (f"{ALFA}/vaerdier.en.md", "    text: Everyone belongs.", '    text: "## Everyone\\n\\nbelongs."'),
        (f"{BETA}/indsatsomraader.md", "        text: Gode naboer.", '        text: "Gode <span lang=\\"da\\">naboer."'),
    ], [
        (f"{ALFA}/vaerdier.md", 6, "markdown-shape", ("key 'values[0].summary'", "one paragraph", "code")),
        (f"{ALFA}/vaerdier.md", 9, "markdown-shape", ("key 'values[0].items[1]'", "one list item")),
        (f"{ALFA}/vaerdier.md", 13, "markup-unbalanced", ("key 'values[1].text'", "<div>")),
        (f"{ALFA}/vaerdier.en.md", 10, "field-heading", ("key 'values[1].text'", "'Everyone'")),
        (f"{BETA}/indsatsomraader.md", 8, "markup-unbalanced", ("key 'focus_areas[0].parts[0].text'", "<span>")),
    ])


def test_blocks_keep_their_anchors_in_the_contents_and_the_search_index(good_project: Path) -> None:
    site = good_project / "site"
    page = soup(site / "beta" / "indsatsomraader" / "index.html")
    contents = page.select_one("nav.md-nav--secondary")  # the page's table of contents (also in the menu)
    toc = [a["href"] for a in contents.select("a")]
    assert toc == ["#naboskab", "#hvor-vil-vi-hen", "#hvordan-gr-vi-det", "#tryghed"]
    nested = contents.select(":scope > ul > li > div.md-nav a")  # under its block's entry, not a landmark of its own
    assert [a["href"] for a in nested] == ["#hvor-vil-vi-hen", "#hvordan-gr-vi-det"]
    assert page.select_one("h2.policy-block#naboskab[data-kind=focus_areas] a.headerlink")["href"] == "#naboskab"
    index = json.loads((site / "beta" / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert {"indsatsomraader/#naboskab", "indsatsomraader/#hvor-vil-vi-hen", "indsatsomraader/#tryghed"} <= locations
    values = soup(site / "alfa" / "vaerdier" / "index.html").select_one("article")
    order = [element.get("id") or element.name for element in values.find_all(["h2", "p"], recursive=False)]
    assert order[:2] == [None, "naerhed"] or order.index("naerhed") < order.index("faellesskab")
    assert values.find(string=re.compile("Det var værdierne")).find_parent("p").find_previous("h2")["id"] == "faellesskab"


def test_the_blocks_marker_must_stand_on_its_own(good_project: Path, tmp_path: Path) -> None:
    refused(good_project, tmp_path, [
        (f"{ALFA}/vaerdier.md", "Det var værdierne.", "<!-- blocks -->"),
        (f"{ALFA}/vaerdier.en.md", "<!-- blocks -->", "~~~\n<!-- blocks -->\n~~~"),
    ], [
        (f"{ALFA}/vaerdier.md", 19, "blocks-marker", ("appears more than once",)),
        (f"{ALFA}/vaerdier.en.md", 16, "blocks-marker", ("not on a line of its own", "code block")),
    ])


# ---- Control characters ----

@pytest.mark.parametrize(("text", "code"), [
    ("a\x00b", "U+0000"), ("a\x1bb", "U+001B"), ("a\x7fb", "U+007F"), ("a\x85b", "U+0085"),
    ("a\u202eb", "U+202E"), ("a\u2066b", "U+2066"), ("a\u200fb", "U+200F"), ("a\ufeffb", "U+FEFF"),
    ("a\ufdd0b", "U+FDD0"), ("a\U0001fffeb", "U+1FFFE"), ("a\ud800b", "U+D800"), ("a\u2028b", "U+2028"),
])
def test_characters_no_content_may_hold(text: str, code: str) -> None:
    found = textrules.forbidden_characters(text)
    assert [bad.shown.split()[0] for bad in found] == [code]
    assert textrules.forbidden_characters("Tab\tand\nnew line, æøå, »«, “”, – and 😀") == []
    assert [bad.shown for bad in textrules.forbidden_characters("a\tb", allow_tab=False)] == ["U+0009 (TAB)"]


def test_control_characters_are_refused_raw_escaped_or_as_references(good_project: Path, tmp_path: Path) -> None:
    refused(good_project, tmp_path, [
        (f"{ALFA}/vaerdier.md", "Det var værdierne.", "Det var \u202eværdierne."),  # raw, in the body
        (f"{ALFA}/vaerdier.en.md", "title: Values", 'title: "Values\\0"'),  # YAML escapes
        (f"{ALFA}/vaerdier.en.md", "Those were the values.", "Those were the &#x202E;values."),  # a character reference
        (f"{ALFA}/index.en.md", "publisher: Alfa Municipality, City Council", 'publisher: "Alfa\\e[31m Council"'),
        (f"{ALFA}/index.en.md", "policy_title: Alfa Municipality's Citizenship Policy",
         "policy_title: \"Alfa \\u202eMunicipality\""),
        (f"{BETA}/index.en.md", "publisher: Beta Municipality", 'publisher: "Beta\\ud800 2"'),
        (f"{BETA}/indsatsomraader.md", "        text: Gode naboer.", '        text: "Gode\\x9b naboer."'),
        (f"{BETA}/indsatsomraader.en.md", "title: Focus areas", "title: \"Focus\\tareas\""),
        ("themes.yml", "  da: Fællesskab\n", "  da: Fælles\ufeffskab\n"),
    ], [
        (f"{ALFA}/vaerdier.md", 21, "control-character", ("U+202E (RIGHT-TO-LEFT OVERRIDE)", "Delete it")),
        (f"{ALFA}/vaerdier.en.md", 2, "control-character", ("key 'title'", "U+0000 (NULL)")),
        (f"{ALFA}/vaerdier.en.md", 17, "control-character", ("U+202E", "character reference")),
        (f"{ALFA}/index.en.md", 5, "control-character", ("key 'publisher'", "U+001B (ESCAPE)")),
        (f"{ALFA}/index.en.md", 4, "control-character", ("key 'policy_title'", "U+202E")),
        (f"{BETA}/index.en.md", 5, "control-character", ("'\\ud800'", "U+D800")),
        (f"{BETA}/indsatsomraader.md", 8, "control-character", ("key 'focus_areas[0].parts[0].text'", "U+009B")),
        (f"{BETA}/indsatsomraader.en.md", 2, "control-character", ("key 'title'", "U+0009 (TAB)")),
        ("themes.yml", 6, "control-character", ("key 'faellesskab.da'", "U+FEFF")),
    ])


def test_a_byte_order_mark_at_the_start_of_a_file_is_dropped(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    page = root / ALFA / "vaerdier.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())
    for command, result in run_both(root).items():
        assert result.returncode == 0, (command, result.stdout + result.stderr)
    assert_nowhere_raw(root / "site", "\ufeff")


# ---- Web addresses ----

def test_url_rules_name_the_scheme_or_host_allowed() -> None:
    statement = STATEMENT_URL_KIND.url
    assert statement.problem("https://www.was.digst.dk/alfa.dk", "alfa.dk") is None
    assert statement.problem("https://was.digst.dk/alfa.dk", "alfa.dk") is None
    assert statement.problem("https://tilgaengelighed.alfa.dk/", "alfa.dk") is None
    for address in ("https://evil.example/", "https://alfa.dk.evil.example/", "https://notalfa.dk/",
                    "http://www.was.digst.dk/alfa.dk", "https://was.digst.dk@evil.example/",
                    "https://evil.example\\@was.digst.dk/", "https://was.digst.dk:8443/", "//was.digst.dk/"):
        assert statement.problem(address, "alfa.dk") is not None, address
    assert URL_KIND.url.problem("http://example.org/", None).text("en").startswith("it starts with 'http://'")
    assert URL_KIND.url.problem("http://example.org/", None).text("da").startswith("den begynder med 'http://'")
    assert URL_KIND.url.problem("https://example.org/politik.pdf", None) is None


def test_web_addresses_outside_their_rule_are_refused(good_project: Path, tmp_path: Path) -> None:
    refused(good_project, tmp_path, [
        (f"{ALFA}/index.md", "domain: alfa.dk", "domain: alfa.dk\nsite_url: http://alfa.example/"),
        (f"{BETA}/index.md", "domain: beta.dk", "domain: beta.dk\naccessibility_statement: https://evil.example/was"),
        (f"{BETA}/index.md", "publisher: Beta Kommune",
         "publisher: Beta Kommune\nsite_url: https://was.digst.dk@evil.example/"),
    ], [
        (f"{ALFA}/index.md", 10, "url-not-allowed", ("key 'site_url'", "'http://'", "https://")),
        (f"{BETA}/index.md", 8, "url-not-allowed", ("key 'accessibility_statement'", "'evil.example'",
                                                    "was.digst.dk", "(beta.dk)")),
        (f"{BETA}/index.md", 10, "url-not-allowed", ("key 'site_url'", "user name (@)")),
    ])


# ---- Cross-links: found by the parser that resolves them, wherever they stand ----

def test_crosslinks_are_found_in_every_form_markdown_and_html_allow() -> None:
    html = markup.render(
        "[a](kommune:beta#naboskab) [b][ref] [c](tema:tillid \"Titel\") <a href=\"kommune:beta\">d</a> "
        "<a href='&#107;ommune:beta#tryghed'>e</a> [f](KOMMUNE:beta)\n\n[ref]: kommune:beta#tryghed\n")
    assert [link.shown for link in crosslinks.links(html)] == [
        "kommune:beta#naboskab", "kommune:beta#tryghed", "tema:tillid", "kommune:beta", "kommune:beta#tryghed",
        "kommune:beta"]


CROSSLINKED = {
    "inline": ("[Betas naboskab](kommune:beta#naboskab)", "../../beta/indsatsomraader/#naboskab"),
    "reference": ("[Betas tryghed][tryg]\n\n[tryg]: kommune:beta#tryghed", "../../beta/indsatsomraader/#tryghed"),
    "title": ('[temaet](tema:tillid "Om tillid")', "../../temaer/tillid/"),
    "raw": ('<a href="kommune:beta">Beta</a>', "../../beta/"),
    "themes": ("[alle temaer](tema:)", "../../temaer/"),
}


def test_crosslinks_resolve_in_bodies_and_in_every_markdown_field(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    body = "\n\n".join(link for link, _ in CROSSLINKED.values())
    for name in ("vaerdier.md", "vaerdier.en.md"):
        edit(root, f"{ALFA}/{name}", "<!-- blocks -->", f"{body}\n\n<!-- blocks -->")
    edit(root, f"{ALFA}/vaerdier.md", "    summary: Vi er tæt på hinanden.",
         '    summary: "Som [hos Beta](kommune:beta#naboskab)."')
    edit(root, f"{ALFA}/vaerdier.md", "      - Tryghed", "      - \"[Tryghed](kommune:beta#tryghed 'Tryghed i Beta')\"")
    edit(root, f"{ALFA}/vaerdier.md", "    text: Alle hører til.",
         '    text: "Alle hører til, se <a href=\\"tema:faellesskab\\">temaet</a> og [værdien](#naerhed)."')
    edit(root, f"{BETA}/indsatsomraader.md", "        text: Gode naboer.",
         '        text: "Gode naboer, som [i Alfa](kommune:alfa#naerhed) og [her](index.md#kort-fortalt)."')
    site = build(root)
    page = soup(site / "alfa" / "vaerdier" / "index.html").select_one("article")
    hrefs = [a["href"] for a in page.select("a[href]") if not a.get("class")]
    for _, expected in CROSSLINKED.values():
        assert expected in hrefs, (expected, hrefs)
    assert "../../beta/indsatsomraader/#tryghed" in [a["href"] for a in page.select("h2#naerhed ~ ul a")]
    assert "../../temaer/faellesskab/" in hrefs and "#naerhed" in hrefs
    card = soup(site / "alfa" / "index.html").select_one("#card-naerhed").find_parent("li")
    assert [a["href"] for a in card.select(".policy-card__text a")] == ["../beta/indsatsomraader/#naboskab"]
    beta = soup(site / "beta" / "indsatsomraader" / "index.html").select_one("article")
    assert {"../../alfa/vaerdier/#naerhed", "../#kort-fortalt"} <= {a["href"] for a in beta.select("a[href]")}
    assert not files_holding(site, 'href="kommune:') and not files_holding(site, 'href="tema:')


def test_broken_crosslinks_are_refused_with_file_line_and_key(good_project: Path, tmp_path: Path) -> None:
    refused(good_project, tmp_path, [
        (f"{ALFA}/vaerdier.md", "Det var værdierne.",
         "Se [x][ref] og [y](kommune:beta#nabo \"t\").\n\n<a href=\"tema:ukendt\">z</a>\n\n[ref]: kommune:gamma"),
        (f"{ALFA}/vaerdier.md", "    summary: Vi er tæt på hinanden.", '    summary: "[Beta](kommune:beta#ingen)"'),
        (f"{ALFA}/vaerdier.md", "      - Tryghed", '      - "[Tryghed](tema:tillid#noget)"'),
        (f"{BETA}/indsatsomraader.md", "        text: Gode naboer.", '        text: "[Gode](kommune:alfa#x)"'),
    ], [
        (f"{ALFA}/vaerdier.md", 21, "crosslink-missing", ("'kommune:beta#nabo'", "naboskab, tryghed")),
        (f"{ALFA}/vaerdier.md", 23, "crosslink-missing", ("'tema:ukendt'", "themes.yml")),
        (f"{ALFA}/vaerdier.md", 25, "crosslink-missing", ("'kommune:gamma'", "does not exist")),
        (f"{ALFA}/vaerdier.md", 6, "crosslink-missing", ("key 'values[0].summary'", "'kommune:beta#ingen'")),
        (f"{ALFA}/vaerdier.md", 9, "crosslink-missing", ("key 'values[0].items[1]'", "'tema:tillid#noget'")),
        (f"{BETA}/indsatsomraader.md", 8, "crosslink-missing", ("key 'focus_areas[0].parts[0].text'", "naerhed")),
    ])


def test_a_one_site_build_checks_its_crosslinks(good_project: Path, tmp_path: Path) -> None:
    root = fresh_copy(good_project, tmp_path / "project")
    before = snapshot(root / "site")
    edit(root, f"{ALFA}/vaerdier.md", "Det var værdierne.", "Se [temaet](tema:ukendt).")
    result = subprocess.run([sys.executable, "-m", "policybuild.cli", "--root", str(root), "build",
                             "--municipality", "alfa"], cwd=REPO, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert f"{ALFA}/vaerdier.md, linje 21" in output and "[crosslink-missing]" in output
    assert snapshot(root / "site") == before


def test_portal_crosslinks_are_checked_and_the_resolver_answers_with_a_message(tmp_path: Path, caplog) -> None:
    """`make check` checks the portal's links too; the build's resolver, if it ever meets a missing
    target, stops with a message naming the file instead of a traceback."""
    from policybuild.build import build_one
    from policysite.review import review

    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    edit(root, "docs/index.md", "## Kommunerne", "## Kommunerne\n\n<a href=\"kommune:gamma#x\">Gamma</a>")
    found = [error for error in review(root).errors if error.code == "crosslink-missing"]
    line = (root / "docs" / "index.md").read_text(encoding="utf-8").splitlines().index('<a href="kommune:gamma#x">Gamma</a>') + 1
    assert [(error.path, error.line) for error in found] == [("docs/index.md", line)] and line > 5
    with caplog.at_level("ERROR", logger="mkdocs"):
        result = build_one(root, "", tmp_path / "out")
    assert result.error is not None
    assert "docs/index.md" in caplog.text and "[crosslink-missing]" in caplog.text and "kommune:gamma#x" in caplog.text
    assert "Traceback" not in caplog.text


def test_block_ids_may_not_take_the_theme_s_ids_or_the_text_s(good_project: Path, tmp_path: Path) -> None:
    refused(good_project, tmp_path, [
        (f"{ALFA}/vaerdier.md", "  - id: naerhed", "  - id: md-header"),
        (f"{BETA}/indsatsomraader.md", "    themes: [tillid]\n---", "    themes: [tillid]\n---\n\n## Naboskab\n\nOm naboer."),
    ], [
        (f"{ALFA}/vaerdier.md", 4, "wrong-type", ("key 'values[0].id'", "'md-'")),
        (f"{BETA}/indsatsomraader.md", 4, "duplicate-block-id", ("'naboskab'", "heading")),
    ])
