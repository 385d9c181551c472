"""``make check``: every problem and warning, and the readability of every page, per municipality.

Errors come from the catalog (the same checks that stop the build). Warnings
are found here, because they never stop a build: link texts that say nothing,
placeholder text left from the template, English pages whose Danish twin has
changed since they were translated, and pages whose LIX is above the
municipality's target. Nothing is written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Iterable

from . import contentfiles
from . import lix as lixmod
from . import crosslinks, pagecheck, translation
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
    pages: list[PageLix] = field(default_factory=list)

    def lix_of(self, name: str, lang: str) -> PageLix | None:
        return next((p for p in self.pages if p.name == name and p.lang == lang), None)

    def average(self, lang: str) -> float | None:
        values = [p.value for p in self.pages if p.lang == lang and p.value is not None]
        return mean(values) if values else None


@dataclass
class Review:
    root: Path
    sections: list[Section]

    @property
    def errors(self) -> list[ContentError]:
        return [e for s in self.sections for e in s.errors]

    @property
    def warnings(self) -> list[ContentError]:
        return [w for s in self.sections for w in s.warnings]


def review(root: Path) -> Review:
    inspection = inspect(root)
    root = inspection.root
    sections: list[Section] = []
    loaded = {m.slug: m for m in inspection.municipalities}
    history = translation.git_history(root, MUNICIPALITIES_DIR)
    remaining = list(inspection.errors)
    for slug in inspection.folders:
        prefix = f"{MUNICIPALITIES_DIR}/{slug}"
        mine = [e for e in remaining if e.path == prefix or e.path.startswith(prefix + "/")]
        remaining = [e for e in remaining if not (e.path == prefix or e.path.startswith(prefix + "/"))]
        municipality = loaded.get(slug)
        title = prefix + (f": {municipality.policy(DEFAULT_LANGUAGE).municipality}" if municipality else "")
        section = Section(slug, title, errors=mine)
        if municipality is not None:
            _review_municipality(root, municipality, section, history)
        sections.append(section)
    shared = Section(None, f"{THEMES_FILE} and the portal ({PORTAL_DIR}/)")
    shared.errors = remaining
    portal_errors, portal_warnings = check_portal_pages(root, inspection.catalog() if not inspection.errors else None)
    shared.errors.extend(portal_errors)
    shared.warnings.extend(portal_warnings)
    sections.append(shared)
    return Review(root, sections)


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
            counted = PageLix(page.name, lang, page.path, page_lix(policy, page, fragments[:1]))
            section.pages.append(counted)
            value = counted.lix.rounded
            if value is not None and value > section.target:
                section.warnings.append(_lix_warning(page, value, section.target, counted.lix))
            if lang != DEFAULT_LANGUAGE:
                stale = _stale(root, directory, danish.page(page.name), page, text, history)
                if stale is not None:
                    section.warnings.append(stale)


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
    """The text a reader reads on a page: title, body, its building blocks, and on the overview the cards."""
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
            units.extend(rich_units(block.card_text))
    return [re.sub(r"\s*¶$", "", unit) for unit in units]


def page_lix(policy: Policy, page: PolicyPage, body: Iterable[pagecheck.Fragment] = ()) -> lixmod.Lix:
    return lixmod.count(page_units(policy, page, body))


def _lix_warning(page: PolicyPage, value: int, target: int, counted: lixmod.Lix) -> ContentError:
    per_sentence = counted.words / counted.sentences
    long_share = 100 * counted.long_words / counted.words
    return ContentError(
        "lix-above-target", page.path, 1, None,
        f"The page's readability index LIX is {value} ({lixmod.band(value, 'en')}), above the target "
        f"{target}: {per_sentence:.0f} words per sentence and {long_share:.0f}% long words (more than six letters).",
        "Split long sentences (aim for 15 words or fewer) and prefer short, everyday words. "
        "The target is 'lix_target:' in index.md.",
    )


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
            f"The Danish page {danish_page.path} has changed since this translation was made "
            f"(translated from '{recorded.group(1)}', the Danish text is now '{current}').",
            f"Update the English text to match the Danish, then write translated_from: \"{current}\".",
        )
    if history is None:
        return None
    newer = history.newer(danish_page.path, english_page.path)
    if newer is None:
        return None
    return ContentError(
        "translation-stale", english_page.path, 1, None,
        f"The Danish page {danish_page.path} was changed ({newer[0]}) after this translation ({newer[1]}), "
        "according to git.",
        f"Update the English text to match the Danish, then add translated_from: \"{current}\" "
        "to this file's front-matter so the check can tell next time.",
    )


# The portal's own pages --------------------------------------------------------

def check_portal_pages(root: Path, catalog: Catalog | None = None) -> tuple[list[ContentError], list[ContentError]]:
    """The portal's files (contentfiles) and its pages in docs/: unsafe content, headings, images, link texts."""
    root = root.resolve()
    errors: list[ContentError] = []
    warnings: list[ContentError] = []
    folder = root / PORTAL_DIR
    if folder.is_symlink():
        return [contentfiles.link_problem(folder, root)], warnings
    if not folder.is_dir():
        return errors, warnings
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

