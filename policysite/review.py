"""``make check``: every problem and warning, and the readability of every page, per municipality.

Errors come from the catalog (the same checks that stop the build). Warnings
are found here, because they never stop a build: link texts that say nothing,
placeholder text left from the template, English pages whose Danish twin has
changed since they were translated, and pages whose editorial text (the
editors' own words: card summaries, descriptions, "Kort fortalt") has a LIX
above the municipality's target. Warnings are found in a municipality's files
even when it has errors. The policy's official wording is published as adopted,
so its LIX is reported for information only, never with advice. ``review(root,
only=slug)`` checks one municipality and the portal pages it appears on.
Nothing is written.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Iterable

from . import contentfiles
from . import lix as lixmod
from . import crosslinks, messages, pagecheck, translation
from .portal import shows_municipality
from .catalog import Catalog, OVERVIEW_FIELDS, PAGE_FIELDS, check_page_text, inspect, municipality_warnings, read_text
from .errors import ContentError
from .frontmatter import ContentErrorException, parse
from .editions import block_units
from .editions import rich_units
from .markup import BLOCKS_PLACEHOLDER, analyse, render
from .layout import EDITORS_GUIDE, MUNICIPALITIES_DIR, OVERVIEW, PAGE_SUFFIX, PORTAL_DIR, THEMES_FILE
from .model import DEFAULT_LANGUAGE, LANGUAGES, Municipality, Policy, PolicyPage
from .schema import Validator


@dataclass(frozen=True)
class PageLix:
    name: str  # the Danish file name
    lang: str
    path: str
    lix: lixmod.Lix

    @property
    def value(self) -> float | None:
        return self.lix.value


@dataclass
class Section:
    """The report for one municipality folder, or for the shared files (slug None)."""

    slug: str | None
    title: str
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    target: int = lixmod.DEFAULT_TARGET
    pages: list[PageLix] = field(default_factory=list)  # the policy's official wording: information only
    editorial: list[PageLix] = field(default_factory=list)  # the editors' own text: held to the target

    def lix_of(self, name: str, lang: str, editorial: bool = False) -> PageLix | None:
        counted = self.editorial if editorial else self.pages
        return next((p for p in counted if p.name == name and p.lang == lang), None)

    def average(self, lang: str, editorial: bool = False) -> float | None:
        counted = self.editorial if editorial else self.pages
        values = [p.value for p in counted if p.lang == lang and p.value is not None]
        return mean(values) if values else None


@dataclass
class Review:
    root: Path
    sections: list[Section]
    only: str | None = None  # the municipality checked, when one was asked for

    @property
    def errors(self) -> list[ContentError]:
        return [e for s in self.sections for e in s.errors]

    @property
    def warnings(self) -> list[ContentError]:
        return [w for s in self.sections for w in s.warnings]


def review(root: Path, only: str | None = None) -> Review:
    """Every municipality, or with ``only`` one municipality and the portal pages it appears on."""
    inspection = inspect(root)
    root = inspection.root
    sections: list[Section] = []
    loaded = {m.slug: m for m in inspection.municipalities}
    if only is not None and only not in inspection.folders:
        close = difflib.get_close_matches(only, inspection.folders, n=1)
        error = ContentError("municipality-unknown", f"{MUNICIPALITIES_DIR}/{only}", None, None,
                             detail="unknown-suggest" if close else "unknown",
                             params={"slug": only, "suggestion": close[0] if close else "",
                                     "known": ", ".join(inspection.folders)})
        return Review(root, [Section(None, f"{MUNICIPALITIES_DIR}/{only}", errors=[error])], only)
    history = translation.git_history(root, MUNICIPALITIES_DIR)
    remaining = list(inspection.errors)
    for slug in inspection.folders:
        prefix = f"{MUNICIPALITIES_DIR}/{slug}"
        mine = [e for e in remaining if e.path == prefix or e.path.startswith(prefix + "/")]
        remaining = [e for e in remaining if not (e.path == prefix or e.path.startswith(prefix + "/"))]
        if only is not None and slug != only:
            continue
        municipality = loaded.get(slug)
        title = prefix + (f": {municipality.policy(DEFAULT_LANGUAGE).municipality}" if municipality else "")
        section = Section(slug, title, errors=mine)
        if municipality is not None:
            _review_municipality(root, municipality, section, history)
        else:
            _review_files(root, slug, section)
        sections.append(section)
    shared = Section(None, messages.word("shared-section").format(themes=THEMES_FILE, portal=f"{PORTAL_DIR}/"))
    # With one municipality: the shared files' errors (themes.yml stops every build), and the portal's
    # pages that show it; other municipalities' problems are left out.
    shared.errors = [e for e in remaining if not e.path.startswith(f"{MUNICIPALITIES_DIR}/")] if only else remaining
    portal_errors, portal_warnings = check_portal_pages(
        root, inspection.catalog() if not inspection.errors else None,
        showing=only)
    shared.errors.extend(portal_errors)
    shared.warnings.extend(portal_warnings)
    sections.append(shared)
    return Review(root, sections, only)


def _review_municipality(root: Path, municipality: Municipality, section: Section,
                         history: translation.History | None) -> None:
    directory = root / MUNICIPALITIES_DIR / municipality.slug
    danish = municipality.policy(DEFAULT_LANGUAGE)
    section.target = _target(root, directory)
    section.warnings.extend(municipality_warnings(root, municipality))
    for lang in LANGUAGES:
        policy = municipality.policy(lang)
        for page in policy.pages:
            path = root / page.path
            text = read_text(path, page.path)
            fragments = _fragments(page.path, text, OVERVIEW_FIELDS if page.name == OVERVIEW else PAGE_FIELDS, lang)
            section.warnings.extend(pagecheck.vague_link_warnings(page.path, text, fragments))
            section.warnings.extend(pagecheck.placeholder_warnings(page.path, text))
            section.pages.append(PageLix(page.name, lang, page.path, page_lix(policy, page, fragments[:1])))
            own = PageLix(page.name, lang, page.path, lixmod.count(editorial_units(policy, page)))
            section.editorial.append(own)
            value = own.lix.rounded
            if value is not None and value > section.target:
                section.warnings.append(_lix_warning(page, value, section.target, own.lix))
            if lang != DEFAULT_LANGUAGE:
                stale = _stale(root, directory, danish.page(page.name), page, text, history)
                if stale is not None:
                    section.warnings.append(stale)


def _review_files(root: Path, slug: str, section: Section) -> None:
    """The warnings of a municipality that did not load (it has errors), read file by file.

    Without them, each fix would reveal the next layer of warnings; the readability needs the
    loaded policy and waits until the errors are fixed.
    """
    directory = root / MUNICIPALITIES_DIR / slug
    for path in sorted(directory.glob(f"*{PAGE_SUFFIX}")):
        if path.is_symlink() or not path.is_file():
            continue
        shown = path.relative_to(root).as_posix()
        try:
            text = read_text(path, shown)
        except ContentErrorException:
            continue
        lang = next((code for code in LANGUAGES if path.name.endswith(f".{code}{PAGE_SUFFIX}")), DEFAULT_LANGUAGE)
        fields = OVERVIEW_FIELDS if path.name.split(".")[0] == OVERVIEW.split(".")[0] else PAGE_FIELDS
        fragments = _fragments(shown, text, fields, lang) or _body_only(shown, text)
        section.warnings.extend(pagecheck.vague_link_warnings(shown, text, fragments))
        section.warnings.extend(pagecheck.placeholder_warnings(shown, text))


def _body_only(shown: str, text: str) -> list[pagecheck.Fragment]:
    """A page's body rendered on its own, for a page whose front-matter has errors."""
    try:
        parsed = parse(text, shown)
    except ContentErrorException:
        return []
    body = pagecheck.body_fragment(shown, parsed.body, parsed.body_line, [])
    return [body] if body is not None else []


