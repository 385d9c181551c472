"""Every message code the checks can report, explained for editors in Danish and English.

This is the one registry: ``ContentError`` refuses a code that is not here, the
command line prints these explanations under its report, and the editors' guide
(``docs/redaktoerer/``) renders its table of errors from it, so the guide cannot
drift from what the checks say. Text here is Markdown; put code, tags and
addresses in backticks.

Each code has a general explanation (what the guide's table shows) and may have
*details*: the wording of one particular finding, with ``{parameters}`` that the
call site fills in (``ContentError(code, path, line, key, detail="tab")`` or
``params={"value": ...}``). Call sites never hold message text. The language is
Danish unless ``policysite --lang en``, ``POLICYSITE_LANG=en`` or the locale
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, the first one set) asks for
English.
"""
from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass
from typing import Any, Mapping

ERROR = "error"
ANY_CODE = "*"  # details under this name belong to every code
WARNING = "warning"


@dataclass(frozen=True)
class Topic:
    key: str
    da: str
    en: str


TOPICS: tuple[Topic, ...] = (
    Topic("frontmatter", "Front-matter (linjerne mellem ---)", "Front-matter (the lines between ---)"),
    Topic("schema", "Felter og værdier", "Fields and values"),
    Topic("pages", "Sider og oversættelser", "Pages and translations"),
    Topic("links", "Links", "Links"),
    Topic("safety", "Usikkert indhold", "Unsafe content"),
    Topic("access", "Tilgængelighed", "Accessibility"),
    Topic("language", "Sprog og læsbarhed", "Language and readability"),
    Topic("new", "Ny kommune", "New municipality"),
)


@dataclass(frozen=True)
class Message:
    """What a code means and how to fix it, in both languages."""

    code: str
    severity: str  # ERROR stops the build and `make check`; WARNING is listed only
    topic: str
    da: str
    en: str
    fix_da: str
    fix_en: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def text(self, lang: str) -> str:
        """The general explanation in a language (Markdown)."""
        return self.en if lang == "en" else self.da

    def fix_text(self, lang: str) -> str:
        return self.fix_en if lang == "en" else self.fix_da

    @property
    def details(self) -> dict[str, "Detail"]:
        """The particular wordings of this code, by name (registered with ``_d`` below)."""
        return {**DETAILS.get(ANY_CODE, {}), **DETAILS.get(self.code, {})}


def _m(code: str, severity: str, topic: str, da: str, en: str, fix_da: str, fix_en: str) -> Message:
    return Message(code, severity, topic, da, en, fix_da, fix_en)


@dataclass(frozen=True)
class Detail:
    """One particular wording of a code: what was found and what is expected, and how to fix it.

    The texts are Markdown templates with ``{name}`` parameters that the call site fills in
    (``str.format`` fields, so ``{count:,}`` works); a fix left out is the code's general fix.
    """

    code: str
    name: str
    da: str
    en: str
    fix_da: str | None = None
    fix_en: str | None = None

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.da

    def fix_text(self, lang: str) -> str | None:
        return self.fix_en if lang == "en" else self.fix_da


def _d(code: str, name: str, da: str, en: str, fix_da: str | None = None, fix_en: str | None = None) -> Detail:
    return Detail(code, name, da, en, fix_da, fix_en)


