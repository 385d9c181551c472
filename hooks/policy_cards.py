"""The overview page's cards: every building block of the policy, linking to its full text.

A card's text is the HTML the catalog rendered and checked for the block's
summary (else its lead, else its text); its links are resolved from the
overview, as the block's own page resolves them.
"""
from __future__ import annotations

from markupsafe import Markup
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policy_context import page_url, policy_page, site_of, templates
from policy_crosslinks import resolve_links
from policysite.catalog import OVERVIEW
from policysite.labels import LABELS, kind_label
from policysite.views import block_link, theme_links


@plugins.event_priority(0)
def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    site = site_of(config)
    view = policy_page(site, page)
    policy = site.policy
    if view is None or view.name != OVERVIEW or policy is None or site.municipality is None:
        return context
    here = page_url(site, page)
    groups = []
    for kind, blocks in policy.block_groups():
        cards = []
        for block in blocks:
            text = block.card_text
            cards.append({
                "id": block.id,
                "title": block.title,
                "href": block_link(site.urls, site.lang, here, policy, block).href,
                "text": Markup(resolve_links(text.html, site, here, block.path, block.page)) if text else None,
                "inline": bool(text and text.inline),
                "editorial": block.card_text_is_editorial,  # the editors' summary, not the policy's wording
                "themes": theme_links(site.catalog, site.urls, site.lang, here, block.themes),
            })
        groups.append({"key": kind.key, "label": kind_label(kind, site.lang, plural=True), "cards": cards})
    context["policy_cards"] = Markup(
        templates(config).get_template("policy/cards.html").render(t=LABELS[site.lang], groups=groups)
    )
    return context
