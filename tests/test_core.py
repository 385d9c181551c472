"""Unit tests of the MkDocs-free core: addresses, the theme graph, dates."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policysite.catalog import load_catalog
from policysite.graph import ThemeIndex
from policysite.labels import format_date
from policysite.urls import SiteUrls, relative_url

from conftest import FIXTURES, REPO


@pytest.fixture()
def catalog(tmp_path: Path):
    shutil.copy2(REPO / "themes.yml", tmp_path / "themes.yml")
    shutil.copytree(FIXTURES / "municipalities", tmp_path / "municipalities")
    return load_catalog(tmp_path)


def test_core_does_not_import_mkdocs() -> None:
    code = (
        "import sys, policysite.catalog, policysite.graph, policysite.portal, policysite.views, "
        "policysite.urls, policysite.labels, policysite.editions, policysite.feed, policysite.sitemap, "
        "policysite.metadata, policysite.clock; print(any(m.split('.')[0] in ('mkdocs', 'properdocs') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("https://x.dk/alfa/vaerdier/", "https://x.dk/beta/indsatsomraader/#naboskab", "../../beta/indsatsomraader/#naboskab"),
        ("https://x.dk/alfa/", "https://x.dk/alfa/vaerdier/#naerhed", "vaerdier/#naerhed"),
        ("https://x.dk/alfa/en/", "https://x.dk/en/temaer/tillid/", "../../en/temaer/tillid/"),
        ("https://x.dk/alfa/", "https://x.dk/alfa/", "./"),
        ("https://x.dk/alfa/", "https://beta.dk/politik/#a", "https://beta.dk/politik/#a"),
    ],
)
def test_relative_url(source: str, target: str, expected: str) -> None:
    assert relative_url(source, target) == expected


def test_microsites_under_one_host_and_on_their_own(catalog) -> None:
    urls = SiteUrls("https://portal.example/politik/", catalog)
    assert urls.microsite_page("alfa", "en", "vaerdier.md", "naerhed") == \
        "https://portal.example/politik/alfa/en/vaerdier/#naerhed"
    assert urls.portal_page("en", "temaer/tillid/") == "https://portal.example/politik/en/temaer/tillid/"


def test_microsite_with_its_own_address(tmp_path: Path) -> None:
    shutil.copy2(REPO / "themes.yml", tmp_path / "themes.yml")
    shutil.copytree(FIXTURES / "municipalities", tmp_path / "municipalities")
    for name in ("index.md", "index.en.md"):
        path = tmp_path / "municipalities" / "beta" / name
        path.write_text(path.read_text(encoding="utf-8").replace(
            "domain: beta.dk", "domain: beta.dk\nsite_url: https://politik.beta.dk/"), encoding="utf-8")
    catalog = load_catalog(tmp_path)
    urls = SiteUrls("https://portal.example/", catalog)
    target = urls.microsite_page("beta", "da", "indsatsomraader.md", "naboskab")
    assert target == "https://politik.beta.dk/indsatsomraader/#naboskab"
    assert relative_url(urls.microsite_page("alfa", "da", "vaerdier.md"), target) == target


def test_theme_index_and_related_blocks(catalog) -> None:
    index = ThemeIndex.build(catalog, "da")
    assert index.municipalities("naboskab") == ("alfa", "beta")
    assert index.municipalities("tillid") == ("alfa", "beta")
    assert index.municipalities("arbejde") == ()
    naerhed = catalog.municipality("alfa").policy("da").blocks[0]
    related = dict(index.related("alfa", naerhed))
    assert [b.id for member in related["naboskab"] for b in member.blocks] == ["naboskab"]
    assert all(member.policy.slug != "alfa" for members in related.values() for member in members)


def test_removing_a_municipality_removes_it_from_the_others(catalog) -> None:
    naerhed = catalog.municipality("alfa").policy("da").blocks[0]
    smaller = ThemeIndex.build(catalog.without("beta"), "da")
    assert smaller.municipalities("naboskab") == ("alfa",)
    assert all(not members for _, members in smaller.related("alfa", naerhed))


def test_dates_in_each_language() -> None:
    assert format_date(dt.date(2012, 8, 2), "da") == "2. august 2012"
    assert format_date(dt.date(2012, 8, 2), "en") == "2 August 2012"
