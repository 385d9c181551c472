"""Editors' ``kommune:`` and ``tema:`` links as addresses, found by the parser the catalog checked them with.

Every address in a page's HTML (its body here; the blocks and the cards through
``resolve_links``) is read by policysite.crosslinks, the same parser that found
the links the catalog checked. A target that does not exist stops the build with
a message naming the file, never with a traceback.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policy_context import Site, page_url, policy_page, project_root, site_of, templates, theme_index
from policysite import crosslinks
from policysite.errors import ContentError, ContentErrors, display_path
from policysite.labels import LABELS
from policysite.layout import OVERVIEW, THEMES_PATH
from policysite.urls import relative_url
from policysite.views import field_link, related_section, theme_page_path


def resolve_links(html: str, site: Site, here: str, shown: str, page_name: str | None = None) -> str:
    """``html`` with its cross-links as addresses relative to ``here``.

    For the HTML of a Markdown field (``page_name``: the page it belongs to), links
    to the microsite's pages, anchors and files are resolved too, as MkDocs
    resolves them in page bodies.
    """
    def resolve(address: crosslinks.Address) -> str | None:
        link = crosslinks.parse(address.value)
        if link is not None:
            return _crosslink_address(site, here, link, shown)
        if page_name is not None and site.municipality is not None and address.attribute == "href":
            return field_link(site.urls, site.municipality.slug, site.lang, page_name, here, address.value)
        return None

    return crosslinks.rewrite(html, resolve)


def _blocks_of(site: Site, slug: str) -> set[str] | None:
    try:
        return {block.id for block in site.catalog.municipality(slug).policy(site.lang).blocks}
    except KeyError:
        return None


def _crosslink_address(site: Site, here: str, link: crosslinks.CrossLink, shown: str) -> str:
    problem = crosslinks.target_problem(link, lambda slug: _blocks_of(site, slug), set(site.catalog.themes))
    if problem is not None:  # the catalog checks every link first; this only fires for HTML it did not see
        detail, params = problem
        error = ContentError("crosslink-missing", shown, None, None, detail=detail, params=params)
        raise PluginError(ContentErrors([error]).report())
    if link.scheme == "tema":
        target = site.urls.portal_page(site.lang, theme_page_path(link.slug) if link.slug else f"{THEMES_PATH}/")
    else:
        name = OVERVIEW
        if link.anchor is not None:
            name = next(b.page for b in site.catalog.municipality(link.slug).policy(site.lang).blocks
                        if b.id == link.anchor)
        target = site.urls.microsite_page(link.slug, site.lang, name, link.anchor)
    return relative_url(here, target)


def shown_path(config: MkDocsConfig, page: Page) -> str:
    """The page's file as editors see it, for messages."""
    view = policy_page(site_of(config), page)
    if view is not None:
        return view.path
    source = page.file.abs_src_path
    return display_path(Path(source), project_root(config)) if source else f"the generated page {page.file.src_uri}"


@plugins.event_priority(0)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = site_of(config)
    return resolve_links(html, site, page_url(site, page), shown_path(config, page))


@plugins.event_priority(0)
def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    """One section per microsite page: other municipalities on the themes of its blocks (all of them on the overview)."""
    site = site_of(config)
    view = policy_page(site, page)
    policy = site.policy
    if view is None or policy is None or site.municipality is None:
        return context
    blocks = policy.blocks if view.name == OVERVIEW else view.blocks
    section = related_section(site.catalog, theme_index(site), site.urls, page_url(site, page),
                              policy.slug, blocks, per_theme=2 if view.name == OVERVIEW else 3)
    if section.groups:
        context["policy_related"] = Markup(templates(config).get_template("policy/related.html").render(
            t=LABELS[site.lang], section=section))
    return context
