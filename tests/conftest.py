"""Shared fixtures: copy the project into tmp_path, build real sites, parse their HTML."""
from __future__ import annotations

import contextlib
import json
import logging
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from policybuild import engine
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
    logger = logging.getLogger(engine.LOGGER)
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


# ---- Publishing with versions: a project in git, a bare repository as its remote ----

def git(cwd: Path, *args: str) -> str:
    """Run git in cwd; its output (stripped). Identity and config come from the test, not the machine."""
    import subprocess

    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def isolate_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """No user or system git config (signing, hooks, default branch) leaks into the tests."""
    import os

    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture()
def hermetic_git(monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch)


def git_project(destination: Path, remote: Path, municipalities: Path | None = None) -> Path:
    """A copy of the project committed to a fresh git repository whose origin is ``remote`` (bare)."""
    root = copy_project(destination, municipalities or FIXTURES / "municipalities")
    if not remote.exists():
        git(remote.parent, "init", "--quiet", "--bare", remote.name)
    git(root, "init", "--quiet")
    git(root, "config", "user.name", "Test Deploy")
    git(root, "config", "user.email", "deploy@example.invalid")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", "The project")
    git(root, "remote", "add", "origin", str(remote))
    return root


def set_edition(root: Path, slug: str, edition: str, *, note: str | None = None) -> None:
    """Give a municipality's policy a new edition (in both languages) and commit it."""
    import re

    for name in ("index.md", "index.en.md"):
        page = root / "municipalities" / slug / name
        text = re.sub(r'^edition: "[^"]*"', f'edition: "{edition}"', page.read_text(encoding="utf-8"),
                      count=1, flags=re.MULTILINE)
        if note:
            text = text.rstrip("\n") + f"\n\n{note}\n"
        page.write_text(text, encoding="utf-8")
    git(root, "commit", "--quiet", "--all", "--message", f"{slug}: edition {edition}")


def export_branch(remote: Path, branch: str, destination: Path) -> Path:
    """The files of a branch of a (bare) repository, as GitHub Pages would serve them."""
    import io
    import subprocess
    import tarfile

    archive = subprocess.run(["git", "--git-dir", str(remote), "archive", branch], capture_output=True, check=True)
    destination.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(destination, filter="data")
    return destination


# ---- Pages of a built site, and the browser tests' server and browser ----

def is_redirect(path: Path) -> bool:
    """The /was pages: a meta refresh to the accessibility statement, not a page of the site."""
    return path.parent.name == "was" and 'http-equiv="refresh"' in path.read_text(encoding="utf-8")


def built_pages(site: Path, *, not_found: bool = False, redirects: bool = False) -> list[Path]:
    """Every HTML page of a built site; the 404 pages and /was redirects only when asked for."""
    return sorted(
        path for path in site.rglob("*.html")
        if (not_found or path.name != "404.html") and (redirects or not is_redirect(path))
    )


# Figures the accessibility tests report at the end of the run (see pytest_terminal_summary).
FIGURES: dict[str, object] = {}


def pytest_sessionfinish(session) -> None:
    """Under pytest-xdist (`make test`), a worker hands its figures to the main process."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["policy_figures"] = json.dumps(FIGURES, ensure_ascii=False)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """The main process collects each worker's figures for the summary (a pytest-xdist hook)."""
    FIGURES.update(json.loads(getattr(node, "workeroutput", {}).get("policy_figures", "{}")))


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not FIGURES:
        return
    terminalreporter.section("accessibility and privacy")
    for key in sorted(FIGURES):
        value = FIGURES[key]
        if isinstance(value, list):
            terminalreporter.write_line(f"{key}:")
            for line in value:
                terminalreporter.write_line(f"  {line}")
        else:
            terminalreporter.write_line(f"{key}: {value}")


@contextlib.contextmanager
def serve(directory: Path):
    """A folder served over HTTP on 127.0.0.1 (a free port), as a host would serve it; yields its address."""
    import functools
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args) -> None:  # quiet
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_server(seed_site: Path):
    """The seed site served over HTTP on 127.0.0.1 (a free port), as a host would serve it."""
    with serve(seed_site) as address:
        yield address


CHROMIUM = Path("/usr/bin/chromium")
TOOLS = REPO / "tools" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, one for the whole session (`make test` installs it)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium package.")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
