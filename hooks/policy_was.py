"""``/was`` on every site: a short page that sends the reader to the accessibility statement.

Danish rules ask that a public body's accessibility statement can be reached at
``<site>/was``. Each microsite's points to its municipality's statement (by
default https://www.was.digst.dk/<domain>); the portal's to its own statement
page. Written once per language build (``was/`` and ``en/was/``), next to the
pages, after MkDocs has written them; it is not a page of the site, so it is
neither in the menu, the search index nor the sitemap.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig

from policy_context import site_of, templates
from policysite.csp import CSP
from policysite.labels import LABELS
from policysite.layout import INDEX_FILE, PORTAL_STATEMENT, WAS_PATH
from policysite.urls import language_prefix, page_path, relative_url


# Before static-i18n (-100), which builds the other languages in its on_post_build.
@plugins.event_priority(0)
def on_post_build(*, config: MkDocsConfig) -> None:
    site = site_of(config)
    if site.policy is not None:
        name = site.policy.municipality
        href = text = site.policy.accessibility_statement
    else:
        name = config.site_name
        here = site.urls.portal_page(site.lang, WAS_PATH)
        href = relative_url(here, site.urls.portal_page(site.lang, page_path(PORTAL_STATEMENT)))
        text = LABELS[site.lang]["accessibility_statement"]
    html = templates(config).get_template("policy/was.html").render(
        t=LABELS[site.lang], lang=site.lang, name=name, href=href, text=text, csp=CSP)
    # static-i18n builds every language into the same site_dir, the others under <lang>/.
    target = Path(config.site_dir) / language_prefix(site.lang) / WAS_PATH / INDEX_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
