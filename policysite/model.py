"""The policy domain as frozen dataclasses: themes, building blocks, pages, policies."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

from markdown.extensions.toc import slugify, unique

from .crosslinks import CrossLink
from .markup import RichText
from .brand import Brand, brand_of
from .schema import BLOCK_KIND_BY_KEY, BLOCK_KINDS, LINE, RESERVED_ID_PREFIXES, BlockKind

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"


@dataclass(frozen=True)
class Theme:
    """A theme of the controlled vocabulary, with its reader-facing labels."""

    id: str
    labels: Mapping[str, str]

    def label(self, lang: str) -> str:
        return self.labels[lang]


@dataclass(frozen=True)
class Part:
    heading: str
    anchor: str  # the id of its heading on the page (see model.heading_anchors)
    text: RichText | None
    items: tuple[RichText, ...]


@dataclass(frozen=True)
class Block:
    """A building block (value, principle, vision, purpose, focus area, commitment)."""

    kind: BlockKind
    id: str
    title: str
    summary: RichText | None
    lead: RichText | None
    text: RichText | None
    items_intro: RichText | None
    items: tuple[RichText, ...]
    parts: tuple[Part, ...]
    themes: tuple[str, ...]
    page: str  # the page it is explained on, as its Danish file name (e.g. "vaerdier.md")
    path: str  # the file it was read from, for messages
    line: int
    title_added: bool = False  # the source has no title here: the editors wrote it

    @property
    def card_text_is_editorial(self) -> bool:
        """Whether the card's text is the editors' summary rather than the policy's own wording."""
        return self.summary is not None

    @property
    def card_text(self) -> RichText | None:
        """The short text on the block's card: its summary, else its lead, else its text."""
        return self.summary or self.lead or self.text


@dataclass(frozen=True)
class Contact:
    unit: str | None
    address: str | None
    phone: str | None
    email: str | None
    person: str | None
    url: str | None


@dataclass(frozen=True)
class Source:
    title: str
    note: str
    url: str | None


@dataclass(frozen=True)
class Consultation:
    deadline: dt.date
    email: str
    address: str | None
    person: str | None

    def is_open(self, today: dt.date) -> bool:
        return today <= self.deadline


@dataclass(frozen=True)
class Signatory:
    """Who signs a page (a foreword): a name, and a role in the page's language."""

    name: str
    role: str


@dataclass(frozen=True)
class ConsultationHistory:
    """How an adopted policy got there: out for consultation until a date, then adopted."""

    consulted_until: dt.date
    adopted: dt.date
    adopted_by: str | None


@dataclass(frozen=True)
class Change:
    date: dt.date
    text: str


@dataclass(frozen=True)
class PolicyPage:
    """One page of a microsite in one language."""

    name: str  # Danish file name, the page's identity across languages (e.g. "vaerdier.md")
    path: str  # file read, for messages
    lang: str
    title: str
    description: str | None
    blocks: tuple[Block, ...]
    body: str
    body_line: int
    crosslinks: tuple[CrossLink, ...] = ()  # every kommune:/tema: link on the page, body and fields
    signatory: Signatory | None = None

    @property
    def url(self) -> str:
        """Path of the page within its microsite's language root ("" for the overview)."""
        stem = self.name[: -len(".md")]
        return "" if stem == "index" else f"{stem}/"


@dataclass(frozen=True)
class Policy:
    """A municipality's policy in one language, as its pages' front-matter describes it."""

    slug: str
    lang: str
    municipality: str
    policy_title: str
    status: str
    edition: str
    previous_edition: str | None
    year: int | None
    adopted: dt.date | None
    domain: str
    accessibility_statement: str
    site_url: str | None
    publisher: str
    contact: Contact
    replaces: tuple[str, ...]
    references: tuple[str, ...]
    source: Source
    consultation: Consultation | None
    changes: tuple[Change, ...]
    pages: tuple[PolicyPage, ...]
    inferred: tuple[str, ...] = ()  # facts the editors inferred, not printed (schema.INFERABLE)
    more_contacts: tuple[Contact, ...] = ()  # beside the main contact (a citizens' council, say)
    consultation_history: ConsultationHistory | None = None
    brand: Brand | None = None  # the municipality's colour and logo, or None for the site's own

    @property
    def contacts(self) -> tuple[Contact, ...]:
        """Every contact, the main one first."""
        return (self.contact, *self.more_contacts)

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(block for page in self.pages for block in page.blocks)

    def blocks_of(self, kind: BlockKind) -> tuple[Block, ...]:
        return tuple(block for block in self.blocks if block.kind == kind)

    def block_groups(self) -> tuple[tuple[BlockKind, tuple[Block, ...]], ...]:
        """Blocks grouped by kind, in the order the policy presents them."""
        order: list[BlockKind] = []
        for block in self.blocks:
            if block.kind not in order:
                order.append(block.kind)
        return tuple((kind, self.blocks_of(kind)) for kind in order)

    def page(self, name: str) -> PolicyPage:
        for page in self.pages:
            if page.name == name:
                return page
        raise KeyError(name)

    @property
    def themes(self) -> frozenset[str]:
        return frozenset(theme for block in self.blocks for theme in block.themes)

    @property
    def last_updated(self) -> dt.date | None:
        """When the text last changed: its latest change note, or its adoption if that is later.

        Taken from content, never from the clock or file times, so every rebuild
        (and every fresh checkout, which resets file times) shows the same date.
        """
        dates = [change.date for change in self.changes]
        if self.adopted is not None:
            dates.append(self.adopted)
        if self.consultation_history is not None:
            dates.append(self.consultation_history.adopted)
        return max(dates, default=None)


