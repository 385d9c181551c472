"""The portal's national search index: what Pagefind writes, what the site keeps of it, and its checks.

Pagefind (PyPI ``pagefind[bin]``, pinned with hashes in the locks) reads the
built microsites and writes a chunked index per language into
``<site>/pagefind/`` (layout.NATIONAL_INDEX_DIR). A search downloads Pagefind's
script and WebAssembly for its language, the language's small metadata file, the
index chunks of the words searched for, and one fragment per result shown:
not the whole index.

Of what Pagefind writes, the site keeps only what the portal's own search script
(overrides/assets/policy-search.js) uses; Pagefind's ready-made interfaces
(``pagefind-ui.js`` and the like) are removed (``prune``): the site does not use them. The final gate (policysite/gate.py) allows, in that folder
and nowhere else:

- ``pagefind.js``, ``pagefind-worker.js`` and ``wasm.<lang>.pagefind``: byte for
  byte the files the pinned Pagefind writes itself, found by running it once on a
  page of our own per language (``reference_hashes``), as the theme's files are
  compared with the theme's;
- ``pagefind-entry.json``: Pagefind's list of languages, for our languages and
  the pinned version;
- the metadata, index and filter chunks: gzip files of Pagefind's own format
  (they start with its signature once unpacked) at their own places, of bounded
  size;
- the fragments, which the script shows as results: Pagefind's JSON with a
  result address inside the site and plain text (the page's title and the
  municipality as their only metadata), which the script inserts as text.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import io
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .layout import INDEX_FILE
from .model import LANGUAGES

DISTRIBUTION = "pagefind_bin"  # the wheel with the indexer's binary (pagefind[bin])
SIGNATURE = b"pagefind_dcd"  # how every file of Pagefind's own format starts once unpacked
MAX_UNPACKED = 16 * 1024 * 1024  # no chunk of a 98-municipality index comes near this; more is a bomb
ENTRY_FILE = "pagefind-entry.json"
SCRIPT_FILES = frozenset({"pagefind.js", "pagefind-worker.js"})  # loaded by policy-search.js, and by pagefind.js
WASM = re.compile(r"wasm\.(?P<lang>[a-z]{2,3})\.pagefind")
META = re.compile(r"pagefind\.(?P<lang>[a-z]{2,3})_[0-9a-f]{6,64}\.pf_meta")
CHUNK = re.compile(r"(?P<folder>index|fragment|filter)/(?P<lang>[a-z]{2,3})_[0-9a-f]{6,64}\.pf_(?P<kind>index|fragment|filter)")
# What a result may say about its page: the title (its first heading) and who publishes it (hooks/
# policy_national_search.py), and the first image Pagefind finds by itself (which policy-search.js does not
# show; its address must be in the site). Never "url", which Pagefind would use as the result's address.
META_KEYS = frozenset({"title", "municipality", "image", "image_alt"})
FRAGMENT_KEYS = frozenset({"url", "content", "word_count", "filters", "meta", "anchors"})
# Left out of the index besides what the templates mark data-pagefind-ignore: the pilcrow links Python-
# Markdown's toc extension puts in every heading (mkdocs.yml's toc.permalink), which are not text.
EXCLUDED = "a.headerlink"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class IndexFailed(Exception):
    """Pagefind did not index the site; the message says why."""


def executable() -> Path:
    """The pinned Pagefind binary, from its wheel (never one found on PATH)."""
    try:
        import pagefind_bin

        path = Path(pagefind_bin.get_executable()).resolve()
    except (ImportError, FileNotFoundError):
        raise IndexFailed("Pagefind is not installed: run 'make build', which installs requirements.lock.") from None
    if path.parent != Path(pagefind_bin.__file__).resolve().parent or not os.access(path, os.X_OK):
        raise IndexFailed(f"The Pagefind binary is missing from {DISTRIBUTION}: run 'make build' again.")
    return path


def version() -> str:
    return metadata.version(DISTRIBUTION)


def run(site: Path, output: Path) -> None:
    """Index ``site`` (a folder with every microsite) into ``output``, then keep only what the site publishes.

    Pagefind also reads settings from a pagefind.yml in its working folder and from
    PAGEFIND_* variables: it runs in an empty folder with neither, so only these
    arguments count.
    """
    env = {key: value for key, value in os.environ.items() if not key.upper().startswith("PAGEFIND")}
    with tempfile.TemporaryDirectory(prefix="pagefind-") as work:
        result = subprocess.run([str(executable()), "--site", str(site), "--output-path", str(output), "--silent",
                                 "--exclude-selectors", EXCLUDED],
                                cwd=work, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise IndexFailed(f"Pagefind could not index the site: {(result.stderr or result.stdout).strip()[-2000:]}")
    prune(output)


def prune(output: Path) -> None:
    """Remove what Pagefind writes that the site does not use (its ready-made interfaces, other wasm),
    and write its list of languages in a stable order."""
    try:
        entry = json.loads((output / ENTRY_FILE).read_text(encoding="utf-8"))
        wanted = {f"wasm.{language['wasm']}.pagefind" for language in entry["languages"].values()}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise IndexFailed(f"Pagefind wrote no usable {ENTRY_FILE} ({error}).") from None
    # Pagefind lists the languages in no fixed order; in order, two builds of the same site are identical.
    entry["languages"] = dict(sorted(entry["languages"].items()))
    (output / ENTRY_FILE).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for path in sorted(output.rglob("*"), reverse=True):
        relative = path.relative_to(output).as_posix()
        if path.is_dir():
            continue
        if relative in SCRIPT_FILES or relative == ENTRY_FILE or relative in wanted \
                or META.fullmatch(relative) or CHUNK.fullmatch(relative):
            continue
        path.unlink()


@functools.lru_cache(maxsize=4)
def _reference(binary: str) -> dict[str, str]:
    with tempfile.TemporaryDirectory(prefix="pagefind-reference-") as work:
        site, output = Path(work) / "pages", Path(work) / "out"
        for lang in LANGUAGES:
            page = site / lang / INDEX_FILE
            page.parent.mkdir(parents=True)
            page.write_text(f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{lang}</title>'
                            f'</head><body><main data-pagefind-body><h1>{lang}</h1><p>{lang}</p></main></body>'
                            '</html>', encoding="utf-8")
        result = subprocess.run([binary, "--site", str(site), "--output-path", str(output), "--silent"], cwd=work,
                                env={"PATH": os.environ.get("PATH", "")}, capture_output=True, timeout=120)
        if result.returncode != 0:
            return {}
        return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in output.iterdir()
                if path.is_file() and (path.name in SCRIPT_FILES or WASM.fullmatch(path.name))}


def reference_hashes() -> dict[str, str]:
    """The SHA-256 of each script and WebAssembly file the pinned Pagefind writes, from a run of its own."""
    try:
        return _reference(str(executable()))
    except IndexFailed:
        return {}


@dataclass(frozen=True)
class Problem:
    what: str
    fix: str


FIX = "Build the site with 'make build'; the search index is written by the pinned Pagefind only."


def unpack(data: bytes) -> bytes | None:
    """A chunk of Pagefind's format, unpacked (without its signature), or None."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
            inner = unzipped.read(MAX_UNPACKED + 1)
    except (OSError, EOFError):
        return None
    if len(inner) > MAX_UNPACKED or not inner.startswith(SIGNATURE):
        return None
    return inner[len(SIGNATURE):]


