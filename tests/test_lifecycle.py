"""A policy's life on its microsite: status, consultation, dates, change history, editions, feeds, metadata.

Unit tests of the core (policysite.clock, editions, feed, sitemap, metadata) and
integration tests on the built seed and fixture sites. The consultation box is
built on both sides of a deadline with a fixed clock (POLICY_TODAY).
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from policybuild.build import BuildFailed, build_sites
from policysite import clock
from policysite.catalog import CHANGES_PAGE, load_catalog
from policysite.editions import (
    CHANGED, DELETED, EQUAL, INSERTED, Segment, compare_editions, compare_passages, reading_text, word_diff,
)
from policysite.errors import ContentErrors
from policysite.feed import change_title, entry_id, policy_feed
from policysite.labels import LABELS, format_date
from policysite.metadata import policy_jsonld
from policysite.model import LANGUAGES
from policysite.sitemap import sitemap_urls
from policysite.urls import SiteUrls, page_path

from conftest import FIXTURES, REPO, built_pages, copy_project, is_redirect, soup
from test_seed_site import SLUGS, language_of, resolve

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
PORTAL_URL = "https://medborgerskab.example.dk/"
FIXTURE_SLUGS = ("alfa", "beta")


def fixture_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    root.mkdir(parents=True)
    shutil.copy2(REPO / "themes.yml", root / "themes.yml")
    shutil.copytree(FIXTURES / "municipalities", root / "municipalities")
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def lang_prefix(lang: str) -> str:
    return "" if lang == "da" else f"{lang}/"


def microsite_pages(site: Path, slug: str) -> list[Path]:
    return [page for page in built_pages(site) if page.relative_to(site).parts[0] == slug]


def page_lang(site: Path, slug: str, page: Path) -> str:
    return "en" if (site / slug / "en") in page.parents else "da"


# ---------------------------------------------------------------- the clock

def test_clock_reads_policy_today_and_defaults_to_the_calendar() -> None:
    assert clock.today({clock.ENV: "2012-08-02"}) == dt.date(2012, 8, 2)
    assert clock.today({clock.ENV: " 2012-08-03 "}) == dt.date(2012, 8, 3)
    assert clock.today({}) == dt.date.today()
    assert clock.today({clock.ENV: ""}) == dt.date.today()
    for wrong in ("2012-8-2", "20120802", "2. august 2012", "2012-02-30"):
        with pytest.raises(clock.ClockError, match="YYYY-MM-DD"):
            clock.today({clock.ENV: wrong})


def test_a_consultation_is_open_until_the_end_of_its_deadline(tmp_path: Path) -> None:
    consultation = load_catalog(fixture_root(tmp_path)).municipality("beta").policy("da").consultation
    assert consultation is not None and consultation.deadline == dt.date(2012, 8, 2)
    assert consultation.is_open(dt.date(2012, 8, 1))
    assert consultation.is_open(dt.date(2012, 8, 2))
    assert not consultation.is_open(dt.date(2012, 8, 3))


def test_every_consultation_draft_has_its_deadline_and_address_in_both_languages() -> None:
    drafts = [m for m in load_catalog(REPO).municipalities if m.policy("da").status == "consultation"]
    for municipality in drafts:
        da, en = municipality.policy("da"), municipality.policy("en")
        assert da.consultation is not None and da.consultation == en.consultation  # written once, in Danish
    seeds = {m.slug: m for m in drafts}
    if "haderslev" in seeds:  # the seed's source: deadline 2 August (2012 inferred), responses by e-mail
        policy = seeds["haderslev"].policy("da")
        assert policy.consultation.deadline == dt.date(2012, 8, 2)
        assert policy.consultation.email == "medborger@haderslev.dk"


# ---------------------------------------------------------------- dates from content

def test_last_updated_is_the_latest_change_or_the_adoption(tmp_path: Path) -> None:
    root = fixture_root(tmp_path)
    catalog = load_catalog(root)
    assert catalog.municipality("alfa").policy("da").last_updated == dt.date(2026, 11, 23)
    assert catalog.municipality("beta").policy("da").last_updated is None  # no change notes, not adopted
    assert catalog.last_updated == dt.date(2026, 11, 23)
    # written once, in Danish: both languages show it
    edit(root / "municipalities" / "alfa" / "index.md", "adopted: 2020-03-24", "adopted: 2027-01-15")
    catalog = load_catalog(root)
    assert [catalog.municipality("alfa").policy(lang).last_updated for lang in ("da", "en")] == [dt.date(2027, 1, 15)] * 2


# ---------------------------------------------------------------- editions: reading and comparing

def test_word_diff_marks_the_words_that_changed() -> None:
    assert word_diff("Nørregade 41,2. sal", "Nørregade 41, 2. sal") == (
        Segment(EQUAL, "Nørregade"), Segment(DELETED, "41,2."), Segment(INSERTED, "41, 2."), Segment(EQUAL, "sal"),
    )
    assert word_diff("behov for politikken ændres", "behov for at politikken ændres") == (
        Segment(EQUAL, "behov for"), Segment(INSERTED, "at"), Segment(EQUAL, "politikken ændres"),
    )
    # Line breaks and spacing in the source are not changes.
    assert word_diff("Alle  hører\ntil.", "Alle hører til.") == (Segment(EQUAL, "Alle hører til."),)


def test_passages_pair_with_the_passage_they_replaced_in_reading_order() -> None:
    old = ("Værdier", "Mellem borgerne", "Trykthed", "Det var alle værdierne.")
    new = ("Værdier", "Mellem borgerne", "Tryghed", "Fællesskab", "Det var værdierne.", "Slut.")
    changes = compare_passages(old, new)
    assert [change.kind for change in changes] == [CHANGED, INSERTED, CHANGED, INSERTED]
    assert changes[0].segments == (Segment(DELETED, "Trykthed"), Segment(INSERTED, "Tryghed"))
    assert changes[1].segments == (Segment(INSERTED, "Fællesskab"),)
    assert changes[2].segments == (Segment(EQUAL, "Det var"), Segment(DELETED, "alle"), Segment(EQUAL, "værdierne."))
    assert compare_passages(old, old) == ()
    # A passage unlike any other is shown removed, not as a jumble of word changes.
    assert [c.kind for c in compare_passages(("Helt anden tekst om noget.",), ("Kort.",))] == [DELETED, INSERTED]


def test_two_editions_of_the_fixture_policy_compared_page_by_page(tmp_path: Path) -> None:
    municipality = load_catalog(fixture_root(tmp_path)).municipality("alfa")
    assert municipality.previous is not None
    previous = municipality.previous_policy("da")
    assert previous.edition == "2016" and previous.adopted == dt.date(2016, 5, 10)
    comparison = compare_editions(previous, municipality.policy("da"))
    status = {page.name: page.status for page in comparison.pages}
    assert status == {"index.md": "changed", "vaerdier.md": "changed", "historie.md": "removed"}
    values = next(page for page in comparison.pages if page.name == "vaerdier.md")
    assert values.changes[0].segments == (Segment(DELETED, "Trykthed"), Segment(INSERTED, "Tryghed"))
    assert any(change.segments == (Segment(INSERTED, "Alle hører til."),) for change in values.changes)
    # The overview's cards are part of what a reader reads there.
    overview = next(page for page in comparison.pages if page.name == "index.md")
    assert any(Segment(INSERTED, "på hinanden.") in change.segments for change in overview.changes)
    english = compare_editions(municipality.previous_policy("en"), municipality.policy("en"))
    values_en = next(page for page in english.pages if page.name == "vaerdier.md")
    assert values_en.changes[0].segments == (Segment(DELETED, "Safty"), Segment(INSERTED, "Safety"))
    # The same edition against itself: nothing changed.
    same = compare_editions(municipality.policy("da"), municipality.policy("da"))
    assert same.changed_pages == () and {page.status for page in same.pages} == {"unchanged"}


def test_reading_text_puts_the_blocks_where_the_page_places_them(tmp_path: Path) -> None:
    policy = load_catalog(fixture_root(tmp_path)).municipality("alfa").policy("da")
    text = reading_text(policy, policy.page("vaerdier.md"))
    assert text[:3] == ("Værdier", "Alfas værdier er:", "Nærhed")
    assert text[-1] == "Det var værdierne."


def test_previous_edition_errors_name_the_file_line_and_fix(tmp_path: Path) -> None:
    root = fixture_root(tmp_path)
    index = root / "municipalities" / "alfa" / "index.md"
    edit(root / "municipalities" / "alfa" / "index.md", 'previous_edition: "2016"', 'previous_edition: "2015"')
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    [error] = caught.value.errors
    line = index.read_text(encoding="utf-8").splitlines().index('previous_edition: "2015"') + 1
    assert (error.code, error.path, error.line, error.key) == (
        "edition-missing", "municipalities/alfa/index.md", line, "previous_edition")
    assert "editions/2015" in error.fix

    root = fixture_root(tmp_path / "mismatch")
    edit(root / "municipalities" / "alfa" / "editions" / "2016" / "index.md", 'edition: "2016"', 'edition: "2017"')
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    assert [(e.code, e.path) for e in caught.value.errors] == [
        ("edition-mismatch", "municipalities/alfa/editions/2016/index.md")]

    root = fixture_root(tmp_path / "broken-archive")
    (root / "municipalities" / "alfa" / "editions" / "2016" / "historie.en.md").unlink()
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    assert [(e.code, e.path) for e in caught.value.errors] == [
        ("translation-missing", "municipalities/alfa/editions/2016/historie.en.md")]


def test_the_generated_page_name_is_reserved(tmp_path: Path) -> None:
    root = fixture_root(tmp_path)
    folder = root / "municipalities" / "beta"
    for name, title in (("aendringer.md", "Ændringer"), ("aendringer.en.md", "Changes")):
        (folder / name).write_text(f"---\ntitle: {title}\n---\n\nTekst.\n", encoding="utf-8")
    edit(folder / "index.md", "pages: [index.md, indsatsomraader.md]", "pages: [index.md, indsatsomraader.md, aendringer.md]")
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    # index.md names it, and the files would take the generated page's place (layout.GENERATED_PAGES).
    assert {(e.code, e.path) for e in caught.value.errors} == {
        ("page-reserved", "municipalities/beta/index.md"),
        ("file-shadows-site", "municipalities/beta/aendringer.md"),
        ("file-shadows-site", "municipalities/beta/aendringer.en.md")}


# ---------------------------------------------------------------- feed, sitemap and JSON-LD in the core

def test_feed_entries_keep_their_ids_when_changes_are_added_or_reworded(tmp_path: Path) -> None:
    root = fixture_root(tmp_path)
    urls = SiteUrls(PORTAL_URL, load_catalog(root))
    before = policy_feed(load_catalog(root).municipality("alfa").policy("da"), urls, LABELS["da"])
    assert before is not None and len(before.entries) == 1
    [first] = before.entries
    assert first.id == entry_id("alfa", "da", dt.date(2026, 11, 23), 1)
    path = root / "municipalities" / "alfa" / "index.md"  # one list of change notes, both languages in it
    for text in ("Stavefejl", "Spelling"):
        edit(path, text, f"Rettet {text.lower()}")  # a reworded note
    edit(path, "\n---\n", "\n  - date: 2026-11-23\n    da: \"Samme dag.\"\n    en: \"Same day.\"\n"
                            "  - date: 2027-02-01\n    da: \"Senere: ny tekst.\"\n    en: \"Later: new text.\"\n---\n")
    catalog = load_catalog(root)
    after = policy_feed(catalog.municipality("alfa").policy("da"), SiteUrls(PORTAL_URL, catalog), LABELS["da"])
    assert after is not None
    assert [entry.title for entry in after.entries] == ["Senere", "Rettet stavefejl rettet", "Samme dag."]
    assert first.id in [entry.id for entry in after.entries]
    assert after.entries[1].id == first.id and after.updated == "2027-02-01T00:00:00Z"
    assert len({entry.id for entry in after.entries}) == 3
    # Ids do not depend on the site's address, but do on the language.
    elsewhere = policy_feed(catalog.municipality("alfa").policy("da"), SiteUrls("https://x.example/", catalog),
                            LABELS["da"])
    assert [e.id for e in elsewhere.entries] == [e.id for e in after.entries]
    english = policy_feed(catalog.municipality("alfa").policy("en"), SiteUrls(PORTAL_URL, catalog), LABELS["en"])
    assert not {e.id for e in english.entries} & {e.id for e in after.entries}
    assert policy_feed(catalog.municipality("beta").policy("da"), urls, LABELS["da"]) is None


def test_change_titles_are_the_lead_in_or_the_first_words() -> None:
    assert change_title("Stavefejl rettet: »høringskema« → »høringsskema«.") == "Stavefejl rettet"
    assert change_title("Kort note.") == "Kort note."
    long = "Et meget langt notat uden kolon " * 5
    assert change_title(long).endswith(" …") and len(change_title(long)) <= 82


def test_sitemap_names_every_twin_and_the_danish_page_as_x_default() -> None:
    def url_of(lang: str, name: str) -> str:
        return f"https://x.dk/a/{lang_prefix(lang)}{page_path(name)}"

    urls = sitemap_urls(["vaerdier.md", "index.md", "vaerdier.md"], url_of, dt.date(2026, 1, 2))
    assert [url.loc for url in urls] == ["https://x.dk/a/", "https://x.dk/a/en/",
                                         "https://x.dk/a/vaerdier/", "https://x.dk/a/en/vaerdier/"]
    for url in urls:
        assert url.lastmod == "2026-01-02"
        assert [(a.hreflang, a.href) for a in url.alternates][-1] == ("x-default", url.alternates[0].href)
        assert [a.hreflang for a in url.alternates] == ["da", "en", "x-default"]
    assert sitemap_urls(["index.md"], url_of)[0].lastmod is None


def test_jsonld_describes_publisher_dates_language_edition_and_translation(tmp_path: Path) -> None:
    catalog = load_catalog(fixture_root(tmp_path))
    urls = SiteUrls(PORTAL_URL, catalog)
    data = policy_jsonld(catalog.municipality("alfa"), "en", urls, catalog.themes)
    assert data["@context"] == "https://schema.org" and data["@type"] == "CreativeWork"
    assert data["name"] == "Alfa Municipality's Citizenship Policy" and data["inLanguage"] == "en"
    assert data["publisher"] == {"@type": "GovernmentOrganization", "name": "Alfa Municipality, City Council",
                                 "url": "https://alfa.dk/"}
    assert (data["version"], data["datePublished"], data["dateModified"]) == ("2020", "2020-03-24", "2026-11-23")
    assert data["creativeWorkStatus"] == "Published"
    assert data["translationOfWork"] == {"@id": f"{PORTAL_URL}alfa/#policy"}
    beta = policy_jsonld(catalog.municipality("beta"), "da", urls, catalog.themes)
    assert beta["creativeWorkStatus"] == "Draft" and "datePublished" not in beta and "dateModified" not in beta
    assert beta["workTranslation"] == [{"@id": f"{PORTAL_URL}beta/en/#policy"}]


# ---------------------------------------------------------------- status and consultation on the built sites

def test_status_banner_on_every_page_of_the_draft_in_both_languages(seed_site: Path) -> None:
    """A draft says so on every page: the header's tag, and a notification box (icon, label) under the
    header; on the overview that box is the consultation's own, everywhere else the short banner."""
    catalog = load_catalog(REPO)
    for slug in SLUGS:
        draft = catalog.municipality(slug).policy("da").status == "consultation"
        pages = microsite_pages(seed_site, slug)
        assert len(pages) == 2 * (len(catalog.municipality(slug).policy("da").pages) + 2)  # "Ændringer", "Kontakt"
        for page in pages:
            document = soup(page)
            lang = language_of(seed_site, page)
            status = document.select("#policy-main .policy-status")
            box = document.select("#policy-main .policy-consultation")
            tag = document.select_one("#policy-main .policy-header .policy-tag").get_text(strip=True)
            if not draft:
                assert status == [] and box == [], page
                assert tag.startswith(LABELS[lang]["status_adopted"]), page
                continue
            assert tag.startswith(LABELS[lang]["status_consultation"]), page
            notices = document.select("#policy-main .policy-notice")
            assert len(notices) == 1, page
            notice = notices[0]
            assert notice.select_one(".policy-notice__icon[aria-hidden=true]") is not None, page
            # First in the content after the policy header.
            assert notice.find_previous_sibling() is document.select_one("#policy-main .policy-header"), page
            is_overview = page in (seed_site / slug / "index.html", seed_site / slug / "en" / "index.html")
            if is_overview:  # the consultation's own box, checked below
                assert len(box) == 1 and status == [], page
                continue
            assert len(status) == 1, page
            assert status[0].find("strong").get_text(strip=True) in (
                LABELS[lang]["status_box_open"], LABELS[lang]["status_box_closed"]), page
            assert status[0].find_next("h1") is not None, page


