"""The portal's national search (issue 15, item 9): Pagefind's index of every microsite's policy text.

One built site (the shared fixture site: the portal and the test municipalities
alfa and beta) is served on 127.0.0.1 and searched in Chromium:

- a Danish query on the Danish search page finds Danish policy text, also in
  another inflection (Danish stemming), and an English query on the English page
  finds English text; results are links to the right microsite pages, with the
  municipality's name;
- what one search costs: every byte the browser receives from submitting the
  first query until the results are shown (Pagefind's script, worker and
  WebAssembly, the language's metadata, the index chunks and the fragments of the
  results shown), and for a second query; printed in the test summary and
  bounded;
- no Content-Security-Policy violation, and only the search page may compile
  WebAssembly ('wasm-unsafe-eval'): every other page refuses it;
- the page has a labelled field, results as a list, works from the keyboard, is
  axe-clean light and dark at 1280 and 320 px, and without JavaScript shows a
  message and the theme pages;
- the index holds only policy pages' text (no menus, related links, facts or
  footers), each result names its municipality and nothing else.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import json
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import FIGURES, built_pages
from test_accessibility import AXE_TAGS, run_axe, violation_lines, wait_until, watch_csp
from policysite import csp, nationalindex
from policysite.layout import NATIONAL_INDEX_DIR, national_search_pages

SEARCH = {"da": "soeg/", "en": "en/soeg/"}
# A search may cost at most this much (first search: Pagefind's script, worker and WebAssembly, the
# metadata, chunks and fragments; the page itself is not counted). A chunked index keeps it flat as
# municipalities are added; Pagefind's own files are about 160 KB of it.
MAX_FIRST_SEARCH = 300 * 1024
MAX_NEXT_SEARCH = 40 * 1024
# A module the size of nothing: WebAssembly's magic number and version.
EMPTY_WASM = "new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))"


@pytest.fixture(scope="module")
def counted(fixture_site: Path) -> Counted:
    return Counted(fixture_site)


@pytest.fixture(scope="module")
def server(counted: Counted):
    with counted.serve() as address:
        yield address


@pytest.fixture()
def context(browser):
    found: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    watch_csp(context, found)
    context.csp_found = found  # type: ignore[attr-defined]
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.requests = requests  # type: ignore[attr-defined]
    yield context
    context.close()
    assert found == [], "\n".join(found)


class Counted:
    """The site served on 127.0.0.1 as a host would serve it, counting the bytes of every response body
    it sends (the page's and its workers' requests alike; nothing is compressed on the way)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.sent: list[tuple[str, int]] = []
        self.lock = threading.Lock()

    @contextlib.contextmanager
    def serve(self):
        counted = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, format: str, *args) -> None:  # quiet
                pass

            def copyfile(self, source, outputfile) -> None:
                data = source.read()
                outputfile.write(data)
                with counted.lock:
                    counted.sent.append((urlsplit(self.path).path, len(data)))

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                 functools.partial(Handler, directory=str(self.directory)))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}/"
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)

    def mark(self) -> int:
        """Where the log stands once the browser has been quiet for a moment."""
        last = -1
        while last != len(self.sent):
            last = len(self.sent)
            time.sleep(0.4)
        return last

    def since(self, mark: int) -> list[tuple[str, int]]:
        with self.lock:
            return list(self.sent[mark:])


