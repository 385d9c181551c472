"""The catalog: every municipality's validated content, read once for all builds.

Each file's front-matter is validated against the schema, and its Markdown is
rendered once (without MkDocs) so policysite.pagecheck can refuse unsafe
content, headings that skip a level, images without alternative text and broken
links before anything is built. Every microsite build and the portal build
share one view of it. All problems in all files are collected before anything
is built.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import typing
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from . import contentfiles, crosslinks, frontmatter, layout, pagecheck, sealed, translation
from .errors import ContentError, ContentErrors, display_path
from .frontmatter import ContentErrorException
from .text import strip_byte_order_mark
from .messages import phrase
from .model import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Municipality,
    Policy,
    Theme,
    build_page,
    build_policy,
)
from . import brand
from .layout import CHANGES_PAGE, EDITIONS_DIR, GENERATED_PAGES, MUNICIPALITIES_DIR, OVERVIEW, THEMES_FILE  # noqa: F401  (also imported from here)
from .schema import (
    BLOCK_KINDS,
    KEY_LINES,
    LINE,
    OVERVIEW_FIELDS,
    PAGE_FIELDS,
    RESERVED_EDITIONS,
    SLUG,
    THEME_LABEL,
    Field,
    Validator,
)

STAMP_KEY = translation.STAMP_KEY


@dataclass(frozen=True)
class Catalog:
    """All municipalities and the theme vocabulary, validated."""

    root: Path
    themes: Mapping[str, Theme]
    municipalities: tuple[Municipality, ...]

    def municipality(self, slug: str) -> Municipality:
        for municipality in self.municipalities:
            if municipality.slug == slug:
                return municipality
        raise KeyError(slug)

    def policies(self, lang: str) -> tuple[Policy, ...]:
        return tuple(m.policy(lang) for m in self.municipalities)

    @property
    def last_updated(self) -> dt.date | None:
        """The latest content date of any policy (see Policy.last_updated)."""
        dates = [m.policy(DEFAULT_LANGUAGE).last_updated for m in self.municipalities]
        return max((date for date in dates if date is not None), default=None)

    def without(self, slug: str) -> "Catalog":
        """The catalog as if a municipality had never been added."""
        return Catalog(self.root, self.themes, tuple(m for m in self.municipalities if m.slug != slug))


def twin_path(path: Path, lang: str) -> Path:
    """The file holding a page in a language (static-i18n's suffix layout)."""
    if lang == DEFAULT_LANGUAGE:
        return path
    return path.with_name(f"{path.stem}.{lang}{path.suffix}")


def municipality_dirs(root: Path) -> list[Path]:
    """The municipality folders (links to folders are not folders: see municipality_links)."""
    base = root / MUNICIPALITIES_DIR
    if not base.is_dir() or base.is_symlink():
        return []
    return sorted(p for p in base.iterdir()
                  if p.is_dir() and not p.is_symlink() and not p.name.startswith((".", "_")))


def municipality_links(root: Path) -> list[Path]:
    """Symbolic links among the municipality folders (or the folder itself), which are refused, never followed."""
    base = root / MUNICIPALITIES_DIR
    if base.is_symlink():
        return [base]
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_symlink())


def slug_problem(directory: Path, root: Path) -> ContentError | None:
    """A folder name that cannot be a microsite's web address: its characters, or a name the portal uses."""
    slug = directory.name
    reserved = layout.reserved_slugs(root)
    if SLUG.fullmatch(slug) and slug not in reserved:
        return None
    return ContentError("bad-slug", display_path(directory, root), None, None,
                        detail="folder-taken" if slug in reserved else "folder-form",
                        params={"slug": slug, "taken_by": reserved.get(slug)})


def folder_problems(directory: Path, root: Path) -> list[ContentError]:
    """What is wrong with a municipality folder as a folder: its name, and files that may not be published."""
    bad_slug = slug_problem(directory, root)
    if bad_slug is not None:
        return [bad_slug]
    return contentfiles.municipality_problems(directory, root)


def load_themes(root: Path) -> tuple[dict[str, Theme], list[ContentError]]:
    """The themes of themes.yml that have every label, and every problem in the file."""
    themes, _declared, errors = load_theme_ids(root)
    return themes, errors


