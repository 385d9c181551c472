"""Resolve editors' ``kommune:`` and ``tema:`` links to addresses (the catalog has checked them)."""
from __future__ import annotations

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from policy_context import page_url, site_of
from policysite import crosslinks
from policysite.layout import OVERVIEW, THEMES_PATH
from policysite.urls import relative_url
from policysite.views import theme_page_path


@plugins.event_priority(0)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = site_of(config)
    here = page_url(site, page)

    def resolve(link: crosslinks.CrossLink) -> str:
        if link.scheme == "tema":
            target = site.urls.portal_page(site.lang, theme_page_path(link.slug) if link.slug else f"{THEMES_PATH}/")
        else:
            municipality = site.catalog.municipality(link.slug)
            name = OVERVIEW
            if link.anchor:
                name = next(b.page for b in municipality.policy(site.lang).blocks if b.id == link.anchor)
            target = site.urls.microsite_page(link.slug, site.lang, name, link.anchor)
        return relative_url(here, target)

    return crosslinks.rewrite_html(html, resolve)
