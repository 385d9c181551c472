"""Addresses of portal and microsite pages, derived from configuration, never a fixed host.

Links between sites are relative when both live on the same origin (all
microsites under one host) and absolute when a microsite has its own address.

Published with versions (``policysite deploy``), a microsite's home holds one
folder per edition of its policy and an alias folder for the newest one:
``<home>/<edition>/`` and ``<home>/latest/``. The microsite being built links to
its own edition; every other site links to ``latest``, which keeps working when
a municipality publishes a new edition.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .layout import OVERVIEW, PAGE_SUFFIX, language_folders, page_stem
from .model import DEFAULT_LANGUAGE

if TYPE_CHECKING:  # pragma: no cover
    from .catalog import Catalog


def _ensure_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def language_prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else language_folders()[lang]


def page_path(name: str) -> str:
    """The directory-style path of a page file within its language root."""
    index = page_stem(OVERVIEW)
    stem = name[: -len(PAGE_SUFFIX)] if name.endswith(PAGE_SUFFIX) else name
    if stem == index:
        return ""
    if stem.endswith(f"/{index}"):
        stem = stem[: -len(f"/{index}")]
    return f"{stem}/"


def relative_url(from_url: str, to_url: str) -> str:
    """The shortest link from one page to another: relative on the same origin, else absolute."""
    source, target = urlsplit(from_url), urlsplit(to_url)
    if (source.scheme, source.netloc) != (target.scheme, target.netloc):
        return to_url
    base = source.path if source.path.endswith("/") else posixpath.dirname(source.path) + "/"
    path = posixpath.relpath(target.path or "/", base)
    if target.path.endswith("/") and path != ".":
        path += "/"
    elif path == ".":
        path = "./"
    fragment = f"#{target.fragment}" if target.fragment else ""
    return path + fragment


@dataclass(frozen=True)
class SiteUrls:
    """Absolute addresses of everything the catalog publishes.

    ``latest_alias`` is set when microsites are published with versions;
    ``building`` is the microsite being built (None for the portal).
    """

    portal_url: str
    catalog: "Catalog"
    latest_alias: str | None = None
    building: str | None = None

    def microsite_home(self, slug: str) -> str:
        """Where the microsite lives: its own address, or <portal>/<slug>/."""
        own = self.catalog.municipality(slug).policy(DEFAULT_LANGUAGE).site_url
        return _ensure_slash(own) if own else f"{_ensure_slash(self.portal_url)}{slug}/"

    def microsite_root(self, slug: str) -> str:
        """The root of the microsite's pages as links from this build reach them."""
        home = self.microsite_home(slug)
        if self.latest_alias is None:
            return home
        if slug == self.building:
            return f"{home}{self.edition(slug)}/"
        return f"{home}{self.latest_alias}/"

    def microsite_latest(self, slug: str, lang: str) -> str:
        """The overview of the microsite's newest edition (only when published with versions)."""
        assert self.latest_alias is not None, "microsites are not published with versions"
        return f"{self.microsite_home(slug)}{self.latest_alias}/{language_prefix(lang)}"

    def edition(self, slug: str) -> str:
        return self.catalog.municipality(slug).policy(DEFAULT_LANGUAGE).edition

    def microsite_page(self, slug: str, lang: str, name: str = OVERVIEW, anchor: str | None = None) -> str:
        url = f"{self.microsite_root(slug)}{language_prefix(lang)}{page_path(name)}"
        return f"{url}#{anchor}" if anchor else url

    def portal_page(self, lang: str, path: str = "", anchor: str | None = None) -> str:
        url = f"{_ensure_slash(self.portal_url)}{language_prefix(lang)}{path}"
        return f"{url}#{anchor}" if anchor else url