_ALL: tuple[Message, ...] = (
    # Front-matter: YAML that cannot be read safely.
    _m("frontmatter-unclosed", ERROR, "frontmatter",
       "Front-matter begynder med `---`, men slutter aldrig med en linje `---`.",
       "The front-matter starts with `---` but is never closed with a `---` line.",
       "Tilføj en linje med kun `---` efter sidste nøgle, før teksten.",
       "Add a line with just `---` after the last key, before the text."),
    _m("frontmatter-too-large", ERROR, "frontmatter",
       "Front-matter er for lang.", "The front-matter is too long.",
       "Flyt lange tekster ned i sidens tekst under `---`.", "Move long text into the page text below `---`."),
    _m("frontmatter-not-mapping", ERROR, "frontmatter",
       "Front-matter er ikke en række linjer `nøgle: værdi`.",
       "The front-matter is not a list of `key: value` lines.",
       "Begynd hver linje med et nøglenavn og kolon, fx `title: Værdier`.",
       "Start each line with a key name and a colon, e.g. `title: Values`."),
    _m("frontmatter-missing", ERROR, "frontmatter",
       "Siden har ingen front-matter og derfor ingen titel.", "The page has no front-matter, so it has no title.",
       "Begynd filen med `---`, `title: ...` og `---`.", "Start the file with `---`, `title: ...` and `---`."),
    _m("file-too-large", ERROR, "frontmatter",
       "Filen er for stor til at blive bygget sikkert.", "The file is too large to build safely.",
       "Del siden op i flere sider.", "Split the page into several pages."),
    _m("file-not-utf8", ERROR, "frontmatter",
       "Filen er ikke gemt som UTF-8, så æ, ø og å kan ikke læses.",
       "The file is not saved as UTF-8, so æ, ø and å cannot be read.",
       "Gem filen igen som UTF-8 i din editor.", "Save the file again as UTF-8 in your editor."),
    _m("text-too-complex", ERROR, "frontmatter",
       "Teksten er bygget op på en måde, som ville gøre siden meget langsom at bygge og kontrollere: fx tusindvis "
       "af `[` uden `]`, citater (`>`) eller lister i mange niveauer, eller en meget lang tekst med formatering i "
       "hvert ord. Grænserne står i redaktørvejledningen.",
       "The text is built in a way that would make the page very slow to build and check: for example thousands "
       "of `[` without `]`, quotes (`>`) or lists nested many levels deep, or a very long text with formatting in "
       "every word. The limits are listed in the editors' guide.",
       "Ret det sted, beskeden peger på: luk `[` med `]`, skriv `\\[` for en almindelig klamme, gør strukturen "
       "fladere, eller del siden op.",
       "Fix the place the message points to: close `[` with `]`, write `\\[` for a plain bracket, flatten the "
       "structure, or split the page."),
    _m("file-symlink", ERROR, "safety",
       "Filen eller mappen er et link (symlink). Links udgives aldrig, uanset hvor de peger hen: gennem et link "
       "ville sitet udgive filer fra andre steder på computeren.",
       "The file or folder is a link (symlink). Links are never published, wherever they point: through a link "
       "the site would publish files from elsewhere on the computer.",
       "Erstat linket med en kopi af selve filen, eller slet det.",
       "Replace the link with a copy of the file itself, or delete it."),
    _m("file-not-allowed", ERROR, "safety",
       "Filen er ikke en side (`.md`) eller et billede (`.png`, `.jpg`, `.jpeg`, `.webp`). Alle andre filer, "
       "fx HTML, scripts, stylesheets, SVG og PDF, ville blive udgivet, som de er, uden kontrol.",
       "The file is not a page (`.md`) or an image (`.png`, `.jpg`, `.jpeg`, `.webp`). Any other file, such as "
       "HTML, scripts, stylesheets, SVG and PDF, would be published as it is, unchecked.",
       "Slet filen. Skriv sider i Markdown, gem tegninger som PNG, og læg dokumenter på kommunens eget websted "
       "og link til dem.",
       "Delete the file. Write pages in Markdown, save drawings as PNG, and put documents on the municipality's "
       "own website and link to them."),
    _m("file-shadows-site", ERROR, "safety",
       "Filen eller mappen har et navn, som sitet selv bruger til noget andet (fx `assets/`, `search/`, `was/`, "
       "`en/`, `sitemap.xml` eller siden `aendringer`), og ville tage dets plads.",
       "The file or folder has a name the site itself uses for something else (such as `assets/`, `search/`, "
       "`was/`, `en/`, `sitemap.xml` or the page `aendringer`), and would take its place.",
       "Giv filen eller mappen et andet navn (fx `billeder/`), og ret links til den.",
       "Give the file or folder another name (for example `billeder/`), and correct the links to it."),
    _m("file-name", ERROR, "pages",
       "Et fil- eller mappenavn har tegn, der ikke virker i en webadresse alle steder (fx mellemrum, æ, ø, å).",
       "A file or folder name has characters that do not work in a web address everywhere (such as spaces, æ, ø, å).",
       "Brug kun bogstaverne a-z, tal, `-`, `_` og `.`, fx `billede-af-torvet.jpg`, og ret links til filen.",
       "Use only the letters a-z, digits, `-`, `_` and `.`, e.g. `billede-af-torvet.jpg`, and correct the links."),
    _m("folder-too-deep", ERROR, "pages",
       "Mapperne ligger i for mange niveauer inden i hinanden.", "The folders are nested too many levels deep.",
       "Flyt filerne op i færre mapper.", "Move the files up into fewer folders."),
    _m("image-invalid", ERROR, "safety",
       "Filens navn siger, at den er et billede (fx `.png`), men indholdet er noget andet, fx en webside.",
       "The file's name says it is an image (e.g. `.png`), but its contents are something else, such as a web page.",
       "Gem billedet igen fra et billedprogram i det format, navnet siger, eller ret endelsen.",
       "Save the picture again from an image program in the format its name says, or correct the extension."),
    _m("image-too-large", ERROR, "access",
       "Billedet fylder for meget (over 1 MB) eller har for mange pixels; læsere på mobil ville vente længe på det.",
       "The image is too large (over 1 MB) or has too many pixels; readers on phones would wait a long time for it.",
       "Gem det mindre fra et billedprogram; 1600 pixels i bredden er rigeligt til en webside.",
       "Save it smaller from an image program; 1600 pixels wide is plenty for a web page."),
    _m("image-animated", ERROR, "access",
       "Billedet er animeret. Læserne kan ikke sætte et levende billede på pause, og bevægelse kan forstyrre "
       "og gøre nogle læsere utilpasse.",
       "The image is animated. Readers cannot pause a moving picture, and movement can distract and make some "
       "readers unwell.",
       "Brug et stillbillede, eller link til en video på kommunens eget websted.",
       "Use a still picture, or link to a video on the municipality's own website."),
    _m("yaml-syntax", ERROR, "frontmatter",
       "Front-matter er ikke gyldig YAML: typisk et manglende kolon, et citationstegn der ikke lukkes, "
       "eller et punkt (`- `) med forkert indrykning.",
       "The front-matter is not valid YAML: usually a missing colon, an unclosed quote, "
       "or a list item (`- `) at the wrong indentation.",
       "Se på linjen og linjen over. Sæt tekst med `:` eller `#` i dobbelte anførselstegn.",
       "Look at the line and the one above. Put text containing `:` or `#` in double quotes."),
    _m("yaml-tab", ERROR, "frontmatter",
       "Linjen er rykket ind med et tabulatortegn; YAML tillader kun mellemrum.",
       "The line is indented with a tab; YAML only allows spaces.",
       "Erstat tabulatoren med mellemrum (to pr. niveau).", "Replace the tab with spaces (two per level)."),
    _m("yaml-duplicate-key", ERROR, "frontmatter",
       "Den samme nøgle står to gange; YAML ville stille og roligt bruge den sidste.",
       "The same key appears twice; YAML would silently keep only the last one.",
       "Slet den ene linje eller slå dem sammen.", "Delete one of the lines or merge them."),
    _m("yaml-ambiguous-bool", ERROR, "frontmatter",
       "Et ord som `yes`, `no`, `on` eller `off` ville blive læst som ja/nej i stedet for som tekst.",
       "A word such as `yes`, `no`, `on` or `off` would be read as yes/no instead of as text.",
       "Skriv `true` eller `false` i et ja/nej-felt, ellers sæt teksten i anførselstegn.",
       "Write `true` or `false` in a yes/no field; otherwise put the text in quotes."),
    _m("yaml-ambiguous-number", ERROR, "frontmatter",
       "En værdi som `010` eller `12:30` ville blive læst som et andet tal (8 eller 750).",
       "A value such as `010` or `12:30` would be read as a different number (8 or 750).",
       "Sæt værdien i dobbelte anførselstegn, fx `\"12:30\"`.", "Put the value in double quotes, e.g. `\"12:30\"`."),
    _m("yaml-ambiguous-date", ERROR, "frontmatter",
       "En dato med klokkeslæt; her bruges kun datoer.", "A date with a time; only plain dates are used here.",
       "Skriv datoen som ÅÅÅÅ-MM-DD.", "Write the date as YYYY-MM-DD."),
    _m("yaml-bad-date", ERROR, "frontmatter",
       "Datoen findes ikke i kalenderen.", "The date does not exist in the calendar.",
       "Skriv en rigtig dato som ÅÅÅÅ-MM-DD, fx 2019-06-24.", "Write a real date as YYYY-MM-DD, e.g. 2019-06-24."),
    _m("yaml-tag", ERROR, "frontmatter",
       "Værdien er mærket med et YAML-tag (noget der begynder med `!`, fx `!!python/...`). "
       "Det er ikke tilladt, fordi det kan få programmer til at køre kode.",
       "The value is marked with a YAML tag (something starting with `!`, e.g. `!!python/...`). "
       "This is not allowed because it can make programs run code.",
       "Fjern tagget og skriv værdien som almindelig tekst.", "Remove the tag and write the value as plain text."),
    _m("yaml-alias", ERROR, "frontmatter",
       "Front-matter bruger et YAML-anker eller -alias (`&navn`, `*navn`). Det er ikke tilladt, "
       "fordi aliaser kan vokse til enorme mængder data.",
       "The front-matter uses a YAML anchor or alias (`&name`, `*name`). This is not allowed "
       "because aliases can expand into huge amounts of data.",
       "Skriv værdien helt ud, hvor den skal bruges.", "Write the value out in full where it is needed."),
    _m("yaml-too-deep", ERROR, "frontmatter",
       "Front-matter er indrykket i for mange niveauer.", "The front-matter is nested too many levels deep.",
       "Gør strukturen fladere; intet felt er så dybt.", "Flatten the structure; no field is nested this deeply."),
    _m("yaml-complex-key", ERROR, "frontmatter",
       "En nøgle er en liste eller gruppe i stedet for et navn.", "A key is a list or a group instead of a name.",
       "Brug et almindeligt nøglenavn efterfulgt af kolon.", "Use a plain key name followed by a colon."),
    # Schema: the right keys with the right kinds of value.
    _m("unknown-key", ERROR, "schema",
       "Nøglen findes ikke på denne slags side (ofte en stavefejl; beskeden foreslår det rigtige navn).",
       "The key does not exist on this kind of page (often a typo; the message suggests the right name).",
       "Ret navnet som foreslået, eller fjern linjen. Se feltoversigten.",
       "Rename it as suggested, or remove the line. See the field reference."),
    _m("missing-key", ERROR, "schema",
       "Et felt, der skal udfyldes, mangler.", "A required field is missing.",
       "Tilføj linjen `nøgle: ...`; feltoversigten viser et eksempel.",
       "Add the line `key: ...`; the field reference shows an example."),
    _m("wrong-type", ERROR, "schema",
       "Værdien har forkert form, fx tekst hvor der skal stå en liste, eller et tal hvor der skal stå en dato.",
       "The value has the wrong form, e.g. text where a list is expected, or a number where a date is expected.",
       "Skriv værdien som beskeden viser.", "Write the value as the message shows."),
    _m("too-few-items", ERROR, "schema",
       "Listen har for få punkter.", "The list has too few items.",
       "Tilføj punkter, eller fjern nøglen.", "Add items, or remove the key."),
    _m("too-many-items", ERROR, "schema",
       "Listen har for mange punkter (fx mere end tre temaer).", "The list has too many items (e.g. more than three themes).",
       "Behold dem, der passer bedst.", "Keep the ones that fit best."),
    _m("unknown-theme", ERROR, "schema",
       "Temaet findes ikke i `themes.yml`.", "The theme is not in `themes.yml`.",
       "Brug et af temaerne i `themes.yml`, eller tilføj det nye tema dér med dansk og engelsk navn.",
       "Use one of the themes in `themes.yml`, or add the new theme there with a Danish and an English label."),
    _m("plain-text-markup", ERROR, "schema",
       "Et felt med almindelig tekst (fx en titel, et navn, en overskrift eller en kontaktoplysning) indeholder "
       "noget, som HTML eller Markdown ville læse som opmærkning: et tag som `<img ...>`, en tegnreference som "
       "`&lt;`, et backtick-tegn, et link `[...](...)`, et billede `![...]`, fremhævning `*...*` eller en "
       "egenskabsliste `{: ...}`. Teksten vises altid præcis som skrevet, så opmærkningen ville stå som tegn på siden.",
       "A plain-text field (such as a title, a name, a heading or a contact detail) holds something HTML or "
       "Markdown would read as markup: a tag such as `<img ...>`, a character reference such as `&lt;`, a "
       "backtick, a link `[...](...)`, an image `![...]`, emphasis `*...*` or an attribute list `{: ...}`. The "
       "text is always shown exactly as written, so the markup would show as characters on the page.",
       "Skriv teksten uden opmærkning: skriv tegnet selv i stedet for `&lt;`, og brug typografiske "
       "anførselstegn »…« eller ’ i stedet for backticks. Links og fremhævning hører til i tekstfelterne "
       "(`text`, `summary`, `items` ...).",
       "Write the text without markup: type the character itself instead of `&lt;`, and use typographic "
       "quotes »…« or ’ instead of backticks. Links and emphasis belong in the text fields "
       "(`text`, `summary`, `items` ...)."),
    _m("markdown-shape", ERROR, "schema",
       "Et Markdown-felt har en form, feltet ikke kan have: `summary`, `lead` og `items_intro` er ét afsnit "
       "(ingen tomme linjer, lister eller overskrifter), og hvert punkt under `items` er ét punkt "
       "(underpunkter rykkes fire mellemrum ind).",
       "A Markdown field has a shape the field cannot have: `summary`, `lead` and `items_intro` are one "
       "paragraph (no blank lines, lists or headings), and every entry under `items` is one list item "
       "(sub-points are indented by four spaces).",
       "Skriv afsnittet uden tomme linjer, eller flyt teksten til `text:`. Skriv hvert punkt som sit eget "
       "`- ` under `items:`.",
       "Write the paragraph without blank lines, or move the text to `text:`. Write each point as its own "
       "`- ` under `items:`."),
    _m("field-heading", ERROR, "access",
       "Et tekstfelt i front-matter indeholder en overskrift (`#`). Byggestenens overskrifter kommer fra "
       "`title` og `parts`, så overskriften ville bryde sidens disposition og mangle i indholdsfortegnelsen.",
       "A text field in the front-matter holds a heading (`#`). A building block's headings come from "
       "`title` and `parts`, so the heading would break the page's outline and be missing from its contents.",
       "Brug `parts:` med `heading:` til en del med egen overskrift, eller skriv teksten uden `#`.",
       "Use `parts:` with `heading:` for a part with its own heading, or write the text without `#`."),
    _m("url-not-allowed", ERROR, "schema",
       "En webadresse bruger en protokol eller et domæne, feltet ikke tillader: `site_url` skal begynde med "
       "`https://`, og `accessibility_statement` skal pege på `was.digst.dk` eller på kommunens eget domæne "
       "(`domain`) med `https://`.",
       "A web address uses a protocol or a domain the field does not allow: `site_url` must start with "
       "`https://`, and `accessibility_statement` must point to `was.digst.dk` or to the municipality's own "
       "domain (`domain`) with `https://`.",
       "Ret adressen, som beskeden viser. Uden `accessibility_statement` bruges "
       "`https://www.was.digst.dk/<domæne>`.",
       "Correct the address as the message shows. Without `accessibility_statement`, "
       "`https://www.was.digst.dk/<domain>` is used."),
    _m("bad-theme-id", ERROR, "schema",
       "Et tema-id i `themes.yml` har tegn, der ikke kan bruges i en webadresse.",
       "A theme id in `themes.yml` has characters that cannot be used in a web address.",
       "Brug små bogstaver a-z, tal og bindestreg (æ→ae, ø→oe, å→aa).",
       "Use lower-case a-z, digits and hyphens (æ→ae, ø→oe, å→aa)."),
    _m("themes-missing", ERROR, "schema",
       "Temalisten `themes.yml` mangler.", "The theme list `themes.yml` is missing.",
       "Gendan `themes.yml` øverst i projektet.", "Restore `themes.yml` at the top of the project."),
    _m("contact-incomplete", ERROR, "schema",
       "Kontaktoplysningerne har hverken telefon, e-mail eller websted.",
       "The contact details have no phone, e-mail or website.",
       "Tilføj `phone:`, `email:` eller `url:` under `contact:`.", "Add `phone:`, `email:` or `url:` under `contact:`."),
    _m("brand-contrast", ERROR, "schema",
       "Kommunens farve (`brand.colour`) giver for lidt kontrast: den hvide tekst i sidehovedet kan ikke læses "
       "godt nok på den (WCAG kræver mindst 4,5:1, i lyst og mørkt tema).",
       "The municipality's colour (`brand.colour`) gives too little contrast: the header's white text cannot be "
       "read well enough on it (WCAG asks for at least 4.5:1, in light and dark mode).",
       "Vælg en mørkere nuance af farven, eller fjern `colour:` for at beholde webstedets egne farver.",
       "Choose a darker shade of the colour, or remove `colour:` to keep the site's own colours."),
    _m("brand-logo", ERROR, "schema",
       "Logoet (`brand.logo`) er ikke et PNG-billede i kommunens mappe.",
       "The logo (`brand.logo`) is not a PNG image in the municipality's folder.",
       "Gem logoet som PNG ved siden af `index.md`, og skriv filens navn.",
       "Save the logo as PNG next to `index.md` and write the file's name."),
    _m("brand-logo-alt", ERROR, "schema",
       "Logoet har ingen alternativ tekst (`brand.logo_alt`).", "The logo has no alternative text (`brand.logo_alt`).",
       "Tilføj `logo_alt:` under `brand:`, fx »Næstved Kommunes logo«.",
       "Add `logo_alt:` under `brand:`, e.g. 'Næstved Municipality's logo'."),
    _m("edition-reserved", ERROR, "schema",
       "Udgavens navn (`edition`) er et navn, som de udgivne mikrosites selv bruger i webadressen: "
       "`latest` (den nyeste udgave) eller `was` (tilgængelighedserklæringen). Hver udgave ligger under "
       "`<kommune>/<udgave>/`, så navnet skal være et andet.",
       "The edition name (`edition`) is a name the published microsites use in their web addresses "
       "themselves: `latest` (the newest edition) or `was` (the accessibility statement). Every edition "
       "lives at `<municipality>/<edition>/`, so the name must be another one.",
       "Giv udgaven et navn efter året eller slagsen, fx `\"2024\"` eller `\"2024-hoering\"`.",
       "Name the edition after its year or its kind, e.g. `\"2024\"` or `\"2024-hoering\"`."),
    _m("consultation-missing", ERROR, "schema",
       "Politikken er en høringsudgave, men har ingen høringsoplysninger.",
       "The policy is a consultation draft but has no consultation details.",
       "Tilføj `consultation:` med `deadline:` og `email:`.", "Add `consultation:` with `deadline:` and `email:`."),
    _m("consultation-unexpected", ERROR, "schema",
       "Politikken er vedtaget, men har stadig høringsoplysninger.",
       "The policy is adopted but still has consultation details.",
       "Fjern `consultation:` eller skriv `policy_status: consultation`.",
       "Remove `consultation:` or write `policy_status: consultation`."),
    # Pages and translations.
    _m("bad-slug", ERROR, "pages",
       "Mappenavnet kan ikke bruges som webadresse.", "The folder name cannot be used as a web address.",
       "Omdøb mappen med små bogstaver a-z, tal og bindestreg, fx `naestved`.",
       "Rename the folder with lower-case a-z, digits and hyphens, e.g. `naestved`."),
    _m("municipality-unknown", ERROR, "pages",
       "Der er ingen kommunemappe med det navn, som `make check M=...` eller `make build M=...` fik.",
       "There is no municipality folder with the name `make check M=...` or `make build M=...` was given.",
       "Skriv mappenavnet under `municipalities/`, fx `make check M=naestved`.",
       "Write the folder's name under `municipalities/`, e.g. `make check M=naestved`."),
    _m("overview-missing", ERROR, "pages",
       "Kommunens mappe har ingen forside `index.md`.", "The municipality's folder has no overview page `index.md`.",
       "Opret `index.md` (kør `make new` for en skabelon).", "Create `index.md` (run `make new` for a template)."),
    _m("pages-order", ERROR, "pages",
       "Den første side under `pages` skal være `index.md`.", "The first page under `pages` must be `index.md`.",
       "Sæt `index.md` først i listen.", "Put `index.md` first in the list."),
    _m("pages-duplicate", ERROR, "pages",
       "En side står to gange under `pages`.", "A page is listed twice under `pages`.",
       "Fjern den ene.", "Remove one of them."),
    _m("page-missing", ERROR, "pages",
       "En side står under `pages` i `index.md`, men filen findes ikke.",
       "A page is listed under `pages` in `index.md` but the file does not exist.",
       "Opret filen, eller fjern den fra `pages`.", "Create the file, or remove it from `pages`."),
    _m("page-unlisted", ERROR, "pages",
       "En side ligger i mappen, men står ikke under `pages`, så læserne kan ikke finde den.",
       "A page is in the folder but not listed under `pages`, so readers cannot reach it.",
       "Tilføj den til `pages` i `index.md`, eller slet filen.", "Add it to `pages` in `index.md`, or delete the file."),
    _m("translation-missing", ERROR, "pages",
       "En dansk side har ingen engelsk tvilling (`navn.en.md`).", "A Danish page has no English twin (`name.en.md`).",
       "Opret `navn.en.md` ved siden af den danske side, oversat.",
       "Create `name.en.md` next to the Danish page, translated."),
    _m("translated-from-misplaced", ERROR, "pages",
       "`translated_from` står på en dansk side; den hører kun til på engelske sider.",
       "`translated_from` is on a Danish page; it belongs on English pages only.",
       "Fjern linjen fra den danske side.", "Remove the line from the Danish page."),
    _m("translation-stale", WARNING, "pages",
       "Den danske side er ændret, efter den engelske blev oversat.",
       "The Danish page has changed since the English one was translated.",
       "Ret den engelske tekst, så den svarer til den danske, og skriv den nye kode fra beskeden i "
       "`translated_from:` i den engelske fil.",
       "Update the English text to match the Danish, then write the new code from the message in "
       "`translated_from:` in the English file."),
    _m("page-reserved", ERROR, "pages",
       "En side under `pages` har et navn, som sitet selv bruger til siden »Hvad er ændret« (`aendringer.md`).",
       "A page under `pages` has a name the site itself uses for the page 'What has changed' (`aendringer.md`).",
       "Giv filen et andet navn, og skriv det nye navn under `pages`.",
       "Give the file another name, and write the new name under `pages`."),
    _m("edition-missing", ERROR, "pages",
       "`previous_edition` nævner en udgave, hvis tekst ikke ligger i `editions/<navn>/`.",
       "`previous_edition` names an edition whose text is not in `editions/<name>/`.",
       "Kopiér den forrige udgaves sider (`index.md`, `index.en.md` og de andre) til `editions/<navn>/`, "
       "eller fjern `previous_edition`.",
       "Copy the previous edition's pages (`index.md`, `index.en.md` and the others) into `editions/<name>/`, "
       "or remove `previous_edition`."),
    _m("edition-mismatch", ERROR, "pages",
       "Udgaven i `editions/<navn>/` hedder noget andet end mappen, eller `previous_edition` er den "
       "samme som denne udgave.",
       "The edition in `editions/<name>/` has another name than its folder, or `previous_edition` is "
       "the same as this edition.",
       "Giv mappen samme navn som `edition:` i dens `index.md`, og skriv det i `previous_edition`.",
       "Name the folder as `edition:` in its `index.md` says, and write that name in `previous_edition`."),
    _m("blocks-marker", ERROR, "pages",
       "Linjen `<!-- blocks -->`, der viser, hvor byggestenene står på siden, står et sted, hvor den ikke kan "
       "erstattes: to gange, inde i en liste, et citat eller en kodeblok, eller uden tom linje før og efter.",
       "The line `<!-- blocks -->`, which shows where the building blocks go on the page, is somewhere it "
       "cannot be replaced: twice, inside a list, a quote or a code block, or without a blank line around it.",
       "Skriv `<!-- blocks -->` én gang, på sin egen linje med en tom linje før og efter.",
       "Write `<!-- blocks -->` once, on a line of its own with a blank line before and after."),
    _m("duplicate-block-id", ERROR, "pages",
       "To byggesten har samme `id`; id'et er kortets webadresse og skal være unikt i kommunen.",
       "Two building blocks share an `id`; the id is the card's web address and must be unique in the municipality.",
       "Giv den ene et andet `id` (og brug samme id i oversættelsen).",
       "Give one of them another `id` (and use the same id in the translation)."),
    # Links.
    _m("crosslink-missing", ERROR, "links",
       "Et `kommune:`- eller `tema:`-link peger på en kommune, byggesten eller et tema, der ikke findes.",
       "A `kommune:` or `tema:` link points to a municipality, building block or theme that does not exist.",
       "Ret mappenavnet, id'et eller temaet; beskeden viser de mulige.",
       "Correct the folder name, id or theme; the message lists the possible ones."),
    _m("link-broken", ERROR, "links",
       "Et link peger på en side eller fil, der ikke findes på mikrositet.",
       "A link points to a page or file that does not exist on the microsite.",
       "Skriv filnavnet på en side i samme mappe, fx `vaerdier.md`, eller brug `kommune:` til andre kommuner.",
       "Write the file name of a page in the same folder, e.g. `vaerdier.md`, or use `kommune:` for other municipalities."),
    _m("anchor-missing", ERROR, "links",
       "Et link peger på et sted på en side (`#...`), som ikke findes.",
       "A link points to a place on a page (`#...`) that does not exist.",
       "Brug id'et på en byggesten eller en overskrift på siden; beskeden viser de mulige.",
       "Use the id of a building block or a heading on the page; the message lists the possible ones."),
    # Unsafe content.
    _m("unsafe-tag", ERROR, "safety",
       "Teksten indeholder et HTML-element, der ikke er tilladt, fx `<script>`, `<iframe>` eller `<object>`. "
       "Det kunne køre kode eller hente fremmed indhold ind i læserens browser.",
       "The text contains an HTML element that is not allowed, such as `<script>`, `<iframe>` or `<object>`. "
       "It could run code or pull outside content into the reader's browser.",
       "Fjern elementet. Vil du vise en video eller et kort, så link til det i stedet.",
       "Remove the element. To show a video or a map, link to it instead."),
    _m("unsafe-attribute", ERROR, "safety",
       "Teksten har en HTML-egenskab, der ikke er tilladt, fx `onclick=` (kører kode) eller `style=` "
       "- også skrevet som `{: onclick=... }` efter et afsnit.",
       "The text has an HTML attribute that is not allowed, such as `onclick=` (runs code) or `style=` "
       "- also when written as `{: onclick=... }` after a paragraph.",
       "Fjern egenskaben. Udseendet styres af sidens skabeloner, ikke af teksten.",
       "Remove the attribute. The look is set by the site's templates, not by the text."),
    _m("unsafe-url", ERROR, "safety",
       "Et link eller billede har en adresse, der begynder med fx `javascript:`, `vbscript:` eller `data:` "
       "(uanset store/små bogstaver eller kodning). Sådan en adresse kører kode i stedet for at åbne en side.",
       "A link or image has an address starting with e.g. `javascript:`, `vbscript:` or `data:` "
       "(in any letter case or encoding). Such an address runs code instead of opening a page.",
       "Brug en adresse, der begynder med `https://`, `mailto:` eller `tel:`, et filnavn som `vaerdier.md`, "
       "eller et `kommune:`/`tema:`-link.",
       "Use an address starting with `https://`, `mailto:` or `tel:`, a file name such as `vaerdier.md`, "
       "or a `kommune:`/`tema:` link."),
    _m("unsafe-quote", ERROR, "safety",
       "En titel eller beskrivelse (`municipality`, `policy_title`, `description`) indeholder et lige "
       "anførselstegn (`\"`). Teksten står inde i HTML-egenskaber, hvor tegnet ville afslutte egenskaben.",
       "A title or description (`municipality`, `policy_title`, `description`) contains a straight double "
       "quote (`\"`). The text is placed inside HTML attributes, where the character would end the attribute.",
       "Brug typografiske anførselstegn: »…« eller “…”.", "Use typographic quotes: »…« or “…”."),
    _m("control-character", ERROR, "safety",
       "Teksten indeholder et usynligt tegn, som ikke hører hjemme i indhold: et kontroltegn (fx NUL eller "
       "ESC), et retningstegn, der kan vende teksten om (fx U+202E), et byte-order-mark midt i teksten eller "
       "et ikke-tegn - skrevet direkte eller som YAML-kode som `\\0`, `\\e` eller `\\u202e`. Beskeden "
       "nævner tegnets nummer (U+....).",
       "The text holds an invisible character that does not belong in content: a control character (such "
       "as NUL or ESC), a direction character that can reverse the text (such as U+202E), a byte order mark "
       "inside the text or a noncharacter - typed directly or written as a YAML escape such as `\\0`, `\\e` or "
       "`\\u202e`. The message names the character's number (U+....).",
       "Slet tegnet: skriv ordene omkring det igen, eller fjern koden (`\\...`). Tegnet er ofte kommet med "
       "ved kopiering fra et andet program.",
       "Delete the character: retype the words around it, or remove the escape (`\\...`). It often comes "
       "along when text is copied from another program."),
    _m("markup-unbalanced", ERROR, "safety",
       "Teksten åbner et HTML-element (fx `<div>` eller `<span>`) uden at lukke det, eller lukker et, den ikke "
       "har åbnet. På siden ville det sluge eller flytte rundt på det, der kommer efter.",
       "The text opens an HTML element (such as `<div>` or `<span>`) without closing it, or closes one it did "
       "not open. On the page it would swallow or rearrange what comes after it.",
       "Luk hvert element i samme tekst, som det åbnes i: `<span lang=\"da\">…</span>`.",
       "Close every element in the same text it is opened in: `<span lang=\"da\">…</span>`."),
    _m("unsafe-markup", ERROR, "safety",
       "Teksten har HTML, som ikke kan kontrolleres sikkert: en usædvanlig kommentar, en erklæring "
       "som `<!DOCTYPE>` eller `<![CDATA[`, eller usynlige kontroltegn.",
       "The text has HTML that cannot be checked safely: an unusual comment, a declaration "
       "such as `<!DOCTYPE>` or `<![CDATA[`, or invisible control characters.",
       "Fjern det. Kommentarer må kun indeholde almindelig tekst.",
       "Remove it. Comments may only contain plain text."),
    _m("id-reserved", ERROR, "safety",
       "Teksten bruger et id, et navn, en klasse eller en egenskab, som sidens tema selv bruger: id'er og navne "
       "der begynder med `__` eller `md-`, klasser der begynder med `md-`, egenskaber der begynder med "
       "`data-md-`. Med dem kunne teksten overtage temaets indstillinger, fx med `<div id=\"__config\">`.",
       "The text uses an id, a name, a class or an attribute that the site's theme uses itself: ids and names "
       "starting with `__` or `md-`, classes starting with `md-`, attributes starting with `data-md-`. With "
       "them the text could take over the theme's settings, e.g. with `<div id=\"__config\">`.",
       "Giv elementet et andet id (fx `{ #mit-id }`), eller fjern klassen eller egenskaben. En overskrift får "
       "sit id fra teksten: omformulér den, eller giv den et eget id.",
       "Give the element another id (e.g. `{ #my-id }`), or remove the class or attribute. A heading takes its "
       "id from its text: reword it, or give it an id of its own."),
    _m("image-external", ERROR, "safety",
       "Et billede hentes fra et andet websted (`https://...` eller `//...`). Sitet henter intet fra andre "
       "websteder: det ville fortælle dem, hvem der læser siden, og billedet kan skifte uden om en gennemgang.",
       "An image is loaded from another website (`https://...` or `//...`). The site loads nothing from other "
       "websites: it would tell them who reads the page, and the image could change without a review.",
       "Læg billedfilen i kommunens mappe og skriv dens navn, fx `![Hvad billedet viser](billede.jpg)`.",
       "Put the image file in the municipality's folder and write its name, e.g. "
       "`![What the picture shows](picture.jpg)`."),
    # The final gate over the built site (policysite/gate.py): what reached an output file some other way.
    _m("output-unsafe", ERROR, "safety",
       "En færdigbygget fil indeholder noget, som sitets regler ikke tillader: et script, en `on...`-egenskab, "
       "en `javascript:`-adresse, et element som `<iframe>` eller en formular, som temaet ikke selv har lavet.",
       "A built file contains something the site's rules do not allow: a script, an `on...` attribute, a "
       "`javascript:` address, an element such as `<iframe>`, or a form the theme did not make itself.",
       "Ret den kildefil, der er nævnt; står der ingen, så kommer det fra en skabelon eller en hook, og en "
       "udvikler skal rette den.",
       "Correct the source file named; when none is named, it comes from a template or a hook, and a "
       "developer must correct it."),
    _m("output-elsewhere", ERROR, "safety",
       "En færdigbygget fil henter noget fra et andet websted (et script, et stylesheet, et billede eller en "
       "skrifttype). Sitet henter intet fra andre websteder.",
       "A built file loads something from another website (a script, a stylesheet, an image or a font). The "
       "site loads nothing from other websites.",
       "Læg filen i sitet selv, eller link til den med et almindeligt link i stedet.",
       "Put the file in the site itself, or link to it with a plain link instead."),
    _m("output-duplicate-id", ERROR, "safety",
       "Det samme id står to gange på en færdigbygget side. Et script eller et link ville finde det forkerte "
       "element, og temaet kan læse sine indstillinger fra det.",
       "The same id appears twice on a built page. A script or a link would find the wrong element, and the "
       "theme could read its settings from it.",
       "Giv det ene element et andet id i kildefilen (fx `{ #andet-id }`).",
       "Give one of the elements another id in the source file (e.g. `{ #another-id }`)."),
    _m("output-csp", ERROR, "safety",
       "En færdigbygget side mangler sitets sikkerhedspolitik (`Content-Security-Policy`) som første element "
       "i `<head>`, eller har en anden. Den forhindrer, at et script, der er sluppet igennem, kan køre.",
       "A built page lacks the site's security policy (`Content-Security-Policy`) as the first element of "
       "`<head>`, or has another one. It stops a script that slipped through from running.",
       "Siden er ikke lavet af sitets skabeloner: fjern den, eller lad temaet bygge den.",
       "The page was not made by the site's templates: remove it, or let the theme build it."),
    _m("output-asset", ERROR, "safety",
       "En JavaScript-, CSS- eller temafil i det færdige site er ikke byte for byte den, som temaet eller "
       "`overrides/` leverer. Kun temaets egne scripts og stylesheets udgives.",
       "A JavaScript, CSS or theme file in the built site is not byte for byte the one the theme or "
       "`overrides/` provides. Only the theme's own scripts and stylesheets are published.",
       "Fjern filen fra indholdsmappen; scripts og stylesheets hører til i `overrides/assets/`.",
       "Remove the file from the content folder; scripts and stylesheets belong in `overrides/assets/`."),
    _m("output-search-index", ERROR, "safety",
       "En fil i den landsdækkende søgnings indeks (`pagefind/`) er ikke en af dem, som den fastlåste version "
       "af Pagefind skriver ud fra sitets sider: et script eller WebAssembly, der ikke er Pagefinds eget byte "
       "for byte, et resultat med en adresse uden for sitet eller med andre metadata end titel og kommune, "
       "eller en fil, søgningen ikke bruger.",
       "A file in the national search's index (`pagefind/`) is not one the pinned version of Pagefind writes "
       "from the site's pages: a script or WebAssembly that is not Pagefind's own byte for byte, a result with "
       "an address outside the site or metadata other than its title and municipality, or a file the search "
       "does not use.",
       "Byg sitet igen med `make build`; indekset skrives kun af Pagefind. Indhold må ikke bruge "
       "`data-pagefind-`-attributter.",
       "Build the site again with `make build`; only Pagefind writes the index. Content may not use "
       "`data-pagefind-` attributes."),
    _m("output-file-type", ERROR, "safety",
       "Det færdige site indeholder en fil af en type, som sitet ikke udgiver, eller en fil, hvis indhold ikke "
       "passer til navnet (fx en `.png`, der ikke er et billede).",
       "The built site contains a file of a type the site does not publish, or a file whose content does not "
       "match its name (e.g. a `.png` that is not an image).",
       "Fjern filen fra indholdsmappen, eller gem den i et af de tilladte formater.",
       "Remove the file from the content folder, or save it in one of the allowed formats."),
    _m("output-malformed", ERROR, "safety",
       "En færdigbygget fil (et feed, et sitemap, et søgeindeks eller andre data) kan ikke læses sikkert: den "
       "er ikke gyldig XML eller JSON, har en `DOCTYPE` eller entiteter, eller har usynlige kontroltegn.",
       "A built file (a feed, a sitemap, a search index or other data) cannot be read safely: it is not "
       "well-formed XML or JSON, has a `DOCTYPE` or entities, or has invisible control characters.",
       "Fjern kontroltegn fra kildefilen (fx `\\0`, `\\e` eller retningstegn i en YAML-tekst i anførselstegn).",
       "Remove control characters from the source file (e.g. `\\0`, `\\e` or direction marks in a quoted "
       "YAML text)."),
    # Accessibility.
    _m("heading-skip", ERROR, "access",
       "En overskrift springer et niveau over (fx `####` lige efter `##`). Skærmlæserbrugere navigerer "
       "efter overskrifternes niveauer og vil tro, at noget mangler.",
       "A heading skips a level (e.g. `####` straight after `##`). Screen-reader users navigate "
       "by heading levels and will think something is missing.",
       "Brug ét `#` mere end overskriften over, fx `###` under `##`.",
       "Use one `#` more than the heading above, e.g. `###` under `##`."),
    _m("image-alt-missing", ERROR, "access",
       "Et billede har ingen alternativ tekst, så blinde læsere ved ikke, hvad det viser.",
       "An image has no alternative text, so blind readers do not know what it shows.",
       "Beskriv billedet mellem de firkantede parenteser: `![Borgere på torvet](torv.jpg)`.",
       "Describe the image between the square brackets: `![Citizens in the square](square.jpg)`."),
    _m("link-text-vague", WARNING, "access",
       "En linktekst siger ikke, hvor linket fører hen (fx »klik her«, »læs mere«, »click here«). "
       "Skærmlæsere kan vise alle links i en liste uden den omgivende tekst.",
       "A link text does not say where the link goes (e.g. 'klik her', 'læs mere', 'click here'). "
       "Screen readers can list all links without the text around them.",
       "Skriv, hvad linket fører til: `[Læs politikken for frivillighed](...)`.",
       "Say what the link leads to: `[Read the volunteering policy](...)`."),
    # Language.
    _m("lix-above-target", WARNING, "language",
       "Redaktionens egen tekst på siden (resuméer på kort, beskrivelser, »Kort fortalt« og forklaringer) har et "
       "LIX-tal (læsbarhedsindeks) over kommunens mål. LIX er ord pr. sætning plus andelen af lange ord (over "
       "seks bogstaver) i procent; Digitaliseringsstyrelsen anbefaler at holde det nede. Politikkens officielle "
       "ordlyd udgives, som den er vedtaget; dens LIX vises kun til orientering.",
       "The editors' own text on the page (card summaries, descriptions, 'In brief' and explanations) has a LIX "
       "(readability index) above the municipality's target. LIX is words per sentence plus the percentage of "
       "long words (more than six letters); the Danish Agency for Digital Government advises keeping it down. "
       "The policy's official wording is published as adopted; its LIX is shown for information only.",
       "Skriv redaktionens tekst med kortere sætninger (højst 15-20 ord) og kortere ord. Målet sættes med "
       "`lix_target:` i `index.md` (standard 45).",
       "Write the editors' text with shorter sentences (15-20 words at most) and shorter words. The target is "
       "set with `lix_target:` in `index.md` (default 45)."),
    _m("placeholder-left", WARNING, "language",
       "Siden har stadig pladsholdertekst fra skabelonen (»UDFYLD« eller »FILL IN«).",
       "The page still has placeholder text from the template ('UDFYLD' or 'FILL IN').",
       "Erstat pladsholderen med den rigtige tekst.", "Replace the placeholder with the real text."),
    # Creating a municipality.
    _m("municipality-exists", ERROR, "new",
       "Der findes allerede en mappe med det navn.", "A folder with that name already exists.",
       "Vælg et andet mappenavn, eller ret den eksisterende kommune.",
       "Choose another folder name, or edit the existing municipality."),
    _m("name-invalid", ERROR, "new",
       "Kommunens navn mangler eller har ugyldige tegn.", "The municipality's name is missing or has invalid characters.",
       "Skriv navnet i anførselstegn, fx `NAME=\"Roskilde Kommune\"`.",
       "Write the name in quotes, e.g. `NAME=\"Roskilde Kommune\"`."),
    # ---- Issue 12 (i-model): every fact written once, schema additions. New codes go here, at the end. ----
    _m("translation-neutral-key", ERROR, "pages",
       "Den engelske side gentager et faktum, som er ens på alle sprog (en dato, sidelisten, kontaktens telefon "
       "eller e-mail, en adresse, kildens adresse, et id, temaer). Det skrives kun én gang, i den danske fil, og "
       "den engelske side henter det derfra.",
       "The English page repeats a fact that is the same in every language (a date, the page list, the "
       "contact's phone or e-mail, an address, the source's address, an id, themes). It is written once, in the "
       "Danish file, and the English page takes it from there.",
       "Slet linjen (og linjerne rykket ind under den) fra den engelske fil. Står værdien ikke i den danske fil, "
       "så skriv den dér.",
       "Delete the line (and the lines indented under it) from the English file. If the value is not in the "
       "Danish file, write it there."),
    _m("translation-shape", ERROR, "pages",
       "Den engelske side har ikke de samme tekster som den danske: et felt eller et punkt findes kun på det ene "
       "sprog, eller en liste (byggesten, dele, punkter, kontakter) har et andet antal på de to sprog. Den "
       "engelske side parres med den danske efter rækkefølge.",
       "The English page does not have the same texts as the Danish one: a field or an item is in one language "
       "only, or a list (building blocks, parts, items, contacts) has a different number of entries in the two "
       "languages. The English page is paired with the Danish one by order.",
       "Oversæt det, der mangler, eller slet det, der ikke står på dansk, så de to filer har de samme felter i "
       "samme rækkefølge.",
       "Translate what is missing, or delete what is not in the Danish file, so the two files have the same "
       "fields in the same order."),
    _m("theme-label-missing", ERROR, "schema",
       "Et tema i `themes.yml` mangler sit navn på et af sprogene (`da:` eller `en:`).",
       "A theme in `themes.yml` lacks its name in one of the languages (`da:` or `en:`).",
       "Tilføj den manglende linje under temaets id, fx `en: Co-creation`, rykket to mellemrum ind.",
       "Add the missing line under the theme's id, e.g. `en: Co-creation`, indented by two spaces."),
    _m("url-insecure", WARNING, "schema",
       "Kildens adresse begynder med `http://`, ikke `https://`. Den accepteres, fordi ældre kommunale websteder "
       "stadig har sådanne adresser, men forbindelsen er ikke krypteret.",
       "The source's address starts with `http://`, not `https://`. It is accepted, since older municipal "
       "websites still have such addresses, but the connection is not encrypted.",
       "Prøv adressen med `https://` i en browser; virker den, så skriv den sådan.",
       "Try the address with `https://` in a browser; if it works, write it that way."),
    _m("consultation-history-dates", ERROR, "schema",
       "Høringshistorikken passer ikke sammen: vedtagelsen ligger før høringens slutdato.",
       "The consultation history does not add up: the adoption is dated before the consultation ended.",
       "Ret datoerne under `consultation_history:`, så `consulted_until` ligger før `adopted`.",
       "Correct the dates under `consultation_history:` so that `consulted_until` comes before `adopted`."),
    _m("consultation-history-unexpected", ERROR, "schema",
       "En høringsudgave har en høringshistorik; den hører til en vedtaget politik.",
       "A consultation draft has a consultation history; it belongs to an adopted policy.",
       "Fjern `consultation_history:`, eller sæt `policy_status: adopted`, når politikken er vedtaget.",
       "Remove `consultation_history:`, or set `policy_status: adopted` once the policy is adopted."),
)

