"""Addresses of portal and microsite pages, derived from configuration, never a fixed host.

Links between sites are relative when both live on the same origin (all
microsites under one host) and absolute when a microsite has its own address.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .model import DEFAULT_LANGUAGE

if TYPE_CHECKING:  # pragma: no cover
    from .catalog import Catalog


def _ensure_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def language_prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def page_path(name: str) -> str:
    """The directory-style path of a page file within its language root."""
    stem = name[: -len(".md")] if name.endswith(".md") else name
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
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
    """Absolute addresses of everything the catalog publishes."""

    portal_url: str
    catalog: "Catalog"

    def microsite_root(self, slug: str) -> str:
        own = self.catalog.municipality(slug).policy(DEFAULT_LANGUAGE).site_url
        return _ensure_slash(own) if own else f"{_ensure_slash(self.portal_url)}{slug}/"

    def microsite_page(self, slug: str, lang: str, name: str = "index.md", anchor: str | None = None) -> str:
        url = f"{self.microsite_root(slug)}{language_prefix(lang)}{page_path(name)}"
        return f"{url}#{anchor}" if anchor else url

    def portal_page(self, lang: str, path: str = "", anchor: str | None = None) -> str:
        url = f"{_ensure_slash(self.portal_url)}{language_prefix(lang)}{path}"
        return f"{url}#{anchor}" if anchor else url
