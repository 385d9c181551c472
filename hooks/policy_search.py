"""One search index per language: ``search/search_index.json`` and ``en/search/search_index.json``.

static-i18n builds every language into one site and writes a single search
index holding all of them, which every reader downloads in full. After it has
written that index (its on_post_build, priority -100, on the outermost build),
this splits it by language: each index holds its own language's pages, with
that language's stemmer. Locations stay relative to the site's root, where
Material resolves them; on the pages of the other languages,
``policy_search_index`` names their own index, which assets/policy-head.js
(overrides/partials/javascripts/base.html) sends Material's request to.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from policysite.layout import SEARCH_INDEX
from policy_context import site_of
from policysite.model import DEFAULT_LANGUAGE, LANGUAGES
from policysite.search import split_search_index

INDEX = Path(SEARCH_INDEX)


@plugins.event_priority(0)
def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict | None:
    lang = site_of(config).lang
    context["policy_search_index"] = f"/{lang}/{INDEX.as_posix()}" if lang != DEFAULT_LANGUAGE else ""
    return context


@plugins.event_priority(-200)  # after static-i18n has written the merged index
def on_post_build(*, config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # one language's build inside static-i18n's loop; the merged index comes later
    path = Path(config.site_dir) / INDEX
    if not path.exists():
        return
    merged = json.loads(path.read_text(encoding="utf-8"))
    for lang, index in split_search_index(merged, LANGUAGES, DEFAULT_LANGUAGE).items():
        target = Path(config.site_dir) / (f"{lang}/" if lang != DEFAULT_LANGUAGE else "") / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
