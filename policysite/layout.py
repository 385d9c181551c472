"""Where everything is: the repository's folders and files, and the names and addresses the build writes.

This module is the one owner of the site's layout. Folder and file names of
the repository, the pages the build generates and the files the theme, the
search and the hooks publish are named here, and everything that needs them
derives from here:

- the municipality folder names that cannot be web addresses
  (``reserved_slugs``): every name the portal publishes at the top of the site,
  its pages in docs/ as the folder is at build time included, so a new portal
  page reserves its name by being added;
- the names a content folder may not use because the site publishes something
  there itself (``microsite_reserved``, ``portal_reserved``, ``theme_files``);
- the edition names a microsite published with versions keeps for itself
  (``RESERVED_EDITIONS``);
- the inputs of the build's fingerprints (``CODE_PATHS``) and the pages the
  link check skips (``NOT_FOUND_PAGE``).

Names of language folders come from the languages (policysite.model).
"""
from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path, PurePosixPath
from typing import Iterable, Mapping

from .messages import Phrase, phrase

# The repository ------------------------------------------------------------------

CONFIG_FILE = "mkdocs.yml"
THEMES_FILE = "themes.yml"
MUNICIPALITIES_DIR = "municipalities"  # one content folder per municipality: municipalities/<slug>/
PORTAL_DIR = "docs"  # the portal's own pages
OVERRIDES_DIR = "overrides"  # the project's templates and assets, over the theme's
HOOKS_DIR = "hooks"
# Earlier editions' text, kept for comparison: municipalities/<slug>/editions/<edition>/ (never built as pages).
EDITIONS_DIR = "editions"
SITE_DIR = "site"  # where `make build` publishes
SCREENSHOTS_DIR = "screenshots"  # where `make screenshots` writes its PNGs (policybuild/screenshots.py), outside site/
# What every site's output depends on besides content (policybuild.fingerprint).
CODE_PATHS = (CONFIG_FILE, THEMES_FILE, OVERRIDES_DIR, HOOKS_DIR)
# What a copy of the project needs besides the municipalities (policybuild.project).
PROJECT_FILES = (CONFIG_FILE, THEMES_FILE, OVERRIDES_DIR, HOOKS_DIR, PORTAL_DIR)

# A content folder ----------------------------------------------------------------

PAGE_SUFFIX = ".md"
OVERVIEW = "index.md"  # a site's first page, at the site's own address

# Pages and files the build writes ----------------------------------------------------

CHANGES_PAGE = "aendringer.md"  # every microsite: this edition against the previous one (hooks/policy_editions.py)
CONTACT_PAGE = "kontakt.md"  # every microsite: who to contact about the policy (hooks/policy_contact.py)
GENERATED_PAGES = frozenset({CHANGES_PAGE, CONTACT_PAGE})  # pages a microsite makes itself
THEMES_PATH = "temaer"  # the portal's theme pages: temaer/ and temaer/<theme>/ (hooks/policy_portal.py)
COMPARISON_PAGE = "sammenligning.md"  # the portal's comparison table (hooks/policy_portal.py)
# The portal's national search over every microsite's policy text (hooks/policy_national_search.py), and the
# Pagefind index the build driver writes for it at the top of the site (policybuild/search.py).
NATIONAL_SEARCH_PAGE = "soeg.md"
NATIONAL_INDEX_DIR = "pagefind"
PORTAL_STATEMENT = "tilgaengelighed.md"  # the portal's accessibility statement, a page in docs/
EDITORS_GUIDE = "redaktoerer/"  # the editors' guide on the portal, from docs/redaktoerer/ (footer, not the menu)
ABOUT_PAGE = "om.md"  # the portal's "Om portalen": who publishes it and how to contact them, a page in docs/
WAS_FOLDER = "was"  # <site>/was/: on to the accessibility statement, as Danish rules ask (hooks/policy_was.py)
WAS_PATH = f"{WAS_FOLDER}/"
FEED_FILE = "feed.xml"  # each microsite's Atom feed, per language (hooks/policy_feed.py)
SITEMAP_FILE = "sitemap.xml"  # every site, per language (hooks/policy_sitemap.py); MkDocs adds a .gz
SEARCH_DIR = "search"  # the search plugin's index, split per language (hooks/policy_search.py)
SEARCH_INDEX = f"{SEARCH_DIR}/search_index.json"
NOT_FOUND_PAGE = "404.html"  # served for any missing address, so its links are root-relative
INDEX_FILE = "index.html"
ASSETS_DIR = "assets"  # the theme's and the project's stylesheets, scripts and images
# A microsite's own colour (front-matter brand.colour), as a stylesheet (policysite/brand.py); the gate knows it.
BRAND_STYLESHEET = f"{ASSETS_DIR}/brand.css"
# Published with versions (mike): <slug>/<edition>/ next to <slug>/latest/, <slug>/versions.json,
# <slug>/index.html and <slug>/was/.
LATEST_ALIAS = "latest"
VERSIONS_FILE = "versions.json"
RESERVED_EDITIONS = frozenset({LATEST_ALIAS, WAS_FOLDER})
# Files at the top of the published branch that belong to neither the portal nor a microsite (GitHub Pages).
HOST_FILES = frozenset({".nojekyll", "CNAME"})

