"""Build the portal and every microsite into a staging folder, then swap it into place.

A failed build leaves the last good ``site/`` untouched: nothing is written
there until every site has built.

Built with versions (for ``policysite deploy``), each microsite lands in
``<slug>/<edition>/`` instead of ``<slug>/``, next to what the published site
will hold around it (see ``policybuild.editions``), so the link check sees the
addresses readers will follow. Versioned builds are always clean builds.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import subprocess
import tempfile
import time
from urllib.parse import urlsplit
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from policysite import clock, gate
from policysite.catalog import MUNICIPALITIES_DIR, Catalog, load_catalog, settled
from policysite.errors import ContentErrors
from policysite.model import DEFAULT_LANGUAGE
from policysite.review import check_portal_pages

from . import editions, speedups
from .fingerprint import site_keys
from .linkcheck import check_site

CONFIG_FILE = "mkdocs.yml"
PORTAL = ""  # the portal is the site without a slug
CACHE_DIR = ".cache/catalog"  # validated municipalities, by the hash of their files
TEMPLATE_CACHE_DIR = ".cache/templates"  # compiled Jinja templates, by the hash of their source
LINK_CACHE = ".cache/links.pickle"  # the links and anchors of each built page, by file identity


class BuildFailed(Exception):
    """One or more sites did not build; the message says which and why."""


@dataclass(frozen=True)
class SiteResult:
    slug: str
    seconds: float
    error: str | None


def build_one(root: Path, slug: str, site_dir: Path, versioned: bool = False) -> SiteResult:
    """Build the portal (slug "") or one microsite with MkDocs into ``site_dir``.

    ``versioned`` builds for publishing with versions (mkdocs.yml's ``extra.versioned``).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    started = time.perf_counter()
    docs_dir = root / "docs" if slug == PORTAL else root / MUNICIPALITIES_DIR / slug
    try:
        config = load_config(str(root / CONFIG_FILE), docs_dir=str(docs_dir), site_dir=str(site_dir))
        config.extra["versioned"] = versioned
        build(config)
    except MkDocsException as exc:
        return SiteResult(slug, time.perf_counter() - started, str(exc).strip() or type(exc).__name__)
    except SystemExit as exc:  # mkdocs aborts strict builds this way in some paths
        return SiteResult(slug, time.perf_counter() - started, f"build aborted ({exc})")
    return SiteResult(slug, time.perf_counter() - started, None)


def _build_job(args: tuple[str, str, str, bool]) -> SiteResult:
    root, slug, site_dir, versioned = args
    _configure_logging()
    return build_one(Path(root), slug, Path(site_dir), versioned)


def _configure_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)


def manifest_path(site: Path) -> Path:
    """Where the input hashes of the published build are kept: next to the site, not in it."""
    return site.with_name(f".{site.name}.manifest.json")


