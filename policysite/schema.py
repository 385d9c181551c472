"""The front-matter schema: one declaration used to validate content, render it and document it.

Each Field says what an editor may write under a key, in Danish and English,
and its Kind says what sort of value that is. Every text field declares one
of three kinds of text, and the checks and the templates both follow it:

- plain text (``PLAIN_TEXT``): names, titles, labels, headings, contact
  details, the source's title and note, change notes, references and the
  policies a policy replaces. These are printed as they are, in places where
  markup could not work anyway (the page's ``<title>``, the menu, the search
  index, meta tags, the Atom feed, JSON-LD, link texts and table cells), so
  they are never rendered as Markdown, always escaped, and refused if they hold
  anything HTML or Markdown would read as markup (policysite.text).
- inline Markdown (``INLINE_MARKDOWN``): the short texts a block opens with
  (``summary``, ``lead``, ``items_intro``). One paragraph, which may hold
  emphasis, links and ``<span lang>``; a card shows it in a sentence's place.
- block Markdown (``BLOCK_MARKDOWN``): a block's ``text`` and its ``items``,
  which hold the policy's own wording with paragraphs, and for items nested
  lists (see municipalities/haderslev/indsatsomraader.md). A list of block
  Markdown is a list of list items.

``validate`` checks a Located mapping against a list of fields and returns plain
values (Markdown fields as policysite.markup.RichText, rendered once, here);
every problem becomes a ContentError naming the file, line and key.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from . import markup, text as textrules, textbounds
from .messages import Phrase, both, phrase
from .errors import ContentError
from .frontmatter import Located

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# An address as mail programs and mailto: links read it alike: no quotes, brackets or spaces.
EMAIL = re.compile(r"^[a-z0-9._%+-]+@([a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)
DOMAIN = re.compile(r"^([a-z0-9-]+\.)+[a-z]{2,}$")
PHONE = re.compile(r"^\+?[0-9][0-9 ]{5,18}[0-9]$")
# An absolute address as browsers and Python read it alike: a host name of letters, digits, dots and
# hyphens (no user name, no port, no backslash, which browsers read as '/'), then a path.
URL = re.compile(r"^(?P<scheme>[a-z]+)://(?P<host>[a-z0-9.-]+)(?P<rest>[/?#][^\s<>\"'`\\{}|^]*)?$", re.IGNORECASE)
PAGE_FILE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.md$")

PLAIN = "plain"
INLINE = "inline"
BLOCK = "block"
# In a UrlRule's hosts: the municipality's own domain (its 'domain:' field) and every subdomain of it.
OWN_DOMAIN = "<domain>"


@dataclass(frozen=True)
class UrlRule:
    """Which web addresses a URL field accepts: its schemes, and its hosts (empty: any host)."""

    schemes: tuple[str, ...] = ("https",)
    hosts: tuple[str, ...] = ()  # exact hosts, or OWN_DOMAIN

    def describe(self, lang: str) -> str:
        schemes = " / ".join(f"{scheme}://" for scheme in self.schemes)
        if not self.hosts:
            return schemes
        own = "kommunens domæne" if lang == "da" else "the municipality's domain"
        hosts = [own if host == OWN_DOMAIN else host for host in self.hosts if not host.startswith("www.")]
        joined = (" eller " if lang == "da" else " or ").join(hosts)
        return f"{schemes} {'på' if lang == 'da' else 'on'} {joined}"

    def allowed(self) -> Phrase:
        """What the rule allows, in the messages' language (``describe`` in both)."""
        return both(self.describe("da"), self.describe("en"))

    def problem(self, value: str, domain: str | None) -> Phrase | None:
        """Why ``value`` is not allowed (a phrase of policysite/messages.py), or None."""
        match = URL.fullmatch(value)
        if match is None:
            scheme = value.split("://", 1)[0].lower() if "://" in value else ""
            if scheme and re.fullmatch(r"[a-z][a-z0-9+.-]*", scheme) and scheme not in self.schemes:
                return phrase("url-scheme", scheme=scheme, allowed=self.allowed())
            return phrase("url-incomplete")
        scheme, host = match.group("scheme").lower(), match.group("host").lower().rstrip(".")
        if scheme not in self.schemes:
            return phrase("url-scheme", scheme=scheme, allowed=self.allowed())
        if not self.hosts:
            return None
        for allowed in self.hosts:
            if allowed == OWN_DOMAIN:
                if domain and (host == domain or host.endswith("." + domain)):
                    return None
            elif host == allowed:
                return None
        own = f" ({domain})" if domain else ""
        hosts: list[Any] = [f"'{h}'" for h in self.hosts if h != OWN_DOMAIN]
        if OWN_DOMAIN in self.hosts:
            hosts.append(phrase("url-own-domain", own=own))
        listed = hosts[0]
        for more in hosts[1:]:
            listed = phrase("or", first=listed, second=more)
        return phrase("url-host", host=host, hosts=listed)