# The theme MkDocs builds with (mkdocs.yml's theme.name), whose package holds its templates and assets.
THEME_PACKAGE = "material"


@functools.lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    from .model import LANGUAGES  # model imports schema, which imports this module

    return LANGUAGES


@functools.lru_cache(maxsize=None)
def language_folders() -> dict[str, str]:
    """The folder of each language that is not the default one: {"en": "en/"}."""
    from .model import DEFAULT_LANGUAGE

    return {lang: f"{lang}/" for lang in languages() if lang != DEFAULT_LANGUAGE}


def page_stem(name: str) -> str:
    """The address part of a file name: 'vaerdier.en.md' -> 'vaerdier', 'feed.xml' -> 'feed'."""
    return name.split(".", 1)[0]


# What the theme publishes -----------------------------------------------------------

def _package_folder(name: str) -> Path | None:
    """An installed package's folder, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def theme_dirs(root: Path) -> tuple[Path, ...]:
    """The theme's template folders in MkDocs' order: overrides/, the theme's, MkDocs' own."""
    dirs = [root / OVERRIDES_DIR]
    theme = _package_folder(THEME_PACKAGE)
    if theme is not None:
        dirs.append(theme / "templates")
    mkdocs = _package_folder("mkdocs")
    if mkdocs is not None:
        dirs.append(mkdocs / "templates")
    return tuple(d for d in dirs if d.is_dir())


# Which files of a theme folder MkDocs copies into every site (mkdocs.structure.files.Files.
# add_files_from_theme, MkDocs 1.6): the rest are templates. Re-check on a MkDocs upgrade.
_NOT_COPIED_SUFFIXES = (".py", ".pyc", ".html", ".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# Templates MkDocs renders into a file of the same name at the top of every site.
STATIC_TEMPLATES = (NOT_FOUND_PAGE, SITEMAP_FILE)


@functools.lru_cache(maxsize=8)
def _theme_files(dirs: tuple[Path, ...]) -> frozenset[str]:
    found: set[str] = set(STATIC_TEMPLATES)
    for base in dirs:
        for folder, subfolders, names in os.walk(base):
            subfolders[:] = [name for name in subfolders if not name.startswith(".") and name != "__pycache__"
                             and name != "locales"]
            relative = PurePosixPath(Path(folder).relative_to(base).as_posix())
            for name in names:
                lowered = name.lower()
                if name.startswith(".") or lowered.endswith(_NOT_COPIED_SUFFIXES) or "readme" in lowered \
                        or name == "mkdocs_theme.yml":
                    continue
                found.add((relative / name).as_posix() if str(relative) != "." else name)
    return frozenset(found)


def theme_files(root: Path) -> frozenset[str]:
    """Every file the theme and overrides/ publish into each site, as paths inside it ('assets/policy.js')."""
    return _theme_files(theme_dirs(root.resolve()))


# Names a site keeps for itself ---------------------------------------------------------

def _theme_reserved(root: Path) -> dict[str, Phrase]:
    names: dict[str, Phrase] = {}
    for path in sorted(theme_files(root)):
        top = path.split("/", 1)[0]
        if top == ASSETS_DIR:
            names[top] = phrase("reserved-assets", name=ASSETS_DIR)
        elif top == NOT_FOUND_PAGE:
            names[top] = phrase("reserved-not-found", name=NOT_FOUND_PAGE)
        elif top == SITEMAP_FILE:
            names[top] = phrase("reserved-sitemap", name=SITEMAP_FILE)
        else:
            names[top] = phrase("reserved-theme-file", name=path)
    return names


def _common_reserved(root: Path) -> dict[str, Phrase]:
    """What every site publishes at its top: theme files, search, sitemap, /was and the language folders."""
    names = _theme_reserved(root)
    names[SEARCH_DIR] = phrase("reserved-search", name=SEARCH_DIR)
    names[f"{SITEMAP_FILE}.gz"] = phrase("reserved-sitemap", name=f"{SITEMAP_FILE}.gz")
    names[WAS_FOLDER] = phrase("reserved-was", name=WAS_FOLDER)
    for lang in languages():
        folder = language_folders().get(lang)
        names[lang] = (phrase("reserved-language", name=folder) if folder
                       else phrase("reserved-language-code", name=lang))
    names[LATEST_ALIAS] = phrase("reserved-latest", name=LATEST_ALIAS)
    return names


def microsite_reserved(root: Path) -> dict[str, Phrase]:
    """Names at the top of a municipality folder that the microsite publishes itself, with what is there."""
    names = _common_reserved(root)
    names[FEED_FILE] = phrase("reserved-feed", name=FEED_FILE)
    names[VERSIONS_FILE] = phrase("reserved-versions", name=VERSIONS_FILE)
    for page in sorted(GENERATED_PAGES):
        names[page_stem(page)] = phrase("reserved-generated", name=page_stem(page))
    return names


def portal_reserved(root: Path) -> dict[str, Phrase]:
    """Names at the top of the portal that it publishes itself (not from docs/), with what is there."""
    names = _common_reserved(root)
    names[THEMES_PATH] = phrase("reserved-themes", name=THEMES_PATH)
    names[page_stem(COMPARISON_PAGE)] = phrase("reserved-comparison", name=page_stem(COMPARISON_PAGE))
    names[page_stem(NATIONAL_SEARCH_PAGE)] = phrase("reserved-national-search", name=page_stem(NATIONAL_SEARCH_PAGE))
    names[NATIONAL_INDEX_DIR] = phrase("reserved-national-index", name=NATIONAL_INDEX_DIR)
    return names


def national_search_pages() -> frozenset[str]:
    """The files of the portal's search page, one per language, as paths in the site ('en/soeg/index.html')."""
    stem = page_stem(NATIONAL_SEARCH_PAGE)
    return frozenset(f"{language_folders().get(lang, '')}{stem}/{INDEX_FILE}" for lang in languages())