@dataclass(frozen=True)
class Municipality:
    """One microsite: the same policy in every language."""

    slug: str
    policies: Mapping[str, Policy]  # by language
    previous: "Municipality | None" = None  # the previous edition, read from editions/<name>/

    def policy(self, lang: str) -> Policy:
        return self.policies[lang]

    def previous_policy(self, lang: str) -> Policy | None:
        return self.previous.policy(lang) if self.previous is not None else None


def default_accessibility_statement(domain: str) -> str:
    return f"https://www.was.digst.dk/{domain}"


def heading_anchors(headings: Iterable[str], taken: Iterable[str]) -> list[str]:
    """The ids of the parts' headings: slugs made unique on the page, as Python-Markdown's toc makes them.

    ``taken`` are the ids already on the page (its body's and the blocks' own).
    """
    used = set(taken)
    counters: dict[str, int] = {}
    anchors = []
    for heading in headings:
        slug = slugify(heading, "-")
        if slug.startswith(RESERVED_ID_PREFIXES):  # the theme's own ids (policysite.schema)
            slug = f"del-{slug}"
        anchors.append(unique(slug, used, counters))
    return anchors


def build_block(kind_key: str, data: Mapping[str, Any], page: str, path: str,
                anchors: Iterator[str] | None = None) -> Block:
    """A block from its validated front-matter; ``anchors`` gives its parts' heading ids (build_page's)."""
    if anchors is None:
        anchors = iter(heading_anchors((part["heading"] for part in data.get("parts", ())), {data["id"]}))
    parts = tuple(
        Part(part["heading"], next(anchors), part.get("text"), tuple(part.get("items", ())))
        for part in data.get("parts", ())
    )
    return Block(
        kind=BLOCK_KIND_BY_KEY[kind_key],
        id=data["id"],
        title=data["title"],
        summary=data.get("summary"),
        lead=data.get("lead"),
        text=data.get("text"),
        items_intro=data.get("items_intro"),
        items=tuple(data.get("items", ())),
        parts=parts,
        themes=tuple(data["themes"]),
        page=page,
        path=path,
        line=data[LINE],
        title_added=bool(data.get("title_added", False)),
    )


def build_page(name: str, path: str, lang: str, data: Mapping[str, Any], body: str, body_line: int,
               body_ids: Iterable[str] = (), crosslinks: Iterable[CrossLink] = ()) -> PolicyPage:
    """A page from its validated front-matter; ``body_ids`` are the ids its rendered body already has."""
    items = sorted(((kind.key, item) for kind in BLOCK_KINDS for item in data.get(kind.key, ())),
                   key=lambda pair: pair[1][LINE])
    headings = [part["heading"] for _, item in items for part in item.get("parts", ())]
    anchors = iter(heading_anchors(headings, {*body_ids, *(item["id"] for _, item in items)}))
    blocks = tuple(build_block(key, item, name, path, anchors) for key, item in items)
    signatory = data.get("signatory")
    return PolicyPage(name, path, lang, data["title"], data.get("description"), blocks, body, body_line,
                      tuple(crosslinks),
                      Signatory(signatory["name"], signatory["role"]) if signatory else None)


def build_policy(slug: str, lang: str, data: Mapping[str, Any], pages: tuple[PolicyPage, ...]) -> Policy:
    contact = data["contact"]
    source = data["source"]
    consultation = data.get("consultation")
    history = data.get("consultation_history")
    return Policy(
        slug=slug,
        lang=lang,
        municipality=data["municipality"],
        policy_title=data["policy_title"],
        status=data["policy_status"],
        edition=str(data["edition"]),
        previous_edition=data.get("previous_edition"),
        year=data.get("year"),
        adopted=data.get("adopted") or (history["adopted"] if history else None),
        domain=data["domain"],
        accessibility_statement=data.get("accessibility_statement")
        or default_accessibility_statement(data["domain"]),
        site_url=data.get("site_url"),
        publisher=data["publisher"],
        contact=_contact(contact),
        replaces=tuple(data["replaces"]),
        references=tuple(data.get("references", ())),
        source=Source(source["title"], source["note"], source.get("url")),
        consultation=Consultation(
            consultation["deadline"], consultation["email"], consultation.get("address"), consultation.get("person")
        )
        if consultation
        else None,
        changes=tuple(Change(change["date"], change[lang]) for change in data["changes"]),
        pages=pages,
        inferred=tuple(data.get("inferred", ())),
        more_contacts=tuple(_contact(entry) for entry in data.get("contacts", ())),
        consultation_history=ConsultationHistory(history["consulted_until"], history["adopted"],
                                                 history.get("adopted_by")) if history else None,
        brand=brand_of(data),
    )


def _contact(data: Mapping[str, Any]) -> Contact:
    return Contact(*(data.get(key) for key in ("unit", "address", "phone", "email", "person", "url")))
