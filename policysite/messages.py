"""Every message code the checks can report, explained for editors in Danish and English.

This is the one registry: ``ContentError`` refuses a code that is not here, the
command line prints these explanations under its report, and the editors' guide
(``docs/redaktoerer/``) renders its table of errors from it, so the guide cannot
drift from what the checks say. Text here is Markdown; put code, tags and
addresses in backticks.
"""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
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


def _m(code: str, severity: str, topic: str, da: str, en: str, fix_da: str, fix_en: str) -> Message:
    return Message(code, severity, topic, da, en, fix_da, fix_en)


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
    _m("translation-mismatch", ERROR, "pages",
       "Den engelske side har andre fakta (datoer, telefon, temaer, byggesten) end den danske.",
       "The English page has different facts (dates, phone, themes, building blocks) than the Danish one.",
       "Kopiér værdien fra den danske side; fakta skal være ens på alle sprog.",
       "Copy the value from the Danish page; facts must be the same in every language."),
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
       "Sidens LIX-tal (læsbarhedsindeks) er over kommunens mål. LIX er ord pr. sætning plus andelen af "
       "lange ord (over seks bogstaver) i procent; Digitaliseringsstyrelsen anbefaler at holde det nede.",
       "The page's LIX (readability index) is above the municipality's target. LIX is words per sentence "
       "plus the percentage of long words (more than six letters); the Danish Agency for Digital Government "
       "advises keeping it down.",
       "Skriv kortere sætninger (højst 15-20 ord) og brug kortere ord. Målet sættes med `lix_target:` i "
       "`index.md` (standard 45).",
       "Write shorter sentences (15-20 words at most) and use shorter words. The target is set with "
       "`lix_target:` in `index.md` (default 45)."),
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
)

MESSAGES: dict[str, Message] = {message.code: message for message in _ALL}
assert len(MESSAGES) == len(_ALL), "duplicate message code"


def message(code: str) -> Message:
    """The registry entry for a code (KeyError for a code nobody registered)."""
    return MESSAGES[code]


def by_topic() -> list[tuple[Topic, list[Message]]]:
    """Messages grouped by topic, in registry order (for the editors' guide)."""
    return [(topic, [m for m in _ALL if m.topic == topic.key]) for topic in TOPICS]