@dataclass(frozen=True)
class Kind:
    """A value type: how it is checked, rendered and described to editors."""

    name: str
    da: str
    en: str
    check: Callable[[Any], bool]
    hint: str = "kind-text"  # the wrong-type detail (policysite/messages.py) that says how to write it
    options: tuple[str, ...] = ()  # a choice's options
    text: str | None = None  # PLAIN, INLINE or BLOCK for the kinds of text editors write
    url: UrlRule | None = None  # for web addresses: the schemes and hosts allowed
    about_da: str = ""  # what the kind means, for the field reference
    about_en: str = ""


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


_TEXT_HINT = "kind-text"
PLAIN_TEXT = Kind(
    "plain", "tekst", "text", _is_text, _TEXT_HINT, text=PLAIN,
    about_da="Almindelig tekst, vist præcis som skrevet. Ingen Markdown eller HTML: ikke `*`, `[...](...)`, "
             "backtick-tegn, `<...>` eller `&...;`. Citater på dansk i »…« markeres som dansk på engelske sider.",
    about_en="Plain text, shown exactly as written. No Markdown or HTML: no `*`, `[...](...)`, backticks, "
             "`<...>` or `&...;`. Danish quotations in »…« are marked as Danish on English pages.",
)
INLINE_MARKDOWN = Kind(
    "inline", "kort tekst (Markdown i linjen)", "short text (inline Markdown)", _is_text, _TEXT_HINT, text=INLINE,
    about_da="Ét afsnit Markdown: `*kursiv*`, `**fed**`, `[links](vaerdier.md)` og `<span lang=\"da\">`, men "
             "ingen tomme linjer, lister eller overskrifter.",
    about_en="One paragraph of Markdown: `*italics*`, `**bold**`, `[links](vaerdier.md)` and `<span lang=\"da\">`, "
             "but no blank lines, lists or headings.",
)
BLOCK_MARKDOWN = Kind(
    "markdown", "tekst (Markdown)", "text (Markdown)", _is_text, _TEXT_HINT, text=BLOCK,
    about_da="Markdown med afsnit og lister, som i sidens tekst, men uden overskrifter (dem giver `title` og "
             "`parts`). I en liste (`items`) er hver linje med `- ` ét punkt; underpunkter rykkes fire "
             "mellemrum ind.",
    about_en="Markdown with paragraphs and lists, as in the page's text, but without headings (those come from "
             "`title` and `parts`). In a list (`items`) each `- ` line is one item; sub-points are indented by "
             "four spaces.",
)
SLUG_KIND = Kind(
    "id", "id (små bogstaver a-z, tal og bindestreg)", "id (lower-case a-z, digits and hyphens)",
    lambda v: isinstance(v, str) and bool(SLUG.fullmatch(v)),
    "kind-id",
)
# Ids the theme (Material) gives its own elements, which its scripts look up by id: a page may not
# use them, or it could take over what the theme reads (see the output gate).
RESERVED_ID_PREFIXES = ("__", "md-")
BLOCK_ID_KIND = Kind(
    "id", "id (små bogstaver a-z, tal og bindestreg)", "id (lower-case a-z, digits and hyphens)",
    lambda v: isinstance(v, str) and bool(SLUG.fullmatch(v)) and not v.startswith(RESERVED_ID_PREFIXES),
    "kind-block-id",
)
# Published with versions, a microsite keeps each edition in <site>/<edition>/ next to the
# alias folder for the newest one and its /was page, so an edition may not take those names.
from .layout import LATEST_ALIAS, RESERVED_EDITIONS  # noqa: E402,F401
EDITION_KIND = Kind(
    "edition", "udgavenavn i anførselstegn", "edition name in quotes",
    lambda v: isinstance(v, str) and bool(SLUG.fullmatch(v)),
    "kind-edition",
)
INT_YEAR = Kind(
    "year", "årstal", "year",
    lambda v: isinstance(v, int) and not isinstance(v, bool) and 1900 <= v <= 2100,
    "kind-year",
)
DATE = Kind(
    "date", "dato (ÅÅÅÅ-MM-DD)", "date (YYYY-MM-DD)", lambda v: isinstance(v, dt.date),
    "kind-date",
)
EMAIL_KIND = Kind(
    "email", "e-mailadresse", "e-mail address", lambda v: isinstance(v, str) and bool(EMAIL.fullmatch(v)),
    "kind-email",
)
PHONE_KIND = Kind(
    "phone", "telefonnummer i anførselstegn", "phone number in quotes",
    lambda v: isinstance(v, str) and bool(PHONE.fullmatch(v)),
    "kind-phone",
)
DOMAIN_KIND = Kind(
    "domain", "domæne", "domain", lambda v: isinstance(v, str) and bool(DOMAIN.fullmatch(v)),
    "kind-domain",
)


