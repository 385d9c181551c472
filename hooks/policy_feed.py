"""Each microsite's Atom feed of its change notes, per language (``feed.xml``, ``en/feed.xml``), linked from the head.

The feed (policysite.feed) is dated and identified from content only. A policy
with nothing dated (no change notes and no adoption date) has no feed.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policy_context import page_url, site_of, templates
from policysite.feed import FEED_FILE, feed_url, policy_feed
from policysite.labels import LABELS
from policysite.urls import language_prefix, relative_url


@plugins.event_priority(0)
def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    site = site_of(config)
    policy = site.policy
    if policy is None or policy.last_updated is None:
        return context
    href = relative_url(page_url(site, page), feed_url(site.urls, policy.slug, site.lang))
    context["policy_feed_link"] = Markup(templates(config).get_template("policy/feed_link.html").render(
        title=f"{policy.municipality}: {LABELS[site.lang]['feed']}", href=href))
    return context


# Before static-i18n (-100), which builds the other languages in its on_post_build.
@plugins.event_priority(0)
def on_post_build(*, config: MkDocsConfig) -> None:
    site = site_of(config)
    if site.policy is None:
        return
    feed = policy_feed(site.policy, site.urls, LABELS[site.lang])
    if feed is None:
        return
    xml = templates(config).get_template("policy/feed.xml.html").render(feed=feed)
    # static-i18n builds every language into the same site_dir, the others under <lang>/.
    target = Path(config.site_dir) / language_prefix(site.lang) / FEED_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(xml, encoding="utf-8")
