"""Build the portal and every microsite into a staging folder, then swap it into place.

A failed build leaves the last good ``site/`` untouched: nothing is written
there until every site has built and every link of what was built leads
somewhere. One build runs at a time, and the swap never leaves ``site/``
missing or half-replaced (policybuild/publish.py).

Built with versions (for ``policysite deploy``), each microsite lands in
``<slug>/<edition>/`` instead of ``<slug>/``, next to what the published site
will hold around it (see ``policybuild.editions``), so the link check sees the
addresses readers will follow. Versioned builds are always clean builds.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import stat
import subprocess
import tempfile
import time
from urllib.parse import urlsplit
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from policysite import clock, gate, sealed
from policysite.catalog import Catalog, load_catalog, settled
from policysite.layout import (CONFIG_FILE, INDEX_FILE, MUNICIPALITIES_DIR, NATIONAL_INDEX_DIR, NATIONAL_SEARCH_PAGE,
                              PORTAL_DIR)
from policysite.nationalindex import IndexFailed
from policysite.errors import ContentErrors
from policysite.model import DEFAULT_LANGUAGE, LANGUAGES
from policysite.review import check_portal_pages
from policysite.schema import LATEST_ALIAS
from policysite.urls import SiteUrls, page_path
from policysite.views import THEMES_PATH, theme_page_path

from . import editions, engine, manifest, pdf, publish, search, speedups
from .fingerprint import site_keys
from .linkcheck import BrokenLink, check_site

PORTAL = ""  # the portal is the site without a slug
# Caches, sealed with this machine's key (policysite/sealed.py); compiled templates stay in memory.
CACHE_DIR = ".cache/catalog"  # validated municipalities, by the hash of their files
LINK_CACHE = ".cache/links.json"  # the links and anchors of each built page, by file identity
# Portal pages the portal's hook generates (hooks/policy_portal.py) besides docs/ and the theme pages.
PORTAL_GENERATED_PAGES = ("sammenligning/", page_path(NATIONAL_SEARCH_PAGE))


class BuildFailed(Exception):
    """One or more sites did not build; the message says which and why."""


@dataclass(frozen=True)
class SiteResult:
    slug: str
    seconds: float
    error: str | None
    pdf_seconds: float = 0.0  # of ``seconds``, making the whole-policy PDFs (policybuild/pdf.py)


def build_one(root: Path, slug: str, site_dir: Path, versioned: bool = False) -> SiteResult:
    """Build the portal (slug "") or one microsite with MkDocs into ``site_dir``.

    ``versioned`` builds for publishing with versions (mkdocs.yml's ``extra.versioned``).
    """
    started = time.perf_counter()
    docs_dir = root / PORTAL_DIR if slug == PORTAL else root / MUNICIPALITIES_DIR / slug
    pdfs: tuple[pdf.RenderedPdf, ...] = ()
    try:
        config = engine.load_config(str(root / CONFIG_FILE), docs_dir=str(docs_dir), site_dir=str(site_dir))
        config.extra["versioned"] = versioned
        if slug != PORTAL:  # made first, so that every page can link to its PDF with its size
            pdfs = pdf.microsite_pdfs(root, slug, config.extra, versioned)
        engine.build(config)
        pdf.write(pdfs, site_dir)
    except engine.MkDocsException as exc:
        return SiteResult(slug, time.perf_counter() - started, str(exc).strip() or type(exc).__name__)
    except SystemExit as exc:  # mkdocs aborts strict builds this way in some paths
        return SiteResult(slug, time.perf_counter() - started, f"build aborted ({exc})")
    except pdf.PdfFailed as exc:
        return SiteResult(slug, time.perf_counter() - started, str(exc))
    return SiteResult(slug, time.perf_counter() - started, None, sum(made.seconds for made in pdfs))


def _build_job(args: tuple[str, str, str, bool]) -> SiteResult:
    root, slug, site_dir, versioned = args
    _configure_logging()
    return build_one(Path(root), slug, Path(site_dir), versioned)


def _configure_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    logging.getLogger(engine.LOGGER).setLevel(logging.WARNING)


def manifest_path(site: Path) -> Path:
    """Where the record of the published build is kept: next to the site, not in it (policybuild/manifest.py)."""
    return manifest.path(site)


def build_sites(root: Path, site: Path, only: list[str] | None = None, jobs: int | None = None,
                log=print, clean: bool = False, versioned: bool = False) -> list[SiteResult]:
    """Validate everything, build into staging, and publish to ``site`` only if all succeeded.

    Sites whose inputs are unchanged since the published build (policybuild/fingerprint.py)
    and whose published files are as recorded (policybuild/manifest.py) are not rebuilt
    unless ``clean``; the result is the same as a clean build.
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
        targets = list(dict.fromkeys(only))
    else:
        targets = [PORTAL, *slugs]
    site = site.resolve()
    try:
        with publish.exclusive(site, log):
            return _build_locked(root, site, catalog, today, targets, only, jobs, log, clean, versioned)
    except publish.LockFailed as error:
        raise BuildFailed(str(error)) from None


def _build_locked(root: Path, site: Path, catalog: Catalog, today, targets: list[str], only: list[str] | None,
                  jobs: int | None, log, clean: bool, versioned: bool) -> list[SiteResult]:
    """build_sites, holding the site's lock."""
    secret = sealed.machine_key(root)
    microsites = {m.slug for m in catalog.municipalities}
    keys = site_keys(root, catalog, today)
    # The national search's index (policybuild/search.py) is recorded apart from the portal it sits in.
    portal_skip = microsites | {NATIONAL_INDEX_DIR}
    index_key = search.index_key(keys, microsites)
    published = manifest.Manifest({}, {}) if clean else manifest.read(site, secret)
    verified = {} if clean else manifest.unchanged_sites(site, published, keys, targets, portal_skip)
    index_verified = None if clean or published.inputs.get(search.KEY) != index_key else manifest.verified(
        site / NATIONAL_INDEX_DIR, published.files.get(search.KEY))
    unchanged = [slug for slug in targets if slug in verified]
    if not only and len(unchanged) == len(targets) and index_verified is not None:
        if any(verified[slug] != published.files.get(slug) for slug in unchanged) \
                or index_verified != published.files.get(search.KEY):
            published.files.update(verified)  # same contents, new identities (e.g. a copied site): hash once
            published.files[search.KEY] = index_verified
            manifest.write(site, secret, published)
        log("nothing changed since the last build")
        return []
    staging = Path(tempfile.mkdtemp(prefix=publish.staging_prefix(site), dir=site.parent))
    speedups.install()
    try:
        # With the portal unchanged, only the changed microsites are built and swapped in;
        # otherwise the whole site is assembled in staging and swapped in at once.
        whole = not only and (PORTAL not in unchanged or not site.is_dir())
        with settled(root):
            if whole:
                results = _build_all(root, catalog, staging, targets, unchanged, site,
                                     published.sites(), jobs, versioned)
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
        # The national search's index, over every microsite as it will be published.
        # It belongs to the portal: written with it or into a published portal, not into a site that has
        # none yet (make build M=... on a fresh checkout; shards built for `policysite deploy`, which writes
        # the index over the assembled site).
        index_seconds = None
        with_portal = whole if versioned else whole or (site / INDEX_FILE).is_file()
        if (results or index_verified is None) and with_portal:
            try:
                index_seconds = search.write_index(staging, site, microsites, [r.slug for r in results], whole)
            except IndexFailed as error:
                raise BuildFailed(f"{error}\nNothing was published; {site.name}/ still holds the last good build.") \
                    from None
        broken = _broken_links(root, catalog, site, staging, results, whole, bool(only), secret, versioned)
        if broken:
            built = {result.slug for result in results}
            elsewhere = only and any(link.page.split("/", 1)[0] not in built for link in broken)
            raise BuildFailed(
                f"{len(broken)} broken link(s) in the built site:\n"
                + "\n".join(f"  - {link}" for link in broken[:50])
                + ("\nPages of other sites link to what changed: build everything with 'make build' "
                   "(without M=) so they are rebuilt with it." if elsewhere else "")
                + f"\nNothing was published; {site.name}/ still holds the last good build.")
        # The final gate (policysite/gate.py) over every file that is about to be published. Microsites
        # kept from the last build are not read again: their inputs (the gate's code and everything it is
        # given included, policybuild/fingerprint.py) are those of the published build, which passed the
        # gate, and every file is as the manifest recorded it then (manifest.unchanged_sites).
        context = gate.GateContext.for_project(root, urlsplit(portal_url(root)).path, gate.domains_of(catalog))
        folders = [("", staging)] if whole else [(result.slug, staging / result.slug) for result in results]
        passed = _kept_files(staging, {slug: verified[slug] for slug in unchanged if slug != PORTAL}) \
            if whole else frozenset()
        if not whole and index_seconds is not None:
            folders.append((NATIONAL_INDEX_DIR, staging / NATIONAL_INDEX_DIR))
        refused = [error for within, folder in folders
                   for error in gate.check_tree(context, folder, within=within, shown=f"{site.name}/{within}",
                                                jobs=jobs, passed=passed)]
        if refused:
            raise ContentErrors(refused)
        _publish(staging, site, only=None if whole else [result.slug for result in results]
                 + ([NATIONAL_INDEX_DIR] if index_seconds is not None else []))
        if versioned:  # a different layout: the next plain build starts afresh
            manifest_path(site).unlink(missing_ok=True)
        else:
            kept = {} if not only else {slug: key for slug, key in published.inputs.items()
                                        if slug in keys and slug not in targets}
            record = manifest.Manifest(kept, {slug: published.files[slug] for slug in kept})
            for slug in targets:
                record.inputs[slug] = keys[slug]
                record.files[slug] = manifest.record(manifest.site_folder(site, slug), verified.get(slug),
                                                     skip=portal_skip if slug == PORTAL else ())
            record.inputs[search.KEY] = index_key
            record.files[search.KEY] = manifest.record(site / NATIONAL_INDEX_DIR, index_verified)
            manifest.write(site, secret, record)
        for result in results:
            log(f"built {_name(result.slug)} in {result.seconds:.2f} s"
                + (f" (of which the PDFs {result.pdf_seconds:.2f} s)" if result.pdf_seconds else ""))
        if index_seconds is not None:
            log(f"indexed the national search in {index_seconds:.2f} s")
        if unchanged:
            log(f"{len(unchanged)} site(s) unchanged, kept from the last build")
        return results
    finally:
        speedups.uninstall()
        shutil.rmtree(staging, ignore_errors=True)


def _broken_links(root: Path, catalog: Catalog, site: Path, staging: Path, results: list[SiteResult],
                  whole: bool, single: bool, secret: bytes | None, versioned: bool) -> list[BrokenLink]:
    """Every link of what was built, checked against the site as it will be once it is published.

    A whole build checks the staged site. Otherwise the new microsites are laid over
    the published site; a single-municipality build (``single``) checks the links on
    its pages and the links from the rest of the site into them, and where the portal
    or another microsite has not been built into ``site`` yet (a fresh checkout), a
    link into it is checked against the pages the catalog says it will have.
    """
    base = urlsplit(portal_url(root)).path
    cache = root / LINK_CACHE
    microsites = frozenset(m.slug for m in catalog.municipalities)
    if whole:
        return check_site(staging, base, cache=cache, secret=secret, microsites=microsites)
    overlays = {result.slug: staging / result.slug for result in results}
    if not single:
        return check_site(site, base, cache=cache, overlays=overlays, secret=secret, microsites=microsites)
    if not overlays:
        return []
    return check_site(site, base, cache=cache, overlays=overlays, secret=secret, microsites=microsites,
                      only=set(overlays), expected=catalog_addresses(root, catalog, versioned))


def catalog_addresses(root: Path, catalog: Catalog, versioned: bool = False) -> dict[str, frozenset[str] | None]:
    """The pages the portal and every microsite will have, by the catalog, as files of the site.

    Each microsite page maps to the anchors of its building blocks (the anchors other
    sites link to); portal pages map to None (their anchors are known only once built).
    Microsites on their own domain are left out: links to another host are not checked.
    """
    portal = portal_url(root)
    origin = urlsplit(portal)
    base = origin.path if origin.path.endswith("/") else origin.path + "/"
    urls = SiteUrls(portal, catalog, latest_alias=LATEST_ALIAS if versioned else None)

    def file_of(url: str) -> str | None:
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc) or not parts.path.startswith(base):
            return None
        path = parts.path[len(base):]
        return path + INDEX_FILE if not path or path.endswith("/") else path

    addresses: dict[str, frozenset[str] | None] = {}
    for municipality in catalog.municipalities:
        if versioned and (home := file_of(urls.microsite_home(municipality.slug))):
            addresses[home] = None
        for lang, policy in municipality.policies.items():
            for page in policy.pages:
                name = file_of(urls.microsite_page(municipality.slug, lang, page.name))
                if name:
                    addresses[name] = frozenset(block.id for block in page.blocks)
    docs = root / PORTAL_DIR
    pages = {_doc_page(path.relative_to(docs).as_posix()) for path in docs.rglob("*.md")} if docs.is_dir() else set()
    generated = [f"{THEMES_PATH}/", *(theme_page_path(theme) for theme in catalog.themes), *PORTAL_GENERATED_PAGES]
    pages |= {(lang, path) for lang in LANGUAGES for path in generated}
    for lang, path in sorted(pages):
        name = file_of(urls.portal_page(lang, path))
        if name:
            addresses[name] = None
    return addresses


