"""The portal's menu in the reader's language: section names from their index pages, no language folder;
the contents panel only on pages with several headings (every site).

MkDocs names a menu section after its folder ("Temaer", "Redaktoerer") in
every language, and the English portal's generated pages (under ``en/``)
would form a section called "En". Here the language folder's section gives
way to its contents, and a section with an index page takes that page's title.
"""
from __future__ import annotations

from markupsafe import escape
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from policy_context import site_of
from policysite.labels import sort_key
from policysite.model import LANGUAGES

MIN_TOC_ENTRIES = 2  # a contents panel with one entry tells the reader nothing


@plugins.event_priority(0)
def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    """Hide the contents panel (Material's secondary sidebar) where the page has fewer than two headings."""
    toc = list(page.toc)
    if len(toc) == 1 and toc[0].level == 1:
        toc = list(toc[0].children)
    count = sum(1 + _count(entry.children) for entry in toc)
    shown = count >= MIN_TOC_ENTRIES
    context["policy_toc_shown"] = shown
    if not shown:
        meta = page.meta if isinstance(page.meta, dict) else {}
        hide = list(meta.get("hide") or [])
        if "toc" not in hide:
            meta["hide"] = [*hide, "toc"]
        page.meta = meta
    return context


def _count(entries) -> int:
    return sum(1 + _count(entry.children) for entry in entries)


@plugins.event_priority(-110)  # after static-i18n (-100) has made this language's menu
def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    if not site_of(config).is_portal:
        return nav
    nav.items = _without_language_sections(nav.items, parent=None)
    lang = site_of(config).lang
    for item in _sections(nav.items):
        title = _index_title(item)
        if title:
            item.title = title
        # A section's pages (the themes) in the order of their titles in the reader's language, index first.
        item.children.sort(key=lambda child: (not (isinstance(child, Page) and child.is_index),
                                              sort_key(_title(child), lang)))
    return nav


def _title(item) -> str:
    if isinstance(item, Page):
        _, meta = get_data(item.file.content_string)
        return str(meta.get("title") or item.title or "")
    return str(item.title or "")


def _without_language_sections(items: list, parent: Section | None) -> list:
    """The top level, with the language folder's section replaced by what it holds."""
    result = []
    for item in items:
        if isinstance(item, Section) and _is_language_folder(item):
            for child in item.children:
                child.parent = parent
            result.extend(item.children)
        else:
            result.append(item)
    return result


def _is_language_folder(section: Section) -> bool:
    pages = list(_pages(section.children))
    return section.title.lower() in LANGUAGES and bool(pages) and all(
        page.file.src_uri.startswith(f"{section.title.lower()}/") for page in pages)


def _pages(items: list):
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _pages(item.children)


def _sections(items: list):
    for item in items:
        if isinstance(item, Section):
            yield item
            yield from _sections(item.children)


def _index_title(section: Section) -> str | None:
    index = next((child for child in section.children if isinstance(child, Page) and child.is_index), None)
    if index is None:
        return None
    _, meta = get_data(index.file.content_string)
    title = meta.get("title")
    # Plain text, escaped as Material prints it (hooks/policy_plain_text.py).
    return escape(str(title)) if title else None