def url_kind(rule: UrlRule, hint: str = "kind-url") -> Kind:
    """A web address allowed by ``rule``, checked with the mapping's other fields (its domain) by the Validator."""
    return Kind(
        "url", f"webadresse ({rule.describe('da')})", f"web address ({rule.describe('en')})",
        lambda v: isinstance(v, str) and v.strip() != "", hint, url=rule,
    )


# Any https address: a municipality's website, a source document.
URL_KIND = url_kind(UrlRule())
# Danish rules send readers to an accessibility statement at was.digst.dk, or to the
# municipality's own statement; the /was page redirects there, so it may go nowhere else.
STATEMENT_URL_KIND = url_kind(
    UrlRule(("https",), ("was.digst.dk", "www.was.digst.dk", OWN_DOMAIN)),
    "kind-statement-url",
)
LIX_KIND = Kind(
    "lix", "heltal mellem 20 og 70", "whole number between 20 and 70",
    lambda v: isinstance(v, int) and not isinstance(v, bool) and 20 <= v <= 70,
    "kind-lix",
)
STAMP_KIND = Kind(
    "stamp", "kode på 12 tegn i anførselstegn", "12-character code in quotes",
    lambda v: isinstance(v, str) and re.fullmatch(r"[0-9a-f]{12}", v) is not None,
    "kind-stamp",
)
PAGE_KIND = Kind(
    "page", "filnavn (.md)", "file name (.md)", lambda v: isinstance(v, str) and bool(PAGE_FILE.fullmatch(v)),
    "kind-page",
)
FLAG_KIND = Kind(
    "flag", "ja/nej (true eller false)", "yes/no (true or false)", lambda v: isinstance(v, bool),
    "kind-flag",
)
# A source's address: https, or http, which older municipal websites still have (make check warns).
SOURCE_URL_KIND = url_kind(UrlRule(("https", "http")), "kind-source-url")
TEXT_KINDS = (PLAIN_TEXT, INLINE_MARKDOWN, BLOCK_MARKDOWN)


def choice(*options: str) -> Kind:
    listed = ", ".join(options)
    return Kind(
        "choice", f"et af: {listed}", f"one of: {listed}",
        lambda v: isinstance(v, str) and v in options,
        "kind-choice", options=options,
    )


@dataclass(frozen=True)
class Field:
    """One front-matter key: its type, whether it is required, and help for editors."""

    name: str
    kind: Kind | None  # None for a mapping or a list of mappings (see ``fields``)
    required: bool
    da: str
    en: str
    many: bool = False  # a list of ``kind`` values or of mappings
    fields: tuple["Field", ...] = ()
    neutral: bool = False  # the same in every language
    example: str = ""
    min_items: int = 0
    max_items: int | None = None

    @property
    def translated(self) -> bool:
        """Whether a translation (the English twin) writes this field: it holds translated text."""
        if self.neutral:
            return False
        if self.fields:
            return any(sub.translated for sub in self.fields)
        return True

    @property
    def required_in_translation(self) -> bool:
        """Required in the English twin too: one translated text that is always there (a title, a name).

        A list, or a group whose texts are optional, is compared with the Danish file instead: the
        English file has it exactly when the Danish one does (policysite.catalog.merge_translation).
        """
        if not self.required or not self.translated or self.many:
            return False
        if self.fields:
            return any(sub.required_in_translation for sub in self.fields)
        return True


THEMES_FIELD_NAME = "themes"

# Every text field's kind, and why. A heading, a title or a name is plain text: it is printed in
# the menu, the table of contents, <title>, link texts and the search index, where markup cannot
# work. The block's short texts are inline Markdown: each is one paragraph, shown on a card or before
# a list. The policy's own wording (text, items) is block Markdown, with lists nested in items.
PART_FIELDS = (
    Field("heading", PLAIN_TEXT, True, "Overskrift på delen, som i kilden.", "Heading of the part, as in the source."),
    Field("text", BLOCK_MARKDOWN, False, "Tekst (Markdown).", "Text (Markdown)."),
    Field("items", BLOCK_MARKDOWN, False, "Punkter.", "List items.", many=True, min_items=1),
)

