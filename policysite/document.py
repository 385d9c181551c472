"""The whole policy as one document (the PDF of each microsite and language): what it holds, in reading order.

Every page of the policy in its reading order, each with its Markdown body and
its building blocks where the page places them, rendered with the build's
Markdown extensions (policysite.markup), so the document has the same text as
the site. Its own heading outline: the policy's title is the one level-1
heading, each page a level-2 heading, and every heading of a page one level
below where the site has it. Ids are made unique per page, links between pages
become links inside the document, and links to the rest of the site and to
other sites become absolute addresses, since a PDF is read away from the site.

Plain data for overrides/policy/pdf.html; policybuild/pdf.py turns it into a
PDF. No MkDocs here.
"""
from __future__ import annotations

import datetime as dt
import html as htmllib
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from html.parser import HTMLParser
from markupsafe import Markup

from . import sanitize, views
from .catalog import Catalog
from .crosslinks import CrossLink
from .labels import LABELS, format_date
from .markup import BLOCKS_PLACEHOLDER_HTML, render, with_blocks_placeholder
from .layout import OVERVIEW, THEMES_PATH
from .model import DEFAULT_LANGUAGE, Block, ConsultationHistory, Contact, Policy, PolicyPage, Signatory
from .urls import SiteUrls, language_prefix
from .views import theme_page_path

# Where the build driver tells the hooks which PDFs it made: config.extra[EXTRA_KEY] =
# {lang: {"path": "<lang>/<file>.pdf", "size": bytes}} (policybuild/pdf.py, hooks/policy_pdf.py).
EXTRA_KEY = "policy_pdf"
CROSS_LINK_SCHEMES = ("kommune", "tema")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def pdf_file_name(slug: str, lang: str) -> str:
    """The PDF's file name, readable in a downloads folder: 'medborgerskabspolitik-naestved.pdf'."""
    return f"{LABELS[lang]['pdf_file_stem']}-{slug}.pdf"


def pdf_site_path(slug: str, lang: str) -> str:
    """Where the PDF lies in its microsite's folder: next to the language's overview."""
    return language_prefix(lang) + pdf_file_name(slug, lang)


def pdf_url(urls: SiteUrls, slug: str, lang: str) -> str:
    return urls.microsite_page(slug, lang) + pdf_file_name(slug, lang)


def format_size(size: int, lang: str) -> str:
    """A file size as readers write it: '312 kB', '1,4 MB' in Danish, '1.4 MB' in English."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    whole, fraction = f"{size / 1_000_000:.1f}".split(".")
    return f"{whole}{LABELS[lang]['decimal_separator']}{fraction} MB"


@dataclass(frozen=True)
class DocumentPage:
    """One page of the policy in the document."""

    name: str  # the page's Danish file name
    anchor: str  # its id in the document
    title: str
    html: Markup  # its body and blocks, checked by the sanitiser's allowlist
    signatory: Signatory | None = None  # who signs it (a foreword), under its text


@dataclass(frozen=True)
class PolicyDocument:
    """Everything the PDF of one policy in one language shows."""

    policy: Policy
    lang: str
    title: str
    danish_title: str | None  # the policy's Danish title, on documents in another language
    status: str  # 'Vedtaget 4. april 2016', 'Høringsudgave · høringen er åben til 2. august 2012'
    consultation_open: bool
    updated: dt.date | None
    pages: tuple[DocumentPage, ...]
    site_href: str  # the microsite's overview in this language
    contacts: tuple[Contact, ...] = ()  # every contact, the main one first (policysite.views.contacts)
    consultation_history: ConsultationHistory | None = None


class UnsafeDocument(Exception):
    """Rendering a page for the document gave HTML the allowlist refuses (never expected: content is checked)."""


def status_line(policy: Policy, today: dt.date) -> tuple[str, bool]:
    """The policy's status with its date, as page 1 shows it, and whether a consultation is open."""
    t = LABELS[policy.lang]
    if policy.status == "consultation":
        consultation = policy.consultation
        if consultation is None:
            return t["status_consultation"], False
        is_open = consultation.is_open(today)
        said = t["pdf_consultation_open"] if is_open else t["pdf_consultation_closed"]
        inferred = f" ({t['year_inferred']})" if "deadline_year" in policy.inferred else ""
        return f"{t['status_consultation']} · {said} {format_date(consultation.deadline, policy.lang)}{inferred}", is_open
    # what the editors inferred rather than read in the text is said so (Policy.inferred)
    inferred = f" ({t['inferred']})" if {"policy_status", "year"} & set(policy.inferred) else ""
    if policy.adopted is not None:
        return f"{t['status_adopted']} {format_date(policy.adopted, policy.lang)}{inferred}", False
    if policy.year is not None:
        return f"{t['status_adopted']} {policy.year}{inferred}", False
    return f"{t['status_adopted']}{inferred}", False


def policy_document(catalog: Catalog, urls: SiteUrls, slug: str, lang: str, today: dt.date,
                    blocks_html: Callable[[tuple[Block, ...]], str]) -> PolicyDocument:
    """The document of a municipality's policy in ``lang``.

    ``blocks_html`` gives a page's building blocks as the site's pages show them
    (overrides/policy/blocks.html, from the HTML the catalog rendered and checked),
    so both show the same text.
    """
    municipality = catalog.municipality(slug)
    policy = municipality.policy(lang)
    default = municipality.policy(DEFAULT_LANGUAGE)
    status, is_open = status_line(policy, today)
    anchors = {page.name: page_anchor(page.name) for page in policy.pages}
    renderer = _DocumentRenderer(catalog, urls, policy, anchors)
    pages = tuple(
        DocumentPage(page.name, anchors[page.name], page.title,
                     renderer.render(page, _page_html(page, blocks_html)), views.signatory(page))
        for page in policy.pages
    )
    return PolicyDocument(
        policy=policy,
        lang=lang,
        title=policy.policy_title,
        danish_title=default.policy_title if default.policy_title != policy.policy_title else None,
        status=status,
        consultation_open=is_open,
        updated=policy.last_updated,
        pages=pages,
        site_href=urls.microsite_page(slug, lang),
        contacts=views.contacts(policy),
        consultation_history=views.consultation_history(policy),
    )