def format_report(result: Review) -> str:
    """``make check``'s report: per municipality its errors, warnings and LIX table, then a summary."""
    lines: list[str] = []
    for section in result.sections:
        if section.slug is None and not section.errors and not section.warnings:
            continue
        lines.append(f"== {section.title} ==")
        lines.append(_listing("Errors", section.errors))
        lines.append(_listing("Warnings", section.warnings))
        if section.pages:
            lines.extend(_lix_table(section))
        lines.append("")
    errors, warnings = result.errors, result.warnings
    municipalities = sum(1 for s in result.sections if s.slug is not None)
    verdict = "Fix the errors above; nothing can be published until then." if errors else \
        "Everything can be published."
    lines.append(f"{len(errors)} error(s) and {len(warnings)} warning(s) in {municipalities} municipalit"
                 f"{'y' if municipalities == 1 else 'ies'}. {verdict} No site was written.")
    codes = sorted({e.code for e in errors + warnings})
    if codes:
        from .messages import MESSAGES

        lines.append("")
        lines.append(f"What the codes mean (the editors' guide on the portal, /{EDITORS_GUIDE}, explains every code):")
        for code in codes:
            message = MESSAGES[code]
            lines.append(f"  [{code}] {_plain(message.da)} / {_plain(message.en)}")
    return "\n".join(lines)


def _plain(markdown_text: str) -> str:
    return markdown_text.replace("`", "'")


def _listing(label: str, items: list[ContentError]) -> str:
    if not items:
        return f"{label}: none"
    return "\n".join([f"{label} ({len(items)}):", *(f"  - {item}" for item in items)])


def _lix_table(section: Section) -> list[str]:
    names = [p.name for p in section.pages if p.lang == DEFAULT_LANGUAGE]
    width = max([len(name) for name in names] + [len("average of the pages")])
    rows = [f"Readability (LIX; target {section.target}; under 40 easy, 40-50 medium, over 50 hard; "
            f"! = above target):",
            f"  {'page'.ljust(width)}  {'da':>5}  {'en':>5}"]

    def cell(value: float | None) -> str:
        if value is None:
            return "    -"
        rounded = int(value + 0.5)
        return f"{rounded:>4}" + ("!" if rounded > section.target else " ")

    for name in names:
        values = [section.lix_of(name, lang) for lang in LANGUAGES]
        rows.append(f"  {name.ljust(width)}  " + "  ".join(cell(v.value if v else None) for v in values))
    rows.append(f"  {'average of the pages'.ljust(width)}  "
                + "  ".join(cell(section.average(lang)) for lang in LANGUAGES))
    return rows
