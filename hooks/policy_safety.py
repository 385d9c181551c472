"""The site's Content-Security-Policy in every page Material renders (``policy_csp``, overrides/main.html).

What is safe to publish is decided before and after the build, not here: the
catalog checks every source (``make check`` finds the same problems), and the
final gate (policysite/gate.py) checks every output file once the site is
complete, in the build's staging folder, before it replaces ``site/``. This hook
only hands the templates the one policy string (policysite/csp.py), for the
pages (on_page_context) and for the theme's own pages such as 404.html
(on_template_context).
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policysite.csp import CSP


def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    context["policy_csp"] = CSP
    return context


def on_template_context(context: dict, /, *, template_name: str, config: MkDocsConfig) -> dict | None:
    context["policy_csp"] = CSP
    return context
