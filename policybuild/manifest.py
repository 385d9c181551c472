"""What was published: each site's input hash and the hash of every file it published.

``.site.manifest.json`` next to ``site/`` records, per site (the portal is "",
a microsite its slug), the input hash from policybuild/fingerprint.py and every
published file with its SHA-256. A site counts as unchanged only when its inputs
are the same *and* its folder holds exactly the recorded files with the recorded
contents: a file edited, added or removed under ``site/`` by hand makes that site
rebuild. The manifest is sealed with this machine's key (policysite/sealed.py),
like the caches, so a manifest committed to the repository is not believed.

Hashing every published file on every build would cost more than the build of
an unchanged site, so each file's identity (inode, size, modification and change
times) is recorded with its hash: a file whose identity is unchanged has not been
written since it was hashed (the change time cannot be set back), and only files
whose identity moved are read and hashed again.
"""
from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from policysite import sealed

PURPOSE = "site manifest"
KEY = "v2"
PORTAL = ""

# A file's record: [sha256, size, inode, mtime_ns, ctime_ns]
Entry = list
Record = dict[str, Entry]


def path(site: Path) -> Path:
    """Where the manifest of ``site`` is kept: next to it, not in it."""
    return site.with_name(f".{site.name}.manifest.json")


@dataclass
class Manifest:
    inputs: dict[str, str]  # site -> input hash
    files: dict[str, Record]  # site -> its published files, relative to the site's folder

    def sites(self) -> set[str]:
        return set(self.inputs)


def read(site: Path, secret: bytes | None) -> Manifest:
    """The manifest this machine wrote for ``site``; an empty one if there is none (or not ours)."""
    stored = sealed.read(path(site), secret, PURPOSE, KEY)
    manifest = Manifest({}, {})
    if not isinstance(stored, dict) or not isinstance(stored.get("sites"), dict):
        return manifest
    for slug, entry in stored["sites"].items():
        if isinstance(entry, dict) and isinstance(entry.get("inputs"), str) and isinstance(entry.get("files"), dict):
            manifest.inputs[slug] = entry["inputs"]
            manifest.files[slug] = entry["files"]
    return manifest


def write(site: Path, secret: bytes | None, manifest: Manifest) -> None:
    if secret is None:
        path(site).unlink(missing_ok=True)  # nothing can vouch for site/: every build is a clean one
        return
    value = {"sites": {slug: {"inputs": manifest.inputs[slug], "files": manifest.files.get(slug, {})}
                       for slug in sorted(manifest.inputs)}}
    sealed.write(path(site), secret, PURPOSE, KEY, value)


def site_folder(site: Path, slug: str) -> Path:
    return site / slug if slug else site


def _scan(folder: Path, skip: frozenset[str]) -> dict[str, os.stat_result] | None:
    """Every regular file under ``folder`` (minus the top-level names in ``skip``) with its status;
    None if anything else is there (a symlink, a device), which no build writes."""
    found: dict[str, os.stat_result] = {}
    top = os.fspath(folder)
    pending = [("", top)]
    while pending:
        prefix, directory = pending.pop()
        try:
            entries = os.scandir(directory)
        except FileNotFoundError:
            return {} if directory == top else None
        with entries:
            for entry in entries:
                if not prefix and entry.name in skip:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.is_file(follow_symlinks=False):
                    found[prefix + entry.name] = entry.stat(follow_symlinks=False)
                else:
                    return None
    return found


def _hash(file: Path) -> str:
    with open(file, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _identity(status: os.stat_result) -> list[int]:
    return [status.st_size, status.st_ino, status.st_mtime_ns, status.st_ctime_ns]


def verified(folder: Path, recorded: Record | None, skip: Iterable[str] = ()) -> Record | None:
    """``recorded`` brought up to date if ``folder`` holds exactly those files with those contents; else None."""
    if recorded is None:
        return None
    found = _scan(folder, frozenset(skip))
    if found is None or not found or found.keys() != recorded.keys():
        return None
    fresh: Record = {}
    for name, status in found.items():
        entry = recorded[name]
        if not (isinstance(entry, list) and len(entry) == 5 and isinstance(entry[0], str)):
            return None
        identity = _identity(status)
        if entry[1:] == identity:
            fresh[name] = entry
            continue
        if entry[1] != status.st_size or _hash(folder / name) != entry[0]:
            return None
        fresh[name] = [entry[0], *identity]
    return fresh


def record(folder: Path, trusted: Record | None = None, skip: Iterable[str] = ()) -> Record:
    """Every file under ``folder`` with its hash.

    ``trusted``: a record verified earlier in this build; a file with the same inode,
    size and modification time is that file (hard-linking it into the new site changed
    only its change time), so its hash is not computed again.
    """
    found = _scan(folder, frozenset(skip)) or {}
    trusted = trusted or {}
    result: Record = {}
    for name, status in sorted(found.items()):
        identity = _identity(status)
        known = trusted.get(name)
        if known is not None and known[1:4] == identity[:3]:
            result[name] = [known[0], *identity]
        else:
            result[name] = [_hash(folder / name), *identity]
    return result


def unchanged_sites(site: Path, manifest: Manifest, keys: dict[str, str], targets: Iterable[str],
                    microsites: set[str]) -> dict[str, Record]:
    """The targets whose inputs and published files are as recorded, with their refreshed records."""
    result: dict[str, Record] = {}
    for slug in targets:
        if manifest.inputs.get(slug) != keys[slug]:
            continue
        skip = microsites if slug == PORTAL else ()
        fresh = verified(site_folder(site, slug), manifest.files.get(slug), skip)
        if fresh is not None:
            result[slug] = fresh
    return result

