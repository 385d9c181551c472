"""Drop the one invalid attribute Material writes on every page: ``autocomplete`` on checkboxes.

Material's base.html gives its hidden drawer and search toggles
``<input type="checkbox" ... autocomplete="off">``; HTML allows ``autocomplete``
only on text-like inputs, so the W3C Nu checker reports an error on every page.
The inputs sit outside any template block, so the alternative would be a copy
of the whole base.html, which names Material's hashed asset files and would go
stale on the next Material release. This removes exactly that attribute from
checkbox inputs (pages and the 404 page) and leaves everything else untouched;
tests/test_accessibility.py runs the Nu checker on every built page.
"""
from __future__ import annotations

import re

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_CHECKBOX = re.compile(r'<input\b[^<>]*\btype="checkbox"[^<>]*>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="[^"]*"')


def without_checkbox_autocomplete(html: str) -> str:
    return _CHECKBOX.sub(lambda match: _AUTOCOMPLETE.sub("", match.group(0)), html)


@plugins.event_priority(-50)
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    return without_checkbox_autocomplete(output)


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
    if template_name.endswith(".html"):
        return without_checkbox_autocomplete(output_content)
    return None