BLOCK_FIELDS = (
    Field("id", BLOCK_ID_KIND, True, "Kort id brugt i webadressen; det samme på dansk og engelsk.",
          "Short id used in the web address; the same in Danish and English.", neutral=True, example="naerhed"),
    Field("title", PLAIN_TEXT, True, "Byggestenens titel, som i kilden.", "The building block's title, as in the source.", example="Nærhed"),
    Field("title_added", FLAG_KIND, False,
          "`true`, hvis kilden ikke har en titel her, og redaktionen har skrevet den; siden viser diskret "
          "»Titlen er tilføjet af redaktionen«.",
          "`true` if the source has no title here and the editors wrote it; the page shows discreetly "
          "'Title added by the editors'.", neutral=True, example="true"),
    Field("summary", INLINE_MARKDOWN, False,
          "Redaktionens korte sætning til kortet på oversigten (ikke politikkens ordlyd; kortet viser, at den er "
          "redaktionens).",
          "The editors' one short sentence for the card on the overview (not the policy's wording; the card shows "
          "that it is the editors')."),
    Field("lead", INLINE_MARKDOWN, False, "Indledende sætning, som i kilden.", "Lead sentence, as in the source."),
    Field("text", BLOCK_MARKDOWN, False, "Brødtekst (Markdown), som i kilden.", "Body text (Markdown), as in the source."),
    Field("items_intro", INLINE_MARKDOWN, False, "Linjen før punkterne, fx »Næstved Kommune:«.", "The line before the list, e.g. 'Næstved Municipality:'."),
    Field("items", BLOCK_MARKDOWN, False, "Punkterne (mål, handlinger, underpunkter).", "The list items (goals, actions, sub-points).", many=True, min_items=1),
    Field("parts", None, False, "Dele med egen overskrift (fx »Hvor vil vi hen?«).", "Parts with their own heading (e.g. 'Where are we going?').",
          many=True, fields=PART_FIELDS, min_items=1),
    Field(THEMES_FIELD_NAME, SLUG_KIND, True, "1-3 temaer fra themes.yml.", "1-3 themes from themes.yml.",
          many=True, neutral=True, min_items=1, max_items=3, example="[faellesskab, naboskab]"),
)


@dataclass(frozen=True)
class BlockKind:
    """A kind of building block: its front-matter key and its labels."""

    key: str
    singular_da: str
    plural_da: str
    singular_en: str
    plural_en: str


BLOCK_KINDS: tuple[BlockKind, ...] = (
    BlockKind("visions", "Vision", "Visioner", "Vision", "Visions"),
    BlockKind("values", "Værdi", "Værdier", "Value", "Values"),
    BlockKind("principles", "Princip", "Principper", "Principle", "Principles"),
    BlockKind("purposes", "Formål", "Formål", "Purpose", "Purposes"),
    BlockKind("focus_areas", "Indsatsområde", "Indsatsområder", "Focus area", "Focus areas"),
    BlockKind("commitments", "Ønske", "Kommunen ønsker", "Commitment", "Commitments"),
    BlockKind("follow_ups", "Opfølgning", "Opfølgning", "Follow-up", "Follow-up"),
)
BLOCK_KIND_BY_KEY = {kind.key: kind for kind in BLOCK_KINDS}

# Contact details, the source, consultation details and change notes are facts printed as they are
# (the footer, the facts list, the consultation box, the Atom feed): plain text, e-mail, phone, URL.
CONTACT_FIELDS = (
    Field("unit", PLAIN_TEXT, False, "Afdeling eller center.", "Department or centre."),
    Field("address", PLAIN_TEXT, False, "Postadresse.", "Postal address.", neutral=True),
    Field("phone", PHONE_KIND, False, "Telefon.", "Phone.", neutral=True, example='"49 28 28 28"'),
    Field("email", EMAIL_KIND, False, "E-mail.", "E-mail.", neutral=True),
    Field("person", PLAIN_TEXT, False, "Kontaktperson.", "Contact person.", neutral=True),
    Field("url", URL_KIND, False, "Kommunens websted, hvis politikken ikke nævner telefon eller e-mail.",
          "The municipality's website, if the policy gives no phone or e-mail.", neutral=True),
)

# Further contacts beside the main one, such as a citizens' council beside the administration: each
# is named (its unit), and like the main contact it gives a phone, an e-mail or a website.
MORE_CONTACT_FIELDS = (
    Field("unit", PLAIN_TEXT, True, "Navnet på kontakten, fx »Borgerrådet«.", "The contact's name, e.g. 'The Citizens' Council'.",
          example="Borgerrådet"),
    *CONTACT_FIELDS[1:],
)

SOURCE_FIELDS = (
    Field("title", PLAIN_TEXT, True, "Kildedokumentets titel, som trykt (på dansk).", "The source document's title, as printed (in Danish).",
          neutral=True),
    Field("note", PLAIN_TEXT, True, "Hvor teksten kommer fra.", "Where the text comes from."),
    Field("url", SOURCE_URL_KIND, False,
          "Webadresse til kilden. `http://` accepteres (ældre kommunale websteder), men `make check` advarer.",
          "Web address of the source. `http://` is accepted (older municipal websites), but `make check` warns.",
          neutral=True),
)

# Who signs a page, such as a foreword: shown under the page's text.
SIGNATORY_FIELDS = (
    Field("name", PLAIN_TEXT, True, "Navnet, som i kilden.", "The name, as in the source.", neutral=True,
          example="Carsten Rasmussen"),
    Field("role", PLAIN_TEXT, True, "Rollen, fx »Borgmester«.", "The role, e.g. 'Mayor'.", example="Borgmester"),
)