def test_a_past_consultation_has_closed_on_its_deadline(seed_site: Path) -> None:
    """The seeds are built with the real date: a draft whose deadline has passed says its consultation has
    closed, and what happens next; its other pages carry the closed status box."""
    today = clock.today()
    drafts = [m.policy("da") for m in load_catalog(seed_site.parent).municipalities
              if m.policy("da").consultation is not None and not m.policy("da").consultation.is_open(today)]
    for policy in drafts:
        deadline = policy.consultation.deadline
        inner = next(page.name for page in policy.pages if page.name != "index.md")
        for lang, prefix, closed in (("da", "", "Høringen er afsluttet"), ("en", "en/", "The consultation has closed")):
            document = soup(seed_site / policy.slug / prefix / "index.html")
            box = document.select_one("section.policy-consultation")
            assert box["data-state"] == "closed"
            assert closed in box.get_text(" ")
            assert box.find("time")["datetime"] == deadline.isoformat()
            assert box.find("time").get_text() == format_date(deadline, lang)
            assert box.select("a[href^='mailto:']") == []  # no invitation to respond any more
            assert LABELS[lang]["status_box_closed_next"] in box.get_text(" ")  # and what happens next
            banner = soup(seed_site / policy.slug / prefix / page_path(inner) / "index.html").select_one(".policy-status")
            assert banner.find("time")["datetime"] == deadline.isoformat()
            assert "mailto:" not in str(banner)


