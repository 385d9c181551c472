"""An allowlist HTML sanitiser that rejects instead of stripping.

``sanitise(html)`` keeps only the elements, attributes and addresses on the
allowlist below; ``canonical(html)`` writes the same HTML back without
dropping anything. Content is safe when the two are equal, which is the case
exactly when ``findings(html)`` is empty. The build refuses a page otherwise
(GOV.UK's Govspeak works the same way): an editor's ``<script>`` is never quietly
removed, it is reported with the file and line so a person decides.

The allowlist is what the content and the templates in overrides/policy/ need:
text structure (headings, lists, tables, definition lists, quotes, admonitions,
details), links and images with safe addresses, ``<span lang>``, ``<abbr>``,
``<time datetime>``, ``<address>`` and the landmark elements, with class, id,
lang, role and aria-* attributes.

Parser differences are the classic weakness of sanitisers built on a parser
other than the browser's. Because nothing here is ever published from the
sanitised output, the risk is a parser that sees harmless HTML where a browser
sees a script; that is narrowed by refusing anything html.parser and browsers
read differently (unusual comments, declarations, processing instructions,
control characters) and by a raw scan for dangerous element names that does not
depend on the parser at all.
"""
from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset({
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite",
    "code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
VOID_TAGS = frozenset({"br", "col", "hr", "img", "wbr"})
# Element names that must never appear, also checked without the parser.
DANGEROUS_TAGS = (
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta", "base",
    "form", "input", "button", "textarea", "select", "option", "svg", "math", "template", "noscript",
    "xmp", "plaintext", "noembed", "noframes", "portal", "fencedframe",
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
IMAGE_SCHEMES = frozenset({"https", "http"})
# Python-Markdown's tables extension aligns columns with this one style and nothing else.
ALLOWED_STYLE = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop tabs and newlines inside addresses
_COMMENT = re.compile(r"<!--(.*?)(-->|--!>|$)", re.DOTALL)


@dataclass(frozen=True)
class Finding:
    """One thing the sanitiser would have to drop, in an editor's words."""

    code: str  # a message code: unsafe-tag, unsafe-attribute, unsafe-url, unsafe-markup
    what: str  # e.g. "the element <script>"
    token: str  # text to look for in the source file to find the line (lower-case, decoded)

    def __str__(self) -> str:
        return self.what


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in an attribute value (already entity-decoded)."""
    cleaned = _URL_IGNORED.sub("", value)
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def attribute_allowed(tag: str, name: str) -> bool:
    if name.startswith("on"):
        return False
    return (
        name in GLOBAL_ATTRIBUTES
        or name in TAG_ATTRIBUTES.get(tag, ())
        or (name.startswith(ATTRIBUTE_PREFIXES) and re.fullmatch(r"[a-z][a-z0-9_.:-]*", name) is not None)
    )


def _attribute_value_problem(tag: str, name: str, value: str | None) -> Finding | None:
    if value is None:
        return None
    if name in URL_ATTRIBUTES:
        scheme = url_scheme(value)
        allowed = IMAGE_SCHEMES if tag == "img" and name == "src" else LINK_SCHEMES
        if scheme is not None and scheme not in allowed:
            return Finding("unsafe-url", f"the address '{_short(value)}' (it starts with '{scheme}:')", f"{scheme}:")
    if name == "style" and not ALLOWED_STYLE.match(value):
        return Finding("unsafe-attribute", f"the attribute style=\"{_short(value)}\" on <{tag}>", "style")
    if name.startswith("data-"):  # scripts may read data attributes as addresses
        if url_scheme(value) in ("javascript", "vbscript", "data"):
            return Finding("unsafe-url", f"the value '{_short(value)}' of {name} on <{tag}>", url_scheme(value) + ":")
    return None


def _short(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 3] + "..."


class _Walker(HTMLParser):
    """Writes the HTML back twice: everything (canonical) and only what is allowed (sanitised)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.canonical: list[str] = []
        self.sanitised: list[str] = []
        self.findings: list[Finding] = []
        self._skip_depth = 0  # inside a refused element whose content is not markup (script, style)

    def _both(self, text: str) -> None:
        self.canonical.append(text)
        if not self._skip_depth:
            self.sanitised.append(text)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], closing: bool) -> None:
        whole = _render_tag(tag, attrs, closing)
        self.canonical.append(whole)
        if tag not in ALLOWED_TAGS:
            self.findings.append(Finding("unsafe-tag", f"the element <{tag}>", f"<{tag}"))
            return
        kept: list[tuple[str, str | None]] = []
        seen: set[str] = set()
        for name, value in attrs:
            if name in seen:
                self.findings.append(Finding("unsafe-attribute", f"the attribute '{name}' twice on <{tag}>", name))
                continue
            seen.add(name)
            if not attribute_allowed(tag, name):
                self.findings.append(Finding("unsafe-attribute", f"the attribute '{name}' on <{tag}>", name))
                continue
            problem = _attribute_value_problem(tag, name, value)
            if problem is not None:
                self.findings.append(problem)
                continue
            kept.append((name, value))
        if not self._skip_depth:
            self.sanitised.append(_render_tag(tag, kept, closing))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closing=False)
        if tag in self.CDATA_CONTENT_ELEMENTS:
            self._skip_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closing=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.CDATA_CONTENT_ELEMENTS and self._skip_depth:
            self._skip_depth -= 1
        self.canonical.append(f"</{tag}>")
        if tag not in ALLOWED_TAGS:
            if not any(f.token == f"<{tag}" for f in self.findings):
                self.findings.append(Finding("unsafe-tag", f"the end tag </{tag}>", f"</{tag}"))
            return
        if not self._skip_depth:
            self.sanitised.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self._both(htmllib.escape(data, quote=False))

    def handle_comment(self, data: str) -> None:
        self.canonical.append(f"<!--{data}-->")
        if not _comment_is_plain(data):
            self.findings.append(Finding("unsafe-markup", f"the comment '<!--{_short(data, 40)}-->'", "<!--" + data[:20]))
        elif not self._skip_depth:
            self.sanitised.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.canonical.append(f"<!{decl}>")
        self.findings.append(Finding("unsafe-markup", f"the declaration '<!{_short(decl, 30)}>'", "<!"))

    def unknown_decl(self, data: str) -> None:
        self.canonical.append(f"<![{data}]>")
        self.findings.append(Finding("unsafe-markup", f"the section '<![{_short(data, 30)}]>'", "<!["))

    def handle_pi(self, data: str) -> None:
        self.canonical.append(f"<?{data}>")
        self.findings.append(Finding("unsafe-markup", f"the processing instruction '<?{_short(data, 30)}>'", "<?"))


