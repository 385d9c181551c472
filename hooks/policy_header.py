"""The policy header at the top of every microsite page (overrides/policy/header.html).

The policy's title (the overview's <h1>), the municipality as publisher, a status tag with its
date, when the policy was last updated, and links to the contact page and the whole policy as
PDF. Registered after hooks/policy_pdf.py, whose ``policy_pdf`` it shows.
"""
from __future__ import annotations

from markupsafe import Markup
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policy_context import page_url, policy_page, site_of, templates
from policysite.labels import LABELS, format_date
from policysite.layout import CONTACT_PAGE, OVERVIEW
from policysite.urls import relative_url
from policysite.views import status_line


@plugins.event_priority(0)
def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    site = site_of(config)
    policy = site.policy
    if policy is None:
        return context
    here = page_url(site, page)
    view = policy_page(site, page)
    overview = view is not None and view.name == OVERVIEW

    def href(name: str) -> str:
        return relative_url(here, site.urls.microsite_page(policy.slug, site.lang, name))

    state, text = status_line(policy, site.lang, site.today)
    context["policy_has_h1"] = overview
    context["policy_header"] = Markup(templates(config).get_template("policy/header.html").render(
        t=LABELS[site.lang], policy=policy, overview=overview, overview_href=href(OVERVIEW),
        contact_href=href(CONTACT_PAGE), pdf=context.get("policy_pdf"), state=state, status_text=text,
        updated=policy.last_updated, dates=lambda value: format_date(value, site.lang),
        logo=context.get("policy_logo"), brand_style=None))
    return context
