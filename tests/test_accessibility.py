"""Accessibility and privacy of the built site, checked in a real browser and by the W3C checker.

The seed site (portal and every microsite, Danish and English) is built once
and served on 127.0.0.1. Debian's Chromium loads every page through Playwright:

- axe-core (tags wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa) on every page in
  the light and the dark colour scheme at 1280 CSS px, and once more at 320 CSS
  px, where no page may scroll sideways;
- every request the browser makes is recorded: all must stay on the site's origin,
  and no cookie may be set;
- the keyboard: skip link first, then the language switch, the content and the
  footer, each with a visible focus indicator; the menu drawer, search, language
  switch and the comparison table's region work from the keyboard alone;
- with JavaScript off: content, menu and language switch still work;
- print: no navigation, search or buttons, the municipality and its contact once,
  and each link's address after its text.

The W3C Nu HTML checker (vnu.jar, run with Java) checks every page, and a static
scan finds nothing in the built files that would load from another origin.

Every page carries the site's Content-Security-Policy (policysite/csp.py). Every
browser context a test here opens reports what the policy blocks (the page's
``securitypolicyviolation`` events and Chromium's "Refused to ..." console
messages), and the test fails on any: the site's own pages never need an
exception. One test injects an inline script, an ``onerror`` attribute and a
``javascript:`` link into a served page, as if they had slipped past the final
gate, and checks that none of them runs. axe is handed to the page through
Playwright's evaluate, which the policy does not govern (a <script> tag would
itself be refused).

Published with versions (two editions of a test policy deployed with
`policysite deploy` to a local bare repository, the branch served as Pages
would), Material's version selector and the older-edition note are checked the
same way: axe in both colour schemes, the Nu checker on the page as the browser
has it then, and every request on the site's origin.
`make test` installs Chromium, Java and tools/node_modules when they are missing.
"""
from __future__ import annotations

import collections
import contextlib
import json
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from conftest import (
    AXE,
    FIGURES,
    FIXTURES,
    REPO,
    VNU,
    build,
    built_pages,
    copy_project,
    export_branch,
    git_project,
    is_redirect,
    isolate_git,
    serve,
    set_edition,
    soup,
)
from policysite import clock, layout
from policysite.catalog import load_catalog
from policysite.csp import CSP, policy_for
from policysite.layout import national_search_pages

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = ("light", "dark")
DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
SLUGS = tuple(m.slug for m in load_catalog(REPO).municipalities)  # whichever there are
SKIP_TEXT = {"da": "Gå til indholdet", "en": "Skip to content"}
STATEMENT_TEXT = {"da": "Tilgængelighedserklæring", "en": "Accessibility statement"}

# Pages the keyboard, print and no-JavaScript walks use in full, chosen from the catalog (whichever
# municipalities there are): a page with building blocks, a consultation draft's overview (or any
# overview), the portal and its comparison; every page gets the cheaper checks.
_CATALOG = load_catalog(REPO)
_FIRST = _CATALOG.municipalities[0]
_LAST = _CATALOG.municipalities[-1]


def _blocks_page(municipality) -> str:
    """The first page of a microsite with building blocks, as an address below the microsite ('vaerdier/')."""
    pages = municipality.policy("da").pages
    return next((page.url for page in pages if page.blocks and page.url), pages[-1].url)


_DRAFT = next((m for m in _CATALOG.municipalities if m.policy("da").status == "consultation"), _LAST)
BLOCKS_PAGE = f"{_FIRST.slug}/{_blocks_page(_FIRST)}"  # e.g. dragoer/formaal/
BLOCKS_PAGE_EN = f"{_FIRST.slug}/en/{_blocks_page(_FIRST)}"
OTHER_PAGE = f"{_LAST.slug}/{_blocks_page(_LAST)}"  # another microsite's page
OTHER_PAGE_EN = f"{_LAST.slug}/en/{_blocks_page(_LAST)}"
DRAFT_PAGE_EN = f"{_DRAFT.slug}/en/{_blocks_page(_DRAFT)}"
SAMPLE = (BLOCKS_PAGE_EN, f"{_DRAFT.slug}/", "", "en/sammenligning/")


# ---------------------------------------------------------------- helpers

def wait_until(page, expression: str, arg=None, *, timeout: float = 2.0) -> None:
    """Poll `expression` (a JavaScript function of `arg`) until it is true.

    Playwright's wait_for_function evaluates its predicate with eval() inside the page, which the
    site's Content-Security-Policy (no 'unsafe-eval') rightly refuses; page.evaluate goes through the
    DevTools protocol instead, so polling it from here leaves the policy untouched."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression, arg):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {expression}"
        time.sleep(0.05)


def relative(site: Path, page: Path) -> str:
    """The address of a built page relative to the site root ('naestved/en/', '404.html')."""
    return page.relative_to(site).as_posix().removesuffix("index.html")


def language(address: str) -> str:
    parts = address.split("/")
    return "en" if parts[0] == "en" or (len(parts) > 1 and parts[0] in SLUGS and parts[1] == "en") else "da"


def microsite(address: str) -> str | None:
    first = address.split("/", 1)[0]
    return first if first in SLUGS else None


_AXE_SOURCE: list[str] = []


def run_axe(page) -> dict:
    if not _AXE_SOURCE:
        _AXE_SOURCE.append(AXE.read_text(encoding="utf-8"))
    page.evaluate(_AXE_SOURCE[0])  # not a <script> tag: the page's Content-Security-Policy refuses inline script
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                     resultTypes: ['violations', 'incomplete']})""",
        AXE_TAGS,
    )


def violation_lines(address: str, scheme: str, result: dict) -> list[str]:
    return [
        f"{address} [{scheme}] {violation['id']}: {node['target']} — {node.get('failureSummary', '').strip()[:300]}"
        for violation in result["violations"] for node in violation["nodes"]
    ]


def incomplete_keys(result: dict) -> list[tuple[str, str]]:
    keys = []
    for item in result["incomplete"]:
        for node in item["nodes"]:
            reasons = {
                (check.get("data") or {}).get("messageKey") if isinstance(check.get("data"), dict) else None
                for check in node["any"] + node["all"] + node["none"]
            }
            keys.append((item["id"], ", ".join(sorted(reason or "unknown" for reason in reasons))))
    return keys


# Every violation of the page's Content-Security-Policy, as the page itself sees it (the init script
# runs before the page's scripts, outside the policy) and as Chromium reports it in the console.
CSP_LISTENER = """document.addEventListener('securitypolicyviolation', e => console.error(
    'CSP violation: ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || '?') + ' in ' + e.sourceFile
    + ':' + e.lineNumber + (e.sample ? ' (' + e.sample + ')' : '')));"""


def is_csp_message(text: str) -> bool:
    return text.startswith(("CSP violation", "Refused to")) or "Content Security Policy" in text


def watch_csp(context, found: list[str]) -> None:
    """Record every Content-Security-Policy violation in any page of ``context`` into ``found``."""
    context.add_init_script(CSP_LISTENER)

    def console(message) -> None:
        if message.type == "error" and is_csp_message(message.text):
            found.append(f"{message.page.url if message.page else '?'}: {message.text}")

    context.on("console", console)


