"""The 404 page in the reader's language: Danish (the sites' language) with English below.

A host serves one 404.html per site for every address that does not exist, so the page is
written once, by the default language's build; the other languages' builds skip the template
(MkDocs writes no file for empty output), which would otherwise replace it with theirs.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig

from policy_context import site_of, templates
from policysite.labels import LABELS
from policysite.layout import NOT_FOUND_PAGE
from policysite.model import DEFAULT_LANGUAGE


def _home(site, lang: str) -> str:
    if site.municipality is not None:
        address = site.urls.microsite_page(site.municipality.slug, lang)
    else:
        address = site.urls.portal_page(lang)
    return urlsplit(address).path or "/"


@plugins.event_priority(0)
def on_template_context(context: dict, /, *, template_name: str, config: MkDocsConfig) -> dict | None:
    if template_name != NOT_FOUND_PAGE:
        return context
    site = site_of(config)
    context["policy_not_found"] = Markup(templates(config).get_template("policy/not_found.html").render(
        da=LABELS[DEFAULT_LANGUAGE], en=LABELS["en"], home=_home(site, DEFAULT_LANGUAGE), home_en=_home(site, "en")))
    return context


@plugins.event_priority(50)  # before the other hooks rewrite the output
def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
    if template_name == NOT_FOUND_PAGE and site_of(config).lang != DEFAULT_LANGUAGE:
        return ""
    return None
