"""What a microsite published with versions holds around its editions, in ``<slug>/`` itself.

mike writes each edition to ``<slug>/<edition>/``, copies the newest to
``<slug>/latest/`` and lists them in ``<slug>/versions.json``. Around them the
published microsite needs its own address and its ``/was`` page:

- ``<slug>/index.html`` sends readers on to ``latest/``;
- ``<slug>/was/index.html`` is the edition's ``was/`` page (it links to the
  municipality's statement by its full address, so it works one level up).

A build with versions writes these, and ``latest/`` as a copy, into its output,
so the link check follows the addresses readers will and a preview of ``site/``
behaves like the published site; ``policysite deploy`` takes the home files from there.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

from policysite.catalog import Catalog
from policysite.csp import CSP
from policysite.labels import LABELS
from policysite.layout import INDEX_FILE, LATEST_ALIAS, OVERRIDES_DIR, WAS_FOLDER
from policysite.model import DEFAULT_LANGUAGE

TEMPLATES_DIR = OVERRIDES_DIR
REDIRECT_TEMPLATE = "policy/edition_redirect.html"
WAS_PAGE = Path(WAS_FOLDER) / INDEX_FILE


def edition_of(catalog: Catalog, slug: str) -> str:
    return catalog.municipality(slug).policy(DEFAULT_LANGUAGE).edition


def home_page(root: Path, catalog: Catalog, slug: str) -> str:
    """``<slug>/index.html``: the microsite's address, sending readers to its newest edition."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(root / TEMPLATES_DIR)),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    policy = catalog.municipality(slug).policy(DEFAULT_LANGUAGE)
    return env.get_template(REDIRECT_TEMPLATE).render(
        lang=DEFAULT_LANGUAGE, t=LABELS[DEFAULT_LANGUAGE], name=policy.municipality, href=f"{LATEST_ALIAS}/", csp=CSP)


def add_surroundings(root: Path, catalog: Catalog, slug: str, home: Path) -> None:
    """Around ``home/<edition>/`` (just built): ``latest/`` as a copy, ``index.html`` and ``was/``."""
    edition = home / edition_of(catalog, slug)
    shutil.copytree(edition, home / LATEST_ALIAS)
    (home / INDEX_FILE).write_text(home_page(root, catalog, slug), encoding="utf-8")
    (home / WAS_PAGE).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(edition / WAS_PAGE, home / WAS_PAGE)


def home_files(home: Path, edition: str) -> list[Path]:
    """The files of a built ``<slug>/`` that are not in an edition or alias folder, relative to it."""
    skip = {edition, LATEST_ALIAS}
    return sorted(
        path.relative_to(home) for path in home.rglob("*")
        if path.is_file() and path.relative_to(home).parts[0] not in skip
    )