def load_theme_ids(root: Path) -> tuple[dict[str, Theme], tuple[str, ...], list[ContentError]]:
    """load_themes, and every theme id the file declares, complete or not.

    A theme that lacks one label is reported once, in themes.yml; pages that use it are
    checked against the declared ids, so they do not add "not a theme" for the same mistake.
    """
    path = root / THEMES_FILE
    shown = display_path(path, root)
    if path.is_symlink():
        return {}, (), [contentfiles.link_problem(path, root)]
    if not path.is_file():
        return {}, (), [ContentError("themes-missing", shown, None, None, detail="missing")]
    try:
        text = read_text(path, shown)
        unreadable = pagecheck.character_errors(shown, text)
        if unreadable:
            return {}, (), unreadable
        data = frontmatter.parse_document(text, shown)
    except ContentErrorException as exc:
        return {}, (), [exc.error]
    validator = Validator(shown)
    themes: dict[str, Theme] = {}
    declared: list[str] = []
    for theme_id, entry in data.value.items():
        if not SLUG.fullmatch(theme_id):
            validator.error("bad-theme-id", entry.line, theme_id, "id", theme=theme_id)
            continue
        if not isinstance(entry.value, dict):
            validator.error("wrong-type", entry.line, theme_id, "theme-labels", theme=theme_id)
            continue
        labels: dict[str, str] = {}
        for lang in LANGUAGES:
            label = entry.value.get(lang)
            if label is None or not isinstance(label.value, str) or not label.value.strip():
                validator.error("theme-label-missing", label.line if label is not None else entry.line,
                                f"{theme_id}.{lang}", "missing", theme=theme_id, lang=lang,
                                language=phrase(f"language-{lang}"))
                continue
            # A label is plain text: the theme page's title, the menu, every card's theme link.
            checked = validator.single(label, THEME_LABEL, f"{theme_id}.{lang}")
            if isinstance(checked, str):
                labels[lang] = checked
        unknown = set(entry.value) - set(LANGUAGES)
        for name in sorted(unknown):
            validator.error("unknown-key", entry.value[name].line, f"{theme_id}.{name}", "not-language",
                            name=name, languages=", ".join(LANGUAGES))
        declared.append(theme_id)
        if len(labels) == len(LANGUAGES):
            themes[theme_id] = Theme(theme_id, labels)
    return themes, tuple(declared), validator.errors


@dataclass(frozen=True)
class LoadedPage:
    """One page file read, validated and rendered for the content checks."""

    shown: str  # the path as editors see it
    values: dict[str, Any]
    body: str
    body_line: int
    text: str  # the whole file, for finding lines
    fragments: tuple[pagecheck.Fragment, ...]  # the body first (if it rendered), then the Markdown fields
    crosslinks: tuple[crosslinks.CrossLink, ...] = ()  # in the body and the fields, with their lines


def read_text(path: Path, shown: str) -> str:
    """A content file's text; a file too large or not UTF-8 becomes a ContentError."""
    raw = path.read_bytes()
    problem = pagecheck.file_problem(shown, raw)
    if problem is not None:
        raise ContentErrorException(problem)
    return strip_byte_order_mark(raw.decode("utf-8"))


def _load_page(path: Path, root: Path, fields: tuple[Field, ...], theme_ids: tuple[str, ...],
               errors: list[ContentError], lang: str = DEFAULT_LANGUAGE,
               partial: dict[str, Any] | None = None) -> LoadedPage | None:
    """Read one page, validate its front-matter and check its content; on a problem, add it to ``errors``."""
    shown = display_path(path, root)
    if path.is_symlink():  # never read through a link (contentfiles reports the same error for the folder)
        errors.append(contentfiles.link_problem(path, root))
        return None
    if not contentfiles.is_regular_file(path):
        return None  # reported by the folder's check; a pipe or device is never opened
    try:
        text = read_text(path, shown)
    except ContentErrorException as exc:
        errors.append(exc.error)
        return None
    return check_page_text(text, shown, fields, theme_ids, errors, lang, partial)


