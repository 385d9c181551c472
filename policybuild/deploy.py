"""Publish the microsites and the portal to a git branch (GitHub Pages) with mike.

Each microsite is built with versions and handed to mike's Python API as a
prebuilt folder: mike commits it to ``<slug>/<edition>/`` (the edition from the
policy's front-matter), moves the ``latest`` alias there as a copy (symlinks do
not work on branch-based Pages) and updates ``<slug>/versions.json``; older
editions stay where they are. ``<slug>/index.html`` and ``<slug>/was/`` follow
(``policybuild.editions``). The portal has one edition and owns the branch's
top level: everything there that is not a microsite (a folder with a
``versions.json``) is replaced by the new portal.

The commits are made on a private local branch, ``policysite-deploy/<branch>``,
reset to the remote's tip before every attempt, and pushed without force. When
the push is rejected because someone else pushed first, the remote is fetched
again and the same commits are made anew on top of what they pushed, a bounded
number of times: their changes stay, and ours land on top. Each commit records
the project commit it was built from (``Source-commit:``); a deploy from a
commit older than the one the branch already holds is skipped, so a stale run
cannot roll the site back.

Publishing is two steps, which CI runs apart so that only the second holds a
token: ``prepare`` builds (or assembles the shards) and link-checks everything
into a folder (``site/`` and ``plan.json``) without touching the remote, and
``push`` publishes that folder. Between them, ``policysite gate`` checks every
file of ``site/``. ``push`` hands a token from ``POLICY_DEPLOY_TOKEN`` to git
only for the commands that talk to the remote (ls-remote, fetch, push), as an
HTTP header in ``GIT_CONFIG_*`` variables of those processes: never in a
command line, never in ``.git/config``, never to mike's or any other process.
"""
from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import engine  # noqa: F401  (first: mike imports mkdocs, which the engine may redirect)
from mike import commands as mike_commands
from mike import git_utils

from policysite import gate
from policysite.catalog import load_catalog
from policysite.errors import ContentErrors
from policysite.review import check_portal_pages
from policysite.layout import HOST_FILES, INDEX_FILE, LATEST_ALIAS, RESERVED_EDITIONS, SITE_DIR, VERSIONS_FILE
from policysite.schema import SLUG

from . import editions, search
from .build import PORTAL, BuildFailed, build_one, build_sites, portal_url
from .linkcheck import check_site

DEFAULT_BRANCH = "gh-pages"
DEFAULT_ATTEMPTS = 4
SOURCE_TRAILER = "Source-commit"
# Files at the top of the branch that belong to neither the portal nor a microsite.
KEPT_AT_TOP = HOST_FILES
# A prepared deploy: the folder `prepare` writes and `push` publishes.
PLAN_FILE = "plan.json"
SITE_FOLDER = SITE_DIR
PLAN_FORMAT = 1
# The token `push` gives git for talking to the remote, and the server it is for.
TOKEN_ENV = "POLICY_DEPLOY_TOKEN"
SERVER_ENV = "GITHUB_SERVER_URL"
DEFAULT_SERVER = "https://github.com"
NETWORK_COMMANDS = frozenset({"ls-remote", "fetch", "push"})


class DeployFailed(Exception):
    """The deploy stopped; the message says why and what to do. Nothing half-done was pushed."""


@dataclass(frozen=True)
class Release:
    """One microsite edition to publish, built into ``home/<edition>/``."""

    slug: str
    edition: str
    home: Path


@dataclass(frozen=True)
class DeployResult:
    pushed: bool
    attempts: int
    commits: int
    message: str


@dataclass(frozen=True)
class Prepared:
    """A deploy ready to push: the built site and what to publish of it."""

    folder: Path
    releases: tuple[Release, ...]
    portal: Path | None  # the site, when the portal is published with it
    microsites: frozenset[str]  # every municipality the project has, published or not
    source: str | None


def deploy(root: Path, remote: str, branch: str = DEFAULT_BRANCH, only: list[str] | None = None,
           shards: Path | None = None, attempts: int = DEFAULT_ATTEMPTS, jobs: int | None = None,
           log: Callable[[str], None] = print,
           before_push: Callable[[int], None] | None = None) -> DeployResult:
    """Build (or take ``shards``), check, and publish to ``remote``'s ``branch``: ``prepare``, then ``push``.

    ``only`` publishes just those microsites and leaves the portal and the
    others as they are. ``shards`` is a folder of microsites already built with
    versions (``<slug>/<edition>/`` each, as ``policysite build --versioned -m``
    writes them): the portal is built here and the whole is link-checked.
    ``before_push`` is called before each push with the attempt number.
    """
    token = _take_token()
    root = root.resolve()
    _check_identity(_git_toplevel(root))
    with tempfile.TemporaryDirectory(prefix="policysite-deploy-") as work:
        folder = Path(work) / "deploy"
        prepare(root, folder, only=only, shards=shards, jobs=jobs, log=log)
        return push(root, folder, remote, branch, attempts=attempts, log=log, before_push=before_push,
                    token=token)


