"""Build the portal and every microsite into a staging folder, then swap it into place.

A failed build leaves the last good ``site/`` untouched: nothing is written
there until every site has built.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import tempfile
import time
from urllib.parse import urlsplit
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from policysite import clock
from policysite.catalog import MUNICIPALITIES_DIR, load_catalog
from policysite.errors import ContentErrors
from policysite.review import check_portal_pages

from .linkcheck import check_site

CONFIG_FILE = "mkdocs.yml"
PORTAL = ""  # the portal is the site without a slug


class BuildFailed(Exception):
    """One or more sites did not build; the message says which and why."""


@dataclass(frozen=True)
class SiteResult:
    slug: str
    seconds: float
    error: str | None


def build_one(root: Path, slug: str, site_dir: Path) -> SiteResult:
    """Build the portal (slug "") or one microsite with MkDocs into ``site_dir``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    started = time.perf_counter()
    docs_dir = root / "docs" if slug == PORTAL else root / MUNICIPALITIES_DIR / slug
    try:
        config = load_config(str(root / CONFIG_FILE), docs_dir=str(docs_dir), site_dir=str(site_dir))
        build(config)
    except MkDocsException as exc:
        return SiteResult(slug, time.perf_counter() - started, str(exc).strip() or type(exc).__name__)
    except SystemExit as exc:  # mkdocs aborts strict builds this way in some paths
        return SiteResult(slug, time.perf_counter() - started, f"build aborted ({exc})")
    return SiteResult(slug, time.perf_counter() - started, None)


def _build_job(args: tuple[str, str, str]) -> SiteResult:
    root, slug, site_dir = args
    _configure_logging()
    return build_one(Path(root), slug, Path(site_dir))


def _configure_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)


def build_sites(root: Path, site: Path, only: list[str] | None = None, jobs: int | None = None,
                log=print) -> list[SiteResult]:
    """Validate everything, build into staging, and publish to ``site`` only if all succeeded."""
    root = root.resolve()
    try:
        clock.today()  # a mistyped POLICY_TODAY stops the build here, with its message, not in every site
    except clock.ClockError as error:
        raise BuildFailed(str(error)) from None
    catalog = load_catalog(root)  # raises ContentErrors before anything is built
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
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.staging-", dir=site.parent))
    try:
        jobs_list = [(str(root), slug, str(staging / slug) if slug else str(staging)) for slug in targets]
        # The portal cleans its site_dir, so it must build before microsites write inside it.
        results: list[SiteResult] = []
        if targets and targets[0] == PORTAL:
            results.append(_build_job(jobs_list.pop(0)))
        workers = max(1, min(jobs or os.cpu_count() or 1, len(jobs_list)))
        if jobs_list:
            if workers == 1:
                results.extend(_build_job(job) for job in jobs_list)
            else:
                context = multiprocessing.get_context("fork")
                with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                    results.extend(pool.map(_build_job, jobs_list))
        failed = [result for result in results if result.error]
        if failed:
            raise BuildFailed("\n".join(
                f"{_name(result.slug)} did not build: {result.error}" for result in failed
            ) + f"\nNothing was published; {site.name}/ still holds the last good build.")
        if not only:
            broken = check_site(staging, urlsplit(portal_url(root)).path)
            if broken:
                raise BuildFailed(
                    f"{len(broken)} broken link(s) in the built site:\n"
                    + "\n".join(f"  - {link}" for link in broken[:50])
                    + f"\nNothing was published; {site.name}/ still holds the last good build.")
        _publish(staging, site, only=targets if only else None)
        for result in results:
            log(f"built {_name(result.slug)} in {result.seconds:.2f} s")
        return results
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def portal_url(root: Path) -> str:
    """The portal's address as the build sees it (mkdocs.yml, or POLICY_SITE_URL)."""
    from mkdocs.config import load_config

    return load_config(str(root / CONFIG_FILE)).extra["portal_url"]


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
