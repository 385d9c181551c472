"""The sitemap of every site with hreflang alternates (da, en, x-default), dated from content.

Replaces static-i18n's sitemap (overrides/sitemap.xml takes precedence), which
lists only pages on disk, has no x-default and dates every page with the build
day. Pages' ``update_date`` (which MkDocs also uses as the time stamp inside
sitemap.xml.gz) is set from content too, so the build does not read the clock.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from policy_context import Site, danish_name, site_of, templates
from policysite.layout import SITEMAP_FILE as SITEMAP
from policysite.sitemap import sitemap_urls
from policysite.model import DEFAULT_LANGUAGE, LANGUAGES
from policysite.urls import language_prefix, page_path

NO_DATE = "1970-01-01"


def _content_date(site: Site):
    """The date a site's pages were last changed: the policy's for a microsite, the latest for the portal."""
    return site.policy.last_updated if site.policy is not None else site.catalog.last_updated


def on_pre_page(page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
    date = _content_date(site_of(config))
    # Without any date in the content: 1970-01-01, which makes the gzip time stamp 0, "no time stamp" (RFC 1952).
    page.update_date = date.isoformat() if date is not None else NO_DATE
    return page


def on_template_context(context: dict, /, *, template_name: str, config: MkDocsConfig) -> dict | None:
    if template_name != SITEMAP:
        return context
    site = site_of(config)
    names = [danish_name(file.src_uri) for file in context["pages"]]
    if site.municipality is not None:
        slug = site.municipality.slug

        def url_of(lang: str, name: str) -> str:
            return site.urls.microsite_page(slug, lang, name)
        lastmod = site.policy.last_updated if site.policy is not None else None
    else:
        def url_of(lang: str, name: str) -> str:
            return site.urls.portal_page(lang, page_path(name))
        lastmod = None  # the portal's own pages carry no date of their own
    urls = sitemap_urls(names, url_of, lastmod)
    template = templates(config).get_template("policy/sitemap.xml.html")
    context["policy_sitemap"] = Markup(template.render(urls=urls))
    # Each other language's folder gets a sitemap of its own pages: a sitemap may only list
    # addresses below its own, and Material's script asks for one next to each language's
    # pages (a missing one is an error in the reader's console).
    for lang in LANGUAGES:
        if lang == DEFAULT_LANGUAGE:
            continue
        own = tuple(url for url in urls if any(a.hreflang == lang and a.href == url.loc for a in url.alternates))
        target = Path(config.site_dir) / language_prefix(lang) / SITEMAP
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(urls=own), encoding="utf-8")
    return context
