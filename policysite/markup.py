"""Markdown rendered the way the build renders it, and what the checks need from the HTML.

The extension list is the one MkDocs loads for mkdocs.yml (a test keeps them
equal), so ``make check`` sees the same HTML the build publishes without
running MkDocs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown

from . import textbounds

# MkDocs always loads toc, tables and fenced_code first, then mkdocs.yml's list.
EXTENSIONS = (
    "toc",
    "tables",
    "fenced_code",
    "attr_list",
    "admonition",
    "def_list",
    "md_in_html",
    "pymdownx.details",
    "pymdownx.superfences",
)
EXTENSION_CONFIGS = {"toc": {"permalink": True}}
BLOCKS_MARKER = "<!-- blocks -->"
# Where the building blocks go in a page body; rendered as a paragraph the analysis recognises.
BLOCKS_PLACEHOLDER = "POLICYBLOCKSPLACEHOLDER"
# Characters without which a text cannot become HTML elements, attributes, links or images.
_MARKUP_CHARS = re.compile(r"[<&{\[]")

_renderer: markdown.Markdown | None = None


class RenderFailed(Exception):
    """Markdown could not render the text (for example nesting thousands of levels deep)."""


class TextTooComplex(RenderFailed):
    """The text is beyond a bound of policysite.textbounds, so it is not rendered at all."""

    def __init__(self, found: textbounds.TooComplex) -> None:
        super().__init__(found.problem)
        self.found = found


def render(text: str) -> str:
    """HTML for Markdown text, with the build's extensions; text beyond the bounds raises TextTooComplex."""
    global _renderer
    found = textbounds.check(text)
    if found is not None:
        raise TextTooComplex(found)
    if _renderer is None:
        _renderer = markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)
    try:
        return _renderer.reset().convert(text)
    except RecursionError:
        _renderer = None
        raise RenderFailed("the text is nested too deeply to render") from None


def may_hold_markup(text: str) -> bool:
    """False when rendering the text could only give plain paragraphs (a fast path for short fields)."""
    return bool(_MARKUP_CHARS.search(text))


@dataclass(frozen=True)
class Heading:
    level: int
    id: str | None
    text: str


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    label: str | None  # aria-label, if any


@dataclass(frozen=True)
class Image:
    src: str
    alt: str | None
    role: str | None


@dataclass
class Analysis:
    """What the checks read from rendered HTML, in document order."""

    headings: list[Heading | None] = field(default_factory=list)  # None marks the blocks placeholder
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    units: list[str] = field(default_factory=list)  # text of each block of text (paragraph, item, cell...)


_UNIT_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "caption",
                        "figcaption", "summary", "blockquote", "pre", "div", "section", "article", "details",
                        "ul", "ol", "dl", "table", "tr", "address"})


class _Analyser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = Analysis()
        self._heading: tuple[int, str | None, list[str]] | None = None
        self._links: list[tuple[str, str | None, list[str]]] = []
        self._unit: list[str] = []
        self._skip = 0  # inside a heading's permalink

    def _flush(self) -> None:
        text = " ".join("".join(self._unit).split())
        if text:
            self.result.units.append(text)
        self._unit = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.result.ids.add(attributes["id"] or "")
        if tag in _UNIT_TAGS:
            self._flush()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = (int(tag[1]), attributes.get("id"), [])
        elif tag == "a":
            if attributes.get("name"):
                self.result.ids.add(attributes["name"] or "")
            if "headerlink" in (attributes.get("class") or "").split():
                self._skip += 1
                self._links.append(("", None, []))
            else:
                self._links.append((attributes.get("href") or "", attributes.get("aria-label"), []))
        elif tag == "img":
            self.result.images.append(Image(attributes.get("src") or "", attributes.get("alt"), attributes.get("role")))
            if attributes.get("alt"):
                self._text(attributes["alt"] or "")
        elif tag == "br":
            self._text(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "a":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is not None:
            level, heading_id, parts = self._heading
            self.result.headings.append(Heading(level, heading_id, " ".join("".join(parts).split())))
            self._heading = None
        elif tag == "a" and self._links:
            href, label, parts = self._links.pop()
            if self._skip and not href:
                self._skip -= 1
            else:
                self.result.links.append(Link(href, " ".join("".join(parts).split()), label))
        if tag in _UNIT_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if data.strip() == BLOCKS_PLACEHOLDER:
            self.result.headings.append(None)
            return
        if self._skip:
            return
        self._text(data)

    def _text(self, data: str) -> None:
        if self._heading is not None:
            self._heading[2].append(data)
        for _, _, parts in self._links:
            parts.append(data)
        self._unit.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def analyse(html: str) -> Analysis:
    analyser = _Analyser()
    try:
        analyser.feed(html)
        analyser.close()
    except (AssertionError, ValueError):  # malformed declarations; the safety check reports them
        pass
    return analyser.result


def plain_text_units(html: str) -> list[str]:
    return analyse(html).units
