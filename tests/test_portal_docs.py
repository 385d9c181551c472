"""The portal's generated pages: the editors' field reference comes from the schema itself."""
from __future__ import annotations

from pathlib import Path

from policysite.catalog import load_catalog
from policysite.schema import BLOCK_FIELDS, BLOCK_KINDS, PAGE_FIELDS, POLICY_FIELDS

from conftest import soup


def test_schema_reference_lists_every_field_in_both_languages(seed_site: Path) -> None:
    for prefix, required_word in (("", "ja"), ("en", "yes")):
        page = seed_site / prefix / "redaktoerer" / "skema" / "index.html"
        article = soup(page).select_one("article.md-content__inner")
        keys = {code.get_text() for code in article.select("table td:first-child code")}
        for field in (*POLICY_FIELDS, *PAGE_FIELDS, *BLOCK_FIELDS):
            assert field.name in keys, (page, field.name)
        text = article.get_text(" ")
        assert required_word in text
        for kind in BLOCK_KINDS:
            assert kind.key in text


def test_portal_lists_every_municipality(seed_site: Path) -> None:
    catalog = load_catalog(seed_site.parent)  # the project the site was built from, whichever municipalities it has
    for lang, prefix in (("da", ""), ("en", "en")):
        page = seed_site / prefix / "index.html"
        entries = soup(page).select("ul.policy-municipalities li.policy-card h3 a")
        assert sorted(link.get_text(strip=True) for link in entries) == sorted(
            m.policy(lang).municipality for m in catalog.municipalities)
        for link in entries:
            assert (page.parent / link["href"] / "index.html").resolve().is_file()
