"""The site's Content-Security-Policy: one string, on every page, as a ``<meta>`` in ``<head>``.

GitHub Pages cannot send headers, so the policy is the first thing after
``<meta charset>`` in every page the site publishes (overrides/main.html for
Material's pages, overrides/policy/redirect.html for the redirect pages);
policysite.gate refuses a page without exactly this policy there.

- ``default-src 'self'``: everything comes from the site itself: the search
  index and worker, ``sitemap.xml`` for the language switch, ``versions.json``
  for the version selector (fetches), stylesheets, scripts and images.
- ``script-src 'self'``: no inline script at all, no ``eval``, no ``javascript:``
  addresses and no ``on*=`` attributes. Material's inline scripts are served as
  files instead (overrides/partials/javascripts/, overrides/assets/).
- ``style-src 'self'``: stylesheets from the site, no ``<style>`` elements. Style
  attributes only as Python-Markdown's tables write them for column alignment
  (three exact values, allowed by their hashes; ``'unsafe-hashes'`` is what CSP
  calls allowing attribute values by hash). Scripts may still set styles through
  the CSSOM (``element.style``), which CSP does not govern.
- ``img-src 'self' data:``: Material's stylesheet draws its icons (menu arrows,
  table of contents) as ``data:`` SVG images; ``data:`` images cannot run
  script. Content images are refused unless they are files of the site
  (policysite.sanitize, policysite.gate).
- ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'self'``: no plugins,
  no ``<base>`` that moves every relative address, and forms (Material's search)
  submit only to the site.

The portal's national search page (layout.national_search_pages) alone adds
``'wasm-unsafe-eval'`` to ``script-src`` (``SEARCH_CSP``): Pagefind's search runs
as WebAssembly, which a policy without it refuses to compile. It allows no
``eval`` of JavaScript and no code from anywhere but the site; every other page
keeps ``CSP``. ``policy_for`` says which a page has; the gate asks it too.

``frame-ancestors`` and ``report-uri`` are ignored in a ``<meta>`` policy (and
Chromium says so in the console), so they are not set.
"""
from __future__ import annotations

import base64
import hashlib

from .sanitize import ALLOWED_STYLES


def source_hash(text: str) -> str:
    """A CSP hash source for an inline script, style element or style attribute value."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


DIRECTIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'",)),
    ("style-src", ("'self'",)),
    ("style-src-attr", ("'unsafe-hashes'", *(source_hash(style) for style in ALLOWED_STYLES))),
    ("img-src", ("'self'", "data:")),
    ("object-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    ("form-action", ("'self'",)),
)



def _policy(directives: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)


CSP = _policy(DIRECTIVES)

WASM = "'wasm-unsafe-eval'"


def _with_script(directives: tuple[tuple[str, tuple[str, ...]], ...], extra: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((name, (*sources, extra) if name == "script-src" else sources) for name, sources in directives)


SEARCH_CSP = _policy(_with_script(DIRECTIVES, WASM))

# `make serve` only (mkdocs serve): MkDocs injects its live-reload script inline into every page it
# serves, so the local preview lets inline script run. Nothing built this way is ever published: the
# final gate refuses every page whose policy is not exactly CSP.
PREVIEW_CSP = _policy(_with_script(DIRECTIVES, "'unsafe-inline'"))
PREVIEW_SEARCH_CSP = _policy(_with_script(_with_script(DIRECTIVES, "'unsafe-inline'"), WASM))


def policy_for(site_path: str, preview: bool = False) -> str:
    """The policy of the page at ``site_path`` (its file in the whole site: 'en/soeg/index.html')."""
    from .layout import national_search_pages  # layout imports model, which imports this package's schema

    search = site_path in national_search_pages()
    if preview:
        return PREVIEW_SEARCH_CSP if search else PREVIEW_CSP
    return SEARCH_CSP if search else CSP