def results(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('.policy-search__results > li')].map(li => ({
        href: li.querySelector('a').href, title: li.querySelector('a').textContent,
        municipality: (li.querySelector('.policy-search__municipality') || {}).textContent || '',
        excerpt: li.querySelector('.policy-search__excerpt').textContent,
        marked: [...li.querySelectorAll('mark')].map(m => m.textContent)}))""")


def search(page, words: str, *, keyboard: bool = False) -> None:
    before = page.evaluate("() => document.querySelector('.policy-search__status').textContent")
    field = page.locator("#policy-search-query")
    field.fill(words)
    if keyboard:
        field.press("Enter")
    else:
        page.locator(".policy-search__button").click()
    wait_until(page, """before => {
        const status = document.querySelector('.policy-search__status').textContent;
        return status && status !== before && !status.endsWith('…');
    }""", before, timeout=10)


# ---------------------------------------------------------------- the index, without a browser

def fragments(site: Path) -> list[dict]:
    found = []
    for path in sorted((site / NATIONAL_INDEX_DIR / "fragment").iterdir()):
        inner = nationalindex.unpack(path.read_bytes())
        assert inner is not None, path
        found.append(json.loads(inner))
    return found


def test_the_index_holds_the_policy_pages_text_only(fixture_site: Path) -> None:
    found = fragments(fixture_site)
    urls = {fragment["url"] for fragment in found}
    # Every policy page of both microsites in both languages, nothing of the portal, no 404 or changes page.
    assert urls == {"/alfa/", "/alfa/vaerdier/", "/alfa/en/", "/alfa/en/vaerdier/",
                    "/beta/", "/beta/indsatsomraader/", "/beta/en/", "/beta/en/indsatsomraader/"}
    for fragment in found:
        assert {"title", "municipality"} <= set(fragment["meta"]) <= nationalindex.META_KEYS
        english = "/en/" in fragment["url"]
        assert fragment["meta"]["municipality"] == (f"{fragment['url'].split('/')[1].title()} "
                                                    + ("Municipality" if english else "Kommune"))
        text = fragment["content"]
        # Not the theme labels and related links under each block, the cards, facts, dates or headings' ¶.
        for chrome in ("Temaer:", "Themes:", "Samme tema", "Same theme", "Politikkens byggesten", "Fakta om",
                       "Facts about", "Senest opdateret", "Last updated", "¶"):
            assert chrome not in text, (fragment["url"], chrome, text)
    # Pagefind's ready-made interfaces are not published; the scripts and wasm are the pinned tool's own.
    published = {path.name for path in (fixture_site / NATIONAL_INDEX_DIR).iterdir() if path.is_file()}
    assert not {name for name in published if "-ui" in name or "highlight" in name}
    assert {"pagefind.js", "pagefind-worker.js", "wasm.da.pagefind", "wasm.en.pagefind"} <= published
    size = sum(path.stat().st_size for path in (fixture_site / NATIONAL_INDEX_DIR).rglob("*") if path.is_file())
    FIGURES["national search: index published (fixture site)"] = f"{size / 1024:.1f} KB in {len(published)} files"


def test_only_the_search_pages_allow_webassembly(fixture_site: Path) -> None:
    pages = {path.relative_to(fixture_site).as_posix(): path for path in built_pages(fixture_site, not_found=True)}
    assert set(national_search_pages()) <= set(pages)
    for name, path in pages.items():
        html = path.read_text(encoding="utf-8")
        expected = csp.SEARCH_CSP if name in national_search_pages() else csp.CSP
        assert f'http-equiv="Content-Security-Policy" content="{expected}"' in html, name
        assert ("wasm-unsafe-eval" in html) == (name in national_search_pages()), name
    assert "'wasm-unsafe-eval'" not in csp.CSP and "'unsafe-eval'" not in csp.SEARCH_CSP


# ---------------------------------------------------------------- in Chromium

def test_a_danish_query_finds_danish_text_with_stemming_and_costs_little(context, server: str,
                                                                           counted: Counted) -> None:
    page = context.new_page()
    page.goto(server + SEARCH["da"], wait_until="load")
    start = counted.mark()
    # "fællesskaber" (plural) is not in the text; "fællesskab" is: the Danish stemmer makes them one word.
    search(page, "fællesskaber")
    first = counted.since(start)
    found = results(page)
    assert found, page.locator(".policy-search__status").text_content()
    hrefs = {urlsplit(result["href"]).path for result in found}
    assert "/alfa/" in hrefs and "/alfa/vaerdier/" in hrefs, hrefs
    assert all(path.split("/")[2:3] != ["en"] for path in hrefs), "a Danish search shows only Danish pages"
    assert {result["municipality"] for result in found} <= {"Fra Alfa Kommune", "Fra Beta Kommune"}
    assert any(result["municipality"] == "Fra Alfa Kommune" for result in found)
    assert any(mark.lower().startswith("fællesskab") for result in found for mark in result["marked"])
    status = page.locator(".policy-search__status")
    assert status.get_attribute("role") == "status" and "fællesskaber" in status.text_content()
    # Another inflection, from the keyboard: "naboerne" finds "naboer" (beta's focus areas).
    before = counted.mark()
    search(page, "naboerne", keyboard=True)
    second = counted.since(before)
    assert any(urlsplit(result["href"]).path == "/beta/indsatsomraader/" for result in results(page))
    counted.mark()
    # Each result leads to the microsite's page, which is there, in Danish.
    for href in {result["href"] for result in results(page)} | {result["href"] for result in found}:
        response = context.request.get(href)
        assert response.ok and 'lang="da"' in response.text(), href
    first_bytes, second_bytes = sum(size for _, size in first), sum(size for _, size in second)
    FIGURES["national search: bytes for one search (fixture site, first search on the page)"] = (
        f"{first_bytes} B ({first_bytes / 1024:.1f} KB) in {len(first)} files: "
        + ", ".join(f"{path.rsplit('/', 1)[-1]} {size}" for path, size in first))
    FIGURES["national search: bytes for the next search"] = (
        f"{second_bytes} B ({second_bytes / 1024:.1f} KB) in {len(second)} files")
    assert all(path.startswith(f"/{NATIONAL_INDEX_DIR}/") for path, _ in first + second), first + second
    assert 0 < first_bytes <= MAX_FIRST_SEARCH and 0 < second_bytes <= MAX_NEXT_SEARCH, (first_bytes, second_bytes)
    assert all(urlsplit(url).netloc == urlsplit(server).netloc for url in context.requests), context.requests
    assert context.cookies() == []


def test_an_english_query_finds_english_text(context, server: str) -> None:
    page = context.new_page()
    page.goto(server + SEARCH["en"] + "?find=communities", wait_until="load")  # a search can be linked to
    wait_until(page, "() => document.querySelectorAll('.policy-search__results > li').length > 0", timeout=10)
    found = results(page)
    hrefs = {urlsplit(result["href"]).path for result in found}
    assert "/alfa/en/" in hrefs or "/alfa/en/vaerdier/" in hrefs, hrefs
    assert all("/en/" in path for path in hrefs), "an English search shows only English pages"
    assert all(result["municipality"].startswith("From ") and "Municipality" in result["municipality"]
               for result in found)
    assert page.locator("#policy-search-query").input_value() == "communities"
    # A word in no policy says so.
    search(page, "xylofonorkester")
    assert results(page) == [] and "xylofonorkester" in page.locator(".policy-search__status").text_content()


def test_webassembly_compiles_on_the_search_page_only(browser, server: str) -> None:
    context = browser.new_context()
    found: list[str] = []
    watch_csp(context, found)
    try:
        page = context.new_page()
        page.goto(server + SEARCH["da"], wait_until="load")
        assert page.evaluate(f"() => {{ {EMPTY_WASM}; return true; }}")
        assert found == []
        page.goto(server + "alfa/", wait_until="load")
        refused = page.evaluate(f"() => {{ try {{ {EMPTY_WASM}; return ''; }} catch (e) {{ return String(e); }} }}")
        assert "CompileError" in refused or "WebAssembly" in refused, refused
    finally:
        context.close()


def test_the_search_page_works_from_the_keyboard_and_without_javascript(context, browser, server: str) -> None:
    page = context.new_page()
    page.goto(server + SEARCH["da"], wait_until="load")
    assert page.locator(".policy-search-nojs").is_hidden()
    label = page.locator("label[for='policy-search-query']")
    assert label.is_visible() and label.text_content().strip()
    page.locator("#policy-search-query").focus()
    page.keyboard.type("tryghed")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('policy-search__button')")
    page.keyboard.press("Enter")
    wait_until(page, "() => document.querySelectorAll('.policy-search__results a').length > 0", timeout=10)
    assert page.evaluate("() => document.querySelector('.policy-search__results').tagName") == "OL"
    # Tab reaches the first result link, and Enter follows it.
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.policy-search__results')"):
            break
    target = page.evaluate("() => document.activeElement.href")
    assert target
    page.keyboard.press("Enter")
    page.wait_for_url(target)

    quiet = browser.new_context(java_script_enabled=False)
    try:
        plain = quiet.new_page()
        plain.goto(server + SEARCH["da"], wait_until="load")
        assert plain.locator(".policy-search").is_hidden()
        message = plain.locator(".policy-search-nojs")
        assert message.is_visible() and "JavaScript" in message.text_content()
        links = plain.locator(".policy-search-nojs a")
        assert links.count() >= 2
        for index in range(links.count()):
            href = links.nth(index).get_attribute("href")
            assert not urlsplit(href).netloc, href  # the site's own theme pages, wherever it is served
            assert plain.request.get(urljoin(server + SEARCH["da"], href)).ok, href
    finally:
        quiet.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_the_search_page_with_results_is_axe_clean_light_and_dark(browser, server: str, width: int) -> None:
    problems: list[str] = []
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme,
                                      reduced_motion="reduce")
        found: list[str] = []
        watch_csp(context, found)
        try:
            for lang, query in (("da", "fællesskab"), ("en", "community")):
                page = context.new_page()
                page.goto(server + SEARCH[lang] + "?find=" + query, wait_until="load")
                wait_until(page, "() => document.querySelectorAll('.policy-search__results > li').length > 0",
                           timeout=10)
                problems += violation_lines(f"{SEARCH[lang]}?find={query} @{width}", scheme, run_axe(page))
                sideways = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")
                assert not sideways, (lang, scheme, width)
                page.close()
        finally:
            context.close()
        assert found == [], found
    assert problems == [], "\n".join(problems)
    assert AXE_TAGS
