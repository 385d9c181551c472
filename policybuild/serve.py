"""``policysite serve``: MkDocs' live-reloading preview of the portal or one microsite.

It builds with the same configuration and folders as ``policysite build``
(``mkdocs.yml``, ``docs/`` or ``municipalities/<slug>/``) and listens on
127.0.0.1 only, so a preview is never reachable from another machine. A
municipality is named by its folder, which must be a slug and a folder of
``municipalities/`` (never a path), and is checked before MkDocs starts.
"""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

from policysite.catalog import MUNICIPALITIES_DIR, municipality_dirs
from policysite.schema import SLUG

from .build import CONFIG_FILE

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
PORTAL_DIR = "docs"


class ServeFailed(Exception):
    """The preview could not start; the message says why, in Danish and English."""


def port_number(text: str) -> int:
    """argparse type: a TCP port, 1-65535."""
    try:
        port = int(text, 10)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} er ikke et portnummer (1-65535) / is not a port number (1-65535)")
    return port


def docs_dir(root: Path, slug: str | None) -> Path:
    """The folder to preview: the portal's, or a municipality's checked by its name."""
    if slug is None:
        return root / PORTAL_DIR
    known = [folder.name for folder in municipality_dirs(root)]
    if not SLUG.fullmatch(slug) or slug not in known:
        raise ServeFailed(
            f"{slug!r} er ikke en kommunes mappe i {MUNICIPALITIES_DIR}/. Kendte: {', '.join(known) or 'ingen'}.\n"
            f"{slug!r} is not a municipality's folder in {MUNICIPALITIES_DIR}/. Known: {', '.join(known) or 'none'}.")
    folder = root / MUNICIPALITIES_DIR / slug
    if folder.is_symlink():
        raise ServeFailed(f"{MUNICIPALITIES_DIR}/{slug} er et symbolsk link; brug en almindelig mappe.\n"
                          f"{MUNICIPALITIES_DIR}/{slug} is a symbolic link; use a plain folder.")
    return folder


def serve(root: Path, slug: str | None = None, port: int = DEFAULT_PORT) -> None:
    """Serve a live-reloading preview on http://127.0.0.1:<port>/ until interrupted."""
    from . import engine

    docs = docs_dir(root, slug)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s -  %(message)s")
    logging.getLogger(engine.LOGGER).setLevel(logging.INFO)
    engine.serve(str(root / CONFIG_FILE), docs_dir=str(docs), dev_addr=f"{HOST}:{port}")
