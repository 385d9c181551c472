"""Each microsite's page "Kontakt" / "Contact" (``kontakt/``, ``en/kontakt/``), last in its menu.

The contacts come from policysite.views.contacts (a list: one or more contacts in front-matter),
and during a consultation where responses go. The page is generated in both languages, as the
page "Ændringer" is (hooks/policy_editions.py), and added to the end of the menu once static-i18n has
made this language's menu.
"""
from __future__ import annotations

import json

from markupsafe import Markup
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policy_context import site_of, templates
from policysite.labels import LABELS, format_date
from policysite.layout import CONTACT_PAGE
from policysite.urls import language_prefix
from policysite.views import contacts

MARKER = "<!-- contact -->"


@plugins.event_priority(-110)  # after static-i18n (-100), which only handles files on disk
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    site = site_of(config)
    if site.is_portal:
        return files
    front_matter = {"title": LABELS[site.lang]["contact_page_title"]}
    content = f"---\n{json.dumps(front_matter, ensure_ascii=False)}\n---\n\n{MARKER}\n"
    files.append(File.generated(config, language_prefix(site.lang) + CONTACT_PAGE, content=content,
                                inclusion=InclusionLevel.NOT_IN_NAV))
    return files


@plugins.event_priority(-110)  # after static-i18n (-100) has made this language's menu
def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    site = site_of(config)
    if site.is_portal:
        return nav
    file = files.get_file_from_path(language_prefix(site.lang) + CONTACT_PAGE)
    page = file.page if file is not None else None
    if page is not None and page not in nav.items:
        page.parent = None
        nav.items.append(page)
        nav.pages.append(page)
    return nav


@plugins.event_priority(0)
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    site = site_of(config)
    policy = site.policy
    if policy is None or MARKER not in markdown:
        return None
    html = templates(config).get_template("policy/contact.html").render(
        t=LABELS[site.lang], policy=policy, contacts=contacts(policy),
        consultation_open=policy.consultation is not None and policy.consultation.is_open(site.today),
        dates=lambda value: format_date(value, site.lang))
    return markdown.replace(MARKER, Markup(html))
