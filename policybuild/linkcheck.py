"""Check every internal link of a built site: the target file exists and has the anchor.

Runs on the staging folder before it is published, so a broken link between
microsites, to a theme page or to a card never reaches readers.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class BrokenLink:
    page: str  # the built page, relative to the site folder
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: the link '{self.href}' {self.reason}"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])  # type: ignore[arg-type]
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])  # type: ignore[arg-type]
        for name in ("href", "src"):
            value = attributes.get(name)
            if value is not None and not (tag == "link" and name == "href" and "alternate" in (attributes.get("rel") or "")):
                self.links.append(value)


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return collector


def check_site(site: Path, base_path: str = "/") -> list[BrokenLink]:
    """Broken internal links in ``site``, published at ``base_path`` on its host.

    404 pages are skipped: MkDocs writes them with root-relative links on purpose,
    since a host serves them at any address.
    """
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    pages = {path: _parse(path) for path in sorted(site.rglob("*.html"))}
    broken: list[BrokenLink] = []
    for path, page in pages.items():
        if path.name == "404.html":
            continue
        shown = path.relative_to(site).as_posix()
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("//"):
                continue  # other sites, mail and phone links are not ours to check
            if not parts.path:
                if parts.fragment and unquote(parts.fragment) not in page.ids:
                    broken.append(BrokenLink(shown, href, "points to an anchor that is not on the page"))
                continue
            if parts.path.startswith("/"):
                if not parts.path.startswith(base_path):
                    broken.append(BrokenLink(shown, href, f"points outside the site's address {base_path}"))
                    continue
                target = site / unquote(parts.path[len(base_path):])
            else:
                target = Path(posixpath.normpath(posixpath.join(path.parent.as_posix(), unquote(parts.path))))
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(BrokenLink(shown, href, "points to a page or file that does not exist"))
                continue
            if parts.fragment:
                linked = pages.get(target)
                if linked is not None and unquote(parts.fragment) not in linked.ids:
                    broken.append(BrokenLink(shown, href, f"points to '#{parts.fragment}', which is not on that page"))
    return broken
