"""Editors' links to other municipalities and themes: ``kommune:<slug>#<id>`` and ``tema:<id>``.

In Markdown an editor writes ``[Naboskab i Haderslev](kommune:haderslev#naboskab)``
or ``[alle om frivillighed](tema:frivillighed)``, in a page's text or in any
Markdown field, in any form Markdown and HTML allow (a reference link, a link
with a title, a raw ``<a href>``). They are found in the rendered HTML by one
parser, ``links``, which both the check and the resolver use: the catalog checks
that every target exists (a missing one stops the build naming file, line and
target), and the hooks replace each one, found the same way, with its address.
"""
from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable, Iterable

from . import sanitize
from .errors import ContentError

SCHEMES = ("kommune", "tema")
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
# Attributes that hold an address a reader can follow or a script can read; cross-links are found in all of them.
URL_ATTRIBUTES = ("href", "cite")


@dataclass(frozen=True)
class CrossLink:
    scheme: str  # "kommune" or "tema"
    slug: str  # municipality slug, or theme id
    anchor: str | None  # block id for kommune: links
    line: int = 0  # line in the file
    key: str | None = None  # the front-matter key it was written in, None for the page's text
    written: str = ""  # the address as the editor wrote it (decoded), for messages

    @property
    def shown(self) -> str:
        return f"{self.scheme}:{self.slug}" + (f"#{self.anchor}" if self.anchor is not None else "")


def parse(address: str) -> CrossLink | None:
    """The cross-link an address (as a browser reads it, entities decoded) stands for, or None."""
    scheme = sanitize.url_scheme(address)
    if scheme not in SCHEMES:
        return None
    target = _IGNORED.sub("", address).split(":", 1)[1]  # browsers drop spaces and controls in addresses
    slug, hash_sign, anchor = target.partition("#")
    return CrossLink(scheme, slug, anchor if hash_sign else None, written=address)


@dataclass(frozen=True)
class Address:
    """One address in an HTML attribute: where its tag is in the HTML, and its value as a browser reads it."""

    tag: str
    attribute: str
    value: str
    start: int  # offset of the start tag in the HTML
    end: int


class _Scanner(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0]  # html.parser counts lines by "\n" alone
        for line in html.split("\n"):
            self._line_starts.append(self._line_starts[-1] + len(line) + 1)
        self.found: list[tuple[str, list[tuple[str, str | None]], int, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if any(name in URL_ATTRIBUTES for name, _ in attrs):
            line, column = self.getpos()
            start = self._line_starts[line - 1] + column
            self.found.append((tag, attrs, start, start + len(self.get_starttag_text() or "")))

    handle_startendtag = handle_starttag


def _scan(html: str) -> list[tuple[str, list[tuple[str, str | None]], int, int]]:
    scanner = _Scanner(html)
    try:
        scanner.feed(html)
        scanner.close()
    except (AssertionError, ValueError):  # malformed declarations; the safety check reports them
        pass
    return scanner.found


def addresses(html: str) -> list[Address]:
    """Every address in ``href`` and ``cite`` attributes, in document order."""
    return [
        Address(tag, name, value, start, end)
        for tag, attrs, start, end in _scan(html)
        for name, value in attrs
        if name in URL_ATTRIBUTES and value is not None
    ]


def links(html: str) -> list[CrossLink]:
    """Every cross-link in rendered HTML."""
    return [link for address in addresses(html) if (link := parse(address.value)) is not None]


def rewrite(html: str, resolve: Callable[[Address], str | None]) -> str:
    """The HTML with every address ``resolve`` gives a new value for replaced; nothing else changes.

    Only the start tags that change are written again (attributes in their order,
    values escaped); the bytes in between are kept as they are.
    """
    pieces = []
    position = 0
    for tag, attrs, start, end in _scan(html):
        changes = {}
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                new = resolve(Address(tag, name, value, start, end))
                if new is not None:
                    changes[name] = new
        if not changes:
            continue
        written = []
        for name, value in attrs:
            value = changes.get(name, value)
            written.append(name if value is None else f'{name}="{htmllib.escape(value, quote=True)}"')
        closing = " /" if (html[end - 2:end] == "/>") else ""
        pieces.append(html[position:start])
        pieces.append(f"<{' '.join([tag, *written])}{closing}>")
        position = end
    pieces.append(html[position:])
    return "".join(pieces)


def check(path: str, found: Iterable[CrossLink], blocks_of: Callable[[str], set[str] | None],
          themes: set[str]) -> list[ContentError]:
    """Every cross-link must point at an existing municipality, block or theme."""
    errors = []
    for link in found:
        problem = target_problem(link, blocks_of, themes)
        if problem is not None:
            detail, params = problem
            errors.append(ContentError("crosslink-missing", path, link.line or None, link.key, detail=detail,
                                       params=params))
    return errors


def target_problem(link: CrossLink, blocks_of: Callable[[str], set[str] | None],
                   themes: set[str]) -> tuple[str, dict[str, str]] | None:
    """(the crosslink-missing detail, its parameters) if the link's target does not exist."""
    shown = link.shown
    if link.scheme == "tema":
        if link.anchor is not None:
            return "theme-anchor", {"link": shown, "theme": link.slug}
        if link.slug and link.slug not in themes:
            return "no-theme", {"link": shown, "themes": ", ".join(sorted(themes))}
        return None
    blocks = blocks_of(link.slug)
    if blocks is None:
        return "no-municipality", {"link": shown, "slug": link.slug}
    if link.anchor is not None and link.anchor not in blocks:
        return "no-block", {"link": shown, "slug": link.slug, "anchor": link.anchor, "ids": ", ".join(sorted(blocks))}
    return None