def check_page_text(text: str, shown: str, fields: tuple[Field, ...], theme_ids: tuple[str, ...] | None,
                    errors: list[ContentError], lang: str = DEFAULT_LANGUAGE,
                    partial: dict[str, Any] | None = None) -> LoadedPage | None:
    """Every check of one page's text (front-matter, fields, content); problems are added to ``errors``.

    ``partial`` receives the values that are valid even when others are not.
    """
    unreadable = pagecheck.character_errors(shown, text)
    if unreadable:  # before YAML, which would stumble over some of them with a less helpful message
        errors.extend(unreadable)
        return None
    try:
        parsed = frontmatter.parse(text, shown)
    except ContentErrorException as exc:
        errors.append(exc.error)
        return None
    # Content checks run whether or not the fields are valid, so every problem is reported at once.
    body = pagecheck.body_fragment(shown, parsed.body, parsed.body_line, errors, _has_blocks(parsed.data))
    if parsed.data is None:
        if body is not None:
            errors.extend(_content_errors(shown, text, [body]))
        errors.append(ContentError("frontmatter-missing", shown, 1, "title", detail="page"))
        return None
    validator = Validator(shown, theme_ids, translation=lang != DEFAULT_LANGUAGE)
    values = validator.mapping(parsed.data, fields)
    if partial is not None:
        partial.update(values)
    fragments = ([body] if body is not None else []) + validator.fragments
    errors.extend(_content_errors(shown, text, fragments))
    errors.extend(pagecheck.attribute_text_errors(shown, parsed.data))
    errors.extend(validator.errors)
    if validator.errors:
        return None
    if lang == DEFAULT_LANGUAGE and STAMP_KEY in values:
        errors.append(ContentError("translated-from-misplaced", shown, translation.stamp_line(text), STAMP_KEY,
                                   detail="danish", params={"key": STAMP_KEY}))
    errors.extend(pagecheck.heading_errors(shown, text, body, _block_heading_levels(values)))
    return LoadedPage(shown, values, parsed.body, parsed.body_line, text, tuple(fragments),
                      tuple(pagecheck.page_crosslinks(text, fragments)))


def _content_errors(shown: str, text: str, fragments: list[pagecheck.Fragment]) -> list[ContentError]:
    """What every rendered piece of a page is checked for, whatever it is."""
    return [
        *pagecheck.safety_errors(shown, text, fragments),
        *pagecheck.html_character_errors(shown, text, fragments),
        *pagecheck.unbalanced_errors(shown, text, fragments),
        *pagecheck.image_errors(shown, text, fragments),
        *pagecheck.field_heading_errors(shown, text, fragments),
    ]


def _has_blocks(data: frontmatter.Located | None) -> bool:
    """Whether the front-matter lists building blocks (then the body gets their place, see policy_blocks)."""
    if data is None or not isinstance(data.value, dict):
        return False
    return any(isinstance(data.value.get(kind.key), frontmatter.Located) and data.value[kind.key].value
               for kind in BLOCK_KINDS)


def _block_heading_levels(values: Mapping[str, Any]) -> tuple[int, ...]:
    """The heading levels the building blocks add to a page, in order (see overrides/policy/blocks.html)."""
    levels: list[int] = []
    blocks = sorted((block for kind in BLOCK_KINDS for block in values.get(kind.key, ())), key=lambda b: b[LINE])
    for block in blocks:
        levels.append(2)
        levels.extend(3 for _ in block.get("parts", ()))
    return tuple(levels)


def merge_translation(fields: Iterable[Field], base: Mapping[str, Any], other: Mapping[str, Any], shown: str,
                      base_shown: str, errors: list[ContentError], prefix: str = "") -> dict[str, Any]:
    """A translation's view of a page: its own translated texts, and the Danish file's neutral facts.

    The English twin holds only translated text (the schema's non-neutral fields); dates, ids,
    themes, the page list, contact numbers and addresses are written once, in Danish, and taken
    from there. Lists of groups (building blocks, their parts, contacts) are paired by order, so
    the two files must have the same fields and the same number of entries: each difference is
    reported at the English key's own line.
    """
    result: dict[str, Any] = dict(other)
    lines: Mapping[str, int] = other.get(KEY_LINES, {})
    here = other.get(LINE)

    def differ(name: str, detail: str, **params: Any) -> None:
        errors.append(ContentError("translation-shape", shown, lines.get(name, here), prefix + name, detail=detail,
                                   params={"key": prefix + name, "name": name, "danish": base_shown, **params}))

    for f in fields:
        name = f.name
        if name == STAMP_KEY:  # the translation's own record of what it translates
            continue
        if not f.translated:
            if name in base:
                result[name] = base[name]
            continue
        in_base = _has_translation(f, base.get(name))
        in_other = _present(other.get(name))
        if in_base and not in_other:
            differ(name, "missing", danish_line=base.get(KEY_LINES, {}).get(name, base.get(LINE)))
            continue
        if in_other and not in_base:
            differ(name, "extra")
            continue
        if not in_base:
            if name in base:
                result[name] = base[name]  # an empty list, or a group of neutral facts only
            continue
        if f.many and len(base[name]) != len(other[name]):
            differ(name, "entries", count=len(other[name]), danish_count=len(base[name]))
            continue
        if f.fields:
            if f.many:
                result[name] = [
                    merge_translation(f.fields, b, o, shown, base_shown, errors, f"{prefix}{name}[{index}].")
                    for index, (b, o) in enumerate(zip(base[name], other[name]))
                ]
            else:
                result[name] = merge_translation(f.fields, base[name], other[name], shown, base_shown, errors,
                                                 f"{prefix}{name}.")
    return result


