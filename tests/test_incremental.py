"""Incremental builds, reproducible builds and one search index per language.

An incremental build rebuilds only the sites whose inputs changed
(policybuild/fingerprint.py) and must give exactly the files a clean build gives.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from policybuild import manifest, speedups
from policybuild.build import build_sites
from policysite import sealed
from policysite.search import split_search_index

from conftest import FIXTURES, copy_project


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def built(root: Path, site: Path | None = None, clean: bool = False) -> list[str]:
    """Build; the names of the sites that were rebuilt ("" is the portal)."""
    results = build_sites(root, site or root / "site", jobs=1, log=lambda message: None, clean=clean)
    return sorted(result.slug for result in results)


def same_as_clean_build(root: Path, tmp_path: Path) -> None:
    reference = tmp_path / "clean-site"
    shutil.rmtree(reference, ignore_errors=True)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    build_sites(root, reference, jobs=1, log=lambda message: None, clean=True)
    assert files(root / "site") == files(reference)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    assert built(root) == ["", "alfa", "beta"]
    return root


def test_nothing_changed_rebuilds_nothing(project: Path) -> None:
    before = files(project / "site")
    assert built(project) == []
    assert files(project / "site") == before


def test_editing_a_page_text_rebuilds_that_microsite_only_and_matches_a_clean_build(project: Path,
                                                                                    tmp_path: Path) -> None:
    page = project / "municipalities" / "alfa" / "vaerdier.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Det var værdierne.", "Det var alle værdierne."),
                    encoding="utf-8")
    assert built(project) == ["alfa"]
    assert "Det var alle værdierne." in (project / "site" / "alfa" / "vaerdier" / "index.html").read_text("utf-8")
    same_as_clean_build(project, tmp_path)


def test_editing_a_block_title_rebuilds_everything_that_shows_it(project: Path, tmp_path: Path) -> None:
    page = project / "municipalities" / "alfa" / "vaerdier.md"
    text = page.read_text(encoding="utf-8")
    assert "    title: Nærhed\n" in text
    page.write_text(text.replace("    title: Nærhed\n", "    title: Nærhed og tryghed\n", 1), encoding="utf-8")
    assert built(project) == ["", "alfa", "beta"]
    same_as_clean_build(project, tmp_path)


def test_a_changed_template_rebuilds_every_site(project: Path) -> None:
    template = project / "overrides" / "policy" / "footer.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert built(project) == ["", "alfa", "beta"]


def test_a_removed_municipality_disappears_from_the_site(project: Path, tmp_path: Path) -> None:
    shutil.rmtree(project / "municipalities" / "beta")
    assert built(project) == ["", "alfa"]  # alfa's "same theme elsewhere" lists named beta
    assert not (project / "site" / "beta").exists()
    assert "beta" not in manifest.read(project / "site", sealed.machine_key(project)).sites()
    same_as_clean_build(project, tmp_path)


def test_a_deleted_microsite_folder_is_rebuilt(project: Path) -> None:
    shutil.rmtree(project / "site" / "beta")
    assert built(project) == ["beta"]
    assert (project / "site" / "beta" / "index.html").is_file()


def test_two_clean_builds_are_identical(project: Path, tmp_path: Path) -> None:
    """Dates in the output (sitemaps, gzip headers) come from the content, not the clock."""
    shutil.rmtree(project / ".cache")
    built(project, tmp_path / "again", clean=True)
    assert files(project / "site") == files(tmp_path / "again")
    sitemap = (project / "site" / "alfa" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>" in sitemap


# ---------------------------------------------------------------- search

def test_every_site_has_one_search_index_per_language(seed_site: Path) -> None:
    microsites = [path.parent.parent for path in seed_site.glob("*/search/search_index.json")
                  if path.parent.parent.name != "en"]
    assert len(microsites) == 5
    sites = [seed_site] + microsites
    for site in sites:
        for lang, folder in (("da", site), ("en", site / "en")):
            index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
            assert index["config"]["lang"] == [lang], folder
            locations = [doc["location"] for doc in index["docs"]]
            assert locations, folder
            if lang == "en":
                assert all(location.startswith("en/") for location in locations), folder
            else:
                assert not any(location.startswith("en/") for location in locations), folder


def test_splitting_keeps_every_entry_once() -> None:
    merged = {"config": {"lang": ["da", "en"], "separator": "x"},
              "docs": [{"location": "", "title": "a", "text": ""}, {"location": "en/", "title": "b", "text": ""},
                       {"location": "en/x/#y", "title": "c", "text": ""}, {"location": "enhed/", "title": "d", "text": ""}]}
    parts = split_search_index(merged, ("da", "en"), "da")
    assert [d["title"] for d in parts["da"]["docs"]] == ["a", "d"]
    assert [d["title"] for d in parts["en"]["docs"]] == ["b", "c"]
    assert parts["en"]["config"] == {"lang": ["en"], "separator": "x"}


def test_english_pages_search_the_english_index(browser, site_server: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_server + "naestved/en/")
    page.wait_for_load_state("networkidle")
    context.close()
    indexes = [url for url in fetched if url.endswith("search_index.json")]
    assert indexes == [site_server + "naestved/en/search/search_index.json"], fetched


# ---------------------------------------------------------------- the theme listing

def test_the_reused_theme_listing_is_the_one_mkdocs_makes(tmp_path: Path) -> None:
    from policybuild.engine import get_files, load_config

    root = copy_project(tmp_path / "p", FIXTURES / "municipalities")
    config = load_config(str(root / "mkdocs.yml"), docs_dir=str(root / "docs"), site_dir=str(tmp_path / "s"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)

    def theme_files() -> list[tuple[str, str]]:
        found = get_files(config)
        found.add_files_from_theme(config.theme.get_env(), config)
        return sorted((f.src_uri, f.abs_src_path or "") for f in found)

    plain = theme_files()
    speedups.install()
    try:
        assert theme_files() == plain
        assert theme_files() == plain  # from the cache, too
    finally:
        speedups.uninstall()
    assert len(plain) > 20


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_one_markdown_instance_reset_between_pages_renders_every_byte_as_a_new_one_does(
        fixture_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The session's site was built reusing one Markdown instance per process; built again with a new one
    for every page, as MkDocs alone does, every file is the same."""
    assert speedups.REUSE_MARKDOWN
    monkeypatch.setattr(speedups, "REUSE_MARKDOWN", False)
    root = copy_project(tmp_path / "p", FIXTURES / "municipalities")
    built(root)
    assert tree(root / "site") == tree(fixture_site)