@pytest.fixture(autouse=True)
def no_csp_violation(request: pytest.FixtureRequest):
    """Every browser context a test opens is watched; the test fails on any CSP violation."""
    if "browser" not in request.fixturenames or request.node.get_closest_marker("csp_violations_expected"):
        yield None
        return
    browser = request.getfixturevalue("browser")
    found: list[str] = []
    original = browser.new_context

    def new_context(*args, **kwargs):
        context = original(*args, **kwargs)
        watch_csp(context, found)
        return context

    browser.new_context = new_context
    try:
        yield found
    finally:
        browser.new_context = original
    FIGURES["Content-Security-Policy violations"] = FIGURES.get("Content-Security-Policy violations", 0) + len(found)
    assert found == [], "\n".join(sorted(set(found))[:30])


@dataclass
class Audit:
    """What one pass of the browser over every page found."""

    pages: int = 0
    schemes: list[str] = field(default_factory=list)
    audits: int = 0  # axe runs
    loads: int = 0  # pages loaded
    violations: list[str] = field(default_factory=list)
    incomplete: collections.Counter = field(default_factory=collections.Counter)
    incomplete_pages: dict = field(default_factory=lambda: collections.defaultdict(set))
    requests: list[str] = field(default_factory=list)
    cookies: list[dict] = field(default_factory=list)
    first_focus: list[str] = field(default_factory=list)
    sideways: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)  # Content-Security-Policy violations
    seconds: float = 0.0


def walk(browser, base: str, addresses: list[str], *, viewport: dict, schemes, on_page,
         audited: frozenset[str] | None = None) -> Audit:
    """Load every address in each scheme: on_page and the request, cookie and CSP watch see them all;
    axe runs on the addresses in `audited` (all when None)."""
    audit = Audit(pages=len(addresses), schemes=list(schemes))
    started = time.perf_counter()
    for scheme in schemes:
        context = browser.new_context(viewport=viewport, color_scheme=scheme, reduced_motion="reduce")
        context.on("request", lambda request: audit.requests.append(request.url))
        watch_csp(context, audit.csp)
        page = context.new_page()
        for address in addresses:
            response = page.goto(base + address, wait_until="load")
            assert response is not None and (response.ok or address.endswith("404.html")), address
            audit.loads += 1
            if audited is None or address in audited:
                result = run_axe(page)
                audit.audits += 1
                audit.violations += violation_lines(address, scheme, result)
                for key in incomplete_keys(result):
                    audit.incomplete[key] += 1
                    audit.incomplete_pages[key].add(address)
            on_page(page, address, scheme, audit)
        audit.cookies += context.cookies()
        context.close()
    audit.seconds = time.perf_counter() - started
    return audit


def record_incomplete(name: str, audit: Audit) -> None:
    FIGURES[f"axe incomplete ({name}), for a human to look at"] = [
        f"{rule} ({reason}): {count} element(s) on {len(audit.incomplete_pages[(rule, reason)])} page(s), e.g. "
        + ", ".join(sorted(audit.incomplete_pages[(rule, reason)])[:3])
        for (rule, reason), count in audit.incomplete.most_common()
    ] or ["none"]


# ---------------------------------------------------------------- the passes over every page

@pytest.fixture(scope="session")
def addresses(seed_site: Path) -> list[str]:
    """Every page of the site (404 pages included), not the /was redirects."""
    return [relative(seed_site, page) for page in built_pages(seed_site, not_found=True)]


BLOCK_KIND = re.compile(r'data-kind="([a-z_-]+)"')
GENERATED = (layout.NOT_FOUND_PAGE, layout.page_stem(layout.CHANGES_PAGE))


def template_of(site: Path, address: str, slugs: frozenset[str]) -> tuple[str, ...]:
    """Which kind of page an address is, in which language: the unit axe audits once per viewport.

    Every microsite's overview is its own kind (its header, status and identity are the
    municipality's own). Other microsite pages are one kind per set of block kinds they show
    (values, focus areas, ...; none for a text page), and the generated pages one kind each;
    portal theme pages and guide pages are one kind each."""
    parts = [part for part in address.split("/") if part]
    site_slug = parts.pop(0) if parts and parts[0] in slugs else ""
    lang = parts.pop(0) if parts and parts[0] == "en" else "da"
    rest = "/".join(parts)
    if site_slug and not rest:
        return ("overview", site_slug, lang)
    if site_slug:
        file = site / (address if address.endswith(".html") else address + "index.html")
        kinds = sorted(set(BLOCK_KIND.findall(file.read_text(encoding="utf-8"))))
        return ("microsite", rest if rest in GENERATED else "+".join(kinds) or "text", lang)
    if len(parts) > 1:
        rest = parts[0] + "/*"
    return ("portal", rest, lang)


@pytest.fixture(scope="session")
def templates(seed_site: Path, addresses: list[str]) -> frozenset[str]:
    """One page per kind and language (the largest, which uses the most components): the pages axe
    audits in every scheme and viewport. Every other page is still loaded in both viewports for the
    checks that cost little (first focus, sideways scrolling, requests, cookies, CSP), and the Nu
    checker and the static scan read every page."""
    slugs = frozenset(m.slug for m in load_catalog(seed_site.parent).municipalities)
    chosen: dict[tuple[str, ...], tuple[int, str]] = {}
    for address in addresses:
        key = template_of(seed_site, address, slugs)
        size = (seed_site / (address if address.endswith(".html") else address + "index.html")).stat().st_size
        if key not in chosen or size > chosen[key][0]:
            chosen[key] = (size, address)
    return frozenset(address for _, address in chosen.values())


def test_audited_pages_cover_every_kind_of_page(addresses: list[str], templates: frozenset[str],
                                                 seed_site: Path) -> None:
    """Each overview, each page name, each portal page and each 404 page in both languages."""
    slugs = frozenset(m.slug for m in load_catalog(seed_site.parent).municipalities)
    kinds = {template_of(seed_site, address, slugs) for address in addresses}
    assert {template_of(seed_site, address, slugs) for address in templates} == kinds
    assert len(templates) == len(kinds) < len(addresses)
    assert {("overview", slug, lang) for slug in slugs for lang in ("da", "en")} <= kinds
    assert {("portal", "404.html", "da"), ("portal", "", "en")} <= kinds
    FIGURES["axe audits"] = f"{len(templates)} pages, one per kind of page and language, of {len(addresses)}"


@pytest.fixture(scope="session")
def desktop_audit(browser, site_server: str, addresses: list[str], templates: frozenset[str]) -> Audit:
    """At 1280 CSS px: every page in light (the first Tab on each) and axe on one page per kind of page
    in light and dark."""

    def first_tab(page, address: str, scheme: str, audit: Audit) -> None:
        if scheme != "light":
            return
        page.keyboard.press("Tab")
        state = page.evaluate("""() => {
            const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
            return {lang: document.documentElement.lang,
                    skip: e.classList.contains('policy-skip'), href: e.getAttribute('href'),
                    text: e.textContent.trim(), visible: r.width > 0 && r.height > 0 && r.top >= 0
                    && r.left >= 0 && s.opacity === '1' && s.visibility === 'visible',
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}
        }""")
        expected = SKIP_TEXT[state["lang"]]
        if not address.endswith("404.html") and state["lang"] != language(address):
            audit.first_focus.append(f"{address}: the page's language is {state['lang']}")
        if not (state["skip"] and state["href"] == "#policy-main" and state["text"] == expected
                and state["visible"] and state["outline"]):
            audit.first_focus.append(f"{address}: {state}")

    audit = walk(browser, site_server, addresses, viewport=DESKTOP, schemes=("light",), on_page=first_tab,
                 audited=templates)
    dark = walk(browser, site_server, sorted(templates), viewport=DESKTOP, schemes=("dark",),
                on_page=lambda *args: None)
    for name in ("audits", "loads", "violations", "requests", "cookies", "csp"):
        setattr(audit, name, getattr(audit, name) + getattr(dark, name))
    audit.incomplete += dark.incomplete
    for key, pages in dark.incomplete_pages.items():
        audit.incomplete_pages[key] |= pages
    audit.schemes, audit.seconds = list(SCHEMES), audit.seconds + dark.seconds
    FIGURES["axe at 1280 px"] = (f"{len(templates)} pages × {len(audit.schemes)} schemes ({', '.join(audit.schemes)})"
                                 f" = {audit.audits} audits, {len(audit.violations)} violations,"
                                 f" {sum(audit.incomplete.values())} incomplete; {audit.pages} pages loaded for"
                                 f" the first Tab, {audit.seconds:.0f} s")
    record_incomplete("1280 px", audit)
    return audit


