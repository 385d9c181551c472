"""Adding a municipality as an editor would: no change to code or tests (issue 12).

The project is copied, a municipality is created with ``policysite new`` (what
``make new`` runs), its placeholders are filled in, and it is checked and built.
Then the tests that depend on content run on that site: they take their
municipalities, counts and names from the catalog, so the new one is covered by
them like any other.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import test_incremental
import test_portal_docs
import test_seed_site
from conftest import FIXTURES, REPO, copy_project
from policysite.catalog import inspect, load_catalog

SLUG = "roskilde"
DANISH = "Kommunen vil arbejde for, at alle borgere kan være med i fællesskabet og tage del i det lokale liv"
ENGLISH = "The municipality will work so that every citizen can take part in the community and in local life"


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policybuild.cli", "--root", str(root), *args],
                          cwd=REPO, capture_output=True, text=True, timeout=600)


def listing(root: Path) -> dict[str, bytes]:
    """Every file of the project that is not built output."""
    skip = ("site", ".cache")
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*")
            if path.is_file() and path.relative_to(root).parts[0] not in skip}


def fill_in(folder: Path) -> None:
    """What the new editor types: every placeholder replaced by text in the page's language."""
    for path in folder.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\[UDFYLD:[^\]]*\]", DANISH, text)
        text = re.sub(r"\[FILL IN:[^\]]*\]", ENGLISH, text)
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("new") / "project", FIXTURES / "municipalities")
    before = listing(root)
    result = cli(root, "new", SLUG, "--name", "Roskilde Kommune", "--no-build")
    assert result.returncode == 0, result.stdout + result.stderr
    fill_in(root / "municipalities" / SLUG)
    after = listing(root)
    changed = {name for name in set(before) | set(after) if before.get(name) != after.get(name)}
    assert changed and all(name.startswith(f"municipalities/{SLUG}/") for name in changed), changed
    check = cli(root, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "placeholder-left" not in check.stdout
    build = cli(root, "build")
    assert build.returncode == 0, build.stdout + build.stderr
    return root / "site"


def test_the_new_municipality_is_in_the_catalog_with_only_translated_text_in_english(new_site: Path) -> None:
    root = new_site.parent
    assert inspect(root).errors == ()
    catalog = load_catalog(root)
    assert SLUG in [m.slug for m in catalog.municipalities]
    policy = catalog.municipality(SLUG).policy("en")
    assert policy.municipality == "Roskilde Municipality" and policy.domain == "roskilde.dk"
    for path in (root / "municipalities" / SLUG).glob("*.en.md"):
        front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        for fact in ("domain:", "edition:", "pages:", "changes:", "themes:", "  - id:", "policy_status:"):
            assert not re.search(rf"^\s*{re.escape(fact)}", front, re.MULTILINE), (path.name, fact)


CONTENT_TESTS = [
    test_seed_site.test_every_microsite_exists_in_both_languages,
    test_seed_site.test_html_lang_on_every_page,
    test_seed_site.test_language_switch_and_hreflang_point_to_the_twin,
    test_seed_site.test_every_block_is_one_card_of_its_kind,
    test_seed_site.test_cards_have_heading_text_and_link_to_the_full_section,
    test_seed_site.test_overview_opens_with_summary_then_cards,
    test_seed_site.test_each_microsite_has_its_own_name_navigation_and_search,
    test_seed_site.test_english_pages_are_translated,
    test_seed_site.test_every_internal_link_resolves,
    test_seed_site.test_footer_names_municipality_contact_and_accessibility_statement,
    test_seed_site.test_consultation_status_only_on_drafts,
    test_portal_docs.test_portal_lists_every_municipality,
    test_incremental.test_every_site_has_one_search_index_per_language,
]


@pytest.mark.parametrize("content_test", CONTENT_TESTS, ids=lambda test: test.__name__)
def test_the_content_tests_pass_on_the_new_municipality(new_site: Path, content_test) -> None:
    content_test(new_site)
