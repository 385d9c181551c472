"""Around every page: language alternates in the head, status and consultation, dates, facts, and the footer."""
from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policy_context import danish_name, page_url, policy_page, site_of, templates
from policysite.layout import ABOUT_PAGE, CHANGES_PAGE, EDITORS_GUIDE, OVERVIEW, PORTAL_STATEMENT
from policysite.labels import LABELS, edition_name, format_date
from policysite.model import DEFAULT_LANGUAGE, LANGUAGES
from policysite.urls import language_prefix, page_path, relative_url
from policysite.views import CHANGES_ANCHOR, consultation_history, contacts

CONSULTATION_ANCHOR = "policy-consultation"  # the consultation box's heading on the overview


@plugins.event_priority(0)
def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    site = site_of(config)
    env = templates(config)
    labels = LABELS[site.lang]
    here = page_url(site, page)
    view = policy_page(site, page)
    policy = site.policy

    name = danish_name(page.file.src_uri)
    if policy is not None:
        alternates = [{"lang": lang, "href": site.urls.microsite_page(policy.slug, lang, name),
                       "site_path": language_prefix(lang) + page_path(name)} for lang in LANGUAGES]
    else:
        path = page_path(name)
        alternates = [{"lang": lang, "href": site.urls.portal_page(lang, path),
                       "site_path": language_prefix(lang) + path} for lang in LANGUAGES]
    default_href = next(a["href"] for a in alternates if a["lang"] == DEFAULT_LANGUAGE)
    _localise_language_switch(config, page, alternates)
    # Relative like Material's own alternates: Material's JavaScript fetches sitemap.xml next to
    # every alternate, and an absolute address would send readers' browsers to the
    # published host even where the site is served from elsewhere.
    context["policy_head"] = Markup(env.get_template("policy/head.html").render(
        default_href=relative_url(here, default_href), lang=site.lang, default_lang=DEFAULT_LANGUAGE))

    def dates(value):
        return format_date(value, site.lang)

    portal_href = relative_url(here, site.urls.portal_page(site.lang))
    if policy is None:
        statement = relative_url(here, site.urls.portal_page(site.lang, page_path(PORTAL_STATEMENT)))
        context["policy_footer"] = Markup(env.get_template("policy/footer.html").render(
            t=labels, name=config.site_name, policy=None, policy_title_da="", contacts=(),
            accessibility_href=statement, portal_href=portal_href,
            about_href=relative_url(here, site.urls.portal_page(site.lang, page_path(ABOUT_PAGE))),
            editors_href=relative_url(here, site.urls.portal_page(site.lang, EDITORS_GUIDE))))
        return context

    assert site.municipality is not None
    overview_href = relative_url(here, site.urls.microsite_page(policy.slug, site.lang, OVERVIEW))
    consultation_open = policy.consultation is not None and policy.consultation.is_open(site.today)
    context["policy_status"] = Markup(env.get_template("policy/status.html").render(
        t=labels, policy=policy, dates=dates, consultation_open=consultation_open,
        consultation_href=f"{overview_href}#{CONSULTATION_ANCHOR}"))
    if view is not None and view.name == OVERVIEW and policy.consultation is not None:
        context["policy_consultation"] = Markup(env.get_template("policy/consultation.html").render(
            t=labels, policy=policy, dates=dates, consultation_open=consultation_open, anchor=CONSULTATION_ANCHOR))
    changes_page = site.urls.microsite_page(policy.slug, site.lang, CHANGES_PAGE)
    changes_href = relative_url(here, changes_page) if here != changes_page else ""
    has_previous = site.municipality.previous_policy(site.lang) is not None
    context["policy_dates"] = Markup(env.get_template("policy/dates.html").render(
        t=labels, policy=policy, dates=dates,
        changes_href=f"{changes_href}#{CHANGES_ANCHOR}" if policy.changes else None,
        comparison_href=changes_href if has_previous and changes_href else None))
    context["policy_footer"] = Markup(env.get_template("policy/footer.html").render(
        t=labels, name=policy.municipality, policy=policy, contacts=contacts(policy),
        policy_title_da=site.municipality.policy(DEFAULT_LANGUAGE).policy_title,
        accessibility_href=policy.accessibility_statement, portal_href=portal_href))
    if view is not None and view.name == OVERVIEW:
        context["policy_facts"] = Markup(env.get_template("policy/facts.html").render(
            t=labels, policy=policy, dates=dates, history=consultation_history(policy),
            edition=edition_name(policy.edition, policy.status, site.lang)))
    return context


def _localise_language_switch(config: MkDocsConfig, page: Page, alternates: list[dict]) -> None:
    """Make the language switch site-relative, so it works wherever the site is served.

    static-i18n gives overview pages root-absolute links ('/naestved/') and cannot
    pair generated pages at all; Material's ``url`` filter turns site-relative
    paths into page-relative ones.
    """
    base = urlsplit(config.site_url or "/").path
    # static-i18n sets the switch as an attribute of config.extra, which Jinja reads before the dict item.
    for entry in getattr(config.extra, "alternate", None) or config.extra.get("alternate", []):
        link = entry.get("link", "")
        if page.file.generated_by is not None:
            twin = next((a for a in alternates if a["lang"] == entry["lang"]), None)
            if twin:
                link = twin["site_path"]
        elif link.startswith(base):
            link = link[len(base):]
        entry["link"] = link or "./"