def _target(root: Path, directory: Path) -> int:
    try:
        data = parse(read_text(directory / OVERVIEW, ""), "").data
    except ContentErrorException:
        return lixmod.DEFAULT_TARGET
    target = data.value.get("lix_target") if data else None
    return target.value if target is not None and isinstance(target.value, int) else lixmod.DEFAULT_TARGET


def _fragments(shown: str, text: str, fields, lang: str) -> list[pagecheck.Fragment]:
    """The page's rendered body and Markdown fields, by the same checks the catalog ran."""
    loaded = check_page_text(text, shown, fields, None, [], lang)
    return list(loaded.fragments) if loaded is not None else []


# Readability ---------------------------------------------------------------

def page_units(policy: Policy, page: PolicyPage, body: Iterable[pagecheck.Fragment] = ()) -> list[str]:
    """The policy's official wording on a page: title, body, its building blocks, and on the overview the
    cards (those without an editors' summary)."""
    units = [page.title]
    fragments = list(body)
    if fragments:
        units.extend(u for u in fragments[0].analysis.units if u != BLOCKS_PLACEHOLDER)
    else:
        units.extend(u for u in analyse(render(page.body)).units if u != BLOCKS_PLACEHOLDER)
    for block in page.blocks:
        units.extend(block_units(block))
    if page.name == OVERVIEW:
        for block in policy.blocks:
            units.append(block.title)
            if getattr(block, "summary", None) is None:  # a card with a summary shows the editors' words
                units.extend(rich_units(block.card_text))
    return [re.sub(r"\s*¶$", "", unit) for unit in units]