def build_beta(tmp_path: Path, today: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture microsite beta (a consultation draft, deadline 2 August 2012) built as of ``today``."""
    root = copy_project(tmp_path / f"project-{today}", FIXTURES / "municipalities")
    monkeypatch.setenv(clock.ENV, today)
    build_sites(root, root / "site", only=["beta"], jobs=1, log=lambda message: None)
    return root / "site" / "beta"


@pytest.mark.parametrize("today", ["2012-07-01", "2012-08-02"])
def test_consultation_box_before_the_deadline_says_how_to_respond(tmp_path: Path, monkeypatch, today: str) -> None:
    site = build_beta(tmp_path, today, monkeypatch)
    for lang, prefix in (("da", ""), ("en", "en/")):
        t = LABELS[lang]
        overview = soup(site / prefix / "index.html")
        box = overview.select_one("section.policy-consultation")
        assert box["data-state"] == "open"
        assert box.h2.get_text(strip=True) == t["consultation"] and box.h2["id"] == "policy-consultation"
        text = " ".join(box.get_text(" ").split())
        assert t["consultation_is_open"] in text and format_date(dt.date(2012, 8, 2), lang) in text
        assert box.select_one("a[href='mailto:medborger@beta.dk']").get_text() == "medborger@beta.dk"
        assert "Gaden 2, 8888 Beta" in text
        address = box.find(string=re.compile("Gaden 2")).parent
        assert lang == "da" or address.get("lang") == "da"
        # Every other page's banner gives the deadline and leads to the box.
        assert overview.select(".policy-status") == []
        for page in (site / prefix / "indsatsomraader" / "index.html", site / prefix / "kontakt" / "index.html",
                     site / prefix / "aendringer" / "index.html"):
            banner = soup(page).select_one(".policy-status")
            assert t["deadline"] in banner.get_text() and "mailto:medborger@beta.dk" in str(banner)
            link = banner.find("a", string=t["how_to_respond"])
            target = resolve(page, link["href"])
            assert soup(target).find(id=link["href"].split("#", 1)[1]) is not None


@pytest.mark.parametrize("today", ["2012-08-03", "2026-11-23"])
def test_consultation_box_after_the_deadline_says_it_has_closed(tmp_path: Path, monkeypatch, today: str) -> None:
    site = build_beta(tmp_path, today, monkeypatch)
    for lang, prefix in (("da", ""), ("en", "en/")):
        t = LABELS[lang]
        box = soup(site / prefix / "index.html").select_one("section.policy-consultation")
        assert box["data-state"] == "closed"
        text = " ".join(box.get_text(" ").split())
        assert t["consultation_is_closed"] in text and format_date(dt.date(2012, 8, 2), lang) in text
        assert t["consultation_is_open"] not in text and box.select("a[href^='mailto:']") == []
        banner = soup(site / prefix / "indsatsomraader" / "index.html").select_one(".policy-status")
        assert t["consultation_closed_on"] in banner.get_text()
        assert banner.find("a", string=t["about_consultation"]) is not None


def test_an_invalid_policy_today_stops_the_build(tmp_path: Path, monkeypatch) -> None:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    monkeypatch.setenv(clock.ENV, "2. august")
    with pytest.raises(BuildFailed, match="POLICY_TODAY='2. august' is not a date"):
        build_sites(root, root / "site", only=["beta"], jobs=1, log=lambda message: None)
    assert not (root / "site").exists()


# ---------------------------------------------------------------- dates and change history

def test_adopted_and_last_updated_on_every_page_in_the_page_language(seed_site: Path, fixture_site: Path) -> None:
    catalog = load_catalog(REPO)
    for slug in SLUGS:
        for page in microsite_pages(seed_site, slug):
            lang = page_lang(seed_site, slug, page)
            policy = catalog.municipality(slug).policy(lang)
            dates = soup(page).select_one("#policy-main .policy-page-dates")
            text = " ".join(dates.get_text(" ").split())
            assert f"{LABELS[lang]['last_updated']}: {format_date(policy.last_updated, lang)} ." in text, (page, text)
            assert [time["datetime"] for time in dates.find_all("time")] == [policy.last_updated.isoformat()]
    expected = {
        ("da", "vaerdier"): "Vedtaget: 24. marts 2020 . Senest opdateret: 23. november 2026 .",
        ("en", "vaerdier"): "Adopted: 24 March 2020 . Last updated: 23 November 2026 .",
        ("da", "aendringer"): "Vedtaget: 24. marts 2020 . Senest opdateret: 23. november 2026 .",
    }
    for (lang, name), sentence in expected.items():
        dates = soup(fixture_site / "alfa" / lang_prefix(lang) / name / "index.html").select_one(".policy-page-dates")
        assert " ".join(dates.p.get_text(" ").split()) == sentence
        assert [time["datetime"] for time in dates.find_all("time")] == ["2020-03-24", "2026-11-23"]
    # Nothing dated, nothing claimed.
    beta = soup(fixture_site / "beta" / "index.html").select_one(".policy-page-dates")
    assert beta.find("time") is None and LABELS["da"]["last_updated"] not in beta.get_text()


def test_corrections_on_the_changes_page_linked_from_every_page(seed_site: Path) -> None:
    """The correction log is on the page "Ændringer" (not the overview), linked from every page's dates."""
    catalog = load_catalog(REPO)
    for slug in SLUGS:
        for lang in LANGUAGES:
            policy = catalog.municipality(slug).policy(lang)
            overview = seed_site / slug / lang_prefix(lang) / "index.html"
            changes = seed_site / slug / lang_prefix(lang) / "aendringer" / "index.html"
            assert soup(overview).find(id="policy-changes") is None
            document = soup(changes)
            heading = document.find(id="policy-changes")
            assert heading.get_text(strip=True) == LABELS[lang]["corrections"]
            items = heading.find_next_sibling("ul", class_="policy-changes").find_all("li", recursive=False)
            assert len(items) == len(policy.changes) > 0
            for item, change in zip(items, policy.changes):
                assert item.time["datetime"] == change.date.isoformat()
                assert item.time.get_text() == format_date(change.date, lang)
                assert " ".join(item.get_text().split()).endswith(" ".join(change.text.split()))
            # Every page links to it.
            label = f"{LABELS[lang]['corrections']} ({len(policy.changes)})"
            for page in microsite_pages(seed_site, slug):
                if language_of(seed_site, page) != lang:
                    continue
                link = soup(page).select_one(".policy-page-dates").find("a", string=label)
                assert resolve(page, link["href"]) == changes and link["href"].endswith("#policy-changes"), page


# ---------------------------------------------------------------- what has changed

def test_what_changed_page_shows_deletions_and_insertions_with_text_labels(fixture_site: Path) -> None:
    for lang, prefix in (("da", ""), ("en", "en/")):
        t = LABELS[lang]
        page = fixture_site / "alfa" / prefix / "aendringer" / "index.html"
        document = soup(page)
        assert document.h1.get_text(strip=True) == t["what_changed_title"]
        content = document.select_one(".policy-diff")
        deletions, insertions = content.find_all("del"), content.find_all("ins")
        assert len(deletions) >= 4 and len(insertions) >= 4
        for element, start, end in [(d, t["deleted_start"], t["deleted_end"]) for d in deletions] + \
                                   [(i, t["inserted_start"], t["inserted_end"]) for i in insertions]:
            labels = element.select("span.policy-sr")
            assert [label.get_text(strip=True) for label in labels] == [start, end], element
            assert element.get_text(strip=True).removeprefix(start).removesuffix(end).strip()
        sections = {section.h2.get_text(strip=True): section for section in content.select("section.policy-diff__page")}
        values = sections["Værdier" if lang == "da" else "Values"]
        first = values.find("li")
        old, new = ("Trykthed", "Tryghed") if lang == "da" else ("Safty", "Safety")
        assert first.find("del").get_text(" ", strip=True) == f"{t['deleted_start']} {old} {t['deleted_end']}"
        assert first.find("ins").get_text(" ", strip=True) == f"{t['inserted_start']} {new} {t['inserted_end']}"
        assert resolve(page, values.h2.a["href"]) == fixture_site / "alfa" / prefix / "vaerdier" / "index.html"
        removed = sections["Historie" if lang == "da" else "History"]
        assert t["diff_removed"] in removed.get_text() and removed.h2.a is None
        assert removed.find("ins") is None and len(removed.find_all("del")) == 2
        editions = content.select_one("dl.policy-diff__editions").get_text(" ")
        assert "2016" in editions and "2020" in editions
        assert format_date(dt.date(2016, 5, 10), lang) in editions
    # The archive is read, not published.
    assert not (fixture_site / "alfa" / "editions").exists()
    assert not list(fixture_site.rglob("historie"))


def test_what_changed_page_without_a_previous_edition(seed_site: Path, fixture_site: Path) -> None:
    """Without a previous edition the page holds the corrections only (or says there is nothing to compare)."""
    catalog = load_catalog(REPO)
    for site, slug in [(seed_site, slug) for slug in SLUGS] + [(fixture_site, "beta")]:
        for lang in LANGUAGES:
            page = site / slug / lang_prefix(lang) / "aendringer" / "index.html"
            document = soup(page)
            assert document.find("del") is None and document.find("ins") is None
            content = document.select_one(".policy-diff")
            if site == seed_site and catalog.municipality(slug).policy(lang).changes:
                assert content is None and document.h1.get_text(strip=True) == LABELS[lang]["corrections"], page
                assert document.find(id="policy-changes") is not None, page
            else:
                assert LABELS[lang]["diff_none"] in content.get_text(), page


def test_what_changed_page_is_linked_from_every_page_but_not_in_menu_or_search(seed_site: Path, fixture_site: Path) -> None:
    """'Hvad er ændret' is linked from every page only where there is a previous edition (the fixture's alfa)."""
    for site, slugs in ((seed_site, SLUGS), (fixture_site, FIXTURE_SLUGS)):
        for slug in slugs:
            previous = (REPO / "municipalities" if site == seed_site else FIXTURES / "municipalities") / slug / "editions"
            has_previous = previous.is_dir() and any(previous.iterdir())
            index = json.loads((site / slug / "search" / "search_index.json").read_text(encoding="utf-8"))
            assert not any("aendringer" in doc["location"] for doc in index["docs"]), slug
            for page in microsite_pages(site, slug):
                document = soup(page)
                lang = page_lang(site, slug, page)
                target = site / slug / lang_prefix(lang) / "aendringer" / "index.html"
                assert not [a for a in document.select("nav.md-nav--primary a[href]") if resolve(page, a["href"]) == target]
                link = document.select_one(".policy-page-dates").find("a", string=LABELS[lang]["what_changed"])
                if page == target or not has_previous:
                    assert link is None, page
                else:
                    assert link is not None and resolve(page, link["href"]) == target, page


# ---------------------------------------------------------------- Atom

def atom_problems(text: str) -> list[str]:
    """What RFC 4287 requires of a feed document and its entries (the MUSTs a validator checks)."""
    problems: list[str] = []
    root = ET.fromstring(text.encode("utf-8"))
    if root.tag != f"{ATOM}feed":
        return [f"root element is {root.tag}"]
    allowed_feed = {"author", "category", "contributor", "generator", "icon", "id", "link", "logo", "rights",
                    "subtitle", "title", "updated", "entry"}
    allowed_entry = {"author", "category", "content", "contributor", "id", "link", "published", "rights",
                     "source", "summary", "title", "updated"}

    def check(element: ET.Element, allowed: set[str], where: str) -> None:
        names = [child.tag.removeprefix(ATOM) for child in element if child.tag.startswith(ATOM)]
        problems.extend(f"{where}: unknown element {name}" for name in names if name not in allowed)
        for name in ("id", "title", "updated"):
            if names.count(name) != 1:
                problems.append(f"{where}: {names.count(name)} atom:{name}")
        identifier = (element.findtext(f"{ATOM}id") or "").strip()
        if not re.match(r"^[a-z][a-z0-9+.-]*:\S+$", identifier):
            problems.append(f"{where}: id {identifier!r} is not an absolute IRI")
        for name in ("updated", "published"):
            for value in element.findall(f"{ATOM}{name}"):
                if not RFC3339.match(value.text or ""):
                    problems.append(f"{where}: {name} {value.text!r} is not an RFC 3339 date")
        alternates = [(link.get("type"), link.get("hreflang")) for link in element.findall(f"{ATOM}link")
                      if link.get("rel", "alternate") == "alternate"]
        if len(alternates) != len(set(alternates)):
            problems.append(f"{where}: two alternate links with the same type and hreflang")
        for link in element.findall(f"{ATOM}link"):
            if not link.get("href"):
                problems.append(f"{where}: link without href")
        for author in element.findall(f"{ATOM}author"):
            if not (author.findtext(f"{ATOM}name") or "").strip():
                problems.append(f"{where}: author without name")

    check(root, allowed_feed, "feed")
    if not [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]:
        problems.append("feed: no link rel=self")
    feed_author = root.find(f"{ATOM}author") is not None
    ids = []
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), start=1):
        where = f"entry {number}"
        check(entry, allowed_entry, where)
        ids.append(entry.findtext(f"{ATOM}id"))
        if not feed_author and entry.find(f"{ATOM}author") is None:
            problems.append(f"{where}: no author")
        content = entry.find(f"{ATOM}content")
        if content is None and not [l for l in entry.findall(f"{ATOM}link") if l.get("rel", "alternate") == "alternate"]:
            problems.append(f"{where}: neither content nor an alternate link")
        if content is not None and content.get("type", "text") == "text" and len(content):
            problems.append(f"{where}: text content with child elements")
    if len(ids) != len(set(ids)):
        problems.append("two entries share an id")
    return problems


