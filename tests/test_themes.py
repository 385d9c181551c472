"""Theme pages, 'same theme elsewhere' links and the comparison table, across microsites."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policybuild.build import build_sites
from policysite.catalog import load_catalog
from policysite.errors import ContentErrors
from policysite.graph import ThemeIndex

from conftest import FIXTURES, REPO, build, copy_project, soup
from test_seed_site import SLUGS, resolve


def microsite_of(site: Path, path: Path) -> str | None:
    relative = path.relative_to(site).parts
    return relative[0] if relative and relative[0] in SLUGS + ("alfa", "beta") else None


def test_theme_pages_list_the_right_municipalities_with_working_anchors(seed_site: Path) -> None:
    catalog = load_catalog(REPO)
    for lang, prefix in (("da", ""), ("en", "en")):
        index = ThemeIndex.build(catalog, lang)
        for theme in catalog.themes:
            page = seed_site / prefix / "temaer" / theme / "index.html"
            document = soup(page)
            assert catalog.themes[theme].label(lang) in document.h1.get_text()
            listed = [section.h2.get_text(strip=True) for section in document.select("div.policy-theme-member")]
            expected = [member.policy.municipality for member in index.members[theme]]
            assert listed == expected, (page, listed)
            for link in document.select("div.policy-theme-member li a[href]"):
                target = resolve(page, link["href"])
                anchor = link["href"].split("#", 1)[1]
                assert soup(target).find(id=anchor) is not None, (page, link["href"])


def test_every_page_with_cards_links_into_at_least_two_other_microsites(seed_site: Path) -> None:
    pages_with_cards = 0
    for slug in SLUGS:
        for page in (seed_site / slug).rglob("index.html"):
            document = soup(page)
            if not document.select(".policy-card, .policy-block"):
                continue
            pages_with_cards += 1
            others = {
                microsite_of(seed_site, resolve(page, link["href"]))
                for link in document.select(".policy-related a[href]")
            } - {slug, None}
            assert len(others) >= 2, (page, others)
            # One compact section per page, under one heading; no landmark per card or block.
            sections = document.select(".policy-related")
            assert len(sections) == 1 and sections[0].h2 is not None, page
            assert document.select("nav.policy-related, .policy-card nav, .policy-card section") == [], page
    assert pages_with_cards >= 20


def test_cards_show_theme_labels_as_text_linking_to_theme_pages(seed_site: Path) -> None:
    for slug in SLUGS:
        page = seed_site / slug / "index.html"
        for card in soup(page).select("li.policy-card"):
            labels = card.select("a.policy-theme")
            assert labels and all(label.get_text(strip=True) for label in labels)
            for label in labels:
                assert resolve(page, label["href"]).parent.parent.name == "temaer"


def test_comparison_table(seed_site: Path) -> None:
    catalog = load_catalog(REPO)
    for lang, prefix in (("da", ""), ("en", "en")):
        page = seed_site / prefix / "sammenligning" / "index.html"
        document = soup(page)
        region = document.select_one('[role="region"][tabindex="0"]')
        assert region is not None and region.get("aria-labelledby")
        table = region.find("table")
        assert table.caption is not None and table.caption.get_text(strip=True)
        header = table.thead.find_all("th")
        assert all(th.get("scope") == "col" for th in header)
        # Each theme's column leads to the theme's page (one theme at a time), in label order.
        labels = [th.get_text(strip=True) for th in header[1:]]
        assert labels == [catalog.themes[theme].label(lang) for theme in ThemeIndex.build(catalog, lang).used_themes()]
        assert all(th.a is not None for th in header[1:])
        used = ThemeIndex.build(catalog, lang).used_themes()
        assert len(header) == 1 + len(used)
        rows = table.tbody.find_all("tr")
        assert len(rows) == len(catalog.municipalities)
        for row in rows:
            assert row.th.get("scope") == "row"
            cells = row.find_all("td")
            assert len(cells) == len(used)
            for cell in cells:
                links = cell.find_all("a")
                # A mark and a number of parts, or a dash that screen readers hear as "none".
                assert links or cell.select_one(".policy-sr").get_text(strip=True) in ("ingen", "none")
                for link in links:
                    anchor = link["href"].split("#", 1)[1]
                    assert soup(resolve(page, link["href"])).find(id=anchor) is not None


def test_removing_a_municipality_removes_it_from_the_others(tmp_path: Path) -> None:
    both = build(copy_project(tmp_path / "both", FIXTURES / "municipalities"))
    only_alfa_src = tmp_path / "only-alfa-src"
    shutil.copytree(FIXTURES / "municipalities", only_alfa_src)
    shutil.rmtree(only_alfa_src / "beta")
    alone = build(copy_project(tmp_path / "alone", only_alfa_src))

    def linked_microsites(site: Path) -> set[str]:
        page = site / "alfa" / "vaerdier" / "index.html"
        return {microsite_of(site, resolve(page, a["href"])) for a in soup(page).select(".policy-related a[href]")}

    assert "beta" in linked_microsites(both)
    assert "beta" not in linked_microsites(alone)
    assert not soup(alone / "alfa" / "vaerdier" / "index.html").select(".policy-related a[href*='beta']")


def test_editor_crosslinks_resolve_and_dangling_ones_stop_the_build(tmp_path: Path) -> None:
    municipalities = tmp_path / "src"
    shutil.copytree(FIXTURES / "municipalities", municipalities)
    page = municipalities / "alfa" / "vaerdier.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Det var værdierne.", "Se [Betas naboskab](kommune:beta#naboskab) og [temaet](tema:tillid)."),
                    encoding="utf-8")
    site = build(copy_project(tmp_path / "good", municipalities))
    built = site / "alfa" / "vaerdier" / "index.html"
    hrefs = [a["href"] for a in soup(built).select("article p a[href]")]
    assert "../../beta/indsatsomraader/#naboskab" in hrefs and "../../temaer/tillid/" in hrefs

    page.write_text(text.replace("Det var værdierne.", "Se [Betas nabo](kommune:beta#nabo)."), encoding="utf-8")
    root = copy_project(tmp_path / "bad", municipalities)
    with pytest.raises(ContentErrors) as caught:
        build_sites(root, root / "site", jobs=1, log=lambda message: None)
    message = str(caught.value)
    assert "municipalities/alfa/vaerdier.md, linje " in message
    assert "kommune:beta#nabo" in message and "naboskab" in message
    assert not (root / "site").exists()


def test_microsite_published_on_its_own_address_gets_absolute_links(tmp_path: Path) -> None:
    municipalities = tmp_path / "src"
    shutil.copytree(FIXTURES / "municipalities", municipalities)
    path = municipalities / "beta" / "index.md"  # a fact, written once
    path.write_text(path.read_text(encoding="utf-8").replace(
        "domain: beta.dk", "domain: beta.dk\nsite_url: https://politik.beta.dk/"), encoding="utf-8")
    site = build(copy_project(tmp_path / "own", municipalities))
    hrefs = [a["href"] for a in soup(site / "alfa" / "vaerdier" / "index.html").select(".policy-related a[href]")]
    assert "https://politik.beta.dk/indsatsomraader/#naboskab" in hrefs


def test_themes_are_sorted_by_their_label_in_the_reader_s_language(seed_site: Path) -> None:
    from policysite.labels import sort_key

    catalog = load_catalog(REPO)
    for lang, prefix in (("da", ""), ("en", "en")):
        page = seed_site / prefix / "temaer" / "index.html"
        document = soup(page)
        labels = {catalog.themes[theme].label(lang) for theme in catalog.themes}
        menu = [a.get_text(strip=True) for a in document.select(".md-sidebar--primary a.md-nav__link")
                if a.get_text(strip=True) in labels]
        listed = [a.get_text(strip=True) for a in document.select("ul.policy-theme-list > li > a")]
        for shown in (menu, listed):
            assert len(shown) >= 10 and shown == sorted(shown, key=lambda label: sort_key(label, lang)), shown
    assert sort_key("Ærø", "da") > sort_key("Zealand", "da") and sort_key("Århus", "da") > sort_key("Ølstykke", "da")
