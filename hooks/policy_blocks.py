"""Each page's building blocks (from front-matter), as HTML where the page's body places them.

The blocks are never Markdown in the page: every Markdown field was rendered
once, by the catalog (policysite.markup: the HTML the checks saw), and
overrides/policy/blocks.html puts those pieces together, escaping everything
else. The body keeps a placeholder paragraph where ``<!-- blocks -->`` stood (or
at its end), rendered exactly as the checks rendered it
(policysite.markup.with_blocks_placeholder); the blocks' HTML replaces it, and
their headings join the page's table of contents in that place, so Material's
menu, ``toc.follow`` and the search index (which reads the page's HTML and its
table of contents) see them as before, and their ids join the anchors MkDocs
checks links against (``Page.present_anchor_ids``).
"""
from __future__ import annotations

from markupsafe import Markup
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc
from markdown.extensions.toc import nest_toc_tokens

from policy_context import page_url, policy_page, site_of, templates
from policy_crosslinks import resolve_links
from policysite.labels import LABELS
from policysite.model import PolicyPage
from policysite.markup import BLOCKS_MARKER, BLOCKS_PLACEHOLDER_HTML, RichText, analyse, with_blocks_placeholder
from policysite.views import TocEntry, block_headings, block_view, signatory, splice_headings, theme_links


@plugins.event_priority(0)
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    view = policy_page(site_of(config), page)
    if view is None:
        return None
    return with_blocks_placeholder(markdown, bool(view.blocks))


# Before the cross-links of the whole page are resolved (policy_crosslinks, 0) and its HTML is checked (-100).
@plugins.event_priority(50)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = site_of(config)
    view = policy_page(site, page)
    if view is None or site.municipality is None:
        return None
    expected = 1 if view.blocks or BLOCKS_MARKER in view.body else 0
    if html.count(BLOCKS_PLACEHOLDER_HTML) != expected:  # the catalog refuses such a body (blocks-marker)
        raise PluginError(f"{view.path}: the place of the building blocks ({BLOCKS_MARKER}) was not found "
                          "once in the rendered page; run `make check`.")
    if not expected:
        return _with_signatory(html, view, config, site.lang)
    here = page_url(site, page)

    def rich(value: RichText | None) -> Markup | None:
        # The HTML the catalog rendered and checked, with its links made addresses from this page.
        return Markup(resolve_links(value.html, site, here, view.path, view.name)) if value is not None else None

    blocks = [
        block_view(block, rich, themes=theme_links(site.catalog, site.urls, site.lang, here, block.themes))
        for block in view.blocks
    ]
    rendered = templates(config).get_template("policy/blocks.html").render(t=LABELS[site.lang], blocks=blocks, extras=True)
    before, _, after = html.partition(BLOCKS_PLACEHOLDER_HTML)
    page.toc = _with_blocks(page.toc, set(analyse(before).ids), block_headings(view.blocks))
    # MkDocs checks links to anchors (validation.anchors) against the ids it saw while rendering
    # the Markdown; the blocks' ids are the page's too.
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= analyse(rendered).ids
    return _with_signatory(before + rendered + after, view, config, site.lang)


def _with_signatory(html: str, view: PolicyPage, config: MkDocsConfig, lang: str) -> str:
    """The page's HTML with who signs it (a foreword's signatory) under its text, if anyone does."""
    person = signatory(view)
    if person is None:
        return html
    return html + templates(config).get_template("policy/signatory.html").render(t=LABELS[lang], signatory=person)


def _with_blocks(toc: TableOfContents, before: set[str], blocks: list[TocEntry]) -> TableOfContents:
    """The page's table of contents with the blocks' headings where the blocks are."""
    entries = splice_headings(list(_flat(toc)), before, blocks)
    return get_toc(nest_toc_tokens([{"level": e.level, "id": e.id, "name": e.title} for e in entries]))


def _flat(items) -> list[TocEntry]:
    entries = []
    for item in items:
        entries.append(TocEntry(item.level, item.id, item.title))
        entries.extend(_flat(item.children))
    return entries