def _has_translation(f: Field, value: Any) -> bool:
    """Whether a validated Danish value holds any text a translation must give in its own words."""
    if not f.fields:
        return f.translated and _present(value)
    items = value if f.many and isinstance(value, list) else [value]
    return any(isinstance(item, Mapping) and any(_has_translation(sub, item.get(sub.name)) for sub in f.fields)
               for item in items)


def _present(value: Any) -> bool:
    """Whether a validated value is there: an empty list counts as not written."""
    if value is None:
        return False
    if isinstance(value, list):
        return bool(value)
    return True


def load_municipality(directory: Path, root: Path, themes: Mapping[str, Theme],
                      edition_of: str | None = None,
                      theme_ids: tuple[str, ...] | None = None) -> tuple[Municipality | None, list[ContentError]]:
    """Read and validate one municipality folder in every language.

    With ``edition_of`` (a municipality's slug), the folder is an archived
    edition of that municipality's policy (editions/<edition>/), checked the same way.
    """
    slug = edition_of or directory.name
    errors: list[ContentError] = []
    shown_dir = display_path(directory, root)
    if edition_of is None:
        bad_slug = slug_problem(directory, root)
        if bad_slug is not None:
            return None, [bad_slug]
    # Every id themes.yml declares: one that lacks a label is reported there, not again on each page.
    theme_ids = tuple(themes) if theme_ids is None else theme_ids
    overview = directory / OVERVIEW
    if not overview.is_file():
        errors.append(ContentError("overview-missing", shown_dir, None, None, detail="missing",
                                   params={"overview": OVERVIEW}))
        return None, errors

    validated: dict[str, dict[str, Any]] = {}  # lang -> overview data
    partial: dict[str, Any] = {}  # the Danish overview's valid values, even if others are not
    bodies: dict[tuple[str, str], LoadedPage] = {}
    page_names: list[str] = []
    for lang in LANGUAGES:
        path = twin_path(overview, lang)
        if not path.is_file():
            errors.append(ContentError("translation-missing", display_path(path, root), None, None, detail="overview",
                                       params={"language": phrase(f"language-{lang}"), "file": path.name,
                                               "overview": OVERVIEW}))
            continue
        loaded = _load_page(path, root, OVERVIEW_FIELDS, theme_ids, errors, lang,
                            partial if lang == DEFAULT_LANGUAGE else None)
        if loaded is None:
            continue
        values = loaded.values
        if lang == DEFAULT_LANGUAGE:  # the facts the rules look at are written in Danish only
            _check_policy_rules(values, loaded.shown, errors)
        errors.extend(brand.brand_errors(values, loaded.shown, directory))
        validated[lang] = values
        bodies[(lang, OVERVIEW)] = loaded
        if lang == DEFAULT_LANGUAGE:
            page_names = list(values["pages"])

    if DEFAULT_LANGUAGE in validated:
        errors.extend(_check_page_list(directory, root, page_names))
    else:  # the overview has mistakes elsewhere: its page list still says which pages to check
        listed = partial.get("pages")
        page_names = list(dict.fromkeys(listed)) if isinstance(listed, list) else []
    for name in page_names:
        if name == OVERVIEW:
            continue
        for lang in LANGUAGES:
            path = twin_path(directory / name, lang)
            if not path.is_file():
                code = "page-missing" if lang == DEFAULT_LANGUAGE else "translation-missing"
                errors.append(ContentError(code, display_path(path, root), None, None, detail="listed",
                                           params={"name": name, "file": path.name, "overview": OVERVIEW}))
                continue
            loaded = _load_page(path, root, PAGE_FIELDS, theme_ids, errors, lang)
            if loaded is not None:
                bodies[(lang, name)] = loaded

    if errors:
        return None, errors

    # Each translation's view: its translated texts, with the language-neutral facts of the Danish file.
    views: dict[tuple[str, str], Mapping[str, Any]] = {}
    for lang in LANGUAGES:
        for name in page_names:
            loaded = bodies[(lang, name)]
            if lang == DEFAULT_LANGUAGE:
                views[(lang, name)] = loaded.values
                continue
            danish = bodies[(DEFAULT_LANGUAGE, name)]
            fields = OVERVIEW_FIELDS if name == OVERVIEW else PAGE_FIELDS
            views[(lang, name)] = merge_translation(fields, danish.values, loaded.values, loaded.shown,
                                                    danish.shown, errors)
    if errors:
        return None, errors

    policies: dict[str, Policy] = {}
    for lang in LANGUAGES:
        pages = tuple(
            build_page(name, loaded.shown, lang, views[(lang, name)], loaded.body, loaded.body_line,
                       body_ids=_body_ids(loaded), crosslinks=loaded.crosslinks)
            for name in page_names
            for loaded in (bodies[(lang, name)],)
        )
        policies[lang] = build_policy(slug, lang, views[(lang, OVERVIEW)], pages)
    errors.extend(_check_block_ids(policies, bodies))
    errors.extend(_check_links(directory, policies, bodies))
    if errors:
        return None, errors
    previous = None
    if edition_of is None:
        previous, found = _load_previous_edition(directory, root, themes, policies[DEFAULT_LANGUAGE],
                                                 validated[DEFAULT_LANGUAGE], bodies[(DEFAULT_LANGUAGE, OVERVIEW)])
        if found:
            return None, found
    return Municipality(slug, policies, previous), []