def check(relative: str, data: bytes, local_page: Callable[[str], bool | None]) -> list[Problem]:
    """The problems of the file at ``relative`` in the index folder; ``local_page(url)`` tells whether a
    result's address is a page of the site (True), outside it (False) or not knowable here (None)."""
    name = relative.rsplit("/", 1)[-1]
    if relative in SCRIPT_FILES or WASM.fullmatch(relative):
        expected = reference_hashes().get(relative)
        if expected is None:
            return [Problem(f"the file {relative}, which the pinned Pagefind does not write", FIX)]
        if hashlib.sha256(data).hexdigest() != expected:
            return [Problem(f"{relative}, which is not byte for byte the pinned Pagefind's ({version()})", FIX)]
        return []
    if relative == ENTRY_FILE:
        return _check_entry(data)
    meta = META.fullmatch(relative)
    chunk = CHUNK.fullmatch(relative)
    if chunk and chunk["folder"] != chunk["kind"]:
        chunk = None
    if not (meta or chunk):
        return [Problem(f"the file {relative}, which the national search does not use", FIX)]
    lang = (meta or chunk)["lang"]
    if lang not in LANGUAGES:
        return [Problem(f"an index for the language '{lang}', which the site does not have", FIX)]
    inner = unpack(data)
    if inner is None:
        return [Problem(f"{name}, which is not one of Pagefind's files (gzip with its signature, at most "
                        f"{MAX_UNPACKED // (1024 * 1024)} MB)", FIX)]
    if chunk and chunk["kind"] == "fragment":
        return _check_fragment(inner, local_page)
    return []