def test_atom_problems_finds_what_is_wrong() -> None:
    broken = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><updated>2012-08-02</updated>'
              '<entry><id>a</id><title>t</title><updated>2012-08-02T00:00:00Z</updated></entry></feed>')
    problems = atom_problems(broken)
    for expected in ("feed: 0 atom:id", "feed: updated '2012-08-02' is not an RFC 3339 date",
                     "feed: no link rel=self", "entry 1: no author", "entry 1: neither content nor an alternate link",
                     "entry 1: id 'a' is not an absolute IRI"):
        assert expected in problems


def test_atom_feed_of_each_microsite_is_valid_and_dated_from_content(seed_site: Path, fixture_site: Path) -> None:
    checked = 0
    for site, root, slugs in ((seed_site, REPO, SLUGS), (fixture_site, None, FIXTURE_SLUGS)):
        for slug in slugs:
            for lang in LANGUAGES:
                feed_file = site / slug / lang_prefix(lang) / "feed.xml"
                pages = [p for p in microsite_pages(site, slug) if page_lang(site, slug, p) == lang]
                if slug == "beta":  # nothing dated: no feed, no link to one
                    assert not feed_file.exists()
                    assert all(soup(p).select('link[type="application/atom+xml"]') == [] for p in pages)
                    continue
                text = feed_file.read_text(encoding="utf-8")
                assert atom_problems(text) == [], (feed_file, atom_problems(text))
                feed = ET.fromstring(text.encode("utf-8"))
                policy = (load_catalog(REPO).municipality(slug) if root else None)
                entries = feed.findall(f"{ATOM}entry")
                if policy is not None:
                    policy = policy.policy(lang)
                    assert len(entries) == len(policy.changes)
                    assert feed.findtext(f"{ATOM}updated") == f"{policy.last_updated.isoformat()}T00:00:00Z"
                    assert sorted(e.findtext(f"{ATOM}content") for e in entries) == sorted(c.text for c in policy.changes)
                assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
                self_link = next(l.get("href") for l in feed.findall(f"{ATOM}link") if l.get("rel") == "self")
                assert self_link == f"{PORTAL_URL}{slug}/{lang_prefix(lang)}feed.xml"
                for entry in entries:
                    href = entry.find(f"{ATOM}link").get("href")
                    assert href == f"{PORTAL_URL}{slug}/{lang_prefix(lang)}#policy-changes"
                # Every page of the language names the feed in its head.
                for page in pages:
                    [link] = soup(page).select('head link[rel="alternate"][type="application/atom+xml"]')
                    assert resolve(page, link["href"]) == feed_file and link.get("title"), page
                checked += 1
    assert checked == 2 * len(SLUGS) + 2