def _load_previous_edition(directory: Path, root: Path, themes: Mapping[str, Theme], policy: Policy,
                           values: Mapping[str, Any], overview: LoadedPage) -> tuple[Municipality | None, list[ContentError]]:
    """The edition named by 'previous_edition', read from editions/<name>/ like any municipality folder."""
    name = policy.previous_edition
    if name is None:
        return None, []
    line = key_line(overview.text, "previous_edition") or values[LINE]
    folder = directory / EDITIONS_DIR / name
    shown_folder = display_path(folder, root)
    if name == policy.edition:
        return None, [ContentError("edition-mismatch", overview.shown, line, "previous_edition", detail="same",
                                   params={"name": name})]
    if not (folder / OVERVIEW).is_file():
        return None, [ContentError("edition-missing", overview.shown, line, "previous_edition", detail="missing",
                                   params={"name": name, "folder": shown_folder, "overview": OVERVIEW})]
    previous, errors = load_municipality(folder, root, themes, edition_of=directory.name)
    if previous is not None and previous.policy(DEFAULT_LANGUAGE).edition != name:
        archived = previous.policy(DEFAULT_LANGUAGE)
        errors.append(ContentError("edition-mismatch", display_path(folder / OVERVIEW, root), None, "edition",
                                   detail="folder", params={"folder": shown_folder, "held": archived.edition,
                                                            "name": name, "editions": EDITIONS_DIR}))
        return None, errors
    return previous, errors


def municipality_warnings(root: Path, municipality: Municipality) -> list[ContentError]:
    """What `make check` lists but does not stop for, read from a municipality's valid content."""
    warnings: list[ContentError] = []
    policy = municipality.policy(DEFAULT_LANGUAGE)
    url = policy.source.url
    if url is not None and url.lower().startswith("http://"):
        overview = policy.pages[0].path
        try:
            text = read_text(root / overview, overview)
        except ContentErrorException:
            text = ""
        line = next((number for number, written in enumerate(text.splitlines(), start=1)
                     if written.strip().startswith("url:") and url in written), None)
        warnings.append(ContentError("url-insecure", overview, line, "source.url", detail="source",
                                     params={"url": url}))
    return warnings


def key_line(text: str, key: str) -> int | None:
    """The line of a top-level front-matter key in a file's text, if it is there."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def _check_links(directory: Path, policies: Mapping[str, Policy],
                 bodies: Mapping[tuple[str, str], LoadedPage]) -> list[ContentError]:
    """Relative links between a microsite's pages, to its files, and to anchors on its pages."""
    folder = directory.resolve()

    def file_exists(relative: str) -> bool:
        target = (folder / relative).resolve()
        return target.is_file() and folder in target.parents  # no escapes through symlinks

    errors: list[ContentError] = []
    for lang, policy in policies.items():
        ids = {}
        for page in policy.pages:
            ids[page.name] = pagecheck.page_ids(_body_ids(bodies[(lang, page.name)]), page.blocks)
        targets = pagecheck.PageTargets(ids, file_exists)
        for page in policy.pages:
            loaded = bodies[(lang, page.name)]
            errors.extend(pagecheck.link_errors(loaded.shown, loaded.text, page.name, loaded.fragments, targets))
    return errors


