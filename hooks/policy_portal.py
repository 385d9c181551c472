"""The portal: its list of municipalities, one page per theme, the comparison table, the schema guide."""
from __future__ import annotations

import json

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from policy_context import page_url, site_of, templates, theme_index
from policysite.contentfiles import editor_limits
from policysite.labels import LABELS, kind_label, sort_key
from policysite.layout import COMPARISON_PAGE, OVERVIEW, THEMES_PATH
from policysite.messages import ERROR, by_topic
from policysite.urls import language_prefix
from policysite.views import status_line, theme_page_path
from policysite.urls import relative_url
from policysite.portal import (COMPARISON_MARKER, MUNICIPALITIES_MARKER, THEME_MARKER_PREFIX, THEMES_MARKER,
                               comparison_rows, municipality_entries, theme_sections)
from policysite.schema import (TEXT_KINDS, BLOCK_KINDS, BLOCK_FIELDS, CHANGE_FIELDS, CONSULTATION_FIELDS,
                              CONSULTATION_HISTORY_FIELDS, CONTACT_FIELDS, MORE_CONTACT_FIELDS, PAGE_FIELDS,
                              PART_FIELDS, POLICY_FIELDS, SIGNATORY_FIELDS, SOURCE_FIELDS)

SCHEMA_MARKER = "<!-- schema -->"
MESSAGES_MARKER = "<!-- messages -->"
LIMITS_MARKER = "<!-- limits -->"
THEME_TITLES = {"da": "Temaer", "en": "Themes"}
COMPARISON_TITLES = {"da": "Sammenligning af kommunerne", "en": "Comparing the municipalities"}


# After static-i18n (-100) has picked this language's files: static-i18n only
# handles files on disk, so the generated pages are added per language here,
# under the language's folder.
@plugins.event_priority(-110)
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    site = site_of(config)
    if not site.is_portal:
        return files
    lang = site.lang
    prefix = language_prefix(lang)
    pages = [
        (f"{THEMES_PATH}/{OVERVIEW}", THEME_TITLES[lang], THEMES_MARKER),
        (COMPARISON_PAGE, COMPARISON_TITLES[lang], COMPARISON_MARKER),
        *(
            (f"{THEMES_PATH}/{theme.id}.md", theme.label(lang), f"{THEME_MARKER_PREFIX}{theme.id} -->")
            # The menu lists the theme pages in the order of their labels in this language.
            for theme in sorted(site.catalog.themes.values(), key=lambda theme: sort_key(theme.label(lang), lang))
        ),
    ]
    for src_uri, title, marker in pages:
        # json.dumps gives a double-quoted YAML string, safe whatever the label contains.
        files.append(File.generated(config, prefix + src_uri, content=f"---\ntitle: {json.dumps(title)}\n---\n\n{marker}\n"))
    return files


@plugins.event_priority(0)
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = site_of(config)
    if not site.is_portal:
        return None
    env = templates(config)
    here = page_url(site, page)
    labels = LABELS[site.lang]
    if MUNICIPALITIES_MARKER in markdown:
        html = env.get_template("policy/portal_list.html").render(
            t=labels, entries=municipality_entries(site.catalog, site.urls, site.lang, here),
            status=lambda slug: status_line(site.catalog.municipality(slug).policy(site.lang), site.lang, site.today))
        markdown = markdown.replace(MUNICIPALITIES_MARKER, html)
    if THEMES_MARKER in markdown:
        html = env.get_template("policy/theme_list.html").render(
            t=labels, sections=theme_sections(site.catalog, theme_index(site), site.urls, here))
        markdown = markdown.replace(THEMES_MARKER, html)
    if THEME_MARKER_PREFIX in markdown:
        theme = markdown.split(THEME_MARKER_PREFIX, 1)[1].split(" -->", 1)[0]
        section = next(s for s in theme_sections(site.catalog, theme_index(site), site.urls, here) if s.id == theme)
        html = env.get_template("policy/theme_page.html").render(
            t=labels, section=section, kind_label=lambda kind: kind_label(kind, site.lang))
        markdown = markdown.replace(f"{THEME_MARKER_PREFIX}{theme} -->", html)
    if COMPARISON_MARKER in markdown:
        index = theme_index(site)
        html = env.get_template("policy/comparison.html").render(
            t=labels, lang=site.lang,
            themes=[site.catalog.themes[theme] for theme in index.used_themes()],
            rows=comparison_rows(site.catalog, index, site.urls, here),
            theme_href=lambda theme: relative_url(here, site.urls.portal_page(site.lang, theme_page_path(theme))))
        markdown = markdown.replace(COMPARISON_MARKER, html)
    if LIMITS_MARKER in markdown:
        markdown = markdown.replace(LIMITS_MARKER, env.get_template("policy/limits.md").render(
            lang=site.lang, limits=editor_limits()))
    if MESSAGES_MARKER in markdown:
        markdown = markdown.replace(MESSAGES_MARKER, env.get_template("policy/errors.md").render(
            lang=site.lang, topics=by_topic(), error=ERROR))
    if SCHEMA_MARKER in markdown:
        markdown = markdown.replace(SCHEMA_MARKER, env.get_template("policy/schema.md").render(
            lang=site.lang, kinds=BLOCK_KINDS, kind_label=lambda kind: kind_label(kind, site.lang, plural=True),
            text_kinds=TEXT_KINDS,
            sections=[
                (OVERVIEW, POLICY_FIELDS), ("contact", CONTACT_FIELDS), ("contacts", MORE_CONTACT_FIELDS),
                ("source", SOURCE_FIELDS), ("consultation", CONSULTATION_FIELDS),
                ("consultation_history", CONSULTATION_HISTORY_FIELDS), ("changes", CHANGE_FIELDS),
                ("page", PAGE_FIELDS), ("signatory", SIGNATORY_FIELDS), ("block", BLOCK_FIELDS), ("parts", PART_FIELDS),
            ]))
    return markdown
