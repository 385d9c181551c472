"""One final gate over every published byte: allowlists over the browser's own parse.

Every file the site publishes passes here after the site is complete, in the
build's staging folder before it replaces ``site/`` (policybuild/build.py), in
``policysite deploy`` over what it commits (shards included), and on its own
as ``policysite gate PATH...``. The checks of content (policysite.sanitize,
pagecheck) run first and say what to fix in the editor's own words; the gate is
the last line, for whatever reached an output file some other way: a template,
a hook, a theme change, a field printed raw, a file that should not be there.

Each kind of file has an allowlist; anything else is refused:

- HTML (``*.html``) is parsed by Lexbor, an HTML Standard parser, so the tree
  checked is the one a browser builds. Every page is either one of Material's
  pages (with its ``__config``) or a redirect page (``was/``, an edition's home):
  - the site's Content-Security-Policy is the first element after ``<meta
    charset>``, exactly policysite.csp.CSP (the national search page's:
    SEARCH_CSP), once;
  - elements and attributes come from an allowlist (the content's, plus the
    theme's header, menu, search and palette controls); no ``on*`` attribute,
    no ``javascript:``, ``vbscript:`` or ``data:`` address anywhere;
  - every ``<script>`` is a file of the site's own (relative address, empty
    body; the file itself must be one of the theme's, byte for byte) or a JSON
    data block the theme reads (``__config``, ``__policy``) or JSON-LD; never
    inline code;
  - ``<form>`` and ``<input>`` only as the theme's search, menu and palette
    controls; ``<meta http-equiv=refresh>`` only on a redirect page, to the site
    itself or (on a ``was/`` page) to the accessibility statement's hosts;
    ``<link>`` only to the site's own stylesheets and icon, or as canonical,
    alternate, prev and next;
  - nothing is loaded from another host: ``src``, ``srcset``, stylesheets and
    icons are addresses in the site;
  - ids are unique in the page;
  - the article region (``article.md-content__inner``) passes the content
    allowlist (policysite.sanitize), reserved ids included.
- Search indexes: JSON whose titles and texts Material's search inserts as HTML,
  so each passes the content allowlist, and whose locations stay in the site.
- The national search's index (``pagefind/`` at the top of the portal,
  policysite/nationalindex.py): Pagefind's scripts and WebAssembly byte for byte
  as the pinned Pagefind writes them, its chunks by name, place and format, and
  result fragments whose addresses are pages of the site and whose metadata is
  the title and the municipality. Pagefind's attributes on pages
  (``data-pagefind-*``) only as the templates write them; the search page alone
  has the policy that allows WebAssembly (policysite.csp.policy_for).
- ``versions.json``: mike's list of editions, whose names Material puts into
  addresses and its selector: plain names only.
- Feeds and sitemaps (``.xml``, ``.xml.gz``): well-formed XML, no DOCTYPE, no
  entities, no processing instructions, no control characters; feed text of
  ``type="html"`` passes the content allowlist; addresses are web addresses.
- JavaScript, CSS, source maps and the theme's images: byte-identical to the
  file of the same path in ``overrides/`` or Material's theme folder.
- Images and PDFs of the content: their bytes are what their name says.
- Anything else is an unknown file type and refused.

A refusal names the output file and, where the layout says, the source file that
made it (``site/naestved/vaerdier/index.html ← municipalities/naestved/vaerdier.md``),
what was found and how to fix it, as a ContentError with a registered code.
"""
from __future__ import annotations

import gzip
import hashlib
import importlib.util
import io
import json
import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.parsers import expat

from selectolax.lexbor import LexborHTMLParser, LexborNode

from . import brand, nationalindex, sanitize
from .csp import policy_for
from .errors import ContentError
from .layout import (BRAND_STYLESHEET, FEED_FILE, INDEX_FILE, MUNICIPALITIES_DIR, NATIONAL_INDEX_DIR, OVERRIDES_DIR, PORTAL_DIR,
                     SEARCH_INDEX, SITE_DIR, SITEMAP_FILE, THEMES_FILE, THEMES_PATH, VERSIONS_FILE, WAS_FOLDER)
from .model import DEFAULT_LANGUAGE, LANGUAGES

MAX_UNZIPPED = 50 * 1024 * 1024  # a sitemap may have 50 MB (sitemaps.org); more is a bomb
STATEMENT_HOSTS = frozenset({"was.digst.dk", "www.was.digst.dk"})  # Digitaliseringsstyrelsen's WAS tool

# Characters no published text has: C0 and C1 controls (but tab, line feed, carriage return) and the
# bidirectional embeddings, overrides and isolates that can make text read differently from its bytes.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# ---- the document allowlist: the content's elements, plus what the theme's pages are made of

THEME_TAGS = frozenset({"html", "head", "body", "meta", "link", "title", "script", "main", "nav", "label",
                        "input", "form", "button", "svg", "path"})