def _body_ids(loaded: LoadedPage) -> set[str]:
    """The ids in a page's rendered body (its headings' and any written with {#id})."""
    first = loaded.fragments[0] if loaded.fragments else None
    return set(first.analysis.ids) if first is not None and first.key is None else set()


def _check_policy_rules(values: Mapping[str, Any], shown: str, errors: list[ContentError]) -> None:
    line = values[LINE]
    contact = values.get("contact", {})
    if not any(contact.get(key) for key in ("phone", "email", "url")):
        errors.append(ContentError("contact-incomplete", shown, contact.get(LINE, line), "contact", detail="contact"))
    for index, more in enumerate(values.get("contacts", ())):
        if not any(more.get(key) for key in ("phone", "email", "url")):
            errors.append(ContentError("contact-incomplete", shown, more.get(LINE, line), f"contacts[{index}]",
                                       detail="contacts", params={"unit": more.get("unit", "")}))
    history = values.get("consultation_history")
    if history is not None:
        history_line = values.get(KEY_LINES, {}).get("consultation_history", line)
        if values.get("policy_status") == "consultation":
            errors.append(ContentError("consultation-history-unexpected", shown, history_line, "consultation_history",
                                       detail="draft"))
        until, adopted = history.get("consulted_until"), history.get("adopted")
        if until is not None and adopted is not None and adopted < until:
            errors.append(ContentError("consultation-history-dates", shown, history[KEY_LINES].get("adopted", history_line),
                                       "consultation_history.adopted", detail="before",
                                       params={"adopted": adopted.isoformat(), "until": until.isoformat()}))
        if values.get("adopted") is not None and adopted is not None and values["adopted"] != adopted:
            errors.append(ContentError("consultation-history-dates", shown, values[KEY_LINES].get("adopted", line),
                                       "adopted", detail="twice",
                                       params={"adopted": values["adopted"].isoformat(),
                                               "history": adopted.isoformat()}))
    if values.get("edition") in RESERVED_EDITIONS:
        errors.append(ContentError("edition-reserved", shown, line, "edition", detail="reserved",
                                   params={"edition": values["edition"]}))
    if values.get("policy_status") == "consultation" and "consultation" not in values:
        errors.append(ContentError("consultation-missing", shown, line, "consultation", detail="missing"))
    if values.get("policy_status") == "adopted" and "consultation" in values:
        errors.append(ContentError("consultation-unexpected", shown, values["consultation"][LINE], "consultation",
                                   detail="adopted"))
    pages = values.get("pages", [])
    for name in pages:
        if name in GENERATED_PAGES:
            errors.append(ContentError("page-reserved", shown, line, "pages", detail="generated", params={"name": name}))
    if pages and pages[0] != OVERVIEW:
        errors.append(ContentError("pages-order", shown, line, "pages", detail="first",
                                   params={"overview": OVERVIEW, "found": pages[0]}))
    seen: set[str] = set()
    for name in pages:
        if name in seen:
            errors.append(ContentError("pages-duplicate", shown, line, "pages", detail="twice", params={"name": name}))
        seen.add(name)


def _check_page_list(directory: Path, root: Path, page_names: list[str]) -> list[ContentError]:
    listed = set(page_names)
    errors = []
    for path in sorted(directory.glob("*.md")):
        if not contentfiles.is_regular_file(path):
            continue  # a link or worse: the folder's check reports it
        name = path.name
        parts = name.split(".")
        if len(parts) == 3 and parts[1] in LANGUAGES:
            if parts[1] == DEFAULT_LANGUAGE or f"{parts[0]}.md" not in listed:
                errors.append(ContentError("page-unlisted", display_path(path, root), None, None, detail="translation",
                                           params={"file": name, "page": f"{parts[0]}.md", "overview": OVERVIEW}))
        elif len(parts) != 2:
            errors.append(ContentError("page-unlisted", display_path(path, root), None, None, detail="language",
                                       params={"file": name}))
        elif name not in listed:
            errors.append(ContentError("page-unlisted", display_path(path, root), None, None, detail="page",
                                       params={"file": name, "overview": OVERVIEW}))
    return errors