# ---------------------------------------------------------------- sitemap and JSON-LD on the built sites

def site_file(site: Path, url: str) -> Path:
    assert url.startswith(PORTAL_URL), url
    return site / url[len(PORTAL_URL):] / "index.html"


def test_sitemaps_list_every_page_with_da_en_and_x_default(seed_site: Path) -> None:
    catalog = load_catalog(REPO)
    for slug in (None, *SLUGS):
        folder = seed_site / slug if slug else seed_site
        raw = (folder / "sitemap.xml").read_bytes()
        assert gzip.decompress((folder / "sitemap.xml.gz").read_bytes()) == raw
        urls = ET.fromstring(raw).findall(f"{SITEMAP}url")
        locs = [url.findtext(f"{SITEMAP}loc") for url in urls]
        expected = {page for page in built_pages(seed_site)
                    if (slug and page.relative_to(seed_site).parts[0] == slug)
                    or (not slug and page.relative_to(seed_site).parts[0] not in SLUGS)}
        assert {site_file(seed_site, loc) for loc in locs} == expected and len(locs) == len(expected), slug
        for url, loc in zip(urls, locs):
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
            assert [link.get("rel") for link in url.findall(f"{XHTML}link")] == ["alternate"] * 3
            assert set(alternates) == {"da", "en", "x-default"} and alternates["x-default"] == alternates["da"]
            assert loc in (alternates["da"], alternates["en"])
            assert site_file(seed_site, alternates["en"]).relative_to(folder).parts[0] == "en"
            assert site_file(seed_site, alternates["da"]).is_file()
            lastmod = url.findtext(f"{SITEMAP}lastmod")
            if slug:
                assert lastmod == catalog.municipality(slug).policy("da").last_updated.isoformat()
            else:
                assert lastmod is None
        if slug:
            assert f"{PORTAL_URL}{slug}/en/aendringer/" in locs
        else:  # the portal's generated pages are listed too
            assert f"{PORTAL_URL}temaer/tillid/" in locs and f"{PORTAL_URL}en/sammenligning/" in locs


