"""Check every internal link of a built site: the target file exists and has the anchor.

Runs on the staging folder before it is published, so a broken link between
microsites, to a theme page or to a card never reaches readers.
"""
from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
import re
from collections.abc import Mapping
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from policysite import messages, sealed
from policysite.messages import Phrase, phrase
from policysite.layout import INDEX_FILE, NOT_FOUND_PAGE


@dataclass(frozen=True)
class BrokenLink:
    page: str  # the built page, relative to the site folder
    href: str
    reason: Phrase | str  # what is wrong, in the messages' language (policysite/messages.py)

    def __str__(self) -> str:
        return messages.word("broken-link").format(page=self.page, href=self.href, reason=self.reason)


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


LINK_CACHE_PURPOSE = "links"
LINK_CACHE_KEY = "pages v1"


def _load_link_cache(cache: Path, secret: bytes | None) -> dict[str, tuple[tuple[int, int, int], _Collector]]:
    """What the last run read, if this machine wrote it (policysite/sealed.py); else nothing."""
    stored = sealed.read(cache, secret, LINK_CACHE_PURPOSE, LINK_CACHE_KEY)
    pages: dict[str, tuple[tuple[int, int, int], _Collector]] = {}
    if not isinstance(stored, dict):
        return pages
    for name, entry in stored.items():
        try:
            inode, size, mtime, ids, links = entry
            identity = (int(inode), int(size), int(mtime))
            if not (all(isinstance(i, str) for i in ids) and all(isinstance(link, str) for link in links)):
                continue
        except (TypeError, ValueError):
            continue
        pages[name] = (identity, _Collector(set(ids), list(links)))
    return pages


def _read_pages(locate, names: list[str], cache: Path | None,
                secret: bytes | None = None) -> dict[str, _Collector]:
    """Each page's links and anchors; with ``cache``, pages whose file is unchanged are not read again.

    A file is the same when its inode, size and modification time are: an incremental
    build hard-links unchanged sites into place, and a rebuilt page is a new file.
    The cache is JSON sealed with this machine's key, so an entry that hides a link
    cannot be planted: a cache this machine did not write is ignored.
    """
    stored = _load_link_cache(cache, secret) if cache is not None else {}
    pages: dict[str, _Collector] = {}
    fresh: dict[str, list] = {}
    for name in names:
        path = locate(name)
        status = path.stat()
        identity = (status.st_ino, status.st_size, status.st_mtime_ns)
        known = stored.get(name)
        page = known[1] if known is not None and known[0] == identity else collect(
            path.read_text(encoding="utf-8", errors="replace"))
        pages[name] = page
        fresh[name] = [*identity, sorted(page.ids), page.links]
    if cache is not None:
        sealed.write(cache, secret, LINK_CACHE_PURPOSE, LINK_CACHE_KEY, fresh)
    return pages


def check_site(site: Path, base_path: str = "/", cache: Path | None = None,
               overlays: dict[str, Path] | None = None, *, secret: bytes | None = None,
               only: set[str] | None = None, microsites: frozenset[str] = frozenset(),
               expected: Mapping[str, frozenset[str] | None] | None = None) -> list[BrokenLink]:
    """Broken internal links in ``site``, published at ``base_path`` on its host.

    404 pages are skipped: MkDocs writes them with root-relative links on purpose,
    since a host serves them at any address. ``cache`` (a file, sealed with
    ``secret``) remembers what each page links to between runs. ``overlays`` checks
    the site as it will be once some top-level folders are replaced:
    {"naestved": <the new build of naestved>}.

    ``only`` (top-level folders) checks the links on the pages in them and the links
    from every other page into them; the rest was checked when it was published.
    A site is one of the ``microsites`` folders or the portal (everything else).
    ``expected`` lists, for the sites that have no files here (nothing built yet),
    the files they will have and the anchors of each (None: not known); a link into
    such a site is checked against that list instead of the files.
    """
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    overlays = overlays or {}
    files = {name for name in _site_files(site) if name.split("/", 1)[0] not in overlays} if site.is_dir() else set()
    for top, folder in overlays.items():
        files.update(f"{top}/{name}" for name in _site_files(folder))

    def site_of(name: str) -> str:
        top = name.split("/", 1)[0]
        return top if top in microsites else ""

    present = {site_of(name) for name in files}

    def locate(name: str) -> Path:
        top, _, rest = name.partition("/")
        return overlays[top] / rest if top in overlays and rest else site / name

    folders = {posixpath.dirname(name) for name in files}
    pages = _read_pages(locate, sorted(name for name in files if name.endswith(".html")), cache, secret)
    resolved: dict[tuple[str, str], tuple[str | None, bool]] = {}  # (folder, link path) -> (target, exists)

    def resolve(here: str, path: str) -> tuple[str | None, bool]:
        """The file a link leads to (None: out of the site) and whether it exists."""
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
            if target.startswith("../") or target == "..":
                resolved[key] = (None, False)
            elif target in files:
                resolved[key] = (target, True)
            elif expected is not None and site_of(target) not in present:
                if target not in expected and f"{target}/{INDEX_FILE}" in expected:
                    target = f"{target}/{INDEX_FILE}"
                resolved[key] = (target, target in expected)
            else:
                resolved[key] = (target, False)
        return resolved[key]

    def anchors(target: str) -> set[str] | frozenset[str] | None:
        linked = pages.get(target)
        if linked is not None:
            return linked.ids
        if expected is not None and target not in files:
            return expected.get(target)
        return None

    broken: list[BrokenLink] = []
    for shown, page in pages.items():
        if posixpath.basename(shown) == NOT_FOUND_PAGE:
            continue
        mine = only is None or shown.split("/", 1)[0] in only
        here = posixpath.dirname(shown)
        for href in page.links:
            if not mine and "%" not in href and not any(top in href for top in only):
                continue  # from outside the checked folders, a link can reach one only by naming it
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("//"):
                continue  # other sites, mail and phone links are not ours to check
            if not parts.path:
                if mine and parts.fragment and unquote(parts.fragment) not in page.ids:
                    broken.append(BrokenLink(shown, href, phrase("link-no-anchor")))
                continue
            if parts.path.startswith("/") and not parts.path.startswith(base_path):
                if mine:
                    broken.append(BrokenLink(shown, href, phrase("link-outside-site", base=base_path)))
                continue
            target, exists = resolve(here, parts.path)
            if not mine and (target is None or target.split("/", 1)[0] not in only):
                continue
            if not exists:
                broken.append(BrokenLink(shown, href, phrase("link-no-page")))
                continue
            if parts.fragment:
                ids = anchors(target)
                if ids is not None and unquote(parts.fragment) not in ids:
                    broken.append(BrokenLink(shown, href, phrase("link-no-fragment", anchor=parts.fragment)))
    return broken
