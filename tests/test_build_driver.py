"""The build publishes all sites or none: a failure leaves the last good site/ as it was."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from policysite.layout import NATIONAL_INDEX_DIR
from policybuild.build import BuildFailed, build_sites
from policysite.errors import ContentErrors

from conftest import FIXTURES, copy_project
from hostile import snapshot


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "project", FIXTURES / "municipalities")
    build_sites(root, root / "site", jobs=2, log=lambda message: None)
    return root


def test_bad_front_matter_leaves_last_good_site_untouched(project: Path) -> None:
    before = snapshot(project / "site")
    page = project / "municipalities" / "alfa" / "vaerdier.md"
    page.write_text(page.read_text(encoding="utf-8").replace("themes: [faellesskab]", "themes: [ukendt]"),
                    encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "policybuild.cli", "--root", str(project), "build"],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "municipalities/alfa/vaerdier.md, linje " in result.stderr
    assert "'ukendt' er ikke et tema i themes.yml" in result.stderr
    assert snapshot(project / "site") == before


def test_a_failing_mkdocs_build_publishes_nothing(project: Path) -> None:
    # The catalog checks links between a microsite's pages before building (tests/fixtures/bad/link-broken.md);
    # links on the portal's own pages are left to MkDocs, so a broken one there fails inside MkDocs.
    before = snapshot(project / "site")
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[brudt](findes-ikke.md)\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build_sites(project, project / "site", jobs=2, log=lambda message: None)
    assert "portalen kunne ikke bygges" in str(caught.value)
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site.staging-*"))


def test_one_municipality_rebuilds_alone(project: Path) -> None:
    before = snapshot(project / "site")
    page = project / "municipalities" / "beta" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Beta er i høring.", "Beta er stadig i høring."),
                    encoding="utf-8")
    build_sites(project, project / "site", only=["beta"], jobs=1, log=lambda message: None)
    after = snapshot(project / "site")
    assert "Beta er stadig i høring." in after["beta/index.html"].decode()
    # Only beta and the national search's index of every microsite's text (which holds beta's) change.
    mine = ("beta/", f"{NATIONAL_INDEX_DIR}/")
    assert {k: v for k, v in after.items() if not k.startswith(mine)} == \
        {k: v for k, v in before.items() if not k.startswith(mine)}
    assert {k for k in after if k.startswith(mine[1]) and after[k] != before.get(k)}


def test_unknown_municipality_is_refused(project: Path) -> None:
    with pytest.raises(BuildFailed, match="Ukendt kommunemappe"):
        build_sites(project, project / "site", only=["gamma"], log=lambda message: None)


def test_content_errors_are_raised_before_building(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", FIXTURES / "municipalities")
    (root / "municipalities" / "alfa" / "index.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    with pytest.raises(ContentErrors):
        build_sites(root, root / "site", log=lambda message: None)
    assert not (root / "site").exists()
