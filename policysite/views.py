"""View models: what the templates need about blocks, themes and links, as plain data.

Kept out of the hooks so they can be unit-tested without MkDocs; every address
is computed by SiteUrls and made relative to the page that shows it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog
from .graph import ThemeIndex
from .layout import THEMES_PATH  # noqa: F401  (also imported from here)
from .model import Block, Policy
from .urls import SiteUrls, relative_url

CHANGES_ANCHOR = "policy-changes"  # the change history's heading on the overview (overrides/policy/facts.html)


@dataclass(frozen=True)
class Link:
    href: str
    title: str
    municipality: str = ""


@dataclass(frozen=True)
class ThemeLink:
    id: str
    label: str
    href: str


@dataclass(frozen=True)
class RelatedGroup:
    theme: str
    label: str
    href: str  # the theme page, which lists every municipality
    links: tuple[Link, ...]  # at most MAX_RELATED, one per municipality
    total: int  # how many other municipalities share the theme


MAX_RELATED = 4  # links per theme: short enough to read at 98 municipalities


def theme_page_path(theme: str) -> str:
    return f"{THEMES_PATH}/{theme}/"


def theme_links(catalog: Catalog, urls: SiteUrls, lang: str, here: str, themes: tuple[str, ...]) -> tuple[ThemeLink, ...]:
    return tuple(
        ThemeLink(theme, catalog.themes[theme].label(lang),
                  relative_url(here, urls.portal_page(lang, theme_page_path(theme))))
        for theme in themes
    )


def block_link(urls: SiteUrls, lang: str, here: str, policy: Policy, block: Block) -> Link:
    target = urls.microsite_page(policy.slug, lang, block.page, anchor=block.id)
    return Link(relative_url(here, target), block.title, policy.municipality)


def related_groups(catalog: Catalog, index: ThemeIndex, urls: SiteUrls, here: str,
                   slug: str, block: Block) -> tuple[RelatedGroup, ...]:
    """For each theme of a block: a few other municipalities' blocks on it, and the theme page.

    One link per municipality, at most MAX_RELATED, starting with the municipalities
    that follow this one in the catalog, so links spread over the country instead
    of always pointing at the first names in the alphabet.
    """
    lang = index.lang
    order = [municipality.slug for municipality in catalog.municipalities]
    start = order.index(slug) if slug in order else 0
    rank = {name: (position - start) % len(order) for position, name in enumerate(order)}
    groups = []
    for theme, members in index.related(slug, block):
        chosen = sorted(members, key=lambda member: rank.get(member.policy.slug, 0))[:MAX_RELATED]
        links = tuple(block_link(urls, lang, here, member.policy, member.blocks[0]) for member in chosen)
        groups.append(RelatedGroup(
            theme, catalog.themes[theme].label(lang),
            relative_url(here, urls.portal_page(lang, theme_page_path(theme))), links, len(members),
        ))
    return tuple(groups)
