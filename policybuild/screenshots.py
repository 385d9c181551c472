"""Screenshots of every page type and the design's figures, from a built site, in Debian's Chromium.

``policysite screenshots`` serves a built site (site/) on 127.0.0.1 and writes one PNG per page
type, width (1280 and 375 CSS px) and colour scheme (light, dark) into a folder outside the site
(``screenshots/`` by default), for people to look at. ``policysite figures`` prints what the
design is measured by: each overview's height at 375 px, the most navigation landmarks on a page,
and the bytes a first visit to an overview loads.

Playwright comes with the test tools (``make screenshots`` installs them).
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from policysite.catalog import load_catalog
from policysite.document import pdf_site_path
from policysite.layout import (
    COMPARISON_PAGE,
    CONTACT_PAGE,
    INDEX_FILE,
    NOT_FOUND_PAGE,
    THEMES_PATH,
    language_folders,
    page_stem,
)

CHROMIUM = "/usr/bin/chromium"
WIDTHS = (1280, 375)
SCHEMES = ("light", "dark")


@dataclass(frozen=True)
class Shot:
    name: str  # the PNG's name without width and scheme
    address: str  # relative to the site's root


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args) -> None:  # quiet
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        raise SystemExit("Playwright is missing: run `make screenshots`, which installs the test tools.") from None
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


def _prefix(lang: str) -> str:
    return language_folders().get(lang, "")


def overviews(root: Path) -> list[str]:
    """Every microsite's overview in every language, relative to the site's root."""
    catalog = load_catalog(root)
    return [f"{municipality.slug}/{_prefix(lang)}" for municipality in catalog.municipalities
            for lang in ("da", "en")]


def page_types(root: Path, site: Path) -> list[Shot]:
    """One address per page type: portal, theme, comparison, each overview, a values page, a focus-area
    page, a consultation, a contact page, a 404 page (each in Danish; the portal in English too)."""
    catalog = load_catalog(root)
    shots = [Shot("portal", ""), Shot("portal-en", _prefix("en")),
             Shot("themes", f"{THEMES_PATH}/"),
             Shot("comparison", f"{page_stem(COMPARISON_PAGE)}/")]
    theme = next(iter(sorted(catalog.themes)), None)
    if theme:
        shots.append(Shot("theme", f"{THEMES_PATH}/{theme}/"))
    for municipality in catalog.municipalities:
        policy = municipality.policy("da")
        shots.append(Shot(f"overview-{municipality.slug}", f"{municipality.slug}/"))
        if policy.consultation is not None:
            shots.append(Shot(f"consultation-{municipality.slug}", f"{municipality.slug}/"))
    shots.append(Shot("overview-en", overviews(root)[1]))
    for kind in ("values", "focus_areas"):
        found = next(((m.slug, b.page) for m in catalog.municipalities for b in m.policy("da").blocks
                      if b.kind.key == kind), None)
        if found:
            shots.append(Shot(f"page-{kind.replace('_', '-')}", f"{found[0]}/{page_stem(found[1])}/"))
    first = catalog.municipalities[0].slug if catalog.municipalities else None
    if first:
        shots.append(Shot("contact", f"{first}/{page_stem(CONTACT_PAGE)}/"))
        shots.append(Shot("not-found", f"{first}/{NOT_FOUND_PAGE}"))
    # Only addresses the site has (a contact page before it exists, for instance, is left out).
    return [shot for shot in dict((shot.name, shot) for shot in shots).values()
            if (site / shot.address / ("" if shot.address.endswith(".html") else INDEX_FILE)).is_file()]


def take_screenshots(root: Path, site: Path, out: Path, log: Callable[[str], None] = print) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    shots = page_types(root, site)
    with served(site) as base, chromium() as browser:
        for width in WIDTHS:
            for scheme in SCHEMES:
                context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme,
                                              reduced_motion="reduce")
                page = context.new_page()
                for shot in shots:
                    page.goto(base + shot.address, wait_until="load")
                    if shot.name.startswith("consultation-"):
                        page.evaluate("() => { const e = document.querySelector('.policy-consultation');"
                                      " if (e) e.scrollIntoView(); }")
                        path = out / f"{shot.name}-{width}-{scheme}.png"
                        page.screenshot(path=str(path))
                    else:
                        path = out / f"{shot.name}-{width}-{scheme}.png"
                        page.screenshot(path=str(path), full_page=True)
                    written.append(path)
                context.close()
        written += _pdf_first_pages(root, site, out)
    log(f"Wrote {len(written)} screenshots to {out}")
    return written


def _pdf_first_pages(root: Path, site: Path, out: Path) -> list[Path]:
    """Page 1 of the first microsite's PDFs, as PNG (poppler's pdftoppm)."""
    import shutil
    import subprocess

    catalog = load_catalog(root)
    if shutil.which("pdftoppm") is None or not catalog.municipalities:
        return []
    written = []
    slug = catalog.municipalities[0].slug
    for lang in ("da", "en"):
        pdf = site / slug / pdf_site_path(slug, lang)
        if not pdf.is_file():
            continue
        stem = out / f"pdf-page1-{lang}"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
                       check=True, capture_output=True)
        written.append(stem.with_suffix(".png"))
    return written


LANDMARKS = """() => [...document.querySelectorAll('nav, [role=navigation]')].filter(
    e => e.getAttribute('role') === null || e.getAttribute('role') === 'navigation').length"""


def figures(root: Path, site: Path, log: Callable[[str], None] = print) -> dict[str, object]:
    """Each overview's height at 375 px, navigation landmarks, and the kilobytes a first visit loads."""
    result: dict[str, object] = {"heights": {}, "landmarks": {}, "first_load_kb": {}}
    with served(site) as base, chromium() as browser:
        for address in overviews(root):
            context = browser.new_context(viewport={"width": 375, "height": 800}, reduced_motion="reduce")
            sizes: list[int] = []

            def finished(request) -> None:
                response = request.response()
                if response is not None:
                    with contextlib.suppress(Exception):
                        sizes.append(len(response.body()))

            context.on("requestfinished", finished)
            page = context.new_page()
            page.goto(base + address, wait_until="networkidle")
            result["heights"][address] = page.evaluate("document.documentElement.scrollHeight")
            result["landmarks"][address] = page.evaluate(LANDMARKS)
            result["first_load_kb"][address] = round(sum(sizes) / 1024)
            context.close()
    for address in result["heights"]:
        log(f"{address:18} height at 375 px: {result['heights'][address]:6} px   navigation landmarks: "
            f"{result['landmarks'][address]:2}   first load: {result['first_load_kb'][address]:5} KB")
    return result
