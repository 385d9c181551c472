"""The front-matter schema: one declaration used to validate content and to document it.

Each Field says what an editor may write under a key, in Danish and English.
``validate`` checks a Located mapping against a list of fields and returns plain
values; every problem becomes a ContentError naming the file, line and key.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from .errors import ContentError
from .frontmatter import Located

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
DOMAIN = re.compile(r"^([a-z0-9-]+\.)+[a-z]{2,}$")
PHONE = re.compile(r"^\+?[0-9][0-9 ]{5,18}[0-9]$")
URL = re.compile(r"^https://[^\s<>\"']+$")
PAGE_FILE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.md$")


@dataclass(frozen=True)
class Kind:
    """A value type: how it is checked and how editors see it described."""

    name: str
    da: str
    en: str
    check: Callable[[Any], bool]
    hint: str = ""  # how to write it, shown in errors


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


TEXT = Kind("text", "tekst", "text", _is_text, "Write the text; put it in double quotes if it contains ':' or '#'.")
SLUG_KIND = Kind(
    "id", "id (små bogstaver a-z, tal og bindestreg)", "id (lower-case a-z, digits and hyphens)",
    lambda v: isinstance(v, str) and bool(SLUG.match(v)),
    "Use lower-case letters a-z, digits and hyphens only, for example 'lige-muligheder' (æ→ae, ø→oe, å→aa).",
)
# Published with versions, a microsite keeps each edition in <site>/<edition>/ next to the
# alias folder for the newest one and its /was page, so an edition may not take those names.
from .layout import LATEST_ALIAS, RESERVED_EDITIONS  # noqa: E402,F401
EDITION_KIND = Kind(
    "edition", "udgavenavn i anførselstegn", "edition name in quotes",
    lambda v: isinstance(v, str) and bool(SLUG.match(v)),
    "Write it in double quotes with lower-case letters, digits and hyphens, for example \"2019\" or \"2012-hoering\".",
)
INT_YEAR = Kind(
    "year", "årstal", "year",
    lambda v: isinstance(v, int) and not isinstance(v, bool) and 1900 <= v <= 2100,
    "Write a four-digit year without quotes, for example 2019.",
)
DATE = Kind(
    "date", "dato (ÅÅÅÅ-MM-DD)", "date (YYYY-MM-DD)", lambda v: isinstance(v, dt.date),
    "Write the date as YYYY-MM-DD without quotes, for example 2019-06-24.",
)
EMAIL_KIND = Kind(
    "email", "e-mailadresse", "e-mail address", lambda v: isinstance(v, str) and bool(EMAIL.match(v)),
    "Write a full e-mail address such as borgerservice@kommune.dk.",
)
PHONE_KIND = Kind(
    "phone", "telefonnummer i anførselstegn", "phone number in quotes",
    lambda v: isinstance(v, str) and bool(PHONE.match(v)),
    "Write the number in double quotes, digits and spaces only, for example \"49 28 28 28\".",
)
DOMAIN_KIND = Kind(
    "domain", "domæne", "domain", lambda v: isinstance(v, str) and bool(DOMAIN.match(v)),
    "Write the municipality's web domain without https://, for example naestved.dk.",
)
URL_KIND = Kind(
    "url", "webadresse (https://)", "web address (https://)", lambda v: isinstance(v, str) and bool(URL.match(v)),
    "Write a full address starting with https://.",
)
LIX_KIND = Kind(
    "lix", "heltal mellem 20 og 70", "whole number between 20 and 70",
    lambda v: isinstance(v, int) and not isinstance(v, bool) and 20 <= v <= 70,
    "Write a whole number without quotes, for example 45.",
)
STAMP_KIND = Kind(
    "stamp", "kode på 12 tegn i anførselstegn", "12-character code in quotes",
    lambda v: isinstance(v, str) and re.fullmatch(r"[0-9a-f]{12}", v) is not None,
    "Copy the 12-character code that 'make check' prints, in double quotes, for example \"3fa29c01b7de\".",
)
PAGE_KIND = Kind(
    "page", "filnavn (.md)", "file name (.md)", lambda v: isinstance(v, str) and bool(PAGE_FILE.match(v)),
    "Write the Danish page's file name, for example vaerdier.md.",
)


def choice(*options: str) -> Kind:
    listed = ", ".join(options)
    return Kind(
        "choice", f"et af: {listed}", f"one of: {listed}",
        lambda v: isinstance(v, str) and v in options,
        f"Write one of: {listed}.",
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


THEMES_FIELD_NAME = "themes"

PART_FIELDS = (
    Field("heading", TEXT, True, "Overskrift på delen, som i kilden.", "Heading of the part, as in the source."),
    Field("text", TEXT, False, "Tekst (Markdown).", "Text (Markdown)."),
    Field("items", TEXT, False, "Punkter.", "List items.", many=True, min_items=1),
)

BLOCK_FIELDS = (
    Field("id", SLUG_KIND, True, "Kort id brugt i webadressen; det samme på dansk og engelsk.",
          "Short id used in the web address; the same in Danish and English.", neutral=True, example="naerhed"),
    Field("title", TEXT, True, "Byggestenens titel, som i kilden.", "The building block's title, as in the source.", example="Nærhed"),
    Field("summary", TEXT, False, "En kort sætning til kortet på oversigten.", "One short sentence for the card on the overview."),
    Field("lead", TEXT, False, "Indledende sætning, som i kilden.", "Lead sentence, as in the source."),
    Field("text", TEXT, False, "Brødtekst (Markdown), som i kilden.", "Body text (Markdown), as in the source."),
    Field("items_intro", TEXT, False, "Linjen før punkterne, fx »Næstved Kommune:«.", "The line before the list, e.g. 'Næstved Municipality:'."),
    Field("items", TEXT, False, "Punkterne (mål, handlinger, underpunkter).", "The list items (goals, actions, sub-points).", many=True, min_items=1),
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
)
BLOCK_KIND_BY_KEY = {kind.key: kind for kind in BLOCK_KINDS}

CONTACT_FIELDS = (
    Field("unit", TEXT, False, "Afdeling eller center.", "Department or centre."),
    Field("address", TEXT, False, "Postadresse.", "Postal address.", neutral=True),
    Field("phone", PHONE_KIND, False, "Telefon.", "Phone.", neutral=True, example='"49 28 28 28"'),
    Field("email", EMAIL_KIND, False, "E-mail.", "E-mail.", neutral=True),
    Field("person", TEXT, False, "Kontaktperson.", "Contact person.", neutral=True),
    Field("url", URL_KIND, False, "Kommunens websted, hvis politikken ikke nævner telefon eller e-mail.",
          "The municipality's website, if the policy gives no phone or e-mail.", neutral=True),
)

SOURCE_FIELDS = (
    Field("title", TEXT, True, "Kildedokumentets titel, som trykt (på dansk).", "The source document's title, as printed (in Danish).",
          neutral=True),
    Field("note", TEXT, True, "Hvor teksten kommer fra.", "Where the text comes from."),
    Field("url", URL_KIND, False, "Webadresse til kilden.", "Web address of the source.", neutral=True),
)

CONSULTATION_FIELDS = (
    Field("deadline", DATE, True, "Høringsfrist.", "Consultation deadline.", neutral=True, example="2012-08-02"),
    Field("email", EMAIL_KIND, True, "Hvor høringssvar sendes.", "Where responses are sent.", neutral=True),
    Field("address", TEXT, False, "Postadresse til høringssvar.", "Postal address for responses.", neutral=True),
    Field("person", TEXT, False, "Kontaktperson.", "Contact person.", neutral=True),
)

CHANGE_FIELDS = (
    Field("date", DATE, True, "Dato for ændringen.", "Date of the change.", neutral=True, example="2026-11-23"),
    Field("text", TEXT, True, "Hvad blev ændret og hvorfor.", "What changed and why."),
)

PAGE_FIELDS = (
    Field("title", TEXT, True, "Sidens titel (vises i menuen).", "The page title (shown in the menu).", example="Værdier"),
    Field("description", TEXT, False, "En sætning til søgemaskiner.", "One sentence for search engines."),
    Field("translated_from", STAMP_KIND, False,
          "Kun på engelske sider: koden for den danske tekst, som siden er oversat fra. `make check` advarer, "
          "når den danske side ændres, og viser den nye kode.",
          "English pages only: the code of the Danish text the page was translated from. `make check` warns "
          "when the Danish page changes and shows the new code.", example='"3fa29c01b7de"'),
    *(
        Field(kind.key, None, False, f"{kind.plural_da} (byggesten, der bliver til kort).",
              f"{kind.plural_en} (building blocks that become cards).", many=True, fields=BLOCK_FIELDS, min_items=1)
        for kind in BLOCK_KINDS
    ),
)

POLICY_FIELDS = (
    Field("municipality", TEXT, True, "Kommunens navn.", "The municipality's name.", example="Næstved Kommune"),
    Field("policy_title", TEXT, True, "Politikkens titel, som trykt.", "The policy's title, as printed."),
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
    Field("domain", DOMAIN_KIND, True, "Kommunens domæne.", "The municipality's domain.", neutral=True, example="naestved.dk"),
    Field("accessibility_statement", URL_KIND, False,
          "Link til tilgængelighedserklæringen (standard: `https://www.was.digst.dk/<domæne>`).",
          "Link to the accessibility statement (default: `https://www.was.digst.dk/<domain>`).", neutral=True),
    Field("site_url", URL_KIND, False,
          "Kun hvis mikrositet udgives på sin egen adresse (ellers `<portal>/<mappe>/`).",
          "Only if the microsite is published at its own address (else `<portal>/<folder>/`).", neutral=True),
    Field("lix_target", LIX_KIND, False,
          "Kommunens mål for læsbarhed (LIX); `make check` advarer om sider over målet (standard 45).",
          "The municipality's readability target (LIX); `make check` warns about pages above it (default 45).",
          neutral=True, example="45"),
    Field("publisher", TEXT, True, "Hvem har udgivet politikken.", "Who issued the policy."),
    Field("contact", None, True, "Kontaktoplysninger (mindst telefon, e-mail eller websted).",
          "Contact details (at least phone, e-mail or website).", fields=CONTACT_FIELDS),
    Field("replaces", TEXT, True, "Politikker den erstatter ([] hvis ingen).", "Policies it replaces ([] if none).", many=True),
    Field("references", TEXT, False, "Konventioner, chartre og planer den henviser til.",
          "Conventions, charters and plans it refers to.", many=True),
    Field("source", None, True, "Kilden til teksten.", "The source of the text.", fields=SOURCE_FIELDS),
    Field("consultation", None, False, "Kun for høringsudgaver: frist og hvordan man svarer.",
          "Consultation drafts only: deadline and how to respond.", fields=CONSULTATION_FIELDS),
    Field("pages", PAGE_KIND, True, "Siderne i læserækkefølge (danske filnavne).",
          "The pages in reading order (Danish file names).", many=True, neutral=True, min_items=1,
          example="[index.md, vaerdier.md, om-politikken.md]"),
    Field("changes", None, True, "Ændringer og rettelser af kildeteksten ([] hvis ingen).",
          "Changes and corrections of the source text ([] if none).", many=True, fields=CHANGE_FIELDS),
)

OVERVIEW_FIELDS = PAGE_FIELDS + POLICY_FIELDS


def suggest(word: str, options: list[str] | tuple[str, ...]) -> str | None:
    """The closest known name to a misspelt one, if any is close enough."""
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


@dataclass
class Validator:
    """Collects every problem in one file instead of stopping at the first."""

    path: str
    themes: tuple[str, ...] | None = None  # known theme ids; None skips the theme check
    errors: list[ContentError] = field(default_factory=list)

    def error(self, code: str, line: int | None, key: str | None, problem: str, fix: str) -> None:
        self.errors.append(ContentError(code, self.path, line, key, problem, fix))

    def mapping(self, located: Located, fields: tuple[Field, ...], prefix: str = "") -> dict[str, Any]:
        """Check a mapping against fields; return {name: plain value} for the valid keys."""
        if not isinstance(located.value, dict):
            self.error(
                "wrong-type", located.line, prefix.rstrip(".") or None,
                f"Expected a group of 'key: value' lines here, found {describe(located.value)}.",
                "Indent the lines that belong to this key by two spaces under it.",
            )
            return {}
        known = {f.name: f for f in fields}
        result: dict[str, Any] = {LINE: located.line}
        for name, value in located.value.items():
            key = f"{prefix}{name}"
            if name not in known:
                hint = suggest(name, list(known))
                allowed = ", ".join(known)
                self.error(
                    "unknown-key", value.line, key,
                    f"'{name}' is not a key this page can have."
                    + (f" Did you mean '{hint}'?" if hint else ""),
                    (f"Rename it to '{hint}'." if hint else "Remove it.") + f" Allowed keys here: {allowed}.",
                )
                continue
            checked = self.value(value, known[name], key)
            if checked is not _INVALID:
                result[name] = checked
        for f in fields:
            if f.required and f.name not in located.value:
                self.error(
                    "missing-key", located.line, f"{prefix}{f.name}",
                    f"The required key '{f.name}' is missing ({f.en[0].lower() + f.en[1:].rstrip('.')}).",
                    f"Add a line '{f.name}: ...'" + (f", for example '{f.name}: {f.example}'." if f.example else "."),
                )
        return result

    def value(self, located: Located, f: Field, key: str) -> Any:
        if f.many:
            if not isinstance(located.value, list):
                self.error(
                    "wrong-type", located.line, key,
                    f"Expected a list here, found {describe(located.value)}.",
                    f"Write each item on its own line starting with '- ' under '{f.name}:', "
                    f"or as [a, b] on one line.",
                )
                return _INVALID
            items = located.value
            if len(items) < f.min_items:
                self.error(
                    "too-few-items", located.line, key,
                    f"The list '{f.name}' needs at least {f.min_items} item(s), found {len(items)}.",
                    f"Add items, or remove the key '{f.name}' if it does not apply.",
                )
            if f.max_items is not None and len(items) > f.max_items:
                self.error(
                    "too-many-items", located.line, key,
                    f"The list '{f.name}' may have at most {f.max_items} items, found {len(items)}.",
                    f"Keep the {f.max_items} that fit best.",
                )
            return [
                self.single(item, f, f"{key}[{index}]") for index, item in enumerate(items)
            ]
        return self.single(located, f, key)

    def single(self, located: Located, f: Field, key: str) -> Any:
        if f.fields:
            return self.mapping(located, f.fields, f"{key}.")
        assert f.kind is not None
        value = located.value
        if f.kind.check(value):
            if f.name == THEMES_FIELD_NAME and self.themes is not None and value not in self.themes:
                hint = suggest(value, self.themes)
                self.error(
                    "unknown-theme", located.line, key,
                    f"'{value}' is not a theme in themes.yml." + (f" Did you mean '{hint}'?" if hint else ""),
                    (f"Write '{hint}'" if hint else "Use one of the theme ids in themes.yml")
                    + f", or add the new theme to themes.yml with a Danish and an English label. "
                    f"Known themes: {', '.join(self.themes)}.",
                )
                return _INVALID
            return value
        self.error(
            "wrong-type", located.line, key,
            f"Expected {f.kind.en}, found {describe(value)}.",
            f.kind.hint,
        )
        return _INVALID


_INVALID = object()
LINE = "__line__"  # key under which a validated mapping keeps the line it starts on


def describe(value: Any) -> str:
    """How a wrongly typed value looks to an editor."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'" if value.strip() else "empty text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys"
    return type(value).__name__  # pragma: no cover
