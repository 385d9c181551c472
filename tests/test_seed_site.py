"""The real policies built as microsites with the portal, in Danish and English.

Which municipalities there are, and what each holds, comes from the catalog of the
project that was built: adding a municipality adds it to every test here, and
never needs a change to them (issue 12).
"""
from __future__ import annotations

import functools
import json
import posixpath
import re
from pathlib import Path


from policybuild.linkcheck import check_site
from policysite.urls import page_path
from policysite.catalog import load_catalog
from policysite.graph import ThemeIndex

from conftest import REPO, built_pages, is_redirect, soup

# The municipalities there are, from the catalog (for the tests that import it): never a list of names.
SLUGS = tuple(m.slug for m in load_catalog(REPO).municipalities)
# What the seeds' sources hold (/work/shared/seeds/README.md): checked for those that are there.
SEED_CARDS = {
    ("naestved", "values"): 7,
    ("naestved", "focus_areas"): 6,
    ("slagelse", "principles"): 6,
    ("helsingoer", "focus_areas"): 5,
    ("haderslev", "focus_areas"): 5,
    ("dragoer", "purposes"): 3,
}
DANISH_WORDS = {"og", "at", "det", "ikke", "af", "til", "med", "der", "har", "vi", "skal", "kommune", "kommunen", "på", "så"}


@functools.lru_cache(maxsize=4)
def catalog_of(site: Path):
    """The catalog of the project a site was built from (the site is its ``site/`` folder)."""
    return load_catalog(site.parent)


def slugs_of(site: Path) -> tuple[str, ...]:
    return tuple(m.slug for m in catalog_of(site).municipalities)


def pages(site: Path) -> list[Path]:
    return built_pages(site)


def language_of(site: Path, page: Path) -> str:
    parts = page.relative_to(site).parts
    return "en" if parts[0] == "en" or (len(parts) > 1 and parts[0] in slugs_of(site) and parts[1] == "en") else "da"


def resolve(page: Path, href: str) -> Path:
    path = href.split("#", 1)[0]
    target = Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), path))) if path else page
    return target / "index.html" if target.is_dir() or path.endswith("/") else target


def twin(site: Path, page: Path) -> Path:
    relative = page.relative_to(site).parts
    if relative[0] in slugs_of(site):
        slug, rest = relative[0], list(relative[1:])
        other = rest[1:] if rest and rest[0] == "en" else ["en", *rest]
        return site.joinpath(slug, *other)
    rest = list(relative)
    return site.joinpath(*(rest[1:] if rest[0] == "en" else ["en", *rest]))


def test_every_microsite_exists_in_both_languages(seed_site: Path) -> None:
    assert slugs_of(seed_site)
    for slug in slugs_of(seed_site):
        assert (seed_site / slug / "index.html").is_file()
        assert (seed_site / slug / "en" / "index.html").is_file()
    assert (seed_site / "index.html").is_file() and (seed_site / "en" / "index.html").is_file()


def test_html_lang_on_every_page(seed_site: Path) -> None:
    checked = 0
    for page in pages(seed_site):
        assert soup(page).html["lang"] == language_of(seed_site, page), page
        checked += 1
    # at least every page of every policy in both languages (and the portal's)
    assert checked > sum(len(m.policy(lang).pages) for m in catalog_of(seed_site).municipalities for lang in ("da", "en"))


def test_language_switch_and_hreflang_point_to_the_twin(seed_site: Path) -> None:
    for page in pages(seed_site):
        document = soup(page)
        other = "en" if language_of(seed_site, page) == "da" else "da"
        switch = document.select_one(f'.policy-language a[hreflang="{other}"]')
        assert switch is not None, page
        assert resolve(page, switch["href"]) == twin(seed_site, page), (page, switch["href"])
        head = {link["hreflang"] for link in document.select('head link[rel="alternate"][hreflang]')}
        assert {"da", "en", "x-default"} <= head, page


def test_every_block_is_one_card_of_its_kind(seed_site: Path) -> None:
    for municipality in catalog_of(seed_site).municipalities:
        for lang, lang_path in (("da", ""), ("en", "en")):
            policy = municipality.policy(lang)
            overview = soup(seed_site / municipality.slug / lang_path / "index.html")
            kinds = [group["data-kind"] for group in overview.select("ul.policy-card-list")]
            assert kinds == [kind.key for kind, _ in policy.block_groups()], (municipality.slug, lang)
            for kind, blocks in policy.block_groups():
                cards = overview.select(f'ul.policy-card-list[data-kind="{kind.key}"] > li.policy-card h4')
                assert [card.get_text(strip=True) for card in cards] == [block.title for block in blocks]


def test_the_seeds_keep_every_building_block_of_their_sources(seed_site: Path) -> None:
    present = set(slugs_of(seed_site))
    for (slug, kind), count in SEED_CARDS.items():
        if slug not in present:  # a seed taken out: nothing to compare
            continue
        for lang_path in ("", "en"):
            overview = seed_site / slug / lang_path / "index.html"
            cards = soup(overview).select(f'ul.policy-card-list[data-kind="{kind}"] > li.policy-card')
            assert len(cards) == count, (overview, kind)