def prepare(root: Path, folder: Path, only: list[str] | None = None, shards: Path | None = None,
            jobs: int | None = None, log: Callable[[str], None] = print) -> Prepared:
    """Build (or assemble ``shards``) and link-check into ``folder``; nothing talks to the remote.

    ``folder`` gets ``site/`` (what will be published) and ``plan.json`` (which
    editions, whether the portal, from which commit). A folder an earlier
    prepare wrote is replaced; any other folder that is not empty is refused.
    """
    root = root.resolve()
    repo = _git_toplevel(root)
    catalog = load_catalog(root)
    slugs = [municipality.slug for municipality in catalog.municipalities]
    unknown = [slug for slug in only or () if slug not in slugs]
    if unknown:
        raise DeployFailed(f"Unknown municipality folder(s): {', '.join(map(repr, unknown))}. Known: {', '.join(slugs)}.")
    targets = list(only) if only else slugs
    _empty_folder(folder)
    site = folder / SITE_FOLDER
    if shards is None:
        build_sites(root, site, only=only, jobs=jobs, log=log, versioned=True)
    else:
        _assemble(root, shards.resolve(), site, targets, with_portal=not only)
        # A build here has passed the final gate in its staging folder; shards built elsewhere pass it now.
        refused = gate.check_tree(_gate_context(root, catalog), site, shown=f"{SITE_FOLDER}/", jobs=jobs)
        if refused:
            raise ContentErrors(refused)
    releases = tuple(Release(slug, editions.edition_of(catalog, slug), site / slug) for slug in targets)
    for release in releases:
        if not (release.home / release.edition / INDEX_FILE).is_file():
            raise DeployFailed(f"{release.slug}/{release.edition}/ was not built.")
    plan = {
        "format": PLAN_FORMAT,
        "source": _source_commit(repo),
        "portal": not only,
        "microsites": slugs,
        "releases": [{"slug": release.slug, "edition": release.edition} for release in releases],
    }
    (folder / PLAN_FILE).write_text(json.dumps(plan, indent=2) + "\n", encoding="utf-8")
    log(f"Prepared {len(releases)} microsite(s){' and the portal' if not only else ''} in {folder}.")
    return load_prepared(folder)


def push(root: Path, folder: Path, remote: str, branch: str = DEFAULT_BRANCH, attempts: int = DEFAULT_ATTEMPTS,
         log: Callable[[str], None] = print, before_push: Callable[[int], None] | None = None,
         token: str | None = None) -> DeployResult:
    """Publish what ``prepare`` wrote to ``folder`` to ``remote``'s ``branch``; builds nothing.

    The token (``token``, else ``POLICY_DEPLOY_TOKEN``) goes to git's ls-remote,
    fetch and push only. The checkout must still be at the commit it was prepared from.
    """
    token = token or _take_token()
    repo = _git_toplevel(root.resolve())
    _check_identity(repo)
    prepared = load_prepared(folder)
    source = _source_commit(repo)
    if prepared.source != source:
        raise DeployFailed(f"{folder} was prepared from commit {prepared.source or '?'}, but the checkout is at "
                           f"{source or '?'}: prepare it again (make deploy-prepare).")
    publisher = _Publisher(repo, remote, branch, source, log, token, _gate_context(root, load_catalog(root)))
    return publisher.publish(list(prepared.releases), prepared.portal, set(prepared.microsites), attempts,
                             before_push)