def page_anchor(name: str) -> str:
    return "page-" + name[: -len(".md")]


def _page_html(page: PolicyPage, blocks_html: Callable[[tuple[Block, ...]], str]) -> str:
    """The page's HTML with its blocks, as hooks/policy_blocks.py composes it for the site.

    The body is rendered by the one Markdown renderer (policysite.markup), exactly as
    the catalog rendered it for the checks; the blocks take the placeholder's place.
    """
    html = render(with_blocks_placeholder(page.body, bool(page.blocks)))
    if page.blocks:
        html = html.replace(BLOCKS_PLACEHOLDER_HTML, blocks_html(page.blocks), 1)
    return html


class _DocumentRenderer:
    """One policy's pages as HTML for the document."""

    def __init__(self, catalog: Catalog, urls: SiteUrls, policy: Policy, anchors: Mapping[str, str]) -> None:
        self.catalog = catalog
        self.urls = urls
        self.policy = policy
        self.anchors = anchors
        self.page: PolicyPage | None = None

    def render(self, page: PolicyPage, html: str) -> Markup:
        """The page's HTML for the document: headings one level down, ids unique per page, links resolved."""
        self.page = page
        html = _Rewriter(self).rewrite(html)
        found = sanitize.findings(html)
        if found:
            raise UnsafeDocument(f"{page.path}: {', '.join(str(finding) for finding in found)}")
        return Markup(html)

    def element_id(self, value: str) -> str:
        assert self.page is not None
        return f"{self.anchors[self.page.name]}--{value}"

    def href(self, value: str) -> str:
        """Where a link in the page's text leads from the document."""
        assert self.page is not None
        parts = urlsplit(value)
        scheme = parts.scheme.lower()
        if scheme in CROSS_LINK_SCHEMES:
            slug, _, anchor = value.split(":", 1)[1].partition("#")
            return self._cross_link(CrossLink(scheme, slug, anchor or None, 0))
        if scheme or parts.netloc:  # https:, mailto:, tel: (the content checks allow no others)
            return value
        if not parts.path:  # '#anchor' on the same page
            return f"#{self.element_id(parts.fragment)}" if parts.fragment else f"#{self.anchors[self.page.name]}"
        name = posixpath.normpath(posixpath.join(posixpath.dirname(self.page.name), parts.path))
        if name in self.anchors:
            if parts.fragment:
                return f"#{self.anchors[name]}--{parts.fragment}"
            return f"#{self.anchors[name]}"
        # Another file of the microsite (the content checks make sure it exists): on the site.
        return self.urls.microsite_root(self.policy.slug) + name

    def _cross_link(self, link: CrossLink) -> str:
        lang = self.policy.lang
        if link.scheme == "tema":
            return self.urls.portal_page(lang, theme_page_path(link.slug) if link.slug else f"{THEMES_PATH}/")
        if link.slug == self.policy.slug:
            if link.anchor is None:
                return f"#{self.anchors[OVERVIEW]}"
            block = next(b for b in self.policy.blocks if b.id == link.anchor)
            return f"#{self.anchors[block.page]}--{block.id}"
        municipality = self.catalog.municipality(link.slug)
        name = OVERVIEW
        if link.anchor:
            name = next(b.page for b in municipality.policy(lang).blocks if b.id == link.anchor)
        return self.urls.microsite_page(link.slug, lang, name, link.anchor)


class _Rewriter(HTMLParser):
    """The site's HTML of a page, written again for the document.

    Headings go one level down (the policy's title is the document's one h1, each
    page's title an h2), every id gets the page's prefix, links become addresses
    in the document (policy_document's renderer decides), and the headings'
    permanent links ('¶') are left out. Everything else is copied as it stands.
    """

    def __init__(self, renderer: _DocumentRenderer) -> None:
        super().__init__(convert_charrefs=False)
        self.renderer = renderer
        self.out: list[str] = []
        self._skip = 0  # inside a heading's permanent link

    def rewrite(self, html: str) -> str:
        self.feed(html)
        self.close()
        return "".join(self.out)

    def _emit(self, text: str) -> None:
        if not self._skip:
            self.out.append(text)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closing: bool) -> None:
        if self._skip or (tag == "a" and "headerlink" in (dict(attrs).get("class") or "").split()):
            self._skip += 0 if closing else 1
            return
        if tag in _HEADINGS:
            tag = f"h{min(int(tag[1]) + 1, 6)}"
        written = []
        for name, value in attrs:
            if value is not None and name == "id":
                value = self.renderer.element_id(value)
            elif value is not None and name == "href" and tag == "a":
                value = self.renderer.href(value)
            written.append(name if value is None else f'{name}="{htmllib.escape(value, quote=True)}"')
        self.out.append("<" + " ".join([tag, *written]) + (" />" if closing else ">"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closing=True)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == "a":
                self._skip -= 1
            return
        if tag in _HEADINGS:
            tag = f"h{min(int(tag[1]) + 1, 6)}"
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self._emit(data)

    def handle_entityref(self, name: str) -> None:
        self._emit(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._emit(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self._emit(f"<!--{data}-->")
