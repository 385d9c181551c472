"""Markdown rendered the way the build renders it, and what the checks need from the HTML.

The extension list is the one MkDocs loads for mkdocs.yml (a test keeps them
equal), so ``make check`` sees the same HTML the build publishes without
running MkDocs. This is the only Markdown renderer of the project: page bodies
are rendered by MkDocs with the same configuration, and every Markdown field of
the front-matter is rendered here, once, by the catalog. What the checks see
of a field (``RichText.html``) is exactly what the templates publish.

A field of inline Markdown is one paragraph, published without its ``<p>``; a
field of block Markdown is any number of paragraphs and lists; a list of block
Markdown is a list whose every item is one list item (and may hold a nested
list). A text that does not keep that shape is refused (``ShapeError``), as is
a text that leaves an HTML element open: either could swallow or rearrange what
the page puts after it.
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
BLOCKS_PLACEHOLDER_HTML = f"<p>{BLOCKS_PLACEHOLDER}</p>"
# Characters without which a text cannot become HTML elements, attributes, links or images.
_MARKUP_CHARS = re.compile(r"[<&{\[]")

_renderer: markdown.Markdown | None = None

VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                       "track", "wbr"})


class RenderFailed(Exception):
    """Markdown could not render the text (for example nesting thousands of levels deep)."""


class TextTooComplex(RenderFailed):
    """The text is beyond a bound of policysite.textbounds, so it is not rendered at all."""

    def __init__(self, found: textbounds.TooComplex) -> None:
        super().__init__(found.problem)
        self.found = found


class ShapeError(Exception):
    """The text renders to something other than its kind allows (several paragraphs where one is expected)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


@dataclass(frozen=True)
class RichText:
    """A Markdown field: what the editor wrote and the HTML it renders to, checked and then published as is."""

    source: str
    html: str
    inline: bool = False  # inline Markdown: ``html`` is a paragraph's content, without the <p>


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


class PageConverters:
    """The ``markdown`` module as the engine's page renderer sees it (policybuild/speedups.py), whose
    ``Markdown(...)`` hands out one kept converter per set of extensions and settings, reset for each
    page, instead of setting every extension up again for every page. It is the engine's converter,
    with the extensions mkdocs.yml names; made here so that this module stays the only one that
    makes a Markdown converter (tests/test_fields.py)."""

    def __init__(self) -> None:
        # (extension names and objects, settings) -> (the extension objects, kept so no id is reused; instance)
        self._kept: dict[tuple[object, ...], tuple[list[object], markdown.Markdown]] = {}

    def __getattr__(self, name: str) -> object:
        return getattr(markdown, name)

    def Markdown(self, *, extensions: list[object], extension_configs: dict[str, object]) -> markdown.Markdown:  # noqa: N802
        key = (tuple(item if isinstance(item, str) else id(item) for item in extensions), repr(extension_configs))
        kept = self._kept.get(key)
        if kept is None:
            kept = (list(extensions), markdown.Markdown(extensions=extensions, extension_configs=extension_configs))
            self._kept[key] = kept
        return kept[1].reset()


def render_inline(text: str) -> str:
    """The HTML of one paragraph of inline Markdown, without its <p>; ShapeError for anything else."""
    html = render(text)
    shape = _shape(html)
    if len(shape) != 1 or shape[0].tag != "p" or shape[0].attrs:
        raise ShapeError(_describe_shape(shape))
    return html[shape[0].inner_start:shape[0].inner_end]


def render_list_item(text: str) -> str:
    """The HTML inside the one list item a text of block Markdown makes (``- text``); ShapeError otherwise."""
    html = render(f"- {text}")
    shape = _shape(html)
    if len(shape) != 1 or shape[0].tag != "ul" or shape[0].attrs:
        raise ShapeError(_describe_shape(shape))
    items = _shape(html[shape[0].inner_start:shape[0].inner_end])
    if len(items) != 1 or items[0].tag != "li" or items[0].attrs:
        what = f"{len(items)} list items" if all(item.tag == "li" for item in items) else _describe_shape(items)
        raise ShapeError(what)
    start = shape[0].inner_start
    return html[start + items[0].inner_start:start + items[0].inner_end]


@dataclass(frozen=True)
class _Element:
    tag: str
    attrs: tuple[tuple[str, str | None], ...]
    inner_start: int
    inner_end: int


