"""What each site's output depends on, as hashes: a site whose inputs are unchanged is not rebuilt.

A microsite's output depends on
* the code and configuration every site is built with (``code``): mkdocs.yml,
  themes.yml, overrides/, hooks/, the Python packages policysite and
  policybuild, the versions of MkDocs and its plugins, and POLICY_* settings;
* what every municipality shows to the others (``shared``): names, addresses,
  titles, building blocks and their themes, dates and status, i.e. the whole
  catalog except the page bodies (the "same theme elsewhere" lists, the portal's
  lists and theme pages are made from these);
* its own files, byte for byte;
* whether its consultation is still open on the build's date (policysite.clock):
  the one thing a page shows that the calendar changes.
The portal depends on ``code``, ``shared`` and docs/. Editing the text of one
page therefore rebuilds that microsite only; editing a title or a theme
rebuilds everything that shows it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from importlib import metadata
from pathlib import Path

from policysite.catalog import Catalog
from policysite.layout import CODE_PATHS, MUNICIPALITIES_DIR, PORTAL_DIR
from policysite.model import Policy

from . import pdf

PACKAGES = ("mkdocs", "properdocs", "mkdocs-material", "mkdocs-static-i18n", "pymdown-extensions", "Markdown", "Jinja2", "PyYAML",
            "weasyprint", "pydyf", "fonttools")  # the last three make the PDFs (policybuild/pdf.py)
# Set by the build driver for each site, so not an input of their own; POLICY_TODAY counts
# only through the consultations it opens or closes (site_keys).
DRIVER_SETTINGS = {"POLICY_DOCS_DIR", "POLICY_SITE_DIR", "POLICY_TODAY"}


def _hash_tree(digest: "hashlib._Hash", root: Path, path: Path) -> None:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        if "__pycache__" in file.parts:
            continue
        digest.update(file.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())


def code_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for name in CODE_PATHS:
        if (root / name).exists():
            _hash_tree(digest, root, root / name)
    for package in ("policysite", "policybuild"):
        folder = Path(__import__(package).__file__).parent
        _hash_tree(digest, folder.parent, folder)
    for name in PACKAGES:
        try:
            digest.update(f"{name}=={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing\n".encode())
    for font in pdf.font_files():  # embedded in the PDFs; from Debian packages, which an upgrade changes
        digest.update(hashlib.sha256(font.read_bytes()).digest() if font.is_file() else b"missing font\n")
    for key in sorted(os.environ):
        if key.startswith("POLICY_") and key not in DRIVER_SETTINGS:
            digest.update(f"{key}={os.environ[key]}\n".encode())
    return digest.hexdigest()


def _public(policy: Policy) -> Policy:
    """A policy as other sites see it: everything but the page bodies."""
    return dataclasses.replace(policy, pages=tuple(
        dataclasses.replace(page, body="", body_line=0) for page in policy.pages))


def shared_hash(catalog: Catalog) -> str:
    digest = hashlib.sha256()
    for municipality in catalog.municipalities:
        for lang in sorted(municipality.policies):
            digest.update(repr(_public(municipality.policies[lang])).encode())
    return digest.hexdigest()


def site_keys(root: Path, catalog: Catalog, today: dt.date) -> dict[str, str]:
    """The input hash of the portal (key "") and of every microsite (key: its slug)."""
    base = code_hash(root) + shared_hash(catalog)
    keys: dict[str, str] = {}
    for slug, folder in [("", root / PORTAL_DIR)] + [
            (m.slug, root / MUNICIPALITIES_DIR / m.slug) for m in catalog.municipalities]:
        digest = hashlib.sha256(base.encode())
        _hash_tree(digest, folder, folder)
        if slug:
            for lang, policy in sorted(catalog.municipality(slug).policies.items()):
                if policy.consultation is not None:
                    digest.update(f"{lang} consultation open: {policy.consultation.is_open(today)}\n".encode())
        keys[slug] = digest.hexdigest()
    return keys
