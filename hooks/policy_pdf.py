"""On every microsite page, a link to the whole policy as one PDF in the page's language, with its size.

The build driver makes the PDFs (policybuild/pdf.py) before MkDocs builds the
pages and says in ``config.extra`` where each lies and how large it is; a build
without them (``mkdocs serve``) shows no link.
"""
from __future__ import annotations

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policy_context import page_url, site_of
from policysite.document import EXTRA_KEY, format_size, pdf_url
from policysite.urls import relative_url


@plugins.event_priority(0)
def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    site = site_of(config)
    policy = site.policy
    made = (config.extra.get(EXTRA_KEY) or {}).get(site.lang)
    if policy is None or made is None:
        return context
    href = relative_url(page_url(site, page), pdf_url(site.urls, policy.slug, site.lang))
    # Shown in the policy header (hooks/policy_header.py, overrides/policy/header.html).
    context["policy_pdf"] = {"href": href, "size": format_size(made["size"], site.lang)}
    return context