def _check_block_ids(policies: Mapping[str, Policy],
                     bodies: Mapping[tuple[str, str], LoadedPage]) -> list[ContentError]:
    errors: list[ContentError] = []
    for lang, policy in policies.items():
        seen: dict[str, str] = {}
        for page in policy.pages:
            # The blocks' headings join the page's text (hooks/policy_blocks.py): one id, one place.
            taken = _body_ids(bodies[(lang, page.name)])
            for block in page.blocks:
                if block.id in taken:
                    errors.append(ContentError("duplicate-block-id", block.path, block.line, "id", detail="heading",
                                               params={"id": block.id}))
        for block in policy.blocks:
            if block.id in seen:
                errors.append(ContentError("duplicate-block-id", block.path, block.line, "id", detail="block",
                                           params={"id": block.id, "other": seen[block.id]}))
            seen.setdefault(block.id, block.path)
    return errors


def _check_crosslinks(municipalities: list[Municipality], themes: Mapping[str, Theme]) -> list[ContentError]:
    """Every kommune:/tema: link, wherever it is written, against the whole catalog (also for one-site builds)."""
    block_ids = {m.slug: {block.id for block in m.policy(DEFAULT_LANGUAGE).blocks} for m in municipalities}
    errors: list[ContentError] = []
    for municipality in municipalities:
        for policy in municipality.policies.values():
            for page in policy.pages:
                errors.extend(crosslinks.check(page.path, page.crosslinks, block_ids.get, set(themes)))
    return errors


def content_signature(root: Path) -> str:
    """A cheap fingerprint of every input the catalog reads (names, sizes, times): re-reading
    is skipped while it is unchanged. It stays in memory; nothing on disk is trusted by it."""
    digest = hashlib.sha256()
    # Every name in every folder (images, stray files and links are checked too), and the
    # portal's top-level names, which reserve municipality folder names (layout.reserved_slugs).
    paths = [root / THEMES_FILE, *municipality_links(root)]
    for directory in municipality_dirs(root):
        paths.append(directory)
        paths.extend(entry.path for entry in contentfiles.walk(directory))  # pages, editions, images, stray files, links
    digest.update("\0".join(sorted(layout.portal_pages(root))).encode() + b"\n")
    for path in paths:
        try:
            status = path.lstat()
        except FileNotFoundError:
            continue
        digest.update(f"{path}\0{status.st_mode}\0{status.st_mtime_ns}\0{status.st_ctime_ns}\0"
                      f"{status.st_size}\0{status.st_ino}\n".encode())
    return digest.hexdigest()


_cache: dict[Path, tuple[str, Catalog]] = {}


@dataclass(frozen=True)
class Inspection:
    """Everything read under a root, valid or not: what ``make check`` reports on."""

    root: Path
    themes: Mapping[str, Theme]
    folders: tuple[str, ...]  # every municipality folder's name, in order
    municipalities: tuple[Municipality, ...]  # the folders that loaded without errors
    errors: tuple[ContentError, ...]

    def catalog(self) -> Catalog:
        return Catalog(self.root, self.themes, self.municipalities)


def inspect(root: Path, cache_dir: Path | None = None) -> Inspection:
    """Read and validate every municipality under ``root``, collecting all problems instead of raising.

    With ``cache_dir``, a municipality whose files are unchanged since it was last read
    there is taken from the cache (see _load_municipality_cached).
    """
    root = root.resolve()
    themes, declared, errors = load_theme_ids(root)
    municipalities = []
    links = municipality_links(root)
    errors.extend(contentfiles.link_problem(link, root) for link in links)
    directories = municipality_dirs(root)
    for directory in directories:
        # The folder's name and files first, outside the cache: what they may be depends on
        # docs/, the theme and layout.py, not only on the folder.
        problems = folder_problems(directory, root)
        errors.extend(problems)
        if any(problem.code == "bad-slug" for problem in problems):
            continue
        if cache_dir is None:
            municipality, found = load_municipality(directory, root, themes, theme_ids=declared)
        else:
            municipality, found = _load_municipality_cached(directory, root, themes, cache_dir, declared)
        errors.extend(error for error in found if error not in problems)
        if municipality is not None and not problems:
            municipalities.append(municipality)
    if not errors:
        errors.extend(_check_crosslinks(municipalities, themes))
    folders = sorted([d.name for d in directories] + [link.name for link in links])
    return Inspection(root, themes, tuple(folders), tuple(municipalities), tuple(errors))