@pytest.fixture(scope="session")
def narrow_audit(browser, site_server: str, addresses: list[str], templates: frozenset[str]) -> Audit:
    """At 320 CSS px (400 % zoom of 1280): no page scrolls sideways, and axe on one page per kind."""

    def sideways(page, address: str, scheme: str, audit: Audit) -> None:
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth,"
                               " document.body.scrollWidth]")
        if max(widths[0], widths[2]) > widths[1]:
            audit.sideways.append(f"{address}: content {max(widths[0], widths[2])} px wide in {widths[1]} px")

    audit = walk(browser, site_server, addresses, viewport=NARROW, schemes=("light",), on_page=sideways,
                 audited=templates)
    FIGURES["axe at 320 px"] = (f"{len(templates)} pages × 1 scheme = {audit.audits} audits,"
                                f" {len(audit.violations)} violations, {len(audit.sideways)} pages scrolling"
                                f" sideways, {audit.seconds:.0f} s")
    record_incomplete("320 px", audit)
    return audit


def test_axe_finds_no_violation_on_any_kind_of_page_in_light_and_dark(desktop_audit: Audit, seed_site: Path,
                                                                        templates: frozenset[str]) -> None:
    assert desktop_audit.pages == len(built_pages(seed_site, not_found=True)) >= 100
    assert desktop_audit.audits == 2 * len(templates)
    print(f"axe: {desktop_audit.pages} pages × {len(SCHEMES)} schemes = {desktop_audit.audits} audits, "
          f"{len(desktop_audit.violations)} violations")
    assert desktop_audit.violations == [], "\n".join(desktop_audit.violations[:40])


def test_axe_finds_no_violation_at_320_px(narrow_audit: Audit) -> None:
    print(f"axe at 320 px: {narrow_audit.audits} audits, {len(narrow_audit.violations)} violations")
    assert narrow_audit.violations == [], "\n".join(narrow_audit.violations[:40])


def test_no_page_scrolls_sideways_at_320_px(narrow_audit: Audit) -> None:
    assert narrow_audit.loads == narrow_audit.pages >= 100
    assert narrow_audit.sideways == [], "\n".join(narrow_audit.sideways)


def test_skip_link_is_the_first_focus_on_every_page(desktop_audit: Audit) -> None:
    """The first Tab on every page lands on a visible skip link to the content, in the page's language."""
    assert desktop_audit.first_focus == [], "\n".join(desktop_audit.first_focus[:20])


def test_no_page_breaks_its_content_security_policy(desktop_audit: Audit, narrow_audit: Audit,
                                                     seed_site: Path) -> None:
    """Every page at both widths (each kind of page in both schemes), with search, menus and Material's
    scripts: nothing blocked."""
    violations = desktop_audit.csp + narrow_audit.csp
    FIGURES["Content-Security-Policy"] = (f"{desktop_audit.loads + narrow_audit.loads} page loads, "
                                          f"{len(violations)} violations")
    # The policy is there to be broken: every page has it (the final gate also insists), and only the
    # national search page's allows WebAssembly (policysite.csp.policy_for).
    for path in built_pages(seed_site, not_found=True, redirects=True):
        metas = soup(path).find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        expected = policy_for(path.relative_to(seed_site).as_posix())
        assert [meta["content"] for meta in metas] == [expected], path
        assert (expected == CSP) == (path.relative_to(seed_site).as_posix() not in national_search_pages()), path
    assert violations == [], "\n".join(sorted(set(violations))[:30])


def test_every_request_stays_on_the_site_and_no_cookie_is_set(desktop_audit: Audit, narrow_audit: Audit,
                                                             site_server: str) -> None:
    origin = urlsplit(site_server)
    requests = desktop_audit.requests + narrow_audit.requests
    elsewhere = sorted({url for url in requests
                        if urlsplit(url).scheme not in ("data", "blob")
                        and (urlsplit(url).scheme, urlsplit(url).netloc) != (origin.scheme, origin.netloc)})
    FIGURES["requests recorded"] = (f"{len(requests)} requests in {desktop_audit.loads + narrow_audit.loads} page loads,"
                                    f" {len(elsewhere)} to another origin, "
                                    f"{len(desktop_audit.cookies) + len(narrow_audit.cookies)} cookies")
    print(FIGURES["requests recorded"])
    # The recording works: stylesheets, scripts and the search index were seen.
    assert any(url.endswith(".css") for url in requests)
    assert any("bundle" in url and url.endswith(".js") for url in requests)
    assert any(url.endswith("search_index.json") for url in requests)
    assert elsewhere == [], elsewhere[:20]
    assert desktop_audit.cookies == [] and narrow_audit.cookies == []


# ---------------------------------------------------------------- W3C Nu checker and static scans

def test_w3c_nu_checker_finds_no_error(seed_site: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail("java or tools/node_modules/vnu-jar is missing: run `make test`, which installs them.")
    pages = built_pages(seed_site, not_found=True, redirects=True)
    started = time.perf_counter()
    # The checker also simulates the Content-Security-Policy, for files read from disk: no file: address is
    # 'self' to it, and it counts JSON data blocks as inline scripts. Those warnings are left out; the
    # browser tests hold the policy against the pages as a browser really loads them.
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--skip-non-html",
                             "--filterpattern", ".*violates Content Security Policy \\(meta tag\\).*", str(seed_site)],
                            capture_output=True, text=True, timeout=600, check=False)
    report = json.loads(result.stderr or '{"messages": []}')
    errors = [message for message in report["messages"] if message["type"] in ("error", "non-document-error")]
    warnings = [message for message in report["messages"] if message.get("subType") == "warning"]
    FIGURES["W3C Nu checker"] = (f"{len(pages)} pages, {len(errors)} errors, {len(warnings)} warnings,"
                                 f" {time.perf_counter() - started:.0f} s")
    print(FIGURES["W3C Nu checker"])
    assert errors == [], "\n".join(
        f"{message.get('url', '').rsplit(str(seed_site), 1)[-1]}:{message.get('lastLine')}: {message['message']}"
        for message in errors[:40])


def nu_errors(paths: list[Path]) -> list[dict]:
    """The W3C Nu checker's errors for some built pages."""
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail("java or tools/node_modules/vnu-jar is missing: run `make test`, which installs them.")
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", *map(str, paths)],
                            capture_output=True, text=True, timeout=600, check=False)
    report = json.loads(result.stderr or '{"messages": []}')
    return [message for message in report["messages"] if message["type"] in ("error", "non-document-error")]


# ---------------------------------------------------------------- a policy's life: comparison and open consultation