# An adopted policy's way there: out for consultation until a date, then adopted.
CONSULTATION_HISTORY_FIELDS = (
    Field("consulted_until", DATE, True, "Sidste dag i høringen.", "The last day of the consultation.", neutral=True,
          example="2019-04-30"),
    Field("adopted", DATE, True, "Datoen, politikken blev vedtaget efter høringen.",
          "The date the policy was adopted after the consultation.", neutral=True, example="2019-06-24"),
    Field("adopted_by", PLAIN_TEXT, False, "Hvem vedtog den, fx »Byrådet«.", "Who adopted it, e.g. 'The City Council'."),
)

CONSULTATION_FIELDS = (
    Field("deadline", DATE, True, "Høringsfrist.", "Consultation deadline.", neutral=True, example="2012-08-02"),
    Field("email", EMAIL_KIND, True, "Hvor høringssvar sendes.", "Where responses are sent.", neutral=True),
    Field("address", PLAIN_TEXT, False, "Postadresse til høringssvar.", "Postal address for responses.", neutral=True),
    Field("person", PLAIN_TEXT, False, "Kontaktperson.", "Contact person.", neutral=True),
)

# One list of change notes, in the Danish overview only: each entry has its date and both texts,
# so both languages show the same history and the same "last updated".
CHANGE_FIELDS = (
    Field("date", DATE, True, "Dato for ændringen.", "Date of the change.", neutral=True, example="2026-11-23"),
    Field("da", PLAIN_TEXT, True, "Hvad blev ændret og hvorfor, på dansk.", "What changed and why, in Danish.",
          example='"Stavefejl rettet: »fokuser« → »fokuserer«."'),
    Field("en", PLAIN_TEXT, True, "Det samme på engelsk.", "The same in English.",
          example='"Spelling corrected: »fokuser« → »fokuserer« (focuses)."'),
)

PAGE_FIELDS = (
    Field("title", PLAIN_TEXT, True, "Sidens titel (vises i menuen).", "The page title (shown in the menu).", example="Værdier"),
    Field("description", PLAIN_TEXT, False, "En sætning til søgemaskiner.", "One sentence for search engines."),
    Field("translated_from", STAMP_KIND, False,
          "Kun på engelske sider: koden for den danske tekst, som siden er oversat fra. `make check` advarer, "
          "når den danske side ændres, og viser den nye kode.",
          "English pages only: the code of the Danish text the page was translated from. `make check` warns "
          "when the Danish page changes and shows the new code.", example='"3fa29c01b7de"'),
    Field("signatory", None, False, "Hvem underskriver siden (fx et forord): navn og rolle.",
          "Who signs the page (e.g. a foreword): name and role.", fields=SIGNATORY_FIELDS),
    *(
        Field(kind.key, None, False, f"{kind.plural_da} (byggesten, der bliver til kort).",
              f"{kind.plural_en} (building blocks that become cards).", many=True, fields=BLOCK_FIELDS, min_items=1)
        for kind in BLOCK_KINDS
    ),
)

# Facts an editor may have had to infer (the text does not print them): the site marks each one.
INFERABLE = ("year", "policy_status", "publisher", "deadline_year")
# Optional identity (``brand:``); what a colour or logo must be is checked by policysite/brand.py.
COLOUR_PATTERN = re.compile(r"#[0-9a-fA-F]{6}")
COLOUR_KIND = Kind(
    "colour", "farvekode i anførselstegn (#rrggbb)", "colour code in quotes (#rrggbb)",
    lambda v: isinstance(v, str) and bool(COLOUR_PATTERN.fullmatch(v)),
    "kind-colour",
)
LOGO_KIND = Kind(
    "logo", "filnavn på et PNG-billede i mappen", "file name of a PNG image in the folder",
    lambda v: isinstance(v, str) and bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", v)),
    "kind-logo",
)
BRAND_FIELDS = (
    Field("colour", COLOUR_KIND, False, "Kommunens farve (hovedlinjen bliver denne farve med hvid tekst).",
          "The municipality's colour (the header becomes this colour with white text).", neutral=True,
          example='"#005a8c"'),
    Field("logo", LOGO_KIND, False, "Logo som PNG-fil i kommunens mappe.", "Logo as a PNG file in the municipality's folder.",
          neutral=True, example="logo.png"),
    Field("logo_alt", PLAIN_TEXT, False, "Logoets alternative tekst, fx »Næstved Kommunes logo«.",
          "The logo's alternative text, e.g. 'Næstved Municipality's logo'."),
)
BRAND_FIELD = Field("brand", None, False, "Valgfri: kommunens farve og logo.", "Optional: the municipality's colour and logo.",
                    fields=BRAND_FIELDS)


