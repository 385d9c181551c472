"""The national search's index, written by the build driver once the microsites are built.

Pagefind (policysite/nationalindex.py) reads every microsite's pages and writes
``<site>/pagefind/`` (layout.NATIONAL_INDEX_DIR) for the portal's search page.
The index depends on every microsite, so it is written again whenever any of
them is built, over the microsites as they will be published: the staged ones
and, in a build of only some, the published rest (hard-linked into a view, never
changed). It passes the final gate with everything else and is swapped in with
the sites it indexes; the manifest records it under its folder's name
(``index_key``), so an index edited or removed by hand is written again.
"""
from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from policysite import nationalindex
from policysite.layout import NATIONAL_INDEX_DIR

KEY = NATIONAL_INDEX_DIR  # the index's entry in the manifest, next to the sites' (a reserved name, never a slug)
VIEW = ".national-search-view"  # inside the staging folder while Pagefind reads it; removed before the gate


def index_key(keys: Mapping[str, str], microsites: Iterable[str]) -> str:
    """What the index depends on: every microsite's inputs and the pinned Pagefind."""
    digest = hashlib.sha256(f"pagefind {nationalindex.version()}\n".encode())
    for slug in sorted(microsites):
        digest.update(f"{slug} {keys.get(slug, '')}\n".encode())
    return digest.hexdigest()


def write_index(staging: Path, site: Path, microsites: Iterable[str], built: Iterable[str], whole: bool) -> float:
    """Write the index into ``staging/pagefind``; the seconds it took.

    ``whole``: staging holds the whole site. Otherwise it holds the microsites in
    ``built`` and the rest are read from ``site``.
    """
    started = time.perf_counter()
    output = staging / NATIONAL_INDEX_DIR
    if whole:
        nationalindex.run(staging, output)
        return time.perf_counter() - started
    view = staging / VIEW
    view.mkdir()
    try:
        built = set(built)
        sources = [staging / slug if slug in built else site / slug for slug in sorted(microsites)]
        sources = [source for source in sources if source.is_dir() and not source.is_symlink()]
        from .build import _link_into  # build imports this module

        _link_into(sources, view)
        nationalindex.run(view, output)
    finally:
        shutil.rmtree(view, ignore_errors=True)
    return time.perf_counter() - started