@pytest.fixture(scope="session")
def lifecycle_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture microsites as of 1 August 2012: alfa compares two editions, beta's consultation is open.

    The seed has neither (no previous editions, and Haderslev's consultation closed
    in 2012), so the pages that show them are checked here.
    """
    root = copy_project(tmp_path_factory.mktemp("lifecycle") / "project", FIXTURES / "municipalities")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(clock.ENV, "2012-08-01")
        return build(root)


def test_edition_comparison_and_open_consultation_pass_axe_nu_and_reflow(browser, lifecycle_site: Path) -> None:
    pages = [path for path in built_pages(lifecycle_site) if path.relative_to(lifecycle_site).parts[0] in ("alfa", "beta")]
    addresses = [relative(lifecycle_site, path) for path in pages]
    assert {"alfa/aendringer/", "alfa/en/aendringer/", "beta/", "beta/en/"} <= set(addresses)
    marks: list[str] = []

    def look(page, address: str, scheme: str, audit: Audit) -> None:
        if page.viewport_size["width"] == NARROW["width"]:
            widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if widths[0] > widths[1]:
                audit.sideways.append(f"{address}: content {widths[0]} px wide in {widths[1]} px")
        if "aendringer" in address and address.startswith("alfa"):
            state = page.evaluate("""() => {
                const style = s => getComputedStyle(document.querySelector(s));
                const label = document.querySelector('.policy-diff del .policy-sr').getBoundingClientRect();
                return {del: style('.policy-diff del').textDecorationLine, ins: style('.policy-diff ins').textDecorationLine,
                        labelHidden: label.width <= 1 && label.height <= 1,
                        count: document.querySelectorAll('.policy-diff del, .policy-diff ins').length};
            }""")
            if not (state["del"] == "line-through" and state["ins"] == "underline" and state["labelHidden"]
                    and state["count"] >= 8):
                marks.append(f"{address} [{scheme}]: {state}")
        if address in ("beta/", "beta/en/"):
            if page.locator("section.policy-consultation[data-state=open] a[href^='mailto:']").count() != 1:
                marks.append(f"{address}: the open consultation box is missing")

    with serve(lifecycle_site) as base:
        desktop = walk(browser, base, addresses, viewport=DESKTOP, schemes=SCHEMES, on_page=look)
        narrow = walk(browser, base, addresses, viewport=NARROW, schemes=("light",), on_page=look)
    origin = urlsplit(base)
    elsewhere = sorted({url for url in desktop.requests + narrow.requests
                        if urlsplit(url).scheme not in ("data", "blob")
                        and (urlsplit(url).scheme, urlsplit(url).netloc) != (origin.scheme, origin.netloc)})
    errors = nu_errors(pages)
    FIGURES["comparison and open consultation"] = (
        f"{len(addresses)} pages × (2 schemes at 1280 px + 320 px): {len(desktop.violations + narrow.violations)}"
        f" axe violations, {len(narrow.sideways)} scrolling sideways, {len(errors)} Nu errors")
    assert desktop.violations + narrow.violations == [], "\n".join((desktop.violations + narrow.violations)[:40])
    assert narrow.sideways == [], narrow.sideways
    assert marks == [], marks
    assert elsewhere == [] and desktop.cookies == [] and narrow.cookies == []
    assert desktop.csp + narrow.csp == [], desktop.csp + narrow.csp
    assert errors == [], "\n".join(f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
                                    for m in errors[:40])


STYLESHEET_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch",
                   "icon", "apple-touch-icon", "manifest"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""")


def is_elsewhere(url: str) -> bool:
    """A URL that would load from another origin (absolute or protocol-relative); data: stays here."""
    url = url.strip()
    return url.startswith("//") or bool(re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE)) and not url.lower().startswith(
        ("data:", "blob:", "#"))


def test_no_built_file_loads_anything_from_another_origin(seed_site: Path) -> None:
    """No src, no stylesheet, script, icon or font link, no @import or url() points to another origin."""
    found = []
    pages = built_pages(seed_site, not_found=True, redirects=True)
    for path in pages:
        document = soup(path)
        shown = path.relative_to(seed_site).as_posix()
        for element in document.find_all(src=True):
            if is_elsewhere(element["src"]):
                found.append(f"{shown}: <{element.name} src={element['src']}>")
        for element in document.find_all(srcset=True):
            if any(is_elsewhere(part.split()[0]) for part in element["srcset"].split(",") if part.strip()):
                found.append(f"{shown}: <{element.name} srcset={element['srcset']}>")
        for element in document.find_all(["object", "embed", "iframe", "video", "audio"]):
            for attribute in ("data", "poster"):
                if element.get(attribute) and is_elsewhere(element[attribute]):
                    found.append(f"{shown}: <{element.name} {attribute}={element[attribute]}>")
        for link in document.find_all("link", href=True):
            if STYLESHEET_RELS & set(link.get("rel") or []) and is_elsewhere(link["href"]):
                found.append(f"{shown}: <link rel={link.get('rel')} href={link['href']}>")
        css = [style.get_text() for style in document.find_all("style")]
        css += [element["style"] for element in document.find_all(style=True)]
        for text in css:
            for match in CSS_URL.finditer(text):
                url = match.group(2) or match.group(3)
                if url and is_elsewhere(url):
                    found.append(f"{shown}: CSS url {url}")
        # Emoji and icons are inline SVG, never images from an emoji service.
        for image in document.find_all("img"):
            if "emoji" in " ".join(image.get("class") or []) or "twemoji" in image.get("src", ""):
                found.append(f"{shown}: emoji image {image.get('src')}")
    stylesheets = sorted(seed_site.rglob("*.css"))
    for path in stylesheets:
        for match in CSS_URL.finditer(path.read_text(encoding="utf-8", errors="replace")):
            url = match.group(2) or match.group(3)
            if url and is_elsewhere(url):
                found.append(f"{path.relative_to(seed_site).as_posix()}: url {url}")
    FIGURES["static scan"] = f"{len(pages)} pages and {len(stylesheets)} stylesheets, {len(found)} references elsewhere"
    assert len(pages) >= 100 and stylesheets
    assert found == [], "\n".join(found[:40])


def test_skip_link_target_and_footer_landmark_on_every_page(seed_site: Path) -> None:
    """Static: the skip link comes before anything focusable, its target exists; the footer is in <footer>."""
    catalog = load_catalog(REPO)
    for path in built_pages(seed_site):
        address = relative(seed_site, path)
        document = soup(path)
        lang = language(address)
        body = document.body
        # Material's own skip link (display: none in policy.css, on pages with a table of
        # contents) and its hidden toggles are not focusable; the browser test checks the real order.
        focusable = [
            element for element in body.find_all(["a", "button", "input", "select", "textarea"])
            if not (element.name == "input" and "md-toggle" in (element.get("class") or []))
            and not element.find_parent(attrs={"data-md-component": "skip"})
            and not (element.name == "a" and not element.get("href"))
        ]
        skip = focusable[0]
        assert "policy-skip" in skip.get("class", []) and skip["href"] == "#policy-main", address
        assert skip.get_text(strip=True) == SKIP_TEXT[lang], address
        target = document.find(id="policy-main")
        assert target is not None and target.get("tabindex") == "-1", address
        assert target.select_one("h1"), address
        footer = document.select_one("footer.md-footer .policy-footer")
        assert footer is not None, address
        statement = footer.find("a", string=STATEMENT_TEXT[lang])
        assert statement is not None, address
        slug = microsite(address)
        if slug:
            policy = catalog.municipality(slug).policy(lang)
            assert statement["href"] == policy.accessibility_statement, address
            assert policy.municipality in footer.get_text(), address
            assert footer.select_one("address"), address