def page_lix(policy: Policy, page: PolicyPage, body: Iterable[pagecheck.Fragment] = ()) -> lixmod.Lix:
    """The LIX of the policy's official wording on a page (information only: it is published as adopted)."""
    return lixmod.count(page_units(policy, page, body))


# The editors' own text, which the LIX target applies to: what the editors write to help readers,
# not the policy's wording. Fields named here that a page or block does not have are skipped.
EDITORIAL_PAGE_FIELDS = ("description", "in_brief", "explanation")
EDITORIAL_BLOCK_FIELDS = ("summary", "in_brief", "explanation")


def _editorial(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [unit for item in value for unit in _editorial(item)]
    return rich_units(value)  # type: ignore[arg-type]


def editorial_units(policy: Policy, page: PolicyPage) -> list[str]:
    """The editors' own text on a page: its description and its blocks' summaries (on the overview,
    the cards' summaries), and any "Kort fortalt" or explanation."""
    units = [unit for name in EDITORIAL_PAGE_FIELDS for unit in _editorial(getattr(page, name, None))]
    blocks = list(page.blocks)
    if page.name == OVERVIEW:
        blocks += [block for block in policy.blocks if block not in blocks]
    for block in blocks:
        units.extend(unit for name in EDITORIAL_BLOCK_FIELDS for unit in _editorial(getattr(block, name, None)))
    return [re.sub(r"\s*¶$", "", unit) for unit in units]


def _lix_warning(page: PolicyPage, value: int, target: int, counted: lixmod.Lix) -> ContentError:
    return ContentError("lix-above-target", page.path, 1, None, detail="editorial", params={
        "value": value, "band": lixmod.band_phrase(value),
        "target": target, "per_sentence": round(counted.words / counted.sentences),
        "long_share": round(100 * counted.long_words / counted.words)})


# Stale translations ----------------------------------------------------------

def _stale(root: Path, directory: Path, danish_page: PolicyPage, english_page: PolicyPage, english_text: str,
           history: translation.History | None) -> ContentError | None:
    danish_path = root / danish_page.path
    current = translation.stamp(read_text(danish_path, danish_page.path))
    recorded = re.search(r'^translated_from:\s*"?([0-9a-f]{12})"?', english_text, re.MULTILINE)
    if recorded:
        if recorded.group(1) == current:
            return None
        return ContentError(
            "translation-stale", english_page.path, translation.stamp_line(english_text), translation.STAMP_KEY,
            detail="recorded", params={"danish": danish_page.path, "recorded": recorded.group(1), "current": current})
    if history is None:
        return None
    newer = history.newer(danish_page.path, english_page.path)
    if newer is None:
        return None
    return ContentError(
        "translation-stale", english_page.path, 1, None, detail="git",
        params={"danish": danish_page.path, "danish_when": newer[0], "english_when": newer[1], "current": current})


# The portal's own pages --------------------------------------------------------

def check_portal_pages(root: Path, catalog: Catalog | None = None, showing: str | None = None
                       ) -> tuple[list[ContentError], list[ContentError]]:
    """The portal's files (contentfiles) and its pages in docs/: unsafe content, headings, images, link texts.

    With ``showing``, only the pages that show that municipality (portal.shows_municipality).
    """
    root = root.resolve()
    errors: list[ContentError] = []
    warnings: list[ContentError] = []
    folder = root / PORTAL_DIR
    if folder.is_symlink():
        return [contentfiles.link_problem(folder, root)], warnings
    if not folder.is_dir():
        return errors, warnings
    if showing is None:
        errors.extend(contentfiles.portal_problems(folder, root))
    pages = [entry for entry in contentfiles.walk(folder)
             if entry.kind == "file" and entry.relative.endswith(PAGE_SUFFIX) and not entry.path.name.startswith(".")]
    for entry in pages:
        path = entry.path
        shown = path.relative_to(root).as_posix()
        try:
            text = read_text(path, shown)
        except ContentErrorException as exc:
            errors.append(exc.error)
            continue
        if showing is not None and not shows_municipality(text, showing):
            continue
        found, fragments = portal_page_errors(shown, text, catalog)
        errors.extend(found)
        warnings.extend(pagecheck.vague_link_warnings(shown, text, fragments))
    return errors, warnings


# The portal's pages are written by editors too; their titles and descriptions are plain text.
PORTAL_PAGE_FIELDS = tuple(f for f in PAGE_FIELDS if f.name in ("title", "description"))


def portal_page_errors(shown: str, text: str, catalog: Catalog | None = None
                       ) -> tuple[list[ContentError], list[pagecheck.Fragment]]:
    """Every check of one portal page's text (the build runs it too: hooks/policy_plain_text.py).

    With the ``catalog``, its kommune:/tema: links are checked against it as well.
    """
    errors = pagecheck.character_errors(shown, text)
    if errors:
        return errors, []
    try:
        parsed = parse(text, shown)
    except ContentErrorException as exc:
        return [exc.error], []
    body = pagecheck.body_fragment(shown, parsed.body, parsed.body_line, errors)
    fragments = [body] if body else []
    errors.extend(pagecheck.safety_errors(shown, text, fragments))
    errors.extend(pagecheck.html_character_errors(shown, text, fragments))
    errors.extend(pagecheck.image_errors(shown, text, fragments))
    errors.extend(pagecheck.attribute_text_errors(shown, parsed.data))
    errors.extend(pagecheck.heading_errors(shown, text, body, ()))
    if parsed.data is not None and isinstance(parsed.data.value, dict):
        validator = Validator(shown)
        for f in PORTAL_PAGE_FIELDS:
            if f.name in parsed.data.value:
                validator.single(parsed.data.value[f.name], f, f.name)
        errors.extend(validator.errors)
    if catalog is not None:
        blocks = {m.slug: {block.id for block in m.policy(DEFAULT_LANGUAGE).blocks} for m in catalog.municipalities}
        errors.extend(crosslinks.check(shown, pagecheck.page_crosslinks(text, fragments), blocks.get,
                                       set(catalog.themes)))
    return errors, fragments



# The report as editors read it ---------------------------------------------------

def format_report(result: Review, lang: str | None = None) -> str:
    """``make check``'s report: a summary line, then per municipality its errors and warnings side by side,
    the readability of the editors' own text (held to the target) and of the official wording (for
    information), then the summary again and what the codes mean. In the messages' language."""
    lang = lang or messages.language()

    def w(name: str, **params: object) -> str:
        return messages.fill(messages.word(name, lang), params, lang)

    errors, warnings = result.errors, result.warnings
    municipalities = sum(1 for s in result.sections if s.slug is not None)
    scope = (w("scope-one", folder=f"{MUNICIPALITIES_DIR}/{result.only}") if result.only is not None
             else w("scope-all", count=municipalities))
    verdict = w("verdict-errors") if errors else w("verdict-clean")
    summary = w("summary", scope=scope, errors=len(errors), warnings=len(warnings), verdict=verdict)
    lines: list[str] = [summary, ""]
    for section in result.sections:
        if section.slug is None and not section.errors and not section.warnings:
            continue
        lines.append(f"== {section.title} ==")
        lines.append(_listing(w("errors"), w("none"), section.errors, lang))
        lines.append(_listing(w("warnings"), w("none"), section.warnings, lang))
        if section.slug is not None and not section.pages and section.errors:
            lines.append(w("lix-later"))
        if section.editorial:
            lines.extend(_lix_table(section, w, editorial=True))
        if section.pages:
            lines.extend(_lix_table(section, w, editorial=False))
        lines.append("")
    lines.append(summary)
    codes = sorted({e.code for e in errors + warnings})
    if codes:
        from .messages import MESSAGES

        lines.append("")
        lines.append(w("codes", guide=f"/{EDITORS_GUIDE}"))
        for code in codes:
            lines.append(f"  [{code}] {_plain(MESSAGES[code].text(lang))}")
    return "\n".join(lines)


def _plain(markdown_text: str) -> str:
    return messages.terminal(markdown_text)


def _listing(label: str, none: str, items: list[ContentError], lang: str) -> str:
    if not items:
        return f"{label}: {none}"
    return "\n".join([f"{label} ({len(items)}):", *(f"  - {item.render(lang)}" for item in items)])


def _lix_table(section: Section, w, editorial: bool) -> list[str]:
    counted = section.editorial if editorial else section.pages
    names = [p.name for p in counted if p.lang == DEFAULT_LANGUAGE]
    average = w("lix-average")
    width = max([len(name) for name in names] + [len(average)])
    head = w("lix-editorial", target=section.target) if editorial else w("lix-official")
    rows = [head, f"  {w('lix-page').ljust(width)}  {'da':>5}  {'en':>5}"]

    def cell(value: float | None) -> str:
        if value is None:
            return "    -"
        rounded = int(value + 0.5)
        return f"{rounded:>4}" + ("!" if editorial and rounded > section.target else " ")

    for name in names:
        values = [section.lix_of(name, lang, editorial) for lang in LANGUAGES]
        rows.append(f"  {name.ljust(width)}  " + "  ".join(cell(v.value if v else None) for v in values))
    rows.append(f"  {average.ljust(width)}  " + "  ".join(cell(section.average(lang, editorial)) for lang in LANGUAGES))
    return rows
