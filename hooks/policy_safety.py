"""Refuse any page whose HTML the allowlist sanitiser would change; never strip silently.

The catalog has already checked every municipality's Markdown and front-matter
(so ``make check`` finds the same problems without building); this runs last on
every page's HTML, portal pages included, and stops the build naming the file.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from policy_context import project_root
from policysite.errors import ContentErrors, display_path
from policysite.pagecheck import built_page_errors


@plugins.event_priority(-100)  # after every other hook has changed the HTML
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    source = page.file.abs_src_path
    if source:
        shown = display_path(Path(source), project_root(config))
        text = Path(source).read_text(encoding="utf-8", errors="replace")
    else:
        shown, text = f"the generated page {page.file.src_uri}", ""
    errors = built_page_errors(shown, text, html)
    if errors:
        raise PluginError(ContentErrors(errors).report())
    return None