def test_was_redirects_to_the_accessibility_statement(seed_site: Path) -> None:
    """<site>/was sends the reader to the statement at once (meta refresh) and shows the link."""
    catalog = load_catalog(REPO)
    targets = {slug: catalog.municipality(slug).policy("da").accessibility_statement for slug in SLUGS}
    for slug, statement in targets.items():
        for lang, folder in (("da", seed_site / slug / "was"), ("en", seed_site / slug / "en" / "was")):
            path = folder / "index.html"
            assert is_redirect(path), path
            document = soup(path)
            assert document.html["lang"] == lang
            refresh = document.find("meta", attrs={"http-equiv": "refresh"})
            assert refresh["content"] == f"0; url={statement}"
            link = document.select_one("main a[href]")
            assert link["href"] == statement and link.get_text(strip=True)
            assert STATEMENT_TEXT[lang] in document.h1.get_text()
    portal = soup(seed_site / "was" / "index.html")
    assert portal.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../tilgaengelighed/"
    assert portal.select_one("main a")["href"] == "../tilgaengelighed/"
    assert (seed_site / "tilgaengelighed" / "index.html").is_file()


def test_was_page_takes_the_browser_to_the_statement(browser, site_server: str) -> None:
    statement = load_catalog(REPO).municipality(SLUGS[0]).policy("da").accessibility_statement
    context = browser.new_context(java_script_enabled=False)
    seen: list[str] = []

    def route(request_route) -> None:
        seen.append(request_route.request.url)
        if request_route.request.url.startswith(site_server):
            request_route.continue_()
        else:  # no network here: the attempt is what counts
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    with contextlib.suppress(PlaywrightError):  # the refresh's navigation is aborted
        page.goto(site_server + f"{SLUGS[0]}/was/", wait_until="load")
    deadline = time.monotonic() + 10
    while statement not in seen and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    context.close()
    assert statement in seen


# What a payload that slipped past the final gate would look like in a page: none of it may run.
INJECTED = ('<script>window.policyPwned = "inline script";</script>'
            '<img src="../assets/images/favicon.png" alt="" onload="window.policyPwned = \'onload attribute\'">'
            '<p><a id="policy-injected-link" href="javascript:window.policyPwned = \'javascript: link\'">x</a></p>'
            '<p id="policy-injected-style" style="color: rgb(255, 0, 0)">styled</p>')


@pytest.mark.csp_violations_expected
def test_an_inline_script_that_slipped_past_the_gate_does_not_run(browser, site_server: str) -> None:
    """The page as served, with a script, an event attribute, a javascript: link and a style put into its
    content after the gate: the Content-Security-Policy blocks every one, and the site's own scripts still run."""
    address = site_server + BLOCKS_PAGE
    found: list[str] = []
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    watch_csp(context, found)

    def inject(route) -> None:
        response = route.fetch()
        html = response.text()
        marker = '<article class="md-content__inner md-typeset">'
        assert marker in html
        route.fulfill(response=response, body=html.replace(marker, marker + INJECTED, 1))

    context.route(address, inject)
    page = context.new_page()
    page.goto(address, wait_until="load")
    assert page.locator("#policy-injected-link").count() == 1  # the payload is in the page
    page.wait_for_selector(".policy-menu-button", state="attached", timeout=10_000)  # policy.js ran
    page.click("#policy-injected-link")
    page.wait_for_timeout(300)
    state = page.evaluate("""() => ({pwned: window.policyPwned === undefined ? null : window.policyPwned,
        material: typeof window.document$ === 'object' && !document.documentElement.classList.contains('no-js'),
        scope: String(window.__md_scope),
        colour: getComputedStyle(document.getElementById('policy-injected-style')).color})""")
    context.close()
    assert state["pwned"] is None, state
    assert state["material"], state  # Material's bundle and the site's scripts ran under the same policy
    assert state["scope"] == site_server + f"{_FIRST.slug}/", state
    assert state["colour"] != "rgb(255, 0, 0)", state
    blocked = " ".join(found)
    for directive in ("script-src-elem", "script-src-attr", "style-src-attr"):
        assert directive in blocked, (directive, found)


def test_danish_titles_in_english_pages_are_marked_danish(seed_site: Path) -> None:
    """Language of parts: Danish policy titles and »quoted« Danish inside English pages carry lang="da"."""
    catalog = load_catalog(REPO)
    danish = set()
    for municipality in catalog.municipalities:
        english = municipality.policy("en")
        policy = municipality.policy("da")
        if policy.policy_title != english.policy_title:
            danish.add(policy.policy_title)
        if english.source.title == policy.source.title:
            danish.add(policy.source.title)
    checked = 0
    for path in built_pages(seed_site):
        address = relative(seed_site, path)
        if language(address) != "en":
            continue
        for text in soup(path).find_all(string=True):
            if text.parent.name in ("script", "style", "title", "meta"):
                continue
            quotes = re.findall(r"»[^»«]*«", text) if microsite(address) else []
            titles = [title for title in danish if title in text]
            if not quotes and not titles:
                continue
            checked += 1
            holder = text.parent
            while holder is not None and not holder.get("lang"):
                holder = holder.parent
            assert holder is not None and holder["lang"] == "da", (address, str(text)[:120])
    assert checked >= 20


# ---------------------------------------------------------------- keyboard

FOCUS_STATE = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const shown = e.matches('.md-option') ? e.nextElementSibling : e;
    const r = shown.getBoundingClientRect(), s = getComputedStyle(shown);
    const inViewport = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
        && r.top < window.innerHeight && r.left < window.innerWidth;
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
        || (s.boxShadow && s.boxShadow !== 'none');
    return {tag: e.tagName, cls: e.className, id: e.id, href: e.getAttribute('href'),
            hreflang: e.getAttribute('hreflang'), text: (e.textContent || '').trim().slice(0, 60),
            inMain: !!e.closest('#policy-main'), inFooter: !!e.closest('footer'),
            inLanguage: !!e.closest('.policy-language'), inViewport, ring};
}"""


def tab_to(page, css_class: str, limit: int) -> None:
    """Press Tab until the focused element has ``css_class``, at most ``limit`` times (the test then checks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("c => document.activeElement.classList.contains(c)", css_class):
            return


def tab_through(page, limit: int = 300) -> list[dict]:
    states = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None or (states and state == states[0]):
            break
        states.append(state)
        if state["inFooter"] and state["text"] in STATEMENT_TEXT.values():
            break
    return states


@pytest.mark.parametrize("address", SAMPLE)
def test_tab_order_reaches_language_switch_content_and_footer(browser, site_server: str, address: str) -> None:
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_server + address)
    states = tab_through(page)
    context.close()
    assert states and "policy-skip" in states[0]["cls"]
    language_switch = next(i for i, s in enumerate(states) if s["inLanguage"] and s["hreflang"])
    content = next(i for i, s in enumerate(states) if s["inMain"])
    statement = next(i for i, s in enumerate(states) if s["inFooter"] and s["text"] in STATEMENT_TEXT.values())
    assert 0 < language_switch < content < statement
    hidden = [s for s in states if not s["inViewport"]]
    unmarked = [s for s in states if not s["ring"]]
    assert hidden == [], hidden[:5]
    assert unmarked == [], unmarked[:5]


@pytest.mark.parametrize("address", SAMPLE)
def test_skip_link_moves_focus_to_the_content(browser, site_server: str, address: str) -> None:
    context = browser.new_context(viewport=NARROW, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_server + address)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "policy-main"
    page.keyboard.press("Tab")
    state = page.evaluate(FOCUS_STATE)
    context.close()
    assert state["inMain"] and state["inViewport"] and state["ring"], state


