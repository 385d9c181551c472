"""Structured data in the head of every microsite page: the policy as schema.org JSON-LD (policysite.metadata)."""
from __future__ import annotations

from markupsafe import Markup
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policy_context import site_of, templates
from policysite.metadata import policy_jsonld


@plugins.event_priority(0)
def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    site = site_of(config)
    if site.municipality is None:
        return context
    data = policy_jsonld(site.municipality, site.lang, site.urls, site.catalog.themes)
    context["policy_metadata"] = Markup(templates(config).get_template("policy/jsonld.html").render(data=data))
    return context
