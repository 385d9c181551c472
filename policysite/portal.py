"""View models for the portal: the municipality list, theme pages and the comparison table."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .catalog import Catalog
from .graph import ThemeIndex
from .model import Block, Policy
from .urls import SiteUrls, relative_url
from .views import Link, block_link, theme_page_path


# Markers in the portal's pages (docs/) where hooks/policy_portal.py puts lists made from every
# municipality: each page holding one shows every municipality (`make check M=` checks them too).
MUNICIPALITIES_MARKER = "<!-- municipalities -->"
THEMES_MARKER = "<!-- themes -->"
COMPARISON_MARKER = "<!-- comparison -->"
THEME_MARKER_PREFIX = "<!-- theme:"
LISTING_MARKERS = (MUNICIPALITIES_MARKER, THEMES_MARKER, COMPARISON_MARKER, THEME_MARKER_PREFIX)


def shows_municipality(page_text: str, slug: str) -> bool:
    """Whether a portal page shows a municipality: a list of them all, or a kommune: link to it."""
    return any(marker in page_text for marker in LISTING_MARKERS) or re.search(
        rf"kommune:{re.escape(slug)}(?![\w-])", page_text) is not None


@dataclass(frozen=True)
class MunicipalityEntry:
    slug: str
    name: str
    policy_title: str
    policy_title_da: str
    status: str
    year: int | None
    href: str
    block_count: int


@dataclass(frozen=True)
class ThemeMemberView:
    municipality: str
    href: str  # the municipality's microsite
    blocks: tuple[tuple[Block, Link], ...]


@dataclass(frozen=True)
class ThemeSection:
    id: str
    label: str
    href: str
    members: tuple[ThemeMemberView, ...]


@dataclass(frozen=True)
class ComparisonCell:
    theme: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class ComparisonRow:
    municipality: str
    href: str
    cells: tuple[ComparisonCell, ...]


def municipality_entries(catalog: Catalog, urls: SiteUrls, lang: str, here: str) -> tuple[MunicipalityEntry, ...]:
    entries = []
    for municipality in catalog.municipalities:
        policy: Policy = municipality.policy(lang)
        entries.append(MunicipalityEntry(
            municipality.slug, policy.municipality, policy.policy_title,
            municipality.policy("da").policy_title, policy.status, policy.year,
            relative_url(here, urls.microsite_page(municipality.slug, lang)), len(policy.blocks),
        ))
    from .labels import sort_key

    return tuple(sorted(entries, key=lambda entry: sort_key(entry.name, lang)))


def theme_sections(catalog: Catalog, index: ThemeIndex, urls: SiteUrls, here: str) -> tuple[ThemeSection, ...]:
    lang = index.lang
    sections = []
    for theme_id, members in index.members.items():
        views = tuple(
            ThemeMemberView(
                member.policy.municipality,
                relative_url(here, urls.microsite_page(member.policy.slug, lang)),
                tuple((block, block_link(urls, lang, here, member.policy, block)) for block in member.blocks),
            )
            for member in members
        )
        sections.append(ThemeSection(
            theme_id, catalog.themes[theme_id].label(lang),
            relative_url(here, urls.portal_page(lang, theme_page_path(theme_id))), views,
        ))
    return tuple(sections)


def comparison_rows(catalog: Catalog, index: ThemeIndex, urls: SiteUrls, here: str) -> tuple[ComparisonRow, ...]:
    lang = index.lang
    themes = index.used_themes()
    rows = []
    from .labels import sort_key

    for policy in sorted(catalog.policies(lang), key=lambda p: sort_key(p.municipality, lang)):
        cells = []
        for theme in themes:
            member = index.cell(policy.slug, theme)
            links = tuple(block_link(urls, lang, here, policy, block) for block in member.blocks) if member else ()
            cells.append(ComparisonCell(theme, links))
        rows.append(ComparisonRow(policy.municipality,
                                  relative_url(here, urls.microsite_page(policy.slug, lang)), tuple(cells)))
    return tuple(rows)