def test_cards_have_heading_text_and_link_to_the_full_section(seed_site: Path) -> None:
    for slug in slugs_of(seed_site):
        for lang_path in ("", "en"):
            overview = seed_site / slug / lang_path / "index.html"
            document = soup(overview)
            cards = document.select("li.policy-card")
            assert cards, overview
            for card in cards:
                heading = card.find(["h2", "h3", "h4"])
                assert heading is not None and heading.get_text(strip=True)
                link = heading.find("a")
                target = resolve(overview, link["href"])
                anchor = link["href"].split("#", 1)[1]
                assert soup(target).find(id=anchor) is not None, (overview, link["href"])


def test_overview_opens_with_summary_then_cards(seed_site: Path) -> None:
    for slug in slugs_of(seed_site):
        for lang_path, summary in (("", "Kort fortalt"), ("en", "In brief")):
            article = soup(seed_site / slug / lang_path / "index.html").select_one("article.md-content__inner")
            # The policy header's <h1> first; a consultation's notice box may stand before the summary.
            assert article.find(["h1", "h2"]).name == "h1"
            headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in article.find_all("h2")
                        if not h.find_parent(class_="policy-notice")]
            assert headings[0] == summary
            assert article.find("div", class_="policy-cards") is not None


def test_each_microsite_has_its_own_name_navigation_and_search(seed_site: Path) -> None:
    catalog = catalog_of(seed_site)
    for slug in slugs_of(seed_site):
        for lang, lang_path in (("da", ""), ("en", "en")):
            policy = catalog.municipality(slug).policy(lang)
            overview = seed_site / slug / lang_path / "index.html"
            document = soup(overview)
            assert policy.municipality in document.select_one(".md-header__topic").get_text()
            assert document.title.get_text().endswith(policy.municipality)
            nav_links = document.select("nav.md-nav--primary a.md-nav__link[href]")
            # The policy's pages, then the page "Kontakt" the site makes itself.
            targets = [resolve(overview, a["href"]) for a in nav_links]
            assert len(set(targets)) == len(policy.pages) + 1
            assert targets[-1] == seed_site / slug / lang_path / "kontakt" / "index.html"
            for link in nav_links:
                assert (seed_site / slug) in resolve(overview, link["href"]).parents
        index = json.loads((seed_site / slug / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert "da" in index["config"]["lang"]
        assert all(not doc["location"].startswith("../") for doc in index["docs"])


def test_english_pages_are_translated(seed_site: Path) -> None:
    def danish_share(page: Path) -> float:
        article = soup(page).select_one("article.md-content__inner")
        for part in article.select('[lang="da"]'):
            part.decompose()
        words = re.findall(r"[a-zæøå]+", article.get_text(" ").lower())
        return sum(word in DANISH_WORDS for word in words) / max(len(words), 1)

    for slug in slugs_of(seed_site):
        for page in (seed_site / slug / "en").rglob("index.html"):
            if is_redirect(page):
                continue
            assert danish_share(page) < 0.02, page
            assert danish_share(twin(seed_site, page)) > 0.06, twin(seed_site, page)


def test_every_internal_link_resolves(seed_site: Path) -> None:
    assert check_site(seed_site, "/") == []


def test_footer_names_municipality_contact_and_accessibility_statement(seed_site: Path) -> None:
    catalog = catalog_of(seed_site)
    for slug in slugs_of(seed_site):
        policy = catalog.municipality(slug).policy("da")
        for page in (seed_site / slug).rglob("index.html"):
            if is_redirect(page):
                continue
            footer = soup(page).select_one(".policy-footer")
            lang = language_of(seed_site, page)
            label = "Tilgængelighedserklæring" if lang == "da" else "Accessibility statement"
            statement = footer.find("a", string=label)
            assert statement is not None and statement["href"] == policy.accessibility_statement
            assert catalog.municipality(slug).policy(lang).municipality in footer.get_text()
            for contact in policy.contacts:  # every contact, the main one first
                shown = contact.email or contact.phone or contact.url.removeprefix("https://").rstrip("/")
                assert shown in footer.get_text()


def test_themes_shared_by_the_seed_policies() -> None:
    index = ThemeIndex.build(load_catalog(REPO), "da")
    assert len(index.used_themes(minimum=2)) >= 8


def test_consultation_status_only_on_drafts(seed_site: Path) -> None:
    catalog = catalog_of(seed_site)
    for slug in slugs_of(seed_site):
        policy = catalog.municipality(slug).policy("da")
        overview = soup(seed_site / slug / "index.html")
        tag = overview.select_one(".policy-header .policy-tag").get_text()
        english = soup(seed_site / slug / "en" / "index.html").select_one(".policy-header .policy-tag").get_text()
        if policy.status == "consultation":
            assert "Høringsudgave" in tag and "Consultation draft" in english, slug
            assert overview.select_one(".policy-notice.policy-consultation") is not None, slug
            inner = next(page.name for page in policy.pages if page.name != "index.md")
            page = soup(seed_site / slug / page_path(inner) / "index.html")
            assert page.select_one(".policy-notice.policy-status") is not None, slug
        else:
            assert tag.startswith("Vedtaget") and english.startswith("Adopted"), slug
            assert overview.select(".policy-status, .policy-consultation") == [], slug