def _check_entry(data: bytes) -> list[Problem]:
    try:
        entry = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return [Problem(f"an {ENTRY_FILE} that is not JSON", FIX)]
    if not isinstance(entry, dict) or entry.get("version") != version() or not isinstance(entry.get("languages"), dict):
        return [Problem(f"an {ENTRY_FILE} that the pinned Pagefind ({version()}) did not write", FIX)]
    problems = []
    for lang, language in entry["languages"].items():
        if lang not in LANGUAGES or not isinstance(language, dict) or language.get("wasm") not in (lang, "unknown") \
                or not re.fullmatch(rf"{re.escape(lang)}_[0-9a-f]{{6,64}}", str(language.get("hash"))):
            problems.append(Problem(f"an {ENTRY_FILE} that lists the language '{str(lang)[:20]}' the site does not have",
                                    FIX))
    return problems


def _plain(text: object) -> bool:
    return isinstance(text, str) and not CONTROL.search(text)


def _check_fragment(inner: bytes, local_page) -> list[Problem]:
    try:
        fragment = json.loads(inner.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return [Problem("a result fragment that is not JSON", FIX)]
    if not isinstance(fragment, dict) or set(fragment) - FRAGMENT_KEYS:
        return [Problem("a result fragment with fields Pagefind does not write", FIX)]
    problems = []
    url = fragment.get("url")
    if not isinstance(url, str) or not url.startswith("/") or url.startswith("//") or "\\" in url \
            or not _plain(url) or local_page(url) is False:
        problems.append(Problem(f"a result whose address ({str(url)[:60]}) is not a page of the site", FIX))
    meta = fragment.get("meta")
    image = meta.get("image") if isinstance(meta, dict) else None
    if image is not None and (not _plain(image) or re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//|\\\\)", image)):
        problems.append(Problem(f"a result for {str(url)[:60]} whose image ({str(image)[:60]}) is not in the site", FIX))
    if not isinstance(meta, dict) or set(meta) - META_KEYS or not all(_plain(value) for value in meta.values()):
        keys = ", ".join(sorted(map(str, meta))) if isinstance(meta, dict) else "none"
        problems.append(Problem(f"a result for {str(url)[:60]} with metadata ({keys[:80]}) other than its title, "
                                "municipality and image", "Pages say who publishes them only through the templates "
                                "(data-pagefind-meta is not allowed in content)."))
    if not _plain(fragment.get("content")):
        problems.append(Problem(f"a result for {str(url)[:60]} whose text holds control characters", FIX))
    if fragment.get("filters") not in ({}, None):
        problems.append(Problem(f"a result for {str(url)[:60]} with filters, which the site does not set", FIX))
    return problems