class _Shaper(HTMLParser):
    """The top-level elements of a piece of HTML, with where their content starts and ends."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0]  # html.parser counts lines by "\n" alone
        for line in html.split("\n"):
            self._line_starts.append(self._line_starts[-1] + len(line) + 1)
        self.elements: list[_Element] = []
        self.stray_text = False
        self._depth = 0
        self._open: tuple[str, tuple, int] | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            if self._depth == 0:
                self.elements.append(_Element(tag, tuple(attrs), 0, 0))
            return
        if self._depth == 0:
            self._open = (tag, tuple(attrs), self._offset() + len(self.get_starttag_text() or ""))
        self._depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth == 0:
            self.elements.append(_Element(tag, tuple(attrs), 0, 0))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        self._depth = max(self._depth - 1, 0)
        if self._depth == 0 and self._open is not None:
            name, attrs, start = self._open
            self.elements.append(_Element(name, attrs, start, self._offset()))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._depth == 0 and data.strip():
            self.stray_text = True


def _shape(html: str) -> list[_Element]:
    shaper = _Shaper(html)
    try:
        shaper.feed(html)
        shaper.close()
    except (AssertionError, ValueError):
        return []
    if shaper.stray_text or shaper._open is not None:
        return []
    return shaper.elements


_SHAPE_WORDS = {
    "p": "a paragraph", "ul": "a list", "ol": "a numbered list", "h1": "a heading", "h2": "a heading",
    "h3": "a heading", "h4": "a heading", "h5": "a heading", "h6": "a heading", "blockquote": "a quote",
    "pre": "a code block", "details": "a box that opens (???)", "table": "a table", "hr": "a line", "div": "a block (<div>)", "dl": "a definition list",
}


def _shape_word(element: _Element) -> str:
    classes = (dict(element.attrs).get("class") or "").split()
    if element.tag == "div" and "highlight" in classes:
        return "a code block"
    if element.tag == "div" and "admonition" in classes:
        return "a note box (!!!)"
    return _SHAPE_WORDS.get(element.tag, f"<{element.tag}>")


def _describe_shape(shape: list[_Element]) -> str:
    if not shape:
        return "text that does not form whole elements"
    if len(shape) == 1 and shape[0].tag in ("p", "li", "ul") and shape[0].attrs:
        return "text with an attribute list ({: ...})"
    words = [_shape_word(element) for element in shape]
    return f"{len(shape)} parts ({', '.join(dict.fromkeys(words))})" if len(shape) > 1 else words[0]


def with_blocks_placeholder(body: str, has_blocks: bool) -> str:
    """A page body as it is rendered, for the checks and the build alike: the building blocks' place
    (``<!-- blocks -->``, else the end of the text) marked with a paragraph the build replaces."""
    if BLOCKS_MARKER in body:
        return body.replace(BLOCKS_MARKER, f"\n\n{BLOCKS_PLACEHOLDER}\n\n")
    if has_blocks:
        return f"{body.rstrip()}\n\n{BLOCKS_PLACEHOLDER}\n"
    return body


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
    unbalanced: list[str] = field(default_factory=list)  # elements opened and not closed, or closed and not opened


@dataclass(frozen=True)
class Fragment:
    """A piece of one file rendered: the page body, or one Markdown field of its front-matter.

    ``html`` is what is published (for a field, exactly what the templates print).
    """

    source: str
    first_line: int  # line in the file where the piece starts
    key: str | None  # front-matter key, or None for the body
    html: str
    analysis: Analysis


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
        self._open: list[str] = []  # elements opened and not yet closed

    def _flush(self) -> None:
        text = " ".join("".join(self._unit).split())
        if text:
            self.result.units.append(text)
        self._unit = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID_TAGS:
            self._open.append(tag)
        self._start(tag, attrs)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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
        self._start(tag, attrs)
        if tag == "a":
            self._end(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        if self._open and self._open[-1] == tag:
            self._open.pop()
        elif tag in self._open:
            while self._open[-1] != tag:
                self.result.unbalanced.append(f"<{self._open.pop()}>")
            self._open.pop()
        else:
            self.result.unbalanced.append(f"</{tag}>")
        self._end(tag)

    def _end(self, tag: str) -> None:
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
        self.result.unbalanced.extend(f"<{tag}>" for tag in reversed(self._open))


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