MESSAGES: dict[str, Message] = {message.code: message for message in _ALL}
assert len(MESSAGES) == len(_ALL), "duplicate message code"


def message(code: str) -> Message:
    """The registry entry for a code (KeyError for a code nobody registered)."""
    return MESSAGES[code]


def by_topic() -> list[tuple[Topic, list[Message]]]:
    """Messages grouped by topic, in registry order (for the editors' guide)."""
    return [(topic, [m for m in _ALL if m.topic == topic.key]) for topic in TOPICS]


# ---- Particular wordings ------------------------------------------------------------------------
# Each entry is the text of one finding of a code, with the {parameters} its call site passes.
# `{line}` is the line of the finding; other names are listed where they are used.

_DETAILS: tuple[Detail, ...] = (
    # `make check` (policysite/review.py).
    _d("municipality-unknown", "unknown",
       "Der er ingen kommunemappe `{slug}`. Mapperne er: {known}.",
       "There is no municipality folder `{slug}`. The folders are: {known}.",
       "Skriv et af mappenavnene, fx `make check M=<mappe>`.", "Write one of the folder names, e.g. `make check M=<folder>`."),
    _d("municipality-unknown", "unknown-suggest",
       "Der er ingen kommunemappe `{slug}`. Mente du `{suggestion}`?",
       "There is no municipality folder `{slug}`. Did you mean `{suggestion}`?",
       "Skriv `make check M={suggestion}`.", "Write `make check M={suggestion}`."),
    _d("lix-above-target", "editorial",
       "Redaktionens egen tekst på siden (resuméer, beskrivelse, »Kort fortalt«) har LIX {value} ({band}), "
       "over målet {target}: {per_sentence} ord pr. sætning og {long_share} % lange ord (over seks bogstaver).",
       "The editors' own text on the page (summaries, description, 'In brief') has LIX {value} ({band}), "
       "above the target {target}: {per_sentence} words per sentence and {long_share}% long words (more than "
       "six letters).",
       "Skriv resuméerne og beskrivelsen med kortere sætninger (højst 15 ord) og korte, hverdagsagtige ord. "
       "Politikkens officielle ordlyd skal ikke ændres. Målet er `lix_target:` i `index.md`.",
       "Write the summaries and the description in shorter sentences (15 words or fewer) with short, everyday "
       "words. The policy's official wording is not to be changed. The target is `lix_target:` in `index.md`."),
    _d("translation-stale", "recorded",
       "Den danske side {danish} er ændret, siden denne oversættelse blev lavet (oversat fra `{recorded}`, den "
       "danske tekst er nu `{current}`).",
       "The Danish page {danish} has changed since this translation was made (translated from `{recorded}`, "
       "the Danish text is now `{current}`).",
       "Ret den engelske tekst, så den svarer til den danske, og skriv så `translated_from: \"{current}\"`.",
       "Update the English text to match the Danish, then write `translated_from: \"{current}\"`."),
    _d("translation-stale", "git",
       "Den danske side {danish} blev ændret ({danish_when}) efter denne oversættelse ({english_when}), ifølge git.",
       "The Danish page {danish} was changed ({danish_when}) after this translation ({english_when}), according "
       "to git.",
       "Ret den engelske tekst, så den svarer til den danske, og tilføj så `translated_from: \"{current}\"` i "
       "filens front-matter, så kontrollen kan se det næste gang.",
       "Update the English text to match the Danish, then add `translated_from: \"{current}\"` to this file's "
       "front-matter so the check can tell next time."),
    # Files and folders in a content folder (policysite/contentfiles.py). {where} is a phrase.
    _d("file-symlink", "link-file",
       "Filen er et link (symlink) til `{target}`. Links udgives aldrig, uanset hvor de peger hen: gennem "
       "et link ville sitet udgive filer fra andre steder på computeren.",
       "The file is a link (symlink) to `{target}`. Links are never published, wherever they point: "
       "through a link the site would publish files from elsewhere on the computer.",
       "Erstat linket med en kopi af selve filen, eller slet det.",
       "Replace the link with a copy of the file itself, or delete it."),
    _d("file-symlink", "link-folder",
       "Mappen er et link (symlink) til `{target}`. Links udgives aldrig, uanset hvor de peger hen: gennem "
       "et link ville sitet udgive filer fra andre steder på computeren.",
       "The folder is a link (symlink) to `{target}`. Links are never published, wherever they point: "
       "through a link the site would publish files from elsewhere on the computer.",
       "Erstat linket med en kopi af selve mappen, eller slet det.",
       "Replace the link with a copy of the folder itself, or delete it."),
    _d("file-not-allowed", "special",
       "`{name}` er ikke en almindelig fil eller mappe (en enhed, en pipe eller en socket).",
       "`{name}` is not an ordinary file or folder (a device, pipe or socket).",
       "Slet den.", "Delete it."),
    _d("file-not-allowed", "hidden",
       "`{name}` er en skjult fil eller mappe; i {where} må der kun ligge sider og billeder, og et skjult navn "
       "ville blive udeladt af sitet, uden at nogen opdagede det.",
       "`{name}` is a hidden file or folder; {where} may only hold pages and images, and a hidden name would be "
       "left out of the site without anyone noticing.",
       "Slet den (en fil, din computer har lavet, som `.DS_Store`, er der ikke brug for).",
       "Delete it (a file your computer made, such as `.DS_Store`, is not needed)."),
    _d("file-not-allowed", "kind",
       "Filen er {what}, og i {where} må der kun ligge Markdown-sider (`.md`) og billeder ({formats}): enhver "
       "anden fil ville blive udgivet, som den er, uden kontrol.",
       "The file is {what}, and {where} may only hold Markdown pages (`.md`) and images ({formats}): any "
       "other file would be published as it is, unchecked.",
       "{advice}", "{advice}"),
    _d("file-not-allowed", "in-editions",
       "`{editions}/` har én mappe pr. tidligere udgave, opkaldt efter den, og intet andet.",
       "`{editions}/` holds one folder per earlier edition, named after it, and nothing else.",
       "Flyt filen ind i mappen for sin udgave (`{editions}/<udgave>/`), eller slet den.",
       "Move the file into the folder of its edition (`{editions}/<edition>/`), or delete it."),
    _d("file-name", "name",
       "Navnet `{name}` kan ikke bruges i en webadresse alle steder: kun bogstaverne a-z, tal, `-`, `_` og `.` "
       "er tilladt, højst {limit} tegn, ingen mellemrum.",
       "The name `{name}` cannot be used in a web address everywhere: only letters a-z, digits, `-`, `_` and "
       "`.` are allowed, at most {limit} characters, no spaces.",
       "Omdøb den, fx til `billede-af-torvet.jpg` (æ→ae, ø→oe, å→aa), og ret links til den.",
       "Rename it, for example `billede-af-torvet.jpg` (æ→ae, ø→oe, å→aa), and change the links to it."),
    _d("folder-too-deep", "depth",
       "Mappen ligger mere end {limit} niveauer nede i {where}.",
       "The folder is nested more than {limit} levels deep inside {where}.",
       "Flyt dens filer op i færre mapper.", "Move its files up into fewer folders."),
    _d("file-shadows-site", "shadows",
       "`{relative}` ville tage pladsen fra det, sitet selv udgiver dér: {why}.",
       "`{relative}` would take the place of what the site itself publishes there: {why}.",
       "Omdøb filen eller dens mappe (læg fx billeder i `billeder/`), og ret links til den.",
       "Rename the file or its folder (for example put pictures in `billeder/`), and change the links to it."),
    _d("file-shadows-site", "shadows-kind",
       "`{relative}` ville tage pladsen fra det, sitet selv udgiver dér: {why}.",
       "`{relative}` would take the place of what the site itself publishes there: {why}.",
       "{advice}", "{advice}"),
    _d("page-unlisted", "subfolder",
       "Siden {name} ligger i en undermappe, hvor sitet ville udgive den uden for menuen og ukontrolleret; en "
       "kommunes sider er `.md`-filerne direkte i dens mappe.",
       "The page {name} is in a subfolder, where the site would publish it outside the menu and unchecked; a "
       "municipality's pages are the `.md` files directly in its folder.",
       "Flyt siden op i kommunens mappe, og skriv den under `pages` i `index.md`, eller slet den.",
       "Move the page up into the municipality's folder and list it under `pages` in `index.md`, or delete it."),
    _d("image-too-large", "bytes",
       "Billedet fylder {size:,} byte, mere end de {limit:,}, et billede må have; læsere på mobil ville vente "
       "på det.",
       "The image is {size:,} bytes, more than the {limit:,} an image may have; readers on phones would wait "
       "for it.",
       "Gem det mindre fra et billedprogram: 1600 pixels i bredden er rigeligt til en webside.",
       "Save it smaller from an image program: 1600 pixels wide is plenty for a web page."),
    _d("image-too-large", "pixels",
       "Billedet er {width} × {height} pixels; højst {side} pixels på hver led og {million} millioner pixels i "
       "alt er tilladt, fordi hver læsers browser pakker hver pixel ud.",
       "The image is {width} × {height} pixels; at most {side} pixels a side and {million} million pixels in "
       "all are allowed, since every reader's browser unpacks every pixel.",
       "Gem det mindre fra et billedprogram: 1600 pixels i bredden er rigeligt til en webside.",
       "Save it smaller from an image program: 1600 pixels wide is plenty for a web page."),
    _d("image-invalid", "invalid",
       "Filens navn siger, at den er et {expected}-billede, men den er {what}.",
       "The file's name says it is a {expected} image, but it is {what}.",
       "Gem billedet igen som {expected} fra et billedprogram, eller giv filen endelsen for det, den er "
       "(`.png`, `.jpg` eller `.webp`).",
       "Save the picture again as {expected} from an image program, or give the file the extension of what it "
       "is (`.png`, `.jpg` or `.webp`)."),
    _d("image-animated", "animated",
       "Billedet er animeret; læserne kan ikke sætte et levende billede på pause eller stoppe det, og det "
       "forstyrrer og kan gøre nogle læsere utilpasse.",
       "The image is animated; readers cannot pause or stop a moving picture, which distracts and can make "
       "some readers unwell.",
       "Brug et stillbillede, eller link til en video på kommunens eget websted.",
       "Use a still picture, or link to a video on the municipality's own website."),
    # kommune: and tema: links (policysite/crosslinks.py).
    _d("crosslink-missing", "theme-anchor",
       "Linket `{link}` peger på et sted på en temaside; temasider har ingen sådanne steder.",
       "The link `{link}` points to a place on a theme page; theme pages have no such places.",
       "Skriv temaet alene: `tema:{theme}`.", "Write the theme alone: `tema:{theme}`."),
    _d("crosslink-missing", "no-theme",
       "Linket `{link}` peger på et tema, der ikke findes.", "The link `{link}` points to a theme that does not exist.",
       "Brug et af temaerne i `themes.yml`: {themes}.", "Use one of the themes in `themes.yml`: {themes}."),
    _d("crosslink-missing", "no-municipality",
       "Linket `{link}` peger på en kommunemappe `{slug}`, som ikke findes.",
       "The link `{link}` points to a municipality folder `{slug}` that does not exist.",
       "Skriv mappenavnet på kommunen under `municipalities/`, fx `kommune:naestved`.",
       "Write the folder name of the municipality under `municipalities/`, e.g. `kommune:naestved`."),
    _d("crosslink-missing", "no-block",
       "Linket `{link}` peger på en byggesten `{anchor}`, som {slug} ikke har.",
       "The link `{link}` points to a building block `{anchor}` that {slug} does not have.",
       "Brug et af {slug}s byggesten-id'er: {ids}.", "Use one of {slug}'s block ids: {ids}."),
    # Any code: a file with many findings of one kind lists a few (policysite/sourcelines.py).
    _d("*", "more",
       "{more:,} problem(er) mere af samme slags som ovenfor ({total:,} i alt) står i filen og er ikke "
       "nævnt hver for sig.",
       "{more:,} more problem(s) like those above ({total:,} in all) are in this file and are not listed "
       "one by one.",
       "Ret dem, der er nævnt ovenfor, på samme måde, og kontrollér igen for at se resten.",
       "Fix the ones listed above the same way, then check again to see any that are left."),
    # What a page says and shows (policysite/pagecheck.py).
    _d("unsafe-markup", "render-too-deep",
       "Teksten er indlejret så dybt (citater eller lister inden i hinanden), at den ikke kan vises sikkert.",
       "The text is nested so deeply (quotes or lists inside each other) that it cannot be rendered safely.",
       "Fjern de ekstra `>` eller indrykninger; ingen side behøver mere end nogle få niveauer.",
       "Remove the extra `>` or indentation; no page needs more than a few levels."),
    _d("blocks-marker", "twice",
       "`{marker}` viser, hvor byggestenene skal stå, men står her mere end én gang.",
       "`{marker}` marks where the building blocks go, but here it appears more than once.",
       "Skriv `{marker}` én gang, på sin egen linje, med en tom linje før og efter.",
       "Write `{marker}` once, on a line of its own, with a blank line before and after it."),
    _d("blocks-marker", "not-alone",
       "`{marker}` viser, hvor byggestenene skal stå, men står ikke på sin egen linje (den står i en liste, "
       "et citat, en kodeblok eller et afsnit).",
       "`{marker}` marks where the building blocks go, but here it is not on a line of its own (it is inside "
       "a list, a quote, a code block or a paragraph).",
       "Skriv `{marker}` én gang, på sin egen linje, med en tom linje før og efter.",
       "Write `{marker}` once, on a line of its own, with a blank line before and after it."),
    _d("blocks-marker", "reserved-word",
       "Teksten indeholder det reserverede ord {word}, som sitet bruger til at placere byggestenene.",
       "The text holds the reserved word {word}, which the site uses to place the building blocks.",
       "Fjern ordet {word}. Byggestenene placeres med `{marker}` på sin egen linje, med en tom linje før og efter.",
       "Remove the word {word}. The building blocks are placed with `{marker}` on a line of its own, with a "
       "blank line before and after it."),
    _d("control-character", "invisible",
       "Linjen har det usynlige tegn {shown} (efter »{before}«), som ikke hører hjemme i indhold: det kan "
       "skjule, vende eller ødelægge teksten omkring sig.",
       "The line holds the invisible character {shown} (after '{before}'), which does not belong in content: "
       "it can hide, reorder or break the text around it.",
       "Slet det: sæt markøren efter ordene foran det, og skriv dem igen; tegnet kommer ofte med, når tekst "
       "kopieres fra et andet program.",
       "Delete it: put the cursor after the words before it and retype them; it often comes along when text "
       "is copied from another program."),
    _d("control-character", "invisible-at-start",
       "Linjen begynder med det usynlige tegn {shown}, som ikke hører hjemme i indhold: det kan skjule, vende "
       "eller ødelægge teksten omkring sig.",
       "The line starts with the invisible character {shown}, which does not belong in content: it can hide, "
       "reorder or break the text around it.",
       "Slet det: skriv linjens første ord igen; tegnet kommer ofte med, når tekst kopieres fra et andet program.",
       "Delete it: retype the first words of the line; it often comes along when text is copied from another "
       "program."),
    _d("control-character", "reference",
       "Teksten skriver det usynlige tegn {shown} som en tegnreference (`&#...;`), og det hører ikke hjemme "
       "i indhold: det kan skjule, vende eller ødelægge teksten omkring sig.",
       "The text writes the invisible character {shown} as a character reference (`&#...;`), and it does not "
       "belong in content: it can hide, reorder or break the text around it.",
       "Fjern tegnreferencen.", "Remove the character reference."),
    _d("markup-unbalanced", "closes-unopened",
       "Teksten lukker elementet <{tag}> med {element}, men har aldrig åbnet det her.",
       "The text closes the element <{tag}> with {element}, but never opened it here.",
       "Luk hvert element i den tekst, det åbnes i, fx <{tag}>…</{tag}>, eller fjern det overskydende slut-tag.",
       "Close every element in the text it is opened in, for example <{tag}>…</{tag}>, or remove the stray "
       "end tag."),
    _d("markup-unbalanced", "never-closed",
       "Teksten åbner elementet {element} uden at lukke det; på siden ville det sluge eller flytte rundt på "
       "det, der kommer efter.",
       "The text opens the element {element} but never closes it; on the page it would swallow or rearrange "
       "what comes after it.",
       "Luk hvert element i den tekst, det åbnes i, fx <{tag}>…</{tag}>.",
       "Close every element in the text it is opened in, for example <{tag}>…</{tag}>."),
    _d("field-heading", "heading",
       "Teksten har en overskrift (»{text}«); en byggestens overskrifter er dens `title` og `heading` i hver "
       "af dens `parts`, så denne ville bryde sidens disposition.",
       "The text holds a heading ('{text}'); a building block's headings are its `title` and the `heading` of "
       "each of its `parts`, so this one would break the page's outline.",
       "Gør den til en del: skriv under `parts:` et `- heading: ...` med teksten under `text:`. Eller skriv "
       "den som en almindelig sætning uden `#`.",
       "Make it a part: under `parts:`, write `- heading: ...` with the text under `text:`. Or write it as an "
       "ordinary sentence without `#`."),
    _d("unsafe-tag", "dangerous",
       "Teksten indeholder {what}, som ikke er tilladt i indholdet: det kunne køre kode eller hente fremmed "
       "indhold ind i læsernes browsere.",
       "The text contains {what}, which is not allowed in the content: it could run code or load outside "
       "content in readers' browsers.",
       "Fjern elementet. Vil du vise en video, et kort eller en formular, så link til det i stedet, fx "
       "`[Se videoen om politikken](https://...)`.",
       "Remove the element. To show a video, a map or a form, link to it instead, for example "
       "`[Se videoen om politikken](https://...)`."),
    _d("unsafe-tag", "not-allowed",
       "Teksten indeholder {what}, som sitet ikke tillader (kun enkel tekststruktur, links og billeder er "
       "tilladt).",
       "The text contains {what}, which the site does not allow (only simple text structure, links and images "
       "are allowed).",
       "Fjern det. Mente du teksten »<{tag}>« selv, så sæt den i backticks: `` `<{tag}>` ``.",
       "Remove it. If you meant the text '<{tag}>' itself, put it in backticks: `` `<{tag}>` ``."),
    _d("unsafe-attribute", "runs-code",
       "Teksten indeholder {what}, som ikke er tilladt i indholdet: egenskaber, der begynder med `on`, kører "
       "kode, når læseren klikker, eller siden indlæses.",
       "The text contains {what}, which is not allowed in the content: attributes starting with `on` run code "
       "when the reader clicks or the page loads.",
       "Fjern `{name}=...` fra HTML-tagget eller fra `{{ }}` efter afsnittet eller overskriften.",
       "Remove `{name}=...` from the HTML tag or from the `{{ }}` after the paragraph or heading."),
    _d("unsafe-attribute", "looks",
       "Teksten indeholder {what}, som ikke er tilladt i indholdet; sitets skabeloner bestemmer, hvordan "
       "tingene ser ud og opfører sig.",
       "The text contains {what}, which is not allowed in the content; the site's templates decide how things "
       "look and behave.",
       "Fjern `{name}=...` fra HTML-tagget eller fra `{{ }}` efter afsnittet eller overskriften.",
       "Remove `{name}=...` from the HTML tag or from the `{{ }}` after the paragraph or heading."),
    _d("unsafe-url", "address",
       "Teksten indeholder {what}; sådan en adresse kører kode eller skjuler indhold i stedet for at åbne en side.",
       "The text contains {what}; an address like that runs code or hides content instead of opening a page.",
       "Brug en adresse, der begynder med `https://`, `mailto:` eller `tel:`, en sidefil som `vaerdier.md` "
       "eller et `kommune:`/`tema:`-link.",
       "Use an address starting with `https://`, `mailto:` or `tel:`, a page file such as `vaerdier.md`, or "
       "a `kommune:`/`tema:` link."),
    _d("unsafe-markup", "markup",
       "Teksten indeholder {what}, som ikke kan kontrolleres sikkert.",
       "The text contains {what}, which cannot be checked safely.",
       "Fjern det. Kommentarer (`<!-- ... -->`) må kun indeholde almindelige ord.",
       "Remove it. Comments (`<!-- ... -->`) may only contain plain words."),
    _d("id-reserved", "reserved",
       "Teksten indeholder {what}; id'er og navne, der begynder med `__` eller `md-`, `md-`-klasser og "
       "`data-md-`-egenskaber tilhører sitets tema, og indhold med dem kunne overtage temaets indstillinger.",
       "The text contains {what}; ids and names starting with `__` or `md-`, `md-` classes and `data-md-` "
       "attributes belong to the site's theme, and content using them could take over the theme's settings.",
       "Brug et andet id, fx `{{ #mit-id }}` efter overskriften eller afsnittet, eller fjern klassen eller "
       "egenskaben. En overskrift får sit id fra teksten: omformulér den, eller giv den sit eget id.",
       "Use another id, e.g. `{{ #my-id }}` after the heading or paragraph, or remove the class or attribute. "
       "A heading takes its id from its text: reword it, or give it an id of its own."),
    _d("image-external", "external",
       "Teksten indeholder {what}; sitet henter intet fra andre websteder, som ellers ville få at vide, hvem "
       "der læser siden, og billedet kunne skifte dér uden en gennemgang.",
       "The text contains {what}; the site loads nothing from other websites, which would learn who reads the "
       "page, and the image could change there without a review.",
       "Læg billedfilen i kommunens mappe, og skriv dens navn: `![Hvad billedet viser](billede.jpg)`.",
       "Put the image file in the municipality's folder and write its name: "
       "`![What the picture shows](picture.jpg)`."),
    _d("unsafe-quote", "straight-quote",
       "Teksten i `{name}` indeholder et lige anførselstegn (\"), som ville afslutte den HTML-egenskab, "
       "sitet sætter teksten i.",
       "The text of `{name}` contains a straight double quote (\"), which would end the HTML attribute the "
       "site puts this text in.",
       "Brug typografiske anførselstegn i stedet: »…« eller “…”.", "Use typographic quotes instead: »…« or “…”."),
    _d("heading-skip", "skip",
       "Overskriften »{text}« er på niveau {level} ({hashes}), men overskriften over den er på niveau "
       "{previous}, så niveau {next} springes over; skærmlæserbrugere bevæger sig gennem siden efter disse "
       "niveauer og vil tro, at noget mangler.",
       "The heading '{text}' is level {level} ({hashes}) but the heading above it is level {previous}, so "
       "level {next} is skipped; screen-reader users move through a page by these levels and will think "
       "something is missing.",
       "Skriv {next_hashes} i stedet for {hashes}, eller tilføj en overskrift på niveau {next} over den.",
       "Write {next_hashes} instead of {hashes}, or add a level-{next} heading above it."),
    _d("image-alt-missing", "no-alt",
       "Billedet `{src}` har ingen alternativ tekst, så læsere, der ikke kan se det, ved ikke, hvad det viser.",
       "The image `{src}` has no alternative text, so readers who cannot see it do not know what it shows.",
       "Beskriv billedet mellem de firkantede parenteser: `![Hvad billedet viser]({src})`.",
       "Describe the image between the square brackets: `![What the picture shows]({src})`."),
    _d("image-alt-missing", "no-alt-no-address",
       "Et billede uden adresse har ingen alternativ tekst, så læsere, der ikke kan se det, ved ikke, hvad det "
       "viser.",
       "An image without an address has no alternative text, so readers who cannot see it do not know what "
       "it shows.",
       "Skriv billedets filnavn og en beskrivelse: `![Hvad billedet viser](billede.jpg)`.",
       "Write the image's file name and a description: `![What the picture shows](picture.jpg)`."),
    _d("link-text-vague", "vague",
       "Linkteksten »{text}« siger ikke, hvor linket fører hen; skærmlæsere kan vise sidens links uden "
       "sætningen omkring dem.",
       "The link text '{text}' does not say where the link goes; screen readers can list a page's links "
       "without the sentence around them.",
       "Skriv, hvor linket fører hen, i linkteksten, fx `[Læs om frivillighed]({href})` i stedet for "
       "`[{text}]({href})`.",
       "Put the destination in the link text, e.g. `[Læs om frivillighed]({href})` instead of "
       "`[{text}]({href})`."),
    _d("placeholder-left", "left",
       "{count} linje(r) har stadig skabelonens pladsholdertekst (linje {lines}).",
       "{count} line(s) still have the template's placeholder text (lines {lines}).",
       "Erstat hvert `[UDFYLD: ...]` eller `[FILL IN: ...]`, klammerne med, med den rigtige tekst.",
       "Replace each `[UDFYLD: ...]` or `[FILL IN: ...]`, brackets included, with the real text."),
    _d("link-broken", "absolute",
       "Linket `{href}` begynder med `/`, så det ville afhænge af, hvor sitet udgives.",
       "The link `{href}` starts with `/`, so it would depend on where the site is published.",
       "Skriv sidens filnavn i stedet, fx `{name}`.", "Write the page's file name instead, e.g. `{name}`."),
    _d("link-broken", "outside",
       "Linket `{href}` peger uden for dette mikrosites mappe.",
       "The link `{href}` points outside this microsite's folder.",
       "Link til en anden kommune med `[tekst](kommune:<mappe>#<id>)` og til et tema med `[tekst](tema:<id>)`.",
       "To link to another municipality write `[text](kommune:<folder>#<id>)`; to link to a theme write "
       "`[text](tema:<id>)`."),
    _d("link-broken", "no-page",
       "Linket `{href}` peger på siden `{page}`, som dette mikrosite ikke har.",
       "The link `{href}` points to the page `{page}`, which this microsite does not have.",
       "Brug en af dets sider: {pages}.", "Use one of its pages: {pages}."),
    _d("link-broken", "address",
       "Linket `{href}` peger på en webadresse inde i sitet, ikke på en sidefil.",
       "The link `{href}` points to a web address inside the site, not to a page file.",
       "Link til sidens Markdown-fil, fx `vaerdier.md`. Siderne her: {pages}.",
       "Link to the page's Markdown file, e.g. `vaerdier.md`. Pages here: {pages}."),
    _d("link-broken", "no-file",
       "Linket `{href}` peger på filen `{file}`, som ikke ligger i mappen.",
       "The link `{href}` points to the file `{file}`, which is not in the folder.",
       "Læg filen i kommunens mappe, eller ret navnet.", "Put the file in the municipality's folder, or correct the name."),
    _d("anchor-missing", "missing",
       "Linket `{href}` peger på `#{anchor}`, som ikke findes på {page}.",
       "The link `{href}` points to `#{anchor}`, which is not on {page}.",
       "Brug id'et på en byggesten eller en overskrift på {page}: {ids}.",
       "Use the id of a building block or heading on {page}: {ids}."),
    _d("anchor-missing", "missing-none",
       "Linket `{href}` peger på `#{anchor}`, men {page} har ingen steder at linke til.",
       "The link `{href}` points to `#{anchor}`, but {page} has no places to link to.",
       "Fjern `#{anchor}` fra linket.", "Remove `#{anchor}` from the link."),
    _d("file-too-large", "size",
       "Filen fylder {size:,} byte, mere end de {limit:,}, en side må have.",
       "The file is {size:,} bytes, more than the {limit:,} a page may have.",
       "Del siden op i flere sider, og skriv dem under `pages` i `index.md`.",
       "Split the page into several pages and list them under `pages` in `index.md`."),
    _d("file-not-utf8", "encoding",
       "Filen er ikke gemt som UTF-8, så bogstaver som æ, ø og å kan ikke læses.",
       "The file is not saved as UTF-8, so letters such as æ, ø and å cannot be read.",
       "Åbn filen i din editor, og gem den igen med tegnsættet UTF-8.",
       "Open the file in your editor and save it again with the encoding UTF-8."),
    # Text too complex to render (policysite/textbounds.py).
    _d("text-too-complex", "too-long",
       "Teksten er {size:,} tegn lang, mere end de {limit:,}, én sides tekst må have.",
       "The text is {size:,} characters long, more than the {limit:,} one page's text may have.",
       "Del den op i flere sider, og skriv dem under `pages` i `index.md`.",
       "Split it into several pages and list them under `pages` in `index.md`."),
    _d("text-too-complex", "backticks",
       "Mere end {limit} backticks (`` ` ``) i træk.", "More than {limit} backticks (`` ` ``) in a row.",
       "Fjern de ekstra backticks; kode skal bruge én (`` `kode` ``) eller tre (```` ``` ````).",
       "Remove the extra backticks; code needs one (`` `code` ``) or three (```` ``` ````) of them."),
    _d("text-too-complex", "lines",
       "Teksten har mere end {limit:,} linjer.", "The text has more than {limit:,} lines.",
       "Del den op i flere sider, og skriv dem under `pages` i `index.md`.",
       "Split it into several pages and list them under `pages` in `index.md`."),
    _d("text-too-complex", "paragraphs",
       "Teksten har mere end {limit:,} afsnit.", "The text has more than {limit:,} paragraphs.",
       "Del den op i flere sider, og skriv dem under `pages` i `index.md`.",
       "Split it into several pages and list them under `pages` in `index.md`."),
    _d("text-too-complex", "indent",
       "Linjen er rykket mere end {limit} mellemrum ind.", "The line is indented by more than {limit} spaces.",
       "Fjern de ekstra mellemrum i starten af linjen; lister og citater behøver kun få niveauer.",
       "Remove the extra spaces at the start of the line; lists and quotes need only a few levels."),
    _d("text-too-complex", "nesting",
       "Linjen begynder med mere end {limit} citattegn (`>`) eller punkttegn inden i hinanden.",
       "The line starts with more than {limit} quote marks (`>`) or list markers, nested inside each other.",
       "Fjern de ekstra `>` eller punkttegn; ingen side behøver mere end nogle få niveauer.",
       "Remove the extra `>` or list markers; no page needs more than a few levels."),
    _d("text-too-complex", "headings",
       "Teksten har mere end {limit:,} overskrifter.", "The text has more than {limit:,} headings.",
       "Del den op i flere sider, og skriv dem under `pages` i `index.md`.",
       "Split it into several pages and list them under `pages` in `index.md`."),
    _d("text-too-complex", "code-blocks",
       "Teksten har mere end {limit} kodeblokke (```` ``` ```` eller `~~~`).",
       "The text has more than {limit} code blocks (```` ``` ```` or `~~~`).",
       "Del den op i flere sider, eller vis færre stykker kode.",
       "Split it into several pages, or show fewer pieces of code."),
    _d("text-too-complex", "definitions",
       "Afsnittet, der begynder her, har mere end {limit} definitioner (linjer, der begynder med `:`) uden en "
       "tom linje imellem.",
       "The paragraph starting here has more than {limit} definitions (lines starting with `:`) without a "
       "blank line between them.",
       "Sæt en tom linje mellem begreberne og deres definitioner.",
       "Put a blank line between the terms and their definitions."),
    _d("text-too-complex", "run-together",
       "Afsnittet, der begynder her, har mange overskrifter, streger eller understregninger lige efter hinanden "
       "uden tomme linjer, i en lang tekst.",
       "The paragraph starting here runs many headings, rules or underlines together without blank lines, in a "
       "long text.",
       "Sæt en tom linje før og efter hver overskrift og hver streg (`---`).",
       "Put a blank line before and after each heading and each rule (`---`)."),
    _d("text-too-complex", "marks",
       "Teksten har mere end {limit:,} formateringstegn (`* _ ` [ < & \\ !` og linjeskift); det er her, "
       "grænsen passeres.",
       "The text has more than {limit:,} formatting marks (`* _ ` [ < & \\ !` and line breaks); this is where "
       "the limit is passed.",
       "Del den op i flere sider, eller fjern formatering, der ikke er brug for.",
       "Split it into several pages, or remove formatting that is not needed."),
    _d("text-too-complex", "dense",
       "Afsnittet, der begynder her, er langt ({size:,} tegn) og har formateringstegn hele vejen igennem "
       "({marks:,} af `* _ ` [ < & \\ !`).",
       "The paragraph starting here is long ({size:,} characters) and has formatting marks all through it "
       "({marks:,} of `* _ ` [ < & \\ !`).",
       "Del det op i kortere afsnit med tomme linjer, eller fjern formatering, der ikke er brug for.",
       "Split it into shorter paragraphs with blank lines, or remove formatting that is not needed."),
    _d("text-too-complex", "open-brackets",
       "Mere end {limit} `[` er åbne på én gang her: klammer inden i klammer, eller `[`, som aldrig lukkes "
       "med `]` i afsnittet.",
       "More than {limit} `[` are open at once here: brackets inside brackets, or `[` that are never closed "
       "by `]` in the paragraph.",
       "Luk hver `[` med `]` i samme afsnit og hver linkadresse `(` med `)`; skriv `\\[` for en klamme, der "
       "bare er et tegn.",
       "Close each `[` with `]` in the same paragraph, and each link address `(` with `)`; write `\\[` for a "
       "bracket that is just a character."),
    _d("text-too-complex", "open-addresses",
       "Mere end {limit} linkadresser `](` er åbne på én gang her og lukkes aldrig med `)`.",
       "More than {limit} link addresses `](` are open at once here, never closed by `)`.",
       "Luk hver `[` med `]` i samme afsnit og hver linkadresse `(` med `)`; skriv `\\[` for en klamme, der "
       "bare er et tegn.",
       "Close each `[` with `]` in the same paragraph, and each link address `(` with `)`; write `\\[` for a "
       "bracket that is just a character."),
    _d("text-too-complex", "markdown-attribute",
       "Mere end {limit} HTML-tags her har en `markdown`-egenskab.",
       "More than {limit} HTML tags here have a `markdown` attribute.",
       "Skriv teksten i Markdown uden HTML omkring.", "Write the text in Markdown without HTML around it."),
    _d("text-too-complex", "html-tags",
       "Teksten har mere end {limit:,} HTML-tags.", "The text has more than {limit:,} HTML tags.",
       "Skriv teksten i Markdown i stedet for HTML, eller del den op i flere sider.",
       "Write the text in Markdown instead of HTML, or split it into several pages."),
    _d("text-too-complex", "open-tags",
       "Mere end {limit} `<` her begynder et HTML-tag uden et `>`, der afslutter det.",
       "More than {limit} `<` here start an HTML tag without a `>` to end it.",
       "Skriv `&lt;` for et `<`, der bare er et tegn, eller sæt teksten i backticks: `` `<` ``.",
       "Write `&lt;` for a `<` that is just a character, or put the text in backticks: `` `<` ``."),
    # Front-matter (policysite/frontmatter.py). YAML's own words never reach an editor: each parser
    # error is read as the mistake an editor makes (a colon in a text, a list item out of line ...).
    _d("frontmatter-unclosed", "unclosed",
       "Front-matter begynder med `---` på linje 1, men slutter aldrig med en linje `---`.",
       "The front-matter starts with `---` on line 1 but is never closed.",
       "Tilføj en linje med kun `---` efter sidste linje i front-matter, før sidens tekst.",
       "Add a line with just `---` after the last front-matter line, before the text."),
    _d("frontmatter-too-large", "size",
       "Front-matter er {size:,} tegn lang; højst {limit:,} er tilladt.",
       "The front-matter is {size:,} characters long, more than the {limit:,} allowed.",
       "Flyt lange tekster ned i sidens tekst under den afsluttende `---`.",
       "Move long text into the page body below the closing `---`."),
    _d("yaml-tab", "tab",
       "Linjen er rykket ind med et tabulatortegn; her må kun bruges mellemrum.",
       "This line is indented with a tab character; YAML only allows spaces.",
       "Erstat tabulatoren i starten af linjen med mellemrum (to pr. niveau).",
       "Replace the tab at the start of the line with spaces (two per level)."),
    _d("yaml-tab", "tab-inside",
       "Linjen har et tabulatortegn, hvor der skal stå mellemrum.",
       "The line has a tab character where spaces are expected.",
       "Erstat tabulatoren med mellemrum.", "Replace the tab with spaces."),
    _d("yaml-syntax", "colon",
       "Teksten indeholder et kolon; sæt anførselstegn om den. Et kolon efterfulgt af mellemrum får ellers "
       "resten af teksten til at ligne en ny nøgle.",
       "The text contains a colon; put it in quotes. A colon followed by a space otherwise makes the rest of "
       "the text look like a new key.",
       "Skriv fx `{name}: \"{example}\"` (brug »…« til anførselstegn inde i teksten).",
       "Write e.g. `{name}: \"{example}\"` (use »…« for quotes inside the text)."),
    _d("yaml-syntax", "missing-colon",
       "Linjen `{text}` har intet kolon, så den er hverken en nøgle med en værdi eller et punkt i en liste.",
       "The line `{text}` has no colon, so it is neither a key with a value nor a list item.",
       "Skriv nøglen efterfulgt af kolon og mellemrum, fx `title: Værdier`. Hører teksten til linjen over, "
       "så sæt hele teksten i anførselstegn.",
       "Write the key followed by a colon and a space, e.g. `title: Values`. If the text belongs to the line "
       "above, put the whole text in quotes."),
    _d("yaml-syntax", "indentation",
       "Linjen er rykket forkert ind: den flugter ikke med nøglerne over den, så det er ikke til at se, hvad "
       "den hører til.",
       "The line is indented wrongly: it does not line up with the keys above it, so it is unclear what it "
       "belongs to.",
       "Ryk linjen ind med præcis lige så mange mellemrum som de andre nøgler på samme niveau (se linjen over).",
       "Indent the line with exactly as many spaces as the other keys at the same level (see the line above)."),
    _d("yaml-syntax", "list-indentation",
       "Linjen står i en liste, men er ikke rykket ind som punkterne over den. Hvert punkt begynder med `- `, "
       "og dets øvrige linjer flugter med teksten efter `- `.",
       "The line is in a list but not indented like the items above it. Each item starts with `- `, and its "
       "other lines line up with the text after `- `.",
       "Ryk linjen ind, så den flugter med punkterne over: enten et nyt punkt `- ` under det forrige `- `, "
       "eller en nøgle under teksten efter `- `.",
       "Indent the line to line up with the items above: either a new item `- ` under the previous `- `, or "
       "a key under the text after `- `."),
    _d("yaml-syntax", "after-quote",
       "Der står mere tekst efter det afsluttende anførselstegn.",
       "There is more text after the closing quote.",
       "Sæt anførselstegnene om hele teksten, og skriv anførselstegn inde i teksten som »…« eller “…”.",
       "Put the quotes around the whole text, and write quotes inside the text as »…« or “…”."),
    _d("yaml-syntax", "unclosed-quote",
       "Et anførselstegn ({quote}) åbnes her, men lukkes aldrig.",
       "A quote ({quote}) opens here but is never closed.",
       "Tilføj det afsluttende {quote} sidst i teksten, og skriv anførselstegn inde i teksten som »…«.",
       "Add the closing {quote} at the end of the text, and write quotes inside the text as »…«."),
    _d("yaml-syntax", "item-on-key-line",
       "Et punkt (`- `) står på samme linje som nøglen.",
       "A list item (`- `) is on the same line as its key.",
       "Skriv hvert punkt på sin egen linje under nøglen, rykket to mellemrum ind: `{name}:` og så `  - ...`.",
       "Write each item on its own line under the key, indented by two spaces: `{name}:` then `  - ...`."),
    _d("yaml-syntax", "reserved-start",
       "Værdien begynder med tegnet {char}, som har en særlig betydning i front-matter.",
       "The value starts with the character {char}, which has a special meaning in the front-matter.",
       "Sæt hele værdien i dobbelte anførselstegn: \"{char}...\".",
       "Put the whole value in double quotes: \"{char}...\"."),
    _d("yaml-syntax", "unclosed-bracket",
       "En liste eller gruppe åbnes med `{bracket}`, men lukkes aldrig med `{closing}`.",
       "A list or group opens with `{bracket}` but is never closed with `{closing}`.",
       "Tilføj `{closing}` sidst i værdien, fx `themes: [naboskab, tillid]`. Er klammen en del af en tekst, "
       "så sæt teksten i anførselstegn.",
       "Add `{closing}` at the end of the value, e.g. `themes: [naboskab, tillid]`. If the bracket is part of "
       "a text, put the text in quotes."),
    _d("yaml-syntax", "backslash",
       "Teksten står i dobbelte anførselstegn og har en omvendt skråstreg (`\\`), som ikke kan læses.",
       "The text is in double quotes and has a backslash (`\\`) that cannot be read.",
       "Brug enkelte anførselstegn (`'...'`) om teksten, eller skriv `\\\\` for én omvendt skråstreg.",
       "Use single quotes (`'...'`) around the text, or write `\\\\` for one backslash."),
    _d("yaml-syntax", "second-document",
       "Filen har en linje `---` (eller `...`) midt i, som deler den i to.",
       "The file has a `---` (or `...`) line in the middle, which splits it in two.",
       "Slet linjen, eller sæt teksten i anførselstegn, hvis den skal stå der.",
       "Delete the line, or put the text in quotes if it belongs there."),
    _d("yaml-syntax", "unreadable",
       "Linjen kan ikke læses som `nøgle: værdi` eller som et punkt `- ` i en liste.",
       "The line cannot be read as `key: value` or as a list item `- `.",
       "Se på linjen og linjen over: mangler et kolon efter nøglen, et afsluttende anførselstegn, eller står "
       "et punkt (`- `) forkert rykket ind? Sæt tekst med `:` eller `#` i dobbelte anførselstegn.",
       "Look at the line and the one above: is a colon missing after the key, a closing quote, or is a list "
       "item (`- `) at the wrong indentation? Put text containing `:` or `#` in double quotes."),
    _d("control-character", "surrogate",
       "Teksten skriver `{escape}`, nummeret på en halv »surrogate pair« (U+D800 til U+DFFF), som ikke er et "
       "tegn og ikke kan udgives.",
       "The text writes `{escape}`, the number of half of a surrogate pair (U+D800 to U+DFFF), which is not "
       "a character and cannot be published.",
       "Fjern `{escape}`; skriv selve tegnet (fx en emoji) i stedet for dets kode.",
       "Remove `{escape}`; write the character itself (an emoji, say) instead of its code."),
    _d("yaml-alias", "alias",
       "Front-matter bruger et YAML-anker eller -alias (`&navn` / `*navn`).",
       "The front-matter uses a YAML anchor or alias (`&name` / `*name`).",
       "Skriv værdien helt ud, hvor den skal bruges; ankre og aliaser er ikke tilladt. Er `&` eller `*` en del "
       "af en tekst, så sæt teksten i anførselstegn.",
       "Write the value out in full where it is needed; anchors and aliases are not allowed. If `&` or `*` is "
       "part of a text, put the text in quotes."),
    _d("frontmatter-not-mapping", "not-mapping",
       "Front-matter skal være linjer med `nøgle: værdi`.",
       "The front-matter must be a list of `key: value` lines.",
       "Begynd hver linje med et nøglenavn efterfulgt af `:` (fx `title: Værdier`).",
       "Start each line with a key name followed by `:` (for example `title: Værdier`)."),
    _d("yaml-too-deep", "depth",
       "Front-matter er rykket ind i mere end {limit} niveauer.",
       "The front-matter is nested more than {limit} levels deep.",
       "Gør strukturen fladere; intet felt i skemaet ligger så dybt.",
       "Flatten the structure; no field of the schema is nested this deeply."),
    _d("yaml-complex-key", "complex-key",
       "En nøgle er en liste eller en gruppe i stedet for et navn.",
       "A key is a list or a mapping instead of a name.",
       "Brug et almindeligt navn efterfulgt af `:` som nøgle.", "Use a plain name followed by `:` as the key."),
    _d("yaml-duplicate-key", "duplicate",
       "Nøglen `{name}` står to gange (første gang på linje {first}); kun den sidste ville blive brugt.",
       "The key `{name}` appears twice (first on line {first}); YAML would silently keep only the last one.",
       "Slet den ene af de to `{name}:`-linjer, eller slå dem sammen.",
       "Delete one of the two `{name}:` lines or merge them."),
    _d("yaml-tag", "tag",
       "Værdien er mærket med YAML-tagget `{tag}`, som ikke er tilladt her.",
       "The value is marked with the YAML tag `{tag}`, which is not allowed here.",
       "Fjern tagget (den del, der begynder med `!`), og skriv værdien som almindelig tekst. Skal teksten "
       "begynde med `!`, så sæt den i anførselstegn.",
       "Remove the tag (the part starting with `!`) and write the value as plain text. If the text must start "
       "with `!`, put it in quotes."),
    _d("yaml-ambiguous-bool", "bool",
       "`{value}` ville blive læst som ja/nej (true/false), ikke som teksten »{value}«.",
       "`{value}` would be read as yes/no (true/false) by YAML, not as the text '{value}'.",
       "Skriv `true` eller `false` i et ja/nej-felt, eller sæt teksten i anførselstegn: `\"{value}\"`.",
       "Write `true` or `false` for a yes/no field, or put the text in quotes: `\"{value}\"`."),
    _d("yaml-ambiguous-number", "time",
       "`{value}` ligner et klokkeslæt, men ville blive læst som tallet {number}.",
       "`{value}` looks like a time, but YAML would read it as the number {number}.",
       "Sæt den i anførselstegn: `\"{value}\"`.", "Put it in quotes: `\"{value}\"`."),
    _d("yaml-ambiguous-number", "base",
       "`{value}` ville blive læst som et tal i en anden talbase eller form, ikke som skrevet.",
       "`{value}` would be read by YAML as a number in another base or format, not as written.",
       "Sæt den i anførselstegn: `\"{value}\"`.", "Put it in quotes: `\"{value}\"`."),
    _d("yaml-ambiguous-number", "special",
       "`{value}` ville blive læst som et særligt tal, ikke som skrevet.",
       "`{value}` would be read by YAML as a special number, not as written.",
       "Sæt den i anførselstegn: `\"{value}\"`.", "Put it in quotes: `\"{value}\"`."),
    _d("yaml-bad-date", "date",
       "`{value}` er ikke en rigtig dato i kalenderen.",
       "`{value}` is not a real calendar date.",
       "Skriv datoen som ÅÅÅÅ-MM-DD med en rigtig måned og dag, fx 2019-06-24.",
       "Write the date as YYYY-MM-DD with a real month and day, for example 2019-06-24."),
    _d("yaml-ambiguous-date", "datetime",
       "`{value}` er en dato med klokkeslæt; her bruges kun datoer.",
       "`{value}` is a date with a time; only plain dates are used here.",
       "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2019-06-24.", "Write the date as YYYY-MM-DD, for example 2019-06-24."),
    # Front-matter fields and values (policysite/schema.py). {found} is a phrase (found-...), and so are
    # {expected}, {about}, {allowed} and {example}, written in both languages by the schema.
    _d("wrong-type", "not-mapping",
       "Her skulle der stå en gruppe linjer `nøgle: værdi`, men der står {found}.",
       "Expected a group of `key: value` lines here, found {found}.",
       "Ryk de linjer, der hører til denne nøgle, to mellemrum ind under den.",
       "Indent the lines that belong to this key by two spaces under it."),
    _d("wrong-type", "not-list",
       "Her skulle der stå en liste, men der står {found}.",
       "Expected a list here, found {found}.",
       "Skriv hvert punkt på sin egen linje under `{name}:`, begyndende med `- `, eller som `[a, b]` på én linje.",
       "Write each item on its own line starting with `- ` under `{name}:`, or as `[a, b]` on one line."),
    *(_d("wrong-type", f"kind-{name}", "Her skulle der stå {expected}, men der står {found}.",
         "Expected {expected}, found {found}.", fix_da, fix_en) for name, fix_da, fix_en in (
        ("text", "Skriv teksten; sæt den i dobbelte anførselstegn, hvis den indeholder `:` eller `#`.",
         "Write the text; put it in double quotes if it contains `:` or `#`."),
        ("id", "Brug kun små bogstaver a-z, tal og bindestreg, fx `lige-muligheder` (æ→ae, ø→oe, å→aa).",
         "Use lower-case letters a-z, digits and hyphens only, for example `lige-muligheder` (æ→ae, ø→oe, å→aa)."),
        ("block-id", "Brug kun små bogstaver a-z, tal og bindestreg, fx `lige-muligheder` (æ→ae, ø→oe, å→aa); "
                     "et id må ikke begynde med `md-`, som sitets tema bruger.",
         "Use lower-case letters a-z, digits and hyphens only, for example `lige-muligheder` (æ→ae, ø→oe, å→aa); "
         "an id may not start with `md-`, which the site's theme uses."),
        ("edition", "Skriv det i dobbelte anførselstegn med små bogstaver, tal og bindestreg, fx \"2019\" eller "
                    "\"2012-hoering\".",
         "Write it in double quotes with lower-case letters, digits and hyphens, for example \"2019\" or "
         "\"2012-hoering\"."),
        ("year", "Skriv et årstal med fire cifre uden anførselstegn, fx 2019.",
         "Write a four-digit year without quotes, for example 2019."),
        ("date", "Skriv datoen som ÅÅÅÅ-MM-DD uden anførselstegn, fx 2019-06-24.",
         "Write the date as YYYY-MM-DD without quotes, for example 2019-06-24."),
        ("email", "Skriv en hel e-mailadresse, fx borgerservice@kommune.dk.",
         "Write a full e-mail address such as borgerservice@kommune.dk."),
        ("phone", "Skriv nummeret i dobbelte anførselstegn, kun med tal og mellemrum, fx \"49 28 28 28\".",
         "Write the number in double quotes, digits and spaces only, for example \"49 28 28 28\"."),
        ("domain", "Skriv kommunens webdomæne uden https://, fx naestved.dk.",
         "Write the municipality's web domain without https://, for example naestved.dk."),
        ("url", "Skriv en hel adresse, der begynder med https://.", "Write a full address starting with https://."),
        ("colour", "Skriv farven som en sekscifret hex-kode i dobbelte anførselstegn, fx \"#005a8c\".",
         "Write the colour as a six-digit hex code in double quotes, for example \"#005a8c\"."),
        ("logo", "Skriv filnavnet på et PNG-billede i kommunens mappe, fx logo.png.",
         "Write the file name of a PNG image in the municipality's folder, for example logo.png."),
        ("statement-url", "Brug https://www.was.digst.dk/<domæne> eller en https://-adresse på kommunens eget domæne.",
         "Use https://www.was.digst.dk/<domain> or an https:// address on the municipality's own domain."),
        ("source-url", "Skriv en hel adresse, der begynder med https:// (eller http://).",
         "Write a full address starting with https:// (or http://)."),
        ("lix", "Skriv et helt tal uden anførselstegn, fx 45.", "Write a whole number without quotes, for example 45."),
        ("stamp", "Kopiér koden på 12 tegn, som `make check` skriver, i dobbelte anførselstegn, fx \"3fa29c01b7de\".",
         "Copy the 12-character code that `make check` prints, in double quotes, for example \"3fa29c01b7de\"."),
        ("page", "Skriv den danske sides filnavn, fx vaerdier.md.", "Write the Danish page's file name, for example vaerdier.md."),
        ("flag", "Skriv true eller false uden anførselstegn (ikke ja/nej).",
         "Write true or false without quotes (not yes/no)."),
    )),
    _d("wrong-type", "kind-choice",
       "Her skulle der stå {expected}, men der står {found}.", "Expected {expected}, found {found}.",
       "Skriv en af disse: {options}.", "Write one of: {options}."),
    # `make new` (policysite/scaffold.py). {taken_by} is a phrase (reserved-...).
    _d("bad-slug", "new-form",
       "`{slug}` kan ikke bruges som mappenavn og webadresse.",
       "`{slug}` cannot be a folder name and web address.",
       "Brug små bogstaver a-z, tal og bindestreg (æ→ae, ø→oe, å→aa), fx "
       "`make new M=roskilde NAME=\"Roskilde Kommune\"`.",
       "Use lower-case a-z, digits and hyphens (æ→ae, ø→oe, å→aa), e.g. "
       "`make new M=roskilde NAME=\"Roskilde Kommune\"`."),
    _d("bad-slug", "new-taken",
       "`{slug}` kan ikke bruges som mappenavn og webadresse: /{slug}/ bruges allerede til {taken_by}.",
       "`{slug}` cannot be a folder name and web address: /{slug}/ is taken by {taken_by}.",
       "Vælg et andet navn med små bogstaver a-z, tal og bindestreg (æ→ae, ø→oe, å→aa), fx "
       "`make new M=roskilde NAME=\"Roskilde Kommune\"`.",
       "Choose another name in lower-case a-z, digits and hyphens (æ→ae, ø→oe, å→aa), e.g. "
       "`make new M=roskilde NAME=\"Roskilde Kommune\"`."),
    _d("municipality-exists", "exists",
       "Mappen {folder} findes allerede.", "The folder {folder} already exists.",
       "Vælg et andet mappenavn, eller ret filerne i den mappe, der findes.",
       "Choose another folder name, or edit the files in the existing folder."),
    _d("name-invalid", "name",
       "Navnet `{name}` er tomt, for langt eller har tegn som : # < > [ ] \", som ville ødelægge siderne.",
       "The name `{name}` is empty, too long, or has characters such as : # < > [ ] \" that would break the pages.",
       "Skriv navnet med bogstaver, mellemrum og bindestreger, fx `NAME=\"Roskilde Kommune\"`.",
       "Write the name in letters, spaces and hyphens, e.g. `NAME=\"Roskilde Kommune\"`."),
    _d("wrong-type", "new-domain",
       "`{domain}` er ikke et webdomæne.", "`{domain}` is not a web domain.",
       "Skriv kommunens domæne uden https://, fx `roskilde.dk`.",
       "Write the municipality's domain without https://, e.g. `roskilde.dk`."),
    # A municipality's folder and its pages (policysite/catalog.py). {taken_by} and {language} are phrases.
    _d("bad-slug", "folder-taken",
       "Mappenavnet `{slug}` kan ikke være et mikrosites webadresse: /{slug}/ bruges allerede til {taken_by}, "
       "og mikrositet ville erstatte det.",
       "The folder name `{slug}` cannot be a microsite's web address: /{slug}/ is taken by {taken_by}, and the "
       "microsite would replace it.",
       "Giv mappen et andet navn, fx efter kommunen (`naestved`, `frederiksberg`).",
       "Rename the folder, for example after the municipality (`naestved`, `frederiksberg`)."),
    _d("bad-slug", "folder-form",
       "Mappenavnet `{slug}` kan ikke bruges som webadresse.",
       "The folder name `{slug}` cannot be used as a web address.",
       "Giv mappen et navn med små bogstaver a-z, tal og bindestreg (æ→ae, ø→oe, å→aa), fx `naestved`.",
       "Rename the folder with lower-case a-z, digits and hyphens (æ→ae, ø→oe, å→aa), e.g. `naestved`."),
    _d("themes-missing", "missing",
       "Listen over temaer, themes.yml, mangler.", "The theme list themes.yml is missing.",
       "Læg themes.yml tilbage øverst i projektet.", "Restore themes.yml at the top of the repository."),
    _d("frontmatter-missing", "page",
       "Siden har ingen front-matter og derfor ingen titel.", "The page has no front-matter, so it has no title.",
       "Begynd filen med `---`, så `title: <sidens titel>` og sidens andre nøgler, og så `---`.",
       "Start the file with `---`, then `title: <page title>` and the page's other keys, then `---`."),
    _d("translated-from-misplaced", "danish",
       "`{key}` fortæller, hvilken dansk tekst en engelsk side er oversat fra; den hører ikke hjemme på en dansk "
       "side.",
       "`{key}` records which Danish text an English page was translated from; it does not belong on a Danish "
       "page.",
       "Slet linjen `{key}: ...` fra denne fil.", "Remove the line `{key}: ...` from this file."),
    _d("translation-shape", "missing",
       "`{key}` står i {danish} (linje {danish_line}), men ikke i denne oversættelse.",
       "`{key}` is in {danish} (line {danish_line}) but not in this translation.",
       "Tilføj `{name}:` her med den oversatte tekst fra {danish}.",
       "Add `{name}:` here with the translated text of {danish}."),
    _d("translation-shape", "extra",
       "`{key}` står i denne oversættelse, men ikke i {danish}.",
       "`{key}` is in this translation but not in {danish}.",
       "Slet `{name}:` her, eller skriv den først i {danish}.", "Delete `{name}:` here, or write it in {danish} first."),
    _d("translation-shape", "entries",
       "`{key}` har {count} punkter her, men {danish_count} i {danish}; oversættelsen parres med den danske tekst "
       "punkt for punkt.",
       "`{key}` has {count} entries here but {danish_count} in {danish}; the translation is paired with the "
       "Danish text entry by entry.",
       "Giv `{name}` her de samme punkter i samme rækkefølge som i {danish}.",
       "Give `{name}` here the same entries, in the same order, as in {danish}."),
    _d("overview-missing", "missing",
       "Mappen har ingen oversigtsside, {overview}.", "The folder has no overview page {overview}.",
       "Opret {overview} med politikkens front-matter (kør `make new` for at få en skabelon).",
       "Create {overview} with the policy's front-matter (run `make new` for a template)."),
    _d("translation-missing", "overview",
       "Oversigtssiden findes ikke på {language}.", "The overview page has no {language} version.",
       "Opret {file} ved siden af {overview}, oversat.", "Create {file} next to {overview}, translated."),
    _d("translation-missing", "listed",
       "Siden `{name}` står under `pages` i {overview}, men filen {file} findes ikke.",
       "The page `{name}` is listed under `pages` in {overview} but the file {file} does not exist.",
       "Opret {file} med den oversatte tekst, eller fjern `{name}` fra `pages`.",
       "Create {file}, translated, or remove `{name}` from `pages`."),
    _d("page-missing", "listed",
       "Siden `{name}` står under `pages` i {overview}, men filen {file} findes ikke.",
       "The page `{name}` is listed under `pages` in {overview} but the file {file} does not exist.",
       "Opret {file}, eller fjern `{name}` fra `pages`.", "Create {file} or remove `{name}` from `pages`."),
    _d("edition-mismatch", "same",
       "`previous_edition` er `{name}`, det samme som denne udgave; den skal nævne en tidligere udgave.",
       "`previous_edition` is `{name}`, the same as this edition; it must name an earlier one.",
       "Skriv navnet på udgaven før denne, eller fjern `previous_edition`.",
       "Write the name of the edition before this one, or remove `previous_edition`."),
    _d("edition-mismatch", "folder",
       "Mappen {folder}/ indeholder udgaven `{held}`, ikke `{name}`.",
       "The folder {folder}/ holds edition `{held}`, not `{name}`.",
       "Giv mappen navn efter den udgave, den indeholder ({editions}/{held}/), og skriv det navn i "
       "`previous_edition`.",
       "Name the folder after the edition it holds ({editions}/{held}/), and write that name in "
       "`previous_edition`."),
    _d("edition-missing", "missing",
       "`previous_edition` er `{name}`, men der er ingen {folder}/{overview} med den udgaves tekst.",
       "`previous_edition` is `{name}`, but there is no {folder}/{overview} with that edition's text.",
       "Kopiér den forrige udgaves sider (index.md, index.en.md og de andre) ind i {folder}/, eller fjern "
       "`previous_edition`.",
       "Copy the previous edition's pages (index.md, index.en.md and the others) into {folder}/, or remove "
       "`previous_edition`."),
    _d("url-insecure", "source",
       "Kildens adresse `{url}` begynder med http://, så forbindelsen til den er ikke krypteret.",
       "The source's address `{url}` starts with http://, so the connection to it is not encrypted.",
       "Prøv adressen med https:// i en browser; åbner den det samme dokument, så skriv den sådan.",
       "Try the address with https:// in a browser; if it opens the same document, write it that way."),
    _d("contact-incomplete", "contact",
       "Kontakten har hverken telefonnummer, e-mailadresse eller websted.",
       "The contact has no phone number, e-mail address or website.",
       "Tilføj `phone:`, `email:` eller `url:` under `contact:`, så borgerne kan få fat i nogen.",
       "Add `phone:`, `email:` or `url:` under `contact:` so citizens can reach someone."),
    _d("contact-incomplete", "contacts",
       "Kontakten `{unit}` har hverken telefonnummer, e-mailadresse eller websted.",
       "The contact `{unit}` has no phone number, e-mail address or website.",
       "Tilføj `phone:`, `email:` eller `url:` under dette punkt i `contacts:`.",
       "Add `phone:`, `email:` or `url:` under this entry of `contacts:`."),
    _d("consultation-history-unexpected", "draft",
       "Politikken er en høringsudgave, men `consultation_history:` siger, at den blev vedtaget efter høringen.",
       "The policy is a consultation draft, but `consultation_history:` says it was adopted after its "
       "consultation.",
       "Fjern `consultation_history:`, eller skriv `policy_status: adopted`, når politikken er vedtaget.",
       "Remove `consultation_history:`, or set `policy_status: adopted` once the policy is adopted."),
    _d("consultation-history-dates", "before",
       "Politikken er vedtaget {adopted}, før høringen sluttede {until}.",
       "The policy is adopted on {adopted}, before its consultation ended on {until}.",
       "Ret en af de to datoer under `consultation_history:`.",
       "Correct one of the two dates under `consultation_history:`."),
    _d("consultation-history-dates", "twice",
       "`adopted` er {adopted}, men `consultation_history` siger {history}.",
       "`adopted` is {adopted}, but `consultation_history` says {history}.",
       "Skriv vedtagelsesdatoen én gang: fjern `adopted:`, og behold den under `consultation_history:`.",
       "Write the adoption date once: remove `adopted:` and keep the one under `consultation_history:`."),
    _d("edition-reserved", "reserved",
       "Udgavenavnet `{edition}` er forbeholdt webadresserne for udgivne mikrosites.",
       "The edition name `{edition}` is reserved for the web addresses of published microsites.",
       "Giv udgaven navn efter dens år eller art, fx \"2024\" eller \"2024-hoering\".",
       "Name the edition after its year or its kind, for example \"2024\" or \"2024-hoering\"."),
    _d("consultation-missing", "missing",
       "Politikken er en høringsudgave, men har ingen oplysninger under `consultation:`.",
       "The policy is a consultation draft but has no `consultation:` details.",
       "Tilføj `consultation:` med `deadline:` og `email:` (hvordan borgerne svarer).",
       "Add `consultation:` with `deadline:` and `email:` (how citizens respond)."),
    _d("consultation-unexpected", "adopted",
       "Politikken er vedtaget, men har stadig oplysninger om høringen.",
       "The policy is adopted but still has consultation details.",
       "Fjern `consultation:`, eller skriv `policy_status: consultation`.",
       "Remove `consultation:` or set `policy_status: consultation`."),
    _d("page-reserved", "generated",
       "Sidenavnet `{name}` bruges af en side, sitet selv laver (den sammenligner denne udgave med den forrige).",
       "The page name `{name}` is taken by a page the site makes itself (it compares this edition with the "
       "previous one).",
       "Giv filen et nyt navn, og skriv det under `pages` i stedet for `{name}`.",
       "Rename the file and write the new name under `pages` instead of `{name}`."),
    _d("pages-order", "first",
       "Den første side under `pages` skal være {overview}, men der står `{found}`.",
       "The first page under `pages` must be {overview}, found `{found}`.",
       "Sæt {overview} først i listen.", "Put {overview} first in the list."),
    _d("pages-duplicate", "twice",
       "Siden `{name}` står to gange under `pages`.", "The page `{name}` is listed twice under `pages`.",
       "Fjern den anden.", "Remove the second mention."),
    _d("page-unlisted", "translation",
       "Filen {file} er ikke oversættelsen af nogen side under `pages` i {overview}.",
       "The file {file} is not the translation of any page listed under `pages` in {overview}.",
       "Tilføj `{page}` til `pages` i {overview}, eller slet {file}.",
       "Add `{page}` to `pages` in {overview}, or delete {file}."),
    _d("page-unlisted", "language",
       "Filnavnet {file} har en sprogdel, sitet ikke kender.", "The file name {file} has an unknown language part.",
       "Kald danske sider `navn.md` og engelske sider `navn.en.md`.",
       "Name Danish pages `name.md` and English pages `name.en.md`."),
    _d("page-unlisted", "page",
       "Siden {file} står ikke under `pages` i {overview}, så læserne kan ikke finde den.",
       "The page {file} is not listed under `pages` in {overview}, so readers could not reach it.",
       "Tilføj `{file}` til `pages` i {overview}, dér hvor den hører til i læserækkefølgen, eller slet filen.",
       "Add `{file}` to `pages` in {overview} where it belongs in the reading order, or delete the file."),
    _d("duplicate-block-id", "heading",
       "Id'et `{id}` er også id for en overskrift eller et element i sidens tekst, så et link til det kan ikke "
       "vide, hvilket af dem det mener.",
       "The id `{id}` is also the id of a heading or an element in the page's text, so a link to it could not "
       "say which one it means.",
       "Vælg et andet id til byggestenen (og brug det samme id i oversættelsen), eller giv overskriften et andet "
       "id med `{{#...}}`.",
       "Choose another id for the block (and use the same id in the translation), or give the heading another "
       "id with `{{#...}}`."),
    _d("duplicate-block-id", "block",
       "Id'et `{id}` bruges allerede af en byggesten i {other}; id'er skal være forskellige inden for en kommune, "
       "fordi de er kortenes webadresser.",
       "The id `{id}` is already used by a block in {other}; ids must be unique within a municipality because "
       "they are the cards' web addresses.",
       "Vælg et andet id til en af dem (og brug det samme id i oversættelsen).",
       "Choose another id for one of them (and use the same id in the translation)."),
    # themes.yml (policysite/catalog.py's themes).
    _d("bad-theme-id", "id",
       "Tema-id'et `{theme}` må kun indeholde små bogstaver a-z, tal og bindestreg.",
       "The theme id `{theme}` may only use lower-case a-z, digits and hyphens.",
       "Omdøb det, fx til `boern-unge`.", "Rename it, for example `boern-unge`."),
    _d("wrong-type", "theme-labels",
       "Et tema skal have et navn på dansk og et på engelsk.", "A theme needs a Danish and an English label.",
       "Skriv `{theme}:` og under den `da: ...` og `en: ...`, rykket to mellemrum ind.",
       "Write `{theme}:` and under it `da: ...` and `en: ...`, indented by two spaces."),
    _d("theme-label-missing", "missing",
       "Temaet `{theme}` har intet navn på {language} (`{lang}:`).",
       "The theme `{theme}` has no {language} label (`{lang}:`).",
       "Tilføj `{lang}: <navn>` under `{theme}:`, rykket to mellemrum ind.",
       "Add `{lang}: <label>` under `{theme}:`, indented by two spaces."),
    _d("unknown-key", "not-language",
       "`{name}` er ikke et af sitets sprog.", "`{name}` is not a language of the site.",
       "Brug kun {languages}.", "Use only {languages}."),
    _d("unknown-key", "suggest",
       "`{name}` er ikke en nøgle, denne side kan have. Mente du `{hint}`?",
       "`{name}` is not a key this page can have. Did you mean `{hint}`?",
       "Omdøb den til `{hint}`. De nøgler, der kan stå her, er: {allowed}.",
       "Rename it to `{hint}`. Allowed keys here: {allowed}."),
    _d("unknown-key", "unknown",
       "`{name}` er ikke en nøgle, denne side kan have.", "`{name}` is not a key this page can have.",
       "Fjern den. De nøgler, der kan stå her, er: {allowed}.", "Remove it. Allowed keys here: {allowed}."),
    _d("translation-neutral-key", "neutral",
       "`{name}` er den samme på alle sprog, så den skrives kun én gang, i den danske fil; den engelske side "
       "henter den derfra.",
       "`{name}` is the same in every language, so it is written once, in the Danish file; the English page "
       "takes it from there.",
       "Slet linjen `{name}: ...` (og de linjer, der er rykket ind under den) fra denne fil, og skriv værdien i "
       "den danske fil, hvis den ikke står der.",
       "Delete the line `{name}: ...` (and the lines indented under it) from this file, and write the value in "
       "the Danish file if it is not there."),
    _d("missing-key", "missing",
       "Nøglen `{name}` mangler, og den skal være der ({about}).",
       "The required key `{name}` is missing ({about}).",
       "Tilføj en linje `{name}: ...`.", "Add a line `{name}: ...`."),
    _d("missing-key", "missing-example",
       "Nøglen `{name}` mangler, og den skal være der ({about}).",
       "The required key `{name}` is missing ({about}).",
       "Tilføj en linje `{name}: ...`, fx `{name}: {example}`.",
       "Add a line `{name}: ...`, for example `{name}: {example}`."),
    _d("url-not-allowed", "address",
       "Adressen `{address}` er ikke tilladt her: {why}.", "The address `{address}` is not allowed here: {why}.",
       "Skriv en adresse, der begynder med {allowed}, fx {example}.",
       "Write an address that starts with {allowed}, for example {example}."),
    _d("too-few-items", "few",
       "Listen `{name}` skal have mindst {minimum} punkt(er), men har {count}.",
       "The list `{name}` needs at least {minimum} item(s), found {count}.",
       "Tilføj punkter, eller fjern nøglen `{name}`, hvis den ikke passer her.",
       "Add items, or remove the key `{name}` if it does not apply."),
    _d("too-many-items", "many",
       "Listen `{name}` må højst have {maximum} punkter, men har {count}.",
       "The list `{name}` may have at most {maximum} items, found {count}.",
       "Behold de {maximum}, der passer bedst.", "Keep the {maximum} that fit best."),
    _d("unknown-theme", "suggest",
       "`{value}` er ikke et tema i themes.yml. Mente du `{hint}`?",
       "`{value}` is not a theme in themes.yml. Did you mean `{hint}`?",
       "Skriv `{hint}`, eller tilføj det nye tema i themes.yml med et dansk og et engelsk navn. Kendte temaer: "
       "{themes}.",
       "Write `{hint}`, or add the new theme to themes.yml with a Danish and an English label. Known themes: "
       "{themes}."),
    _d("unknown-theme", "unknown",
       "`{value}` er ikke et tema i themes.yml.", "`{value}` is not a theme in themes.yml.",
       "Brug et af tema-id'erne i themes.yml, eller tilføj det nye tema i themes.yml med et dansk og et engelsk "
       "navn. Kendte temaer: {themes}.",
       "Use one of the theme ids in themes.yml, or add the new theme to themes.yml with a Danish and an English "
       "label. Known themes: {themes}."),
    _d("control-character", "value-tab",
       "Teksten indeholder det usynlige tegn {shown}, som dette felt ikke kan indeholde (det er én linje tekst).",
       "The text holds the invisible character {shown}, which this field cannot hold (it is one line of text).",
       "Erstat tabulatoren med et mellemrum.", "Replace the tab with a space."),
    _d("control-character", "value",
       "Teksten indeholder det usynlige tegn {shown}, som ikke hører hjemme i indhold: det kan skjule, vende "
       "eller ødelægge teksten omkring sig.",
       "The text holds the invisible character {shown}, which does not belong in content: it can hide, reorder "
       "or break the text around it.",
       "Slet det: skriv ordene omkring det igen, eller fjern den kode, der skriver det (fx `\\u{number}` eller "
       "`\\0` i dobbelte anførselstegn).",
       "Delete it: retype the words around it, or remove the escape that writes it (such as `\\u{number}` or "
       "`\\0` in double quotes)."),
    _d("plain-text-markup", "markup",
       "Teksten indeholder {what}. `{name}` er almindelig tekst: den vises præcis som skrevet, aldrig som "
       "Markdown eller HTML.",
       "The text holds {what}. `{name}` is plain text: it is shown exactly as written, never as Markdown or HTML.",
       "Skriv den uden opmærkning: skriv selve tegnet i stedet for en kode som &lt; eller &amp;, brug »…« eller ’ "
       "i stedet for backtick-tegn, og udelad *, [..](..) og {{..}}.",
       "Write it without markup: type the character itself instead of a code such as &lt; or &amp;, use »…« or ’ "
       "instead of backticks, and leave out *, [..](..) and {{..}}."),
    _d("markdown-shape", "inline",
       "`{name}` er ét afsnit tekst, men denne tekst bliver til {what}.",
       "`{name}` is one paragraph of text, but this text makes {what}.",
       "Skriv det som ét afsnit: ingen tomme linjer og ingen linje, der begynder med `- `, `1. `, `#` eller `>`. "
       "Længere tekst hører til under `text:`.",
       "Write it as one paragraph: no blank lines, no line starting with `- `, `1. `, `#` or `>`. Longer text "
       "belongs under `text:`."),
    _d("markdown-shape", "item",
       "Hvert punkt under `{name}` er ét punkt i en liste, men dette bliver til {what}.",
       "Each entry under `{name}` is one list item, but this one makes {what}.",
       "Skriv hvert punkt som sin egen linje med `- ` under `items:`; ryk et underpunkt fire mellemrum ind under "
       "sit punkt, og ryk resten af et punkts tekst ind på samme måde.",
       "Write each point as its own `- ` entry under `items:`; indent a sub-point by four spaces under its "
       "point, and keep the rest of an item's text indented the same way."),
)

