"""Issue 12's schema additions, on the tests' own small corpus, built once for the module.

A follow-up block, more contacts, a page's signatory, an adopted policy's consultation
history, an http:// source (accepted, with a warning), a title added by the editors and
an editorial card summary: each is checked, shown on the site in both languages and in
the PDF's HTML, from the one renderer.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from policybuild.pdf import document_html
from policysite import review as reviewmod
from policysite.catalog import inspect, load_catalog
from policysite.errors import ContentErrors

from bs4 import BeautifulSoup

from conftest import FIXTURES, build, copy_project, soup


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")

ALFA = "municipalities/alfa"


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_features(root: Path) -> None:
    """Alfa gets every addition, written as an editor would: facts in Danish, texts in both files."""
    edit(root, f"{ALFA}/index.md", "adopted: 2020-03-24\n", "")
    edit(root, f"{ALFA}/index.md", "replaces: []\n",
         "contacts:\n  - unit: Borgerrådet\n    email: borgerraad@alfa.dk\nreplaces: []\n")
    edit(root, f"{ALFA}/index.md", "  note: Testtekst.\n",
         "  note: Testtekst.\n  url: http://gammel.alfa.dk/politik.pdf\n")
    edit(root, f"{ALFA}/index.md", "pages: [index.md, vaerdier.md]",
         "consultation_history:\n  consulted_until: 2020-02-01\n  adopted: 2020-03-24\n  adopted_by: Byrådet\n"
         "pages: [index.md, vaerdier.md]")
    edit(root, f"{ALFA}/index.en.md", "replaces: []\n", "contacts:\n  - unit: The Citizens' Council\nreplaces: []\n")
    edit(root, f"{ALFA}/index.en.md", "source:\n", "consultation_history:\n  adopted_by: the City Council\nsource:\n")
    edit(root, f"{ALFA}/vaerdier.md", "title: Værdier\n", "title: Værdier\nsignatory:\n  name: Anna Alfa\n  role: Borgmester\n")
    edit(root, f"{ALFA}/vaerdier.en.md", "title: Values\n", "title: Values\nsignatory:\n  role: Mayor\n")
    edit(root, f"{ALFA}/vaerdier.md", "    title: Fællesskab\n", "    title: Fællesskab\n    title_added: true\n")
    edit(root, f"{ALFA}/vaerdier.md", "---\n\nAlfas", "follow_ups:\n  - id: evaluering\n    title: Evaluering\n"
         "    text: Politikken evalueres hvert andet år.\n    themes: [samskabelse, civilsamfund]\n---\n\nAlfas")
    edit(root, f"{ALFA}/vaerdier.en.md", "---\n\nAlfa's", "follow_ups:\n  - title: Evaluation\n"
         "    text: The policy is evaluated every other year.\n---\n\nAlfa's")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("additions") / "project", FIXTURES / "municipalities")
    add_features(root)
    build(root)
    return root


def test_the_english_view_has_the_additions_with_the_danish_facts(project: Path) -> None:
    catalog = load_catalog(project)
    da, en = (catalog.municipality("alfa").policy(lang) for lang in ("da", "en"))
    assert [c.unit for c in en.contacts] == ["Centre for Community", "The Citizens' Council"]
    assert en.contacts[1].email == da.contacts[1].email == "borgerraad@alfa.dk"
    assert en.consultation_history.consulted_until == dt.date(2020, 2, 1) == da.consultation_history.consulted_until
    assert (da.consultation_history.adopted_by, en.consultation_history.adopted_by) == ("Byrådet", "the City Council")
    assert da.adopted == en.adopted == dt.date(2020, 3, 24)  # from the history: written once
    assert (da.page("vaerdier.md").signatory.name, en.page("vaerdier.md").signatory.role) == ("Anna Alfa", "Mayor")
    follow_up = en.blocks[-1]
    assert (follow_up.kind.key, follow_up.id, follow_up.themes) == ("follow_ups", "evaluering",
                                                                     ("samskabelse", "civilsamfund"))
    assert [b.title_added for b in en.blocks] == [False, True, False]


def test_the_site_shows_the_additions_in_both_languages(project: Path) -> None:
    site = project / "site"
    for prefix, said in (("", ("Titlen er tilføjet af redaktionen", "Redaktionens sammenfatning",
                               "Anna Alfa", "Borgmester", "I høring til", "Borgerrådet")),
                         ("en/", ("Title added by the editors", "Summary by the editors",
                                  "Anna Alfa", "Mayor", "Out for consultation until", "The Citizens' Council"))):
        values = soup(site / "alfa" / prefix / "vaerdier" / "index.html")
        assert values.select_one("h2#faellesskab + p.policy-title-added").get_text() == said[0]
        assert values.select_one("h2#naerhed + p.policy-title-added") is None  # only where the flag is set
        assert values.select_one("h2.policy-block#evaluering[data-kind=follow_ups]") is not None
        signed = values.select_one("article p.policy-signatory").get_text(" ", strip=True)
        assert said[2] in signed and said[3] in signed
        overview = soup(site / "alfa" / prefix / "index.html")
        cards = {card.select_one("h4").get_text(strip=True): card for card in overview.select("li.policy-card")}
        assert cards[values.select_one("h2#naerhed").get_text(strip=True).rstrip("¶")].select_one(
            ".policy-editorial").get_text(strip=True).startswith(said[1])
        assert all(card.select_one(".policy-editorial") is None  # a card showing the policy's own wording
                   for title, card in cards.items() if title != values.select_one("h2#naerhed").get_text(strip=True).rstrip("¶"))
        facts = overview.select_one(".policy-facts").get_text(" ", strip=True)
        assert said[4] in facts
        footer = overview.select_one(".policy-footer__contacts")  # every contact, the main one first
        assert said[5] in footer.get_text() and footer.select_one('a[href="mailto:borgerraad@alfa.dk"]')
        assert values.select_one("a[href='http://gammel.alfa.dk/politik.pdf']") is None
    # the themes' pages name the new themes
    assert (site / "temaer" / "samskabelse" / "index.html").is_file()
    assert "Civil society" in (site / "en" / "temaer" / "civilsamfund" / "index.html").read_text(encoding="utf-8")


def test_the_pdf_shows_the_additions_from_the_same_views(project: Path) -> None:
    from policybuild.pdf import site_urls

    catalog = load_catalog(project)
    page = soup_of(document_html(project, catalog, site_urls(catalog, "https://example.org/", "alfa", False),
                                 "alfa", "en", dt.date(2026, 12, 1)))
    assert page.select_one("[id$=--faellesskab] + p.policy-title-added").get_text() == "Title added by the editors"
    assert page.select_one("[id$=--naerhed] + p.policy-title-added") is None
    assert page.select_one(".policy-block[data-kind=follow_ups]").get_text(strip=True) == "Evaluation"
    assert "Mayor" in page.select_one("p.policy-signatory").get_text()
    facts = page.select_one("#policy-facts").get_text(" ", strip=True)
    assert "Out for consultation until" in facts and "The Citizens' Council" in facts
    assert page.select_one('#policy-facts a[href="mailto:borgerraad@alfa.dk"]') is not None


def test_an_http_source_is_accepted_with_a_warning_at_its_line(project: Path) -> None:
    result = reviewmod.review(project)
    warnings = [w for w in result.warnings if w.code == "url-insecure"]
    text = (project / ALFA / "index.md").read_text(encoding="utf-8")
    line = next(n for n, written in enumerate(text.splitlines(), 1) if "http://gammel" in written)
    assert [(w.path, w.line, w.key) for w in warnings] == [(f"{ALFA}/index.md", line, "source.url")]
    assert not result.errors


@pytest.mark.parametrize(("change", "code", "key"), [
    # consulted after the adoption
    (("index.md", "  consulted_until: 2020-02-01", "  consulted_until: 2020-04-01"),
     "consultation-history-dates", "consultation_history.adopted"),
    # the adoption written twice, differently
    (("index.md", "domain: alfa.dk", "adopted: 2020-03-25\ndomain: alfa.dk"), "consultation-history-dates", "adopted"),
    # a further contact nobody can reach
    (("index.md", "    email: borgerraad@alfa.dk\n", ""), "contact-incomplete", "contacts[0]"),
    # a signatory's name is a fact: written once, in Danish
    (("vaerdier.en.md", "  role: Mayor\n", "  role: Mayor\n  name: Anna Alfa\n"), "translation-neutral-key",
     "signatory.name"),
    # a follow-up block in Danish only
    (("vaerdier.en.md", "follow_ups:\n  - title: Evaluation\n    text: The policy is evaluated every other year.\n", ""),
     "translation-shape", "follow_ups"),
    # ftp is no web address for a source
    (("index.md", "http://gammel", "ftp://gammel"), "url-not-allowed", "source.url"),
])
def test_mistakes_in_the_additions_are_named(project: Path, tmp_path: Path, change, code: str, key: str) -> None:
    root = tmp_path / "project"
    shutil.copytree(project / "municipalities", root / "municipalities")
    shutil.copy2(project / "themes.yml", root / "themes.yml")
    name, old, new = change
    edit(root, f"{ALFA}/{name}", old, new)
    found = inspect(root).errors
    assert (code, key) in [(e.code, e.key) for e in found], [str(e) for e in found]
    with pytest.raises(ContentErrors):
        load_catalog(root)


def test_the_build_cache_keeps_every_addition(project: Path) -> None:
    """A municipality with every addition is cached like any other (policysite.sealed's codec writes it)."""
    import typing

    from policysite import sealed
    from policysite.model import Municipality

    municipality = load_catalog(project).municipality("alfa")
    kind = typing.Optional[Municipality]
    assert sealed.decode(sealed.encode(municipality, kind), kind) == municipality
