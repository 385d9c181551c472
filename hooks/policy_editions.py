"""Each microsite's page 'Hvad er ændret' / 'What has changed': this edition against the previous one.

The page is generated in both languages (``aendringer/``, ``en/aendringer/``),
kept out of the menu and the search index (its text repeats the other pages)
and linked from every page's dates. The comparison is policysite.editions';
the previous edition's text is read from ``editions/<edition>/`` by the catalog.
"""
from __future__ import annotations

import json

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from policy_context import page_url, site_of, templates
from policysite.layout import CHANGES_PAGE
from policysite.editions import compare_editions
from policysite.labels import LABELS, format_date
from policysite.urls import language_prefix, relative_url
from policysite.views import CHANGES_ANCHOR

MARKER = "<!-- edition-comparison -->"


# After static-i18n (-100), which only handles files on disk: the page is added
# per language, under the language's folder, as the portal's pages are.
@plugins.event_priority(-110)
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    site = site_of(config)
    if site.is_portal:
        return files
    has_previous = site.municipality is not None and site.municipality.previous_policy(site.lang) is not None
    title = LABELS[site.lang]["what_changed_title" if has_previous else "corrections"]
    front_matter = {"title": title, "search": {"exclude": True}}
    content = f"---\n{json.dumps(front_matter, ensure_ascii=False)}\n---\n\n{MARKER}\n"
    files.append(File.generated(config, language_prefix(site.lang) + CHANGES_PAGE, content=content,
                                inclusion=InclusionLevel.NOT_IN_NAV))
    return files


@plugins.event_priority(0)
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = site_of(config)
    if site.municipality is None or MARKER not in markdown:
        return None
    policy = site.municipality.policy(site.lang)
    previous = site.municipality.previous_policy(site.lang)
    here = page_url(site, page)

    def href(name: str) -> str:
        return relative_url(here, site.urls.microsite_page(policy.slug, site.lang, name))

    comparison = compare_editions(previous, policy) if previous is not None else None
    current_names = {page.name for page in policy.pages}
    env = templates(config)
    dates = lambda value: format_date(value, site.lang)  # noqa: E731
    html = ""
    if previous is not None or not policy.changes:
        html = env.get_template("policy/edition_comparison.html").render(
            t=LABELS[site.lang], lang=site.lang, comparison=comparison, policy=policy, previous=previous,
            page_href=lambda name: href(name) if name in current_names else None,
            changes_href=f"#{CHANGES_ANCHOR}" if policy.changes else None, dates=dates)
    # The corrections log lives here, not on the overview (issue 15).
    if policy.changes:
        html += env.get_template("policy/corrections.html").render(t=LABELS[site.lang], policy=policy, dates=dates)
    return markdown.replace(MARKER, html)