DETAILS: dict[str, dict[str, Detail]] = {}
for _detail in _DETAILS:
    assert _detail.code in MESSAGES or _detail.code == ANY_CODE, f"detail for an unknown code {_detail.code!r}"
    assert _detail.name not in DETAILS.get(_detail.code, {}), f"duplicate detail {_detail.code}/{_detail.name}"
    DETAILS.setdefault(_detail.code, {})[_detail.name] = _detail


# ---- Language --------------------------------------------------------------------------------------

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
LANGUAGE_VARIABLE = "POLICYSITE_LANG"
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_chosen: str | None = None


def language_of(environ: Mapping[str, str]) -> str:
    """The language the environment asks for: English when POLICYSITE_LANG, or else the first locale
    variable that is set (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), starts with ``en``; Danish otherwise."""
    for name in (LANGUAGE_VARIABLE, *_LOCALE_VARIABLES):
        value = (environ.get(name) or "").strip()
        if value:
            return "en" if value.split(":")[0].lower().startswith("en") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def language() -> str:
    """The language messages are written in now: ``set_language``'s choice, else the environment's."""
    return _chosen if _chosen is not None else language_of(os.environ)


def set_language(lang: str | None) -> str | None:
    """Choose the messages' language for this process (None: follow the environment); returns the old choice."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not one of {LANGUAGES}")
    previous, _chosen = _chosen, lang
    return previous


class _Parameters(dict):
    """Format parameters; a name the call site did not pass shows as itself, never as a crash."""

    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


_FORMATTER = string.Formatter()


def fields_of(template: str) -> set[str]:
    """The parameter names a template uses."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in _FORMATTER.parse(template) if name}


