"""Editions of a microsite published with versions: Material's version selector and the outdated banner.

mike keeps every published edition of a microsite at ``<slug>/<edition>/`` with
``<slug>/versions.json`` beside them. Material's version selector reads that file
and, on an edition that is not the ``latest`` alias's, unhides the banner rendered
here, which links to the newest edition in the page's language. Only microsites
built with versions (``extra.versioned``) get either: the portal has one edition,
and a local build has no versions.json to ask for.
"""
from __future__ import annotations

from markupsafe import Markup
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from policy_context import page_url, site_of, templates

from policysite.labels import LABELS
from policysite.layout import LATEST_ALIAS
from policysite.urls import relative_url

VERSION_KEY = "version"


# After policy_site (10), which loads this build's site; before static-i18n (-100) copies the config.
@plugins.event_priority(5)
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    site = site_of(config)
    selector = config.extra.get(VERSION_KEY)
    if site.is_portal or site.urls.latest_alias is None:
        config.extra.pop(VERSION_KEY, None)
        return config
    if not selector or selector.get("provider") != "mike" or selector.get("default") != LATEST_ALIAS:
        raise PluginError(
            f"mkdocs.yml: extra.version must be {{provider: mike, default: {LATEST_ALIAS}}}, the alias "
            f"`policysite deploy` moves to each microsite's newest edition; found {selector!r}.")
    return config


@plugins.event_priority(0)
def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    site = site_of(config)
    if site.municipality is None or site.urls.latest_alias is None:
        return context
    here = page_url(site, page)
    href = relative_url(here, site.urls.microsite_latest(site.municipality.slug, site.lang))
    context["policy_outdated"] = Markup(templates(config).get_template("policy/outdated.html").render(
        t=LABELS[site.lang], href=href))
    return context