# The packages whose behaviour the validation depends on (rendering, YAML, sanitising): a cached
# result is only good for the versions that made it.
VALIDATION_PACKAGES = ("Markdown", "pymdown-extensions", "PyYAML", "nh3", "selectolax", "lxml")
CATALOG_CACHE_PURPOSE = "catalog"


@functools.lru_cache(maxsize=1)
def _code_version() -> bytes:
    """The validator's own source and the versions of what it uses."""
    digest = hashlib.sha256()
    folder = Path(__file__).parent
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    for name in VALIDATION_PACKAGES:
        try:
            digest.update(f"{name}=={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing\n".encode())
    return digest.digest()


_RESULT = typing.Optional[Municipality]
_ERRORS = tuple[ContentError, ...]


def municipality_cache_key(directory: Path, root: Path, themes: Mapping[str, Theme],
                           theme_ids: tuple[str, ...] | None = None) -> str:
    """The hash of every input load_municipality reads for ``directory``: the cache entry's key.

    Anyone can compute it from the repository, so it only says which entry to look
    for; that the entry was computed by this machine is what its seal says.
    """
    digest = hashlib.sha256(_code_version() + str(root).encode() + b"\0"
                            + repr(sorted(themes.items())).encode() + repr(theme_ids).encode())
    for path in sorted(directory.rglob("*")):
        if path.is_file() or path.is_symlink():
            digest.update(path.relative_to(directory).as_posix().encode() + b"\0")
            if path.is_symlink():
                digest.update(b"link:" + os.readlink(path).encode() + b"\0" + str(path.resolve()).encode())
            else:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _load_municipality_cached(directory: Path, root: Path, themes: Mapping[str, Theme],
                              cache_dir: Path, theme_ids: tuple[str, ...] | None = None
                              ) -> tuple[Municipality | None, list[ContentError]]:
    """load_municipality, remembered on disk by the hash of every input it reads.

    The entry is JSON sealed with this machine's key (policysite/sealed.py): an entry
    committed to the repository, copied from another machine or edited is not ours,
    so the folder is validated again. Only a result this machine computed is reused.
    """
    key = municipality_cache_key(directory, root, themes, theme_ids)
    secret = sealed.machine_key(root)
    cached = cache_dir / f"{directory.name}.json"
    stored = sealed.read(cached, secret, CATALOG_CACHE_PURPOSE, key)
    if isinstance(stored, dict) and set(stored) == {"municipality", "errors"}:
        try:
            return (sealed.decode(stored["municipality"], _RESULT),
                    list(sealed.decode(stored["errors"], _ERRORS)))
        except (ValueError, TypeError):
            pass  # written by another version of the code: recompute
    result = load_municipality(directory, root, themes, theme_ids=theme_ids)
    try:
        value = {"municipality": sealed.encode(result[0], _RESULT),
                 "errors": sealed.encode(tuple(result[1]), _ERRORS)}
    except sealed.CodecError as error:  # a model field the codec cannot write: not cached, still correct
        sealed.log.warning("Not caching %s: %s", directory.name, error)
    else:
        sealed.write(cached, secret, CATALOG_CACHE_PURPOSE, key, value)
    return result


_settled: set[Path] = set()


@contextlib.contextmanager
def settled(root: Path) -> Iterator[None]:
    """Within this block, files under ``root`` do not change: the catalog is not re-checked.

    A build reads the catalog once, then MkDocs runs once per site and language and each
    run asks for it again; without this, each would re-stat every content file.
    """
    root = root.resolve()
    _settled.add(root)
    try:
        yield
    finally:
        _settled.discard(root)


def load_catalog(root: Path, cache_dir: Path | None = None) -> Catalog:
    """Read and validate every municipality under ``root``; raise ContentErrors listing all problems.

    ``cache_dir`` (the build driver's) keeps each municipality's validated result between
    runs, so an unchanged municipality is not read again.
    """
    root = root.resolve()
    cached = _cache.get(root)
    if cached and root in _settled:
        return cached[1]
    signature = content_signature(root)
    if cached and cached[0] == signature:
        return cached[1]
    inspection = inspect(root, cache_dir)
    if inspection.errors:
        raise ContentErrors(list(inspection.errors))
    catalog = inspection.catalog()
    _cache[root] = (signature, catalog)
    return catalog