class _Formatter(string.Formatter):
    """str.format with Danish numbers: ``{count:,}`` writes 5.000 and ``{s:.1f}`` 1,5 in Danish (5,000 and 1.5
    in English)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Phrase):  # a phrase inside a phrase or a detail, in the same language
            value = value.text(self.lang)
        shown = super().format_field(value, format_spec)
        if self.lang == "da" and format_spec and isinstance(value, (int, float)) and not isinstance(value, bool):
            shown = shown.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return shown


def fill(template: str, params: Mapping[str, Any], lang: str | None = None) -> str:
    """A detail's template with its parameters filled in (values are inserted as they are, never evaluated)."""
    try:
        return _Formatter(lang or language()).vformat(template, (), _Parameters(params))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):  # a format spec that does not fit
        return re.sub(r"\{(\w+)[^{}]*\}", lambda m: str(params.get(m.group(1), m.group(0))), template)


def terminal(markdown_text: str) -> str:
    """Markdown as a terminal shows it: `code` in single quotes."""
    return markdown_text.replace("`", "'")


def render(code: str, detail: str | None, params: Mapping[str, Any], lang: str | None = None,
           plain: bool = False) -> tuple[str, str]:
    """(what was found, how to fix it) for a code and one of its details, in a language.

    Markdown, or with ``plain`` as a terminal shows it (the template's backticks as quotes; the
    parameters, which are the editor's own text, exactly as they are). Only a detail's texts are
    templates; a code's general texts are shown as they are.
    """
    lang = lang or language()
    shown = terminal if plain else (lambda text: text)
    entry = MESSAGES[code]
    chosen = entry.details.get(detail) if detail else None
    if chosen is None:
        return shown(entry.text(lang)), shown(entry.fix_text(lang))
    fix = chosen.fix_text(lang)
    params = {name: value.text(lang) if isinstance(value, Phrase) else value for name, value in params.items()}
    return (fill(shown(chosen.text(lang)), params, lang),
            fill(shown(fix), params, lang) if fix is not None else shown(entry.fix_text(lang)))


