"""One site's sitemap (the portal or a microsite): every page in every language, each with its twins.

Every page exists in Danish and English (the catalog and the portal checks
refuse a page without its twin), so one build's pages give the whole list.
Each address names its Danish and English versions and, as x-default, the
Danish one: the hreflang alternates search engines read from sitemaps.
``lastmod`` is a date from content (the policy's latest change), never the
build's clock; the portal's pages have none.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Iterable

from .model import DEFAULT_LANGUAGE, LANGUAGES
from .urls import page_path

X_DEFAULT = "x-default"


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


@dataclass(frozen=True)
class SitemapUrl:
    loc: str
    lastmod: str | None
    alternates: tuple[Alternate, ...]


def sitemap_urls(names: Iterable[str], url_of: Callable[[str, str], str],
                 lastmod: dt.date | None = None) -> tuple[SitemapUrl, ...]:
    """Addresses for pages named by their Danish file names; ``url_of(lang, name)`` gives each address."""
    ordered = sorted(set(names), key=lambda name: (page_path(name) != "", page_path(name)))
    urls = []
    for name in ordered:
        alternates = tuple(Alternate(lang, url_of(lang, name)) for lang in LANGUAGES)
        alternates += (Alternate(X_DEFAULT, url_of(DEFAULT_LANGUAGE, name)),)
        for lang in LANGUAGES:
            urls.append(SitemapUrl(url_of(lang, name), lastmod.isoformat() if lastmod else None, alternates))
    return tuple(urls)