POLICY_FIELDS = (
    Field("municipality", PLAIN_TEXT, True, "Kommunens navn.", "The municipality's name.", example="Næstved Kommune"),
    Field("policy_title", PLAIN_TEXT, True, "Politikkens titel, som trykt.", "The policy's title, as printed."),
    # Not "status": Material reads that key for its own page-status icons.
    Field("policy_status", choice("adopted", "consultation"), True,
          "adopted (vedtaget) eller consultation (høringsudgave).", "adopted or consultation (draft).", neutral=True),
    Field("edition", EDITION_KIND, True,
          "Udgavens korte navn, bruges i webadressen (fx 2019 eller 2012-hoering). Hver udgave, der udgives, "
          "bliver liggende under sit navn; ikke `latest` eller `was`.",
          "Short edition name used in the web address (e.g. 2019 or 2012-hoering). Every edition published "
          "stays online under its name; not `latest` or `was`.", neutral=True, example='"2019"'),
    Field("previous_edition", EDITION_KIND, False,
          "Forrige udgaves navn, hvis dens tekst er gemt i `editions/<navn>/` (siden »Hvad er ændret« "
          "sammenligner den med denne udgave).",
          "The previous edition's name, if its text is kept in `editions/<name>/` (the page 'What has changed' "
          "compares it with this edition).", neutral=True, example='"2016"'),
    Field("year", INT_YEAR, False, "Årstal, hvis teksten nævner det.", "Year, if the text states it.", neutral=True),
    Field("adopted", DATE, False, "Vedtagelsesdato, hvis kendt.", "Date of adoption, if known.", neutral=True),
    Field("inferred", choice(*INFERABLE), False,
          "Fakta, som redaktionen har udledt, fordi teksten ikke skriver dem: `year`, `policy_status`, `publisher` "
          "eller `deadline_year` (høringsfristens årstal). Siden skriver »udledt« ved dem.",
          "Facts the editors inferred because the text does not print them: `year`, `policy_status`, `publisher` "
          "or `deadline_year` (the consultation deadline's year). The site says 'inferred' beside them.",
          many=True, neutral=True, example="[year, policy_status]"),
    Field("domain", DOMAIN_KIND, True, "Kommunens domæne.", "The municipality's domain.", neutral=True, example="naestved.dk"),
    Field("accessibility_statement", STATEMENT_URL_KIND, False,
          "Link til tilgængelighedserklæringen (standard: `https://www.was.digst.dk/<domæne>`).",
          "Link to the accessibility statement (default: `https://www.was.digst.dk/<domain>`).", neutral=True),
    Field("site_url", URL_KIND, False,
          "Kun hvis mikrositet udgives på sin egen adresse (ellers `<portal>/<mappe>/`).",
          "Only if the microsite is published at its own address (else `<portal>/<folder>/`).", neutral=True),
    Field("lix_target", LIX_KIND, False,
          "Kommunens mål for læsbarhed (LIX); `make check` advarer om sider over målet (standard 45).",
          "The municipality's readability target (LIX); `make check` warns about pages above it (default 45).",
          neutral=True, example="45"),
    Field("publisher", PLAIN_TEXT, True, "Hvem har udgivet politikken.", "Who issued the policy."),
    Field("contact", None, True, "Kontaktoplysninger (mindst telefon, e-mail eller websted).",
          "Contact details (at least phone, e-mail or website).", fields=CONTACT_FIELDS),
    Field("contacts", None, False,
          "Flere kontakter ved siden af `contact`, fx et borgerråd ved siden af forvaltningen.",
          "More contacts beside `contact`, e.g. a citizens' council beside the administration.",
          many=True, fields=MORE_CONTACT_FIELDS, min_items=1),
    Field("replaces", PLAIN_TEXT, True, "Politikker den erstatter ([] hvis ingen).", "Policies it replaces ([] if none).", many=True),
    Field("references", PLAIN_TEXT, False, "Konventioner, chartre og planer den henviser til.",
          "Conventions, charters and plans it refers to.", many=True),
    Field("source", None, True, "Kilden til teksten.", "The source of the text.", fields=SOURCE_FIELDS),
    Field("consultation", None, False, "Kun for høringsudgaver: frist og hvordan man svarer.",
          "Consultation drafts only: deadline and how to respond.", fields=CONSULTATION_FIELDS),
    Field("consultation_history", None, False,
          "Kun for vedtagne politikker, der har været i høring: høringens sidste dag og vedtagelsen.",
          "Adopted policies that were out for consultation only: the consultation's last day and the adoption.",
          fields=CONSULTATION_HISTORY_FIELDS),
    Field("pages", PAGE_KIND, True, "Siderne i læserækkefølge (danske filnavne).",
          "The pages in reading order (Danish file names).", many=True, neutral=True, min_items=1,
          example="[index.md, vaerdier.md, om-politikken.md]"),
    Field("changes", None, True,
          "Ændringer og rettelser af kildeteksten ([] hvis ingen), hver med dato og tekst på dansk og engelsk. "
          "Skrives kun i index.md; den engelske side viser de samme.",
          "Changes and corrections of the source text ([] if none), each with its date and its Danish and "
          "English text. Written in index.md only; the English page shows the same.",
          many=True, fields=CHANGE_FIELDS, neutral=True),
    BRAND_FIELD,
)