DOCUMENT_TAGS = sanitize.ALLOWED_TAGS | THEME_TAGS
DOCUMENT_GLOBAL = frozenset({"class", "id", "lang", "dir", "title", "role", "tabindex", "hidden", "translate"})
DOCUMENT_ATTRIBUTES: dict[str, frozenset[str]] = {
    **sanitize.TAG_ATTRIBUTES,
    "html": frozenset(),
    "meta": frozenset({"charset", "name", "content", "http-equiv"}),
    "link": frozenset({"rel", "href", "hreflang", "type", "title", "sizes"}),
    "script": frozenset({"src", "defer", "async", "type"}),
    "input": frozenset({"type", "name", "checked", "required", "placeholder", "autocapitalize", "autocorrect",
                        "autocomplete", "spellcheck"}),
    "label": frozenset({"for"}),
    "form": frozenset({"name"}),
    "button": frozenset({"type"}),
    "svg": frozenset({"xmlns", "viewbox", "width", "height", "fill", "focusable"}),
    "path": frozenset({"d", "fill", "fill-rule", "clip-rule"}),
}
# Every attribute a browser follows as an address, whether or not the allowlist has it.
URL_BEARING = frozenset({"href", "src", "srcset", "action", "formaction", "poster", "cite", "data", "xlink:href",
                         "background", "ping", "longdesc", "manifest", "icon", "codebase", "archive", "usemap"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
WEB_SCHEMES = frozenset({"http", "https"})
LINK_RELS = frozenset({"stylesheet", "icon", "canonical", "alternate", "prev", "next"})
OWN_FILE_RELS = frozenset({"stylesheet", "icon"})  # must be files of the site
META_NAMES = frozenset({"viewport", "description", "author", "generator", "robots"})
JSON_BLOCKS = frozenset({"__config", "__policy"})  # JSON data the theme and policy.js read by id
CONFIG_KEYS = frozenset({"base", "features", "translations", "search", "annotate", "tags", "version"})
VERSION_KEYS = frozenset({"provider", "default", "alias"})

# The theme's own controls, by their shape: (required attributes, attributes that may be present).
_NAV_ID = re.compile(r"^(__(drawer|search|toc|nav(_\d+)+|palette_\d+)|policy-search-query)$")
FORMS = (
    ({"class": "md-search__form", "name": "search"}, frozenset()),
    ({"class": "policy-search__form", "role": "search"}, frozenset()),  # the portal's national search
    ({"class": "md-header__option", "data-md-component": "palette"}, frozenset()),
)
INPUTS = (
    ({"type": "checkbox", "class": "md-toggle"}, frozenset({"id", "data-md-toggle", "checked"})),
    ({"type": "checkbox", "class": "md-nav__toggle md-toggle"}, frozenset({"id", "checked"})),
    ({"type": "checkbox", "class": "md-nav__toggle md-toggle md-toggle--indeterminate"}, frozenset({"id", "checked"})),
    ({"type": "radio", "class": "md-option", "name": "__palette"},
     frozenset({"id", "checked", "aria-label", "aria-hidden", "data-md-color-media", "data-md-color-scheme",
                "data-md-color-primary", "data-md-color-accent"})),
    ({"type": "text", "class": "md-search__input", "name": "query", "data-md-component": "search-query"},
     frozenset({"aria-label", "placeholder", "autocapitalize", "autocorrect", "autocomplete", "spellcheck",
                "required"})),
    ({"type": "search", "class": "policy-search__input", "name": "find", "id": "policy-search-query"},
     frozenset({"autocomplete", "spellcheck", "aria-describedby"})),
)
# What the national search's indexer reads from a page, as only the templates write it: the article
# of a policy page (Material's content, #policy-main) is indexed, <meta name="author"> names its municipality, and parts of the article
# are left out (hooks/policy_national_search.py). Content may only leave text out (policysite.sanitize).
SEARCH_ATTRIBUTES = {
    "data-pagefind-body": ("div", "", lambda attributes: attributes.get("id") == "policy-main"),
    "data-pagefind-meta": ("meta", "municipality[content]", lambda attributes: attributes.get("name") == "author"),
}
_REFRESH = re.compile(r"^\s*0*\d{1,3}\s*[;,]\s*url\s*=\s*(['\"]?)(.*)\1\s*$", re.IGNORECASE | re.DOTALL)
_VERSION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_TEXT_UNSAFE = re.compile(r"[<>&\"'`]")

IMAGE_MAGIC: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".ico": (b"\x00\x00\x01\x00",),
}
DOCUMENT_MAGIC = {".pdf": (b"%PDF-",)}
THEME_ONLY = frozenset({".js", ".css", ".map", ".svg", ".woff", ".woff2"})  # the theme's files, never content's
ROOT_FILES = frozenset({".nojekyll", "CNAME"})  # GitHub Pages' own, at the top of the branch


# ---- what the gate knows about the project

@dataclass(frozen=True)
class GateContext:
    """What the gate compares the output with: the theme's files, the site's address, the sources."""

    theme_dirs: tuple[Path, ...]  # overrides/ first, then Material's theme folder, as MkDocs looks them up
    base_path: str = "/"  # the URL path of the site root (the portal), e.g. "/" or "/medborgerskab/"
    root: Path | None = None  # the project, to name the source file of an output file
    domains: Mapping[str, str] = field(default_factory=dict)  # municipality folder -> its web domain

    @classmethod
    def for_project(cls, root: Path, base_path: str = "/", domains: Mapping[str, str] | None = None) -> GateContext:
        return cls(theme_dirs=theme_dirs(root), base_path=_slashed(base_path), root=root.resolve(),
                   domains=dict(domains or {}))


def domains_of(catalog: Any) -> dict[str, str]:
    """Each municipality's web domain (a policysite.catalog.Catalog), for the /was redirect's hosts."""
    return {municipality.slug: municipality.policy(DEFAULT_LANGUAGE).domain for municipality in catalog.municipalities}


def theme_dirs(root: Path) -> tuple[Path, ...]:
    """Where MkDocs finds the theme's static files: the project's overrides/, then Material's templates."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("mkdocs-material is not installed")
    material = Path(next(iter(spec.submodule_search_locations))) / "templates"
    return (root / OVERRIDES_DIR, material)


def _slashed(path: str) -> str:
    path = "/" + path.strip("/")
    return path if path.endswith("/") else path + "/"


_theme_hashes: dict[tuple[tuple[Path, ...], str], str | None] = {}


def theme_file_hash(dirs: tuple[Path, ...], relative: str) -> str | None:
    """The SHA-256 of the theme's file at ``relative`` (the first theme folder that has it), or None."""
    key = (dirs, relative)
    if key not in _theme_hashes:
        digest = None
        for folder in dirs:
            candidate = folder / relative
            if candidate.is_file() and not candidate.is_symlink():
                digest = hashlib.sha256(candidate.read_bytes()).hexdigest()
                break
        _theme_hashes[key] = digest
    return _theme_hashes[key]


# ---- one output file

class _File:
    """The problems of one output file, with the source file it came from when the layout says."""

    def __init__(self, context: GateContext, folder: Path, within: str, relative: str, shown: str) -> None:
        self.context = context
        self.folder = folder  # the folder on disk being gated
        self.within = within  # the site path of that folder: "" for the whole site, "naestved" for one microsite
        self.path = folder / relative
        self.site_path = f"{within}/{relative}" if within else relative  # the file's path in the site
        self.shown = shown
        self.errors: list[ContentError] = []
        self._source: Path | None | bool = False
        self._source_text: str | None = None

    # where it came from

    def source(self) -> Path | None:
        if self._source is False:
            self._source = source_of(self.context, self.site_path)
        return self._source  # type: ignore[return-value]

    def _where(self, token: str | None, source: Path | None = None) -> tuple[str, int | None]:
        source = source if source is not None else self.source()
        if source is None or self.context.root is None:
            return self.shown, None
        try:
            shown_source = source.relative_to(self.context.root).as_posix()
        except ValueError:
            shown_source = source.as_posix()
        line = None
        if token and source.is_file():
            if source != self.source() or self._source_text is None:
                text = source.read_text(encoding="utf-8", errors="replace")
                if source == self.source():
                    self._source_text = text
            else:
                text = self._source_text
            line = sanitize.locate(text, 1, token)
        return f"{self.shown} ← {shown_source}", line

    def report(self, code: str, problem: str, fix: str, token: str | None = None, source: Path | None = None) -> None:
        where, line = self._where(token, source)
        error = ContentError(code, where, line, None, problem, fix)
        if error not in self.errors:
            self.errors.append(error)

    # addresses

    def local_target(self, address: str) -> str | None:
        """The site path an address on this page points to, or None if it leaves the site."""
        parts = urlsplit(address.strip())
        if parts.scheme or parts.netloc or sanitize.other_host(address):
            return None
        path = unquote(parts.path)
        if path.startswith("/"):
            base = self.context.base_path
            if not (path + ("/" if not path.endswith("/") else "")).startswith(base):
                return None
            joined = path[len(base):]
        else:
            joined = posixpath.join(posixpath.dirname(self.site_path), path)
        normal = posixpath.normpath(joined) if joined else "."
        if normal == ".." or normal.startswith(("../", "/")):
            return None
        if not path or path.endswith("/"):
            normal = INDEX_FILE if normal == "." else f"{normal}/{INDEX_FILE}"
        return normal

    def exists_in_site(self, site_path: str) -> bool:
        if self.within:
            if not site_path.startswith(self.within + "/"):
                return False
            site_path = site_path[len(self.within) + 1:]
        target = os.path.join(self.folder, site_path)
        return os.path.isfile(target) and not os.path.islink(target)


def source_of(context: GateContext, site_path: str) -> Path | None:
    """The source file (or folder) an output file was made from, as far as the layout tells."""
    root = context.root
    if root is None:
        return None
    parts = site_path.split("/")
    municipalities = root / MUNICIPALITIES_DIR
    if len(parts) > 1 and (municipalities / parts[0]).is_dir() and not parts[0].startswith("."):
        folder = municipalities / parts[0]
        rest = parts[1:]
        for candidate in (*_page_sources(folder, rest), *_page_sources(folder, rest[1:])):
            if candidate.is_file():
                return candidate
        return folder
    if parts[0] == THEMES_PATH or parts[1:2] == [THEMES_PATH] and parts[0] in LANGUAGES:
        return root / THEMES_FILE
    for candidate in _page_sources(root / PORTAL_DIR, parts):
        if candidate.is_file():
            return candidate
    return None


def _page_sources(folder: Path, rest: list[str]) -> list[Path]:
    suffix = ".md"
    if rest and rest[0] == "en":
        suffix, rest = ".en.md", rest[1:]
    if not rest:
        return []
    if rest[-1] == FEED_FILE and len(rest) == 1:
        return [folder / f"index{suffix}"]
    if rest[-1] != INDEX_FILE:
        return []
    stem = "/".join(rest[:-1])
    if not stem:
        return [folder / f"index{suffix}"]
    return [folder / f"{stem}{suffix}", folder / stem / f"index{suffix}"]


# ---- HTML

def _classes(value: str | None) -> str:
    return " ".join((value or "").split())


def _matches_shape(attributes: dict[str, str], shapes) -> bool:
    for required, optional in shapes:
        if all((_classes(attributes.get(name)) if name == "class" else attributes.get(name)) == value
               for name, value in required.items()):
            extra = set(attributes) - set(required) - optional
            if not extra:
                return True
    return False


class _Html:
    """The checks of one HTML page, in one walk over its parse."""

    def __init__(self, file: _File, text: str) -> None:
        self.file = file
        self.text = text
        self.ids: dict[str, int] = {}
        self.config: list[LexborNode] = []
        self.articles: list[LexborNode] = []
        self.refresh: list[str] = []
        self.scripts = 0
        self.policies: list[str] = []

    def unsafe(self, what: str, fix: str, token: str | None = None) -> None:
        self.file.report("output-unsafe", f"The page contains {what}.", fix, token)

    def check(self) -> None:
        if not self.text.lstrip("\ufeff \t\r\n")[:15].lower().startswith("<!doctype html>"):
            self.unsafe("no <!doctype html> at the start", "Every page starts with <!doctype html>; build it "
                        "from the site's templates.")
        if sanitize.too_deep(self.text):
            self.unsafe(f"elements nested more than {sanitize.MAX_DEPTH} levels deep, deeper than a browser "
                        "builds them", "Close the elements in the source; no page of the site nests that deep.", "<")
            return
        document = LexborHTMLParser(self.text, scripting=True)
        article_nodes: set[int] = set()
        for node in document.root.traverse(include_text=False):
            if node.is_comment_node:
                continue
            if not node.is_element_node:
                self.unsafe("a processing instruction ('<?...>')", "Remove it from the template or source.", "<?")
                continue
            if article_nodes and node.mem_id in article_nodes:
                continue
            tag = (node.tag or "").lower()
            attributes = {name.lower(): "" if value is None else value for name, value in node.attributes.items()}
            self.element(node, tag, attributes)
            if tag == "article" and "md-content__inner" in (attributes.get("class") or "").split():
                self.articles.append(node)
                article_nodes = {child.mem_id for child in node.traverse(include_text=False)}
                article_nodes.discard(node.mem_id)
        self.head(document)
        for article in self.articles:
            self.article(article)
        for value, count in self.ids.items():
            if count > 1:
                self.file.report("output-duplicate-id", f"The id '{value}' appears {count} times on the page.",
                                 "Give one of the elements another id in the source file (e.g. { #another-id }).",
                                 value)
        self.kind()

    # every element

    def element(self, node: LexborNode, tag: str, attributes: dict[str, str]) -> None:
        if tag not in DOCUMENT_TAGS:
            self.unsafe(f"the element <{tag}>, which no page of the site has",
                        "Remove it; scripts, frames, plugins and styles are not part of the site's pages.", f"<{tag}")
            return
        for name in [name for name in attributes if name.startswith(sanitize.SEARCH_ATTRIBUTE_PREFIX)]:
            value = attributes[name].strip()
            shape = SEARCH_ATTRIBUTES.get(name)
            if value in sanitize.CONTENT_SEARCH_ATTRIBUTES.get(name, ()) or (
                    shape is not None and tag == shape[0] and value == shape[1] and shape[2](attributes)):
                continue
            self.unsafe(f"the attribute {name}=\"{_short(value)}\" on <{tag}>, which the national search "
                        "reads only as the templates write it", "Remove it from the source: content may not tell "
                        "the search index what a result is or where it leads.", name)
        for name, value in attributes.items():
            self.attribute(tag, name, value)
        if "id" in attributes:
            self.ids[attributes["id"]] = self.ids.get(attributes["id"], 0) + 1
        handler = _HANDLERS.get(tag)
        if handler is not None:
            handler(self, node, attributes)

    def attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.unsafe(f"the attribute '{name}' on <{tag}>, which runs code",
                        "Remove it: the site's pages run no code from attributes.", name)
            return
        if ":" in value and (name in URL_BEARING or name.startswith("data-")):
            candidates = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
            for candidate in candidates:
                scheme = sanitize.url_scheme(candidate)
                if scheme in sanitize.CODE_SCHEMES:
                    self.unsafe(f"the address '{_short(candidate)}' in {name} on <{tag}> (it starts with '{scheme}:')",
                                "Use a web address (https://...), mailto:, tel:, or an address in the site.",
                                f"{scheme}:")
                    return
        allowed = (name in DOCUMENT_GLOBAL or name in DOCUMENT_ATTRIBUTES.get(tag, ())
                   or (name.startswith(sanitize.ATTRIBUTE_PREFIXES) and re.fullmatch(r"[a-z][a-z0-9_.:-]*", name)))
        if not allowed:
            self.unsafe(f"the attribute '{name}' on <{tag}>, which the site's pages do not use",
                        "Remove it from the template or the source.", name)
            return
        if name == "style" and not sanitize.ALLOWED_STYLE.fullmatch(value):
            self.unsafe(f"the style attribute style=\"{_short(value)}\" on <{tag}>",
                        "Only table column alignment (Markdown's :--- and ---:) may set a style.", "style")
        if name in ("src", "srcset") or (tag == "link" and name == "href"):
            pass  # checked with the element, which knows whether it loads the address
        elif name == "href" and tag == "a":
            scheme = sanitize.url_scheme(value)
            if scheme is not None and scheme not in LINK_SCHEMES:
                self.unsafe(f"the link '{_short(value)}' (it starts with '{scheme}:')",
                            "Use a web address (https://...), mailto:, tel:, or a page of the site.", f"{scheme}:")
        elif name == "cite":
            scheme = sanitize.url_scheme(value)
            if scheme is not None and scheme not in WEB_SCHEMES:
                self.unsafe(f"the address '{_short(value)}' in cite on <{tag}>", "Use a web address.", f"{scheme}:")

    def loads(self, tag: str, name: str, value: str, *, must_exist: str | None = None) -> None:
        """An address the browser loads as the page opens: in the site, never another host."""
        target = self.file.local_target(value)
        if target is None:
            self.file.report("output-elsewhere",
                             f"The page loads '{_short(value)}' ({name} on <{tag}>) from outside the site.",
                             "Put the file in the site (an image in the municipality's folder) and use its name.",
                             value.split("?")[0][:60] if "//" not in value else "//")
            return
        if must_exist is not None and not (target.endswith(must_exist) and self.file.exists_in_site(target)):
            self.unsafe(f"<{tag} {name}=\"{_short(value)}\">, which is not a {must_exist} file of the site",
                        "Load only the theme's own files (overrides/assets/ or Material's).", value[:60])

    # the elements with rules of their own

    def tag_img(self, node: LexborNode, attributes: dict[str, str]) -> None:
        if "src" in attributes:
            self.loads("img", "src", attributes["src"])
        for part in (attributes.get("srcset") or "").split(","):
            if part.strip():
                self.loads("img", "srcset", part.strip().split(" ")[0])

    def tag_script(self, node: LexborNode, attributes: dict[str, str]) -> None:
        self.scripts += 1
        body = node.text(deep=True) or ""
        kind = (attributes.get("type") or "").strip().lower()
        if "src" in attributes:
            if kind not in ("", "text/javascript") or body.strip():
                self.unsafe("a script with both an address and code of its own", "Scripts are files of the site.",
                            "<script")
            self.loads("script", "src", attributes["src"], must_exist=".js")
            return
        if kind == "application/json" and attributes.get("id") in JSON_BLOCKS and set(attributes) == {"id", "type"}:
            data = self.json_block(body, attributes["id"])
            if data is not None and attributes["id"] == "__config":
                self.config.append(node)
                self.theme_config(data)
            elif data is not None and not (isinstance(data, dict) and all(
                    isinstance(k, str) and isinstance(v, str) for k, v in data.items())):
                self.unsafe("a __policy block that is not a list of words", "Build the page from overrides/main.html.",
                            "__policy")
            return
        if kind == "application/ld+json" and set(attributes) == {"type"}:
            self.json_block(body, "JSON-LD")
            return
        self.unsafe(f"an inline script ('{_short(body, 40)}')" if body.strip() else "a script that is not a file",
                    "No page runs inline code: put it in a file in overrides/assets/ and load it with <script src>.",
                    "<script")

    def json_block(self, body: str, name: str) -> Any:
        try:
            data = json.loads(body)
        except ValueError:
            self.file.report("output-malformed", f"The page's {name} data is not valid JSON.",
                             "Build the page from the site's templates, which write it with tojson.", name)
            return None
        for text in _strings(data):
            if CONTROL.search(text):
                self.file.report("output-malformed", f"The page's {name} data holds an invisible control character.",
                                 "Remove control characters from the source text.", None)
                break
        return data

    def theme_config(self, data: Any) -> None:
        """Material's settings: the addresses it fetches must be the site's, the versions mike's."""
        fix = "Build the page from the site's templates; content may not set the theme's configuration."
        if not isinstance(data, dict) or set(data) - CONFIG_KEYS:
            self.unsafe("a __config block with settings Material's template does not write", fix, "__config")
            return
        base, search = data.get("base"), data.get("search")
        if not isinstance(base, str) or self.file.local_target(base.rstrip("/") + "/") is None:
            self.unsafe(f"a __config whose base ({_short(str(base))}) is not the site's", fix, "__config")
        target = self.file.local_target(search) if isinstance(search, str) else None
        if target is None or not target.endswith(".js") or not self.file.exists_in_site(target):
            self.unsafe(f"a __config whose search worker ({_short(str(search))}) is not the theme's", fix, "__config")
        version = data.get("version")
        if version is not None and not (isinstance(version, dict) and not set(version) - VERSION_KEYS
                                        and version.get("provider") == "mike"
                                        and isinstance(version.get("default"), (str, list, type(None)))):
            self.unsafe("a __config with a version selector the site does not configure", fix, "__config")

    def tag_link(self, node: LexborNode, attributes: dict[str, str]) -> None:
        rels = set((attributes.get("rel") or "").lower().split())
        href = attributes.get("href", "")
        if not rels or rels - LINK_RELS:
            self.unsafe(f"<link rel=\"{attributes.get('rel', '')}\">, which the site's pages do not use",
                        "Only stylesheets, the icon, canonical, alternate, prev and next links are allowed.", "<link")
            return
        if rels & OWN_FILE_RELS:
            self.loads("link", "href", href, must_exist=".css" if "stylesheet" in rels else "")
            return
        scheme = sanitize.url_scheme(href)
        if scheme is not None and scheme not in WEB_SCHEMES:
            self.unsafe(f"<link rel=\"{attributes.get('rel')}\" href=\"{_short(href)}\">", "Use a web address.",
                        f"{scheme}:")

    def tag_meta(self, node: LexborNode, attributes: dict[str, str]) -> None:
        equiv = (attributes.get("http-equiv") or "").strip().lower()
        if "charset" in attributes:
            if attributes["charset"].strip().lower() != "utf-8" or len(attributes) != 1:
                self.unsafe(f"<meta charset=\"{attributes['charset']}\">", "Pages are UTF-8.", "charset")
        elif equiv == "content-security-policy":
            self.policies.append(attributes.get("content", ""))
        elif equiv == "refresh":
            self.refresh.append(attributes.get("content", ""))
        elif equiv:
            self.unsafe(f"<meta http-equiv=\"{equiv}\">", "Remove it; the site sets no headers from pages.", "http-equiv")
        elif (attributes.get("name") or "").lower() not in META_NAMES:
            self.unsafe(f"<meta name=\"{attributes.get('name', '')}\">, which the site's pages do not use",
                        "Remove it from the template.", "<meta")

    def tag_form(self, node: LexborNode, attributes: dict[str, str]) -> None:
        if not _matches_shape(attributes, FORMS):
            self.unsafe("a form that is not the theme's search or colour switch",
                        "Content may not have forms: link to the form on the municipality's own site.", "<form")

    def tag_input(self, node: LexborNode, attributes: dict[str, str]) -> None:
        if not _matches_shape(attributes, INPUTS) or ("id" in attributes and not _NAV_ID.fullmatch(attributes["id"])):
            self.unsafe("an input field that is not one of the theme's controls",
                        "Content may not have input fields.", "<input")

    # the page as a whole

    def head(self, document: LexborHTMLParser) -> None:
        policies = self.policies
        head = document.head
        first = [child for child in (head.iter() if head is not None else ()) if child.is_element_node][:2]
        shapes = [(child.tag, {k.lower(): v for k, v in child.attributes.items()}) for child in first]
        csp = policy_for(self.file.site_path)  # the site's; the national search page's allows WebAssembly
        expected = [("meta", {"charset": "utf-8"}), ("meta", {"http-equiv": "Content-Security-Policy", "content": csp})]
        if len(policies) != 1 or shapes != expected:
            found = policies[0] if policies else None
            detail = ("has none" if not policies else "has more than one" if len(policies) > 1
                      else "has another policy" if found != csp else "has it later in <head>")
            self.file.report("output-csp", f"The page {detail}: every page starts with <meta charset=\"utf-8\"> "
                             "and then the site's Content-Security-Policy.",
                             "Build the page from the site's templates (overrides/main.html or "
                             "overrides/policy/redirect.html), which write both.", None)

    def article(self, article: LexborNode) -> None:
        found: list[sanitize.Finding] = []
        child = article.first_child
        while child is not None:
            found += sanitize.node_findings(child)
            if child.is_element_node:
                for node in child.traverse(include_text=False):
                    value = node.attributes.get("id") if node.is_element_node else None
                    if value is not None:
                        self.ids[value] = self.ids.get(value, 0) + 1
            child = child.next
        for finding in found:
            self.file.report("output-unsafe" if finding.code != "image-external" else "output-elsewhere",
                             f"The page's content contains {finding.what.text('en')}, which the content rules refuse "
                             f"[{finding.code}].",
                             "Correct the source file; `make check` explains the rule.", finding.token)

    def kind(self) -> None:
        """A page of Material's (one configuration, one article) or a redirect page, nothing else."""
        if self.refresh:
            if self.config or self.scripts:
                self.unsafe("a meta refresh on a page with scripts", "Only the redirect pages send readers on.",
                            "refresh")
            if len(self.refresh) > 1:
                self.unsafe("more than one meta refresh", "A redirect page sends readers to one address.", "refresh")
            for content in self.refresh:
                self.redirect(content)
            return
        if len(self.config) != 1:
            self.unsafe("no single __config of the theme" if not self.config else "the theme's __config twice",
                        "Every page is made by the site's templates; content may not add a page of its own HTML.",
                        "__config")
        if len(self.articles) != 1:
            self.unsafe("not exactly one article region (article.md-content__inner)",
                        "Build the page from overrides/main.html.", None)

    def redirect(self, content: str) -> None:
        match = _REFRESH.fullmatch(content)
        target = match.group(2).strip() if match else ""
        if not match or not target:
            self.unsafe(f"a meta refresh the site does not write ('{_short(content)}')",
                        "A redirect page's refresh is '0; url=<address>'.", "refresh")
            return
        if self.file.local_target(target) is not None:
            return
        parts = urlsplit(target)
        host = (parts.hostname or "").lower()
        slug = self.file.site_path.split("/")[0]
        domain = (self.file.context.domains.get(slug) or "").lower()
        allowed = host in STATEMENT_HOSTS or (domain and (host == domain or host.endswith("." + domain)))
        is_was = posixpath.basename(posixpath.dirname(self.file.site_path)) == WAS_FOLDER
        if not (parts.scheme == "https" and allowed and is_was and not parts.username and not parts.password):
            self.unsafe(f"a meta refresh to '{_short(target)}', outside the site and not the accessibility statement",
                        "A /was page may send readers to was.digst.dk or the municipality's own domain, over https; "
                        "every other redirect stays in the site.", host or target[:40])


_HANDLERS = {name.removeprefix("tag_"): method for name, method in vars(_Html).items() if name.startswith("tag_")}


def _strings(data: Any) -> Iterable[str]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _short(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 3] + "..."


# ---- JSON, XML and the rest

def _check_search_index(file: _File, data: Any) -> None:
    fix = "Correct the source file named; titles and texts in the search index follow the content rules."
    if not isinstance(data, dict) or set(data) - {"config", "docs"} or not isinstance(data.get("docs"), list):
        file.report("output-malformed", "The search index is not Material's (config and docs).",
                    "Let the search plugin and hooks/policy_search.py write it.")
        return
    # The index is <site>/search/search_index.json or <site>/<lang>/search/...; locations are relative to <site>.
    folder = posixpath.dirname(posixpath.dirname(file.site_path))
    if posixpath.basename(folder) in LANGUAGES and posixpath.basename(folder) != DEFAULT_LANGUAGE:
        folder = posixpath.dirname(folder)
    for entry in data["docs"]:
        if not isinstance(entry, dict) or set(entry) - {"location", "title", "text", "tags", "boost"} or not all(
                isinstance(entry.get(key, ""), str) for key in ("location", "title", "text")):
            file.report("output-malformed", "The search index has an entry Material's search does not write.",
                        "Let the search plugin write it.")
            continue
        location = entry.get("location", "")
        page = posixpath.normpath(posixpath.join(folder, location.split("#")[0]))
        source = source_of(file.context, INDEX_FILE if page == "." else f"{page}/{INDEX_FILE}")
        if sanitize.url_scheme(location) is not None or sanitize.other_host(location) or location.startswith("/"):
            file.report("output-unsafe", f"The search index links to '{_short(location)}', outside the site.",
                        "Search results link only to pages of the site.", location[:40], source)
        for key in ("title", "text"):
            for finding in sanitize.findings(entry.get(key, "")):
                file.report("output-unsafe" if finding.code != "image-external" else "output-elsewhere",
                            f"The search index's {key} for '{_short(location)}' contains {finding.what.text('en')}, which "
                            f"Material's search would insert into the page [{finding.code}].", fix,
                            finding.token, source)
        for tag in entry.get("tags") or []:
            if not isinstance(tag, str) or _TEXT_UNSAFE.search(tag):
                file.report("output-unsafe", f"The search index has the tag '{_short(str(tag))}' with markup.", fix)


def _check_versions(file: _File, data: Any) -> None:
    fix = "Edition names are plain names such as 2019 or 2012-hoering (edition: in index.md)."
    if not isinstance(data, list):
        file.report("output-malformed", "versions.json is not mike's list of editions.", fix)
        return
    for entry in data:
        if not isinstance(entry, dict) or set(entry) - {"version", "title", "aliases", "properties"}:
            file.report("output-malformed", "versions.json has an entry mike does not write.", fix)
            continue
        names = [entry.get("version"), *(entry.get("aliases") or [])]
        for name in names:
            if not isinstance(name, str) or not _VERSION_NAME.fullmatch(name) or name in (".", ".."):
                file.report("output-unsafe", f"versions.json names the edition '{_short(str(name))}', which "
                            "Material would put into an address.", fix, str(name)[:40])
        title = entry.get("title")
        if not isinstance(title, str) or _TEXT_UNSAFE.search(title) or CONTROL.search(title):
            file.report("output-unsafe", f"versions.json has the title '{_short(str(title))}', which Material "
                        "inserts into the page as HTML.", fix, str(title)[:40])


class _XmlRefused(Exception):
    pass


def _check_xml(file: _File, data: bytes, kind: str) -> None:
    """Well-formed, no DOCTYPE or entities, addresses are web addresses; Atom html text passes the content rules."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        file.report("output-malformed", "The file is not UTF-8.", "Write it as UTF-8.")
        return
    if CONTROL.search(text):
        file.report("output-malformed", "The file holds an invisible control character.",
                    "Remove control characters from the source text (YAML escapes such as \\0 or \\e, direction marks).")
        return
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[tuple[str, dict[str, str], list[str]]] = []
    problems: list[str] = []
    roots: list[str] = []

    def refuse(what: str):
        def handler(*args):
            raise _XmlRefused(what)
        return handler

    parser.StartDoctypeDeclHandler = refuse("a DOCTYPE")
    parser.EntityDeclHandler = refuse("an entity declaration")
    parser.ProcessingInstructionHandler = refuse("a processing instruction")
    parser.ExternalEntityRefHandler = refuse("an external entity")

    def start(name: str, attributes: dict[str, str]) -> None:
        if not stack:
            roots.append(name)
        for key, value in attributes.items():
            if key.endswith(("href", " src")) or key == "src":
                scheme = sanitize.url_scheme(value)
                if scheme is not None and scheme not in WEB_SCHEMES:
                    problems.append(f"the address '{_short(value)}'")
        if name.endswith(" content") and "src" in attributes:
            problems.append("out-of-line content (content src=...)")
        if attributes.get("type") == "xhtml":
            problems.append("XHTML text, which the site's feeds do not have")
        stack.append((name, attributes, []))

    def end(name: str) -> None:
        element, attributes, parts = stack.pop()
        local = element.rsplit(" ", 1)[-1]
        value = "".join(parts)
        if local in ("loc", "uri", "icon", "logo"):
            scheme = sanitize.url_scheme(value)
            if scheme is not None and scheme not in WEB_SCHEMES:
                problems.append(f"the address '{_short(value)}' in <{local}>")
        if attributes.get("type") == "html":
            for finding in sanitize.findings(value):
                problems.append(f"{finding.what.text('en')} in the HTML text of <{local}> [{finding.code}]")

    def characters(data: str) -> None:
        if stack:
            stack[-1][2].append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    try:
        parser.Parse(data, True)
    except _XmlRefused as refused:
        file.report("output-malformed", f"The file has {refused}, which the site's XML never has.",
                    "Build it from the site's templates (overrides/policy/*.xml.html).")
        return
    except expat.ExpatError as error:
        file.report("output-malformed", f"The file is not well-formed XML ({expat.ErrorString(error.code)}, "
                    f"line {error.lineno}).", "Build it from the site's templates, which escape every text.")
        return
    expected = {"feed": "http://www.w3.org/2005/Atom feed",
                "sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9 urlset"}[kind]
    if roots != [expected]:
        file.report("output-malformed", f"The file is not a {'feed' if kind == 'feed' else 'sitemap'} "
                    f"(its root is {roots[0] if roots else 'missing'}).", "Build it from the site's templates.")
    for problem in problems[:20]:
        file.report("output-unsafe", f"The {'feed' if kind == 'feed' else 'sitemap'} contains {problem}.",
                    "Correct the source text; feeds and sitemaps hold plain text and web addresses.")


def _decoded_text(file: _File, data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        file.report("output-malformed", f"The file is not UTF-8 (byte {error.start}).", "Write it as UTF-8.")
        return None
    match = CONTROL.search(text)
    if match:
        character = f"U+{ord(match.group(0)):04X}"
        file.report("output-malformed", f"The file holds the invisible control character {character}.",
                    "Remove control characters from the source text (YAML escapes such as \\0 or \\e, direction "
                    "marks such as U+202E).", match.group(0))
        return None
    return text


def check_file(context: GateContext, folder: Path, relative: str, *, within: str = "",
               shown_prefix: str = "") -> list[ContentError]:
    """Every problem of one output file (``relative`` to ``folder``, which holds the site path ``within``)."""
    file = _File(context, folder, within, relative, shown_prefix + relative)
    path = file.path
    name = path.name
    suffix = path.suffix.lower()
    if path.is_symlink() or not path.is_file():
        file.report("output-file-type", "The file is a symbolic link or not a regular file.",
                    "Publish copies of files, never links.")
        return file.errors
    if name in ROOT_FILES and "/" not in file.site_path:
        data = path.read_bytes()
        if name == ".nojekyll" and data.strip() == b"" or name == "CNAME" and re.fullmatch(
                rb"[a-z0-9.-]+\n?", data):
            return file.errors
    parts = file.site_path.split("/")
    if parts[0] == NATIONAL_INDEX_DIR and len(parts) > 1:
        _check_national_index(file, "/".join(parts[1:]))
        return file.errors
    in_assets = "assets" in file.site_path.split("/")[:-1]
    if in_assets or suffix in THEME_ONLY:
        parts = file.site_path.split("/")
        relative_asset = "/".join(parts[parts.index("assets"):]) if in_assets else None
        expected = theme_file_hash(context.theme_dirs, relative_asset) if relative_asset else None
        if expected is not None:
            if hashlib.sha256(path.read_bytes()).hexdigest() != expected:
                file.report("output-asset", f"The file is not the theme's {relative_asset} byte for byte.",
                            "Remove the file from the content folder that replaced it; the theme's files come from "
                            "overrides/ and Material only.", source=None)
            elif suffix == ".css":
                _check_css(file, path.read_text(encoding="utf-8", errors="replace"))
            return file.errors
        if relative_asset == BRAND_STYLESHEET and brand.is_brand_stylesheet(
                path.read_text(encoding="utf-8", errors="replace")):
            return file.errors  # a microsite's colour, exactly as policysite.brand writes it
        if suffix in THEME_ONLY:
            file.report("output-asset", f"The file is a {suffix} file that is not one of the theme's own.",
                        "Scripts and stylesheets belong in overrides/assets/; remove this one from the content folder.")
            return file.errors
    data = path.read_bytes()
    if suffix == ".html":
        text = _decoded_text(file, data)
        if text is not None:
            _Html(file, text).check()
    elif f"{path.parent.name}/{name}" == SEARCH_INDEX or name == VERSIONS_FILE:
        text = _decoded_text(file, data)
        if text is not None:
            try:
                parsed = json.loads(text)
            except ValueError:
                file.report("output-malformed", "The file is not valid JSON.", "Let the build write it.")
            else:
                bad = next((s for s in _strings(parsed) if CONTROL.search(s)), None)
                if bad is not None:
                    file.report("output-malformed", "The file holds an invisible control character.",
                                "Remove control characters from the source text.")
                elif name == VERSIONS_FILE:
                    _check_versions(file, parsed)
                else:
                    _check_search_index(file, parsed)
    elif name in (SITEMAP_FILE, FEED_FILE):
        _check_xml(file, data, "sitemap" if name == SITEMAP_FILE else "feed")
    elif name == "sitemap.xml.gz":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
                inner = unzipped.read(MAX_UNZIPPED + 1)
        except (OSError, EOFError):
            file.report("output-malformed", "The file is not valid gzip.", "Let the build write it.")
            return file.errors
        if len(inner) > MAX_UNZIPPED:
            file.report("output-malformed", "The sitemap unpacks to more than 50 MB.", "Let the build write it.")
            return file.errors
        _check_xml(file, inner, "sitemap")
    elif suffix in IMAGE_MAGIC or suffix in DOCUMENT_MAGIC:
        magic = IMAGE_MAGIC.get(suffix) or DOCUMENT_MAGIC[suffix]
        if not data.startswith(magic):
            file.report("output-file-type", f"The file is named {suffix} but is not one.",
                        f"Save it again as a real {suffix[1:].upper()} file.")
    else:
        file.report("output-file-type", f"The site does not publish files of this type ({suffix or name}).",
                    "Remove it from the content folder; pages are Markdown, images PNG, JPEG or GIF, documents PDF.")
    return file.errors


def _check_national_index(file: _File, relative: str) -> None:
    """A file of the national search's index (policysite/nationalindex.py), at the top of the portal only."""
    def local_page(url: str) -> bool | None:
        # Pagefind's addresses are paths from the top of the indexed site (the portal), which
        # policy-search.js resolves against the portal's address.
        path = unquote(url.split("#", 1)[0].split("?", 1)[0])
        if sanitize.url_scheme(path) is not None or not path.startswith("/") or path.startswith("//"):
            return False
        normal = posixpath.normpath(path.lstrip("/")) if path.strip("/") else "."
        if normal == ".." or normal.startswith(("../", "/")):
            return False
        target = (INDEX_FILE if normal == "." else f"{normal}/{INDEX_FILE}") if path.endswith("/") else normal
        if file.within and not target.startswith(file.within + "/"):
            return None  # a page of a site not gated with this folder
        return file.exists_in_site(target) and target.endswith(".html")

    for problem in nationalindex.check(relative, file.path.read_bytes(), local_page):
        file.report("output-search-index", f"The national search's index holds {problem.what}.", problem.fix)


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.IGNORECASE)


