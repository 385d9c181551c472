"""Which site a MkDocs build is making, derived from its configuration (shared by the hooks).

``load_site(config)`` reads and validates the catalog at the start of every
build (policy_site's on_config, once per language); every later event asks
``site_of(config)``, which reuses what that build loaded, keyed by the build's
config object, and reads the language static-i18n is building at that moment.
So nothing leaks between languages or builds, and no page re-reads the country.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from policysite import clock
from policysite.catalog import Catalog, load_catalog
from policysite.errors import ContentErrors
from policysite.graph import ThemeIndex
from policysite.labels import quote_parts
from policysite.layout import LATEST_ALIAS, MUNICIPALITIES_DIR
from policysite.model import DEFAULT_LANGUAGE, LANGUAGES, Municipality, Policy, PolicyPage
from policysite.urls import SiteUrls, page_path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Site:
    """The site being built: the portal, or one municipality's microsite, in one language."""

    catalog: Catalog
    municipality: Municipality | None
    lang: str
    urls: SiteUrls
    today: dt.date  # the build's date (policysite.clock), for what depends on it: open consultations

    @property
    def policy(self) -> Policy | None:
        return self.municipality.policy(self.lang) if self.municipality else None

    @property
    def is_portal(self) -> bool:
        return self.municipality is None


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent if config.config_file_path else PROJECT_ROOT


def catalog_of(config: MkDocsConfig) -> Catalog:
    try:
        return load_catalog(project_root(config))
    except ContentErrors as errors:
        raise PluginError(errors.report()) from None


def municipality_slug(config: MkDocsConfig) -> str | None:
    docs_dir = Path(config.docs_dir).resolve()
    if docs_dir.parent == (project_root(config) / MUNICIPALITIES_DIR).resolve():
        return docs_dir.name
    return None


@dataclass(frozen=True)
class _Loaded:
    config: MkDocsConfig  # held so the id() key cannot be reused while the entry lives
    catalog: Catalog
    municipality: Municipality | None
    urls: SiteUrls
    today: dt.date


_loaded: dict[int, _Loaded] = {}


def load_site(config: MkDocsConfig) -> Site:
    """Read the catalog for this build afresh (call at the start of each build)."""
    catalog = catalog_of(config)
    slug = municipality_slug(config)
    municipality = None
    if slug is not None:
        try:
            municipality = catalog.municipality(slug)
        except KeyError:
            raise PluginError(f"{MUNICIPALITIES_DIR}/{slug} is not a valid municipality folder.") from None
    try:
        today = clock.today()
    except clock.ClockError as error:
        raise PluginError(str(error)) from None
    if len(_loaded) > 16:  # a long `mkdocs serve` session makes a new config per rebuild
        _loaded.clear()
    urls = SiteUrls(config.extra["portal_url"], catalog,
                    latest_alias=LATEST_ALIAS if config.extra.get("versioned") else None, building=slug)
    _loaded[id(config)] = _Loaded(config, catalog, municipality, urls, today)
    return site_of(config)


def site_of(config: MkDocsConfig) -> Site:
    """The site this build is making, in the language being built now."""
    loaded = _loaded.get(id(config))
    if loaded is None or loaded.config is not config:
        return load_site(config)
    lang = config.theme.get("language") or DEFAULT_LANGUAGE
    return Site(loaded.catalog, loaded.municipality, lang, loaded.urls, loaded.today)


def policy_page(site: Site, page: Page) -> PolicyPage | None:
    """The catalog's view of the page being built (None on the portal or for unknown files)."""
    policy = site.policy
    if policy is None:
        return None
    name = danish_name(page.file.src_uri)
    for candidate in policy.pages:
        if candidate.name == name:
            return candidate
    return None


def danish_name(src_uri: str) -> str:
    """'vaerdier.en.md' or generated 'en/temaer/x.md' -> the page's identity across languages."""
    first, _, rest = src_uri.partition("/")
    if rest and first in LANGUAGES:
        return rest
    parts = src_uri.rsplit(".", 2)
    if len(parts) == 3 and parts[1] in LANGUAGES:
        return f"{parts[0]}.{parts[2]}"
    return src_uri


def page_url(site: Site, page: Page) -> str:
    """The absolute address of the page being built (a policy page, a generated page, a portal page)."""
    name = danish_name(page.file.src_uri)
    if site.municipality is not None:
        return site.urls.microsite_page(site.municipality.slug, site.lang, name)
    return site.urls.portal_page(site.lang, page_path(name))


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in this process's memory only.

    Never on disk: Jinja's bytecode files are marshalled code objects that it runs
    after comparing only a checksum of the template's source, so a file planted in a
    cache folder (a pull request can commit one) would run whatever it holds.
    Compiling every template once per process costs a fraction of a second.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecodeCache()


def bytecode_cache() -> jinja2.BytecodeCache:
    """Compiled templates shared by every build in this process (and its forked workers)."""
    return _BYTECODE


@functools.lru_cache(maxsize=8)
def _environment(dirs: tuple[str, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(dirs)),
        bytecode_cache=bytecode_cache(),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["quote_parts"] = quote_parts  # for overrides/policy/quoted.html
    return env


def templates(config: MkDocsConfig) -> jinja2.Environment:
    """Jinja over the theme's template folders (overrides/ first), escaping HTML templates.

    The theme's own environment does not autoescape; ours does, so editor text in
    cards and link lists can never become markup. The XML templates (feed, sitemap)
    are named ``*.xml.html`` so they are escaped too (HTML escaping is valid XML)
    and MkDocs does not copy them into the site as files.
    """
    return _environment(tuple(config.theme.dirs))


_indexes: dict[tuple[int, str], ThemeIndex] = {}


def theme_index(site: Site) -> ThemeIndex:
    """The theme graph for the catalog and language being built (derived, cached per catalog)."""
    key = (id(site.catalog), site.lang)
    if key not in _indexes:
        if len(_indexes) > 8:
            _indexes.clear()
        _indexes[key] = ThemeIndex.build(site.catalog, site.lang)
    return _indexes[key]