def test_language_switch_by_keyboard(browser, site_server: str) -> None:
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_server + BLOCKS_PAGE)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "en":
            break
    state = page.evaluate(FOCUS_STATE)
    assert state["hreflang"] == "en" and state["inViewport"] and state["ring"], state
    page.keyboard.press("Enter")
    page.wait_for_url(site_server + BLOCKS_PAGE_EN)
    assert page.evaluate("document.documentElement.lang") == "en"
    context.close()


def test_search_by_keyboard(browser, site_server: str) -> None:
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_server + f"{_FIRST.slug}/")
    tab_to(page, "md-search__input", limit=30)
    assert page.evaluate(FOCUS_STATE)["ring"]
    page.keyboard.type("frivillig")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.keyboard.press("ArrowDown")
    result = page.evaluate(FOCUS_STATE)
    assert "md-search-result__link" in result["cls"] and result["inViewport"], result
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    context.close()


def test_menu_drawer_and_search_by_keyboard_on_a_narrow_screen(browser, site_server: str) -> None:
    context = browser.new_context(viewport=NARROW, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_server + BLOCKS_PAGE_EN)
    tab_to(page, "policy-menu-button", limit=10)
    menu = page.evaluate(FOCUS_STATE)
    assert "policy-menu-button" in menu["cls"] and menu["inViewport"] and menu["ring"], menu
    assert page.get_attribute(".policy-menu-button", "aria-expanded") == "false"
    assert page.get_attribute(".policy-menu-button", "aria-label")
    page.keyboard.press("Enter")
    assert page.get_attribute(".policy-menu-button", "aria-expanded") == "true"
    inside = page.evaluate(FOCUS_STATE)
    assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    assert inside["inViewport"] and inside["ring"], inside
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_STATE)["inViewport"]
    page.keyboard.press("Escape")
    assert page.get_attribute(".policy-menu-button", "aria-expanded") == "false"
    assert "policy-menu-button" in page.evaluate(FOCUS_STATE)["cls"]
    # Search: its button opens it and puts the cursor in the field; Escape gives focus back.
    tab_to(page, "policy-search-button", limit=10)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    # An English page searches the English index (hooks/policy_search.py).
    page.keyboard.type("volunteer")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.keyboard.press("Escape")
    # policy.js gives focus back once Material has closed search (the next turn of the event loop).
    wait_until(page, "() => !!document.activeElement && document.activeElement.classList.contains('policy-search-button')")
    focus = page.evaluate(FOCUS_STATE)
    assert focus["inViewport"] and focus["ring"], focus
    context.close()


def test_menu_sections_open_by_keyboard(browser, site_server: str) -> None:
    """The portal menu's section toggles are named buttons that open and close with Enter."""
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_server)
    toggles = page.locator("button.policy-section-toggle")
    assert toggles.count() >= 1  # "Temaer"; the editors' guide is linked from the footer, not the menu
    first = toggles.first
    name = first.get_attribute("aria-label")
    assert name and name in ("Temaer", "Vejledning for redaktører")
    expanded = first.get_attribute("aria-expanded")
    first.focus()
    page.keyboard.press("Enter")
    # The page's script updates aria-expanded; give it the event loop's turn.
    wait_until(page, "([button, before]) => button.getAttribute('aria-expanded') !== before",
               [first.element_handle(), expanded])
    page.keyboard.press("Enter")
    wait_until(page, "([button, before]) => button.getAttribute('aria-expanded') === before",
               [first.element_handle(), expanded])
    context.close()


def test_comparison_table_region_scrolls_by_keyboard(browser, site_server: str) -> None:
    context = browser.new_context(viewport=NARROW, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_server + "sammenligning/")
    tab_to(page, "policy-table-region", limit=200)
    region = page.evaluate(FOCUS_STATE)
    assert "policy-table-region" in region["cls"] and region["ring"], region
    assert page.evaluate("""() => { const r = document.activeElement;
        const label = document.getElementById(r.getAttribute('aria-labelledby'));
        return r.getAttribute('role') === 'region' && !!label && label.textContent.trim().length > 0
            && r.scrollWidth > r.clientWidth; }""")
    before = page.evaluate("document.activeElement.scrollLeft")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    wait_until(page, f"() => document.activeElement.scrollLeft > {before}", timeout=5.0)
    context.close()


# ---------------------------------------------------------------- without JavaScript

def test_without_javascript_content_menu_and_language_switch_work(browser, site_server: str,
                                                                  seed_site: Path) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False, reduced_motion="reduce")
    page = context.new_page()
    problems = []
    pages = built_pages(seed_site)
    for path in pages:
        address = relative(seed_site, path)
        page.goto(site_server + address)
        other = "en" if language(address) == "da" else "da"
        state = page.evaluate("""other => {
            const visible = e => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
            const switchLink = document.querySelector('.policy-language a[hreflang="' + other + '"]');
            if (switchLink) switchLink.focus();
            const r = switchLink ? switchLink.getBoundingClientRect() : null;
            return {js: document.documentElement.classList.contains('no-js'),
                    heading: visible(document.querySelector('#policy-main h1')),
                    menu: [...document.querySelectorAll('.md-sidebar--primary a.md-nav__link')].filter(visible).length,
                    switchShown: !!r && r.width > 0 && r.height > 0 && document.activeElement === switchLink
                        && getComputedStyle(switchLink.closest('.policy-language')).opacity === '1',
                    search: visible(document.querySelector('.md-search__input')),
                    footer: visible(document.querySelector('footer .policy-footer'))};
        }""", other)
        expected = {"js": True, "heading": True, "switchShown": True, "search": False, "footer": True}
        if {key: state[key] for key in expected} != expected or state["menu"] < 1:
            problems.append(f"{address}: {state}")
    # Following the switch with the keyboard reaches the page in the other language.
    page.goto(site_server + OTHER_PAGE)
    page.focus('.policy-language a[hreflang="en"]')
    page.keyboard.press("Enter")
    page.wait_for_url(site_server + OTHER_PAGE_EN)
    # On a narrow screen the menu slides in when the keyboard reaches it.
    narrow = browser.new_context(viewport=NARROW, java_script_enabled=False, reduced_motion="reduce")
    small = narrow.new_page()
    small.goto(site_server + OTHER_PAGE)
    tab_to(small, "md-nav__link", limit=20)
    menu_link = small.evaluate(FOCUS_STATE)
    narrow.close()
    context.close()
    FIGURES["without JavaScript"] = f"{len(pages)} pages: content, menu and language switch checked"
    assert len(pages) >= 100
    assert problems == [], "\n".join(problems[:20])
    assert menu_link["inViewport"] and menu_link["ring"], menu_link


# ---------------------------------------------------------------- print