def _doc_page(name: str) -> tuple[str, str]:
    """'redaktoerer/skema.en.md' -> ('en', 'redaktoerer/skema/') (static-i18n's suffix layout)."""
    parts = name.rsplit(".", 2)
    if len(parts) == 3 and parts[1] in LANGUAGES:
        return parts[1], page_path(f"{parts[0]}.{parts[2]}")
    return DEFAULT_LANGUAGE, page_path(name)


def _build_all(root: Path, catalog: Catalog, staging: Path, targets: list[str], unchanged: list[str],
               site: Path, published: set[str], jobs: int | None, versioned: bool) -> list[SiteResult]:
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
            # The national search's index is written anew (policybuild/search.py).
            microsites = {m.slug for m in catalog.municipalities} | published | {NATIONAL_INDEX_DIR}
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
            pdf.preload()  # the workers' PDFs (policybuild/pdf.py) share one import of WeasyPrint
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                results.extend(pool.map(_build_job, jobs_list))
    return results


def _kept_files(staging: Path, kept: dict[str, manifest.Record]) -> frozenset[str]:
    """The files of ``staging`` (relative paths) that are the very files the manifest verified for the
    microsites in ``kept``: hard links to them, the same inode, size and modification time (as
    manifest.record trusts them), so the gate passed them when they were published."""
    same: set[str] = set()
    for slug, record in kept.items():
        for name, entry in record.items():
            try:
                status = os.lstat(staging / slug / name)
            except OSError:
                continue
            if stat.S_ISREG(status.st_mode) and [status.st_size, status.st_ino, status.st_mtime_ns] == entry[1:4]:
                same.add(f"{slug}/{name}")
    return frozenset(same)


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

    with open(root / CONFIG_FILE, encoding="utf-8") as handle:  # !ENV read as the engine reads it, no plugins loaded
        config = yaml.load(handle, Loader=engine.get_yaml_loader())
    return config["extra"]["portal_url"]


def _name(slug: str) -> str:
    return "the portal" if slug == PORTAL else f"{MUNICIPALITIES_DIR}/{slug}"


def _publish(staging: Path, site: Path, only: list[str] | None) -> None:
    """Swap the staged build into place, so readers never see half a site (policybuild/publish.py).

    The whole site in one exchange; or, with ``only``, each of those microsites in
    one exchange of its own folder.
    """
    if only is None:
        previous = publish.replace_folder(staging, site, publish.parked(site))
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
        return
    site.mkdir(parents=True, exist_ok=True)
    for slug in only:
        previous = publish.replace_folder(staging / slug, site / slug, publish.parked(site, slug))
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
