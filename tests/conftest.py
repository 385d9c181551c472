"""Shared fixtures: copy the project into tmp_path, build real sites, parse their HTML."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from policybuild.build import build_sites
from policybuild.project import copy_project as copy_project_files

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_project(destination: Path, municipalities: Path | None = None) -> Path:
    """A copy of the project (templates, hooks, portal) with the given municipalities."""
    copy_project_files(REPO, destination)
    shutil.copytree(municipalities or REPO / "municipalities", destination / "municipalities")
    return destination


class WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build(root: Path, jobs: int = 1) -> Path:
    """Build every site under root into root/site, failing on any warning MkDocs logs."""
    collector = WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        build_sites(root, root / "site", jobs=jobs, log=lambda message: None)
    finally:
        logger.removeHandler(collector)
    assert not collector.records, [record.getMessage() for record in collector.records]
    return root / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real five municipalities and the portal, built once for the session."""
    return build(copy_project(tmp_path_factory.mktemp("seed")))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two small test municipalities (alfa, beta) and the portal."""
    return build(copy_project(tmp_path_factory.mktemp("fixture"), FIXTURES / "municipalities"))