@dataclass(frozen=True)
class Phrase:
    """A short description of something found (``the element <script>``), as a parameter of a detail:
    it is written in the language the message is shown in. Its texts are in PHRASES below."""

    name: str
    params: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str | None = None) -> str:
        lang = lang or language()
        if self.name == BOTH:
            return str(dict(self.params)[lang])
        return fill(PHRASES[self.name][lang], dict(self.params), lang)

    def __str__(self) -> str:
        return self.text()


def phrase(key: str, /, **params: Any) -> Phrase:
    if key not in PHRASES:
        raise ValueError(f"phrase {key!r} is not in policysite/messages.py")
    return Phrase(key, tuple(params.items()))


BOTH = "both"  # a Phrase of text the call site holds in both languages (see both())


def both(da: str, en: str) -> Phrase:
    """A parameter whose words the caller already holds in both languages, such as a field's
    description or a kind's name from policysite/schema.py's bilingual field reference."""
    return Phrase(BOTH, (("da", da), ("en", en)))


# What the sanitiser found (policysite/sanitize.py), for the {what} of the safety messages.
PHRASES: dict[str, dict[str, str]] = {
    "element": {"da": "elementet <{tag}>", "en": "the element <{tag}>"},
    "attribute": {"da": "egenskaben '{name}' på <{tag}>", "en": "the attribute '{name}' on <{tag}>"},
    "style": {"da": "egenskaben style=\"{value}\" på <{tag}>", "en": "the attribute style=\"{value}\" on <{tag}>"},
    "image-scheme": {"da": "billedadressen '{value}' (den begynder med '{scheme}:')",
                     "en": "the image address '{value}' (it starts with '{scheme}:')"},
    "image-elsewhere": {"da": "billedadressen '{value}', som henter billedet fra et andet websted",
                        "en": "the image address '{value}', which loads the image from another website"},
    "address-scheme": {"da": "adressen '{value}' (den begynder med '{scheme}:')",
                       "en": "the address '{value}' (it starts with '{scheme}:')"},
    "reserved-id": {"da": "id'et '{value}' på <{tag}>, som sitets tema bruger",
                    "en": "the id '{value}' on <{tag}>, which the site's theme uses"},
    "reserved-name": {"da": "navnet '{value}' på <{tag}>, som sitets tema bruger",
                      "en": "the name '{value}' on <{tag}>, which the site's theme uses"},
    "reserved-attribute": {"da": "egenskaben '{name}' på <{tag}>, som sitets tema bruger",
                           "en": "the attribute '{name}' on <{tag}>, which the site's theme uses"},
    "reserved-class": {"da": "klassen '{value}' på <{tag}>, som sitets tema bruger",
                       "en": "the class '{value}' on <{tag}>, which the site's theme uses"},
    "data-scheme": {"da": "værdien '{value}' af {name} på <{tag}>", "en": "the value '{value}' of {name} on <{tag}>"},
    "comment": {"da": "kommentaren '<!--{value}-->'", "en": "the comment '<!--{value}-->'"},
    "comment-open": {"da": "kommentaren '<!--{value}'", "en": "the comment '<!--{value}'"},
    "processing": {"da": "behandlingsinstruktionen '{value}'", "en": "the processing instruction '{value}'"},
    "processing-raw": {"da": "en behandlingsinstruktion ('<?...')", "en": "a processing instruction ('<?...')"},
    "declaration": {"da": "erklæringen '{value}'", "en": "the declaration '{value}'"},
    "too-deep": {"da": "HTML i mere end {limit} niveauer inden i hinanden", "en": "HTML nested more than {limit} levels deep"},
    "control": {"da": "et usynligt kontroltegn", "en": "an invisible control character"},
    # Where a file is, and what kind of file it is (policysite/contentfiles.py).
    "where-municipality": {"da": "en kommunes mappe", "en": "a municipality's folder"},
    "where-portal": {"da": "portalens mappe {folder}", "en": "the portal's folder {folder}"},
    "kind-html": {"da": "en HTML-side", "en": "an HTML page"},
    "kind-script": {"da": "et script", "en": "a script"},
    "kind-css": {"da": "et stylesheet", "en": "a stylesheet"},
    "kind-svg": {"da": "en SVG-tegning, som kan indeholde scripts og hente andre websteders indhold",
                 "en": "an SVG drawing, which can hold scripts and load other sites' content"},
    "kind-gif": {"da": "et GIF-billede", "en": "a GIF image"},
    "kind-pdf": {"da": "et PDF-dokument", "en": "a PDF document"},
    "kind-data": {"da": "en datafil", "en": "a data file"},
    "kind-text": {"da": "en tekstfil", "en": "a text file"},
    "kind-settings": {"da": "en indstillingsfil", "en": "a settings file"},
    "kind-other": {"da": "en `{suffix}`-fil", "en": "a '{suffix}' file"},
    "advice-html": {"da": "Skriv siden i Markdown som en `.md`-fil i stedet.",
                    "en": "Write the page in Markdown, as a .md file, instead."},
    "advice-script": {"da": "Slet den: hvad sitet gør, bestemmes af dets skabeloner, ikke af indholdet.",
                      "en": "Delete it: what the site does is decided by its templates, not by content."},
    "advice-css": {"da": "Slet den: sitets udseende bestemmes af dets skabeloner, ikke af indholdet.",
                   "en": "Delete it: the site's look is decided by its templates, not by content."},
    "advice-svg": {"da": "Gem tegningen som et PNG-billede, og link til det i stedet.",
                   "en": "Save the drawing as a PNG image and link to that instead."},
    "advice-gif": {"da": "Gem det som et PNG- eller WebP-billede (læserne kan ikke sætte et levende billede på pause).",
                   "en": "Save it as a PNG or WebP image (an animated picture cannot be paused by readers)."},
    "advice-pdf": {"da": "Læg dokumentet på kommunens eget websted, og link til det dér.",
                   "en": "Put the document on the municipality's own website and link to it there."},
    "advice-data": {"da": "Slet den: sitet skriver selv sine datafiler.", "en": "Delete it: the site writes its own data files."},
    "advice-feeds": {"da": "Slet den: sitet skriver selv sine feeds og sitemaps.",
                     "en": "Delete it: the site writes its own feeds and sitemaps."},
    "advice-text": {"da": "Sæt teksten ind i en Markdown-side (`.md`), eller slet filen.",
                    "en": "Put the text in a Markdown page (.md), or delete the file."},
    "advice-settings": {"da": "Slet den: en kommunes indstillinger hører til i front-matter i `index.md`.",
                        "en": "Delete it: a municipality's settings belong in the front-matter of index.md."},
    "advice-default": {"da": "Slet filen; har læserne brug for den, så læg den på kommunens eget websted, og link til den.",
                       "en": "Delete the file; if readers need it, put it on the municipality's own website and link to it."},
    "image-other-format": {"da": "en {found}-fil", "en": "a {found} file"},
    "image-other-format-an": {"da": "en {found}-fil", "en": "an {found} file"},
    "image-web-page": {"da": "en {found}-fil (en webside, som kunne køre scripts)",
                       "en": "an {found} file (a web page, which could run scripts)"},
    "image-damaged": {"da": "et beskadiget {expected}-billede", "en": "a damaged {expected} image"},
    "image-unknown": {"da": "ikke et billede i noget format, sitet kender", "en": "not an image in any format the site knows"},
    # What the site publishes at a name itself (policysite/layout.py), for file-shadows-site and bad-slug.
    "reserved-assets": {"da": "sitets egne designfiler (stylesheets, scripts og billeder under {name}/)",
                        "en": "the site's own design files (stylesheets, scripts and images under {name}/)"},
    "reserved-not-found": {"da": "siden, læserne ser på en adresse, der ikke findes ({name})",
                           "en": "the page readers see at an address that does not exist ({name})"},
    "reserved-sitemap": {"da": "listen over sider til søgemaskiner ({name})",
                         "en": "the list of pages for search engines ({name})"},
    "reserved-theme-file": {"da": "temaets fil {name}", "en": "the theme's file {name}"},
    "reserved-search": {"da": "søgeindekset ({name}/)", "en": "the search index ({name}/)"},
    "reserved-was": {"da": "adressen på tilgængelighedserklæringen (/{name}), som danske regler kræver, at alle "
                           "offentlige websteder har",
                     "en": "the address of the accessibility statement (/{name}), which Danish rules require every "
                           "public site to have"},
    "reserved-language": {"da": "sitet på et andet sprog ({name})", "en": "the site in another language ({name})"},
    "reserved-language-code": {"da": "sprogkoden '{name}', som sitets adresser bruger",
                               "en": "the language code '{name}', which the site's addresses use"},
    "reserved-latest": {"da": "adressen på hvert mikrosites nyeste udgave ({name}/)",
                        "en": "the address of each microsite's newest edition ({name}/)"},
    "reserved-feed": {"da": "mikrositets nyhedsfeed med ændringer ({name})",
                      "en": "the microsite's news feed of changes ({name})"},
    "reserved-versions": {"da": "listen over mikrositets udgaver ({name})", "en": "the list of the microsite's editions ({name})"},
    "reserved-generated": {"da": "siden, sitet selv laver på {name}/ (»Hvad er ændret«)",
                           "en": "the page the site makes itself at {name}/ ('Hvad er ændret')"},
    "reserved-themes": {"da": "portalens temasider ({name}/)", "en": "the portal's theme pages ({name}/)"},
    "reserved-comparison": {"da": "portalens sammenligning af kommunerne ({name}/)",
                            "en": "the portal's comparison of the municipalities ({name}/)"},
    # What in a plain-text field would read as markup (policysite/text.py).
    "markup-backtick": {"da": "et backtick-tegn (`), som Markdown læser som begyndelsen på kode",
                        "en": "a backtick (`), which Markdown reads as the start of code"},
    "markup-tag": {"da": "'{shown}', som HTML læser som begyndelsen på et tag eller en kommentar",
                   "en": "'{shown}', which HTML reads as the start of a tag or comment"},
    "markup-reference": {"da": "'{shown}', som HTML læser som en tegnreference",
                         "en": "'{shown}', which HTML reads as a character reference"},
    "markup-attributes": {"da": "'{shown}', som Markdown læser som en liste af egenskaber",
                          "en": "'{shown}', which Markdown reads as an attribute list"},
    "markup-em": {"da": "fremhævning (*…* eller _…_)", "en": "emphasis (*…* or _…_)"},
    "markup-strong": {"da": "kraftig fremhævning (**…**)", "en": "strong emphasis (**…**)"},
    "markup-a": {"da": "et link ([…](…))", "en": "a link ([…](…))"},
    "markup-img": {"da": "et billede (![…](…))", "en": "an image (![…](…))"},
    "markup-code": {"da": "kode (`…`)", "en": "code (`…`)"},
    "markup-br": {"da": "et linjeskift", "en": "a line break"},
    "markup-element": {"da": "Markdown, der bliver til <{tag}>", "en": "Markdown that becomes <{tag}>"},
    "markup-backslash": {"da": "en omvendt skråstreg (\\), som Markdown læser som et escape-tegn",
                         "en": "a backslash (\\), which Markdown reads as an escape"},
    "reserved-national-search": {"da": "portalens søgning i alle politikker ({name}/)",
                                 "en": "the portal's search in every policy ({name}/)"},
    "reserved-national-index": {"da": "indekset til portalens søgning i alle politikker ({name}/)",
                                "en": "the index of the portal's search in every policy ({name}/)"},
    "reserved-search-attribute": {"da": "egenskaben '{name}' på <{tag}>, som portalens søgning kun læser fra sitets"
                                        " egne skabeloner",
                                  "en": "the attribute '{name}' on <{tag}>, which the site's national search reads"
                                        " from its templates only"},
    "reserved-portal-page": {"da": "portalens side {name}", "en": "the portal's page {name}"},
    "reserved-front-page": {"da": "portalens forside ({name})", "en": "the portal's front page ({name})"},
    "reserved-design-file": {"da": "sitets egen fil {name}, en del af dets design",
                             "en": "the site's own file {name}, part of its design"},
    # How hard a LIX value is (policysite/lix.py).
    "lix-very-easy": {"da": "meget let", "en": "very easy"},
    "lix-easy": {"da": "let", "en": "easy"},
    "lix-medium": {"da": "middel", "en": "medium"},
    "lix-hard": {"da": "svær", "en": "hard"},
    "lix-very-hard": {"da": "meget svær", "en": "very hard"},
    # What is wrong with a link in the built site (policybuild/linkcheck.py).
    "link-no-anchor": {"da": "peger på et anker, der ikke er på siden", "en": "points to an anchor that is not on the page"},
    "link-outside-site": {"da": "peger uden for sitets adresse {base}", "en": "points outside the site's address {base}"},
    "link-no-page": {"da": "peger på en side eller fil, der ikke findes", "en": "points to a page or file that does not exist"},
    "link-no-fragment": {"da": "peger på '#{anchor}', som ikke er på den side", "en": "points to '#{anchor}', which is not on that page"},
    # A language's name inside a sentence (policysite/catalog.py's theme labels).
    "language-da": {"da": "dansk", "en": "Danish"},
    "language-en": {"da": "engelsk", "en": "English"},
    # How a wrongly typed value looks (policysite/schema.py's describe), for wrong-type's {found}.
    "found-nothing": {"da": "ingenting (en tom værdi)", "en": "nothing (an empty value)"},
    "found-flag": {"da": "ja/nej-værdien {value}", "en": "yes/no value {value}"},
    "found-number": {"da": "tallet {value}", "en": "the number {value}"},
    "found-date": {"da": "datoen {value}", "en": "the date {value}"},
    "found-text": {"da": "teksten '{value}'", "en": "the text '{value}'"},
    "found-empty-text": {"da": "en tom tekst", "en": "empty text"},
    "found-list": {"da": "en liste", "en": "a list"},
    "found-group": {"da": "en gruppe nøgler", "en": "a group of keys"},
    "found-other": {"da": "en værdi af typen {value}", "en": "a value of type {value}"},
    # Why a web address is not allowed in a field (policysite/schema.py's UrlRule), for url-not-allowed.
    "url-scheme": {"da": "den begynder med '{scheme}://', og her er kun {allowed} tilladt",
                   "en": "it starts with '{scheme}://'; only {allowed} is allowed here"},
    "url-incomplete": {"da": "det er ikke en hel webadresse som https://www.kommune.dk/side: den skal begynde med "
                             "https:// og have et værtsnavn, og den må ikke indeholde mellemrum, anførselstegn, et "
                             "brugernavn (@), en port eller en omvendt skråstreg",
                       "en": "it is not a complete web address such as https://www.kommune.dk/side: it needs the "
                             "https:// start and a host name, and may not hold spaces, quotes, a user name (@), a "
                             "port or a backslash"},
    "url-host": {"da": "den ligger på '{host}', men her er kun {hosts} tilladt",
                 "en": "it is on '{host}', but here only {hosts} are allowed"},
    "url-own-domain": {"da": "kommunens eget domæne{own} og dets underdomæner",
                       "en": "the municipality's own domain{own} and its subdomains"},
    "or": {"da": "{first} eller {second}", "en": "{first} or {second}"},
    # When a file changed, for translation-stale (policysite/translation.py).
    "uncommitted": {"da": "ændringer, der ikke er committet", "en": "uncommitted edits"},
    "never-committed": {"da": "aldrig committet", "en": "never committed"},
}