@pytest.mark.parametrize("address", [f"{_FIRST.slug}/", DRAFT_PAGE_EN, ""])
def test_print_keeps_the_text_the_publisher_once_and_link_addresses(browser, site_server: str,
                                                                     address: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site_server + address)
    page.emulate_media(media="print")
    state = page.evaluate("""() => {
        const shown = e => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
        const all = s => [...document.querySelectorAll(s)];
        const footer = document.querySelector('.policy-footer');
        const name = footer ? footer.querySelector('strong').textContent.trim() : '';
        const chrome = all('.md-header, .md-sidebar, .md-search, .md-footer__inner, .md-skip, .md-tabs');
        // Outside the policy text, how often is the publisher's name printed on its own?
        const names = all('body *').filter(e => !e.closest('#policy-main') && shown(e)
            && e.children.length === 0 && e.textContent.trim() === name).length;
        const links = all('#policy-main a[href]:not(.headerlink), .policy-footer a[href]')
            .filter(a => shown(a) && !a.getAttribute('href').startsWith('#'));
        const missing = links.filter(a => {
            const after = getComputedStyle(a, '::after').content;
            const text = a.textContent.replace(/\\s+/g, '').toLowerCase();
            const target = a.href.replace(/^(https?:\\/\\/|mailto:|tel:)/, '').replace(/\\/$/, '').toLowerCase();
            return text !== target && !after.includes(a.href);
        }).map(a => a.outerHTML.slice(0, 120));
        return {chromeShown: chrome.filter(shown).map(e => e.className),
                buttons: all('button, input, label.md-header__button').filter(shown).length,
                footer: shown(footer), name, names,
                contactShown: all('address').filter(shown).length,
                links: links.length, missing};
    }""")
    context.close()
    assert state["chromeShown"] == [] and state["buttons"] == 0, state["chromeShown"]
    assert state["footer"] and state["name"]
    assert state["names"] == 1, state  # the municipality (or the portal) once, in the footer
    if address:  # microsite pages carry the municipality's contact, once
        assert state["contactShown"] == 1, state
    assert state["links"] > 0 and state["missing"] == [], state["missing"][:5]


# ---------------------------------------------------------------- published with versions

@pytest.fixture(scope="module")
def published_editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gh-pages branch after alfa's editions 2020 and 2021 were deployed (beta and portal once)."""
    from policybuild import cli

    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate_git(monkeypatch)
        base = tmp_path_factory.mktemp("editions")
        remote = base / "pages.git"
        project = git_project(base / "project", remote)
        assert cli.main(["--root", str(project), "deploy", "--remote", str(remote), "--jobs", "1"]) == 0
        set_edition(project, "alfa", "2021")
        assert cli.main(["--root", str(project), "deploy", "--remote", str(remote), "--jobs", "1", "-m", "alfa"]) == 0
        return export_branch(remote, "gh-pages", base / "served")


def nu_errors_of_html(html: str, name: str, folder: Path) -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail("java or tools/node_modules/vnu-jar is missing: run `make test`, which installs them.")
    path = folder / name
    path.write_text(html, encoding="utf-8")
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", str(path)],
                            capture_output=True, text=True, timeout=300, check=False)
    report = json.loads(result.stderr or '{"messages": []}')
    return [f"{name}:{m.get('lastLine')}: {m['message']}" for m in report["messages"]
            if m["type"] in ("error", "non-document-error")]


def test_version_selector_and_older_edition_note(browser, published_editions: Path, tmp_path: Path) -> None:
    requests: list[str] = []
    violations: list[str] = []
    with serve(published_editions) as base:
        for scheme in SCHEMES:
            context = browser.new_context(viewport=DESKTOP, color_scheme=scheme, reduced_motion="reduce")
            context.on("request", lambda request: requests.append(request.url))
            page = context.new_page()
            for address, lang, outdated in (("alfa/2020/vaerdier/", "da", True), ("alfa/2020/en/", "en", True),
                                            ("alfa/latest/vaerdier/", "da", False), ("alfa/2021/en/", "en", False)):
                assert page.goto(base + address, wait_until="load").ok, address
                page.wait_for_selector(".md-version__current", state="attached", timeout=10_000)
                versions = page.eval_on_selector_all(".md-version__link", "links => links.map(a => a.textContent.trim())")
                assert versions == ["2021", "2020"], (address, versions)
                note = page.locator(".policy-outdated")
                if outdated:
                    note.wait_for(state="visible", timeout=10_000)
                    text = note.inner_text()
                    assert ("ældre udgave" in text) if lang == "da" else ("older edition" in text), text
                else:
                    page.wait_for_timeout(300)
                    assert not note.is_visible(), address
                # The skip link stays the first stop for the keyboard, note or not.
                page.keyboard.press("Tab")
                assert page.evaluate("document.activeElement.classList.contains('policy-skip')"), address
                if scheme == "light":  # the page as the browser has it now, before axe adds its script
                    violations += nu_errors_of_html(page.content(), address.strip("/").replace("/", "-") + ".html", tmp_path)
                violations += violation_lines(address, scheme, run_axe(page))
                name = page.get_attribute(".md-version__current", "aria-label")
                assert name.startswith(page.inner_text(".md-version__current").strip()), name
            # The note's link leads to the same language's newest edition.
            page.goto(base + "alfa/2020/en/vaerdier/", wait_until="load")
            page.locator(".policy-outdated a").click()
            page.wait_for_url(base + "alfa/latest/en/")
            # The microsite's own address and its /was page on the published branch.
            page.goto(base + "alfa/", wait_until="load")
            page.wait_for_url(base + "alfa/latest/")
            context.close()
    assert violations == [], "\n".join(violations[:30])
    elsewhere = sorted({url for url in requests if not url.startswith(base)})
    assert elsewhere == [], elsewhere
    assert any(url.endswith("alfa/versions.json") for url in requests)


def test_version_selector_by_keyboard(browser, published_editions: Path) -> None:
    """Tab reaches the version selector with a visible focus, then its editions; Enter opens one."""
    with serve(published_editions) as base:
        context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
        page = context.new_page()
        page.goto(base + "alfa/2020/vaerdier/", wait_until="load")
        page.wait_for_selector(".md-version__current", state="attached", timeout=10_000)
        tab_to(page, "md-version__current", limit=40)
        current = page.evaluate(FOCUS_STATE)
        assert "md-version__current" in current["cls"] and current["inViewport"] and current["ring"], current
        page.keyboard.press("Tab")
        option = page.evaluate(FOCUS_STATE)
        assert "md-version__link" in option["cls"] and option["inViewport"] and option["ring"], option
        assert option["text"] == "2021", option
        page.keyboard.press("Enter")
        page.wait_for_url(base + "alfa/2021/**")
        context.close()