def load_prepared(folder: Path) -> Prepared:
    """The plan ``prepare`` wrote, checked as strictly as input: names, editions, files in place, no links."""
    folder = folder.resolve()
    site = folder / SITE_FOLDER
    try:
        plan = json.loads((folder / PLAN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DeployFailed(f"{folder} holds no prepared deploy ({PLAN_FILE}: {error}); run the prepare step "
                           f"first (make deploy-prepare).") from None
    ok = (isinstance(plan, dict) and plan.get("format") == PLAN_FORMAT and isinstance(plan.get("portal"), bool)
          and (plan.get("source") is None or _is_commit(plan.get("source")))
          and isinstance(plan.get("microsites"), list) and all(_is_slug(s) for s in plan["microsites"])
          and isinstance(plan.get("releases"), list)
          and all(isinstance(r, dict) and set(r) == {"slug", "edition"} and _is_slug(r["slug"])
                  and _is_slug(r["edition"]) and r["edition"] not in RESERVED_EDITIONS for r in plan["releases"]))
    if not ok:
        raise DeployFailed(f"{folder / PLAN_FILE} is not a plan `policysite deploy --prepare` wrote; prepare again.")
    if site.is_symlink() or not site.is_dir():
        raise DeployFailed(f"{site} is missing; prepare again.")
    _refuse_links(site)
    releases = tuple(Release(r["slug"], r["edition"], site / r["slug"]) for r in plan["releases"])
    for release in releases:
        if not (release.home / release.edition / INDEX_FILE).is_file():
            raise DeployFailed(f"{release.home / release.edition}/ is missing from the prepared deploy; prepare again.")
    return Prepared(folder, releases, site if plan["portal"] else None, frozenset(plan["microsites"]),
                    plan["source"])


def _is_slug(value: object) -> bool:
    return isinstance(value, str) and SLUG.fullmatch(value) is not None  # fullmatch: `$` allows a final newline


def _is_commit(value: object) -> bool:
    return isinstance(value, str) and len(value) in (40, 64) and all(c in "0123456789abcdef" for c in value)


def _empty_folder(folder: Path) -> None:
    """Make ``folder`` empty: new, empty, or what an earlier prepare wrote (nothing else is removed)."""
    if folder.is_symlink() or folder.is_file():
        raise DeployFailed(f"{folder} is not a folder; give prepare a new or empty folder.")
    if folder.is_dir() and any(folder.iterdir()):
        if not (folder / PLAN_FILE).is_file() and set(p.name for p in folder.iterdir()) != {SITE_FOLDER}:
            raise DeployFailed(f"{folder} is not empty and not an earlier prepared deploy; give prepare a new "
                               f"or empty folder.")
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)


def _refuse_links(folder: Path) -> None:
    """Nothing published may be a symlink: it would publish whatever it points at."""
    for path in folder.rglob("*"):
        if path.is_symlink():
            raise DeployFailed(f"{path} is a symbolic link; nothing published may be one. Nothing was deployed.")


def _take_token() -> str | None:
    """The deploy token, taken out of this process's environment so that no build or mike sees it."""
    return os.environ.pop(TOKEN_ENV, None) or None


def _gate_context(root: Path, catalog) -> gate.GateContext:
    return gate.GateContext.for_project(root, urlsplit(portal_url(root)).path, gate.domains_of(catalog))


def _assemble(root: Path, shards: Path, site: Path, targets: list[str], with_portal: bool) -> None:
    """The portal built here plus microsites built elsewhere, link-checked as one site."""
    catalog = load_catalog(root)
    if with_portal:
        portal_errors, _ = check_portal_pages(root)
        if portal_errors:
            raise ContentErrors(portal_errors)
        result = build_one(root, PORTAL, site, versioned=True)
        if result.error:
            raise BuildFailed(f"the portal did not build: {result.error}")
    for slug in targets:
        edition = editions.edition_of(catalog, slug)
        if not (shards / slug / edition / INDEX_FILE).is_file():
            raise DeployFailed(
                f"{shards / slug / edition}/ is missing: the shard for {slug} was not built with its current "
                f"edition (make build M={slug} VERSIONED=1).")
        _refuse_links(shards / slug)
        shutil.copytree(shards / slug, site / slug, symlinks=True)
    if with_portal:
        # The national search's index over every microsite as assembled (policybuild/search.py).
        search.write_index(site, site, [m.slug for m in catalog.municipalities], (), whole=True)
        broken = check_site(site, urlsplit(portal_url(root)).path)
        if broken:
            raise BuildFailed(f"{len(broken)} broken link(s) in the assembled site:\n"
                              + "\n".join(f"  - {link}" for link in broken[:50]) + "\nNothing was deployed.")


class _Publisher:
    """Commits to a private local branch and pushes it, re-applying on a rejected push."""

    def __init__(self, repo: Path, remote: str, branch: str, source: str | None, log: Callable[[str], None],
                 token: str | None, context: gate.GateContext):
        self.repo = repo
        self.token = token
        self.context = context  # the final gate, for what mike writes itself (versions.json)
        self.remote = remote
        self.branch = branch
        self.local = f"policysite-deploy/{branch}"
        self.source = source
        self.log = log

    def publish(self, releases: list[Release], portal: Path | None, microsites: set[str], attempts: int,
                before_push: Callable[[int], None] | None) -> DeployResult:
        for attempt in range(1, attempts + 1):
            self._fetch()
            newer = self._newer_deploy()
            if newer:
                message = (f"Skipped: {self.remote} {self.branch} already holds a deploy from {newer[:12]}, "
                           f"which is newer than {self.source[:12] if self.source else '?'}.")
                self.log(message)
                return DeployResult(False, attempt, 0, message)
            try:
                with contextlib.chdir(self.repo):
                    commits = sum(self._commit_release(release) for release in releases)
                    if portal is not None:
                        commits += self._commit_portal(portal, microsites | {r.slug for r in releases})
            except git_utils.GitError as error:
                raise DeployFailed(f"Committing to {self.local} failed, nothing was pushed: {error}") from None
            if commits == 0:
                message = f"Nothing changed: {self.remote} {self.branch} already holds this build."
                self.log(message)
                return DeployResult(False, attempt, 0, message)
            self._gate_versions(releases)
            if before_push is not None:
                before_push(attempt)
            if self._push():
                message = f"Pushed {commits} commit(s) to {self.remote} {self.branch} (attempt {attempt})."
                self.log(message)
                return DeployResult(True, attempt, commits, message)
            self.log(f"{self.remote} {self.branch} moved while we deployed (attempt {attempt} of {attempts}); "
                     f"fetching it and making our commits again on top.")
        raise DeployFailed(f"The push to {self.remote} {self.branch} was rejected {attempts} times because the "
                           f"branch kept moving. Nothing of ours was lost; run the deploy again.")

    def _gate_versions(self, releases: list[Release]) -> None:
        """mike writes <slug>/versions.json in its commit: it passes the final gate before anything is pushed."""
        with tempfile.TemporaryDirectory(prefix="policysite-versions-") as work:
            folder = Path(work)
            for release in releases:
                shown = self._git("show", f"refs/heads/{self.local}:{release.slug}/{VERSIONS_FILE}", check=False)
                if shown.returncode != 0:
                    raise DeployFailed(f"mike wrote no {release.slug}/{VERSIONS_FILE}; nothing was pushed.")
                (folder / release.slug).mkdir()
                (folder / release.slug / VERSIONS_FILE).write_text(shown.stdout, encoding="utf-8")
            refused = gate.check_tree(self.context, folder, shown=f"{self.branch}:")
            if refused:
                raise DeployFailed(ContentErrors(refused).report() + "\nNothing was pushed.")

    # ---- git

    def _git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        env = _network_env(os.environ, self.token) if args[0] in NETWORK_COMMANDS else None
        result = subprocess.run(["git", *args], cwd=self.repo, capture_output=True, text=True, check=False, env=env)
        if check and result.returncode != 0:
            raise DeployFailed(f"git {' '.join(args)} failed:\n{result.stderr.strip()}")
        return result

    def _fetch(self) -> None:
        """Point the private branch at the remote's tip (or nowhere, before the first deploy)."""
        heads = self._git("ls-remote", "--heads", self.remote, f"refs/heads/{self.branch}").stdout.strip()
        if heads:
            self._git("fetch", "--quiet", "--no-tags", self.remote, f"+refs/heads/{self.branch}:refs/heads/{self.local}")
        else:
            self._git("update-ref", "-d", f"refs/heads/{self.local}", check=False)

    def _push(self) -> bool:
        """True when pushed; False when rejected because the branch moved; DeployFailed otherwise."""
        result = self._git("push", "--porcelain", self.remote, f"refs/heads/{self.local}:refs/heads/{self.branch}",
                           check=False)
        if result.returncode == 0:
            return True
        if "[rejected]" in result.stdout or "[rejected]" in result.stderr:
            return False
        raise DeployFailed(f"git push to {self.remote} {self.branch} failed:\n{(result.stderr or result.stdout).strip()}")

    def _newer_deploy(self) -> str | None:
        """The source commit the branch holds, if it is a descendant of ours."""
        if self.source is None or not self._has_branch():
            return None
        log = self._git("log", "-n", "50", f"--format=%(trailers:key={SOURCE_TRAILER},valueonly,separator=)",
                        f"refs/heads/{self.local}").stdout.split()
        deployed = next((line for line in log if line), None)
        if deployed is None or deployed == self.source:
            return None
        ancestry = self._git("merge-base", "--is-ancestor", self.source, deployed, check=False)
        return deployed if ancestry.returncode == 0 else None

    def _has_branch(self) -> bool:
        return self._git("rev-parse", "--verify", "--quiet", f"refs/heads/{self.local}", check=False).returncode == 0

    def _message(self, text: str) -> str:
        return f"{text}\n\n{SOURCE_TRAILER}: {self.source}\n" if self.source else f"{text}\n"

    # ---- commits (mike's git helpers run git in the current folder: the caller is in self.repo)

    def _commit_release(self, release: Release) -> int:
        """mike's deploy of one edition, then the microsite's own files; the number of commits made."""
        made = 0
        config = {"site_dir": str(release.home / release.edition), "use_directory_urls": True}
        try:
            with mike_commands.deploy(
                config, release.edition, title=release.edition, aliases=[LATEST_ALIAS], update_aliases=True,
                alias_type=mike_commands.AliasType.copy, branch=self.local, deploy_prefix=release.slug,
                message=self._message(f"Deploy {release.slug} edition {release.edition}"),
            ):
                pass  # already built, checked and in config["site_dir"]
            made += 1
        except git_utils.GitEmptyCommit:
            pass
        try:
            with git_utils.Commit(self.local, self._message(f"Point {release.slug}/ at its newest edition")) as commit:
                for relative in editions.home_files(release.home, release.edition):
                    commit.add_file(git_utils.FileInfo(f"{release.slug}/{relative.as_posix()}",
                                                       (release.home / relative).read_bytes()))
            made += 1
        except git_utils.GitEmptyCommit:
            pass
        return made

    def _commit_portal(self, site: Path, microsites: set[str]) -> int:
        """Replace everything at the branch's top that is not a microsite with the new portal."""
        on_branch = self._top_level() if self._has_branch() else []
        published_microsites = {name for name in on_branch if self._is_microsite(name)}
        keep = microsites | published_microsites | KEPT_AT_TOP
        try:
            with git_utils.Commit(self.local, self._message("Deploy the portal")) as commit:
                commit.delete_files([name for name in on_branch if name not in keep])
                for path in sorted(site.rglob("*")):
                    relative = path.relative_to(site)
                    if path.is_file() and relative.parts[0] not in microsites:
                        commit.add_file(git_utils.FileInfo(relative.as_posix(), path.read_bytes()))
                commit.add_file(git_utils.FileInfo(".nojekyll", ""))
            return 1
        except git_utils.GitEmptyCommit:
            return 0

    def _top_level(self) -> list[str]:
        return self._git("ls-tree", "--name-only", f"refs/heads/{self.local}").stdout.split("\n")[:-1]

    def _is_microsite(self, name: str) -> bool:
        found = self._git("cat-file", "-e", f"refs/heads/{self.local}:{name}/{VERSIONS_FILE}", check=False)
        return found.returncode == 0


def _network_env(environ: os._Environ[str] | dict[str, str], token: str | None) -> dict[str, str]:
    """The environment of a git command that talks to the remote: no prompt, and the token if there is one.

    The token becomes an ``Authorization`` header for the server's addresses
    (``GITHUB_SERVER_URL``, as actions/checkout sets it), in git's
    ``GIT_CONFIG_COUNT``/``GIT_CONFIG_KEY_n``/``GIT_CONFIG_VALUE_n`` variables.
    """
    env = {name: value for name, value in environ.items() if name != TOKEN_ENV}
    env["GIT_TERMINAL_PROMPT"] = "0"
    if token:
        server = env.get(SERVER_ENV) or DEFAULT_SERVER
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode("ascii")
        try:
            count = int(env.get("GIT_CONFIG_COUNT", "0"))
        except ValueError:
            count = 0
        env[f"GIT_CONFIG_KEY_{count}"] = f"http.{server.rstrip('/')}/.extraheader"
        env[f"GIT_CONFIG_VALUE_{count}"] = f"AUTHORIZATION: basic {basic}"
        env["GIT_CONFIG_COUNT"] = str(count + 1)
    return env


def _git_toplevel(root: Path) -> Path:
    result = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise DeployFailed(f"{root} is not in a git clone: deploy commits to a branch of the repository it runs in.")
    return Path(result.stdout.strip())


def _check_identity(repo: Path) -> None:
    """mike signs its commits as the git committer; say how to set one before building anything."""
    if os.environ.get("GIT_COMMITTER_NAME") and os.environ.get("GIT_COMMITTER_EMAIL"):
        return
    for key in ("user.name", "user.email"):
        if subprocess.run(["git", "config", key], cwd=repo, capture_output=True, check=False).returncode != 0:
            raise DeployFailed(f"git has no {key}: set it (git config {key} ...) or GIT_COMMITTER_NAME and "
                               f"GIT_COMMITTER_EMAIL, who the deploy commits are from.")


def _source_commit(repo: Path) -> str | None:
    result = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "HEAD"], cwd=repo, capture_output=True,
                            text=True, check=False)
    return result.stdout.strip() or None