def test_english_folders_have_a_sitemap_of_their_own_pages(seed_site: Path) -> None:
    """Material's script asks for <lang>/sitemap.xml; it lists exactly the pages under en/."""
    for slug in (None, *SLUGS):
        folder = seed_site / slug if slug else seed_site
        whole = {url.findtext(f"{SITEMAP}loc") for url in ET.fromstring(
            (folder / "sitemap.xml").read_bytes()).findall(f"{SITEMAP}url")}
        english = [url.findtext(f"{SITEMAP}loc") for url in ET.fromstring(
            (folder / "en" / "sitemap.xml").read_bytes()).findall(f"{SITEMAP}url")]
        assert english and sorted(english) == sorted(loc for loc in whole if "/en/" in urlsplit(loc).path
                                                      and site_file(seed_site, loc).relative_to(folder).parts[0] == "en")


def test_jsonld_in_the_head_of_every_microsite_page(seed_site: Path) -> None:
    catalog = load_catalog(REPO)
    for slug in SLUGS:
        for page in microsite_pages(seed_site, slug):
            lang = page_lang(seed_site, slug, page)
            policy = catalog.municipality(slug).policy(lang)
            [script] = soup(page).select('head script[type="application/ld+json"]')
            data = json.loads(script.string)
            assert data["@type"] == "CreativeWork" and data["@id"] == f"{PORTAL_URL}{slug}/{lang_prefix(lang)}#policy"
            assert (data["name"], data["inLanguage"], data["version"]) == (policy.policy_title, lang, policy.edition)
            assert data["publisher"]["name"] == policy.publisher
            assert data["publisher"]["url"] == f"https://{policy.domain}/"
            assert data["dateModified"] == policy.last_updated.isoformat()
            assert data["creativeWorkStatus"] == ("Draft" if policy.status == "consultation" else "Published")
            assert "<" not in script.string


# ---------------------------------------------------------------- reproducible builds

def test_two_builds_on_different_days_are_identical(tmp_path: Path, monkeypatch) -> None:
    """Only an open consultation depends on the date; with both days after the deadline, every byte is the same."""
    sites = []
    for today, epoch in (("2013-01-01", "0"), ("2031-05-05", "1950000000")):
        monkeypatch.setenv(clock.ENV, today)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)  # MkDocs' own build date
        root = copy_project(tmp_path / today, FIXTURES / "municipalities")
        build_sites(root, root / "site", jobs=1, log=lambda message: None)
        sites.append(root / "site")
    files = [{p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
             for site in sites]
    assert files[0].keys() == files[1].keys()
    different = [name for name in files[0] if files[0][name] != files[1][name]]
    assert different == []
    assert "alfa/sitemap.xml.gz" in files[0] and "alfa/feed.xml" in files[0]