OVERVIEW_FIELDS = PAGE_FIELDS + POLICY_FIELDS

# A theme's label in one language (themes.yml): the theme page's title, the menu, cards' theme links.
THEME_LABEL = Field("label", PLAIN_TEXT, True, "Temaets navn på sproget.", "The theme's name in the language.")


def text_fields(fields: tuple[Field, ...], prefix: str = "") -> list[tuple[str, Field]]:
    """Every field of text under ``fields``, by dotted key (lists as '[0]'): what editors type words into."""
    found: list[tuple[str, Field]] = []
    for f in fields:
        key = f"{prefix}{f.name}" + ("[0]" if f.many else "")
        if f.fields:
            found.extend(text_fields(f.fields, key + "."))
        elif f.kind is not None and f.kind.text is not None:
            found.append((key, f))
    return found


def suggest(word: str, options: list[str] | tuple[str, ...]) -> str | None:
    """The closest known name to a misspelt one, if any is close enough."""
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


@dataclass
class Validator:
    """Collects every problem in one file instead of stopping at the first.

    Every string the schema reads is checked for characters no content may hold;
    a plain-text value for markup; a Markdown value is rendered (policysite.markup)
    into the RichText the site publishes, and kept in ``fragments`` for the
    content checks (policysite.pagecheck), so the checks see exactly that HTML.
    """

    path: str
    themes: tuple[str, ...] | None = None  # known theme ids; None skips the theme check
    # A translation (the English twin) holds only translated text: a language-neutral key there is
    # refused, since it is written once, in the Danish file, and the English view takes it from there.
    translation: bool = False
    errors: list[ContentError] = field(default_factory=list)
    fragments: list[markup.Fragment] = field(default_factory=list)

    def error(self, code: str, line: int | None, key: str | None, detail: str, **params: Any) -> None:
        """One finding: a code and one of its details in policysite/messages.py, with the detail's parameters."""
        self.errors.append(ContentError(code, self.path, line, key, detail=detail, params=params))

    def mapping(self, located: Located, fields: tuple[Field, ...], prefix: str = "") -> dict[str, Any]:
        """Check a mapping against fields; return {name: plain value} for the valid keys."""
        if not isinstance(located.value, dict):
            self.error(
                "wrong-type", located.line, prefix.rstrip(".") or None, "not-mapping", found=describe(located.value))
            return {}
        known = {f.name: f for f in fields}
        result: dict[str, Any] = {LINE: located.line, KEY_LINES: {}}
        suggested: set[str] = set()  # required keys a misspelt key stands for: reported once, as the misspelling
        key_lines = located.key_lines or {}
        for name, value in located.value.items():
            key = f"{prefix}{name}"
            line = key_lines.get(name, value.line)  # the key's own line, where a message about it points
            result[KEY_LINES][name] = line
            if name not in known:
                options = [f.name for f in fields if not (self.translation and not f.translated)]
                hint = suggest(name, options)
                if hint is not None and hint not in located.value:
                    suggested.add(hint)
                self.error("unknown-key", line, key, "suggest" if hint else "unknown",
                           name=_printable(str(name)), hint=hint, allowed=", ".join(options))
                continue
            if self.translation and not known[name].translated:
                self.error("translation-neutral-key", line, key, "neutral", name=name)
                continue
            checked = self.value(value, known[name], key)
            if checked is not _INVALID:
                result[name] = checked
        for f in fields:
            required = f.required_in_translation if self.translation else f.required
            if required and f.name not in located.value and f.name not in suggested:
                self.error("missing-key", located.line, f"{prefix}{f.name}",
                           "missing-example" if f.example else "missing", name=f.name, example=f.example,
                           about=both(_lower_first(f.da), _lower_first(f.en)))
        self._check_addresses(located, fields, prefix, result)
        return result

    def _check_addresses(self, located: Located, fields: tuple[Field, ...], prefix: str,
                         result: dict[str, Any]) -> None:
        """Web addresses against their field's schemes and hosts (the hosts may name this mapping's domain)."""
        domain = result.get("domain") if isinstance(result.get("domain"), str) else None
        for f in fields:
            rule = f.kind.url if f.kind is not None else None
            if rule is None or not isinstance(result.get(f.name), str):
                continue
            problem = rule.problem(result[f.name], domain)
            if problem is None:
                continue
            del result[f.name]
            example = (both(f"https://www.was.digst.dk/{domain or '<domæne>'}",
                            f"https://www.was.digst.dk/{domain or '<domain>'}") if rule.hosts else "https://...")
            self.error("url-not-allowed", located.value[f.name].line, f"{prefix}{f.name}", "address",
                       address=_printable(str(located.value[f.name].value)), why=problem, allowed=rule.allowed(),
                       example=example)

    def value(self, located: Located, f: Field, key: str) -> Any:
        if f.many:
            if not isinstance(located.value, list):
                self.error("wrong-type", located.line, key, "not-list", found=describe(located.value), name=f.name)
                return _INVALID
            items = located.value
            if len(items) < f.min_items:
                self.error("too-few-items", located.line, key, "few", name=f.name, minimum=f.min_items,
                           count=len(items))
            if f.max_items is not None and len(items) > f.max_items:
                self.error("too-many-items", located.line, key, "many", name=f.name, maximum=f.max_items,
                           count=len(items))
            return [
                self.single(item, f, f"{key}[{index}]") for index, item in enumerate(items)
            ]
        return self.single(located, f, key)

    def single(self, located: Located, f: Field, key: str) -> Any:
        if f.fields:
            return self.mapping(located, f.fields, f"{key}.")
        assert f.kind is not None
        value = located.value
        if isinstance(value, str) and not self.characters(value, located.line, key, f.kind.text == BLOCK):
            return _INVALID
        if f.kind.check(value):
            if f.name == THEMES_FIELD_NAME and self.themes is not None and value not in self.themes:
                hint = suggest(value, self.themes)
                self.error("unknown-theme", located.line, key, "suggest" if hint else "unknown",
                           value=value, hint=hint, themes=", ".join(self.themes))
                return _INVALID
            if f.kind.text is not None:
                return self.text(located, f, key)
            return value
        self.error("wrong-type", located.line, key, f.kind.hint, expected=both(f.kind.da, f.kind.en),
                   found=describe(value), options=", ".join(f.kind.options))
        return _INVALID

    def characters(self, value: str, line: int, key: str | None, allow_tab: bool) -> bool:
        """False (and an error per character) if the value holds a character no content may hold."""
        bad = textrules.forbidden_characters(value, allow_tab=allow_tab)
        for found in bad[:5]:
            tab = found.character == "\t"
            self.error("control-character", line, key, "value-tab" if tab else "value", shown=found.shown,
                       number=f"{ord(found.character):04x}")
        return not bad

    def text(self, located: Located, f: Field, key: str) -> Any:
        """A value of one of the kinds of text: plain text checked, Markdown rendered once."""
        assert f.kind is not None
        value: str = located.value
        found = textbounds.check(value)  # every text, plain ones too, before anything reads it
        if found is not None:
            self.error("text-too-complex", located.line, key, found.detail, **dict(found.params))
            return _INVALID
        if f.kind.text == PLAIN:
            what = textrules.plain_text_markup(value, markup.render)
            if what is None:
                return value
            self.error("plain-text-markup", located.line, key, "markup", what=what, name=f.name)
            return _INVALID
        try:
            if f.kind.text == INLINE:
                html = markup.render_inline(value)
            elif f.many:
                html = markup.render_list_item(value)
            else:
                html = markup.render(value)
        except markup.RenderFailed:
            self.error("unsafe-markup", located.line, key, "render-too-deep")
            return _INVALID
        except markup.ShapeError as shape:
            self.error("markdown-shape", located.line, key, "inline" if f.kind.text == INLINE else "item",
                       name=f.name, what=shape.what)
            return _INVALID
        self.fragments.append(markup.Fragment(value, located.line, key, html, markup.analyse(html)))
        return markup.RichText(value, html, inline=f.kind.text == INLINE)