def _check_css(file: _File, text: str) -> None:
    """Even the theme's own stylesheets load nothing from another host (fonts are off: theme.font: false)."""
    for match in _CSS_URL.finditer(text):
        address = (match.group(2) or match.group(3) or "").strip()
        if sanitize.url_scheme(address) in ("data",) or not address or address.startswith("#"):
            continue
        if sanitize.url_scheme(address) is not None or sanitize.other_host(address):
            file.report("output-elsewhere", f"The stylesheet loads '{_short(address)}' from another host.",
                        "Serve the file from the site, or switch the feature off in mkdocs.yml.")


# ---- a whole folder

_worker_context: GateContext | None = None


def _init_worker(context: GateContext) -> None:
    global _worker_context
    _worker_context = context


def _check_batch(args: tuple[str, str, str, list[str]]) -> list[ContentError]:
    folder, within, shown, batch = args
    assert _worker_context is not None
    errors: list[ContentError] = []
    for relative in batch:
        errors += check_file(_worker_context, Path(folder), relative, within=within, shown_prefix=shown)
    return errors


def output_files(folder: Path) -> list[str]:
    """Every entry under ``folder`` that is not a folder (links included), relative, in a stable order."""
    found = []
    for directory, folders, files in os.walk(folder):
        base = Path(directory)
        for name in folders:
            if (base / name).is_symlink():
                found.append((base / name).relative_to(folder).as_posix())
        for name in files:
            found.append((base / name).relative_to(folder).as_posix())
    return sorted(found)