# The words around a message, in both languages.
WORDS: dict[str, dict[str, str]] = {
    "line": {"da": "linje", "en": "line"},
    "key": {"da": "nøgle", "en": "key"},
    "warning": {"da": "Advarsel", "en": "Warning"},
    "how-to-fix": {"da": "Sådan retter du det", "en": "How to fix"},
    # `make check`'s report (policysite/review.py)
    "summary": {"da": "{scope}: {errors} fejl og {warnings} advarsler. {verdict} Intet site blev skrevet.",
                "en": "{scope}: {errors} error(s) and {warnings} warning(s). {verdict} No site was written."},
    "scope-all": {"da": "Kontrol af {count} kommuner og portalen", "en": "Checked {count} municipalities and the portal"},
    "scope-one": {"da": "Kontrol af {folder} og de portalsider, den vises på",
                  "en": "Checked {folder} and the portal pages it appears on"},
    "verdict-errors": {"da": "Ret fejlene herunder; intet kan udgives, før de er rettet.",
                       "en": "Fix the errors below; nothing can be published until then."},
    "verdict-clean": {"da": "Alt kan udgives.", "en": "Everything can be published."},
    "errors": {"da": "Fejl", "en": "Errors"},
    "warnings": {"da": "Advarsler", "en": "Warnings"},
    "none": {"da": "ingen", "en": "none"},
    "shared-section": {"da": "{themes} og portalen ({portal})", "en": "{themes} and the portal ({portal})"},
    "lix-later": {"da": "Læsbarheden (LIX) vises, når fejlene er rettet.",
                  "en": "Readability (LIX) is shown once the errors are fixed."},
    "lix-editorial": {"da": "Læsbarhed af redaktionens egen tekst (resuméer på kort, beskrivelser, »Kort fortalt«; "
                            "LIX; mål {target}; under 40 let, 40-50 middel, over 50 svær; ! = over målet):",
                      "en": "Readability of the editors' own text (card summaries, descriptions, 'In brief'; LIX; "
                            "target {target}; under 40 easy, 40-50 medium, over 50 hard; ! = above target):"},
    "lix-official": {"da": "Læsbarhed af politikkens officielle ordlyd (LIX, kun til orientering: teksten udgives, "
                           "som den er vedtaget):",
                     "en": "Readability of the policy's official wording (LIX, for information only: the text is "
                           "published as adopted):"},
    "lix-page": {"da": "side", "en": "page"},
    "lix-average": {"da": "gennemsnit af siderne", "en": "average of the pages"},
    "codes": {"da": "Hvad koderne betyder (redaktørvejledningen på portalen, {guide}, forklarer hver kode):",
              "en": "What the codes mean (the editors' guide on the portal, {guide}, explains every code):"},
    # The command line (policybuild/cli.py)
    "cli-created": {"da": "Oprettede {folder}/ med alle sider på dansk (x.md) og engelsk (x.en.md).",
                    "en": "Created {folder}/ with every page in Danish (x.md) and English (x.en.md)."},
    "cli-built": {"da": "Byggede {da} og {en}.", "en": "Built {da} and {en}."},
    "cli-next": {"da": "Næste skridt: erstat teksterne [UDFYLD ...] og [FILL IN ...] i {folder}/, se siden med "
                       "'make serve M={slug}', kontrollér med 'make check M={slug}', og kør 'make build' for at "
                       "føje kommunen til portalen.",
                 "en": "Next: replace the [UDFYLD ...] and [FILL IN ...] texts in {folder}/, preview with "
                       "'make serve M={slug}', check with 'make check M={slug}', and run 'make build' to add it to "
                       "the portal."},
    "cli-published": {"da": "Udgav {site} på {seconds:.1f} s", "en": "Published {site} in {seconds:.1f} s"},
    "cli-no-such-path": {"da": "{path}: filen eller mappen findes ikke.", "en": "{path}: no such file or folder."},
    "cli-gate-passed": {"da": "{count} fil(er) bestod den endelige kontrol.", "en": "{count} file(s) passed the final gate."},
    # The build (policybuild/build.py, policybuild/linkcheck.py)
    "broken-link": {"da": "{page}: linket '{href}' {reason}", "en": "{page}: the link '{href}' {reason}"},
    "build-unknown": {"da": "Ukendt kommunemappe: {unknown}. Mapperne er: {known}.",
                      "en": "Unknown municipality folder(s): {unknown}. Known: {known}."},
    "build-site-failed": {"da": "{name} kunne ikke bygges: {error}", "en": "{name} did not build: {error}"},
    "build-nothing-published": {"da": "Intet blev udgivet; {site}/ har stadig det sidste gode site.",
                                "en": "Nothing was published; {site}/ still holds the last good build."},
    "build-broken-links": {"da": "{count} link(s) i det byggede site virker ikke:",
                           "en": "{count} broken link(s) in the built site:"},
    "build-links-elsewhere": {"da": "Sider på andre sites linker til det, der er ændret: byg det hele med 'make build' "
                                    "(uden M=), så de bygges med.",
                              "en": "Pages of other sites link to what changed: build everything with 'make build' "
                                    "(without M=) so they are rebuilt with it."},
    "the-portal": {"da": "portalen", "en": "the portal"},
    "generated-page": {"da": "den genererede side {name}", "en": "the generated page {name}"},
    "problems-head-one": {"da": "1 problem i indholdet; intet blev udgivet:",
                          "en": "1 problem in the content; nothing was published:"},
    "problems-head": {"da": "{count} problemer i indholdet; intet blev udgivet:",
                      "en": "{count} problems in the content; nothing was published:"},
}


def word(name: str, lang: str | None = None) -> str:
    return WORDS[name][lang or language()]
