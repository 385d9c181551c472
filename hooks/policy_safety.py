"""The site's Content-Security-Policy in every page Material renders (``policy_csp``, overrides/main.html).

What is safe to publish is decided before and after the build, not here: the
catalog checks every source (``make check`` finds the same problems), and the
final gate (policysite/gate.py) checks every output file once the site is
complete, in the build's staging folder, before it replaces ``site/``. This hook
only hands the templates the one policy string (policysite/csp.py), for the
pages (on_page_context) and for the theme's own pages such as 404.html
(on_template_context).

The one exception is the preview of ``make serve``: MkDocs's live reload is an
inline script it adds to every page it serves, so there the policy also allows
inline script (policysite.csp.PREVIEW_CSP). MkDocs says it is serving once, at
startup, and loads this file anew for every rebuild, so the answer is kept in
the serving process's environment. A page built that way cannot be published:
the gate accepts only the site's policy.
"""
from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policy_context import site_of
from policysite import csp

PREVIEW = "POLICY_PREVIEW"


def on_startup(*, command: str, dirty: bool) -> None:
    if command == "serve":
        os.environ[PREVIEW] = "1"


def policy_for(config: MkDocsConfig, site_path: str = "") -> str:
    """The policy of a page, by its file in the whole site (only the portal's search page differs)."""
    return csp.policy_for(site_path, preview=os.environ.get(PREVIEW) == "1")


def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    # A microsite's pages are under its slug in the whole site, so only the portal's own files can be the
    # search page's (a microsite page named like it keeps the site's policy).
    context["policy_csp"] = policy_for(config, page.file.dest_uri if site_of(config).is_portal else "")
    return context


def on_template_context(context: dict, /, *, template_name: str, config: MkDocsConfig) -> dict | None:
    context["policy_csp"] = policy_for(config)
    return context
