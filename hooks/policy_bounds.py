"""Refuse a page whose Markdown is beyond the bounds that keep rendering linear, before MkDocs renders it.

The catalog checks every municipality's text against policysite.textbounds
before anything is built; this is the same check on every page MkDocs is about
to render, portal pages included, for builds that skip the catalog (``mkdocs
serve`` on docs/), so no page can make a build hang.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from policy_context import project_root
from policysite import messages, textbounds
from policysite.errors import ContentError, ContentErrors, display_path
from policysite.frontmatter import ContentErrorException, split


@plugins.event_priority(100)  # before any hook adds to the page's Markdown
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    found = textbounds.check(markdown)
    if found is None:
        return None
    source = page.file.abs_src_path
    shown = display_path(Path(source), project_root(config)) if source else messages.word("generated-page").format(name=page.file.src_uri)
    first = 1
    if source:
        try:
            _, _, body, body_line = split(Path(source).read_text(encoding="utf-8", errors="replace"), shown)
            first = body_line + len(body) - len(body.lstrip("\n"))  # MkDocs drops the body's leading blank lines
        except ContentErrorException:  # the front-matter's own problems are reported elsewhere
            first = 1
    error = ContentError("text-too-complex", shown, first + found.line - 1, None, detail=found.detail,
                         params=found.params)
    raise PluginError(ContentErrors([error]).report())
