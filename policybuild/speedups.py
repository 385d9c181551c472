"""Work MkDocs repeats for every microsite and page, done once per build process.

Every MkDocs build lists the theme's files to find the static assets it must
copy: Material's theme folder holds about 14,000 files (its icon sets), and the
listing and filtering cost about 0.2 s per language of every microsite, more
than converting a microsite's Markdown. Within one ``policysite build`` the
theme folders do not change, so the listing is made once per process and
reused; the files added to each build are the same as MkDocs would add
(tests/test_build_driver.py compares them).

MkDocs also makes a new ``markdown.Markdown`` for every page it renders, with
every extension set up again (about 1.2 ms a page with ours, as much as
converting the page). Within one build process the extensions and their settings
do not change, so one instance per set of them is kept and ``reset()`` before
each page, as Python-Markdown documents for converting several texts; MkDocs
registers its per-page processors on it under the same names, replacing the
previous page's (tests/test_incremental.py builds a site both ways and compares
every byte).

Only the build driver installs this; ``policysite serve`` and the engine's own
``build`` command run it unchanged.
"""
from __future__ import annotations

import functools
from types import SimpleNamespace

import jinja2

from policysite import markup

from .engine import File, Files, MkDocsConfig, page_module

REUSE_MARKDOWN = True  # one Markdown instance per set of extensions, reset between pages
_original_page_markdown = page_module.markdown

_original_add_files_from_theme = Files.add_files_from_theme


@functools.lru_cache(maxsize=16)
def _theme_assets(dirs: tuple[str, ...], static_templates: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(path, theme dir) of every static theme file, found by MkDocs's own method."""
    theme = SimpleNamespace(dirs=list(dirs), static_templates=set(static_templates))
    config = SimpleNamespace(theme=theme, site_dir="/", use_directory_urls=True)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(list(dirs)))
    found = Files([])
    _original_add_files_from_theme(found, env, config)  # type: ignore[arg-type]
    return tuple((file.src_uri, file.src_dir) for file in found)


def _add_files_from_theme(self: Files, env: jinja2.Environment, config: MkDocsConfig) -> None:
    assets = _theme_assets(tuple(config.theme.dirs), tuple(sorted(config.theme.static_templates)))
    for path, directory in assets:
        if self.get_file_from_path(path) is None:  # a docs file of the same name wins, as in MkDocs
            self.append(File(path, directory, config.site_dir, config.use_directory_urls))


def install() -> None:
    """Reuse the theme listing and the Markdown instances across the builds of this process."""
    Files.add_files_from_theme = _add_files_from_theme  # type: ignore[method-assign]
    if REUSE_MARKDOWN:
        page_module.markdown = markup.PageConverters()


def uninstall() -> None:
    Files.add_files_from_theme = _original_add_files_from_theme  # type: ignore[method-assign]
    page_module.markdown = _original_page_markdown