def _read_manifest(site: Path) -> dict[str, str]:
    try:
        data = json.loads(manifest_path(site).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def build_sites(root: Path, site: Path, only: list[str] | None = None, jobs: int | None = None,
                log=print, clean: bool = False, versioned: bool = False) -> list[SiteResult]:
    """Validate everything, build into staging, and publish to ``site`` only if all succeeded.

    Sites whose inputs are unchanged since the published build (policybuild/fingerprint.py)
    are not rebuilt unless ``clean``; the result is the same as a clean build.
    ``versioned`` builds each microsite into ``<slug>/<edition>/`` for publishing with mike.
    """
    clean = clean or versioned
    root = root.resolve()
    try:
        today = clock.today()  # a mistyped POLICY_TODAY stops the build here, with its message, not in every site
    except clock.ClockError as error:
        raise BuildFailed(str(error)) from None
    catalog = load_catalog(root, cache_dir=root / CACHE_DIR)  # raises ContentErrors before anything is built
    if not only:
        portal_errors, _ = check_portal_pages(root)
        if portal_errors:
            raise ContentErrors(portal_errors)
    slugs = [m.slug for m in catalog.municipalities]
    if only:
        unknown = [slug for slug in only if slug not in slugs]
        if unknown:
            raise BuildFailed(f"Unknown municipality folder(s): {', '.join(unknown)}. Known: {', '.join(slugs)}.")
        targets = list(only)
    else:
        targets = [PORTAL, *slugs]
    site = site.resolve()
    keys = site_keys(root, catalog, today)
    published = {} if clean else _read_manifest(site)
    unchanged = [slug for slug in targets if published.get(slug) == keys[slug]
                 and (site / slug / "index.html").is_file()]
    if not only and len(unchanged) == len(targets):
        log("nothing changed since the last build")
        return []
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.staging-", dir=site.parent))
    speedups.install()
    previous_cache = os.environ.get("POLICY_CACHE_DIR")
    os.environ["POLICY_CACHE_DIR"] = str(root / TEMPLATE_CACHE_DIR)  # compiled templates (hooks/policy_templates.py)
    try:
        # With the portal unchanged, only the changed microsites are built and swapped in;
        # otherwise the whole site is assembled in staging and swapped in at once.
        whole = not only and (PORTAL not in unchanged or not site.is_dir())
        with settled(root):
            if whole:
                results = _build_all(root, catalog, staging, targets, unchanged, site, jobs, versioned)
            else:
                todo = [slug for slug in targets if slug not in unchanged]
                results = _build_microsites(root, catalog, staging, todo, jobs, versioned)
        failed = [result for result in results if result.error]
        if failed:
            raise BuildFailed("\n".join(
                f"{_name(result.slug)} did not build: {result.error}" for result in failed
            ) + f"\nNothing was published; {site.name}/ still holds the last good build.")
        if versioned:
            for result in results:
                if result.slug != PORTAL:
                    editions.add_surroundings(root, catalog, result.slug, staging / result.slug)
        if not only:
            base = urlsplit(portal_url(root)).path
            cache = root / LINK_CACHE
            broken = (check_site(staging, base, cache=cache) if whole else
                      check_site(site, base, cache=cache, overlays={r.slug: staging / r.slug for r in results}))
            if broken:
                raise BuildFailed(
                    f"{len(broken)} broken link(s) in the built site:\n"
                    + "\n".join(f"  - {link}" for link in broken[:50])
                    + f"\nNothing was published; {site.name}/ still holds the last good build.")
        # The final gate (policysite/gate.py) over every file that is about to be published.
        context = gate.GateContext.for_project(root, urlsplit(portal_url(root)).path, gate.domains_of(catalog))
        folders = [("", staging)] if whole else [(result.slug, staging / result.slug) for result in results]
        refused = [error for within, folder in folders
                   for error in gate.check_tree(context, folder, within=within, shown=f"{site.name}/{within}", jobs=jobs)]
        if refused:
            raise ContentErrors(refused)
        _publish(staging, site, only=None if whole else [result.slug for result in results])
        if versioned:  # a different layout: the next plain build starts afresh
            manifest_path(site).unlink(missing_ok=True)
        else:
            manifest = {} if not only else {k: v for k, v in _read_manifest(site).items() if k in keys}
            manifest.update({slug: keys[slug] for slug in targets})
            manifest_path(site).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        for result in results:
            log(f"built {_name(result.slug)} in {result.seconds:.2f} s")
        if unchanged:
            log(f"{len(unchanged)} site(s) unchanged, kept from the last build")
        return results
    finally:
        speedups.uninstall()
        if previous_cache is None:
            os.environ.pop("POLICY_CACHE_DIR", None)
        else:
            os.environ["POLICY_CACHE_DIR"] = previous_cache
        shutil.rmtree(staging, ignore_errors=True)


def _build_all(root: Path, catalog: Catalog, staging: Path, targets: list[str], unchanged: list[str],
               site: Path, jobs: int | None, versioned: bool) -> list[SiteResult]:
    """Build the changed sites into ``staging`` and link the unchanged ones in from ``site``."""
    results: list[SiteResult] = []
    todo = [slug for slug in targets if slug not in unchanged]
    # The portal cleans its site_dir, so it is built (or copied) before the microsites inside it.
    kept: list[Path] = []
    if PORTAL in targets:
        if PORTAL in todo:
            todo.remove(PORTAL)
            results.append(_build_job((str(root), PORTAL, str(staging), versioned)))
        else:
            # Every microsite folder is left out, including those of municipalities since removed.
            microsites = {m.slug for m in catalog.municipalities} | set(_read_manifest(site))
            kept.extend(entry for entry in site.iterdir()
                        if entry.name not in microsites and not entry.name.startswith("."))
    kept.extend(site / slug for slug in unchanged if slug != PORTAL)
    _link_into(kept, staging)
    return results + _build_microsites(root, catalog, staging, todo, jobs, versioned)


def _build_microsites(root: Path, catalog: Catalog, staging: Path, todo: list[str],
                      jobs: int | None, versioned: bool) -> list[SiteResult]:
    """Build microsites into staging/<slug> (or <slug>/<edition>), in parallel on every core."""
    results: list[SiteResult] = []

    def site_dir(slug: str) -> Path:
        if versioned:
            return staging / slug / catalog.municipality(slug).policy(DEFAULT_LANGUAGE).edition
        return staging / slug

    jobs_list = [(str(root), slug, str(site_dir(slug)), versioned) for slug in todo]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(jobs_list)))
    if jobs_list:
        if workers == 1:
            results.extend(_build_job(job) for job in jobs_list)
        else:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                results.extend(pool.map(_build_job, jobs_list))
    return results


def _link_into(sources: list[Path], destination: Path) -> None:
    """Hard-link published files and folders into staging (unchanged sites are not rebuilt)."""
    if not sources:
        return
    try:
        subprocess.run(["cp", "-al", "--", *map(str, sources), str(destination)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return
    except (OSError, subprocess.CalledProcessError):  # no GNU cp, or another file system
        pass
    for source in sources:
        target = destination / source.name
        if target.is_dir():
            shutil.rmtree(target)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)


def portal_url(root: Path) -> str:
    """The portal's address as the build sees it (mkdocs.yml, or POLICY_SITE_URL)."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader  # reads !ENV as MkDocs does, without loading plugins

    with open(root / CONFIG_FILE, encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=get_yaml_loader())
    return config["extra"]["portal_url"]


def _name(slug: str) -> str:
    return "the portal" if slug == PORTAL else f"{MUNICIPALITIES_DIR}/{slug}"


def _publish(staging: Path, site: Path, only: list[str] | None) -> None:
    """Swap the staged build into place with renames, so readers never see half a site."""
    if only is None:
        old = site.with_name(f".{site.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if site.exists():
            os.replace(site, old)
        os.replace(staging, site)
        shutil.rmtree(old, ignore_errors=True)
        staging.mkdir()  # the caller's cleanup expects it
        return
    site.mkdir(parents=True, exist_ok=True)
    for slug in only:
        target = site / slug
        old = site / f".{slug}.old"
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            os.replace(target, old)
        os.replace(staging / slug, target)
        shutil.rmtree(old, ignore_errors=True)
