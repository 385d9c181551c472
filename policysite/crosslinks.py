"""Editors' links to other municipalities and themes: ``kommune:<slug>#<id>`` and ``tema:<id>``.

In Markdown an editor writes ``[Naboskab i Haderslev](kommune:haderslev#naboskab)``
or ``[alle om frivillighed](tema:frivillighed)``. The catalog checks every such
target exists (a missing one stops the build naming file, line and target); the
hooks turn them into real addresses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .errors import ContentError

LINK = re.compile(r"\]\((?P<scheme>kommune|tema):(?P<target>[^)\s]*)\)")


@dataclass(frozen=True)
class CrossLink:
    scheme: str  # "kommune" or "tema"
    slug: str  # municipality slug, or theme id
    anchor: str | None  # block id for kommune: links
    line: int  # line in the file


def find(body: str, body_line: int) -> list[CrossLink]:
    links = []
    for match in LINK.finditer(body):
        line = body_line + body.count("\n", 0, match.start())
        target = match.group("target")
        slug, _, anchor = target.partition("#")
        links.append(CrossLink(match.group("scheme"), slug, anchor or None, line))
    return links


def check(path: str, body: str, body_line: int, blocks_of: Callable[[str], set[str] | None],
          themes: set[str]) -> list[ContentError]:
    """Every cross-link in a page body must point at an existing municipality, block or theme."""
    errors = []
    for link in find(body, body_line):
        shown = f"{link.scheme}:{link.slug}" + (f"#{link.anchor}" if link.anchor else "")
        if link.scheme == "tema":
            if link.slug and link.slug not in themes:
                errors.append(ContentError(
                    "crosslink-missing", path, link.line, None,
                    f"The link '{shown}' points to a theme that does not exist.",
                    f"Use one of the themes in themes.yml: {', '.join(sorted(themes))}.",
                ))
            continue
        blocks = blocks_of(link.slug)
        if blocks is None:
            errors.append(ContentError(
                "crosslink-missing", path, link.line, None,
                f"The link '{shown}' points to a municipality folder '{link.slug}' that does not exist.",
                "Write the folder name of the municipality under municipalities/, e.g. 'kommune:naestved'.",
            ))
        elif link.anchor is not None and link.anchor not in blocks:
            errors.append(ContentError(
                "crosslink-missing", path, link.line, None,
                f"The link '{shown}' points to a building block '{link.anchor}' that {link.slug} does not have.",
                f"Use one of {link.slug}'s block ids: {', '.join(sorted(blocks))}.",
            ))
    return errors


HTML_LINK = re.compile(r'href="(?P<scheme>kommune|tema):(?P<target>[^"\s]*)"')


def rewrite_html(html: str, resolve: Callable[[CrossLink], str]) -> str:
    """Replace each cross-link in rendered HTML with the address ``resolve`` gives for it.

    Done on HTML, not Markdown, because MkDocs would report the resolved
    relative addresses to other sites as links it does not recognise.
    """
    def replace(match: re.Match) -> str:
        slug, _, anchor = match.group("target").partition("#")
        return f'href="{resolve(CrossLink(match.group("scheme"), slug, anchor or None, 0))}"'
    return HTML_LINK.sub(replace, html)