def _printable(text: str) -> str:
    """Text for a message, with characters no content may hold shown by their numbers."""
    return textrules.FORBIDDEN_IN_VALUE.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", text)


_INVALID = object()
LINE = "__line__"  # key under which a validated mapping keeps the line it starts on
KEY_LINES = "__lines__"  # and the line of each of its keys, by name


def _lower_first(text: str) -> str:
    """A field's description inside a sentence: lower-case first letter, no full stop."""
    return text[:1].lower() + text[1:].rstrip(".")


def describe(value: Any) -> Phrase:
    """How a wrongly typed value looks to an editor (a phrase, written in the messages' language)."""
    if value is None:
        return phrase("found-nothing")
    if isinstance(value, bool):
        return phrase("found-flag", value=str(value).lower())
    if isinstance(value, (int, float)):
        return phrase("found-number", value=value)
    if isinstance(value, dt.date):
        return phrase("found-date", value=value.isoformat())
    if isinstance(value, str):
        shown = _printable(value if len(value) <= 40 else value[:37] + "...")
        return phrase("found-text", value=shown) if value.strip() else phrase("found-empty-text")
    if isinstance(value, list):
        return phrase("found-list")
    if isinstance(value, dict):
        return phrase("found-group")
    return phrase("found-other", value=type(value).__name__)  # pragma: no cover