def portal_pages(root: Path) -> dict[str, str]:
    """What docs/ publishes at the top of the portal, as the folder is now: {name: the docs/ entry}."""
    folder = root / PORTAL_DIR
    names: dict[str, str] = {}
    try:
        # The default language's file first: 'index.md' explains 'index' better than 'index.en.md'.
        entries = sorted(os.scandir(folder), key=lambda entry: (page_stem(entry.name), entry.name.count("."),
                                                                entry.name))
    except (FileNotFoundError, NotADirectoryError):
        return names
    for entry in entries:
        if entry.name.startswith("."):
            continue
        shown = f"{PORTAL_DIR}/{entry.name}" + ("/" if entry.is_dir(follow_symlinks=False) else "")
        names.setdefault(entry.name, shown)
        names.setdefault(page_stem(entry.name), shown)
    return names


def reserved_slugs(root: Path) -> dict[str, Phrase]:
    """Every name a municipality folder cannot have, with the reason: what the portal publishes there.

    A microsite is published at <portal>/<slug>/, so its folder name may not be
    anything the portal itself puts at the top of the site: its pages and
    folders in docs/ (as they are now), the pages it generates, the theme's
    files, search, sitemaps, /was, the language folders and the ``latest``
    alias. Names with a dot are reserved by their part before it too
    ('404.html' reserves '404').
    """
    root = root.resolve()
    reasons: dict[str, Phrase] = {}
    for name, why in portal_reserved(root).items():
        reasons.setdefault(name, why)
        reasons.setdefault(page_stem(name), why)
    for name, shown in portal_pages(root).items():
        reasons.setdefault(name, phrase("reserved-portal-page", name=shown))
    reasons.setdefault(page_stem(INDEX_FILE), phrase("reserved-front-page", name=INDEX_FILE))
    return reasons


def shadowed(relative: str, reserved: Mapping[str, Phrase], theme: Iterable[str]) -> Phrase | None:
    """Why a file at ``relative`` in a content folder would replace something the site publishes, or None.

    ``relative`` is the file's path in the folder ('assets/policy.js', 'was.md'); a
    page publishes at its stem ('was.md' -> was/), so a name is taken whatever its
    extension or language suffix.
    """
    parts = PurePosixPath(relative).parts
    if not parts:
        return None
    top = parts[0]
    if top in reserved and len(parts) == 1:
        return reserved[top]
    if relative in theme:
        return phrase("reserved-design-file", name=relative)
    if top in reserved:
        return reserved[top]
    if len(parts) == 1 and page_stem(top) in reserved and page_stem(top) != page_stem(OVERVIEW):
        return reserved[page_stem(top)]
    return None
