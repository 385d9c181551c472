"""The policy header at the top of every microsite page (overrides/policy/header.html).

The policy's title (the overview's <h1>), the municipality as publisher, a status tag with its
date, when the policy was last updated, and links to the contact page and the whole policy as
PDF. Registered after hooks/policy_pdf.py, whose ``policy_pdf`` it shows.

With ``brand:`` in front-matter (policysite/brand.py), the header shows the municipality's logo
and every page links the stylesheet with its colour, written once per microsite after the build
(the Content-Security-Policy allows no inline style).
"""
from __future__ import annotations

from markupsafe import Markup
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from pathlib import Path

from policy_context import page_url, policy_page, site_of, templates
from policysite import brand
from policysite.labels import LABELS, format_date
from policysite.layout import BRAND_STYLESHEET, CONTACT_PAGE, OVERVIEW
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
    logo = None
    identity = policy.brand
    if identity is not None and identity.logo:
        size = brand.png_size(Path(config.docs_dir) / identity.logo)
        if size is not None:
            logo = {"href": relative_url(here, site.urls.microsite_root(policy.slug) + identity.logo),
                    "alt": identity.logo_alt or "", "width": size[0], "height": size[1]}
    if identity is not None and identity.colour:
        sheet = relative_url(here, site.urls.microsite_root(policy.slug) + BRAND_STYLESHEET)
        context["policy_brand_link"] = Markup('<link rel="stylesheet" href="{}">').format(sheet)
    context["policy_has_h1"] = overview
    context["policy_header"] = Markup(templates(config).get_template("policy/header.html").render(
        t=LABELS[site.lang], policy=policy, overview=overview, overview_href=href(OVERVIEW),
        contact_href=href(CONTACT_PAGE), pdf=context.get("policy_pdf"), state=state, status_text=text,
        updated=policy.last_updated, dates=lambda value: format_date(value, site.lang),
        logo=logo, brand_style=bool(identity and identity.colour)))
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    """The microsite's colour as a stylesheet, once per site (both languages share it)."""
    site = site_of(config)
    policy = site.policy
    if policy is None or policy.brand is None or not policy.brand.colour:
        return
    target = Path(config.site_dir) / BRAND_STYLESHEET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(brand.stylesheet(policy.brand.colour), encoding="utf-8")
