"""Publishing with versions, proven locally: a bare git repository stands in for GitHub.

`policysite deploy` builds every microsite for <slug>/<edition>/, hands it to mike,
and pushes the gh-pages branch; a second edition keeps the first, moves `latest`,
and leaves the other microsites and the portal as they were. A rejected push is
fetched and re-applied on top of what the other deploy pushed.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import (
    FIXTURES,
    export_branch,
    git,
    git_project,
    isolate_git,
    set_edition,
    soup,
)

from policybuild import cli
from policybuild.build import build_sites
from policybuild.deploy import DeployFailed, deploy
from policysite.catalog import load_catalog
from policysite.errors import ContentErrors

BRANCH = "gh-pages"
quiet = {"log": lambda message: None}


def run_deploy(root: Path, remote: Path, *args: str) -> int:
    return cli.main(["--root", str(root), "deploy", "--remote", str(remote), "--jobs", "1", *args])


def tree(remote: Path, path: str = "") -> str:
    """The object id of a path on the published branch: equal ids, identical contents."""
    return git(remote, "rev-parse", f"{BRANCH}:{path}")


def read(remote: Path, path: str) -> str:
    return git(remote, "show", f"{BRANCH}:{path}")


def top_level(remote: Path) -> dict[str, str]:
    listing = git(remote, "ls-tree", BRANCH)
    return {line.split("\t")[1]: line.split()[2] for line in listing.splitlines()}


@pytest.fixture(scope="module")
def first_deploy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture project (alfa 2020, beta 2012-hoering) deployed once: portal and both microsites."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate_git(monkeypatch)
        base = tmp_path_factory.mktemp("first-deploy")
        remote = base / "pages.git"
        project = git_project(base / "project", remote)
        assert run_deploy(project, remote) == 0
    return project, remote


@pytest.fixture()
def remote(tmp_path: Path, hermetic_git: None) -> Path:
    return tmp_path / "pages.git"


@pytest.fixture()
def project(tmp_path: Path, remote: Path) -> Path:
    """A project in git whose remote has nothing yet."""
    return git_project(tmp_path / "project", remote)


@pytest.fixture()
def published(first_deploy: tuple[Path, Path], tmp_path: Path, hermetic_git: None) -> tuple[Path, Path]:
    """A copy of the project and of its remote after the first deploy, for one test to change."""
    project = shutil.copytree(first_deploy[0], tmp_path / "project", symlinks=True)
    remote = shutil.copytree(first_deploy[1], tmp_path / "pages.git", symlinks=True)
    git(project, "remote", "set-url", "origin", str(remote))
    return project, remote


def test_two_editions_are_kept_and_latest_moves_to_the_newer(published: tuple[Path, Path]) -> None:
    project, remote = published
    assert git(remote, "log", "--format=%s", BRANCH).splitlines() == [
        "Deploy the portal", "Point beta/ at its newest edition", "Deploy beta edition 2012-hoering",
        "Point alfa/ at its newest edition", "Deploy alfa edition 2020"]
    before = top_level(remote)
    beta = tree(remote, "beta")

    set_edition(project, "alfa", "2021", note="Ny udgave.")
    assert run_deploy(project, remote, "-m", "alfa") == 0

    versions = json.loads(read(remote, "alfa/versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [("2021", ["latest"]), ("2020", [])]
    for edition in ("2020", "2021"):
        for page in ("index.html", "vaerdier/index.html", "en/index.html", "en/vaerdier/index.html"):
            assert read(remote, f"alfa/{edition}/{page}")
    assert "Ny udgave." in read(remote, "alfa/2021/index.html")
    assert "Ny udgave." not in read(remote, "alfa/2020/index.html")
    # latest is a copy of the newer edition, file for file; no symlinks (branch-based Pages breaks them).
    assert tree(remote, "alfa/latest") == tree(remote, "alfa/2021")
    assert " 120000 " not in " " + git(remote, "ls-tree", "-r", BRANCH).replace("\n", " \n ")
    # The microsite's address sends readers to latest/, its /was page still answers.
    home = soup_of(read(remote, "alfa/index.html"))
    assert home.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=latest/"
    assert "was.digst.dk" in read(remote, "alfa/was/index.html")
    # Beta and the portal are exactly as the first deploy left them.
    assert tree(remote, "beta") == beta
    after = top_level(remote)
    assert {k: v for k, v in after.items() if k != "alfa"} == {k: v for k, v in before.items() if k != "alfa"}
    # Every deploy commit names the project commit it was built from.
    assert git(project, "rev-parse", "HEAD") in git(remote, "log", "-1", "--format=%B", BRANCH)


def soup_of(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def test_published_pages_link_across_sites_to_latest_and_show_versions(published: tuple[Path, Path],
                                                                     tmp_path: Path) -> None:
    project, remote = published
    set_edition(project, "alfa", "2021")
    assert run_deploy(project, remote, "-m", "alfa") == 0
    site = export_branch(remote, BRANCH, tmp_path / "served")

    old = soup(site / "alfa" / "2020" / "en" / "vaerdier" / "index.html")
    config = json.loads(old.find("script", id="__config").string)
    assert config["version"] == {"provider": "mike", "default": "latest"}
    banner = old.select_one('[data-md-component="outdated"].policy-outdated')
    assert banner is not None and banner.has_attr("hidden")  # until versions.json says it is old
    assert banner.a["href"] == "../../../latest/en/" and banner.a.get_text() == "Go to the newest edition"
    danish = soup(site / "alfa" / "2020" / "index.html").select_one(".policy-outdated")
    assert danish.a.get_text() == "Gå til den nyeste udgave" and danish.a["href"] == "../latest/"
    assert old.find("link", rel="canonical")["href"].endswith("/alfa/2020/en/vaerdier/")
    # The portal is not versioned: no selector, and its links go to each microsite's latest.
    portal = soup(site / "index.html")
    assert json.loads(portal.find("script", id="__config").string)["version"] is None
    hrefs = {a["href"] for a in portal.find_all("a", href=True)}
    assert {"alfa/latest/", "beta/latest/"} <= hrefs
    # A link between microsites goes to the other one's latest edition.
    assert any(a["href"].startswith("../../beta/latest/")
               for a in soup(site / "alfa" / "2021" / "index.html").find_all("a", href=True))


def test_a_rejected_push_is_fetched_and_reapplied_on_top(published: tuple[Path, Path], tmp_path: Path) -> None:
    project, remote = published
    other = tmp_path / "other"
    git(tmp_path, "clone", "--quiet", str(project), str(other))
    git(other, "config", "user.name", "Other Deploy")
    git(other, "config", "user.email", "other@example.invalid")
    git(other, "remote", "set-url", "origin", str(remote))
    set_edition(other, "beta", "2013")
    set_edition(project, "alfa", "2021")
    attempts: list[int] = []

    def meanwhile(attempt: int) -> None:
        attempts.append(attempt)
        if attempt == 1:  # another run deploys beta between our commit and our push
            assert deploy(other, str(remote), BRANCH, only=["beta"], jobs=1, **quiet).pushed

    result = deploy(project, str(remote), BRANCH, only=["alfa"], jobs=1, before_push=meanwhile, **quiet)
    assert result.pushed and result.attempts == 2 and attempts == [1, 2]
    alfa = [v["version"] for v in json.loads(read(remote, "alfa/versions.json"))]
    beta = [v["version"] for v in json.loads(read(remote, "beta/versions.json"))]
    assert alfa == ["2021", "2020"] and beta == ["2013", "2012-hoering"]
    log = git(remote, "log", "--format=%s", BRANCH).splitlines()
    assert log[0] == "Deploy alfa edition 2021" and "Deploy beta edition 2013" in log


def test_the_push_gives_up_after_the_attempts_and_says_so(published: tuple[Path, Path], tmp_path: Path) -> None:
    project, remote = published
    other = tmp_path / "other"
    git(tmp_path, "clone", "--quiet", "--branch", BRANCH, str(remote), str(other))
    git(other, "config", "user.name", "Other")
    git(other, "config", "user.email", "other@example.invalid")
    set_edition(project, "alfa", "2021")

    def always_first(attempt: int) -> None:
        (other / f"other-{attempt}.txt").write_text("pushed by someone else\n", encoding="utf-8")
        git(other, "add", "--all")
        git(other, "commit", "--quiet", "--message", f"someone else {attempt}")
        git(other, "push", "--quiet", "origin", BRANCH)

    with pytest.raises(DeployFailed, match="rejected 2 times"):
        deploy(project, str(remote), BRANCH, only=["alfa"], attempts=2, jobs=1, before_push=always_first, **quiet)
    assert [v["version"] for v in json.loads(read(remote, "alfa/versions.json"))] == ["2020"]
    assert read(remote, "other-2.txt")


def test_a_deploy_from_an_older_commit_does_not_roll_the_site_back(published: tuple[Path, Path]) -> None:
    project, remote = published
    older = git(project, "rev-parse", "HEAD")
    set_edition(project, "alfa", "2021")
    assert run_deploy(project, remote, "-m", "alfa") == 0
    newest = tree(remote)
    git(project, "checkout", "--quiet", older)
    result = deploy(project, str(remote), BRANCH, only=["alfa"], jobs=1, **quiet)
    assert not result.pushed and result.message.startswith("Skipped")
    assert tree(remote) == newest


def test_shards_built_apart_are_assembled_with_the_portal(project: Path, remote: Path, tmp_path: Path) -> None:
    # What the workflow's matrix does: one versioned build per microsite, then one job deploys them all.
    shards = tmp_path / "shards"
    for slug in ("alfa", "beta"):
        assert cli.main(["--root", str(project), "build", "--versioned", "-m", slug, "--site", str(shards)]) == 0
    assert sorted(p.name for p in shards.iterdir()) == ["alfa", "beta"]
    assert run_deploy(project, remote, "--shards", str(shards)) == 0
    names = set(top_level(remote))
    assert {"alfa", "beta", "index.html", "temaer", "en", ".nojekyll"} <= names
    assert tree(remote, "alfa/latest") == tree(remote, "alfa/2020")


def test_a_missing_shard_stops_the_deploy_before_anything_is_pushed(project: Path, remote: Path,
                                                                    tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    build_sites(project, shards, only=["alfa"], jobs=1, versioned=True, **quiet)
    with pytest.raises(DeployFailed, match="the shard for beta"):
        deploy(project, str(remote), BRANCH, shards=shards, jobs=1, **quiet)
    assert git(remote, "branch", "--list", BRANCH) == ""


def test_the_portal_replaces_only_its_own_files(published: tuple[Path, Path], tmp_path: Path) -> None:
    project, remote = published
    # A page an earlier portal had, and the custom-domain file Pages reads, on the branch.
    pages = tmp_path / "pages"
    git(tmp_path, "clone", "--quiet", "--branch", BRANCH, str(remote), str(pages))
    (pages / "gammel-side").mkdir()
    (pages / "gammel-side" / "index.html").write_text("<!doctype html>\n", encoding="utf-8")
    (pages / "CNAME").write_text("medborgerskab.example.dk\n", encoding="utf-8")
    git(pages, "add", "--all")
    git(pages, "-c", "user.name=Someone", "-c", "user.email=someone@example.invalid", "commit", "--quiet",
        "--message", "An old page and a domain")
    git(pages, "push", "--quiet", "origin", BRANCH)
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn ny sætning på portalen.\n", encoding="utf-8")
    git(project, "commit", "--quiet", "--all", "--message", "Portal text")
    assert run_deploy(project, remote) == 0
    assert "En ny sætning på portalen." in read(remote, "index.html")
    names = set(top_level(remote))
    assert "gammel-side" not in names and {"CNAME", ".nojekyll", "alfa", "beta"} <= names
    # The microsites were rebuilt from the same content: still there, with their versions.
    assert [v["version"] for v in json.loads(read(remote, "alfa/versions.json"))] == ["2020"]
    assert [v["version"] for v in json.loads(read(remote, "beta/versions.json"))] == ["2012-hoering"]


def test_deploy_needs_a_git_clone(tmp_path: Path, remote: Path) -> None:
    from conftest import copy_project

    root = copy_project(tmp_path / "plain", FIXTURES / "municipalities")
    assert run_deploy(root, remote) == 1


def test_local_builds_ask_for_no_versions(fixture_site: Path) -> None:
    # `make build` and the preview: no version selector, so nothing asks for a versions.json
    # that only the published site has, and pages keep working offline.
    for page in (fixture_site / "alfa" / "index.html", fixture_site / "index.html",
                 fixture_site / "alfa" / "en" / "vaerdier" / "index.html"):
        document = soup(page)
        assert json.loads(document.find("script", id="__config").string)["version"] is None
        assert document.select_one('[data-md-component="outdated"]') is None
        assert "versions.json" not in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("edition", ["latest", "was"])
def test_an_edition_may_not_take_a_name_the_published_site_uses(tmp_path: Path, edition: str) -> None:
    from conftest import copy_project

    root = copy_project(tmp_path / "p", FIXTURES / "municipalities")
    for name in ("index.md", "index.en.md"):
        page = root / "municipalities" / "alfa" / name
        page.write_text(page.read_text(encoding="utf-8").replace('edition: "2020"', f'edition: "{edition}"'),
                        encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_catalog(root)
    errors = [error for error in caught.value.errors if error.code == "edition-reserved"]
    assert errors and errors[0].path == "municipalities/alfa/index.md" and errors[0].key == "edition"
    assert f"Udgavenavnet '{edition}' er forbeholdt" in str(errors[0])


# ---- Two steps: prepare without the remote, push with the token given to git's fetch and push only ----

GIT_RECORDER = """#!{python}
import json, os, sys
token = {token!r}
header = {header!r}
values = [value for name, value in os.environ.items() if name != "PATH"]
with open({log!r}, "a", encoding="utf-8") as out:
    out.write(json.dumps({{"args": sys.argv[1:], "token": any(token in v for v in values),
                          "header": any(header in v for v in values)}}) + "\\n")
