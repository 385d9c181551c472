"""View models: what the templates need about blocks, themes and links, as plain data.

Kept out of the hooks so they can be unit-tested without MkDocs; every address
is computed by SiteUrls and made relative to the page that shows it.
"""
from __future__ import annotations

import html as htmllib
import posixpath
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable
from urllib.parse import unquote, urlsplit

from .catalog import Catalog
from .graph import ThemeIndex
from .layout import THEMES_PATH  # noqa: F401  (also imported from here)
from .model import Block, Contact, ConsultationHistory, Policy, PolicyPage, Signatory
from .urls import SiteUrls, relative_url

CHANGES_ANCHOR = "policy-changes"  # the corrections' heading on the page "Ændringer" (overrides/policy/corrections.html)


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


# ---- Building blocks on their page ----

@dataclass(frozen=True)
class TocEntry:
    """A heading in a page's table of contents: its level, id and text (as HTML, escaped)."""

    level: int
    id: str
    title: str


def block_headings(blocks: tuple[Block, ...]) -> list[TocEntry]:
    """The headings the blocks add to their page (overrides/policy/blocks.html): each title, then its parts."""
    entries = []
    for block in blocks:
        entries.append(TocEntry(2, block.id, htmllib.escape(block.title, quote=False)))
        entries.extend(TocEntry(3, part.anchor, htmllib.escape(part.heading, quote=False)) for part in block.parts)
    return entries


def splice_headings(page: list[TocEntry], before: set[str], blocks: list[TocEntry]) -> list[TocEntry]:
    """The page's headings with the blocks' put after those (by id) that come before the blocks' place."""
    head = [entry for entry in page if entry.id in before]
    tail = [entry for entry in page if entry.id not in before]
    return head + blocks + tail


def field_link(urls: SiteUrls, slug: str, lang: str, page_name: str, here: str, href: str) -> str | None:
    """Where a relative link written in a Markdown field goes, from the page showing it (None: leave it).

    The catalog has checked the link (policysite.pagecheck.link_errors) against the
    page the field belongs to, ``page_name``: a page of the microsite (``x.md``,
    ``x.en.md``, with or without ``#anchor``), an anchor on that page, or a file
    in the microsite's folder. MkDocs resolves such links in page bodies; fields
    are published as the HTML the catalog rendered, so they are resolved here, to
    the same addresses.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("/", "mailto:", "tel:")):
        return None
    path = unquote(parts.path)
    anchor = unquote(parts.fragment) if parts.fragment else None
    if not path:
        target = urls.microsite_page(slug, lang, page_name, anchor)
        return None if target.split("#")[0] == here.split("#")[0] else relative_url(here, target)
    normal = posixpath.normpath(path)
    if normal.endswith(".md"):
        twin = re.fullmatch(r"(.+)\.(da|en)\.md", normal)
        name = f"{twin.group(1)}.md" if twin else normal
        return relative_url(here, urls.microsite_page(slug, lang, name, anchor))
    query = f"?{parts.query}" if parts.query else ""
    return relative_url(here, f"{urls.microsite_root(slug)}{normal}{query}") + (f"#{parts.fragment}" if parts.fragment else "")


# ---- Facts the templates show: read here, in one place, by the site's and the PDF's templates ----

def contacts(policy: Policy) -> tuple[Contact, ...]:
    """Every contact of a policy, the main one first (a citizens' council beside the administration, say)."""
    return policy.contacts


def consultation_history(policy: Policy) -> ConsultationHistory | None:
    """An adopted policy's consultation: out for consultation until a date, then adopted (None if not given)."""
    return policy.consultation_history if policy.status == "adopted" else None


def signatory(page: PolicyPage) -> Signatory | None:
    """Who signs a page (a foreword), shown under its text."""
    return page.signatory


def block_view(block: Block, rich: Callable[[Any], Any], themes: Iterable[Any] = (),
               related: Iterable[Any] = ()) -> dict[str, Any]:
    """What overrides/policy/blocks.html shows of one block, for the site and the PDF alike.

    ``rich`` turns each Markdown field (a RichText, or None) into the HTML to publish:
    the HTML the catalog rendered and checked, with its links made addresses.
    """
    return {
        "id": block.id,
        "kind": block.kind.key,
        "title": block.title,
        "title_added": block.title_added,
        "lead": rich(block.lead),
        "text": rich(block.text),
        "items_intro": rich(block.items_intro),
        "items": [rich(item) for item in block.items],
        "parts": [
            {"heading": part.heading, "anchor": part.anchor, "text": rich(part.text),
             "items": [rich(item) for item in part.items]}
            for part in block.parts
        ],
        "themes": tuple(themes),
        "related": tuple(related),
    }



# ---- The policy header, status and contacts (issue 15) ----

def status_line(policy: Policy, lang: str, today) -> tuple[str, str]:
    """The header's status tag: its state ('adopted', 'open', 'closed', 'consultation') and words with the date."""
    from .labels import LABELS, format_date

    labels = LABELS[lang]
    if policy.status == "consultation":
        consultation = policy.consultation
        if consultation is None:
            return "consultation", labels["status_consultation"]
        date = format_date(consultation.deadline, lang)
        if consultation.is_open(today):
            return "open", labels["status_open_until"].format(date=date)
        return "closed", labels["status_closed_on"].format(date=date)
    if policy.adopted is not None:
        return "adopted", labels["status_adopted_on"].format(date=format_date(policy.adopted, lang))
    if policy.year is not None:
        return "adopted", labels["status_adopted_year"].format(year=policy.year)
    return "adopted", labels["status_adopted"]


def contacts(policy: Policy) -> tuple[Any, ...]:
    """Every contact of a policy that says anything, in the order the front-matter gives them.

    The one place templates get contacts from: the policy's ``contacts`` (a list) where the
    model has them, else its single ``contact``.
    """
    many = getattr(policy, "contacts", None)
    found = tuple(many) if many is not None else ((policy.contact,) if getattr(policy, "contact", None) else ())
    fields = ("unit", "address", "phone", "email", "person", "url")
    return tuple(contact for contact in found if any(getattr(contact, name, None) for name in fields))


# ---- One related-content section per page ----

@dataclass(frozen=True)
class RelatedSection:
    groups: tuple[RelatedGroup, ...]  # one per theme of the page's blocks, sorted by label


def related_section(catalog: Catalog, index: ThemeIndex, urls: SiteUrls, here: str, slug: str,
                    blocks: Iterable[Block], per_theme: int = 3) -> RelatedSection:
    """Other municipalities on the themes of these blocks: each theme once, a few links and its theme page.

    A theme's links go to other municipalities' blocks (one per municipality), starting
    after this one in the catalog's order so links spread over the country.
    """
    seen: dict[str, RelatedGroup] = {}
    for block in blocks:
        for group in related_groups(catalog, index, urls, here, slug, block):
            if group.theme not in seen:
                seen[group.theme] = RelatedGroup(group.theme, group.label, group.href,
                                                 group.links[:per_theme], group.total)
    from .labels import sort_key

    groups = sorted(seen.values(), key=lambda group: sort_key(group.label, index.lang))
    return RelatedSection(tuple(group for group in groups if group.total))
