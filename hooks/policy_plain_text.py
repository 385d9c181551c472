"""Plain text reaches MkDocs and Material escaped, exactly once: page titles, descriptions, the site's name.

Material's Jinja environment does not autoescape. It prints ``config.site_name``
in the header, the drawer and ``<title>``, ``page.title`` in the menu, the footer's
previous/next links and its ``<h1>``, ``page.meta.title`` in ``<title>`` and the
header, ``page.meta.description`` (or ``config.site_description``) in a meta
tag, and its search plugin copies the front-matter title into the search index,
which its script shows as HTML. So they are handed over here as
``markupsafe.Markup``: the text escaped and marked as such, which a template
that escapes (``| e``) leaves alone and one that does not prints safely. Our own
templates autoescape and never need this.

The catalog has already refused markup and control characters in municipality
pages; the portal's own pages (docs/) get the same checks here, before they are
built (policysite.review.portal_page_errors, which ``make check`` runs too).
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from policy_context import project_root, site_of
from policysite.catalog import read_text
from policysite.errors import ContentErrors, display_path
from policysite.frontmatter import ContentErrorException
from policysite.review import portal_page_errors

SITE_TEXTS = ("site_name", "site_description")


def escaped(value: object) -> Markup:
    """Plain text as HTML, escaped once (a value already escaped stays as it is)."""
    return value if isinstance(value, Markup) else escape(str(value))


# After policy_site (10) has named the microsite; before static-i18n (-100) applies each language's name.
@plugins.event_priority(1)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        for key in SITE_TEXTS:
            if config.get(key):
                config[key] = escaped(config[key])
        return config
    # static-i18n sets these per language from its languages' settings; the top-level values stay
    # plain strings, which it compares by type when it applies the per-language ones.
    for language in i18n.config.languages:
        for key in SITE_TEXTS:
            value = language.get(key) or config.get(key)
            if value:
                language[key] = escaped(value)
    return config


@plugins.event_priority(0)
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = site_of(config)
    source = page.file.abs_src_path
    if not site.is_portal or not source or page.file.generated_by is not None:
        return None
    path = Path(source)
    shown = display_path(path, project_root(config))
    try:
        errors, _ = portal_page_errors(shown, read_text(path, shown), site.catalog)
    except ContentErrorException as exc:
        errors = [exc.error]
    if errors:
        raise PluginError(ContentErrors(errors).report())
    return None


# Late, after every hook that reads the page (policy_safety, at -100, reads only its HTML).
@plugins.event_priority(-90)
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    # page.title is the front-matter's title when there is one; otherwise MkDocs took it from the
    # page's first heading, already as HTML.
    for key in ("title", "description"):
        if page.meta.get(key) is not None:
            page.meta[key] = escaped(page.meta[key])
    return None
