"""An allowlist HTML sanitiser that rejects instead of stripping, on the browser's own parse.

``findings(html)`` lists everything in a piece of content HTML that the
allowlist below does not permit; the build and ``make check`` refuse the page
when it is not empty (GOV.UK's Govspeak works the same way): an editor's
``<script>`` is never quietly removed, it is reported with the file and line so
a person decides. ``sanitise(html)`` writes back only what is allowed and
``canonical(html)`` everything; the two are equal exactly when ``findings`` is
empty. Nothing is ever published from the sanitised output.

The HTML is parsed by Lexbor (through selectolax), a parser that follows the
HTML Standard's tree construction, so what is checked is the tree a browser
builds from the same bytes, not an approximation of it (the classic weakness of
sanitisers built on another parser). On top of the parse, a raw scan refuses
what a browser would silently drop or read in a way a person would not expect:
control characters, declarations (``<!DOCTYPE``, ``<![CDATA[``), processing
instructions, comments that are not plain words, and the names of dangerous
elements anywhere in the text.

The allowlist is what the content and the templates in overrides/policy/ need:
text structure (headings, lists, tables, definition lists, quotes, admonitions,
details), links with safe addresses, images from the site itself, ``<span
lang>``, ``<abbr>``, ``<time datetime>``, ``<address>`` and the landmark
elements, with class, id, lang, role and aria-* attributes. What belongs to the
theme is refused in content: ids and names starting with ``__`` or ``md-`` or
equal to an id the site's own pages use, ``data-md-*`` attributes and ``md-*``
classes. With those, a page body could take over the theme's configuration
(``<div id="__config">``) or its components.

``policysite.gate`` applies the same rules (``node_findings``) to the article
region of every built page.
"""
from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

ALLOWED_TAGS = frozenset({
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite",
    "code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
# Elements the HTML serialisation writes without an end tag.
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                       "track", "wbr"})
# Elements whose content the parser reads as text, not markup; a refused one is dropped with its content.
RAW_TEXT_TAGS = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea",
                           "title", "plaintext"})
# Element names that must never appear, also checked in the raw text without the parser.
# html, head and body are here because a browser merges their attributes into the page's own.
DANGEROUS_TAGS = (
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta", "base",
    "form", "input", "button", "textarea", "select", "option", "svg", "math", "template", "noscript",
    "xmp", "plaintext", "noembed", "noframes", "portal", "fencedframe", "html", "head", "body",
)
_RAW_DANGEROUS = re.compile(r"<\s*/?\s*(" + "|".join(DANGEROUS_TAGS) + r")(?![a-z0-9-])", re.IGNORECASE)