os.execv({git!r}, ["git", *sys.argv[1:]])
"""
TOKEN = "ghs_not-a-real-token-0123456789"


@pytest.fixture()
def git_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every git command run from here on (ours and mike's), with whether its environment held the token."""
    import base64
    import sys

    real = shutil.which("git")
    log = tmp_path / "git.jsonl"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    header = base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
    (bin_dir / "git").write_text(GIT_RECORDER.format(python=sys.executable, token=TOKEN, header=header,
                                                     log=str(log), git=real), encoding="utf-8")
    (bin_dir / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    return log


def git_calls(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []


NETWORK = {"ls-remote", "fetch", "push"}


def test_prepare_talks_to_no_remote_and_push_builds_nothing(project: Path, remote: Path, tmp_path: Path,
                                                            git_log: Path) -> None:
    prepared = tmp_path / "prepared"
    assert cli.main(["--root", str(project), "deploy", "--prepare", str(prepared), "-m", "alfa"]) == 0
    assert git_calls(git_log) and not any(call["args"][0] in NETWORK for call in git_calls(git_log))
    plan = json.loads((prepared / "plan.json").read_text(encoding="utf-8"))
    assert plan["releases"] == [{"slug": "alfa", "edition": "2020"}] and plan["portal"] is False
    assert plan["microsites"] == ["alfa", "beta"] and plan["source"] == git(project, "rev-parse", "HEAD")
    assert (prepared / "site" / "alfa" / "2020" / "index.html").is_file()
    assert git(remote, "branch", "--list", BRANCH) == ""
    # The push publishes the prepared folder as it is: the content is gone, and nothing is built.
    shutil.rmtree(project / "municipalities")
    assert cli.main(["--root", str(project), "deploy", "--push", str(prepared), "--remote", str(remote)]) == 0
    assert [v["version"] for v in json.loads(read(remote, "alfa/versions.json"))] == ["2020"]
    page = (prepared / "site" / "alfa" / "2020" / "index.html").read_text(encoding="utf-8")
    assert read(remote, "alfa/2020/index.html") == page.strip() and read(remote, "alfa/latest/index.html")
    # Prepared again into the same folder, the earlier prepare is replaced.
    git(project, "checkout", "--quiet", "--", "municipalities")
    assert cli.main(["--root", str(project), "deploy", "--prepare", str(prepared), "-m", "beta"]) == 0
    assert json.loads((prepared / "plan.json").read_text(encoding="utf-8"))["releases"][0]["slug"] == "beta"
    assert not (prepared / "site" / "alfa").exists()


def test_the_token_reaches_only_the_git_commands_that_talk_to_the_remote(
        published: tuple[Path, Path], git_log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project, remote = published
    set_edition(project, "alfa", "2021")
    monkeypatch.setenv("POLICY_DEPLOY_TOKEN", TOKEN)
    assert run_deploy(project, remote, "-m", "alfa") == 0
    made = git_calls(git_log)
    network = [call for call in made if call["args"][0] in NETWORK]
    assert {call["args"][0] for call in network} == NETWORK
    assert all(call["header"] for call in network)  # as the Authorization header git sends
    assert not any(call["token"] or call["header"] for call in made if call["args"][0] not in NETWORK)
    assert len(made) > len(network)  # mike's and our other git commands ran, without it
    assert not any(TOKEN in argument for call in made for argument in call["args"])
    # Written nowhere: not in the clone's config, not left in the environment, not on the branch.
    assert TOKEN not in (project / ".git" / "config").read_text(encoding="utf-8")
    assert "POLICY_DEPLOY_TOKEN" not in os.environ
    assert TOKEN not in git(remote, "log", "-p", "-3", BRANCH)


def test_the_header_is_git_configuration_only_for_that_process(tmp_path: Path) -> None:
    import base64
    import subprocess

    from policybuild.deploy import _network_env

    env = _network_env({"PATH": os.environ["PATH"], "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
                        "GIT_CONFIG_COUNT": "1",
                        "GIT_CONFIG_KEY_0": "user.name", "GIT_CONFIG_VALUE_0": "Someone",
                        "POLICY_DEPLOY_TOKEN": TOKEN}, TOKEN)
    assert "POLICY_DEPLOY_TOKEN" not in env and env["GIT_TERMINAL_PROMPT"] == "0"
    shown = subprocess.run(["git", "config", "--get-regexp", r"^(http\..*\.extraheader|user\.name)$"], env=env,
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.splitlines()
    basic = base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
    assert shown == ["user.name Someone", f"http.https://github.com/.extraheader AUTHORIZATION: basic {basic}"]
    assert "GIT_CONFIG_COUNT" not in _network_env({"PATH": "/bin"}, None)


@pytest.fixture(scope="module")
def alfa_prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The fixture project in git, its (empty) remote, and alfa prepared for publishing once."""
    from policybuild.deploy import prepare

    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate_git(monkeypatch)
        base = tmp_path_factory.mktemp("alfa-prepared")
        remote = base / "pages.git"
        project = git_project(base / "project", remote)
        prepare(project, base / "prepared", only=["alfa"], jobs=1, **quiet)
    return project, remote, base / "prepared"


@pytest.fixture()
def prepared(alfa_prepared: tuple[Path, Path, Path], tmp_path: Path, hermetic_git: None) -> tuple[Path, Path, Path]:
    """A copy of the prepared folder for one test to change; the project and remote as they are."""
    project, remote, folder = alfa_prepared
    return project, remote, shutil.copytree(folder, tmp_path / "prepared", symlinks=True)


def test_push_refuses_a_deploy_prepared_from_another_commit(prepared: tuple[Path, Path, Path],
                                                            tmp_path: Path) -> None:
    from policybuild.deploy import push

    project, remote, folder = prepared
    moved = shutil.copytree(project, tmp_path / "moved", symlinks=True)
    set_edition(moved, "alfa", "2021")
    with pytest.raises(DeployFailed, match="was prepared from commit"):
        push(moved, folder, str(remote), BRANCH, **quiet)
    assert git(remote, "branch", "--list", BRANCH) == ""


def tamper_name(plan: dict) -> None:
    plan["releases"][0]["slug"] = "../alfa"


def tamper_edition(plan: dict) -> None:
    plan["releases"][0]["edition"] = "latest"


def tamper_slug_with_newline(plan: dict) -> None:
    plan["microsites"].append("alfa\n")


def tamper_extra_key(plan: dict) -> None:
    plan["releases"][0]["path"] = "/etc"


@pytest.mark.parametrize("tamper", [tamper_name, tamper_edition, tamper_slug_with_newline, tamper_extra_key])
def test_push_takes_only_a_plan_prepare_could_have_written(prepared: tuple[Path, Path, Path], tamper) -> None:
    from policybuild.deploy import push

    project, remote, folder = prepared
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    tamper(plan)
    (folder / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    with pytest.raises(DeployFailed, match="is not a plan"):
        push(project, folder, str(remote), BRANCH, **quiet)
    assert git(remote, "branch", "--list", BRANCH) == ""


def test_nothing_published_may_be_a_symlink(prepared: tuple[Path, Path, Path], tmp_path: Path) -> None:
    from policybuild.deploy import prepare, push

    project, remote, folder = prepared
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the web\n", encoding="utf-8")
    shards = tmp_path / "shards"
    shutil.copytree(folder / "site" / "alfa", shards / "alfa")
    (folder / "site" / "alfa" / "2020" / "secret.txt").symlink_to(secret)
    with pytest.raises(DeployFailed, match="symbolic link"):
        push(project, folder, str(remote), BRANCH, **quiet)
    # A shard from elsewhere is checked before it is copied in.
    (shards / "alfa" / "2020" / "secret.txt").symlink_to(secret)
    with pytest.raises(DeployFailed, match="symbolic link"):
        prepare(project, tmp_path / "again", only=["alfa"], shards=shards, **quiet)
    assert git(remote, "branch", "--list", BRANCH) == ""


def test_prepare_removes_only_a_folder_it_wrote(alfa_prepared: tuple[Path, Path, Path], tmp_path: Path) -> None:
    from policybuild.deploy import prepare

    project = alfa_prepared[0]
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep\n", encoding="utf-8")
    with pytest.raises(DeployFailed, match="not empty"):
        prepare(project, folder, only=["alfa"], jobs=1, **quiet)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep\n"
