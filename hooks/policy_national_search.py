"""The portal's national search: its page, and what the microsites' pages tell the index.

Pagefind (policybuild/search.py) indexes the built microsites after they are
built. Each policy page marks what it indexes and how results name it:

- ``policy_search_body``: the content region of a policy page (#policy-main,
  around the article) carries ``data-pagefind-body`` (overrides/main.html), so
  only policy pages are indexed, and only their content; the templates mark what
  is not policy text there (related links, cards, facts, dates, status and
  older-edition boxes) with ``data-pagefind-ignore``.
- ``policy_search_publisher``: the municipality's name in the page's language,
  in ``<meta name="author">``, which Pagefind keeps as the result's
  ``municipality``.

The portal's search page (layout.NATIONAL_SEARCH_PAGE, in every language) is
generated here. Its article holds the introduction and, for readers without
JavaScript, a message and the theme pages (what a search would have found); the
search form and results come after the article (``policy_national_search``),
made usable by assets/policy-search.js, which only that page loads.
"""
from __future__ import annotations

import json

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from policy_context import page_url, policy_page, site_of, templates, theme_index
from policysite.labels import LABELS
from policysite.layout import ASSETS_DIR, NATIONAL_INDEX_DIR, NATIONAL_SEARCH_PAGE, THEMES_PATH, national_search_pages
from policysite.portal import theme_sections
from policysite.urls import language_prefix, relative_url

MARKER = "<!-- national-search -->"
SCRIPT = f"{ASSETS_DIR}/policy-search.js"
ENTRY = f"{NATIONAL_INDEX_DIR}/pagefind.js"
# The words assets/policy-search.js shows, handed over in the page's __policy block.
SCRIPT_WORDS = ("search_searching", "search_empty", "search_none", "search_count_one", "search_count_many",
                "search_shown", "search_more", "search_failed", "search_in_municipality")


def _is_search_page(page: Page) -> bool:
    return page.file.dest_uri in national_search_pages()


@plugins.event_priority(-110)  # after static-i18n (-100) has picked this language's files, as policy_portal
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    site = site_of(config)
    if not site.is_portal:
        return files
    title = LABELS[site.lang]["search_title"]
    content = f"---\ntitle: {json.dumps(title)}\n---\n\n{MARKER}\n"
    files.append(File.generated(config, language_prefix(site.lang) + NATIONAL_SEARCH_PAGE, content=content))
    return files


@plugins.event_priority(0)
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = site_of(config)
    if not site.is_portal or MARKER not in markdown:
        return None
    here = page_url(site, page)
    labels = LABELS[site.lang]
    sections = sorted(theme_sections(site.catalog, theme_index(site), site.urls, here), key=lambda s: s.label.casefold())
    html = templates(config).get_template("policy/national_search_intro.html").render(
        t=labels, themes=sections, all_themes=relative_url(here, site.urls.portal_page(site.lang, f"{THEMES_PATH}/")))
    return markdown.replace(MARKER, html)


@plugins.event_priority(0)
def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    site = site_of(config)
    if not site.is_portal:
        if policy_page(site, page) is not None and site.policy is not None:
            context["policy_search_body"] = True
            context["policy_search_publisher"] = site.policy.municipality
        return context
    if not _is_search_page(page):
        return context
    labels = LABELS[site.lang]
    here = page.file.dest_uri
    context["policy_national_search"] = templates(config).get_template("policy/national_search.html").render(
        t=labels, index=get_relative_url(ENTRY, here))
    context["policy_search_script"] = get_relative_url(SCRIPT, here)
    context["policy_search_words"] = {key: labels[key] for key in SCRIPT_WORDS}
    return context