GLOBAL_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title", "role", "tabindex", "translate"})
ATTRIBUTE_PREFIXES = ("aria-", "data-")
TAG_ATTRIBUTES = {
    "a": frozenset({"href", "hreflang", "rel", "name", "download"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
    "data": frozenset({"value"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "td": frozenset({"colspan", "rowspan", "headers", "style"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr", "style"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
LINK_SCHEMES = frozenset({"https", "http", "mailto", "tel", "kommune", "tema"})
# Schemes that run code or carry a whole document in the address: refused everywhere, also in data-*.
CODE_SCHEMES = frozenset({"javascript", "vbscript", "data"})
# Images come from the site itself: a relative address, never another host (no scheme, no //host).
IMAGE_SCHEMES: frozenset[str] = frozenset()
WEB_SCHEMES = frozenset({"http", "https"})
# Python-Markdown's tables extension aligns columns with exactly these styles and nothing else;
# the Content-Security-Policy allows these three attribute values by their hashes (policysite.csp).
ALLOWED_STYLES = ("text-align: left;", "text-align: right;", "text-align: center;")
ALLOWED_STYLE = re.compile("^(" + "|".join(re.escape(style) for style in ALLOWED_STYLES) + ")$")

# What belongs to the theme (Material and overrides/): never in content.
RESERVED_ID_PREFIXES = ("__", "md-", "policy-__")
# Ids the site's own templates and scripts give elements outside the content (overrides/main.html, policy.js).
THEME_IDS = frozenset({"policy-main", "policy-drawer", "policy-search-query", "policy-search-hint"})
RESERVED_ATTRIBUTE_PREFIX = "data-md-"
# What the portal's national search (Pagefind) reads from a page: which part is indexed, what a result
# says about it, where it leads. Only the templates set these (hooks/policy_national_search.py); content
# may only leave its own text out of the index (data-pagefind-ignore), never name a result's address,
# title or municipality (data-pagefind-meta) or add to what is indexed.
SEARCH_ATTRIBUTE_PREFIX = "data-pagefind-"
CONTENT_SEARCH_ATTRIBUTES = {"data-pagefind-ignore": frozenset({"", "all"})}
RESERVED_CLASS_PREFIX = "md-"

# Chromium builds no element deeper than 512 levels (kMaximumHTMLParserDOMTreeDepth): past that its
# tree differs from the HTML Standard's, and building such a tree costs time that grows with the
# square of the depth. Deeper HTML is refused before it is parsed (an upper bound, counted in one pass).
MAX_DEPTH = 512
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop tabs and newlines inside addresses
_COMMENT = re.compile(r"<!--(.*?)(-->|--!>|$)", re.DOTALL)
_DECLARATION = re.compile(r"<!(?!--)")  # <!DOCTYPE, <![CDATA[ and other declarations
_PROCESSING = re.compile(r"<\?")


@dataclass(frozen=True)
class Finding:
    """One thing the sanitiser would have to drop, in an editor's words."""

    code: str  # a message code: unsafe-tag, unsafe-attribute, unsafe-url, unsafe-markup, id-reserved, image-external
    what: str  # e.g. "the element <script>"
    token: str  # text to look for in the source file to find the line (lower-case, decoded)

    def __str__(self) -> str:
        return self.what


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in an attribute value (already entity-decoded)."""
    if ":" not in value:
        return None
    cleaned = _URL_IGNORED.sub("", value)
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def other_host(value: str) -> bool:
    """An address that names a host (``//host/...``, also written with backslashes, as browsers read it)."""
    cleaned = _URL_IGNORED.sub("", value).replace("\\", "/")
    return cleaned.startswith("//")


def is_reserved_id(value: str) -> bool:
    """An id or name that belongs to the theme: ``__*``, ``md-*`` or one the site's own pages use."""
    folded = value.strip().lower()
    return folded.startswith(RESERVED_ID_PREFIXES) or folded in THEME_IDS


def attribute_allowed(tag: str, name: str) -> bool:
    if name.startswith("on"):
        return False
    return (
        name in GLOBAL_ATTRIBUTES
        or name in TAG_ATTRIBUTES.get(tag, ())
        or (name.startswith(ATTRIBUTE_PREFIXES) and re.fullmatch(r"[a-z][a-z0-9_.:-]*", name) is not None)
    )


def image_problem(value: str) -> Finding | None:
    """An image address that does not come from the site itself."""
    scheme = url_scheme(value)
    if scheme is not None and scheme not in WEB_SCHEMES:
        return Finding("unsafe-url", f"the image address '{_short(value)}' (it starts with '{scheme}:')", f"{scheme}:")
    if scheme is not None or other_host(value):
        token = f"{scheme}:" if scheme else "//"
        return Finding("image-external", f"the image address '{_short(value)}', which loads the image from "
                       "another website", token)
    return None


def _attribute_problem(tag: str, name: str, value: str) -> Finding | None:
    """Whether an attribute the allowlist names has a value content may carry."""
    if name == "src" and tag == "img":
        return image_problem(value)
    if name in URL_ATTRIBUTES:
        scheme = url_scheme(value)
        if scheme is not None and scheme not in LINK_SCHEMES:
            return Finding("unsafe-url", f"the address '{_short(value)}' (it starts with '{scheme}:')", f"{scheme}:")
    if name == "style" and not ALLOWED_STYLE.fullmatch(value):
        return Finding("unsafe-attribute", f"the attribute style=\"{_short(value)}\" on <{tag}>", "style")
    if name in ("id", "name") and is_reserved_id(value):
        return Finding("id-reserved", f"the {name} '{_short(value)}' on <{tag}>, which the site's theme uses",
                       value.strip().lower())
    if name.startswith(RESERVED_ATTRIBUTE_PREFIX):
        return Finding("id-reserved", f"the attribute '{name}' on <{tag}>, which the site's theme uses", name)
    if name.startswith(SEARCH_ATTRIBUTE_PREFIX) and value.strip() not in CONTENT_SEARCH_ATTRIBUTES.get(name, ()):
        return Finding("id-reserved", f"the attribute '{name}' on <{tag}>, which the site's national search "
                       "reads from its templates only", name)
    if name == "class":
        theirs = [token for token in value.split() if token.lower().startswith(RESERVED_CLASS_PREFIX)]
        if theirs:
            return Finding("id-reserved", f"the class '{theirs[0]}' on <{tag}>, which the site's theme uses",
                           theirs[0].lower())
    if name.startswith("data-"):  # scripts may read data attributes as addresses
        scheme = url_scheme(value)
        if scheme in CODE_SCHEMES:
            return Finding("unsafe-url", f"the value '{_short(value)}' of {name} on <{tag}>", f"{scheme}:")
    return None


def _short(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 3] + "..."


# ---- the walk over the parsed tree

def _children(node: LexborNode) -> list[LexborNode]:
    children = []
    child = node.first_child
    while child is not None:
        children.append(child)
        child = child.next
    return children


def _siblings(first: LexborNode | None) -> list[LexborNode]:
    nodes = []
    while first is not None:
        nodes.append(first)
        first = first.next
    return nodes


class _Close:
    __slots__ = ("kept", "raw", "tag")

    def __init__(self, tag: str, kept: bool, raw: bool) -> None:
        self.tag, self.kept, self.raw = tag, kept, raw


def _render_tag(tag: str, attrs: list[tuple[str, str]]) -> str:
    parts = [tag]
    for name, value in attrs:
        parts.append(f'{name}="{htmllib.escape(value, quote=True)}"')
    return "<" + " ".join(parts) + ">"


class _Walk:
    """One pass over a parsed fragment: what the allowlist refuses, and optionally both serialisations."""

    def __init__(self, write: bool) -> None:
        self.write = write
        self.findings: list[Finding] = []
        self.canonical: list[str] = []
        self.sanitised: list[str] = []

    def run(self, nodes: list[LexborNode]) -> _Walk:
        stack: list = list(reversed(nodes))
        dropping = 0  # inside a refused element whose content is text (script, style): dropped with it
        while stack:
            item = stack.pop()
            if isinstance(item, _Close):
                if self.write:
                    self.canonical.append(f"</{item.tag}>")
                    if item.kept and not dropping:
                        self.sanitised.append(f"</{item.tag}>")
                if item.raw:
                    dropping -= 1
                continue
            node: LexborNode = item
            if node.is_text_node:
                if self.write:
                    text = node.text_content or ""
                    parent = node.parent
                    raw = parent is not None and parent.is_element_node and (parent.tag or "").lower() in RAW_TEXT_TAGS
                    written = text if raw else htmllib.escape(text, quote=False)
                    self.canonical.append(written)
                    if not dropping:
                        self.sanitised.append(written)
                continue
            if node.is_comment_node:
                data = node.comment_content or ""
                written = f"<!--{data}-->"
                plain = _comment_is_plain(data)
                if not plain:
                    self.findings.append(Finding("unsafe-markup", f"the comment '<!--{_short(data, 40)}-->'",
                                                 "<!--" + data[:20]))
                if self.write:
                    self.canonical.append(written)
                    if plain and not dropping:
                        self.sanitised.append(written)
                continue
            if not node.is_element_node:  # a processing instruction or another node a page should not have
                shown = _short(node.html or "", 30)
                self.findings.append(Finding("unsafe-markup", f"the processing instruction '{shown}'", "<?"))
                if self.write:
                    self.canonical.append(node.html or "")
                continue
            tag = (node.tag or "").lower()
            kept = self._element(node, tag)
            if tag in VOID_TAGS:
                continue
            raw = not kept and tag in RAW_TEXT_TAGS
            if raw:
                dropping += 1
            stack.append(_Close(tag, kept, raw))
            stack.extend(reversed(_children(node)))
        return self

    def _element(self, node: LexborNode, tag: str) -> bool:
        attributes = [(name.lower(), "" if value is None else value) for name, value in node.attributes.items()]
        allowed = tag in ALLOWED_TAGS
        if not allowed:
            self.findings.append(Finding("unsafe-tag", f"the element <{tag}>", f"<{tag}"))
        kept_attributes = []
        for name, value in attributes:
            if not attribute_allowed(tag, name):
                if allowed:
                    self.findings.append(Finding("unsafe-attribute", f"the attribute '{name}' on <{tag}>", name))
                continue
            problem = _attribute_problem(tag, name, value)
            if problem is not None:
                if allowed:
                    self.findings.append(problem)
                continue
            kept_attributes.append((name, value))
        if self.write:
            self.canonical.append(_render_tag(tag, attributes))
            if allowed:
                self.sanitised.append(_render_tag(tag, kept_attributes))
        return allowed


def _comment_is_plain(data: str) -> bool:
    """A comment that ends where anyone reading the source expects, hiding nothing."""
    return (
        not data.startswith((">", "->", "[if", "[endif"))
        and not any(mark in data for mark in ("<", ">", "--"))
        and not data.endswith("-")
    )


def too_deep(html: str, limit: int = MAX_DEPTH) -> bool:
    """Whether ``html`` may nest elements more than ``limit`` levels deep (counted without parsing).

    Start tags open a level and end tags close one, whatever the parser would close implicitly,
    so the count is never below the real depth.
    """
    if html.count("<") <= limit:
        return False
    depth = 0
    for closing, name in _TAG.findall(html):
        if closing:
            depth = depth - 1 if depth else 0
        elif name.lower() not in VOID_TAGS:  # a self-closing <path/> counts as open: an upper bound
            depth += 1
            if depth > limit:
                return True
    return False


_TOO_DEEP = Finding("unsafe-markup", f"HTML nested more than {MAX_DEPTH} levels deep", "<")


def _parse(html: str) -> list[LexborNode]:
    """The top-level nodes of ``html`` parsed as a fragment of a page body, as a browser parses it."""
    return _siblings(LexborHTMLParser(html, is_fragment=True).root)


def _raw_findings(html: str) -> list[Finding]:
    """What the raw text holds that a browser would drop or read unexpectedly, found without the parser."""
    found: list[Finding] = []
    if too_deep(html):
        found.append(_TOO_DEEP)
    if _CONTROL.search(html):
        found.append(Finding("unsafe-markup", "an invisible control character", "\x00"))
    for match in _RAW_DANGEROUS.finditer(html):
        name = match.group(1).lower()
        found.append(Finding("unsafe-tag", f"the element <{name}>", f"<{name}"))
    for match in _COMMENT.finditer(html):
        if match.group(2) != "-->" or not _comment_is_plain(match.group(1)):
            found.append(Finding("unsafe-markup", f"the comment '<!--{_short(match.group(1), 40)}'",
                                 "<!--" + match.group(1)[:20]))
    for match in _DECLARATION.finditer(html):
        shown = _short(html[match.start():match.start() + 30].split(">")[0] + ">", 30)
        found.append(Finding("unsafe-markup", f"the declaration '{shown}'", "<!"))
    if _PROCESSING.search(html):
        found.append(Finding("unsafe-markup", "a processing instruction ('<?...')", "<?"))
    return found


def canonical(html: str) -> str:
    """The HTML written back as the browser parses it, keeping everything.

    HTML the raw scan refuses is returned as it was written: it cannot be read back safely.
    """
    if _raw_findings(html):
        return html
    return "".join(_Walk(write=True).run(_parse(html)).canonical)


def sanitise(html: str) -> str:
    """The HTML written back keeping only what the allowlist permits (nothing, if the raw scan refuses it)."""
    if _raw_findings(html):
        return ""
    return "".join(_Walk(write=True).run(_parse(html)).sanitised)


def findings(html: str) -> list[Finding]:
    """Everything sanitising would drop; empty exactly when ``sanitise(html) == canonical(html)``."""
    if too_deep(html):
        return [_TOO_DEEP]
    found = _Walk(write=False).run(_parse(html)).findings
    for finding in _raw_findings(html):
        if finding.code == "unsafe-tag" and any(f.code == "unsafe-tag" and f.token == finding.token for f in found):
            continue
        if finding.code == "unsafe-markup" and finding.token.startswith("<!--") and any(
                f.code == "unsafe-markup" and f.token.startswith("<!--") for f in found):
            continue
        found.append(finding)
    return _unique(found)


def node_findings(node: LexborNode) -> list[Finding]:
    """What the content allowlist refuses in an element and everything inside it (an already parsed page)."""
    return _unique(_Walk(write=False).run([node]).findings)


def is_safe(html: str) -> bool:
    return not findings(html)


def _unique(found: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str]] = set()
    result = []
    for finding in found:
        if (finding.code, finding.what) not in seen:
            seen.add((finding.code, finding.what))
            result.append(finding)
    return result


def normalise_for_search(text: str) -> str:
    """A source line as a browser would read the words in it: entities decoded, no spaces, lower-case."""
    decoded = htmllib.unescape(text)
    return _URL_IGNORED.sub("", decoded).lower()


def locate(source: str, first_line: int, token: str) -> int | None:
    """The line of ``source`` (numbered from ``first_line``) where ``token`` appears, if any."""
    wanted = _URL_IGNORED.sub("", token).lower() or token
    for number, line in enumerate(source.splitlines(), start=first_line):
        if wanted in normalise_for_search(line) or (token == "\x00" and _CONTROL.search(line)):
            return number
    if ":" in wanted:  # an address broken over lines, or encoded twice
        flat = normalise_for_search(htmllib.unescape(source))
        if wanted in flat:
            return first_line
    return None