def test_the_preview_of_make_serve_runs_its_live_reload(browser, tmp_path: Path) -> None:
    """`make serve` (mkdocs serve) injects an inline live-reload script: its preview policy lets it run, and a
    page built that way would not pass the final gate (the published policy is the only one it accepts)."""
    import os
    import socket
    import sys

    from policysite import gate

    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = dict(os.environ, POLICY_DOCS_DIR=str(root / "municipalities" / "alfa"))
    server = subprocess.Popen([sys.executable, "-m", "policybuild.engine", "serve", "--dev-addr", f"127.0.0.1:{port}",
                               "--config-file", str(root / "mkdocs.yml")], cwd=root, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        address = f"http://127.0.0.1:{port}/vaerdier/"
        deadline = time.monotonic() + 120
        context = browser.new_context(viewport=DESKTOP)  # watched for CSP violations (no_csp_violation)
        page = context.new_page()
        while True:
            try:
                if page.goto(address, wait_until="load").ok:
                    break
            except PlaywrightError:
                pass
            assert time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(1)
        assert page.evaluate("typeof livereload") == "function"  # MkDocs's inline script ran
        html = page.content()
        context.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    folder = tmp_path / "preview"
    (folder / "vaerdier").mkdir(parents=True)
    (folder / "vaerdier" / "index.html").write_text(html, encoding="utf-8")
    errors = gate.check_file(gate.GateContext.for_project(root), folder, "vaerdier/index.html")
    assert "output-csp" in {error.code for error in errors}


# ---------------------------------------------------------------- issue 15: a page a municipality would publish

PHONE = {"width": 375, "height": 800}
MAX_OVERVIEW_HEIGHT = 7000  # CSS px at 375 px; Næstved, the largest, was 10,636 before issue 15
MAX_NAVIGATION_LANDMARKS = 6

# What a screen reader lists as navigation landmarks: <nav> and role=navigation, not hidden.
NAVIGATION_LANDMARKS = """() => [...document.querySelectorAll('nav, [role=navigation]')].filter(e =>
    (e.getAttribute('role') === null || e.getAttribute('role') === 'navigation')
    && !e.closest('[hidden], [aria-hidden=true]') && getComputedStyle(e).display !== 'none').length"""

# Text in the site's header and the policy header that does not fit its box (cut off or ellipsis).
CUT_OFF = """() => [...document.querySelectorAll('.md-header__topic, .md-header__topic *, .policy-language *,'
    + ' .policy-header, .policy-header *')].filter(e => {
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden' || !e.textContent.trim()) return false;
        const r = e.getBoundingClientRect();
        return e.scrollWidth > e.clientWidth + 1 && s.overflowX !== 'visible'
            || s.textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1
            || r.right > window.innerWidth + 1 || r.left < -1;
    }).map(e => e.className + ': ' + e.textContent.trim().slice(0, 40))"""


@pytest.fixture(scope="session")
def phone_walk(browser, site_server: str, addresses: list[str]) -> dict:
    """Every page at 375 CSS px: its navigation landmarks, header text that is cut off, its height."""
    context = browser.new_context(viewport=PHONE, reduced_motion="reduce")
    page = context.new_page()
    found = {"landmarks": {}, "cut": {}, "height": {}}
    for address in addresses:
        page.goto(site_server + address, wait_until="load")
        found["landmarks"][address] = page.evaluate(NAVIGATION_LANDMARKS)
        found["cut"][address] = page.evaluate(CUT_OFF)
        found["height"][address] = page.evaluate("document.documentElement.scrollHeight")
    context.close()
    overviews = {f"{slug}/{prefix}": found["height"][f"{slug}/{prefix}"] for slug in SLUGS for prefix in ("", "en/")}
    FIGURES["overview heights at 375 px"] = [f"{address}: {height} px" for address, height in overviews.items()]
    FIGURES["navigation landmarks per page"] = f"at most {max(found['landmarks'].values())} on {len(addresses)} pages"
    found["overviews"] = overviews
    return found


def test_at_most_six_navigation_landmarks_on_every_page(phone_walk: dict) -> None:
    over = {a: n for a, n in phone_walk["landmarks"].items() if n > MAX_NAVIGATION_LANDMARKS}
    assert over == {}, over
    assert max(phone_walk["landmarks"].values()) >= 2  # the count sees the header's and the menu's


def test_no_header_text_is_cut_off_at_375_px(phone_walk: dict) -> None:
    cut = {a: found for a, found in phone_walk["cut"].items() if found}
    assert cut == {}, cut


def test_every_overview_is_at_most_7000_px_tall_at_375_px(phone_walk: dict) -> None:
    assert len(phone_walk["overviews"]) == 2 * len(SLUGS)
    too_tall = {a: h for a, h in phone_walk["overviews"].items() if h > MAX_OVERVIEW_HEIGHT}
    assert too_tall == {}, too_tall


def test_every_overview_has_the_policy_title_as_h1_and_a_pdf_link(seed_site: Path) -> None:
    """The policy header: title (<h1>), municipality, a status tag, and the whole policy as PDF in the page's language."""
    catalog = load_catalog(REPO)
    for slug in SLUGS:
        for lang, prefix in (("da", ""), ("en", "en/")):
            policy = catalog.municipality(slug).policy(lang)
            path = seed_site / slug / prefix / "index.html"
            document = soup(path)
            assert [h.get_text(strip=True) for h in document.find_all("h1")] == [policy.policy_title], path
            header = document.select_one("#policy-main .policy-header")
            assert policy.municipality in header.select_one(".policy-header__publisher").get_text()
            assert header.select_one(".policy-tag").get_text(strip=True)
            pdf = header.select_one(".policy-pdf a[href$='.pdf']")
            assert pdf is not None and (path.parent / pdf["href"]).is_file(), path
            assert subprocess.run(["pdfinfo", str(path.parent / pdf["href"])], capture_output=True, text=True,
                                  check=True).stdout.count(policy.policy_title) >= 1
            contact = header.find("a", string="Kontakt" if lang == "da" else "Contact")
            assert contact is not None and (path.parent / contact["href"] / "index.html").is_file()
            # No internal edition ids shown to readers.
            assert "hoering" not in document.select_one("#policy-main").get_text(), path


def test_not_found_pages_are_danish_with_search_and_a_link_home(seed_site: Path) -> None:
    pages = sorted(seed_site.rglob("404.html"))
    assert len(pages) == len(SLUGS) + 1
    for path in pages:
        document = soup(path)
        assert document.html["lang"] == "da", path
        assert document.h1.get_text(strip=True) == "Siden findes ikke", path
        assert document.select_one("[lang=en] h2").get_text(strip=True) == "Page not found", path
        assert document.select_one(".md-search__input") is not None, path
        home = document.find("a", string="Gå til forsiden")
        site = path.parent.relative_to(seed_site).as_posix()
        assert home["href"] == ("/" if site == "." else f"/{site}/"), path


def test_language_switch_is_words_with_the_current_language_marked(seed_site: Path) -> None:
    for path in built_pages(seed_site):
        document = soup(path)
        lang = document.html["lang"]
        switch = document.select_one(".md-header .policy-language")
        current = switch.select_one("[aria-current=true]")
        assert current.get_text(strip=True) == {"da": "Dansk", "en": "English"}[lang], path
        other = switch.select_one("a[hreflang]")
        assert other.get_text(strip=True) == {"da": "English", "en": "Dansk"}[lang], path


def test_no_previous_next_bar_and_related_content_is_not_searched(seed_site: Path) -> None:
    assert all(soup(path).select("nav.md-footer__inner, .md-footer__link") == [] for path in built_pages(seed_site))
    for index in seed_site.rglob("search_index.json"):
        text = index.read_text(encoding="utf-8")
        assert "Andre kommuner om de samme temaer" not in text and "Other municipalities on the same themes" not in text
    # The editors' pages are not in the citizens' menu, and the portal's footer links to them.
    portal = soup(seed_site / "index.html")
    assert not [a for a in portal.select(".md-sidebar--primary a[href]") if "redaktoerer" in a["href"]]
    assert portal.select_one("footer .policy-footer a[href*='redaktoerer']") is not None
    assert portal.select_one("footer .policy-footer a[href*='om/']") is not None


def test_body_text_size_line_length_and_heading_weight(browser, site_server: str) -> None:
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_server + BLOCKS_PAGE)
    state = page.evaluate("""() => {
        const p = document.querySelector('#policy-main article > p'), s = getComputedStyle(p);
        const size = parseFloat(s.fontSize), h = getComputedStyle(document.querySelector('#policy-main h1'));
        const h2 = getComputedStyle(document.querySelector('#policy-main h2'));
        return {size, ems: p.getBoundingClientRect().width / size, body: parseInt(s.fontWeight),
                h1: parseInt(h.fontWeight), h2: parseInt(h2.fontWeight), h1size: parseFloat(h.fontSize)};
    }""")
    context.close()
    assert 18 <= state["size"] <= 19, state
    assert state["ems"] <= 37, state  # about 75 characters of a sans-serif at most
    assert state["h1"] >= 700 and state["h2"] >= 700 and state["body"] <= 400 and state["h1size"] > state["size"], state