def check_tree(context: GateContext, folder: Path, *, within: str = "", shown: str = f"{SITE_DIR}/",
               jobs: int | None = None, passed: frozenset[str] = frozenset()) -> list[ContentError]:
    """Every problem of every file in ``folder``, which holds the site path ``within`` ("" = the whole site).

    ``shown`` is how the folder is named in messages (``site/`` while the build gates its staging folder).
    ``passed``: files (relative to ``folder``) that are, byte for byte and by their inode, files that
    passed this gate with this context when they were published (the build proves it from its
    manifest, policybuild/build.py); they are not read again. Every other file is.
    Large folders are checked on every core.
    """
    files = [relative for relative in output_files(folder) if relative not in passed]
    prefix = shown if shown.endswith("/") or not shown else shown + "/"
    workers = max(1, min(jobs or os.cpu_count() or 1, len(files) // 200))
    if workers == 1:
        errors: list[ContentError] = []
        for relative in files:
            errors += check_file(context, folder, relative, within=within, shown_prefix=prefix)
        return errors
    import multiprocessing

    size = -(-len(files) // (workers * 4))
    batches = [(str(folder), within, prefix, files[start:start + size]) for start in range(0, len(files), size)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_init_worker, initargs=(context,)) as pool:
        return [error for batch in pool.map(_check_batch, batches) for error in batch]