def _render_tag(tag: str, attrs: list[tuple[str, str | None]], closing: bool) -> str:
    parts = [tag]
    for name, value in attrs:
        parts.append(name if value is None else f'{name}="{htmllib.escape(value, quote=True)}"')
    return "<" + " ".join(parts) + (" />" if closing else ">")


def _comment_is_plain(data: str) -> bool:
    """A comment browsers and html.parser end at the same place, hiding nothing."""
    return (
        not data.startswith((">", "->", "[if", "[endif"))
        and not any(mark in data for mark in ("<", ">", "--"))
        and not data.endswith("-")
    )


def _walk(html: str) -> _Walker:
    walker = _Walker()
    try:
        walker.feed(html)
        walker.close()
    except (AssertionError, ValueError):  # html.parser gives up on some malformed declarations
        walker.findings.append(Finding("unsafe-markup", "HTML that cannot be read (a malformed '<!' declaration)", "<!"))
        walker.canonical.append(html)  # keep everything; sanitising keeps nothing
        walker.sanitised.clear()
    return walker


def canonical(html: str) -> str:
    """The HTML written back as parsed, keeping everything."""
    return "".join(_walk(html).canonical)


def sanitise(html: str) -> str:
    """The HTML written back keeping only what the allowlist permits."""
    return "".join(_walk(_raw_clean(html)).sanitised)


def _raw_clean(html: str) -> str:
    """Remove what the raw scan refuses, independently of html.parser."""
    html = _CONTROL.sub("", html)
    html = _RAW_DANGEROUS.sub("", html)
    return _COMMENT.sub(lambda m: m.group(0) if m.group(2) == "-->" and _comment_is_plain(m.group(1)) else "", html)


def findings(html: str) -> list[Finding]:
    """Everything sanitising would drop; empty when ``sanitise(html) == canonical(html)``."""
    walker = _walk(html)
    found = list(walker.findings)
    if _CONTROL.search(html):
        found.append(Finding("unsafe-markup", "an invisible control character", "\x00"))
    for match in _RAW_DANGEROUS.finditer(html):
        name = match.group(1).lower()
        if not any(f.code == "unsafe-tag" and f.token.lstrip("</") == name for f in found):
            found.append(Finding("unsafe-tag", f"the element <{name}>", f"<{name}"))
    for match in _COMMENT.finditer(html):
        if match.group(2) != "-->" or not _comment_is_plain(match.group(1)):
            if not any(f.code == "unsafe-markup" and f.token.startswith("<!--") for f in found):
                found.append(Finding("unsafe-markup", f"the comment '<!--{_short(match.group(1), 40)}'",
                                     "<!--" + match.group(1)[:20]))
    return _unique(found)


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
