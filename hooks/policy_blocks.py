"""Render each page's building blocks (from front-matter) into the page's Markdown."""
from __future__ import annotations

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from policy_context import page_url, policy_page, site_of, templates, theme_index
from policysite.labels import LABELS
from policysite.views import related_groups, theme_links

MARKER = "<!-- blocks -->"


@plugins.event_priority(0)
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = site_of(config)
    view = policy_page(site, page)
    if view is None or not view.blocks or site.municipality is None:
        return None
    env = templates(config)
    here = page_url(site, page)
    index = theme_index(site)
    labels = LABELS[site.lang]
    extras_template = env.get_template("policy/block_extras.html")
    extras = {
        block.id: extras_template.render(
            t=labels,
            title=block.title,
            themes=theme_links(site.catalog, site.urls, site.lang, here, block.themes),
            related=related_groups(site.catalog, index, site.urls, here, site.municipality.slug, block),
        )
        for block in view.blocks
    }
    rendered = env.get_template("policy/blocks.md").render(blocks=view.blocks, extras=extras)
    if MARKER in markdown:
        return markdown.replace(MARKER, rendered, 1)
    return f"{markdown.rstrip()}\n\n{rendered}"