def test_a_consultation_closing_rebuilds_only_its_microsite(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    """The calendar counts only through whether beta's consultation is open (deadline 2012-08-02)."""
    monkeypatch.setenv("POLICY_TODAY", "2012-07-01")
    assert built(project) == ["beta"]  # the fixture was built today, long after the deadline
    monkeypatch.setenv("POLICY_TODAY", "2012-08-01")
    assert built(project) == []  # still open: nothing on any page changes
    monkeypatch.setenv("POLICY_TODAY", "2012-08-03")
    assert built(project) == ["beta"]
    same_as_clean_build(project, tmp_path)


def test_a_portal_page_edit_gates_only_what_was_built_and_matches_a_clean_build(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The microsites are kept, and the manifest proves each of their files is the one that passed the
    gate when it was published: the gate reads the portal's files and no file of theirs."""
    from policysite import gate

    checked: list[str] = []
    real = gate.check_file

    def recording(context, folder, relative, **options):
        checked.append(relative)
        return real(context, folder, relative, **options)

    monkeypatch.setattr(gate, "check_file", recording)
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn sætning mere på portalen.\n", encoding="utf-8")
    assert built(project) == [""]
    assert checked and "index.html" in checked
    assert not [name for name in checked if name.split("/", 1)[0] in ("alfa", "beta")]
    monkeypatch.setattr(gate, "check_file", real)
    same_as_clean_build(project, tmp_path)


def test_a_file_changed_in_a_kept_microsite_is_gated_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only files the manifest proves unchanged skip the gate: an edited published file rebuilds its site."""
    from policysite import gate

    checked: list[str] = []
    real = gate.check_file
    monkeypatch.setattr(gate, "check_file", lambda context, folder, relative, **options: (
        checked.append(relative), real(context, folder, relative, **options))[1])
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn sætning mere.\n", encoding="utf-8")
    published = project / "site" / "beta" / "index.html"
    published.write_text(published.read_text(encoding="utf-8").replace("</body>", "<script>x()</script></body>"),
                         encoding="utf-8")
    assert built(project) == ["", "beta"]
    assert "beta/index.html" in checked and not [name for name in checked if name.startswith("alfa/")]
    assert "<script>x()</script>" not in published.read_text(encoding="utf-8")


# ---- The national search's index (policybuild/search.py) follows every build

def indexed_text(site: Path) -> str:
    from policysite import nationalindex
    from policysite.layout import NATIONAL_INDEX_DIR

    texts = []
    for path in sorted((site / NATIONAL_INDEX_DIR / "fragment").iterdir()):
        texts.append(json.loads(nationalindex.unpack(path.read_bytes()))["content"])
    return "\n".join(texts)


def test_the_national_index_follows_every_build_and_matches_a_clean_one(project: Path, tmp_path: Path) -> None:
    from policysite.layout import NATIONAL_INDEX_DIR

    site = project / "site"
    page = project / "municipalities" / "alfa" / "vaerdier.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Det var værdierne.", "Det var solsikkeværdierne."),
                    encoding="utf-8")
    assert built(project) == ["alfa"]  # only alfa is rebuilt, the index over it and the published beta
    text = indexed_text(site)
    assert "solsikkeværdierne" in text and "Vi hilser" in text and "Det var værdierne." not in text
    same_as_clean_build(project, tmp_path)
    # One municipality on its own (make build M=beta): the index holds its new text and alfa's still.
    beta = project / "municipalities" / "beta" / "indsatsomraader.md"
    assert "items: [Vi hilser, Vi hjælper]" in beta.read_text(encoding="utf-8")
    beta.write_text(beta.read_text(encoding="utf-8").replace("items: [Vi hilser,", "items: [Vi hilser på kornblomsterne,"),
                    encoding="utf-8")
    build_sites(project, site, only=["beta"], jobs=1, log=lambda message: None)
    text = indexed_text(site)
    assert "kornblomsterne" in text and "solsikkeværdierne" in text
    built(project)  # the block's text is shown elsewhere too: the rest follows
    # An index removed or changed by hand is written again, though no site changed.
    shutil.rmtree(site / NATIONAL_INDEX_DIR)
    assert built(project) == [] and "kornblomsterne" in indexed_text(site)
    entry = site / NATIONAL_INDEX_DIR / "pagefind-entry.json"
    good = entry.read_bytes()
    entry.write_text("{}", encoding="utf-8")
    assert built(project) == [] and entry.read_bytes() == good
    assert built(project) == []  # and then nothing changed
    same_as_clean_build(project, tmp_path)
