"""Check every internal link of a built site: the target file exists and has the anchor.

Runs on the staging folder before it is published, so a broken link between
microsites, to a theme page or to a card never reaches readers.
"""
from __future__ import annotations

import os
import pickle
import posixpath
from dataclasses import dataclass
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from policysite.layout import INDEX_FILE, NOT_FOUND_PAGE


@dataclass(frozen=True)
class BrokenLink:
    page: str  # the built page, relative to the site folder
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: the link '{self.href}' {self.reason}"


# The built pages are written by MkDocs, Python-Markdown and our templates, which quote
# every attribute with double quotes; a scan for tags and their attributes is exact for
# them and several times faster than an HTML parser (this runs on every built page).
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
_ATTRIBUTE = re.compile(r'([^\s=/"\'<>]+)="([^"]*)"')
_RAW_TEXT = re.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)


@dataclass
class _Collector:
    ids: set[str]
    links: list[str]


_INTERESTING = re.compile(r'\s(?:id|href|src|name)="')


def collect(html: str) -> _Collector:
    """The ids (anchors) and the href/src links of one page."""
    ids: set[str] = set()
    links: list[str] = []
    # Script and style text is not markup; only the opening tag's attributes (src) count.
    html = _RAW_TEXT.sub(lambda match: match.group(0)[: match.group(0).index(">") + 1], html)
    for tag in _TAG.finditer(html):
        text = tag.group(2)
        if not text or not _INTERESTING.search(text):
            continue
        name = tag.group(1).lower()
        attributes = {key.lower(): unescape(value) for key, value in _ATTRIBUTE.findall(text)}
        if attributes.get("id"):
            ids.add(attributes["id"])
        if name == "a" and attributes.get("name"):
            ids.add(attributes["name"])
        for key in ("href", "src"):
            value = attributes.get(key)
            if value is not None and not (name == "link" and key == "href" and "alternate" in attributes.get("rel", "")):
                links.append(value)
    return _Collector(ids, links)


def _site_files(site: Path) -> set[str]:
    """Every file of the site, as a path relative to it ("naestved/index.html")."""
    found: set[str] = set()
    for folder, _, names in os.walk(site):
        relative = os.path.relpath(folder, site)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in names)
    return found


def _read_pages(locate, names: list[str], cache: Path | None) -> dict[str, _Collector]:
    """Each page's links and anchors; with ``cache``, pages whose file is unchanged are not read again.

    A file is the same when its inode, size and modification time are: an incremental
    build hard-links unchanged sites into place, and a rebuilt page is a new file.
    """
    stored: dict[str, tuple[tuple[int, int, int], _Collector]] = {}
    if cache is not None:
        try:
            stored = pickle.loads(cache.read_bytes())
        except (OSError, pickle.PickleError, EOFError, ValueError, AttributeError):
            stored = {}
    pages: dict[str, _Collector] = {}
    fresh: dict[str, tuple[tuple[int, int, int], _Collector]] = {}
    for name in names:
        path = locate(name)
        status = path.stat()
        identity = (status.st_ino, status.st_size, status.st_mtime_ns)
        known = stored.get(name)
        page = known[1] if known is not None and known[0] == identity else collect(
            path.read_text(encoding="utf-8", errors="replace"))
        pages[name] = page
        fresh[name] = (identity, page)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(fresh, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, cache)
    return pages


def check_site(site: Path, base_path: str = "/", cache: Path | None = None,
               overlays: dict[str, Path] | None = None) -> list[BrokenLink]:
    """Broken internal links in ``site``, published at ``base_path`` on its host.

    404 pages are skipped: MkDocs writes them with root-relative links on purpose,
    since a host serves them at any address. ``cache`` (a file) remembers what each
    page links to between runs. ``overlays`` checks the site as it will be once some
    top-level folders are replaced: {"naestved": <the new build of naestved>}.
    """
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    overlays = overlays or {}
    files = {name for name in _site_files(site) if name.split("/", 1)[0] not in overlays}
    for top, folder in overlays.items():
        files.update(f"{top}/{name}" for name in _site_files(folder))

    def locate(name: str) -> Path:
        top, _, rest = name.partition("/")
        return overlays[top] / rest if top in overlays and rest else site / name

    folders = {posixpath.dirname(name) for name in files}
    pages = _read_pages(locate, sorted(name for name in files if name.endswith(".html")), cache)
    resolved: dict[tuple[str, str], str | None] = {}  # (folder, link path) -> target file, or None

    def resolve(here: str, path: str) -> str | None:
        key = (here, path)
        if key not in resolved:
            if path.startswith("/"):
                target = posixpath.normpath(unquote(path[len(base_path):]) or ".")
            else:
                target = posixpath.normpath(posixpath.join(here, unquote(path)))
            if target == ".":
                target = ""
            if path.endswith("/") or target in folders or target == "":
                target = posixpath.join(target, INDEX_FILE) if target else INDEX_FILE
            resolved[key] = None if target.startswith("../") or target not in files else target
        return resolved[key]

    broken: list[BrokenLink] = []
    for shown, page in pages.items():
        if posixpath.basename(shown) == NOT_FOUND_PAGE:
            continue
        here = posixpath.dirname(shown)
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("//"):
                continue  # other sites, mail and phone links are not ours to check
            if not parts.path:
                if parts.fragment and unquote(parts.fragment) not in page.ids:
                    broken.append(BrokenLink(shown, href, "points to an anchor that is not on the page"))
                continue
            if parts.path.startswith("/") and not parts.path.startswith(base_path):
                broken.append(BrokenLink(shown, href, f"points outside the site's address {base_path}"))
                continue
            target = resolve(here, parts.path)
            if target is None:
                broken.append(BrokenLink(shown, href, "points to a page or file that does not exist"))
                continue
            if parts.fragment:
                linked = pages.get(target)
                if linked is not None and unquote(parts.fragment) not in linked.ids:
                    broken.append(BrokenLink(shown, href, f"points to '#{parts.fragment}', which is not on that page"))
    return broken
